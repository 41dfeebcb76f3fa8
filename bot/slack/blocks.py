"""Block Kit rendering: interview replies, Q&A answers, PM summaries, in zh or en.

Pure functions from the core's models to Slack's JSON; nothing here calls Slack.
Every piece of text that came from a person (answers, requirement titles, project
names) is escaped, so "<!channel>" typed into an answer never pings a channel.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, ValidationError

from bot.language import Language
from bot.models import Answer
from bot.slack.texts import say

if TYPE_CHECKING:   # the interview engine's reply types
    from bot.interview.service import BotReply, QuestionView, ReviewItem

ACTION_PREFIX = "reqbot."
SECTION_LIMIT = 2900          # Slack allows 3000 characters in a section
BUTTON_LIMIT = 75
MAX_QUICK_CHOICES = 10
MAX_REVIEW_ITEMS = 40         # a message holds 50 blocks


class ButtonRef(BaseModel):
    """What a button carries back: whose interview, which question, and for a quick
    choice the text chosen; for a review button the requirement id."""
    model_config = ConfigDict(extra="forbid")
    p: str                      # project name
    s: str                      # stakeholder id
    q: int | None = None        # question index the button belongs to
    c: str | None = None        # quick-choice text
    r: str | None = None        # requirement id
    ch: str | None = None       # DM channel (for modals, which carry no channel)

    def encode(self) -> str:
        return self.model_dump_json(exclude_none=True)

    @classmethod
    def decode(cls, value: str | None) -> ButtonRef | None:
        try:
            return cls.model_validate(json.loads(value or ""))
        except (ValueError, ValidationError):
            return None


def escape(text: str) -> str:
    """Slack's three control characters, escaped as Slack documents."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, SECTION_LIMIT)}}


def context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, SECTION_LIMIT)}]}


def button(label: str, action: str, value: str, style: str | None = None) -> dict[str, Any]:
    element = {"type": "button", "text": {"type": "plain_text", "text": clip(label, BUTTON_LIMIT), "emoji": True},
               "action_id": ACTION_PREFIX + action, "value": value}
    if style:
        element["style"] = style
    return element


def actions(elements: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "actions", "elements": elements[:25]}


# --- the interview ------------------------------------------------------------------------

def reply_blocks(reply: BotReply, project: str, stakeholder_id: str,
                 titles: dict[str, str] | None = None) -> tuple[str, list[dict[str, Any]]]:
    """(notification text, blocks) for one reply of the interview engine; `titles` names
    the checklist sections the question cites."""
    lang: Language = reply.language
    blocks: list[dict[str, Any]] = [mrkdwn(escape(m)) for m in reply.messages if m.strip()]
    text_parts = [m for m in reply.messages if m.strip()]
    if reply.status == "paused":
        # Paused: offer to resume instead of showing the question's buttons.
        ref = ButtonRef(p=project, s=stakeholder_id).encode()
        blocks.append(actions([button(say("resume", lang), "resume", ref, "primary")]))
    elif reply.question is not None:
        blocks += question_blocks(reply.question, lang, project, stakeholder_id, titles)
        text_parts.append(reply.question.text)
    if reply.review is not None:
        blocks += review_blocks(reply.review, lang, project, stakeholder_id)
        text_parts.append(say("review_title", lang))
    text = clip("\n".join(text_parts), 3000) or say("working", lang)
    return text, blocks[:50]


