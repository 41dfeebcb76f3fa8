"""Every word the specification prints that does not come from the data, in zh and en.

One table instead of if/else in the section builders: a builder asks `tr(key, lang, **fields)`
and gets the sentence in the document's language with the fields filled in.
"""
from __future__ import annotations

from bot.language import Language

# key: (zh, en)
LABELS: dict[str, tuple[str, str]] = {
    # --- document frame -----------------------------------------------------------------
    "doc.title": ("需求规格说明书", "Requirements Specification"),
    "doc.subtitle": ("订单管理系统(OMS)实施项目", "Order management system (OMS) implementation"),
    "doc.status": ("草稿,待指导委员会评审", "Draft for steering committee review"),
    "doc.prepared_by": (
        "reqbot,根据 {people}的访谈整理",
        "reqbot, from interviews with {people}"),
    "doc.classification": ("内部资料,仅限项目组及入围供应商", "Internal: project team and shortlisted vendors"),
    "doc.version": ("V{n}", "V{n}"),
    "table.prefix": ("表", "Table"),
    "none": ("无", "None"),
    "dash": ("—", "—"),
    "list.sep": ("、", ", "),
    "sentence.sep": (";", "; "),
    "colon": (":", ": "),
    "quote.open": ("“", "“"),
    "quote.close": ("”", "”"),
    "person": ("{name}({role})", "{name} ({role})"),
    "count": ("{label}({n})", "{label} ({n})"),
    "attribution": ("—— {who}", "— {who}"),

    # --- section headings (layout.json ids) ---------------------------------------------
    "section.document_control": ("文档控制", "Document control"),
    "section.contents": ("目录", "Contents"),
    "section.introduction": ("引言", "Introduction"),
    "section.goals": ("业务目标与关键绩效指标", "Business goals and KPIs"),
    "section.stakeholders": ("干系人与访谈覆盖情况", "Stakeholders and interview coverage"),
    "section.pain_points": ("现状与痛点", "Current situation and pain points"),
    "section.priorities": ("需求优先级总表", "Prioritized requirements"),
    "section.requirements_detail": ("功能需求详述", "Functional requirements in detail"),
    "section.integration": ("集成与接口需求", "Integration and interface requirements"),
    "section.non_functional": ("非功能需求", "Non-functional requirements"),
    "section.data_migration": ("数据迁移", "Data migration"),
    "section.decisions": ("冲突与待决事项", "Conflicts and open questions"),
    "section.implementation": ("实施建议", "Implementation recommendations"),
    "section.appendix": ("附录", "Appendix"),

    # --- title page / document control -------------------------------------------------
    "field.project": ("项目", "Project"),
    "field.document": ("文档", "Document"),
    "field.version": ("版本", "Version"),
    "field.date": ("日期", "Date"),
    "field.status": ("状态", "Status"),
    "field.prepared_by": ("编写", "Prepared by"),
    "field.classification": ("密级", "Classification"),
    "control.intro": (
        "本说明书汇总了各部门干系人访谈中提出的需求,目前为草稿。指导委员会就“{decisions}”一章中的事项作出决定后,"
        "本说明书即作为供应商选型和“需求确认书签署”里程碑的依据 [4.1]。",
        "This specification consolidates the requirements raised in the stakeholder interviews. It is a draft: "
        "once the steering committee has decided the items in “{decisions}”, it becomes the basis for vendor "
        "selection and for the “requirements sign-off” milestone [4.1]."),
    "control.revisions": ("修订记录", "Revision history"),
    "control.approvals": ("审批", "Approval"),
    "col.change": ("修订说明", "Change"),
    "col.requirements": ("需求数", "Requirements"),
    "col.role": ("角色", "Role"),
    "col.name": ("姓名", "Name"),
    "col.signature": ("签字", "Signature"),
    "revision.first": (
        "首版:根据 {interviews}生成 {requirements}",
        "First draft: {requirements} from {interviews}"),
    "revision.current": (
        "本版:{requirements},{conflicts}",
        "This version: {requirements}, {conflicts}"),
    "revision.since": ("相对 {version}:{changes}", "Since {version}: {changes}"),
    "revision.first.short": ("首版", "First draft"),
    "approval.sponsor": ("项目发起人", "Project sponsor"),
    "approval.pm": ("项目经理", "Project manager"),
    "approval.key_user": ("关键用户({dept})", "Key user ({dept})"),
    "approval.it": ("IT 负责人", "IT lead"),

    # --- introduction --------------------------------------------------------------------
    "intro.purpose": ("目的", "Purpose"),
    "intro.scope": ("范围", "Scope"),
    "intro.background": ("背景与主要结论", "Background and summary of findings"),
    "intro.glossary": ("术语表", "Glossary"),
    "intro.references": ("参考资料", "References"),
    "intro.purpose.text": (
        "本文件说明{project}对新订单管理系统(OMS)的需求。它把与 {departments}的 {people}的访谈整合为一份去重、排定优先级的需求清单,共 {requirements},每条都可追溯到提出它的人。",
        "This document specifies what {project} requires of its new order management system (OMS). It merges the interviews held with {people} from {departments} into one deduplicated, prioritized list of {requirements}, each traceable to the people who raised it."),
    "intro.purpose.uses": ("本文件用于:", "It is written for three uses:"),
    "intro.purpose.use1": ("指导委员会据此决定优先级和部门间的冲突;", "the steering committee's decisions on priorities and on conflicts between departments;"),
    "intro.purpose.use2": ("作为发给候选供应商的需求基线,用于逐项对比方案 [3.2];", "the requirement baseline sent to shortlisted vendors for a point-by-point comparison [3.2];"),
    "intro.purpose.use3": ("作为用户验收测试(UAT)编写测试场景的依据 [6.2]。", "the reference for writing the user acceptance test (UAT) scenarios [6.2]."),
    "intro.scope.text": (
        "范围为受访部门({departments})所描述的订单处理全流程,涉及以下需求类别:{categories}。",
        "The scope is the order process as described by the departments interviewed ({departments}), covering "
        "these requirement categories: {categories}."),
    "intro.scope.out": (
        "不在本文件范围内:供应商选择和详细方案设计。访谈中无人提及的主题不在此臆测,而是列为“{decisions}”一章的待决事项。",
        "Out of scope: vendor selection and detailed solution design. Topics no stakeholder raised are not guessed "
        "at here; they are listed as open questions in “{decisions}”."),
    "intro.background.text": (
        "{project}计划引入订单管理系统。{period}访谈 {people},覆盖{departments_list},收集并分析了 {answers}。提及最多的主题是:{themes}。",
        "{project} plans to introduce an order management system. {period} interviewed {people}, covering {departments_list}, and analysed {answers}. The themes raised most often are: {themes}."),
    "intro.period": ("{start} 至 {end} 期间,共", "Between {start} and {end}, we"),
    "intro.period.single": ("{start},共", "On {start}, we"),
    "intro.period.none": ("共", "We"),
    "intro.findings": ("主要结论:", "Summary of findings:"),
    "intro.finding.counts": (
        "共 {requirements}:必须 {must} 条、应该 {should} 条、可以 {could} 条、暂不 {wont} 条;",
        "{requirements}: {must} Must, {should} Should, {could} Could, {wont} Won't;"),
    "intro.finding.conflicts": (
        "部门间有 {conflicts}需要指导委员会决定;",
        "the steering committee must decide {conflicts} between departments;"),
    "intro.finding.no_conflicts": ("访谈中未发现部门间相互矛盾的需求;", "the interviews showed no conflicting requirements between departments;"),
    "intro.finding.kpis": (
        "干系人给出了 {targets};",
        "stakeholders gave {targets};"),
    "intro.finding.no_kpis": ("干系人未给出可量化的目标,需在签署前补充 [1.1];", "stakeholders gave no measurable targets; these must be agreed before sign-off [1.1];"),
    "intro.finding.top": ("最优先的需求:{items}。", "the highest-priority requirements: {items}."),
    "intro.glossary.term": ("术语", "Term"),
    "intro.glossary.definition": ("释义", "Definition"),
    "intro.references.checklist": ("{title}。{attribution} 文中方括号内的编号(如 [4.1])即该清单的章节编号。",
                                   "{title}. {attribution} Numbers in square brackets such as [4.1] cite its sections."),
    "intro.references.iso": ("ISO/IEC/IEEE 29148:2018《系统与软件工程 生命周期过程 需求工程》:本文件的章节结构参照其干系人需求规格说明(StRS)。",
                             "ISO/IEC/IEEE 29148:2018, Systems and software engineering: Life cycle processes: Requirements engineering. "
                             "The chapter structure follows its stakeholder requirements specification (StRS)."),
    "intro.references.interviews": (
        "reqbot 访谈记录:{interviews},{answers}(原话见附录)。",
        "reqbot interview records: {interviews}, {answers} (quoted in the appendix)."),
    "intro.references.no_checklist": ("未找到实施检查清单文件,本文件中引用清单的部分从略。",
                                      "The implementation checklist file was not found; the parts of this document that cite it are left out."),
    "intro.references.checklist_language": ("(清单仅有英文版)", "(the checklist is only available in Chinese; quoted in Chinese)"),

    # --- goals -------------------------------------------------------------------------
    "goals.business": ("业务目标", "Business goals"),
    "goals.kpis": ("KPI 现状与目标", "KPIs: current and target figures"),
    "goals.intro": (
        "实施检查清单要求把项目目标量化为 KPI [1.1]。下表把访谈得到的需求对应到清单列出的典型目标上:",
        "The checklist asks for the project's goals to be made measurable as KPIs [1.1]. The table maps the "
        "requirements from the interviews onto the typical goals the checklist lists:"),
    "goals.col.goal": ("目标 [1.1]", "Goal [1.1]"),
    "goals.col.requirements": ("支撑需求", "Supporting requirements"),
    "goals.col.departments": ("提出部门", "Raised by"),
    "goals.not_raised": ("访谈中未涉及", "Not raised in the interviews"),
    "goals.caption": ("业务目标与支撑需求", "Business goals and the requirements that support them"),
    "goals.kpi.intro": ("以下数字为干系人在访谈中给出的现状与期望值,是验收和上线后效果评估的基线:",
                        "The figures below are those stakeholders gave in the interviews; they are the baseline for "
                        "acceptance and for measuring results after go-live:"),
    "goals.kpi.caption": ("KPI 现状与目标", "KPIs with current and target figures"),
    "goals.col.metric": ("指标", "Metric"),
    "goals.col.current": ("现状", "Current"),
    "goals.col.target": ("目标", "Target"),
    "goals.col.requirement": ("需求", "Requirement"),
    "goals.col.raised_by": ("提出人", "Raised by"),
    "goals.kpi.none": ("访谈中没有人给出具体数字。签署需求确认书前,应为清单建议的指标确定基线和目标 [7.1]:{metrics}。",
                       "Nobody gave figures in the interviews. Before the requirements sign-off, agree a baseline and "
                       "a target for the indicators the checklist recommends [7.1]: {metrics}."),
    "goals.kpi.monitoring": ("上线后按清单建议持续跟踪这些指标(效率、质量、成本、财务)[7.1]。",
                             "After go-live these indicators are tracked continuously (efficiency, quality, cost, financial) [7.1]."),

    # --- stakeholders ------------------------------------------------------------------
    "stakeholders.participants": ("访谈对象", "Participants"),
    "stakeholders.coverage": ("按部门的主题覆盖", "Topic coverage by department"),
    "stakeholders.intro": ("下表列出全部受访者、访谈时间和各自提出的需求主题。",
                           "The table lists everyone interviewed, when, and the requirement topics each of them raised."),
    "stakeholders.caption": ("访谈对象", "Stakeholders interviewed"),
    "stakeholders.col.department": ("部门", "Department"),
    "stakeholders.col.when": ("访谈时间", "Interviewed"),
    "stakeholders.col.answers": ("回答数", "Answers"),
    "stakeholders.col.requirements": ("提出需求", "Requirements"),
    "stakeholders.col.topics": ("涉及主题", "Topics raised"),
    "stakeholders.answers_skipped": ("{answered}(跳过 {skipped})", "{answered} ({skipped} skipped)"),
    "stakeholders.not_interviewed": ("未单独访谈", "not interviewed"),
    "stakeholders.coverage.intro": (
        "“未覆盖”列出按检查清单 [1.3] 该部门通常关心、但本次访谈中没有形成需求的主题,建议在评审会上补充确认。",
        "“Not covered” lists the topics this department usually cares about according to the checklist [1.3] that "
        "produced no requirement in these interviews; confirm them in the review meeting."),
    "stakeholders.coverage.caption": ("各部门主题覆盖情况", "Topic coverage by department"),
    "stakeholders.col.people": ("受访人数", "People"),
    "stakeholders.col.covered": ("已覆盖", "Covered"),
    "stakeholders.col.not_covered": ("未覆盖", "Not covered"),
    "stakeholders.gaps": ("整个项目中没有任何需求涉及的类别:{categories}。这些已列为待决事项。",
                          "Categories no requirement touches at all: {categories}. They are listed as open questions."),
    "stakeholders.no_gaps": ("检查清单涉及的主要类别均已有需求覆盖。", "Every main category of the checklist is covered by at least one requirement."),

    # --- pain points -------------------------------------------------------------------
    "pains.intro": ("以下按类别归纳当前流程中的问题,引用为干系人原话摘录(完整原话见附录)。",
                    "The current problems, grouped by category, in the stakeholders' own words (short excerpts; the "
                    "full quotes are in the appendix)."),
    "pains.summary": (
        "{requirements},由 {people}提出({departments})。",
        "{requirements}, raised by {people} ({departments})."),
    "pains.none": ("访谈中没有记录到原话。", "No quotes were recorded in the interviews."),

    # --- priorities ------------------------------------------------------------------
    "priorities.table": ("需求总表", "All requirements by priority"),
    "priorities.by_department": ("按部门的需求分布", "Requirements by department"),
    "priorities.intro": (
        "优先级采用 MoSCoW 法(必须/应该/可以/暂不)。分值综合了提出人数和部门数、措辞的强弱(如“必须”与“不急”)、管理层的意见、"
        "所述影响与 KPI,以及是否阻断订单主流程;每条需求的具体理由见详述部分。排名 1 为最重要。",
        "Priorities use MoSCoW (Must, Should, Could, Won't). The score combines how many people and departments "
        "raised a requirement, the strength of their words (“must” versus “nice to have”), management's view, the "
        "stated impact and KPIs, and whether it blocks the core order flow; each requirement's reasons are given in "
        "its detail card. Rank 1 is the most important."),
    "priorities.counts": ("必须 {must} 条 · 应该 {should} 条 · 可以 {could} 条 · 暂不 {wont} 条", "Must {must} · Should {should} · Could {could} · Won't {wont}"),
    "priorities.caption": ("按优先级排列的需求", "Requirements in priority order"),
    "col.id": ("编号", "ID"),
    "col.requirement": ("需求", "Requirement"),
    "col.category": ("类别", "Category"),
    "col.priority": ("优先级", "Priority"),
    "col.score": ("分值", "Score"),
    "col.departments": ("提出部门", "Departments"),
    "col.kpi": ("KPI", "KPI"),
    "priorities.dept.caption": ("各部门提出的需求", "Requirements raised per department"),
    "priorities.dept.col.must": ("其中“必须”", "of which Must"),
    "priorities.dept.col.ids": ("需求编号", "Requirement IDs"),
    "kpi.format": ("{metric}:{current} → {target}", "{metric}: {current} → {target}"),
    "kpi.target_only": ("{metric}:目标 {target}", "{metric}: target {target}"),
    "kpi.current_only": ("{metric}:现状 {current}", "{metric}: currently {current}"),

    # --- requirement cards ----------------------------------------------------------------
    "detail.intro": (
        "每条需求以卡片形式给出:需求描述、优先级与分值、理由、验收标准、KPI、来源及相关清单章节。集成、非功能和数据迁移需求分别见“{integration}”“{nfr}”“{data}”。",
        "Each requirement is given as a card: statement, priority and score, rationale, acceptance criteria, KPIs, "
        "sources and related checklist sections. Interface, non-functional and data migration requirements follow "
        "in “{integration}”, “{nfr}” and “{data}”."),
    "detail.none": ("本类别没有需求。", "No requirements in this category."),
    "card.statement": ("需求描述", "Statement"),
    "card.priority": ("优先级", "Priority"),
    "card.priority.value": ("{priority} · 分值 {score} · 排名 {rank} · {type}", "{priority} · score {score} · rank {rank} · {type}"),
    "card.rationale": ("理由", "Rationale"),
    "card.acceptance": ("验收标准", "Acceptance criteria"),
    "card.kpi": ("KPI", "KPIs"),
    "card.sources": ("来源", "Sources"),
    "card.checklist": ("清单依据", "Checklist"),
    "card.conflicts": ("冲突", "Conflicts"),
    "card.status": ("状态", "Status"),
    "type.functional": ("功能需求", "functional"),
    "type.non_functional": ("非功能需求", "non-functional"),
    "status.proposed": ("待确认", "proposed"),
    "status.confirmed": ("已确认", "confirmed"),
    "status.removed": ("已撤回", "withdrawn"),
    "acceptance.demo": ("在用户验收测试(UAT)中,以{departments}提供的真实业务场景演示:{behaviour}。",
                        "In UAT, with real business scenarios supplied by {departments}, it is shown that {behaviour}."),
    "acceptance.behaviour": ("系统能够{rest}", "the system can {rest}"),
    "acceptance.kpi": ("{metric}:目标 {target}(现状 {current}),在上线后的 KPI 跟踪中测量 [7.1]。",
                       "{metric}: target {target} (currently {current}), measured in the KPI tracking after go-live [7.1]."),
    "acceptance.kpi.no_current": ("{metric}:目标 {target},在上线后的 KPI 跟踪中测量 [7.1]。",
                                  "{metric}: target {target}, measured in the KPI tracking after go-live [7.1]."),
    "acceptance.kpi.no_target": ("{metric}:相对现状({current})有可测量的改善;具体目标值在签署前确定。",
                                 "{metric} improves measurably on the current {current}; the target value is agreed before sign-off."),
    "acceptance.no_target": ("访谈中未给出量化目标;签署前需补充可测量的验收指标。",
                             "No measurable target was stated in the interviews; agree one before sign-off."),
    "acceptance.conflict": ("验收以 {conflicts} 的决定为前提。", "Acceptance depends on the decision on {conflicts}."),

    # --- integration --------------------------------------------------------------------
    "integration.intro": ("订单管理系统处于企业信息流的中心,必须与上下游系统协同工作 [2.1]。下表汇总访谈中涉及的接口及所提到的具体系统。",
                          "The OMS sits at the centre of the company's information flow and has to work with the systems "
                          "around it [2.1]. The table summarizes the interfaces the interviews touched and the systems named."),
    "integration.overview": ("接口总览", "Interface overview"),
    "integration.requirements": ("接口需求", "Interface requirements"),
    "integration.caption": ("接口总览", "Interfaces"),
    "integration.col.interface": ("接口", "Interface"),
    "integration.col.systems": ("提到的系统", "Systems named"),
    "integration.col.requirements": ("相关需求", "Requirements"),
    "integration.col.raised_by": ("提出人", "Raised by"),
    "integration.not_mentioned": ("访谈未提及,需确认是否需要", "Not mentioned; confirm whether it is needed"),
    "integration.none": ("访谈中没有提出专门的接口需求。", "No dedicated interface requirement was raised."),
    "interface.erp": ("ERP(财务、成本、库存记账)", "ERP (finance, costing, stock accounting)"),
    "interface.crm": ("CRM(客户、商机、报价)", "CRM (customers, opportunities, quotes)"),
    "interface.wms": ("WMS(仓库作业)", "WMS (warehouse operations)"),
    "interface.einvoice": ("电子发票 / 税务开票", "E-invoicing / tax invoices"),
    "interface.payment": ("在线支付与收款", "Payment and collection"),
    "interface.carrier": ("物流承运商与运单跟踪", "Carriers and shipment tracking"),
    "interface.channel": ("电商平台与销售渠道", "E-commerce platforms and sales channels"),
    "interface.short.erp": ("ERP", "ERP"),
    "interface.short.crm": ("CRM", "CRM"),
    "interface.short.wms": ("WMS", "WMS"),
    "interface.short.einvoice": ("电子发票", "e-invoicing"),
    "interface.short.payment": ("支付", "payment"),
    "interface.short.carrier": ("承运商", "carriers"),
    "interface.short.channel": ("电商平台", "e-commerce"),

    # --- non-functional -------------------------------------------------------------------
    "nfr.intro": ("非功能需求决定系统能否安全、稳定地支撑业务。未被提出的方面在此列出建议确认的内容,并引用清单依据。",
                  "Non-functional requirements decide whether the system carries the business safely and reliably. "
                  "Where nobody raised an aspect, this chapter says what to confirm and cites the checklist."),
    "nfr.security": ("安全与权限", "Security and permissions"),
    "nfr.deployment": ("部署方式", "Deployment"),
    "nfr.performance": ("性能", "Performance"),
    "nfr.availability": ("可用性与运维支持", "Availability and support"),
    "nfr.other": ("其他质量需求", "Other quality requirements"),
    "nfr.gap.security": ("访谈中未提出权限需求。建议按岗位和职责设置数据访问权限,使员工只能看到其权限范围内的数据,并确认数据处理符合网络安全和数据隐私法规 [5.3]。",
                         "No permission requirement was raised. Confirm role-based data access (staff see only the data "
                         "their role allows) and compliance with data-protection law [5.3]."),
    "nfr.gap.deployment": ("访谈中未明确部署方式。需确认采用云端 SaaS、本地部署还是混合部署,以及各自的成本结构、维护责任和升级路径 [2.3]。",
                           "The deployment model was not settled. Decide between cloud SaaS, on-premise and hybrid, "
                           "including cost structure, maintenance responsibilities and upgrade path [2.3]."),
    "nfr.gap.performance": ("访谈中未给出性能指标。选型前应与 IT 确认高峰订单量和响应时间要求,并据此评估网络、服务器与数据库的承载能力 [2.2]。",
                            "No performance figure was given. Before vendor selection, confirm peak order volumes and "
                            "response-time targets with IT and assess network, server and database capacity against them [2.2]."),
    "nfr.gap.availability": ("访谈中未给出可用性要求。应确认服务等级协议(SLA)、数据备份与灾难恢复方案以及供应商的支持响应时间 [2.2][3.3]。",
                             "No availability requirement was given. Confirm the service level agreement (SLA), backup and "
                             "disaster recovery, and the vendor's support response times [2.2][3.3]."),

    # --- data migration ---------------------------------------------------------------------
    "data.intro": ("高质量的数据是系统发挥价值的基础,平稳、准确的迁移是切换成功的关键 [5]。",
                   "Good data is what the system's value rests on, and a clean, accurate migration is what makes the "
                   "cut-over succeed [5]."),
    "data.requirements": ("迁移需求", "Migration requirements"),
    "data.scope": ("迁移范围与方法", "Migration scope and approach"),
    "data.none": ("访谈中没有提出专门的数据迁移需求;下表为清单建议的迁移范围,需在需求确认前逐项确认。",
                  "No dedicated data migration requirement was raised; the table gives the scope the checklist "
                  "recommends, to be confirmed item by item before sign-off."),
    "data.scope.intro": ("按清单 [5.1] 逐类确认迁移对象、数据负责人和清洗工作:", "Confirm each data object, its owner and the cleansing work, following [5.1]:"),
    "data.scope.caption": ("待迁移的数据对象", "Data objects to migrate"),
    "data.col.object": ("数据对象", "Data object"),
    "data.col.guidance": ("清单要求", "Checklist guidance"),
    "data.col.mentioned": ("访谈中的相关需求", "Related requirements"),
    "data.approach.intro": ("迁移方案需决定的事项 [5.2]:", "Decisions the migration plan has to make [5.2]:"),

    # --- decisions --------------------------------------------------------------------------
    "decisions.conflicts": ("需要决策的冲突", "Conflicts that need a decision"),
    "decisions.open": ("待确认问题", "Open questions"),
    "decisions.withdrawn": ("已撤回的需求", "Withdrawn requirements"),
    "decisions.intro": ("以下各项是干系人之间相互矛盾的要求,需由指导委员会(项目发起人主持)决定 [4.2]。决定后更新相关需求并发布新版本。",
                        "These are requirements on which stakeholders contradict each other; the steering committee, "
                        "chaired by the project sponsor, decides them [4.2]. Update the affected requirements and issue "
                        "a new version once decided."),
    "decisions.none": ("访谈中未发现相互矛盾的需求。", "No conflicting requirements were found in the interviews."),
    "conflict.issue": ("问题", "Issue"),
    "conflict.positions": ("各方意见", "Positions"),
    "conflict.requirements": ("涉及需求", "Requirements affected"),
    "conflict.decision": ("决定", "Decision"),
    "conflict.decision.blank": ("待定(决定人:________ 日期:________)", "Open (decided by: ________ date: ________)"),
    "conflict.position": ("{who}:{text}", "{who}: {text}"),
    "open.intro": ("以下问题在签署需求确认书前需要答复:", "These questions need an answer before the requirements sign-off:"),
    "open.caption": ("待确认问题", "Open questions"),
    "open.col.question": ("问题", "Question"),
    "open.col.owner": ("负责人", "Owner"),
    "open.col.reference": ("依据", "Reference"),
    "open.none": ("没有待确认的问题。", "There are no open questions."),
    "open.coverage": ("{dept}:请确认在以下主题上是否有需求:{topics}。", "{dept}: confirm whether there are requirements on {topics}."),
    "open.gap_category": ("整个项目没有涉及以下类别的需求,请确认是否确实不需要:{categories}。",
                          "No requirement covers {categories}; confirm that nothing is needed there."),
    "open.skipped": ("未回答的访谈问题:“{question}”", "Unanswered interview question: “{question}”"),
    "open.no_kpi": ("为以下“必须”需求确定可测量的验收目标:{ids}。", "Agree measurable acceptance targets for these Must requirements: {ids}."),
    "open.interfaces": ("是否需要以下接口:{interfaces}?", "Are interfaces needed to: {interfaces}?"),
    "open.nfr": ("确定{aspect}方面的要求。", "Set the requirements for {aspect}."),
    "open.owner.it": ("IT 负责人", "IT lead"),
    "open.owner.pm": ("项目经理", "Project manager"),
    "withdrawn.intro": ("以下需求在评审中被撤回,不计入需求总表:", "These requirements were withdrawn in review and are not part of the table:"),

    # --- implementation -------------------------------------------------------------------
    "impl.intro": ("以下建议依据实施检查清单中关于实施计划的内容 [4],并结合本次访谈的结果。",
                   "These recommendations follow the checklist's guidance on the implementation plan [4], adapted to "
                   "what the interviews showed."),
    "impl.phases": ("实施阶段与典型周期", "Phases and typical durations"),
    "impl.roles": ("角色与职责", "Roles and responsibilities"),
    "impl.risks": ("主要风险与应对", "Risks and responses"),
    "impl.next": ("下一步", "Next steps"),
    "impl.phases.caption": ("实施阶段与典型周期 [4.1]", "Implementation phases and typical durations [4.1]"),
    "impl.col.phase": ("阶段", "Phase"),
    "impl.col.duration": ("典型周期", "Typical duration"),
    "impl.col.activities": ("主要工作", "Main activities"),
    "impl.col.project": ("本项目关注点", "For this project"),
    "impl.note.requirements": (
        "本说明书即需求确认书草稿;签署前需解决 {conflicts}、{questions}。",
        "This document is the draft requirements confirmation; {conflicts} and {questions} to close before sign-off."),
    "impl.note.configuration": (
        "{must} 条“必须”需求;{custom} 条可能需要个性化开发,需在方案阶段确认。",
        "Must requirements: {must}; {custom} of them may need custom development, to be confirmed in the solution design."),
    "impl.note.configuration.simple": (
        "{must} 条“必须”需求需在标准配置中实现或确认替代方案。",
        "Must requirements to meet by configuration or an agreed alternative: {must}."),
    "impl.note.migration": (
        "{interfaces}({names});数据迁移需求 {data} 条。",
        "{interfaces} ({names}); data migration requirements: {data}."),
    "impl.note.uat": (
        "由 {departments}的关键用户编写测试场景;分级培训 [6.1]。",
        "Key users from {departments} write the test scenarios; tiered training [6.1]."),
    "impl.note.golive": ("切换前完成最后一次增量数据同步 [5.2]。", "Final incremental data sync before cut-over [5.2]."),
    "impl.note.support": ("按 KPI 表跟踪效果 [7.1]。", "Track results against the KPI table [7.1]."),
    "impl.duration": ("总周期参考清单的常见问题 [faq.1]:", "For the overall duration, the checklist's FAQ says [faq.1]:"),
    "impl.duration.assessment.simple": (
        "本项目共 {requirements}、{interfaces},{departments}参与,属于需求相对标准、集成点较少的一类,可按较短周期规划。",
        "With {requirements}, {interfaces} and {departments} involved, this project is on the standard, few-integrations side: plan for the shorter range."),
    "impl.duration.assessment.medium": (
        "本项目共 {requirements}、{interfaces},{departments}参与,介于上述两类之间:建议按两档周期之间(约 3 至 6 个月)规划,并在需求确认后复核。",
        "With {requirements}, {interfaces} and {departments} involved, this project sits between the two cases: plan for between the two ranges (about 3 to 6 months) and review the plan after the requirements sign-off."),
    "impl.duration.assessment.complex": (
        "本项目共 {requirements}、{interfaces},{departments}参与,并有 {conflicts}待决,属于流程复杂、集成较深的一类,应按较长周期规划。",
        "With {requirements}, {interfaces}, {departments} and {conflicts} to decide, this project is on the complex, deeply integrated side: plan for the longer range."),
    "impl.roles.intro": ("企业方与供应商方的角色与职责 [4.2];本项目的关键用户取自受访者:", "Roles on the company and vendor sides [4.2]; this project's key users are taken from the people interviewed:"),
    "impl.roles.caption": ("项目角色 [4.2]", "Project roles [4.2]"),
    "impl.col.team": ("团队", "Team"),
    "impl.col.role": ("角色", "Role"),
    "impl.col.responsibility": ("职责", "Responsibility"),
    "impl.col.candidates": ("本项目人选", "In this project"),
    "impl.risks.caption": ("风险与应对 [4.3]", "Risks and responses [4.3]"),
    "impl.col.risk": ("风险", "Risk"),
    "impl.col.response": ("清单建议的应对", "Response (checklist)"),
    "impl.col.signals": ("本项目的信号", "Signals in this project"),
    "impl.signal.scope": (
        "共 {requirements},其中 {low} 条为“应该/可以”级,易引发范围蔓延;建议建立变更控制。",
        "{requirements} ({low} Should/Could): a source of scope creep; put change control in place."),
    "impl.signal.resistance": (
        "{people}描述了手工操作的痛点;{training}。",
        "{people} described manual work today; {training}."),
    "impl.signal.resistance.no_training": (
        "{people}描述了手工操作的痛点;访谈中没有人提出培训需求,建议按岗位安排分级培训 [6.1]。",
        "{people} described manual work today; nobody asked for training, so plan tiered training by role [6.1]."),
    "impl.signal.data": (
        "{data_requirements};迁移对象见“{data}”。",
        "{data_requirements}; see “{data}” for the objects to migrate."),
    "impl.signal.delay": (
        "{conflicts}和 {questions}若不及时决定,会推迟需求签署。",
        "{conflicts} and {questions} delay the sign-off if not decided in time."),
    "impl.signal.none": ("访谈中未见明显信号。", "No particular signal in the interviews."),
    "impl.next.1": (
        "在指导委员会上对“{decisions}”中的 {conflicts}作出决定。",
        "Decide the {conflicts} in “{decisions}” at the steering committee."),
    "impl.next.2": ("由各部门关键用户答复待确认问题,并补充缺失的 KPI 目标。", "Have each department's key users answer the open questions and supply the missing KPI targets."),
    "impl.next.3": ("签署需求确认书(里程碑)[4.1]。", "Sign the requirements confirmation (milestone) [4.1]."),
    "impl.next.4": ("以需求总表为功能对比清单,评估候选供应商 [3.2]。", "Use the requirement table as the feature comparison list to evaluate shortlisted vendors [3.2]."),
    "impl.next.5": ("尽早启动数据清洗,由最了解业务的数据负责人主导 [5.1]。", "Start data cleansing early, led by the data owner who knows the business best [5.1]."),

    # --- appendix ---------------------------------------------------------------------------
    "appendix.matrix": ("追溯矩阵(需求 × 干系人)", "Traceability matrix (requirement × stakeholder)"),
    "appendix.quotes": ("原话摘录", "Source quotes"),
    "appendix.matrix.intro": ("● 表示该干系人提出了该需求(即该需求的来源之一)。", "● marks a stakeholder who raised the requirement (one of its sources)."),
    "appendix.matrix.caption": ("追溯矩阵", "Traceability matrix"),
    "appendix.matrix.caption.part": ("追溯矩阵(第 {part}/{parts} 部分)", "Traceability matrix (part {part} of {parts})"),
    "appendix.quotes.intro": ("每条需求的全部来源原话,按需求编号排列。", "Every source quote of every requirement, in requirement ID order."),
    "appendix.quote.meta": ("—— {name},{role}{when}", "— {name}, {role}{when}"),
    "appendix.quote.when": (",{date}", ", {date}"),
    "mark": ("●", "●"),
}

