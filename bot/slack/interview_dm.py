"""The interview in a direct message: free-text answers, buttons, the closing review.

Each function runs after Slack was acknowledged. The interview engine stores an
answer before it returns the next question, so whatever happens to the Slack call
that follows, the answer is kept. A person only ever acts on their own interview:
every button says whose interview it belongs to, and that is checked against the
Slack user who pressed it.
"""
from __future__ import annotations

import logging
from typing import Any

from bot.language import Language, detect_language
from bot.models import Interview, Stakeholder
from bot.retrieval.index import get_index
from bot.slack.answers import answer_in_thread
from bot.slack.blocks import ButtonRef, correction_modal, mrkdwn, pressed_blocks, reply_blocks
from bot.slack.context import SlackContext
from bot.slack.parsing import explicit_question, looks_like_question
from bot.slack.texts import say

log = logging.getLogger(__name__)

ACTIVE = ("in_progress", "reviewing")
OPEN = ("in_progress", "reviewing", "paused")
QUESTION_BUTTONS = ("skip", "back", "pause", "explain", "choice")
REVIEW_BUTTONS = ("confirm", "remove", "edit", "resume")
LABELLED = ("skip", "back", "pause", "resume", "confirm", "remove")     # buttons with a label in texts.py


def open_interview(ctx: SlackContext, slack_user: str) -> Interview | None:
    """The person's open interview (most recently active first), across projects."""
    found: list[Interview] = []
    for project, person in ctx.store.find_stakeholder_by_slack_user(slack_user):
        interview = ctx.store.get_interview(project, person.id)
        if interview is not None and interview.status in OPEN:
            found.append(interview)
    return max(found, key=lambda i: (i.status in ACTIVE, i.updated_at)) if found else None


def send_reply(ctx: SlackContext, channel: str, reply: Any, project: str, stakeholder_id: str,
               preface: str | None = None) -> None:
    """Post an interview reply. `preface` is mrkdwn the caller built (names already escaped)."""
    refs = reply.question.checklist_refs if reply.question is not None else []
    text, blocks = reply_blocks(reply, project, stakeholder_id, section_titles(refs, reply.language))
    if preface:
        blocks = [mrkdwn(preface), *blocks][:50]
        text = f"{preface}\n{text}"
    ctx.web.post(channel, text, blocks)


def section_titles(refs: list[str], language: Language) -> dict[str, str]:
    """Checklist section titles for the ids a question cites (none when the index is unavailable)."""
    if not refs:
        return {}
    try:
        index = get_index()
    except Exception:   # the question is still asked, only without titles
        return {}
    titles = {}
    for ref in refs:
        try:
            titles[ref] = index.section(ref, language).title
        except KeyError:
            continue
    return titles


def on_message(ctx: SlackContext, user: str, channel: str, text: str, ts: str,
               thread_ts: str | None = None) -> None:
    """A DM to the bot: an interview answer or command, or else a checklist question.
    The interview lives in the DM's main timeline; a reply inside a thread (the thread of
    an earlier checklist answer) is a follow-up question and is answered there."""
    if thread_ts and thread_ts != ts:
        answer_in_thread(ctx, channel, thread_ts, text)
        return
    asked = explicit_question(text)
    if asked:
        answer_in_thread(ctx, channel, ts, asked)
        return
    interview = open_interview(ctx, user)
    if interview is not None and (interview.status in ACTIVE or not looks_like_question(text)):
        reply = ctx.interviews.handle(interview.project, interview.stakeholder.id, text)
        send_reply(ctx, channel, reply, interview.project, interview.stakeholder.id)
        return
    if looks_like_question(text):
        answer_in_thread(ctx, channel, ts, text)
        return
    ctx.web.post(channel, say("no_interview", detect_language(text)))


def report_failure(ctx: SlackContext, channel: str, text: str = "") -> None:
    ctx.web.post(channel, say("error", detect_language(text) if text else "en"))


# --- buttons ------------------------------------------------------------------------------

def _owned(ctx: SlackContext, ref: ButtonRef | None, user: str) -> Stakeholder | None:
    if ref is None:
        return None
    person = ctx.store.get_stakeholder(ref.p, ref.s)
    return person if person is not None and person.slack_user_id == user else None


def on_button(ctx: SlackContext, action: str, value: str | None, user: str, channel: str,
              message: dict[str, Any] | None, trigger_id: str | None = None) -> None:
    """A button in the DM: `action` is the part after "reqbot." ("skip", "choice.2", …)."""
    ref = ButtonRef.decode(value)
    person = _owned(ctx, ref, user)
    if person is None:
        ctx.web.post(channel, say("not_yours", "en") + "\n" + say("not_yours", "zh"))
        return
    kind = action.split(".", 1)[0]
    if kind not in QUESTION_BUTTONS + REVIEW_BUTTONS:     # not a button this app ever sent
        log.info("ignoring unknown button %s", kind[:40])
        return
    project, sid = ref.p, ref.s
    if kind in QUESTION_BUTTONS:
        current = ctx.interviews.current(project, sid)
        if current.question is None or current.question.index != ref.q:
            send_reply(ctx, channel, current, project, sid, preface=say("stale", current.language))
            return
    if kind == "edit":
        current = ctx.interviews.current(project, sid)
        modal = correction_modal(ref.model_copy(update={"ch": channel}), current.review or [], current.language)
        if trigger_id:
            ctx.web.open_view(trigger_id, modal)
        return
    if kind == "choice":
        reply = ctx.interviews.handle(project, sid, ref.c or "")
        note = say("you_chose", reply.language, choice=ref.c or "")
    else:
        argument = ref.r if kind == "remove" else None
        reply = ctx.interviews.act(project, sid, kind, argument)
        note = say("you_pressed", reply.language, label=say(kind, reply.language) if kind in LABELLED else kind)
    if kind != "explain":
        _retire_buttons(ctx, channel, message, note)
    send_reply(ctx, channel, reply, project, sid)


def _retire_buttons(ctx: SlackContext, channel: str, message: dict[str, Any] | None, note: str) -> None:
    if not message or not message.get("ts"):
        return
    blocks = pressed_blocks(message.get("blocks") or [], note)
    ctx.web.update(channel, message["ts"], message.get("text") or note, blocks)


def on_correction(ctx: SlackContext, user: str, private_metadata: str, req_id: str | None, text: str) -> None:
    """The Edit modal was submitted: keep the correction and show the review again."""
    ref = ButtonRef.decode(private_metadata)
    person = _owned(ctx, ref, user)
    if person is None or not ref.ch or not req_id or not text.strip():
        return
    reply = ctx.interviews.act(ref.p, ref.s, "correct", f"{req_id}: {text.strip()}")
    send_reply(ctx, ref.ch, reply, ref.p, ref.s)
