"""The interview state machine for one stakeholder.

All state lives in the store: the turns (questions and answers, with their history) and
`EngineState`, this module's own JSON kept next to the interview. A `Conversation` is
built per incoming message from those two, does one step and writes back, so a process
can die between any two messages (or inside one) without losing anything.

Write order, so a crash at any point resumes correctly (see `Conversation.reconcile`):
1. the answer goes into its turn;
2. the engine state is saved with the next question already in it;
3. the next question is appended as a pending turn.
A pending question missing from the turns is re-added; an answered pending turn the
state has not seen yet is processed as if the answer had just arrived.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, Field

from bot.interview import followups
from bot.interview.commands import HELP, split_correction
from bot.interview.messages import say
from bot.interview.questions import Grounding, PlannedQuestion
from bot.language import Language, detect_language, has_han
from bot.models import Interview, Requirement, Turn
from bot.store import Store

MAX_QUESTIONS = 12              # planned + follow-ups: about 10–15 minutes for a busy person
MAX_FOLLOWUPS_PER_TOPIC = 2     # then the topic counts as covered
RESERVED_FOR_CONFLICTS = 1      # question slots only a conflict follow-up may use
MAX_REASKS = 2                  # unreadable answers (emoji only) re-asked this often, then we move on
LONG_ANSWER = 2000              # characters; acknowledged so the person knows nothing was cut
QUOTE_CHARS = 200               # how much of an earlier answer "back" shows
SYSTEMS_TOPIC = "systems_in_use"
# Follow-up kinds a topic does not get ("which systems?" answers are lists, not complaints).
NO_FOLLOWUP: dict[str, set[str]] = {SYSTEMS_TOPIC: {"quantify"}}

log = logging.getLogger(__name__)

Decision = Literal["pending", "confirmed", "removed", "corrected"]


class AskedQuestion(BaseModel):
    topic: str
    text: dict[str, str]                        # language -> question
    refs: list[str] = Field(default_factory=list)
    guidance: dict[str, str] = Field(default_factory=dict)
    quick_choices: dict[str, list[str]] = Field(default_factory=dict)
    followup: str | None = None                 # quantify | integration | conflict; None for planned questions
    number: int = 0                             # 1-based position among the questions asked


class ReviewEntry(BaseModel):
    req_id: str
    title: str
    priority: str
    decision: Decision = "pending"
    text: str | None = None                     # the corrected wording


class EngineState(BaseModel):
    version: int = 1
    role: str
    language: Language
    plan: list[PlannedQuestion]
    followup_grounding: dict[str, Grounding] = Field(default_factory=dict)
    next_plan: int = 0                          # position in `plan` of the next planned question
    pending: int | None = None                  # turn index awaiting an answer
    seen: str = ""                              # signature of the pending turn when it was (re)asked
    return_to: list[int] = Field(default_factory=list)   # pending turns to go back to after "back"
    asked: dict[int, AskedQuestion] = Field(default_factory=dict)
    reasks: dict[int, int] = Field(default_factory=dict)
    followups: dict[str, list[str]] = Field(default_factory=dict)  # topic -> follow-up kinds asked
    systems_followed: list[str] = Field(default_factory=list)
    stances_followed: list[str] = Field(default_factory=list)
    covered: list[str] = Field(default_factory=list)     # topics that need no (more) questions
    review: list[ReviewEntry] = Field(default_factory=list)

    def remaining_planned(self) -> int:
        return sum(1 for q in self.plan[self.next_plan:] if q.topic not in self.covered)


ReviewExtractor = Callable[[Interview, Language], list[Requirement]]


def signature(turn: Turn | None) -> str:
    """Changes whenever the turn is answered, re-answered or skipped."""
    if turn is None:
        return "missing"
    return f"{turn.status}|{turn.answered_at.isoformat() if turn.answered_at else ''}"


def strongly(text: str) -> Language | None:
    """The language an answer is clearly written in, or None when it is too short to tell."""
    language = detect_language(text)
    if language == "zh":
        return "zh" if sum(1 for ch in text if has_han(ch)) >= 4 else None
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return "en" if len(words) >= 3 and not has_han(text) else None


class Conversation:
    """One stakeholder's interview: load, do one step, save."""

    def __init__(self, store: Store, project: str, interview: Interview, state: EngineState,
                 review_extractor: ReviewExtractor) -> None:
        self.store = store
        self.project = project
        self.interview = interview
        self.state = state
        self.turns: dict[int, Turn] = {t.index: t for t in interview.turns}
        self._extract = review_extractor

    @property
    def sid(self) -> str:
        return self.interview.stakeholder.id

    @property
    def language(self) -> Language:
        return self.state.language

    @property
    def status(self) -> str:
        return self.interview.status

    # --- persistence ------------------------------------------------------------------------

    def save(self) -> None:
        self.store.save_interview_state(self.project, self.sid, self.state.model_dump_json())

    def set_status(self, status: str) -> None:
        if self.interview.status != status:
            self.interview = self.store.set_interview_status(self.project, self.sid, status)

    def reconcile(self) -> list[str]:
        """Repair what a crash between the writes of one step left behind (see module doc)."""
        pending = self.state.pending
        if pending is None or self.status not in ("in_progress", "paused"):
            return []
        turn = self.turns.get(pending)
        if turn is None:
            asked = self.state.asked[pending]
            self._append_turn(pending, asked)
            return []
        if signature(turn) != self.state.seen and turn.status in ("answered", "skipped"):
            return self._after_answer() if turn.status == "answered" else self._after_skip()
        return []

    def _append_turn(self, predicted: int, asked: AskedQuestion) -> None:
        turn = self.store.add_question(self.project, self.sid, asked.text[self.language], topic=asked.topic,
                                       checklist_refs=asked.refs)
        self.turns[turn.index] = turn
        if turn.index != predicted:        # another writer appended meanwhile: follow the store's numbering
            self.state.asked[turn.index] = self.state.asked.pop(predicted)
            self.state.pending = turn.index
            self.save()

    # --- asking -----------------------------------------------------------------------------

    def _ask(self, asked: AskedQuestion) -> None:
        index = max(self.turns, default=-1) + 1
        asked.number = len(self.state.asked) + 1
        self.state.asked[index] = asked
        self.state.pending = index
        self.state.seen = "pending|"             # the signature of a fresh pending turn
        self.save()                              # the state knows the question before the turn exists
        self._append_turn(index, asked)

    def start(self) -> list[str]:
        return self._next_planned()

    def _next_planned(self) -> list[str]:
        state = self.state
        while state.next_plan < len(state.plan) and len(state.asked) < MAX_QUESTIONS:
            planned = state.plan[state.next_plan]
            state.next_plan += 1
            if planned.topic in state.covered:
                continue
            self._ask(AskedQuestion(topic=planned.topic, text=planned.text, refs=planned.grounding.refs,
                                    guidance=planned.grounding.guidance, quick_choices=planned.quick_choices))
            return []
        return self.enter_review()

    def _followup(self, turn: Turn) -> AskedQuestion | None:
        """The most useful follow-up to this answer, if the interview has room for one."""
        state = self.state
        asked = state.asked[turn.index]
        done_kinds = set(state.followups.setdefault(asked.topic, []))
        room = MAX_QUESTIONS - len(state.asked) - state.remaining_planned()
        if len(done_kinds) >= MAX_FOLLOWUPS_PER_TOPIC or room <= 0:
            return None
        # Cues sit near the start of what people write: a 10,000-character paste is not scanned whole.
        answer = followups.usable_part((turn.answer or "")[:LONG_ANSWER])
        text: dict[str, str] | None = None
        kind = ""
        if "conflict" not in done_kinds and followups.stance_topics(answer) - set(state.stances_followed):
            probe = turn.model_copy(update={"answer": answer})
            disagreement = followups.find_disagreement(self.interview, probe, self.store.list_interviews(self.project),
                                                       skip_topics=state.stances_followed)
            if disagreement is not None:
                text, kind = followups.conflict_question(disagreement), "conflict"
                state.stances_followed.append(disagreement.topic)
        if text is None and room <= RESERVED_FOR_CONFLICTS:
            return None             # the last slot is kept for a disagreement someone may still state
        excluded = NO_FOLLOWUP.get(asked.topic, set())
        if text is None and "quantify" not in done_kinds | excluded and asked.followup != "quantify":
            vague = followups.find_vague(answer)
            if vague is not None:
                text, kind = followups.quantify_question(vague), "quantify"
        if text is None and "integration" not in done_kinds:
            # a system named earlier in the topic still gets its question after a quantifying one
            systems = [s for s in followups.find_systems(self._topic_text(asked.topic, answer))
                       if s.key not in state.systems_followed]
            if systems:
                text, kind = followups.integration_question(systems[0]), "integration"
                state.systems_followed.append(systems[0].key)
                if SYSTEMS_TOPIC not in state.covered:
                    state.covered.append(SYSTEMS_TOPIC)   # the systems question would only repeat this
        if text is None:
            return None
        state.followups[asked.topic].append(kind)
        grounding = state.followup_grounding.get(kind) or Grounding(refs=asked.refs, guidance=asked.guidance)
        refs = list(dict.fromkeys([*grounding.refs, *asked.refs]))[:3]
        return AskedQuestion(topic=asked.topic, text=text, refs=refs, guidance=grounding.guidance, followup=kind)

    def _topic_text(self, topic: str, latest: str) -> str:
        """Every answer given on `topic` so far, the latest one last."""
        earlier = [followups.usable_part((self.turns[i].answer or "")[:LONG_ANSWER]) for i, q in self.state.asked.items()
                   if q.topic == topic and i != self.state.pending and i in self.turns
                   and self.turns[i].status == "answered"]
        return "\n".join([*earlier, latest])

    # --- answers ----------------------------------------------------------------------------

    def answer(self, text: str) -> list[str]:
        turn = self.store.answer_turn(self.project, self.sid, self.state.pending, text)   # stored first
        self.turns[turn.index] = turn
        switched = strongly(text)          # written in the other language: the next question is too
        if switched and switched != self.language:
            self.switch_language(switched, announce=False)
        return self._after_answer()

    def _after_answer(self) -> list[str]:
        state = self.state
        index = state.pending
        turn = self.turns[index]
        if state.return_to:                                  # a revisited answer: go back to where we were
            return [say("updated", self.language), *self._return()]
        if followups.is_unusable(turn.answer or ""):
            state.reasks[index] = state.reasks.get(index, 0) + 1
            if state.reasks[index] <= MAX_REASKS:
                state.seen = signature(turn)
                self.save()
                return [say("reask", self.language)]
        messages = []
        if len(turn.answer or "") > LONG_ANSWER:
            messages.append(say("long_answer", self.language, count=f"{len(turn.answer):,}"))
        followup = self._followup(turn)
        if followup is not None:
            self._ask(followup)
            return messages
        return messages + self._next_planned()

    def _after_skip(self) -> list[str]:
        if self.state.return_to:
            return self._return()
        return self._next_planned()

    def _return(self) -> list[str]:
        self.state.pending = self.state.return_to.pop()
        self.state.seen = signature(self.turns.get(self.state.pending))
        self.save()
        return []

    # --- commands ---------------------------------------------------------------------------

    def skip(self) -> list[str]:
        if self.state.return_to:                 # skipping a revisited question keeps its earlier answer
            return [say("kept", self.language), *self._return()]
        turn = self.store.skip_turn(self.project, self.sid, self.state.pending)
        self.turns[turn.index] = turn
        return [say("skipped", self.language), *self._after_skip()]

    def back(self) -> list[str]:
        pending = self.state.pending
        earlier = [i for i in sorted(self.state.asked) if i < pending
                   and self.turns.get(i) is not None and self.turns[i].status in ("answered", "skipped")]
        if not earlier:
            return [say("no_back", self.language)]
        target = earlier[-1]
        self.state.return_to.append(pending)
        self.state.pending = target
        turn = self.turns[target]
        self.state.seen = signature(turn)
        self.save()
        if turn.status == "skipped" or not turn.answer:
            return [say("back_skipped", self.language)]
        quote = turn.answer if len(turn.answer) <= QUOTE_CHARS else turn.answer[:QUOTE_CHARS] + "…"
        return [say("back", self.language, answer=quote)]

    def pause(self) -> list[str]:
        self.set_status("paused")
        return [say("paused", self.language)]

    def resume(self) -> list[str]:
        self.set_status("in_progress")
        return [say("welcome_back", self.language, name=self.interview.stakeholder.name)]

    def help(self) -> list[str]:
        return [HELP[self.language]]

    def explain(self) -> list[str]:
        asked = self.state.asked.get(self.state.pending) if self.state.pending is not None else None
        guidance = asked.guidance.get(self.language) if asked else None
        return [guidance or say("explain_none", self.language)]

    def switch_language(self, language: Language, announce: bool = True) -> list[str]:
        if language != self.state.language:
            self.state.language = language
            self.interview = self.store.set_interview_language(self.project, self.sid, language)
            self.save()
        return [say("language", language)] if announce else []

    def done(self) -> list[str]:
        pending = self.state.pending
        self.state.return_to.clear()
        turn = self.turns.get(pending) if pending is not None else None
        if turn is not None and turn.status == "pending":
            self.turns[pending] = self.store.skip_turn(self.project, self.sid, pending)
        return self.enter_review()

    # --- closing review ---------------------------------------------------------------------

    def enter_review(self) -> list[str]:
        self.state.pending = None
        self.state.return_to.clear()
        interview = self.store.get_interview(self.project, self.sid)
        try:
            requirements = self._extract(interview, self.language)
        except Exception:                        # the answers are safe; a failed extraction must not lose them
            log.exception("requirement extraction for the closing review failed")
            self.save()
            self.set_status("completed")
            return [say("review_unavailable", self.language)]
        self.state.review = [ReviewEntry(req_id=r.id, title=r.title, priority=str(r.priority.value))
                             for r in requirements]
        self.save()
        if not self.state.review:
            self.set_status("completed")
            return [say("review_empty", self.language)]
        self.set_status("reviewing")
        return [say("review_intro", self.language)]        # how to answer is said after the list, by the adapter

    def leave_review(self) -> list[str]:
        """"back" in the review: reopen the last question; answering it leads to the review again."""
        answered = [i for i in self.state.asked if self.turns.get(i) is not None
                    and self.turns[i].status in ("answered", "skipped")]
        self.state.review = []
        self.set_status("in_progress")
        if not answered:
            return self._next_planned()
        self.state.pending = max(answered)
        self.state.return_to.clear()
        self.state.seen = signature(self.turns[self.state.pending])
        self.save()
        return [say("back_skipped" if self.turns[self.state.pending].status == "skipped" else "reopened",
                    self.language)]

    def _entry(self, req: str | None) -> ReviewEntry | None:
        return next((e for e in self.state.review if e.req_id == req and e.decision != "removed"), None)

    def confirm(self, req: str | None) -> list[str]:
        if req:
            entry = self._entry(req)
            if entry is None:
                return [say("review_unknown", self.language, req=req)]
            self.store.record_review_decision(self.project, self.sid, entry.req_id, "confirm")
            if entry.decision == "pending":
                entry.decision = "confirmed"
            messages = [say("review_confirmed_one", self.language, req=req)]
        else:
            for entry in self.state.review:
                if entry.decision == "pending":
                    self.store.record_review_decision(self.project, self.sid, entry.req_id, "confirm")
                    entry.decision = "confirmed"
            messages = []
        self.save()
        return messages + self._complete_if_decided()

    def remove(self, req: str | None) -> list[str]:
        entry = self._entry(req)
        if entry is None:
            return [say("review_unknown", self.language, req=req or "?")]
        self.store.record_review_decision(self.project, self.sid, entry.req_id, "remove")
        entry.decision = "removed"
        self.save()
        return [say("review_removed", self.language, req=entry.req_id), *self._complete_if_decided()]

    def _complete_if_decided(self) -> list[str]:
        """The review ends when every item has a verdict."""
        if any(e.decision == "pending" for e in self.state.review):
            return []
        self.set_status("completed")
        return [say("completed", self.language)]

    def correct(self, argument: str | None) -> list[str]:
        parsed = split_correction(argument)
        if parsed is None:
            return [say("review_bad_correction", self.language)]
        req, text = parsed
        entry = self._entry(req)
        if entry is None:
            return [say("review_unknown", self.language, req=req)]
        self.store.record_review_decision(self.project, self.sid, entry.req_id, "correct", text)
        entry.decision, entry.text = "corrected", text
        self.save()
        return [say("review_corrected", self.language, req=entry.req_id), *self._complete_if_decided()]

    def note(self, text: str) -> list[str]:
        """Free text during the review is kept as an extra answer: nothing a person writes is lost."""
        question = {"zh": "(确认环节中的补充)", "en": "(added during the review)"}
        turn = self.store.add_question(self.project, self.sid, question[self.language], topic="review_note")
        self.turns[turn.index] = self.store.answer_turn(self.project, self.sid, turn.index, text)
        return [say("review_note", self.language), say("review_howto", self.language)]
