"""Conversation control words in Chinese and English: skip, back, pause, resume, done, help,
explain, language switch, and the closing review's confirm / remove / correct.

A message is a command only when the WHOLE message is one of these words (give or take
punctuation, case and a leading slash). "skip the approval step for small orders" is an
answer, and so is any instruction-looking text: answers are data.
"""
from __future__ import annotations

import re

from pydantic import BaseModel

from bot.language import Language

ACTIONS = ("skip", "back", "pause", "resume", "done", "help", "explain", "language",
           "confirm", "remove", "correct")


class Command(BaseModel):
    action: str                     # one of ACTIONS
    argument: str | None = None     # the language for "language"; "REQ-003" or "REQ-003: text" for review actions


_WORDS: dict[str, tuple[str, ...]] = {
    "skip": ("skip", "pass", "next", "skip this", "skip it", "next question", "跳过", "略过", "下一题", "下一个",
             "跳过这题", "这题跳过", "不答", "先跳过"),
    "back": ("back", "go back", "previous", "prev", "undo", "previous question", "上一题", "返回", "回到上一题",
             "改上一题", "退回", "上一个"),
    "pause": ("pause", "later", "stop", "not now", "brb", "暂停", "稍后", "等会", "等一下", "以后再说", "先到这",
              "先到这里", "晚点再说"),
    "resume": ("resume", "continue", "go on", "start", "继续", "恢复", "接着来", "开始"),
    "done": ("done", "finish", "finished", "end", "quit", "exit", "that's all", "thats all", "i'm done", "im done",
             "结束", "完成", "结束访谈", "就这些", "不聊了", "到此为止"),
    "help": ("help", "?", "commands", "menu", "帮助", "怎么用", "命令", "说明", "?"),
    "explain": ("why", "why?", "explain", "why this question", "为什么", "为什么问这个", "依据", "出处", "解释"),
}
_LANGUAGE_WORDS: dict[str, Language] = {
    "english": "en", "in english": "en", "english please": "en", "speak english": "en", "英文": "en", "英语": "en",
    "用英文": "en", "说英文": "en", "en": "en",
    "中文": "zh", "chinese": "zh", "in chinese": "zh", "汉语": "zh", "用中文": "zh", "说中文": "zh",
    "中文吧": "zh", "zh": "zh", "普通话": "zh",
}
_CONFIRM_WORDS = ("confirm", "confirmed", "ok", "okay", "yes", "looks good", "lgtm", "correct", "all good",
                  "确认", "确定", "没问题", "对", "是的", "可以", "好", "好的", "都对", "全部确认", "确认全部")

_LOOKUP: dict[str, str] = {word: action for action, words in _WORDS.items() for word in words}
_TRIM = " \t\r\n。.!!~~、,,;;??"
_REQ = r"(?:REQ-?)?(\d{1,5})"
_REVIEW_CONFIRM_ONE = re.compile(rf"^(?:confirm|ok|确认|确定)\s*{_REQ}$", re.IGNORECASE)
_REVIEW_REMOVE = re.compile(rf"^(?:remove|delete|drop|删除|删掉|去掉|移除)\s*{_REQ}$", re.IGNORECASE)
_REVIEW_CORRECT = re.compile(rf"^(?:(?:correct|edit|change|fix|修改|更正|改)\s*)?{_REQ}\s*[::]\s*(.+)$",
                             re.IGNORECASE | re.DOTALL)


def normalize(text: str) -> str:
    return " ".join(text.strip().strip(_TRIM).lstrip("/").lower().split())


def req_id(number: str) -> str:
    return f"REQ-{int(number):03d}"


def parse_command(text: str, reviewing: bool = False) -> Command | None:
    """The command this message is, or None when it is an answer."""
    if len(text) > 200:                     # no command is this long; don't even look
        return None
    if text.strip() in ("?", "?"):
        return Command(action="help")
    word = normalize(text)
    if not word:
        return None
    if word in _LANGUAGE_WORDS:
        return Command(action="language", argument=_LANGUAGE_WORDS[word])
    if reviewing:
        review = _parse_review(text.strip())
        if review is not None:
            return review
    action = _LOOKUP.get(word)
    return Command(action=action) if action else None


def _parse_review(text: str) -> Command | None:
    if normalize(text) in _CONFIRM_WORDS:
        return Command(action="confirm")
    if match := _REVIEW_CONFIRM_ONE.match(text):
        return Command(action="confirm", argument=req_id(match.group(1)))
    if match := _REVIEW_REMOVE.match(text):
        return Command(action="remove", argument=req_id(match.group(1)))
    if match := _REVIEW_CORRECT.match(text):
        return Command(action="correct", argument=f"{req_id(match.group(1))}: {match.group(2).strip()}")
    return None


def split_correction(argument: str | None) -> tuple[str, str] | None:
    """("REQ-003", "new text") from "REQ-003: new text" (or "3: new text"), else None."""
    if not argument:
        return None
    match = re.match(rf"^\s*{_REQ}\s*[::]\s*(.+)$", argument, re.DOTALL | re.IGNORECASE)
    if not match or not match.group(2).strip():
        return None
    return req_id(match.group(1)), match.group(2).strip()


HELP: dict[Language, str] = {
    "zh": "可以直接回答问题,也可以随时发送:\n"
          "  跳过 — 跳过这题    上一题 — 修改上一题的回答    暂停 — 先停下,之后发送“继续”接着来\n"
          "  结束 — 结束提问,进入确认环节    为什么 — 看这题依据的清单内容    English — 换成英文\n"
          "确认环节里:确认 — 全部确认;删除 REQ-003;修改 REQ-003: 新的说法",
    "en": "Just answer the question, or send at any time:\n"
          "  skip — skip this question    back — change your previous answer    pause — stop for now, "
          "send \"resume\" later\n"
          "  done — finish and review what I understood    why — the checklist guidance behind the question    "
          "中文 — switch to Chinese\n"
          "In the review: confirm — confirm all; remove REQ-003; correct REQ-003: new wording",
}
