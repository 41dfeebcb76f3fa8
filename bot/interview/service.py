"""The interview service: the one facade every adapter (Slack, terminal, demo) calls.

    service = InterviewService(Store.from_settings())
    reply = service.start("Acme OMS", Stakeholder(id="wang-fang", name="王芳", role="finance"))
    reply = service.handle("Acme OMS", "wang-fang", "我们每月开票大概 800 张,经常要红冲")

Every call loads the interview from the store, does one step and writes everything back
before it returns, so any process (or several) can serve any stakeholder, and a restart
loses nothing. Calls for the same stakeholder are serialised inside a process; different
stakeholders proceed in parallel.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from bot.interview.commands import HELP, Command, parse_command
from bot.interview.engine import Conversation, EngineState, ReviewEntry
from bot.interview.messages import say
from bot.interview.questions import Grounder, build_plan, followup_groundings
from bot.language import Language, detect_language
from bot.models import Interview, InterviewStatus, Requirement, Stakeholder
from bot.store import NotFoundError, Store

if TYPE_CHECKING:                   # retrieval (chromadb) is imported only when a plan needs it
    from bot.retrieval.index import ChecklistIndex

MAX_ANSWER_CHARS = 100_000          # longer messages are cut here (and the person told); 10,000 is fine
ACTIVE: tuple[str, ...] = ("in_progress", "paused", "reviewing")
BUTTON_ACTIONS = ("skip", "back", "pause", "resume", "done", "help", "explain", "confirm", "remove", "correct",
                  "language")


class QuestionView(BaseModel):
    index: int                              # the turn index in the store
    text: str
    topic: str
    checklist_refs: list[str]
    guidance: str                           # checklist passage(s) behind the question ("--explain", "Why?")
    quick_choices: list[str] = Field(default_factory=list)
    followup: str | None = None             # quantify | integration | conflict; None for a planned question
    number: int = 0                         # 1-based: the how-many-th question this is
    estimated_total: int = 0                # about how many questions the interview will have


class ReviewItem(BaseModel):
    req_id: str
    title: str
    priority: str
    decision: str = "pending"               # pending | confirmed | corrected


class BotReply(BaseModel):
    language: Literal["zh", "en"]
    messages: list[str]                     # what to say before the question (ack, follow-up context, help…)
    question: QuestionView | None           # the pending question, if any
    review: list[ReviewItem] | None         # closing review items when status == "reviewing"
    status: InterviewStatus                 # in_progress | paused | reviewing | completed


class UnknownActionError(ValueError):
    """`act` was called with an action it does not know."""


def analysis_review(store: Store) -> Callable[[Interview, Language], list[Requirement]]:
    """The requirements analysis extracts from one person's answers, most important first."""
    def extract(interview: Interview, language: Language) -> list[Requirement]:
        from bot.analysis import analyze        # imported late: the interview works while analysis loads

        def id_for(key: str) -> str:
            return store.requirement_id_for(interview.project, key)

        result = analyze(interview.project, [interview], language=language, id_for=id_for)
        return sorted(result.requirements, key=lambda r: (r.rank or 10**6, r.id))
    return extract


