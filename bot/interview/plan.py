"""What to ask whom: interview topics per role, each tied to the checklist by a retrieval query.

A topic is data: a question template in both languages and the query that finds the
checklist passages behind it. The section ids the question cites are not written here;
`questions.py` retrieves them from the knowledge base, so a company's own guidance
added with `reqbot knowledge add` can be cited too.

Every plan opens with the person's current process, goes through the topics the
checklist names for the role (section 1.3 says what each department cares about),
then the systems they use, their pain points and their priorities.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from bot.language import Language
from bot.models import ROLES


class Topic(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    query: str                            # what retrieval looks for (both languages: the index is bilingual)
    question: dict[Language, str]         # {dept} is replaced by the person's department name
    quick_choices: dict[Language, tuple[str, ...]] = {}
    kind: str = "role"                    # "role" topics or the "common" ones everyone gets


DEPARTMENT: dict[str, dict[Language, str]] = {
    "sales": {"zh": "销售", "en": "sales"},
    "finance": {"zh": "财务", "en": "finance"},
    "warehouse": {"zh": "仓储物流", "en": "the warehouse and logistics team"},
    "management": {"zh": "管理层", "en": "management"},
    "customer_service": {"zh": "客服", "en": "customer service"},
    "it": {"zh": "IT", "en": "IT"},
    "other": {"zh": "你们部门", "en": "your team"},
}


def _t(id: str, query: str, zh: str, en: str, kind: str = "role",
       choices_zh: tuple[str, ...] = (), choices_en: tuple[str, ...] = ()) -> Topic:
    choices = {"zh": choices_zh, "en": choices_en} if choices_zh else {}
    return Topic(id=id, query=query, question={"zh": zh, "en": en}, quick_choices=choices, kind=kind)


# --- common topics ---------------------------------------------------------------------------

CURRENT_PROCESS = _t(
    "current_process", "梳理现有订单流程 流程图 从客户下单到收款 每一个环节 current order process map from order to payment",
    "先从日常工作说起:在{dept}这边,一张订单从到你手上到处理完,现在是怎么一步步走的?",
    "Let's start with your day-to-day: in {dept}, how does an order move through your hands today, step by step?",
    kind="common")
SYSTEMS = _t(
    "systems_in_use", "与现有ERP CRM WMS 系统集成 兼容性 接口 integration with existing ERP CRM WMS systems",
    "你们现在用哪些系统或工具做这些事(比如 ERP、CRM、WMS、Excel)?数据在它们之间是怎么传的,有没有要手工重复录入的?",
    "Which systems or tools do you use for this today (ERP, CRM, WMS, spreadsheets…)? How does data get from one to "
    "another, and is anything keyed in twice by hand?",
    kind="common",
    choices_zh=("Excel/表格", "ERP", "CRM", "WMS", "纸质单据"),
    choices_en=("Spreadsheets", "ERP", "CRM", "WMS", "Paper forms"))
PAIN_POINTS = _t(
    "pain_points", "痛点 信息孤岛 手动录入 流程瓶颈 数据延迟 pain points information silos manual entry bottlenecks",
    "在整个订单流程里,最让你头疼、最耽误时间或最容易出错的是哪一环?",
    "Across the order flow, which step costs you the most time, causes the most errors, or frustrates you most?",
    kind="common")
PRIORITIES = _t(
    "priorities", "核心目标 量化 关键绩效指标 KPI core goals quantified key performance indicators",
    "如果新系统上线后只能先解决一件事,你希望是哪件?怎样才算成功(比如某个时间或差错率降到多少)?",
    "If the new system could fix only one thing at go-live, what should it be? What would success look like "
    "(for example a time or error rate you'd want to reach)?",
    kind="common")

# --- role topics -----------------------------------------------------------------------------

ROLE_TOPICS: dict[str, tuple[Topic, ...]] = {
    "sales": (
        _t("quoting_pricing", "快速报价 复杂定价 促销 折扣 CPQ 报价准确 quoting pricing promotions discounts CPQ",
           "现在给客户报价是怎么做的?价格、折扣和促销由谁定,超出多少需要审批?",
           "How do you prepare a quote for a customer today? Who sets prices, discounts and promotions, and when does "
           "a discount need approval?"),
        _t("order_entry", "便捷下单 订单录入 手动录入 审批 order entry manual re-entry approval",
           "客户下单以后,订单是怎么录进系统的?一单大概要录多久,常见哪些录错?",
           "Once a customer orders, how does the order get into the system? How long does one take, and what goes "
           "wrong most often?"),
        _t("order_progress", "实时查看订单进度 订单状态 可见性 real-time order status visibility progress",
           "客户问“我的货到哪了”的时候,你怎么查?要找谁、要多久?",
           "When a customer asks where their order is, how do you find out? Whom do you ask, and how long does it take?"),
        _t("commission", "佣金计算 准确 销售业绩统计 commission calculation accuracy sales performance",
           "提成或佣金现在怎么算、多久算一次?对数字有过争议吗?",
           "How are commissions calculated today, and how often? Are there disputes about the numbers?"),
    ),
    "finance": (
        _t("receivables", "准确的应收账款生成 回款 应收账款周转天数 DSO accounts receivable generation DSO",
           "应收账款现在是怎么产生的?从发货到记上应收,中间要经过哪些人工步骤?",
           "How are receivables created today? Between shipment and the receivable being booked, which steps are manual?"),
        _t("invoices", "发票管理 电子发票 开票 invoice management e-invoicing",
           "开票是怎么做的?一个月开多少张,常见的错票或红冲是什么原因?",
           "How are invoices issued today? Roughly how many a month, and what usually causes a wrong or reversed invoice?"),
        _t("reconciliation", "收款核销 对账 回款 payment reconciliation write-off of receipts against receivables",
           "客户回款以后,怎么和订单、发票对上(收款核销)?对不上的情况多吗?",
           "When a customer pays, how do you match the payment to orders and invoices? How often does it not match?"),
        _t("ledger_credit", "与总账无缝对接 业财一体化 ERP 客户信用额度 general ledger integration customer credit limits",
           "订单数据怎么进总账?客户的信用额度和账期现在谁来管,超额的订单会被拦下来吗?",
           "How does order data reach the general ledger? Who manages customer credit limits and terms today, and are "
           "orders over the limit stopped?"),
    ),
    "warehouse": (
        _t("shipping_instructions", "准确的发货指令 仓库 发货 拣货 accurate shipping instructions warehouse dispatch",
           "仓库是怎么拿到发货指令的?指令不全或出错的时候会发生什么?",
           "How does the warehouse receive shipping instructions today? What happens when one is incomplete or wrong?"),
        _t("inventory", "实时的库存更新 超卖 库存水平 real-time inventory updates overselling stock levels",
           "库存数是怎么更新的,多久一次?会出现系统有货、实际没货(或反过来)的情况吗?",
           "How and how often are stock levels updated? Does the system ever show stock you don't have, or the "
           "other way round?"),
        _t("carriers", "与物流服务商的接口集成 物流跟踪 运单 integration with logistics providers carrier tracking",
           "你们和哪些物流商或车队合作?运单和签收信息现在怎么回传?",
           "Which carriers or fleets do you work with? How do waybills and proof of delivery come back to you today?"),
        _t("channel_allocation", "多渠道库存统一视图 库存分配冲突 渠道 unified multi-channel inventory allocation conflicts",
           "不同渠道或门店的订单抢同一批货的时候,现在是怎么分配的?",
           "When orders from different channels or stores compete for the same stock, how is it allocated today?"),
    ),
    "management": (
        _t("goals_kpis", "核心目标 量化 KPI 订单处理时间 客户满意度 core goals KPIs order processing time",
           "这个项目对公司最重要的目标是什么?你会用哪几个数字来判断它成功了?",
           "What is this project's most important goal for the company? Which numbers would tell you it succeeded?"),
        _t("dashboards", "宏观的数据分析报表 销售趋势 BI 看板 analytical reports sales trends dashboards",
           "你现在看哪些经营报表?数据是谁做的、要等多久?希望多实时?",
           "Which business reports do you look at today? Who prepares them and how long do you wait? How current "
           "should they be?"),
        _t("channel_product", "产品利润分析 渠道表现 product profitability channel performance",
           "按渠道、产品或客户看利润和表现,现在能看到吗?哪个维度最想看却看不到?",
           "Can you see profit and performance by channel, product or customer today? Which view do you most miss?"),
        _t("rollout", "实施时间表 里程碑 项目发起人 资源 风险 implementation timeline milestones sponsor risks",
           "对上线时间、预算和各部门投入,你有什么期望或硬性限制?",
           "What do you expect, or what hard limits are there, for the go-live date, budget and each department's time?"),
    ),
    "customer_service": (
        _t("order_inquiries", "订单状态 实时可见性 客服 查询 order status real-time visibility customer service",
           "客户来问订单的时候,最常问什么?你查一单要多久、要翻几个地方?",
           "When customers contact you about an order, what do they ask most? How long does one lookup take, and "
           "how many places do you check?"),
        _t("changes_returns", "订单变更 取消 退换货 售后 order changes cancellations returns",
           "改单、取消和退换货现在怎么处理?谁审批,大概要多久?",
           "How are order changes, cancellations and returns handled today? Who approves them and how long does it take?"),
        _t("proactive_updates", "客户体验 交付周期 客户满意度 通知 customer experience delivery lead time satisfaction",
           "有没有主动通知客户(发货、延误、到货)?客户最常抱怨的是什么?",
           "Do you tell customers proactively about shipment, delays or delivery? What do they complain about most?"),
        _t("service_training", "培训 客服人员 日常操作 查看订单状态 training customer service staff daily operations",
           "新系统上线后,客服团队最需要哪些功能和培训才能马上用起来?",
           "When the new system goes live, what will the service team need, in features and training, to use it "
           "from day one?"),
    ),
    "it": (
        _t("integration", "开放API 接口 ERP集成 PaaS open APIs integration ERP interfaces",
           "新系统需要和哪些系统对接?现在的接口是怎么做的(API、文件、手工导入)?",
           "Which systems must the new one connect to? How are interfaces done today (API, files, manual import)?"),
        _t("deployment", "云SaaS 本地部署 混合云 网络 带宽 cloud SaaS on-premise deployment network",
           "部署方式上你们倾向云(SaaS)还是本地?有没有合规、网络或带宽上的限制?",
           "Do you lean towards cloud (SaaS) or on-premise deployment? Any compliance, network or bandwidth constraints?",
           choices_zh=("云 SaaS", "本地部署", "混合"), choices_en=("Cloud SaaS", "On-premise", "Hybrid")),
        _t("data_migration", "数据清洗 数据迁移 历史订单 客户主数据 data cleansing migration master data",
           "要迁移哪些数据(客户、产品、历史订单)?这些数据现在质量如何,谁负责?",
           "Which data must move over (customers, products, past orders)? How clean is it today, and who owns it?"),
        _t("security", "数据安全 权限 访问控制 合规 data security access control permissions compliance",
           "权限和数据安全方面有哪些要求?比如谁能看到价格、客户或财务数据?",
           "What are your security and permission requirements? For example, who may see prices, customers or "
           "financial data?"),
    ),
    "other": (
        _t("touchpoints", "订单流程 参与者 信息传递 order process participants hand-offs",
           "你的工作在哪些环节会碰到订单?你从谁那里拿信息、又交给谁?",
           "Where does your work touch orders? From whom do you get information, and to whom do you pass it?"),
        _t("information_needs", "数据分析报表 实时数据 reports real-time data",
           "你需要从订单里看到哪些信息或报表,现在拿到它们要多久?",
           "Which information or reports do you need from orders, and how long does it take to get them today?"),
        _t("testing_training", "用户验收测试 培训 反馈 UAT training feedback",
           "上线前后,你希望怎么参与测试和培训?",
           "Before and after go-live, how would you like to take part in testing and training?"),
    ),
}

assert set(ROLE_TOPICS) == set(ROLES), "every role needs its topics"


def plan_topics(role: str) -> list[Topic]:
    """The ordered topics of an interview for `role`."""
    if role not in ROLE_TOPICS:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    return [CURRENT_PROCESS, *ROLE_TOPICS[role], SYSTEMS, PAIN_POINTS, PRIORITIES]


def department(role: str, language: Language) -> str:
    return DEPARTMENT.get(role, DEPARTMENT["other"])[language]


# What a reader calls each topic (the spec's coverage table, Slack's status).
TOPIC_TITLES: dict[str, dict[Language, str]] = {
    "current_process": {"zh": "现有流程", "en": "current process"},
    "systems_in_use": {"zh": "现用系统", "en": "systems in use"},
    "pain_points": {"zh": "痛点", "en": "pain points"},
    "priorities": {"zh": "优先级", "en": "priorities"},
    "quoting_pricing": {"zh": "报价与定价", "en": "quoting and pricing"},
    "order_entry": {"zh": "下单录入", "en": "order entry"},
    "order_progress": {"zh": "订单进度", "en": "order progress"},
    "commission": {"zh": "佣金提成", "en": "commission"},
    "receivables": {"zh": "应收账款", "en": "receivables"},
    "invoices": {"zh": "发票", "en": "invoices"},
    "reconciliation": {"zh": "收款核销", "en": "payment reconciliation"},
    "ledger_credit": {"zh": "总账与信用", "en": "ledger and credit"},
    "shipping_instructions": {"zh": "发货指令", "en": "shipping instructions"},
    "inventory": {"zh": "实时库存", "en": "real-time inventory"},
    "carriers": {"zh": "承运商", "en": "carriers"},
    "channel_allocation": {"zh": "渠道与分仓", "en": "channels and allocation"},
    "goals_kpis": {"zh": "目标与KPI", "en": "goals and KPIs"},
    "dashboards": {"zh": "报表看板", "en": "dashboards"},
    "channel_product": {"zh": "渠道与产品表现", "en": "channel and product performance"},
    "rollout": {"zh": "上线安排", "en": "rollout"},
    "order_inquiries": {"zh": "订单查询", "en": "order inquiries"},
    "changes_returns": {"zh": "改单与退货", "en": "changes and returns"},
    "proactive_updates": {"zh": "主动通知", "en": "proactive updates"},
    "service_training": {"zh": "客服培训", "en": "service training"},
    "integration": {"zh": "系统集成", "en": "integration"},
    "deployment": {"zh": "部署方式", "en": "deployment"},
    "data_migration": {"zh": "数据迁移", "en": "data migration"},
    "security": {"zh": "安全与权限", "en": "security and permissions"},
    "touchpoints": {"zh": "与订单的接触点", "en": "touchpoints with orders"},
    "information_needs": {"zh": "信息需求", "en": "information needs"},
    "testing_training": {"zh": "测试与培训", "en": "testing and training"},
}


def topic_title(topic_id: str, language: Language) -> str:
    """A topic's name for readers; an unknown id (an older plan's) reads as words."""
    titles = TOPIC_TITLES.get(topic_id)
    return titles[language] if titles else topic_id.replace("_", " ")
