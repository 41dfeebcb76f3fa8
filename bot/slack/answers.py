"""Checklist questions asked in Slack, answered in a thread with citations (`reqbot ask`)."""
from __future__ import annotations

from bot.language import detect_language
from bot.qa import QuestionError, answer_question
from bot.slack.blocks import answer_blocks, escape
from bot.slack.context import SlackContext
from bot.slack.parsing import strip_mentions
from bot.slack.texts import say


def answer_in_thread(ctx: SlackContext, channel: str, thread_ts: str, text: str) -> None:
    question = strip_mentions(text)
    language = detect_language(question) if question else "en"
    if not question:
        ctx.web.post(channel, say("empty_question", language), thread_ts=thread_ts)
        return
    try:
        answer = answer_question(question)
    except QuestionError as exc:
        ctx.web.post(channel, say("bad_question", language, reason=escape(str(exc))), thread_ts=thread_ts)
        return
    body, blocks = answer_blocks(answer)
    ctx.web.post(channel, body, blocks, thread_ts=thread_ts)
