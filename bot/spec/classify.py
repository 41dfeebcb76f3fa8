"""Where each requirement is described in detail, and which interfaces it touches.

Every requirement gets exactly one detail card: integration requirements in the interface
chapter, security/deployment and other non-functional ones in the non-functional
chapter, data requirements in data migration, and everything else by category.
Interface detection uses generic words and well-known product names, not any company's
wording.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.models import Requirement

# Kinds of interface the specification always reports on (the checklist's list in [2.1]),
# with generic words and product names that show a requirement touches that system.
INTERFACE_KINDS: dict[str, tuple[str, ...]] = {
    "erp": ("erp", "总账", "财务系统", "记账", "general ledger", "accounting system", "sap", "金蝶", "kingdee",
            "用友", "yonyou", "u8", "oracle", "netsuite", "dynamics", "odoo", "鼎捷", "k3", "k/3"),
    "crm": ("crm", "客户关系", "商机", "salesforce", "hubspot", "纷享销客", "销售易", "customer relationship"),
    "wms": ("wms", "仓库系统", "仓储系统", "仓库管理系统", "warehouse system", "warehouse management",
            "旺店通", "富勒", "巨沃", "manhattan"),
    "einvoice": ("电子发票", "开票", "发票", "税控", "金税", "百望", "航信", "航天信息", "诺诺", "e-invoice",
                 "einvoice", "invoice", "fapiao", "golden tax"),
    "payment": ("支付", "付款", "收款", "网银", "银联", "支付宝", "微信支付", "payment", "pay online", "gateway",
                "alipay", "wechat pay", "unionpay", "stripe", "paypal", "bank transfer"),
    "carrier": ("快递", "承运", "运单", "物流公司", "物流跟踪", "物流轨迹", "物流单号", "顺丰", "京东物流", "中通",
                "圆通", "申通", "韵达", "德邦", "carrier", "courier", "waybill", "tracking number", "shipping label",
                "3pl", "sf express", "dhl", "fedex", "ups", "ems"),
    "channel": ("电商", "商城", "天猫", "淘宝", "京东", "拼多多", "抖音", "有赞", "小程序", "e-commerce", "ecommerce",
                "marketplace", "online store", "webshop", "tmall", "taobao", "jd.com", "shopify", "amazon", "douyin"),
}

# Product names shown in the "systems named" column (display form; matched case-insensitively).
PRODUCT_NAMES: dict[str, tuple[str, ...]] = {
    "erp": ("SAP", "金蝶", "Kingdee", "用友", "Yonyou", "U8", "Oracle", "NetSuite", "Dynamics", "Odoo", "鼎捷", "K3", "K/3"),
    "crm": ("Salesforce", "HubSpot", "纷享销客", "销售易"),
    "wms": ("旺店通", "富勒", "巨沃", "Manhattan"),
    "einvoice": ("金税", "百望", "航信", "航天信息", "诺诺", "Golden Tax"),
    "payment": ("支付宝", "Alipay", "微信支付", "WeChat Pay", "银联", "UnionPay", "Stripe", "PayPal"),
    "carrier": ("顺丰", "SF Express", "京东物流", "中通", "圆通", "申通", "韵达", "德邦", "DHL", "FedEx", "UPS", "EMS"),
    "channel": ("天猫", "Tmall", "淘宝", "Taobao", "京东", "JD.com", "拼多多", "抖音", "Douyin", "有赞", "Shopify", "Amazon"),
}

NFR_ASPECTS: dict[str, tuple[str, ...]] = {
    "performance": ("性能", "响应", "秒", "并发", "高峰", "卡顿", "速度", "performance", "response time", "latency",
                    "seconds", "concurrent", "peak", "throughput"),
    "availability": ("可用", "宕机", "停机", "备份", "恢复", "容灾", "7x24", "7×24", "sla", "离线", "断网", "稳定",
                     "availability", "uptime", "downtime", "backup", "restore", "disaster", "offline", "outage",
                     "failover"),
}

_LATIN = re.compile(r"^[a-z0-9 ./\-]+$")


def _contains(text: str, word: str) -> bool:
    """Case-insensitive; Latin words must stand alone ("ups" is not in "groups")."""
    if _LATIN.match(word):
        return re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", text) is not None
    return word in text


def requirement_text(requirement: Requirement, with_quotes: bool = True) -> str:
    parts = [requirement.title, requirement.statement]
    parts += [k.metric for k in requirement.kpis]
    if with_quotes:
        parts += [s.quote for s in requirement.sources]
    return " ".join(parts).lower()


def interface_kinds(requirement: Requirement) -> list[str]:
    """Interface kinds the requirement's own wording names (quotes are not enough on their own)."""
    text = requirement_text(requirement, with_quotes=False)
    return [kind for kind, words in INTERFACE_KINDS.items() if any(_contains(text, w) for w in words)]


def products_named(requirement: Requirement, kind: str) -> list[str]:
    text = requirement_text(requirement, with_quotes=True)
    return [name for name in PRODUCT_NAMES.get(kind, ()) if _contains(text, name.lower())]


def nfr_aspect(requirement: Requirement) -> str:
    """performance | availability | other, for a non-functional requirement outside security/deployment."""
    text = requirement_text(requirement, with_quotes=False)
    for aspect, words in NFR_ASPECTS.items():
        if any(_contains(text, w) for w in words):
            return aspect
    return "other"


@dataclass(frozen=True)
class Home:
    section: str          # "integration" | "non_functional" | "data_migration" | "requirements_detail"
    group: str            # category or non-functional aspect within that section


def detail_home(requirement: Requirement) -> Home:
    category = str(requirement.category)
    if category == "integration":
        return Home("integration", "integration")
    if category == "data":
        return Home("data_migration", "data")
    if category in ("security", "deployment"):
        return Home("non_functional", category)
    if requirement.type == "non_functional":
        return Home("non_functional", nfr_aspect(requirement))
    return Home("requirements_detail", category)