class InterviewService:
    def __init__(self, store: Store, index: "ChecklistIndex | None" = None,
                 review_extractor: Callable[[Interview, Language], list[Requirement]] | None = None) -> None:
        self.store = store
        self._index = index
        self._extract = review_extractor or analysis_review(store)
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._locks_guard = threading.Lock()

    # --- the interface ----------------------------------------------------------------------

    def start(self, project: str, stakeholder: Stakeholder, language: Language | None = None) -> BotReply:
        """Start the stakeholder's interview, or resume it: an existing interview is never restarted
        (the pending question comes back). `language` given explicitly switches a resumed interview."""
        with self._lock(project, stakeholder.id):
            existing = self.store.get_interview(project, stakeholder.id)
            chosen = existing.language if existing else (language or self._default_language(project, stakeholder))
            interview = self.store.start_interview(project, stakeholder, chosen)   # also updates name and role
            conv, messages, fresh = self._load(project, interview)
            if language and language != conv.language and conv.status in ACTIVE:
                messages += conv.switch_language(language)
            if fresh:
                messages.insert(0, say("welcome", conv.language, name=stakeholder.name, count=len(conv.state.plan)))
            elif conv.status == "paused":
                messages += conv.resume()
            elif conv.status == "in_progress":
                messages.insert(0, say("welcome_back", conv.language, name=stakeholder.name))
            elif conv.status == "reviewing":
                messages.append(say("review_howto", conv.language))
            elif conv.status == "completed":
                messages.append(say("already_completed", conv.language))
            return self._reply(conv, messages)

    def handle(self, project: str, stakeholder_id: str, text: str) -> BotReply:
        """A message from the person: an answer, or a command word (skip, 上一题, pause, done, help, English…).
        The answer is stored before the next question is chosen."""
        with self._lock(project, stakeholder_id):
            conv, messages, fresh = self._load(project, self._interview(project, stakeholder_id))
            if fresh:       # an interview that never met the engine (e.g. imported): show its first question
                return self._reply(conv, [say("welcome", conv.language, name=conv.interview.stakeholder.name,
                                              count=len(conv.state.plan)), *messages])
            text = _clean(text)
            if conv.status == "completed":
                return self._reply(conv, messages + [say("already_completed", conv.language)])
            command = parse_command(text, reviewing=conv.status == "reviewing")
            if command is not None and command.action == "help":   # help in the language it was asked in
                return self._reply(conv, messages + [HELP[detect_language(text, default=conv.language)]])
            if command is not None:
                return self._reply(conv, messages + self._dispatch(conv, command))
            if not text:
                return self._reply(conv, messages + [say("empty", conv.language)])
            if conv.status == "reviewing":
                return self._reply(conv, messages + conv.note(text))
            if conv.status == "paused":
                conv.set_status("in_progress")       # answering is resuming
            if conv.state.pending is None:
                return self._reply(conv, messages + conv.start())
            return self._reply(conv, messages + conv.answer(text))

    def act(self, project: str, stakeholder_id: str, action: str, argument: str | None = None) -> BotReply:
        """A button: skip, back, pause, resume, done, explain, help, language (argument zh|en),
        confirm (argument: a req id, or None for all), remove (argument: req id),
        correct (argument: "REQ-003: new text")."""
        if action not in BUTTON_ACTIONS:
            raise UnknownActionError(f"unknown action {action!r}; one of {', '.join(BUTTON_ACTIONS)}")
        with self._lock(project, stakeholder_id):
            conv, messages, _fresh = self._load(project, self._interview(project, stakeholder_id))
            if conv.status == "completed":
                return self._reply(conv, messages + [say("already_completed", conv.language)])
            argument = _clean(argument) if argument is not None else None
            return self._reply(conv, messages + self._dispatch(conv, Command(action=action, argument=argument)))

    def current(self, project: str, stakeholder_id: str) -> BotReply:
        """Where the person is: the pending question, or the review (nothing is changed)."""
        with self._lock(project, stakeholder_id):
            conv, messages, _fresh = self._load(project, self._interview(project, stakeholder_id))
            return self._reply(conv, messages)

    def is_interviewing(self, project: str, stakeholder_id: str) -> bool:
        interview = self.store.get_interview(project, stakeholder_id)
        return interview is not None and interview.status in ACTIVE

    # --- steps ------------------------------------------------------------------------------

    def _dispatch(self, conv: Conversation, command: Command) -> list[str]:
        action, argument = command.action, command.argument
        if action == "help":
            return conv.help()
        if action == "language":
            if argument not in ("zh", "en"):
                raise UnknownActionError("the language action needs the argument 'zh' or 'en'")
            return conv.switch_language(argument)
        if conv.status == "reviewing":
            if action == "confirm" or action == "done":
                return conv.confirm(argument if action == "confirm" else None)
            if action == "remove":
                return conv.remove(argument)
            if action == "correct":
                return conv.correct(argument)
            if action in ("back", "resume"):
                return conv.leave_review()
            return [say("review_howto", conv.language)]
        if action in ("confirm", "remove", "correct"):
            return [say("not_in_review", conv.language)]
        if action == "pause":
            return conv.pause() if conv.status != "paused" else [say("paused", conv.language)]
        messages = []
        if conv.status == "paused":
            messages += conv.resume()
            if action == "resume":
                return messages
        elif action == "resume":
            return [say("not_paused", conv.language)]
        if conv.state.pending is None:            # an imported interview meeting the engine
            return messages + conv.start()
        if action == "explain":
            return messages + conv.explain()
        if action == "skip":
            return messages + conv.skip()
        if action == "back":
            return messages + conv.back()
        if action == "done":
            return messages + conv.done()
        raise UnknownActionError(action)

    # --- loading and replying ---------------------------------------------------------------

    def _load(self, project: str, interview: Interview) -> tuple[Conversation, list[str], bool]:
        """(conversation, messages, fresh): fresh when the engine met this interview for the first time."""
        raw = self.store.load_interview_state(project, interview.stakeholder.id)
        fresh = raw is None
        if fresh:
            state = self._new_state(interview)
        else:
            state = EngineState.model_validate_json(raw)
        conv = Conversation(self.store, project, interview, state, self._extract)
        if interview.status == "imported":           # notes taken elsewhere, now continued here
            conv.set_status("in_progress")
        if fresh:
            conv.save()
            if conv.status in ("in_progress", "paused"):
                return conv, conv.start(), True
            return conv, [], True
        return conv, conv.reconcile(), False

    def _new_state(self, interview: Interview) -> EngineState:
        grounder = Grounder(self._index)
        return EngineState(role=interview.stakeholder.role, language=interview.language,
                           plan=build_plan(interview.stakeholder.role, grounder),
                           followup_grounding=followup_groundings(grounder))

    def _reply(self, conv: Conversation, messages: list[str]) -> BotReply:
        state, language = conv.state, conv.language
        question = None
        if conv.status in ("in_progress", "paused") and state.pending is not None:
            asked = state.asked[state.pending]
            question = QuestionView(
                index=state.pending, text=asked.text.get(language) or next(iter(asked.text.values())),
                topic=asked.topic, checklist_refs=list(asked.refs), guidance=asked.guidance.get(language, ""),
                quick_choices=list(asked.quick_choices.get(language, [])), followup=asked.followup,
                number=asked.number, estimated_total=max(len(state.asked) + state.remaining_planned(), asked.number))
        review = None
        if conv.status == "reviewing":
            review = [_review_item(e) for e in state.review if e.decision != "removed"]
        status = conv.status if conv.status != "imported" else "in_progress"
        return BotReply(language=language, messages=[m for m in messages if m], question=question,
                        review=review, status=status)

    def _interview(self, project: str, stakeholder_id: str) -> Interview:
        interview = self.store.get_interview(project, stakeholder_id)
        if interview is None:
            raise NotFoundError(f"no interview of stakeholder {stakeholder_id!r} in project {project!r}; "
                                f"call start() first")
        return interview

    def _default_language(self, project: str, stakeholder: Stakeholder) -> Language:
        known = self.store.get_project(project)
        fallback: Language = known.language if known else "zh"
        return detect_language(stakeholder.name, default=fallback)

    def _lock(self, project: str, stakeholder_id: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault((project, stakeholder_id), threading.Lock())


def _review_item(entry: ReviewEntry) -> ReviewItem:
    return ReviewItem(req_id=entry.req_id, title=entry.text or entry.title, priority=entry.priority,
                      decision=entry.decision)


def _clean(text: str) -> str:
    """Strip, drop NUL bytes (databases refuse them), keep at most MAX_ANSWER_CHARS."""
    return text.replace("\x00", "").strip()[:MAX_ANSWER_CHARS]