ROLE_LABELS: dict[str, tuple[str, str]] = {
    "sales": ("销售部", "Sales"),
    "finance": ("财务部", "Finance"),
    "warehouse": ("仓储物流部", "Warehouse & logistics"),
    "management": ("管理层", "Management"),
    "customer_service": ("客服部", "Customer service"),
    "it": ("IT 部", "IT"),
    "other": ("其他", "Other"),
}

ROLE_SHORT: dict[str, tuple[str, str]] = {"warehouse": ("仓储物流", "Warehouse"), "customer_service": ("客服", "Service")}

CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    "integration": ("系统集成", "Integration"),
    "workflow": ("流程与审批", "Workflow and approval"),
    "pricing": ("定价与报价(CPQ)", "Pricing and quoting (CPQ)"),
    "inventory": ("库存", "Inventory"),
    "channel": ("渠道管理", "Sales channels"),
    "finance": ("财务(应收、发票、对账)", "Finance (AR, invoicing, reconciliation)"),
    "logistics": ("物流配送", "Logistics and delivery"),
    "reporting": ("报表与分析", "Reporting and analytics"),
    "customer_experience": ("客户体验", "Customer experience"),
    "data": ("数据与迁移", "Data and migration"),
    "security": ("安全与权限", "Security and permissions"),
    "deployment": ("部署", "Deployment"),
    "training": ("培训与推广", "Training and adoption"),
    "other": ("其他", "Other"),
}

