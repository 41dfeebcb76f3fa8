"""Words of a requirement: title, statement ("系统应…" / "The system shall …"), sources.

A catalog need takes the entry's canonical wording in the project's language and adds
the specifics people gave: systems they named, KPI targets, qualities said alongside.
A need the catalog lacks is rewritten from its clearest sentence: connectives,
first-person wording and wish words are stripped and the rest is phrased as a "shall".
"""
from __future__ import annotations

import re

from bot.analysis.catalog import Catalog, System
from bot.analysis.extract import Sentence
from bot.analysis.kpis import quantities
from bot.analysis.merge import Cluster
from bot.language import Language
from bot.models import KPI, Source

QUOTE_CHARS = 160


def catalog_wording(cluster: Cluster, catalog: Catalog, kpis: list[KPI], language: Language) -> tuple[str, str]:
    entry = cluster.entry
    assert entry is not None
    systems = _systems(cluster, catalog, entry.system_kinds)
    shown = [s.display(language) for s in systems]
    sep = "、" if language == "zh" else ", "
    title = entry.title.get(language)
    if shown:
        title = f"{title}({sep.join(shown)})" if language == "zh" else f"{title} ({sep.join(shown)})"
    parts = [entry.statement.get(language)]
    if shown:
        parts.append(f"涉及系统:{sep.join(shown)}。" if language == "zh" else f"Systems named: {sep.join(shown)}.")
    for k in kpis[:2]:
        parts.append(_kpi_sentence(k, language))
    extras = [e.title.get(language) for e in cluster.folded]
    optional: dict[str, bool] = {}
    for s in cluster.facets:
        entry_id = s.assigned[0]
        optional[entry_id] = optional.get(entry_id, True) and s.cues.is_low
    for entry_id, is_optional in optional.items():
        t = catalog.by_id[entry_id].title.get(language)
        extras.append(t + (("(可选)" if language == "zh" else " (nice to have)") if is_optional else ""))
    extras = list(dict.fromkeys(extras))
    if extras:
        parts.append(f"同时涵盖:{sep.join(extras)}。" if language == "zh" else f"It also covers: {sep.join(extras)}.")
    return title, ("" if language == "zh" else " ").join(parts)


def _kpi_sentence(k: KPI, language: Language) -> str:
    if language == "zh":
        if k.current and k.target:
            return f"目标:{k.metric}由{k.current}改善到{k.target}。"
        return f"目标:{k.metric}达到{k.target}。"
    if k.current and k.target:
        return f"Target: {k.metric} from {k.current} to {k.target}."
    return f"Target: {k.metric} of {k.target}."


def _systems(cluster: Cluster, catalog: Catalog, kinds: list[str]) -> list[System]:
    if not kinds:
        return []
    found: dict[str, System] = {}
    for s in cluster.sentences:
        for system in catalog.systems_in(s.text):
            if system.kind in kinds:
                found.setdefault(system.name, system)
    names = list(found)
    # "用友" inside "用友U8", "U8" and "用友" together: keep the most specific names
    keep = [n for n in names if not any(n != m and n in m for m in names)]
    return [found[n] for n in keep]


# --- free needs ---------------------------------------------------------------------------

_ZH_LEAD = re.compile(
    r"^(第[一二三四五六七八九十\d]+[是点个条]?[,,、::]?|[一二三四五六][是来][,,]?|还有[,,]?|另外[,,]?|此外[,,]?|其次[,,]?|同时[,,]?|"
    r"最后[,,]?|而且[,,]?|所以[,,]?|说实话[,,]?|其实[,,]?|总之[,,]?|然后[,,]?|对了[,,]?)+")
_ZH_WISH = re.compile(
    r"^(我们|我|咱们|公司|大家|他们)?(也|还|都|就)?(非常|很|特别|真的|最(?!好))?(希望|需要|想要|想|要求|觉得|认为|建议|期望|最好)?"
    r"(新的?系统|系统|OMS)?(也|还|都)?(能够|能|要能|可以|应该|应当|必须|一定要|最好|要)?")
_EN_LEAD = re.compile(r"^((and|also|plus|so|but|oh|well|yes|yeah|first|second|third|finally|honestly|anyway)\b[,:]?\s*)+", re.IGNORECASE)
_EN_WISH = re.compile(
    r"^(i|we|they|our team|the team|everyone)(\s+really|\s+also|\s+just)?(\s+want|\s+need|\s+would like|'d like|\s+wish|\s+hope|\s+expect|\s+require)\s+"
    r"(the\s+(new\s+)?system\s+|it\s+|that\s+)?(to\s+)?", re.IGNORECASE)
_EN_MODAL = re.compile(r"^(the\s+(new\s+)?system|it|the oms)\s+(should|must|needs to|has to|shall|will need to)\s+", re.IGNORECASE)


