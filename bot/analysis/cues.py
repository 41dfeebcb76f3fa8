"""Cue lexicons (Chinese + English) that tell a need from background talk and weigh it.

Each lexicon is a compiled pattern; `cues(text)` returns which of them fire. The words
are general language of requirements interviews (want/need/must, 希望/必须/不急 …),
never phrases of any particular company.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.analysis.matcher import TermMatcher, normalise


def _alternation(words: list[str]) -> str:
    """ASCII words get a left word boundary (so 'ship' is not found in 'relationship');
    Chinese words are plain substrings."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        esc = re.escape(w).replace(r"\ ", r"\s+")
        parts.append(rf"(?<![A-Za-z]){esc}" if w[:1].isascii() and w[:1].isalnum() else esc)
    return "|".join(parts)


def compile_words(words: list[str]) -> re.Pattern[str]:
    return re.compile(_alternation(words), re.IGNORECASE)


class Lexicon:
    """A word list usable as a regex (`.pattern`, for windows and positions) and as a
    one-pass matcher (`.count`, `.positions`, fast enough for 10,000 answers)."""

    def __init__(self, words: list[str]) -> None:
        self.words = list(words)
        self.pattern = compile_words(self.words)
        self._matcher = TermMatcher(self.words)

    def count(self, text: str) -> int:
        return len(self._matcher.find(text))

    def positions(self, text: str) -> list[int]:
        """Start offsets (in the whitespace-normalised, lower-cased text)."""
        return sorted(start for _, start in self._matcher.find(text))

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text)

    def findall(self, text: str) -> list[str]:
        return self.pattern.findall(text)

    def finditer(self, text: str):
        return self.pattern.finditer(text)


