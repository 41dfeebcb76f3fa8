"""The Slack app end to end, in-process: the real Bolt app served over real HTTP, signed
requests in, Web API calls out to the stand-in (tests/slack_standin.py)."""
from __future__ import annotations

import json
import time

import pytest
from slack_harness import RunningBot, running_bot
from slack_standin import BOT_ID, BOT_USER_ID, buttons, dm_channel, message_of

PM, FIN, SALES, OTHER, ADMIN = "UPMANAGER", "UFINLEAD", "USALES", "UOUTSIDER", "UADMIN"
CHANNEL = "CPROJECT"

FINANCE_ANSWERS = [
    "Every order is keyed into our ERP by hand, then I create the invoice in Excel and match payments "
    "against bank statements at month end.",
    "Reconciling payments takes about 3 days every month; we want it done in half a day.",
    "We use Kingdee K3 for the ledger and a spreadsheet for credit limits; orders are copied between them by hand.",
    "The system must block orders from customers who are over their credit limit and alert finance.",
    "Invoices should be issued automatically when goods ship, including e-invoices.",
    "The biggest pain is payments we cannot match to invoices, and invoices that go out late.",
    "Top priority: automatic payment reconciliation, then credit control.",
]


@pytest.fixture
def bot(indexed_home, monkeypatch):
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
    with running_bot(indexed_home) as running:
        running.slack.add_user(PM, "pat", "Pat Manager")
        running.slack.add_user(FIN, "fiona", "Fiona Finance")
        running.slack.add_user(SALES, "sam", "Sam Sales")
        yield running


def responses(bot: RunningBot, count: int) -> list[dict]:
    return [c.params for c in bot.slack.wait_for("response_url", count=count)]


def run(bot: RunningBot, text: str, user: str = PM, channel: str = CHANNEL) -> tuple[str, dict]:
    """Send `/reqbot text`; (the acknowledgement text, what was posted to the response_url)."""
    before = len(bot.slack.calls_to("response_url"))
    status, ack, _ = bot.send.command(user, channel, text)
    assert status == 200
    return ack, responses(bot, before + 1)[-1]


def create_project(bot: RunningBot, name: str = "Acme OMS") -> None:
    assert "created" in run(bot, f"new {name} --lang en")[1]["text"]


def invite(bot: RunningBot, text: str) -> dict:
    return run(bot, f"invite {text}")[1]


def answer_until_review(bot: RunningBot, user: str, answers: list[str], limit: int = 30):
    """Answer every question from `answers` (then "done") until the review comes; return its message."""
    latest = bot.dms(user)[-1]
    for turn in range(limit):
        if any(b["action_id"] == "reqbot.confirm" for b in buttons(latest)):
            return latest
        assert any(b["action_id"] == "reqbot.skip" for b in buttons(latest)), latest.text
        before = len(bot.dms(user))
        bot.send.dm(user, answers[turn] if turn < len(answers) else "done")
        latest = bot.next_dm(user, before)
    raise AssertionError("the interview never reached its review")


# --- a whole interview ----------------------------------------------------------------------

