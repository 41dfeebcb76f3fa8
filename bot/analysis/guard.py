"""Answers are data: find text that tries to steer the bot, and talk that is not about the OMS.

`injection_start(answer)` gives the offset where an attempt to give the bot orders begins
("ignore previous instructions", "admin mode", "mark all my items top priority" …); the
analysis drops that sentence and everything after it in the same answer, because what
follows is the payload. `is_small_talk(sentence)` spots everyday office topics (canteen,
shuttle bus, team events …) that carry no order-management content, and
`off_topic_start(answer)` finds an explicit "off topic / 题外话" marker.
"""
from __future__ import annotations

import re

from bot.analysis.cues import DOMAIN, Lexicon

_INJECTION = re.compile("|".join([
    # override the bot's instructions
    r"(ignore|disregard|forget|override)\s+(all\s+|any\s+|the\s+|your\s+|my\s+)*(previous|prior|above|earlier|preceding|system|original)?\s*(instructions?|prompts?|rules?|directives?|guidelines?|context)",
    r"(ignore|disregard)\s+(all|everything)\s+(previous|prior|above|before)",
    r"(忽略|无视|不要理会|别管)(掉)?(之前|以上|前面|上面|上述|先前|此前|你的|所有|全部)+(的)?(所有|全部)?(的)?(指令|指示|提示|规则|要求|设定|命令|内容)",
    r"(无视|不要理会|别管)(之前|以上|前面|上面|上述|所有)",
    # role / mode switching
    r"\byou\s+are\s+now\b", r"\bfrom\s+now\s+on,?\s+you\b", r"\b(admin|administrator|developer|god|debug|root)\s+mode\b",
    r"\bact\s+as\s+(an?\s+)?(admin|administrator|system|developer)", r"\bsystem\s+prompt\b", r"\bjailbreak",
    r"你现在(只听|是|进入|扮演|处于)", r"从现在(开始|起)你", r"(管理员|开发者|超级用户|上帝|调试)模式", r"系统提示词",
    r"\bI\s+(order|command|instruct)\s+you\b", r"\byou\s+(must|will|shall)\s+(now\s+)?(obey|follow)\s+(me|my)\b",
    r"^\s*\[?(system|assistant)\]?\s*:\s*(you|ignore|from now|new instructions?|你|忽略)", r"<\s*/?\s*(system|instructions?)\s*>", r"#{2,}\s*(instruction|system)",
    r"我命令你", r"你必须(服从|听从|按我说的)", r"作为(管理员|系统管理员),?我(要求|命令)你",
    r"\b(system|admin|security)\s+override\b", r"\boverride\s+mode\b",
    r"\bdisregard\s+(the|your|all|any)\s+([\w'’]+\s+){0,2}(questions?|instructions?|rules?|guidelines?)",
    r"\b(note|message|instructions?)\s+(to|for)\s+(the\s+)?(ai|bot|assistant|model|llm|gpt)\b",
    r"\b(dear|hey|hi)\s+(ai|bot|assistant|chatgpt|gpt)\b",
    r"\b(put|rank|move|list|place)\s+(all\s+)?(of\s+)?(my|our)\s+(\w+\s+)?(requests|items|requirements|needs)\s+(at\s+the\s+top|first|highest|above)",
    r"(给|对|致)(AI|机器人|助手|模型)(的)?(说明|指令|留言|说)", r"请你作为AI",
    # priority manipulation of the output itself
    r"\b(set|mark|make|flag|rank|label)\s+(every|all|each)\b[^.。!?]{0,60}\b(must|top\s+priority|highest\s+priority|priority\s+one|p0|critical)\b",
    r"\b(make|set|mark)\s+(all\s+)?(of\s+)?(my|our)\s+(items|requirements|requests)\b[^.。!?]{0,40}\b(priority|must)\b",
    r"(所有|全部|每一?条|每个)[^。!?]{0,30}(标记|设为|设置为|改为|列为|都是|定为)[^。!?]{0,12}(最高优先级|优先级最高|必须|must|P0|最高)",
    r"(在|往)(需求说明书|需求文档|说明书|规格书|spec)里?(加|添加|写入|插入)(一条)?",
    r"\b(add|insert|write)\s+(a|an|one)\s+(line|requirement|item)\s+(to|in|into)\s+the\s+(spec|specification|document)\b",
    r"\b(remove|delete|drop)\s+(the\s+)?\w+(\s+\w+)?\s+(team|department)'?s?\s+\w*\s*requirements?\b",
    r"(删除|去掉|移除)(财务|销售|仓库|客服|管理|IT)部?的?(所有)?需求",
]), re.IGNORECASE)