# A wish or a demand: the sentence asks the system (or the process) for something.
NEED = Lexicon([
    "希望", "需要", "要能", "要求", "应该", "应当", "最好", "能不能", "能否", "想要", "得有", "要有",
    "要支持", "支持", "实现", "能够", "必须", "一定要", "务必", "不能再", "不要再", "别再", "要做到",
    "至少", "要自动", "自动", "要让", "能让", "可以让", "要把", "应能", "帮我们", "该有", "才行",
    "want", "need", "needs", "needed", "should", "would like", "i'd like", "we'd like", "wish", "hope",
    "expect", "require", "has to", "needs to have", "must", "would help", "would be nice", "ideally",
    "allow", "enable", "support", "able to", "let us", "let them", "let stores", "automatic",
    "automatically", "at least", "at the very least", "can we", "could we", "needs to", "make sure",
])
# Strong, explicit importance.
MUST = Lexicon([
    "必须", "一定要", "务必", "绝对要", "至关重要", "最关心", "非常重要", "很重要", "特别重要", "刚需",
    "底线", "硬性", "少一条都不行", "不能没有", "必不可少", "第一期必须", "一期必须", "上线必须", "关键的",
    "必需", "头等大事", "最要紧", "最重要", "重中之重", "首要", "当务之急", "优先解决",
    # "has to" but not "I have to …": that is how people describe today's chores
    "must", "has to", "have to be", "mandatory", "critical", "essential", "non-negotiable", "must-have",
    "a must", "crucial", "key requirement", "very important", "really important", "matters most",
    "can't live without", "cannot live without", "top of my list", "required for go-live",
    "full stop", "deal-breaker", "deal breaker", "no exceptions", "most important", "top priority",
    "highest priority", "number one priority", "biggest priority", "first priority",
])
# Deferral / low importance.
LOW = Lexicon([
    "不急", "不着急", "不是很急", "锦上添花", "有的话更好", "放到第二期", "放到二期", "第二期", "二期再",
    "以后再说", "后续再", "暂时不用", "不是必须", "可有可无", "先不做", "不是重点", "不用急", "慢慢来",
    "有更好", "有当然好",
    "nice to have", "nice-to-have", "not urgent", "no rush", "can wait", "later phase", "phase two",
    "phase 2", "second phase", "not a priority", "low priority", "would be nice", "would be great",
    "someday", "eventually", "not critical", "not essential", "not a must", "not important",
    "if possible", "if there is time", "bonus",
])
# A negation right before a LOW cue cancels it ("a must for go-live, not phase two").
LOW_NEGATED = re.compile(r"(not|no|rather than|而不是|不是|不能|不可以|不能放到)\s*(the\s+)?$", re.IGNORECASE)
# Pain: the current way hurts.
PAIN = Lexicon([
    "慢", "错", "对不上", "超卖", "手工", "手动", "人工", "靠人", "再录一遍", "重复录入", "录两遍", "录入两次",
    "催", "麻烦", "痛苦", "头疼", "延误", "积压", "丢", "漏", "不准", "看不到", "不知道", "查不到", "答不上",
    "投诉", "退回", "拒收", "返工", "重做", "白跑", "浪费", "来回", "打电话", "翻", "等", "拖", "混乱", "乱",
    "没法", "无法", "不清楚", "抄", "靠Excel", "Excel", "纸质", "签字", "过期", "缺货", "断货", "损失",
    "manual", "manually", "by hand", "retype", "re-type", "re-key", "rekey", "key in", "keyed",
    "error", "errors", "wrong", "mistake", "slow", "late", "delay", "backlog", "lost", "get lost",
    "chase", "chasing", "no idea", "can't see", "cannot see", "takes forever", "forever", "complain",
    "complaint", "remake", "rework", "oversell", "oversold", "mismatch", "never agree", "don't match",
    "do not match", "spreadsheet", "excel", "whiteboard", "phone call", "copy-past", "bleeding",
    "wasted", "mess", "painful", "stuck", "behind", "argue", "nobody", "too late", "typo", "paper",
    "missing", "duplicate", "twice", "three times", "problem", "issue",
])
# Stated business impact (beyond inconvenience).
IMPACT = Lexicon([
    "损失", "罚款", "停业", "整顿", "投诉", "流失", "丢单", "退货", "拒收", "返工", "审计发现", "审计检查", "药监", "监管",
    "合规", "赔", "坏账", "核销掉", "成本", "利润", "毛利", "现金流", "客户满意", "停产", "召回", "事故",
    "loss", "lose", "losing", "cost us", "costs us", "penalty", "fine", "complaint", "complaints",
    "write off", "wrote off", "written off", "auditor", "auditors", "regulator", "compliance", "bad debt",
    "margin", "revenue", "cash flow", "churn", "recall", "bleeding money", "remake", "safety",
])
# The order flow itself stops or breaks.
BLOCKS = Lexicon([
    "下不了单", "下不了", "发不了货", "发不出", "无法发货", "无法下单", "卡住", "卡在", "压着", "压在", "停滞",
    "积压", "拒收", "没货", "发错", "超卖", "一等就是", "才能下单", "才能出库", "才能发货",
    "can't ship", "cannot ship", "can't take orders", "orders stuck", "held up", "hold up",
    "backlog", "got nothing", "oversell", "oversold", "can't deliver", "blocked", "blocks",
    "wrong goods", "wrong item", "stops the", "bottleneck",
])
# Talking against something (flips a stance found in the same part of a sentence).
AGAINST = Lexicon([
    "反对", "不同意", "不要", "不能", "不应", "不应该", "别", "不放心", "不想", "不希望", "不允许", "禁止",
    "不可以", "不行", "不赞成", "不接受", "拒绝",
    "don't want", "do not want", "against", "oppose", "never", "shouldn't", "should not", "not allow",
    "no way", "cannot accept", "can't accept", "won't", "refuse", "instead of", "rather than",
    "shouldn't be able", "must not", "mustn't", "not be able", "don't like", "doesn't like",
])
# A price to pay: the speaker mentions an option only to warn against it.
DOWNSIDE = Lexicon([
    "如果强制", "会流失", "会少", "会拖", "会增加", "代价", "风险太大", "意味着要买", "成为瓶颈", "会丢", "丢掉", "会失去",
    "否则", "不然",
    "if we force", "we lose", "will lose", "would lose", "would add", "will add", "means buying", "otherwise",
    "cost us", "costs us", "损失了",
    "means we", "become the bottleneck", "order less", "too expensive", "too risky", "waste of",
])
# Preference strength for stances.
PREFER = Lexicon([
    "倾向", "更喜欢", "建议", "主张", "坚持", "我选", "最好是", "应该用",
    "prefer", "honestly", "i'd go with", "i would go with", "recommend", "my vote", "insist",
])
# Phase / go-live cues mark importance for the topics named in the same part.
PHASE_FIRST = Lexicon([
    "第一期", "一期", "首期", "上线前", "上线时", "上线就要", "第一阶段",
    "phase one", "phase 1", "first phase", "for go-live", "at go-live", "day one", "from day one",
])
# Data moving between systems: with a named system it marks an integration need
# ("WMS 的库存要推给订单系统", "orders should flow into SAP").
TRANSFER = Lexicon([
    "推给", "推送", "推到", "下发", "回传", "传给", "传到", "同步", "对接", "接口", "打通", "回写", "写入", "导入",
    "自动生成", "互通", "集成",
    "push", "pushed", "sync", "synced", "flow into", "flows into", "flow back", "flows back", "feed",
    "integrat", "interface", "api", "send to", "sent to", "write back", "talks to", "connect",
])
# Domain vocabulary of order management: a sentence with none of it is not about the OMS.
DOMAIN = Lexicon([
    "订单", "下单", "接单", "报价", "价格", "定价", "促销", "折扣", "返利", "库存", "仓库", "发货", "出库", "入库",
    "物流", "配送", "送货", "运单", "快递", "签收", "客户", "经销商", "门店", "渠道", "开票", "发票", "回款", "收款",
    "应收", "账期", "信用", "核销", "对账", "审批", "合同", "退货", "换货", "报表", "数据", "系统", "对接", "集成",
    "权限", "部署", "迁移", "培训", "批号", "批次", "效期", "追溯", "召回", "条码", "扫码", "结算", "财务", "销售",
    "采购", "供应商", "生产", "排产", "交期", "交付", "提成", "佣金", "看板", "毛利", "货", "单子", "ERP", "CRM",
    "WMS", "SaaS", "API", "接口", "上线", "业务", "流程", "安装", "预约", "工程", "项目",
    "order", "quote", "quotation", "price", "pricing", "promotion", "discount", "rebate", "stock",
    "inventory", "warehouse", "ship", "shipping", "shipment", "dispatch", "deliver", "delivery",
    "logistic", "carrier", "courier", "freight", "waybill", "tracking", "customer", "dealer",
    "distributor", "store", "channel", "invoice", "billing", "payment", "receivable", "credit",
    "reconcil", "approv", "contract", "return", "refund", "report", "dashboard", "data", "system",
    "integrat", "interface", "permission", "access", "deploy", "migrat", "training", "lot", "batch",
    "expiry", "trace", "recall", "barcode", "scan", "finance", "sales", "purchase", "supplier",
    "production", "lead time", "commission", "margin", "portal", "erp", "crm", "wms", "saas", "api",
    "go-live", "rollout", "install", "appointment", "product", "sku", "pick", "pack", "cloud",
    "security", "audit", "mobile", "app", "project", "revenue", "cash",
])


