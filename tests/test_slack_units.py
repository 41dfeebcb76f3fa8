"""The Slack app's small parts: parsing, Block Kit rendering, the worker queue, retries,
dedupe, and the Web API wrapper against the stand-in. No Bolt server here."""
from __future__ import annotations

import threading

import pytest
from slack_standin import SlackStandIn

from bot.interview.service import BotReply, QuestionView, ReviewItem
from bot.models import Answer, Citation
from bot.slack.blocks import ButtonRef, answer_blocks, escape, reply_blocks
from bot.slack.dedupe import first_delivery, retry_number
from bot.slack.parsing import (
    CommandError, explicit_question, looks_like_question, parse_command, parse_invitees, strip_mentions,
)
from bot.slack.web import SlackWeb, make_client
from bot.slack.worker import KeyedWorker
from bot.store import Store


# --- parsing ------------------------------------------------------------------------------

def test_invitees_from_slack_mentions_with_roles_in_both_languages():
    people = parse_invitees("<@U01AB|wang fang> 财务 <@U02CD> sales <@U03EF|li> <@W04GH> 仓储")
    assert [(p.user, p.label, p.role) for p in people] == [
        ("U01AB", "wang fang", "finance"), ("U02CD", None, "sales"),
        ("U03EF", "li", "warehouse"), ("W04GH", None, "warehouse")]


@pytest.mark.parametrize("text, message", [
    ("", "name the people"),
    ("<@U1> finance <@U2>", "give a role"),
    ("finance <@U1>", "does not follow anyone"),
    ("<@U1> astronaut", "not a role"),
    ("@wang finance", "cannot tell who"),
])
def test_invite_mistakes_are_refused_whole(text, message):
    with pytest.raises(CommandError, match=message):
        parse_invitees(text)


def test_commands_parse_names_languages_and_priorities():
    assert parse_command("").name == "help"
    new = parse_command("new 华东贸易 OMS 项目")
    assert (new.name, new.project_name, new.language) == ("new", "华东贸易 OMS 项目", None)
    assert parse_command("new Acme --lang en").language == "en"
    spec = parse_command("spec --lang zh")
    assert (spec.name, spec.language) == ("spec", "zh")
    prio = parse_command("priority req-007 MUST")
    assert (prio.req_id, prio.priority.value) == ("REQ-007", "must")
    for bad in ("priority REQ-007", "priority REQ-007 urgent", "new", "new x --lang fr", "launch",
                "new <@U1> project"):
        with pytest.raises(CommandError):
            parse_command(bad)


def test_questions_are_told_from_answers():
    for question in ("What belongs in UAT?", "上线要多久", "如何做数据迁移", "需要培训吗", "how long does it take",
                     "ERP 集成有哪些风险?"):
        assert looks_like_question(question), question
    for answer in ("We re-key every order by hand.", "每月大概800张发票", "金蝶K3", "30 minutes", ""):
        assert not looks_like_question(answer), answer
    assert explicit_question("ask: what is UAT") == "what is UAT"
    assert explicit_question("问:上线要多久") == "上线要多久"
    assert explicit_question("we ask customers to pay upfront") is None
    assert strip_mentions("<@UBOT> 上线要多久?") == "上线要多久?"


# --- Block Kit ----------------------------------------------------------------------------

def _question(**extra) -> QuestionView:
    return QuestionView(index=2, text="How are invoices issued today?", topic="invoicing",
                        checklist_refs=["1.1", "7.1"], guidance="…", **extra)