def rewrite_need(text: str, language: Language) -> str:
    """A requirement statement from a need sentence the catalog has no entry for."""
    text = text.strip().rstrip("。.!!??;;")
    if language == "zh":
        core = _ZH_WISH.sub("", _ZH_LEAD.sub("", text), count=1).strip(",,:: ")
        core = core.replace("我们", "公司").replace("咱们", "公司").replace("我", "")
        return _zh_statement(core or text)
    core = _EN_LEAD.sub("", text)
    wish = _EN_WISH.match(core)
    core = _EN_WISH.sub("", core, count=1)
    if wish and not wish.group(0).rstrip().lower().endswith(" to") and re.match(r"(a|an|one|some)\s", core, re.IGNORECASE):
        return f"The system shall provide {_first_person(core.rstrip(',: '))}."     # "we want a single price list"
    core = _EN_MODAL.sub("", core, count=1).strip(",: ")
    m = _EN_SUBJECT_MODAL.match(core)
    if m:
        subject, rest = m.group(1).lower(), _first_person(m.group(2))
        if subject in ("we", "i", "our team", "the team"):
            return f"The system shall make it possible to {rest}."
        return f"The system shall allow {subject} to {rest}."
    m = _EN_ANY_SUBJECT_MODAL.match(core)
    if m and m.group("subj").split()[0].lower() not in {"it", "this", "that", "there", "which", "what", "who"}:
        subject, modal, rest = _first_person(m.group("subj")), m.group("modal").lower(), _first_person(m.group("rest"))
        subject = subject[0].lower() + subject[1:]
        if rest.lower().startswith("be "):
            return f"The system shall require that {subject} {rest}."     # subjunctive: fits one or many
        verb = "require" if modal in ("must", "has to", "have to") else "allow"
        return f"The system shall {verb} {subject} to {rest}."
    core = _first_person(core)
    if not core:
        core = text
    core = core[0].lower() + core[1:]
    m = re.match(r"^(?:be able to|able to)\s+(.+)$", core)
    if m:
        return f"The system shall allow users to {m.group(1)}."
    m = re.match(r"^((?:[a-z'-]+\s){0,4}?[a-z'-]+)\s+(?:to be able to|to)\s+(.+)$", core)
    if m and m.group(1).split()[0] not in _VERB_STARTS:
        return f"The system shall enable {m.group(1)} to {m.group(2)}."      # "buyers to reorder …"
    words = core.split()
    first = words[0].lower().strip(",")
    if first in _EN_ADVERBS and len(words) > 1:
        first = words[1].lower().strip(",")
    if first in _VERB_STARTS or first in _EN_VERBS:
        return f"The system shall {core}."
    # no verb to hang "shall" on: say it is a need rather than break the grammar
    return f"The system shall support the following need: {core}."


_EN_ADVERBS = {"automatically", "always", "also", "clearly", "immediately", "instantly", "quickly", "reliably", "only"}
_EN_VERBS = {
    "accept", "alert", "allocate", "apply", "approve", "assign", "block", "calculate", "capture", "charge", "compare",
    "connect", "convert", "copy", "display", "email", "export", "fill", "filter", "flag", "forecast", "generate",
    "hold", "import", "integrate", "issue", "link", "list", "lock", "log", "match", "merge", "notify", "offer", "pick",
    "plan", "post", "prevent", "price", "produce", "pull", "push", "receive", "reconcile", "record", "reject",
    "release", "remember", "remind", "replace", "report", "reserve", "restrict", "retain", "return", "route",
    "schedule", "scan", "search", "split", "store", "suggest", "sync", "tell", "transfer", "update", "validate",
    "verify", "warn", "work", "highlight", "load", "open", "confirm", "cap", "limit", "be",
}
# Chinese statement starts that take "系统应" directly: verbs, modal-free adverbs.
_ZH_VERB_START = re.compile(
    r"^(支持|提供|自动|实时|允许|能够|可以|能|显示|展示|记录|计算|生成|提醒|通知|校验|检查|限制|控制|锁定|冻结|同步|推送|"
    r"对接|集成|接入|打通|管理|区分|按|根据|在|把|将|对|给|为|让|统一|一键|批量|随时|及时|每天|每日|每周|定时|禁止|防止|避免|"
    r"跟踪|追踪|追溯|查询|导出|导入|打印|上传|下载|审批|预警|标记|分配|拆分|合并|汇总|核对|核销|回写|回传|保留|保存|区别|兼容)")
# "X 要实时推给 Y": a subject, a modal, then data moving somewhere
_ZH_SUBJECT_TRANSFER = re.compile(
    r"^(?P<subj>[^,,。;;]{2,40}?)(?:要|需要|得|应该|必须|要能|能|可以)(?P<adv>自动|实时|及时|每天|定时|马上|立即)?"
    r"(?P<verb>推给|推送给|推送到|推到|发给|传给|传到|同步给|同步到|下发到|下发给|回传给|回传到|回写到|写入|导入)(?P<rest>.*)$")