def test_invited_stakeholder_completes_the_interview_in_a_dm(bot):
    create_project(bot)
    result = invite(bot, f"<@{FIN}|fiona> finance")
    assert f"<@{FIN}>" in result["text"]
    first = bot.slack.wait_for("chat.postMessage", channel=dm_channel(FIN))[0]
    assert "Question 1" in first.text and "Checklist" in first.text          # the reference under it
    assert {"reqbot.skip", "reqbot.back", "reqbot.pause", "reqbot.explain"} <= {b["action_id"] for b in buttons(first)}
    person = bot.store.get_stakeholder("Acme OMS", FIN)
    assert person.name == "Fiona Finance" and person.role == "finance" and person.slack_user_id == FIN

    # Every question posted to the DM comes after the previous answer is in the database.
    unstored = []

    def answer_stored_first(call):
        if call.method == "chat.postMessage" and call.params.get("channel") == dm_channel(FIN):
            interview = bot.store.get_interview("Acme OMS", FIN)
            for sent in sent_answers:
                if not any(t.answer == sent for t in interview.turns):
                    unstored.append(sent)

    sent_answers: list[str] = []
    bot.slack.hooks.append(answer_stored_first)
    original_dm = bot.send.dm

    def dm_and_remember(user, text, *args, **kwargs):
        if text != "done":
            sent_answers.append(text)
        return original_dm(user, text, *args, **kwargs)

    bot.send.dm = dm_and_remember
    review = answer_until_review(bot, FIN, FINANCE_ANSWERS)
    assert unstored == []
    assert "REQ-" in review.text
    before = len(bot.dms(FIN))
    bot.send.click(FIN, bot.button(review, "confirm"), message_of(review))
    closing = bot.next_dm(FIN, before)
    bot.idle()
    interview = bot.store.get_interview("Acme OMS", FIN)
    assert interview.status == "completed", closing.text
    answered = [t.answer for t in interview.turns if t.status == "answered"]
    assert FINANCE_ANSWERS[0] in answered and FINANCE_ANSWERS[3] in answered
    # The clicked review lost its buttons, so it cannot be confirmed twice.
    updated = bot.slack.calls_to("chat.update", ts=message_of(review)["ts"])
    assert updated and not [b for b in updated[-1].params["blocks"] if b["type"] == "actions"]


def test_buttons_skip_back_pause_resume_and_explain(bot):
    create_project(bot)
    invite(bot, f"<@{FIN}> finance")
    first = bot.slack.wait_for("chat.postMessage", channel=dm_channel(FIN))[0]
    before = len(bot.dms(FIN))
    bot.send.click(FIN, bot.button(first, "explain"), message_of(first))
    explained = bot.next_dm(FIN, before)
    assert explained.text.strip()
    assert bot.store.get_interview("Acme OMS", FIN).turns[0].status == "pending"   # explain changes nothing

    before = len(bot.dms(FIN))
    bot.send.click(FIN, bot.button(first, "skip"), message_of(first))
    second = bot.next_dm(FIN, before)
    bot.idle()
    turns = bot.store.get_interview("Acme OMS", FIN).turns
    assert turns[0].status == "skipped"
    assert "Question 2" in second.text

    before = len(bot.dms(FIN))
    bot.send.click(FIN, bot.button(second, "back"), message_of(second))
    again = bot.next_dm(FIN, before)
    assert first.params["blocks"][-3]["text"]["text"].split("\n", 1)[1] in again.text   # the first question again

    before = len(bot.dms(FIN))
    bot.send.click(FIN, bot.button(again, "pause"), message_of(again))
    paused = bot.next_dm(FIN, before)
    bot.idle()
    assert bot.store.get_interview("Acme OMS", FIN).status == "paused"
    assert [b["action_id"] for b in buttons(paused)] == ["reqbot.resume"]

    before = len(bot.dms(FIN))
    bot.send.click(FIN, bot.button(paused, "resume"), message_of(paused))
    resumed = bot.next_dm(FIN, before)
    bot.idle()
    assert bot.store.get_interview("Acme OMS", FIN).status == "in_progress"
    assert any(b["action_id"] == "reqbot.skip" for b in buttons(resumed))

    # An old button (the first question's Skip, already answered differently) does not act twice.
    before = len(bot.dms(FIN))
    bot.send.click(FIN, bot.button(second, "skip"), message_of(second))
    stale = bot.next_dm(FIN, before)
    assert "no longer open" in stale.text


def test_quick_choice_button_is_an_answer(bot):
    create_project(bot)
    invite(bot, f"<@{FIN}> finance")
    latest = bot.dms(FIN)[-1]
    for _ in range(20):                   # skip ahead until a question offers quick choices
        choices = [b for b in buttons(latest) if b["action_id"].startswith("reqbot.choice.")]
        if choices or not any(b["action_id"] == "reqbot.skip" for b in buttons(latest)):
            break
        before = len(bot.dms(FIN))
        bot.send.dm(FIN, "skip")
        latest = bot.next_dm(FIN, before)
    assert choices, "the finance interview offers quick choices somewhere"
    chosen = json.loads(choices[0]["value"])
    before = len(bot.dms(FIN))
    bot.send.click(FIN, choices[0], message_of(latest))
    bot.next_dm(FIN, before)
    bot.idle()
    turn = bot.store.get_interview("Acme OMS", FIN).turns[chosen["q"]]
    assert turn.status == "answered" and turn.answer == chosen["c"]