# Counted nouns: (zh, en singular, en plural); "{n}" is the number.
NOUNS: dict[str, tuple[str, str, str]] = {
    "requirement": ("{n} 条需求", "{n} requirement", "{n} requirements"),
    "stakeholder": ("{n} 位干系人", "{n} stakeholder", "{n} stakeholders"),
    "department": ("{n} 个部门", "{n} department", "{n} departments"),
    "conflict": ("{n} 项冲突", "{n} conflict", "{n} conflicts"),
    "question": ("{n} 个待确认问题", "{n} open question", "{n} open questions"),
    "target": ("{n} 项可量化的目标(KPI)", "{n} measurable target (KPI)", "{n} measurable targets (KPIs)"),
    "interface": ("{n} 个接口", "{n} interface", "{n} interfaces"),
    "interview": ("{n} 份访谈", "{n} interview", "{n} interviews"),
    "answer": ("{n} 条回答", "{n} answer", "{n} answers"),
    "training_requirement": ("{n} 条培训相关需求", "{n} training-related requirement", "{n} training-related requirements"),
    "data_requirement": ("{n} 条数据相关需求", "{n} data-related requirement", "{n} data-related requirements"),
}

# Short forms for narrow table columns.
CATEGORY_SHORT: dict[str, tuple[str, str]] = {
    "workflow": ("流程审批", "Workflow"),
    "pricing": ("定价报价", "Pricing"),
    "finance": ("财务", "Finance"),
    "logistics": ("物流", "Logistics"),
    "reporting": ("报表分析", "Reporting"),
    "customer_experience": ("客户体验", "Customer exp."),
    "data": ("数据迁移", "Data"),
    "security": ("安全权限", "Security"),
    "training": ("培训", "Training"),
}

