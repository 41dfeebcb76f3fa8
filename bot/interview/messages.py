"""What the interviewer says besides its questions, in both languages."""
from __future__ import annotations

from bot.language import Language

_MESSAGES: dict[str, dict[Language, str]] = {
    "welcome": {
        "zh": "{name}你好!我是订单管理系统(OMS)项目的需求调研助手。接下来大约 {count} 个问题,10–15 分钟。"
              "随时可以说“跳过”“上一题”“暂停”或“帮助”。",
        "en": "Hi {name}! I'm the requirements assistant for the order management system (OMS) project. "
              "About {count} questions, 10–15 minutes. You can say \"skip\", \"back\", \"pause\" or \"help\" at any time.",
    },
    "welcome_back": {
        "zh": "欢迎回来,{name}!我们从上次停下的地方继续。",
        "en": "Welcome back, {name}! Let's pick up where we left off.",
    },
    "paused": {
        "zh": "好的,已暂停,你的回答都已保存。随时回来发送“继续”(或直接回答)就从这一题接着来。",
        "en": "Paused — everything you said is saved. Come back any time and send \"resume\" (or just answer) "
              "to continue from this question.",
    },
    "reask": {
        "zh": "抱歉,这条我没看懂。能用几句话描述一下吗?不想回答可以发送“跳过”。",
        "en": "Sorry, I couldn't read that one. Could you put it in a few words? Send \"skip\" to move on.",
    },
    "empty": {
        "zh": "这条消息是空的。请写下你的回答,或发送“跳过”。",
        "en": "That message was empty. Please type your answer, or send \"skip\".",
    },
    "long_answer": {
        "zh": "收到,内容较长({count} 字),已完整保存。",
        "en": "Got it — a long answer ({count} characters), saved in full.",
    },
    "skipped": {"zh": "好的,跳过这题。", "en": "OK, skipping this one."},
    "kept": {"zh": "好的,保留原来的回答。", "en": "OK, keeping your earlier answer."},
    "updated": {"zh": "已更新你之前的回答(原回答也保留在记录里)。", "en": "Updated your earlier answer (the old one is kept in the history)."},
    "back": {
        "zh": "好的,回到上一题。你之前的回答是:「{answer}」\n可以重新回答;发送“跳过”则保留原回答。",
        "en": "OK, back to the previous question. Your earlier answer was: \"{answer}\"\n"
              "Answer again, or send \"skip\" to keep it.",
    },
    "back_skipped": {
        "zh": "好的,回到上一题(之前跳过了)。可以现在回答,或再次发送“跳过”。",
        "en": "OK, back to the previous question (you skipped it). Answer it now, or send \"skip\" again.",
    },
    "reopened": {"zh": "好的,回到最后一题,可以重新回答。", "en": "OK, back to the last question — answer it again."},
    "no_back": {"zh": "这已经是第一题了。", "en": "This is already the first question."},
    "language": {"zh": "好的,接下来用中文。", "en": "Sure, let's continue in English."},
    "explain_none": {"zh": "这题没有对应的清单内容。", "en": "No checklist passage is behind this question."},
    "review_intro": {
        "zh": "谢谢!根据你的回答,我整理出以下需求,请看看是否准确:",
        "en": "Thank you! From your answers I understood the requirements below. Please check them:",
    },
    "review_howto": {
        "zh": "回复“确认”全部确认;“删除 REQ-003”去掉一条;“修改 REQ-003: 新的说法”更正一条。",
        "en": "Reply \"confirm\" to confirm them all, \"remove REQ-003\" to drop one, or "
              "\"correct REQ-003: new wording\" to fix one.",
    },
    "review_empty": {
        "zh": "谢谢!这次的回答里我没有整理出明确的需求。你的回答都已保存,项目经理会一并参考。",
        "en": "Thank you! I couldn't pin down specific requirements from these answers. Everything you said is "
              "saved and the project manager will see it.",
    },
    "review_unavailable": {
        "zh": "谢谢!你的回答都已保存。需求整理暂时不可用,项目经理会在汇总时一并处理。",
        "en": "Thank you! Your answers are saved. Requirement extraction isn't available right now; the project "
              "manager will include them in the consolidated list.",
    },
    "review_unknown": {"zh": "没有找到 {req}。请用上面列出的编号。", "en": "I can't find {req}. Please use one of the ids listed above."},
    "review_bad_correction": {
        "zh": "请这样写更正:修改 REQ-003: 新的说法", "en": "Please write a correction as: correct REQ-003: new wording",
    },
    "review_removed": {"zh": "已删除 {req}。", "en": "Removed {req}."},
    "review_corrected": {"zh": "已更正 {req}。", "en": "Corrected {req}."},
    "review_confirmed_one": {"zh": "已确认 {req}。", "en": "Confirmed {req}."},
    "review_note": {
        "zh": "补充内容已记下。", "en": "Noted — I've added that to your answers.",
    },
    "completed": {
        "zh": "访谈完成,谢谢你的时间!你的回答和确认结果都已保存。",
        "en": "All done — thank you for your time! Your answers and review are saved.",
    },
    "already_completed": {
        "zh": "你的访谈已经完成了,谢谢!如有补充,请联系项目经理。",
        "en": "Your interview is already complete — thank you! For anything to add, please contact the project manager.",
    },
    "not_in_review": {"zh": "这个操作只在最后的确认环节可用。", "en": "That only works in the closing review."},
    "not_paused": {"zh": "我们正在进行中,请回答下面的问题。", "en": "We're in progress — here is the current question."},
}


def say(key: str, language: Language, **values: object) -> str:
    text = _MESSAGES[key][language]
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text