def test_question_renders_with_reference_and_buttons_in_both_languages():
    reply = BotReply(language="en", messages=["Thanks, noted."], question=_question(quick_choices=["Excel", "ERP"]),
                     review=None, status="in_progress")
    text, blocks = reply_blocks(reply, "Acme", "U1", {"1.1": "Business goals"})
    assert "How are invoices issued today?" in text
    rendered = str(blocks)
    assert "Checklist: 1.1 Business goals · 7.1" in rendered
    ids = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert ids == ["reqbot.choice.0", "reqbot.choice.1", "reqbot.skip", "reqbot.back", "reqbot.pause",
                   "reqbot.explain"]
    choice = next(e for b in blocks if b["type"] == "actions" for e in b["elements"])
    assert ButtonRef.decode(choice["value"]) == ButtonRef(p="Acme", s="U1", q=2, c="Excel")

    zh = reply.model_copy(update={"language": "zh"})
    _, blocks = reply_blocks(zh, "Acme", "U1")
    labels = [e["text"]["text"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert labels[-4:] == ["跳过", "上一题", "暂停", "为什么问这个?"]
    assert "检查清单" in str(blocks)


def test_review_and_pause_render_their_own_buttons():
    review = BotReply(language="en", messages=["Here it is"], question=None, status="reviewing",
                      review=[ReviewItem(req_id="REQ-001", title="Auto invoices", priority="must"),
                              ReviewItem(req_id="REQ-002", title="Credit check", priority="should",
                                         decision="confirmed")])
    _, blocks = reply_blocks(review, "Acme", "U1")
    removes = [b["accessory"] for b in blocks if b.get("accessory")]
    assert [ButtonRef.decode(r["value"]).r for r in removes] == ["REQ-001", "REQ-002"]
    last_actions = [b for b in blocks if b["type"] == "actions"][-1]
    assert [e["action_id"] for e in last_actions["elements"]] == ["reqbot.confirm", "reqbot.edit"]
    assert "confirmed" in str(blocks)

    paused = BotReply(language="zh", messages=["已暂停"], question=_question(), review=None, status="paused")
    _, blocks = reply_blocks(paused, "Acme", "U1")
    assert [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]] == ["reqbot.resume"]


def test_text_from_people_cannot_ping_or_format_slack():
    reply = BotReply(language="en", messages=["You said: <!channel> & <https://evil|click>"], question=None,
                     review=None, status="in_progress")
    _, blocks = reply_blocks(reply, "Acme", "U1")
    assert "<!channel>" not in str(blocks) and "&lt;!channel&gt; &amp; &lt;https://evil|click&gt;" in str(blocks)
    assert escape("a<b>&c") == "a&lt;b&gt;&amp;c"


def test_answer_renders_citations():
    answer = Answer(question="UAT?", language="en", answer="Test with real orders. [4.1]",
                    citations=[Citation(section="4.1", title="Testing", score=0.03, text="…")])
    text, blocks = answer_blocks(answer)
    assert "[4.1]" in text and "Sources" in str(blocks) and "Testing" in str(blocks)


def test_button_values_that_are_not_ours_decode_to_nothing():
    assert ButtonRef.decode("not json") is None
    assert ButtonRef.decode('{"x": 1}') is None
    assert ButtonRef.decode(None) is None


# --- worker, dedupe -----------------------------------------------------------------------

def test_worker_keeps_order_per_key_and_survives_failures():
    worker = KeyedWorker(max_workers=4)
    seen: dict[str, list[int]] = {"a": [], "b": []}
    reported = []
    gate = threading.Event()

    def job(key: str, n: int):
        def run():
            if n == 0:
                gate.wait(5)          # the first job is slow; later ones must still wait their turn
            if n == 3:
                raise RuntimeError("boom")
            seen[key].append(n)
        return run

    for n in range(6):
        worker.submit("a", job("a", n), on_error=lambda n=n: reported.append(n))
        worker.submit("b", job("b", n))
    gate.set()
    assert worker.wait_idle(10)
    worker.shutdown()
    assert seen == {"a": [0, 1, 2, 4, 5], "b": [0, 1, 2, 4, 5]}
    assert reported == [3]


def test_retried_event_is_claimed_once_across_stores(tmp_path):
    url = f"sqlite:///{tmp_path / 'events.db'}"
    first, second = Store(url), Store(url)       # two bot processes sharing a database
    body = {"event_id": "Ev123", "event": {}}
    assert first_delivery(first, body, {}) is True
    assert first_delivery(second, body, {"X-Slack-Retry-Num": ["1"]}) is False
    assert first_delivery(first, {"type": "block_actions"}, {}) is True      # nothing to dedupe by
    assert retry_number({"x-slack-retry-num": "2"}, {}) == 2
    assert retry_number({}, {"retry_attempt": 1}) == 1
    assert retry_number({}, {}) == 0
    first.close()
    second.close()


# --- Web API wrapper ----------------------------------------------------------------------

@pytest.fixture
def slack():
    with SlackStandIn() as standin:
        yield standin


def test_rate_limit_is_retried_after_retry_after(slack):
    web = SlackWeb(make_client(slack.token, slack.api_url))
    slack.fail_next("chat.postMessage", "ratelimited", retry_after=1)
    result = web.post("C1", "hello")
    assert result.ok
    attempts = slack.calls_to("chat.postMessage")
    assert [a.status for a in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 1.0


def test_errors_are_reported_not_raised(slack):
    web = SlackWeb(make_client(slack.token, slack.api_url))
    slack.missing_channels.add("C404")
    result = web.post("C404", "hello")
    assert (result.ok, result.error) == (False, "channel_not_found")
    slack.fail_next("chat.postMessage", "ratelimited", retry_after=0, times=10)   # never lets up
    assert web.post("C1", "hello").error == "ratelimited"
    assert web.open_dm("U1") == "D1"
    assert web.real_name("UNKNOWN") is None
    unreachable = SlackWeb(make_client(slack.token, "http://127.0.0.1:9/api/"))
    assert unreachable.post("C1", "hello").ok is False


def test_files_upload_v2_goes_through_the_stand_in(slack, tmp_path):
    web = SlackWeb(make_client(slack.token, slack.api_url))
    path = tmp_path / "spec.docx"
    path.write_bytes(b"PK\x03\x04 fake docx")
    result = web.upload("CPROJ", path, "spec", "Spec v1")
    assert result.ok
    complete = slack.calls_to("files.completeUploadExternal")[0]
    assert complete.params["channel_id"] == "CPROJ" and complete.params["initial_comment"] == "Spec v1"
    file_id = slack.calls_to("files.getUploadURLExternal")[0].response["file_id"]
    assert slack.uploads[file_id] == path.read_bytes()


# --- the manifest -------------------------------------------------------------------------

def test_manifest_subscribes_to_what_the_app_handles_with_least_scopes():
    yaml = pytest.importorskip("yaml")
    from pathlib import Path
    manifest = yaml.safe_load((Path(__file__).resolve().parents[1] / "manifest.yml").read_text(encoding="utf-8"))
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {"app_mention", "app_home_opened", "message.im"}
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {
        "commands", "chat:write", "im:history", "im:write", "app_mentions:read", "users:read", "files:write"}
    commands = manifest["features"]["slash_commands"]
    assert [c["command"] for c in commands] == ["/reqbot"] and commands[0]["should_escape"] is True
    urls = [settings["event_subscriptions"]["request_url"], settings["interactivity"]["request_url"],
            commands[0]["url"]]
    assert all(url.endswith("/slack/events") for url in urls)       # one path for everything
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["features"]["app_home"]["messages_tab_read_only_enabled"] is False   # people can DM it