PRIORITY_LABELS: dict[str, tuple[str, str]] = {
    "must": ("必须", "Must"),
    "should": ("应该", "Should"),
    "could": ("可以", "Could"),
    "wont": ("暂不", "Won't"),
}

# Terms the glossary explains when the document uses them (OMS, KPI, MoSCoW, UAT always).
GLOSSARY: dict[str, tuple[str, str]] = {
    "OMS": ("订单管理系统(Order Management System),管理从报价、下单到发货、收款全过程的系统。",
            "Order management system: runs the order from quote and order entry to delivery and payment."),
    "ERP": ("企业资源计划系统,承担财务记账、成本核算和库存管理。", "Enterprise resource planning system: finance, costing and stock accounting."),
    "CRM": ("客户关系管理系统,管理客户、商机和报价。", "Customer relationship management system: customers, opportunities and quotes."),
    "WMS": ("仓库管理系统,管理收货、库位、拣货和发货作业。", "Warehouse management system: receiving, locations, picking and shipping."),
    "CPQ": ("配置-定价-报价(Configure, Price, Quote)。", "Configure, price, quote."),
    "O2C": ("从订单到现金(Order to Cash)的全流程。", "Order to cash: the whole process from order to payment received."),
    "DSO": ("应收账款周转天数(Days Sales Outstanding)。", "Days sales outstanding: average days until invoices are paid."),
    "KPI": ("关键绩效指标,用于衡量目标是否达成。", "Key performance indicator: a figure that shows whether a goal is met."),
    "MoSCoW": ("优先级分类法:必须(Must)、应该(Should)、可以(Could)、暂不(Won't)。",
               "Prioritization scheme: Must, Should, Could, Won't (this time)."),
    "UAT": ("用户验收测试,由关键用户按真实业务场景测试系统。", "User acceptance testing: key users test the system with real business scenarios."),
    "SaaS": ("软件即服务,由供应商在云端运行的系统。", "Software as a service: the vendor runs the system in the cloud."),
    "SLA": ("服务等级协议,约定可用性和响应时间。", "Service level agreement: agreed availability and response times."),
    "API": ("应用程序接口,系统之间交换数据的方式。", "Application programming interface: how systems exchange data."),
    "BI": ("商业智能,报表与数据分析工具。", "Business intelligence: reporting and analysis tools."),
    "SKU": ("库存量单位,即最小的商品规格。", "Stock keeping unit: the smallest distinct item in stock."),
    "EDI": ("电子数据交换,企业间标准化的单据传输。", "Electronic data interchange: standardized documents exchanged between companies."),
    "PaaS": ("平台即服务,可在其上低代码配置和扩展系统。", "Platform as a service: a platform for low-code configuration and extension."),
    "RACI": ("职责分配矩阵:负责、批准、咨询、知情。", "Responsibility matrix: Responsible, Accountable, Consulted, Informed."),
}
ALWAYS_IN_GLOSSARY = ("OMS", "KPI", "MoSCoW", "UAT")


