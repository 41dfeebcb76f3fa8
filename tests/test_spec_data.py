"""Hand-written example data for the spec tests (a fictional company per language).

Imported by the test_spec_* modules; it holds no tests itself.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.models import KPI, Conflict, Interview, Project, Requirement, RequirementSet, Source, Stakeholder, Turn

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)

ZH_PEOPLE = [
    Stakeholder(id="zhao-min", name="赵敏", role="sales"),
    Stakeholder(id="qian-hao", name="钱浩", role="finance"),
    Stakeholder(id="sun-li", name="孙丽", role="warehouse"),
    Stakeholder(id="li-gang", name="李刚", role="management"),
    Stakeholder(id="zhou-yan", name="周燕", role="customer_service"),
    Stakeholder(id="wu-tao", name="吴涛", role="it"),
]

# (id, title, statement, category, type, priority, score, rank, [(person, quote)], kpis, refs)
ZH_REQUIREMENTS = [
    ("REQ-001", "与金蝶 ERP 双向集成", "系统应与金蝶 K/3 ERP 双向同步订单、出库单和发票,不再重复录入。", "integration",
     "functional", "must", 92.0, 1,
     [("qian-hao", "现在每张订单要在金蝶里再录一遍,月底对账总是对不上,财务两个人整天在核单。"),
      ("wu-tao", "金蝶是我们的核心系统,新系统必须有标准接口和它对接。"),
      ("sun-li", "出库以后还要手工在金蝶里做出库单,经常漏做。")],
     [KPI(metric="订单重复录入工时", current="每天 6 小时", target="0")], ["2.1"]),
    ("REQ-002", "下单时显示实时可用库存", "系统应在销售和客服下单时显示各仓实时可用库存,防止超卖。", "inventory",
     "functional", "must", 88.5, 2,
     [("zhao-min", "下单的时候根本不知道仓库还有没有货,经常超卖,客户很生气。"),
      ("zhou-yan", "客户打电话问有没有货,我们要打电话问仓库,等半天。")],
     [KPI(metric="超卖订单比例", current="5%", target="低于 0.5%")], ["1.2"]),
    ("REQ-003", "报价审批线上化", "系统应支持折扣报价的线上审批,手机上即可审批。", "workflow",
     "functional", "must", 80.0, 3,
     [("zhao-min", "报价要打印出来找经理签字,一等就是两天。"),
      ("li-gang", "审批必须线上化,但是折扣超过 3% 一定要我批。")],
     [KPI(metric="报价审批时长", current="2 天", target="4 小时以内")], ["1.2", "3.2"]),
    ("REQ-004", "销售可自行给予 8% 以内折扣", "系统应允许销售在 8% 以内自行给予折扣,无需审批。", "pricing",
     "functional", "should", 55.0, 6,
     [("zhao-min", "8% 以内的折扣希望我们自己就能定,不要每单都审批。")], [], ["3.2"]),
    ("REQ-005", "应收账款自动核销", "系统应根据银行回款自动核销应收账款。", "finance",
     "functional", "should", 66.0, 4,
     [("qian-hao", "回款核销全靠人工对银行流水,一个月要花三天。")],
     [KPI(metric="月度核销工时", current="3 天", target="半天")], ["1.3"]),
    ("REQ-006", "管理层销售看板", "系统应提供按渠道、产品和区域的实时销售与毛利看板。", "reporting",
     "functional", "should", 60.0, 5,
     [("li-gang", "我每周要等财务出 Excel 报表,数据都是上周的,没法及时调整策略。")], [], ["1.3"]),
    ("REQ-007", "物流轨迹自动通知客户", "系统应从顺丰获取物流轨迹并自动通知客户。", "logistics",
     "functional", "could", 40.0, 7,
     [("zhou-yan", "客户每天打电话问货到哪了,如果能自动发物流信息就好了,不急。")], [], ["2.1"]),
    ("REQ-008", "按岗位控制数据权限", "系统应按岗位设置数据访问权限,销售只能看到自己客户的订单。", "security",
     "non_functional", "must", 75.0, 8,
     [("wu-tao", "权限一定要细,销售之间不能互相看到客户和价格。")], [], ["5.3"]),
    ("REQ-009", "历史客户与产品数据迁移", "系统应在上线前迁移清洗后的客户主数据和产品主数据。", "data",
     "functional", "should", 50.0, 9,
     [("wu-tao", "客户资料有很多重复的,迁移之前要先清洗。")], [], ["5.1"]),
    ("REQ-010", "本地部署", "系统应支持本地部署,数据留在公司机房。", "deployment",
     "non_functional", "could", 35.0, 10,
     [("wu-tao", "我们倾向本地部署,数据放在自己机房比较放心。")], [], ["2.3"]),
]

ZH_CONFLICTS = [
    Conflict(id="CON-1", summary="销售希望 8% 以内折扣无需审批,管理层要求超过 3% 的折扣必须审批。",
             requirement_ids=["REQ-004", "REQ-003"], stakeholder_ids=["zhao-min", "li-gang"], topic="折扣审批阈值"),
]

EN_PEOPLE = [
    Stakeholder(id="amy-ross", name="Amy Ross", role="sales"),
    Stakeholder(id="ben-ortiz", name="Ben Ortiz", role="finance"),
    Stakeholder(id="carl-wu", name="Carl Wu", role="warehouse"),
    Stakeholder(id="dana-kim", name="Dana Kim", role="management"),
    Stakeholder(id="eve-hall", name="Eve Hall", role="customer_service"),
    Stakeholder(id="finn-lee", name="Finn Lee", role="it"),
]

EN_REQUIREMENTS = [
    ("REQ-001", "Sync orders and invoices with SAP Business One",
     "The system shall exchange orders, deliveries and invoices with SAP Business One without re-keying.",
     "integration", "functional", "must", 0.93, 1,
     [("ben-ortiz", "Every order is typed into SAP a second time and month-end never reconciles."),
      ("finn-lee", "SAP is our ledger. The new system must talk to it through a proper interface."),
      ("carl-wu", "We re-key every shipment into SAP by hand, and some get missed.")],
     [KPI(metric="Hours spent re-keying orders", current="6 h per day", target="0")], ["2.1"]),
    ("REQ-002", "Live available stock at order entry",
     "The system shall show live available stock per warehouse when sales and customer service take an order.",
     "inventory", "functional", "must", 0.88, 2,
     [("amy-ross", "I never know if we have stock when I take an order, so we oversell all the time."),
      ("eve-hall", "When a customer asks about stock I have to phone the warehouse and wait.")],
     [KPI(metric="Oversold orders", current="5%", target="below 0.5%")], ["1.2"]),
    ("REQ-003", "Online approval of discounted quotes",
     "The system shall route discounted quotes for approval online, including from a phone.",
     "workflow", "functional", "must", 0.8, 3,
     [("amy-ross", "Quotes are printed and walked around for signatures; it takes two days."),
      ("dana-kim", "Approval must move online, but any discount above 3% comes to me.")],
     [KPI(metric="Quote approval time", current="2 days", target="under 4 hours")], ["1.2", "3.2"]),
    ("REQ-004", "Sales may grant discounts up to 8% without approval",
     "The system shall let sales reps grant discounts up to 8% without approval.",
     "pricing", "functional", "should", 0.55, 6,
     [("amy-ross", "Let us decide discounts up to 8% ourselves instead of asking every time.")], [], ["3.2"]),
    ("REQ-005", "Automatic cash application",
     "The system shall match incoming bank payments to open invoices automatically.",
     "finance", "functional", "should", 0.66, 4,
     [("ben-ortiz", "Cash application is manual against bank statements and takes three days a month.")],
     [KPI(metric="Cash application effort", current="3 days per month", target="half a day")], ["1.3"]),
    ("REQ-006", "Sales and margin dashboard for management",
     "The system shall provide a live dashboard of sales and margin by channel, product and region.",
     "reporting", "functional", "should", 0.6, 5,
     [("dana-kim", "I wait every week for a spreadsheet from finance and the numbers are already stale.")], [],
     ["1.3"]),
    ("REQ-007", "Tracking updates to customers",
     "The system shall pull tracking events from the carrier (UPS) and notify customers automatically.",
     "logistics", "functional", "could", 0.4, 7,
     [("eve-hall", "Customers call daily asking where their parcel is. Automatic tracking mails would be nice to have.")],
     [], ["2.1"]),
    ("REQ-008", "Role-based data access", "The system shall restrict data by role so reps only see their own accounts.",
     "security", "non_functional", "must", 0.75, 8,
     [("finn-lee", "Permissions must be fine-grained; reps must not see each other's customers or prices.")], [],
     ["5.3"]),
]

EN_CONFLICTS = [
    Conflict(id="CON-1", summary="Sales wants discounts up to 8% without approval; management requires approval above 3%.",
             requirement_ids=["REQ-004", "REQ-003"], stakeholder_ids=["amy-ross", "dana-kim"],
             topic="Discount approval threshold"),
]


def _build(project_name: str, language: str, people, rows, conflicts):
    index = {p.id: p for p in people}
    requirements = []
    for n, (rid, title, statement, category, rtype, priority, score, rank, sources, kpis, refs) in enumerate(rows):
        requirements.append(Requirement(
            id=rid, title=title, statement=statement, category=category, type=rtype, priority=priority,
            score=score, rank=rank, kpis=kpis, checklist_refs=refs,
            reasons=(["管理层明确要求", "多个部门提出"] if language == "zh" else ["raised by several departments",
                                                                       "blocks the order flow"])[: 1 + n % 2],
            sources=[Source(stakeholder_id=pid, name=index[pid].name, role=index[pid].role, quote=quote,
                            answered_at=T0 + timedelta(days=people.index(index[pid])))
                     for pid, quote in sources],
            conflicts=[c.id for c in conflicts if rid in c.requirement_ids],
        ))
    interviews = []
    for i, person in enumerate(people):
        quotes = [q for r in requirements for s in r.sources if s.stakeholder_id == person.id for q in [s.quote]]
        turns = [Turn(index=k, question=f"Q{k}", answer=quote, status="answered", topic=None,
                      checklist_refs=["1.2"], asked_at=T0 + timedelta(days=i), answered_at=T0 + timedelta(days=i, hours=k))
                 for k, quote in enumerate(quotes)]
        if person.role == "warehouse":
            turns.append(Turn(index=len(turns), question=("你们的退货流程是怎样的?" if language == "zh"
                                                          else "How do returns work today?"),
                              status="skipped", asked_at=T0 + timedelta(days=i)))
        interviews.append(Interview(project=project_name, stakeholder=person, language=language,
                                    status="completed", turns=turns, started_at=T0 + timedelta(days=i)))
    project = Project(name=project_name, language=language)
    return project, RequirementSet(project=project_name, requirements=requirements, conflicts=conflicts), interviews


def zh_example():
    """(Project, RequirementSet, interviews) for 青禾食品 (Chinese)."""
    return _build("青禾食品有限公司", "zh", ZH_PEOPLE, ZH_REQUIREMENTS, ZH_CONFLICTS)


def en_example():
    """(Project, RequirementSet, interviews) for Northwind Garden Supplies (English)."""
    return _build("Northwind Garden Supplies", "en", EN_PEOPLE, EN_REQUIREMENTS, EN_CONFLICTS)