def test_someone_elses_buttons_do_nothing(bot):
    create_project(bot)
    invite(bot, f"<@{FIN}> finance")
    first = bot.slack.wait_for("chat.postMessage", channel=dm_channel(FIN))[0]
    bot.send.click(OTHER, bot.button(first, "skip"), message_of(first), channel=dm_channel(OTHER))
    refusal = bot.slack.wait_for("chat.postMessage", channel=dm_channel(OTHER))[0]
    bot.idle()
    assert "someone else" in refusal.text
    assert bot.store.get_interview("Acme OMS", FIN).turns[0].status == "pending"


def test_review_remove_and_edit_through_the_modal(bot):
    create_project(bot)
    invite(bot, f"<@{FIN}> finance")
    review = answer_until_review(bot, FIN, FINANCE_ANSWERS)
    removes = [b for b in buttons(review) if b["action_id"] == "reqbot.remove"]
    assert len(removes) >= 2
    removed = json.loads(removes[0]["value"])["r"]
    before = len(bot.dms(FIN))
    bot.send.click(FIN, removes[0], message_of(review))
    second = bot.next_dm(FIN, before)
    bot.idle()
    assert removed not in [json.loads(b["value"]).get("r") for b in buttons(second) if b["action_id"] == "reqbot.remove"]
    decisions = bot.store.review_decisions("Acme OMS", FIN)
    assert [(d.req_id, d.action) for d in decisions] == [(removed, "remove")]

    bot.send.click(FIN, bot.button(second, "edit"), message_of(second))
    modal = bot.slack.wait_for("views.open")[0].params["view"]
    target = modal["blocks"][0]["element"]["options"][0]["value"]
    before = len(bot.dms(FIN))
    status, _, _ = bot.send.submit_view(FIN, modal, {
        "req": {"value": {"type": "static_select", "selected_option": {"value": target}}},
        "text": {"value": {"type": "plain_text_input", "value": "Invoices go out within one hour of shipping"}}})
    assert status == 200
    bot.next_dm(FIN, before)
    bot.idle()
    corrected = [d for d in bot.store.review_decisions("Acme OMS", FIN) if d.action == "correct"]
    assert [(d.req_id, d.text) for d in corrected] == [(target, "Invoices go out within one hour of shipping")]


# --- project managers -----------------------------------------------------------------------

def test_pm_status_remind_requirements_priority_and_home(bot):
    create_project(bot)
    invite(bot, f"<@{FIN}|fiona> finance <@{SALES}> sales")
    bot.idle()
    answer_until_review(bot, FIN, FINANCE_ANSWERS)
    before = len(bot.dms(FIN))
    bot.send.click(FIN, bot.button(bot.dms(FIN)[-1], "confirm"), message_of(bot.dms(FIN)[-1]))
    bot.next_dm(FIN, before)
    bot.idle()

    status = run(bot, "status")[1]
    assert status["response_type"] == "ephemeral"
    assert "1 of 2 finished" in status["text"]
    blocks = json.dumps(status["blocks"])
    assert f"<@{SALES}>" in blocks and "not covered" in blocks

    sales_dms = len(bot.dms(SALES))
    fin_dms = len(bot.dms(FIN))
    reminded = run(bot, "remind")[1]
    bot.idle()
    assert f"<@{SALES}>" in reminded["text"] and f"<@{FIN}>" not in reminded["text"]
    assert len(bot.dms(SALES)) == sales_dms + 1 and len(bot.dms(FIN)) == fin_dms    # once, pending only
    assert "reminder" in bot.dms(SALES)[-1].text.lower()

    listed = run(bot, "requirements")[1]
    assert listed["response_type"] == "in_channel"
    top = listed["text"].split("*")[3]                          # "*Top …* … *REQ-00x* title"
    assert top.startswith("REQ-")

    changed = run(bot, f"priority {top} wont")[1]
    assert "WONT" in changed["text"] and changed["response_type"] == "in_channel"
    overrides = bot.store.priority_overrides("Acme OMS")
    assert [(o.req_id, o.priority.value, o.by) for o in overrides] == [(top, "wont", PM)]

    assert "no requirement REQ-999" in run(bot, "priority REQ-999 must")[1]["text"]

    bot.send.home_opened(PM)
    view = bot.slack.wait_for("views.publish", user_id=PM)[0].params["view"]
    assert view["type"] == "home" and "Acme OMS" in json.dumps(view, ensure_ascii=False)