@dataclass(frozen=True)
class Cues:
    need: int
    must: int
    low: int
    pain: int
    impact: int
    blocks: int
    domain: int

    @property
    def is_need(self) -> bool:
        return self.need > 0 or self.must > 0

    @property
    def is_low(self) -> bool:
        return self.low > 0 and self.must == 0


def count_low(text: str) -> int:
    """LOW cues that are not negated ("not phase two", "不是锦上添花")."""
    text = normalise(text)
    return sum(1 for start in LOW.positions(text)
               if not LOW_NEGATED.search(text[max(0, start - 14):start]))


_COUNTED = (("need", NEED), ("must", MUST), ("pain", PAIN), ("impact", IMPACT), ("blocks", BLOCKS), ("domain", DOMAIN))
# one automaton over every counted lexicon: a sentence is scanned once, not six times
_ALL_WORDS: list[str] = []
_WORD_LEXICONS: list[list[str]] = []
_seen: dict[str, int] = {}
for _name, _lexicon in _COUNTED:
    for _word in _lexicon.words:
        _key = normalise(_word).strip()
        if _key not in _seen:
            _seen[_key] = len(_ALL_WORDS)
            _ALL_WORDS.append(_key)
            _WORD_LEXICONS.append([])
        _WORD_LEXICONS[_seen[_key]].append(_name)
_ALL = TermMatcher(_ALL_WORDS)


@lru_cache(maxsize=65536)
def cues(text: str) -> Cues:
    counts = dict.fromkeys(("need", "must", "pain", "impact", "blocks", "domain"), 0)
    for index, _ in _ALL.find(text):
        for name in _WORD_LEXICONS[index]:
            counts[name] += 1
    return Cues(low=count_low(text) if LOW.count(text) else 0, **counts)