_ZH_VERB_NORMAL = {"推给": "推送给", "推到": "推送到", "发给": "发送给", "传给": "传送给", "传到": "传送到"}
# "客户要能自己下单": a person who should be able to do something
_ZH_ACTOR = re.compile(
    r"^(?P<subj>(?:[^,,。;;]{0,6}?)(?:客户|用户|销售|业务员|经销商|门店|仓库|财务|客服|司机|员工|主管|经理|领导|管理层|采购|买家|门店店长))"
    r"(?:也|还|都)?(?:要能|能够|要可以|可以|能|要)(?P<rest>[^,,。;;].*)$")


_ZH_SUBJECT_MODAL = re.compile(
    r"^(?P<subj>[^,,。;;\d]{2,12}?)(?:必须|一定要|务必|需要|应该|应当|得|要)(?P<rest>[\u4e00-\u9fff][^。]*)$")


def _zh_statement(core: str) -> str:
    m = _ZH_SUBJECT_TRANSFER.match(core)
    if m:
        verb = _ZH_VERB_NORMAL.get(m.group("verb"), m.group("verb"))
        return f"系统应将{m.group('subj').strip()}{m.group('adv') or ''}{verb}{m.group('rest')}。"
    m = _ZH_ACTOR.match(core)
    if m:
        return f"系统应支持{m.group('subj').strip()}{m.group('rest')}。"
    if _ZH_VERB_START.match(core):
        return f"系统应{core}。"
    m = _ZH_SUBJECT_MODAL.match(core)
    if m:
        return f"系统应确保{m.group('subj')}{m.group('rest')}。"      # "退货单必须关联原单"
    return f"系统应满足以下需求:{core}。"


# "The dispatcher needs to see …", "Our drivers must scan …", "Returns must be logged …"
_EN_ANY_SUBJECT_MODAL = re.compile(
    r"^(?P<subj>(?:the\s+|our\s+|all\s+|every\s+|each\s+)?[A-Za-z-]+(?:\s+[A-Za-z-]+)?)\s+"
    r"(?P<modal>should|must|need to|needs to|have to|has to|want to|wants to|would like to|can)\s+(?:be able to\s+)?(?P<rest>.+)$",
    re.IGNORECASE)
_EN_SUBJECT_MODAL = re.compile(
    r"^(we|i|they|users|staff|the team|our team|everyone|customers|buyers|stores|dealers|reps|sales reps|drivers)\s+"
    r"(?:should|must|need to|needs to|have to|has to|want to|would like to|could|can)\s+(?:be able to\s+)?(.+)$",
    re.IGNORECASE)


def _first_person(text: str) -> str:
    """First person becomes "users" (plural, so the verbs that follow still agree)."""
    text = re.sub(r"\bour\b", "the company's", text, flags=re.IGNORECASE)
    text = re.sub(r"\bmy\b", "the", text, flags=re.IGNORECASE)
    return re.sub(r"\b(we|us|I)\b", "users", text, flags=re.IGNORECASE)


_VERB_STARTS = {"get", "have", "make", "let", "allow", "enable", "provide", "show", "send", "keep", "print", "track",
                "support", "handle", "check", "book", "see", "give", "add", "set", "stop", "use", "find", "create"}


def free_title(statement: str, language: Language) -> str:
    body = re.sub(r"^(系统应(满足以下需求:|支持|将|确保)?|The system shall (support the following need: |provide |enable |allow users to |make it possible to |allow |require that |require )?)",
                  "", statement).rstrip("。.")
    if language == "zh":
        body = re.split(r"[,,;;::]", body)[0]
        return body[:24]
    words = re.split(r"[,;:]", body)[0].split()
    title = " ".join(words[:9])
    return title[:1].upper() + title[1:]


# --- sources ------------------------------------------------------------------------------

def sources_of(cluster: Cluster) -> list[Source]:
    """One source per stakeholder, with their clearest sentence as the quote."""
    best: dict[str, Sentence] = {}
    for s in cluster.sentences:
        cur = best.get(s.stakeholder.id)
        if cur is None or _quote_rank(s, cluster) > _quote_rank(cur, cluster):
            best[s.stakeholder.id] = s
    out = []
    for person, s in best.items():
        out.append(Source(stakeholder_id=person, name=s.stakeholder.name, role=s.stakeholder.role,
                          quote=_clip(s.text), answered_at=s.answered_at))
    return out


def _quote_rank(s: Sentence, cluster: Cluster) -> tuple:
    return (s.id in cluster.primary, s.cues.is_need, bool(quantities(s.text)), s.score, -s.id)


def _clip(text: str) -> str:
    text = text.strip()
    if len(text) <= QUOTE_CHARS:
        return text
    cut = text[:QUOTE_CHARS]
    space = cut.rfind(" ")
    if space > QUOTE_CHARS * 0.6:
        cut = cut[:space]
    return cut.rstrip(",,;; ") + "…"