def test_someone_who_is_not_the_pm_is_refused_and_nothing_happens(bot):
    create_project(bot)
    calls_before = len(bot.slack.calls)
    for command in ("invite <@USALES> sales", "status", "remind", "requirements", "spec", "priority REQ-001 must"):
        status, ack, _ = bot.send.command(OTHER, CHANNEL, command)
        assert status == 200 and "only this project's manager" in ack
    bot.idle()
    assert len(bot.slack.calls) == calls_before          # no DM, no upload, no response
    assert bot.store.list_stakeholders("Acme OMS") == []
    assert bot.store.priority_overrides("Acme OMS") == []


def test_admins_create_projects_and_manage_every_project(indexed_home, monkeypatch):
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
    with running_bot(indexed_home, admins=[ADMIN]) as bot:
        status, ack, _ = bot.send.command(PM, CHANNEL, "new Not Allowed")
        assert "only reqbot admins" in ack
        bot.send.command(ADMIN, CHANNEL, "new Allowed")
        assert "created" in responses(bot, 1)[-1]["text"]
        assert bot.store.get_project_by_channel(CHANNEL).created_by == ADMIN
        assert bot.store.get_project("Not Allowed") is None


def test_command_mistakes_are_explained(bot):
    create_project(bot)
    for text, expected in [("invite <@USALES>", "give a role"), ("invite <@USALES> astronaut", "not a role"),
                           ("invite @sam sales", "cannot tell who"), ("priority REQ-1 urgent", "priority REQ-003"),
                           ("frobnicate", "unknown command")]:
        status, ack, _ = bot.send.command(PM, CHANNEL, text)
        assert status == 200 and expected in ack, (text, ack)
    status, ack, _ = bot.send.command(PM, "COTHER", "status")
    assert "no project" in ack
    status, ack, _ = bot.send.command(PM, CHANNEL, "help")
    assert "/reqbot invite" in ack
    assert bot.store.list_stakeholders("Acme OMS") == []


def test_spec_upload_to_a_channel_slack_does_not_know_is_reported(bot):
    create_project(bot)
    invite(bot, f"<@{FIN}> finance")
    answer_until_review(bot, FIN, FINANCE_ANSWERS)
    bot.slack.missing_channels.add(CHANNEL)
    before = len(bot.slack.calls_to("response_url"))
    status, ack, _ = bot.send.command(PM, CHANNEL, "spec")
    assert status == 200 and "Building" in ack
    report = responses(bot, before + 1)[-1]["text"]
    assert "channel_not_found" in report and "/invite @reqbot" in report
    # The process is fine: the next command still works.
    bot.slack.missing_channels.clear()
    bot.send.command(PM, CHANNEL, "status")
    responses(bot, before + 2)


# --- reliability ----------------------------------------------------------------------------

def test_forged_signature_is_refused_and_nothing_is_stored(bot):
    status, _, _ = bot.send.command(PM, CHANNEL, "new Forged", secret="not-the-secret")
    assert status == 401
    status, _, _ = bot.send.command(PM, CHANNEL, "new Stale", timestamp=int(time.time()) - 3600)
    assert status == 401
    status, _, _ = bot.send.dm(FIN, "hello", secret="not-the-secret")
    assert status == 401
    bot.idle()
    assert bot.store.list_projects() == []
    assert [c.method for c in bot.slack.calls] == ["auth.test"]