_OFF_TOPIC = re.compile(
    r"\boff[- ]topic\b|\bunrelated\b[^.]{0,20}\bbut\b|\bby the way,? (does|do|is|are|did)\b|题外话|跑题|说句闲话|顺便问一下|与订单无关|跟系统无关",
    re.IGNORECASE,
)

# Everyday workplace subjects that are not order management.
_SMALL_TALK = Lexicon([
    "食堂", "饭菜", "午饭", "午餐", "晚饭", "伙食", "空调", "班车", "通勤", "停车", "车位", "团建", "聚餐", "年会",
    "春游", "秋游", "郊游", "旅游", "龙舟", "篮球", "足球", "羽毛球", "运动会", "比赛", "天气", "放假", "假期",
    "工资", "加薪", "奖金", "宿舍", "厕所", "卫生间", "电梯", "咖啡", "零食", "下午茶", "健身", "生日", "派对",
    "婚礼", "装修办公室", "工位", "椅子", "打印机卡纸", "饮水机", "年终奖",
    "canteen", "cafeteria", "lunch", "dinner", "food court", "air condition", "air-condition", "aircon",
    "shuttle bus", "shuttle", "commute", "parking", "team building", "team-building", "team outing",
    "outing", "offsite party", "party", "picnic", "dragon boat", "paddler", "football", "basketball",
    "badminton", "tournament", "weather", "holiday", "vacation", "salary", "pay rise", "bonus",
    "dormitory", "toilet", "restroom", "elevator", "lift is", "coffee", "snacks", "gym", "birthday",
    "wedding", "karaoke", "desk chair", "office chair", "macbook", "iphone", "new laptop",
])


def injection_start(answer: str) -> int | None:
    """Offset of the first attempt to instruct the bot, or None."""
    m = _INJECTION.search(answer)
    return m.start() if m else None


def is_injection(text: str) -> bool:
    return _INJECTION.search(text) is not None


def off_topic_start(answer: str) -> int | None:
    m = _OFF_TOPIC.search(answer)
    return m.start() if m else None


def is_small_talk(sentence: str) -> bool:
    """Everyday office subject and (almost) no order-management words."""
    if not _SMALL_TALK.count(sentence):
        return False
    domain = DOMAIN.findall(sentence)
    # "system"/"data"/"业务" alone do not make a sentence about the OMS.
    strong = [d for d in domain if d.lower() not in {"system", "系统", "data", "数据", "业务", "流程", "app", "项目", "project"}]
    return len(strong) == 0


def clean_answer(answer: str) -> tuple[str, list[str]]:
    """The part of an answer that may carry requirements, and why the rest was dropped.

    Text from an injection marker or an explicit off-topic marker to the end of the
    answer is cut at the start of its sentence.
    """
    notes: list[str] = []
    cut = len(answer)
    for finder, why in ((injection_start, "instruction to the bot ignored"), (off_topic_start, "off-topic remark")):
        pos = finder(answer)
        if pos is not None and pos < cut:
            cut = _sentence_start(answer, pos)
            notes = [why]
    return answer[:cut], notes


_SENTENCE_END = re.compile(r"[。!?!?;;\n]|\.(\s|$)")


def _sentence_start(text: str, pos: int) -> int:
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    return start