def question_blocks(question: QuestionView, lang: Language, project: str, stakeholder_id: str,
                    titles: dict[str, str] | None = None) -> list[dict[str, Any]]:
    ref = ButtonRef(p=project, s=stakeholder_id, q=question.index)
    number = question.number or question.index + 1
    total = getattr(question, "estimated_total", 0)
    heading = say("question_of", lang, n=number, total=total) if total > number else say("question_n", lang, n=number)
    blocks = [mrkdwn(f"*{heading}*\n{escape(question.text)}")]
    if question.checklist_refs:
        titles = titles or {}
        cited = [f"{escape(r)} {escape(titles[r])}" if titles.get(r) else escape(r) for r in question.checklist_refs]
        blocks.append(context(f"📋 {say('checklist', lang)}: " + " · ".join(cited)))
    choices = [c for c in question.quick_choices if c.strip()][:MAX_QUICK_CHOICES]
    if choices:
        blocks.append(context(say("quick_choices", lang)))
        blocks.append(actions([
            button(choice, f"choice.{n}", ref.model_copy(update={"c": clip(choice, 1500)}).encode())
            for n, choice in enumerate(choices)]))
    value = ref.encode()
    blocks.append(actions([
        button(say("skip", lang), "skip", value),
        button(say("back", lang), "back", value),
        button(say("pause", lang), "pause", value),
        button(say("explain", lang), "explain", value),
    ]))
    return blocks


def review_blocks(items: list[ReviewItem], lang: Language, project: str,
                  stakeholder_id: str) -> list[dict[str, Any]]:
    blocks = [mrkdwn(f"*{say('review_title', lang)}*")]
    if not items:
        blocks.append(mrkdwn(say("review_empty", lang)))
    for item in items[:MAX_REVIEW_ITEMS]:
        ref = ButtonRef(p=project, s=stakeholder_id, r=item.req_id).encode()
        decision = getattr(item, "decision", "pending")
        mark = f" · ✓ {say(decision, lang)}" if decision in ("confirmed", "corrected") else ""
        section = mrkdwn(f"*{escape(item.req_id)}* {escape(item.title)}\n_{say('priority', lang)}: "
                         f"{escape(item.priority)}{mark}_")
        section["accessory"] = button(say("remove", lang), "remove", ref, "danger")
        blocks.append(section)
    ref = ButtonRef(p=project, s=stakeholder_id).encode()
    elements = [button(say("confirm", lang), "confirm", ref, "primary")]
    if items:
        elements.append(button(say("edit", lang), "edit", ref))
    blocks.append(actions(elements))
    blocks.append(context(say("review_hint", lang)))
    return blocks


def pressed_blocks(original: list[dict[str, Any]], note: str) -> list[dict[str, Any]]:
    """The clicked message without its buttons, with a note of what was pressed, so an
    old question cannot be answered twice by accident."""
    kept = [b for b in original if b.get("type") != "actions"]
    return kept + [context(escape(note))]


def correction_modal(ref: ButtonRef, items: list[ReviewItem], lang: Language) -> dict[str, Any]:
    options = [{"text": {"type": "plain_text", "text": clip(f"{i.req_id} {i.title}", 75)}, "value": i.req_id}
               for i in items[:100]]
    return {
        "type": "modal", "callback_id": ACTION_PREFIX + "correct",
        "private_metadata": ref.encode(),
        "title": {"type": "plain_text", "text": say("edit_title", lang)},
        "submit": {"type": "plain_text", "text": say("save", lang)},
        "close": {"type": "plain_text", "text": say("cancel", lang)},
        "blocks": [
            {"type": "input", "block_id": "req", "label": {"type": "plain_text", "text": "REQ"},
             "element": {"type": "static_select", "action_id": "value", "options": options,
                         **({"initial_option": options[0]} if options else {})}},
            {"type": "input", "block_id": "text", "label": {"type": "plain_text", "text": say("edit_label", lang)},
             "element": {"type": "plain_text_input", "action_id": "value", "multiline": True, "max_length": 2000}},
        ],
    }


# --- checklist Q&A ------------------------------------------------------------------------

def answer_blocks(answer: Answer) -> tuple[str, list[dict[str, Any]]]:
    lang = answer.language
    blocks = [mrkdwn(escape(answer.answer))]
    if answer.citations:
        cited = "\n".join(f"• *[{escape(c.section)}]* {escape(c.title)}" for c in answer.citations)
        blocks.append(context(f"📚 *{say('sources', lang)}*\n{cited}"))
    text = answer.answer
    if answer.citations:
        text += "\n" + say("sources", lang) + ": " + ", ".join(f"[{c.section}]" for c in answer.citations)
    return clip(text, 3000), blocks