def test_a_retried_event_is_answered_once(bot):
    for retry in (0, 1, 2):
        status, _, _ = bot.send.mention(OTHER, "CGENERAL", "What belongs in UAT?", event_id="EvSAME0001") \
            if retry == 0 else bot.send.event(
                {"type": "app_mention", "channel": "CGENERAL", "user": OTHER, "ts": "1.000001",
                 "text": f"<@{BOT_USER_ID}> What belongs in UAT?"}, event_id="EvSAME0001", retry=retry)
        assert status == 200
    bot.slack.wait_for("chat.postMessage", channel="CGENERAL")
    bot.send.dm(OTHER, "hello")     # same person: handled after anything the retries could have queued
    bot.slack.wait_for("chat.postMessage", channel=dm_channel(OTHER))
    bot.idle()
    assert len(bot.slack.calls_to("chat.postMessage", channel="CGENERAL")) == 1


def test_bots_and_edits_are_ignored(bot):
    bot.send.dm(OTHER, "What is UAT?", bot_id="BOTHER")
    bot.send.dm(BOT_USER_ID, "What is UAT?", bot_id=BOT_ID)
    bot.send.dm(OTHER, "What is UAT?", subtype="message_changed")
    bot.send.dm(OTHER, "hello")      # the same person, later: once it is answered, the rest was handled
    bot.slack.wait_for("chat.postMessage", channel=dm_channel(OTHER))
    bot.idle()
    assert len(bot.slack.calls_to("chat.postMessage")) == 1


def test_mention_is_answered_in_a_thread_with_citations(bot):
    status, _, elapsed = bot.send.mention(OTHER, "CGENERAL", "上线一般需要多长时间?")
    assert status == 200
    reply = bot.slack.wait_for("chat.postMessage", channel="CGENERAL")[0]
    assert reply.params["thread_ts"]                           # in a thread under the mention
    assert "引用章节" in reply.text and "[faq.1]" in reply.text   # Chinese, citing the FAQ on duration


def test_in_an_interview_a_thread_reply_or_ask_prefix_is_a_question_not_an_answer(bot):
    create_project(bot)
    invite(bot, f"<@{FIN}> finance")
    first = bot.slack.wait_for("chat.postMessage", channel=dm_channel(FIN))[0]
    bot.send.dm(FIN, "ask: who should take part in UAT?")
    asked = bot.slack.wait_for("chat.postMessage", count=2, channel=dm_channel(FIN))[1]
    assert asked.params.get("thread_ts") and "Sources" in asked.text
    bot.send.dm(FIN, "and how long does it take?", thread_ts=asked.params["thread_ts"])
    followup = bot.slack.wait_for("chat.postMessage", count=3, channel=dm_channel(FIN))[2]
    assert followup.params.get("thread_ts") == asked.params["thread_ts"]
    bot.idle()
    turns = bot.store.get_interview("Acme OMS", FIN).turns
    assert [t.status for t in turns] == ["pending"] and first.text


def test_a_dm_question_without_an_interview_gets_the_checklist_answer(bot):
    bot.send.dm(OTHER, "What should we test during UAT?")
    reply = bot.slack.wait_for("chat.postMessage", channel=dm_channel(OTHER))[0]
    assert reply.params.get("thread_ts") and "Sources" in reply.text
    bot.send.dm(OTHER, "hello there")
    hint = bot.slack.wait_for("chat.postMessage", count=2, channel=dm_channel(OTHER))[1]
    assert "no open interview" in hint.text


def test_rate_limited_reply_is_retried_after_retry_after(bot):
    bot.slack.fail_next("chat.postMessage", "ratelimited", retry_after=1)
    bot.send.mention(OTHER, "CGENERAL", "What belongs in UAT?")
    delivered = bot.slack.wait_for("chat.postMessage", channel="CGENERAL")
    attempts = bot.slack.calls_to("chat.postMessage", channel="CGENERAL")
    assert [a.status for a in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 1.0           # it waited as Slack asked
    assert len(delivered) == 1


def test_requirements_and_spec_before_anyone_answered_say_so(bot):
    create_project(bot)
    assert "No requirements yet" in run(bot, "requirements")[1]["text"]
    assert "No requirements yet" in run(bot, "spec")[1]["text"]
    assert "No requirements yet" in run(bot, "priority REQ-001 must")[1]["text"]
    assert bot.slack.calls_to("files.completeUploadExternal") == []