def _pick(pair: tuple[str, str], lang: Language) -> str:
    return pair[0] if lang == "zh" else pair[1]


def tr(key: str, lang: Language, **fields: object) -> str:
    """The label `key` in `lang`, with `{fields}` filled in."""
    text = _pick(LABELS[key], lang)
    return text.format(**fields) if fields else text


def count_noun(noun: str, n: int, lang: Language) -> str:
    """"3 条需求" / "1 requirement" / "3 requirements"."""
    zh, one, many = NOUNS[noun]
    return (zh if lang == "zh" else one if n == 1 else many).format(n=n)


def role_label(role: str, lang: Language) -> str:
    return _pick(ROLE_LABELS.get(role, ROLE_LABELS["other"]), lang)


def role_short(role: str, lang: Language) -> str:
    return _pick(ROLE_SHORT[role], lang) if role in ROLE_SHORT else role_label(role, lang)


def category_label(category: str, lang: Language) -> str:
    return _pick(CATEGORY_LABELS.get(str(category), CATEGORY_LABELS["other"]), lang)


def category_short(category: str, lang: Language) -> str:
    pair = CATEGORY_SHORT.get(str(category)) or CATEGORY_LABELS.get(str(category), CATEGORY_LABELS["other"])
    return _pick(pair, lang)


def priority_label(priority: str, lang: Language) -> str:
    return _pick(PRIORITY_LABELS.get(str(priority), (str(priority), str(priority))), lang)


def glossary_entry(term: str, lang: Language) -> str:
    return _pick(GLOSSARY[term], lang)


def join_list(items: list[str], lang: Language) -> str:
    return tr("list.sep", lang).join(items)
