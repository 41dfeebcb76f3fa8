"""How long the specification takes for a large project: 100 stakeholders × 10 answers.

    .venv/bin/python bench/bench_spec.py [--stakeholders 100] [--answers 10] [--requirements 250] [--lang zh]

Generates a requirement set in which every answer is the source of one requirement
(1,000 sources spread over the requirements), with KPIs, conflicts and full interviews,
then times composing, rendering into the template and the atomic write. Target: the
whole document in under 10 s. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.models import (ROLES, KPI, Category, Conflict, Interview, Project, Requirement,  # noqa: E402
                        RequirementSet, Source, Stakeholder, Turn)
from bot.spec import Revision, build_spec  # noqa: E402
from bot.spec.checklist import load_checklist  # noqa: E402
from bot.spec.render import Renderer  # noqa: E402
from bot.spec.sections import compose  # noqa: E402
from bot.spec.writer import save_atomically  # noqa: E402

T0 = datetime(2025, 3, 1, 9, tzinfo=timezone.utc)
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
TOPICS_ZH = ["订单录入", "报价审批", "库存可用量", "发票开具", "回款核销", "发货通知", "物流跟踪", "销售看板", "权限控制", "数据迁移"]
TOPICS_EN = ["order entry", "quote approval", "available stock", "invoicing", "cash application", "shipping notice",
             "carrier tracking", "sales dashboard", "permissions", "data migration"]


def make_project(stakeholders: int, answers: int, requirements: int, lang: str, seed: int = 7):
    rng = random.Random(seed)
    roles = [r for r in ROLES if r != "other"]
    people = []
    for i in range(stakeholders):
        name = (SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)] + str(i // 600 or "")
                if lang == "zh" else f"Person {i:03d}")
        people.append(Stakeholder(id=f"s{i:03d}", name=name, role=roles[i % len(roles)]))
    topics = TOPICS_ZH if lang == "zh" else TOPICS_EN
    categories = [c for c in Category if c is not Category.other]
    reqs = []
    for n in range(requirements):
        topic = topics[n % len(topics)]
        title = (f"{topic}改进第{n}项" if lang == "zh" else f"Improve {topic} #{n}")
        statement = (f"系统应支持{topic}的自动处理,避免人工重复录入(第{n}项)。" if lang == "zh"
                     else f"The system shall handle {topic} automatically without re-keying (item {n}).")
        kpis = ([KPI(metric=f"{topic}处理时长" if lang == "zh" else f"{topic} time",
                     current=f"{rng.randint(2, 8)} 小时" if lang == "zh" else f"{rng.randint(2, 8)} h",
                     target="30 分钟" if lang == "zh" else "30 min")] if n % 3 == 0 else [])
        reqs.append(Requirement(
            id=f"REQ-{n + 1:03d}", title=title, statement=statement, category=categories[n % len(categories)],
            type="non_functional" if n % 11 == 0 else "functional",
            priority=("must", "should", "could", "wont")[min(3, n * 4 // requirements)],
            score=round(100 - n * 90 / requirements, 1), rank=n + 1, kpis=kpis, checklist_refs=["1.2", "2.1"][: 1 + n % 2],
            reasons=["多个部门提出", "阻断订单主流程"] if lang == "zh" else ["raised by several departments", "blocks the order flow"]))
    interviews = []
    for i, person in enumerate(people):
        turns = []
        for k in range(answers):
            answer = (f"我是{person.name},{topics[k]}现在全靠人工,每天要花好几个小时,经常出错,希望系统能自动处理。第{k}个回答。"
                      if lang == "zh" else
                      f"I am {person.name}. {topics[k]} is manual today and takes hours every day; we make mistakes. "
                      f"We need the system to do it. Answer {k}.")
            when = T0 + timedelta(days=i % 20, minutes=k)
            turns.append(Turn(index=k, question=f"Q{k}", answer=answer, status="answered", topic=topics[k],
                              checklist_refs=["1.2"], asked_at=when, answered_at=when))
            target = reqs[(i * answers + k) % requirements]
            target.sources.append(Source(stakeholder_id=person.id, name=person.name, role=person.role,
                                         quote=answer, answered_at=when))
        interviews.append(Interview(project="bench", stakeholder=person, language=lang, status="completed",
                                    turns=turns, started_at=T0 + timedelta(days=i % 20)))
    conflicts = []
    for c in range(min(20, requirements // 2)):
        a, b = reqs[2 * c], reqs[2 * c + 1]
        conflict = Conflict(id=f"CON-{c + 1}", summary=f"{a.title} vs {b.title}", requirement_ids=[a.id, b.id],
                            stakeholder_ids=[a.sources[0].stakeholder_id, b.sources[0].stakeholder_id])
        a.conflicts.append(conflict.id)
        b.conflicts.append(conflict.id)
        conflicts.append(conflict)
    name = "华东大型分销集团" if lang == "zh" else "Large Distribution Group"
    return Project(name=name, language=lang), RequirementSet(project=name, requirements=reqs, conflicts=conflicts), interviews


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stakeholders", type=int, default=100)
    parser.add_argument("--answers", type=int, default=10)
    parser.add_argument("--requirements", type=int, default=250)
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    parser.add_argument("--keep", type=Path, help="also keep the document at this path")
    args = parser.parse_args()

    project, requirement_set, interviews = make_project(args.stakeholders, args.answers, args.requirements, args.lang)
    sources = sum(len(r.sources) for r in requirement_set.requirements)
    print(f"input: {args.stakeholders} stakeholders × {args.answers} answers, {len(requirement_set.requirements)} "
          f"requirements, {sources} sources, {len(requirement_set.conflicts)} conflicts, language {args.lang}")
    revisions = [Revision(version=v, created_at=T0 + timedelta(days=v), summary="earlier draft", requirements=200)
                 for v in (1, 2)]
    checklist = load_checklist(args.lang)

    # stage timings (the same work build_spec does, split so the slow part shows)
    from bot.spec import _context  # noqa: PLC0415 - internal, for the breakdown only
    from bot.spec.i18n import tr
    from bot.spec.template import load_layout, open_template
    started = time.perf_counter()
    layout = load_layout()
    document, styles = open_template(None, layout)
    t_template = time.perf_counter()
    ctx = _context(project, requirement_set, interviews, args.lang, 3, revisions, None, checklist, layout, None)
    blocks = compose(ctx)
    t_compose = time.perf_counter()
    Renderer(document, styles, tr("table.prefix", args.lang)).render(blocks)
    t_render = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        out = save_atomically(document, Path(folder) / "spec.docx")
        size = out.stat().st_size
    t_save = time.perf_counter()
    print(f"template {t_template - started:6.2f} s  compose {t_compose - t_template:6.2f} s  "
          f"render {t_render - t_compose:6.2f} s  save {t_save - t_render:6.2f} s")

    # end to end through the public API, as `reqbot spec` runs it
    started = time.perf_counter()
    document = build_spec(project, requirement_set, interviews, args.lang, version=3, revisions=revisions,
                          checklist=checklist)
    with tempfile.TemporaryDirectory() as folder:
        target = args.keep or Path(folder) / "spec.docx"
        save_atomically(document, target)
    total = time.perf_counter() - started
    print(f"build_spec + write: {total:.2f} s for {len(blocks)} blocks, {len(document.tables)} tables, "
          f"{size / 1e6:.1f} MB  (target < 10 s: {'ok' if total < 10 else 'TOO SLOW'})")


if __name__ == "__main__":
    main()
