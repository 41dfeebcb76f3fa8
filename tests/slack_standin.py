"""A Slack-compatible Web API stand-in for tests and benches (no Slack account needed).

A real HTTP server on 127.0.0.1 that answers the Web API methods reqbot uses the way
Slack does (same envelope: `{"ok": true, ...}` or `{"ok": false, "error": "..."}`),
records every call, and can be told to misbehave:

    with SlackStandIn() as slack:
        os.environ["SLACK_API_URL"] = slack.api_url        # WebClient(base_url=...)
        ...
        slack.fail_next("chat.postMessage", "ratelimited", retry_after=1)
        slack.missing_channels.add("C404")                 # -> channel_not_found
        posts = slack.wait_for("chat.postMessage", count=2)

Methods: auth.test, chat.postMessage, chat.postEphemeral, chat.update,
conversations.open, views.publish, views.open, users.info,
files.getUploadURLExternal, the upload URL it hands out, files.completeUploadExternal.
Slash-command `response_url`s can point at `slack.response_url(...)`; what the bot
posts there is recorded as a call named "response_url".
"""
from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import parse_qs, urlparse

BOT_USER_ID = "UREQBOT"
BOT_ID = "BREQBOT"
TEAM_ID = "TREQBOT"
TOKEN = "xoxb-standin-token"


@dataclass
class Call:
    method: str                      # "chat.postMessage", "upload", "response_url"
    params: dict[str, Any]
    token: str | None
    at: float = field(default_factory=time.monotonic)
    status: int = 200                # the HTTP status the stand-in answered with
    error: str | None = None         # the Slack error it answered with, if any
    response: dict[str, Any] = field(default_factory=dict)   # what the stand-in answered

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)

    @property
    def text(self) -> str:
        """Everything a person would read in this message: text plus block texts."""
        parts = [str(self.params.get("text") or "")]
        parts += _block_texts(self.params.get("blocks") or [])
        return "\n".join(p for p in parts if p)


def _block_texts(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        if isinstance(node.get("text"), str) and node.get("type") in ("mrkdwn", "plain_text"):
            found.append(node["text"])
        for value in node.values():
            if isinstance(value, (dict, list)):
                found += _block_texts(value)
    elif isinstance(node, list):
        for item in node:
            found += _block_texts(item)
    return found


@dataclass
class _Fault:
    error: str
    status: int
    retry_after: int | None
    times: int


class SlackStandIn:
    def __init__(self, token: str = TOKEN, host: str = "127.0.0.1", port: int = 0) -> None:
        self.token = token
        self.calls: list[Call] = []
        self._by_channel: dict[str, list[Call]] = {}     # so waiting on one DM stays cheap
        self.uploads: dict[str, bytes] = {}
        self.missing_channels: set[str] = set()
        # Slack user id -> (handle, real name); users.info answers from here.
        self.users: dict[str, tuple[str, str]] = {}
        self._faults: dict[str, list[_Fault]] = {}
        # Called with every API call before it is answered (tests check what the bot had
        # already done at the moment it spoke).
        self.hooks: list[Callable[[Call], None]] = []
        self._lock = threading.Condition()
        self._ts = itertools.count(1)
        self._files = itertools.count(1)
        self._server = ThreadingHTTPServer((host, port), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="slack-standin", daemon=True)

    # --- lifecycle --------------------------------------------------------------------------
    def start(self) -> SlackStandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> SlackStandIn:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/"

    @property
    def api_url(self) -> str:
        """What SLACK_API_URL should be set to."""
        return self.url + "api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.url}response/{name}"

    # --- test controls ----------------------------------------------------------------------
    def fail_next(self, method: str, error: str = "ratelimited", retry_after: int | None = 1,
                  times: int = 1) -> None:
        """Answer the next `times` calls of `method` with `error` (429 + Retry-After for ratelimited)."""
        status = 429 if error == "ratelimited" else 200
        with self._lock:
            self._faults.setdefault(method, []).append(_Fault(error, status, retry_after, times))

    def add_user(self, user_id: str, handle: str, real_name: str) -> None:
        self.users[user_id] = (handle, real_name)

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self._by_channel.clear()
            self._faults.clear()
            self.missing_channels.clear()

    def _candidates(self, matching: dict[str, Any]) -> list[Call]:
        channel = matching.get("channel")
        return self._by_channel.get(channel, []) if isinstance(channel, str) else self.calls

    def calls_to(self, method: str, **matching: Any) -> list[Call]:
        with self._lock:
            return [c for c in self._candidates(matching) if c.method == method
                    and all(c.params.get(k) == v for k, v in matching.items())]

    def wait_for(self, method: str, count: int = 1, timeout: float = 20.0,
                 where: Callable[[Call], bool] | None = None, **matching: Any) -> list[Call]:
        """Block until at least `count` matching successful calls were made; return them all.
        Raises AssertionError (with what was seen) when they do not arrive in time."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = [c for c in self._candidates(matching) if c.method == method and c.error is None
                         and all(c.params.get(k) == v for k, v in matching.items())
                         and (where is None or where(c))]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.params.get("channel"), c.text[:80]) for c in self.calls[-15:]]
                    raise AssertionError(f"expected {count} x {method} {matching}, got {len(found)}; "
                                         f"last calls: {seen}")
                self._lock.wait(min(left, 0.2))

    # --- answering --------------------------------------------------------------------------
    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)
            channel = call.params.get("channel")
            if isinstance(channel, str):
                self._by_channel.setdefault(channel, []).append(call)
            self._lock.notify_all()

    def _take_fault(self, method: str) -> _Fault | None:
        with self._lock:
            queue = self._faults.get(method)
            if not queue:
                return None
            fault = queue[0]
            fault.times -= 1
            if fault.times <= 0:
                queue.pop(0)
            return fault

    def _answer(self, method: str, p: dict[str, Any]) -> dict[str, Any]:
        channel = p.get("channel") or p.get("channel_id")
        if channel and channel in self.missing_channels:
            return {"ok": False, "error": "channel_not_found"}
        if method == "auth.test":
            return {"ok": True, "url": "https://standin.slack.test/", "team": "Stand-in", "user": "reqbot",
                    "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "is_enterprise_install": False}
        if method in ("chat.postMessage", "chat.postEphemeral"):
            if not channel:
                return {"ok": False, "error": "channel_not_found"}
            if not (p.get("text") or p.get("blocks")):
                return {"ok": False, "error": "no_text"}
            ts = self._next_ts()
            if method == "chat.postEphemeral":
                return {"ok": True, "message_ts": ts}
            return {"ok": True, "channel": channel, "ts": ts,
                    "message": {"type": "message", "text": p.get("text", ""), "user": BOT_USER_ID,
                                "bot_id": BOT_ID, "ts": ts, "blocks": p.get("blocks") or []}}
        if method == "chat.update":
            if not (channel and p.get("ts")):
                return {"ok": False, "error": "message_not_found"}
            return {"ok": True, "channel": channel, "ts": p["ts"], "text": p.get("text", "")}
        if method == "conversations.open":
            users = str(p.get("users") or "").split(",")
            if not users or not users[0]:
                return {"ok": False, "error": "users_list_not_supplied"}
            return {"ok": True, "channel": {"id": "D" + users[0].lstrip("UW")}}
        if method in ("views.publish", "views.open"):
            view = p.get("view")
            if isinstance(view, str):
                view = json.loads(view)
            return {"ok": True, "view": {"id": f"V{self._next_ts()}", **(view or {})}}
        if method == "users.info":
            user = p.get("user")
            if user not in self.users:
                return {"ok": False, "error": "user_not_found"}
            handle, real = self.users[user]
            return {"ok": True, "user": {"id": user, "name": handle, "real_name": real,
                                         "profile": {"real_name": real, "display_name": handle}}}
        if method == "files.getUploadURLExternal":
            if not p.get("filename") or not p.get("length"):
                return {"ok": False, "error": "invalid_arguments"}
            file_id = f"F{next(self._files):06d}"
            return {"ok": True, "upload_url": f"{self.url}upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = p.get("files")
            files = json.loads(files) if isinstance(files, str) else files or []
            if not files or any(f.get("id") not in self.uploads for f in files):
                return {"ok": False, "error": "file_not_found"}
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title"), "name": f.get("title"),
                                           "size": len(self.uploads[f["id"]])} for f in files]}
        return {"ok": False, "error": "unknown_method"}

    def _next_ts(self) -> str:
        return f"{int(time.time())}.{next(self._ts):06d}"

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: object) -> None:   # keep test output clean
                pass

            def do_POST(self) -> None:
                url = urlparse(self.path)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                token = (self.headers.get("Authorization") or "").removeprefix("Bearer ").strip() or None
                if url.path.startswith("/upload/"):
                    file_id = url.path.rsplit("/", 1)[-1]
                    standin.uploads[file_id] = body
                    standin._record(Call("upload", {"file_id": file_id, "size": len(body)}, token))
                    return self._send(200, f"OK - {len(body)}".encode(), "text/plain")
                if url.path.startswith("/response/"):
                    params = json.loads(body or b"{}")
                    standin._record(Call("response_url", params, token))
                    return self._send(200, b"ok", "text/plain")
                if not url.path.startswith("/api/"):
                    return self._send(404, b"not found", "text/plain")
                method = url.path[len("/api/"):]
                params = _parse(url.query, body, self.headers.get("Content-Type") or "")
                token = token or params.pop("token", None)
                fault = standin._take_fault(method)
                if fault is not None:
                    standin._record(Call(method, params, token, status=fault.status, error=fault.error))
                    headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
                    return self._json(fault.status, {"ok": False, "error": fault.error}, headers)
                if token != standin.token:
                    standin._record(Call(method, params, token, error="invalid_auth"))
                    return self._json(200, {"ok": False, "error": "invalid_auth"})
                for hook in list(standin.hooks):
                    hook(Call(method, params, token))
                answer = standin._answer(method, params)
                standin._record(Call(method, params, token, error=None if answer["ok"] else answer["error"],
                                     response=answer))
                return self._json(200, answer)

            do_GET = do_POST

            def _json(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
                self._send(status, json.dumps(payload).encode(), "application/json; charset=utf-8", headers)

            def _send(self, status: int, body: bytes, content_type: str,
                      headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

        return Handler


def _parse(query: str, body: bytes, content_type: str) -> dict[str, Any]:
    """Slack accepts arguments in the query string, a form body or a JSON body."""
    params: dict[str, Any] = {k: v[-1] for k, v in parse_qs(query).items()}
    if body:
        if "application/json" in content_type:
            params.update(json.loads(body))
        else:
            params.update({k: v[-1] for k, v in parse_qs(body.decode("utf-8")).items()})
    for key in ("blocks", "view"):
        if isinstance(params.get(key), str):
            try:
                params[key] = json.loads(params[key])
            except ValueError:
                pass
    return params


# --- Slack's other half: signed deliveries to the bot --------------------------------------

class SlackSender:
    """Sends what Slack sends to an app (events, slash commands, button clicks), signed with
    the signing secret exactly as Slack signs them: v0=HMAC-SHA256("v0:{ts}:{body}")."""

    def __init__(self, url: str, signing_secret: str, standin: SlackStandIn | None = None) -> None:
        self.url = url                          # http://127.0.0.1:PORT/slack/events
        self.secret = signing_secret
        self.standin = standin
        self._ids = itertools.count(1)
        self._ts = itertools.count(1)

    # --- low level --------------------------------------------------------------------------
    def post(self, body: str, content_type: str, headers: dict[str, str] | None = None,
             secret: str | None = None, timestamp: int | None = None) -> tuple[int, str, float]:
        """(HTTP status, response body, seconds until the response arrived)."""
        import hashlib
        import hmac
        import urllib.error
        import urllib.request

        ts = str(timestamp if timestamp is not None else int(time.time()))
        digest = hmac.new((secret or self.secret).encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
        request = urllib.request.Request(self.url, data=body.encode("utf-8"), method="POST", headers={
            "Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}",
            **(headers or {})})
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read().decode("utf-8")
                return response.status, text, time.perf_counter() - started
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace"), time.perf_counter() - started

    def next_ts(self) -> str:
        return f"{int(time.time())}.{next(self._ts):06d}"

    # --- what Slack sends -------------------------------------------------------------------
    def event(self, event: dict[str, Any], event_id: str | None = None, retry: int = 0,
              **kwargs: Any) -> tuple[int, str, float]:
        envelope = {"token": "legacy", "team_id": TEAM_ID, "api_app_id": "AREQBOT", "type": "event_callback",
                    "event_id": event_id or f"Ev{next(self._ids):08d}", "event_time": int(time.time()),
                    "event": event, "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}]}
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else {}
        return self.post(json.dumps(envelope, ensure_ascii=False), "application/json", headers, **kwargs)

    def dm(self, user: str, text: str, event_id: str | None = None, retry: int = 0,
           secret: str | None = None, **extra: Any) -> tuple[int, str, float]:
        """A direct message from `user`; `extra` adds event fields (bot_id, subtype, …)."""
        event = {"type": "message", "channel_type": "im", "channel": dm_channel(user), "user": user,
                 "text": text, "ts": self.next_ts(), **extra}
        return self.event(event, event_id, retry, secret=secret)

    def mention(self, user: str, channel: str, text: str, event_id: str | None = None) -> tuple[int, str, float]:
        event = {"type": "app_mention", "channel": channel, "user": user,
                 "text": f"<@{BOT_USER_ID}> {text}", "ts": self.next_ts()}
        return self.event(event, event_id)

    def home_opened(self, user: str) -> tuple[int, str, float]:
        return self.event({"type": "app_home_opened", "user": user, "channel": dm_channel(user), "tab": "home"})

    def command(self, user: str, channel: str, text: str, **kwargs: Any) -> tuple[int, str, float]:
        from urllib.parse import urlencode
        form = {"token": "legacy", "team_id": TEAM_ID, "channel_id": channel, "channel_name": "project",
                "user_id": user, "user_name": user.lower(), "command": "/reqbot", "text": text,
                "api_app_id": "AREQBOT", "trigger_id": f"trig.{next(self._ids)}",
                "response_url": self.standin.response_url(f"{channel}/{next(self._ids)}") if self.standin else ""}
        return self.post(urlencode(form), "application/x-www-form-urlencoded", **kwargs)

    def click(self, user: str, button: dict[str, Any], message: dict[str, Any] | None = None,
              channel: str | None = None) -> tuple[int, str, float]:
        """Press `button` (a Block Kit button element as the bot sent it)."""
        from urllib.parse import urlencode
        payload = {"type": "block_actions", "team": {"id": TEAM_ID}, "user": {"id": user},
                   "api_app_id": "AREQBOT", "trigger_id": f"trig.{next(self._ids)}",
                   "channel": {"id": channel or dm_channel(user)},
                   "container": {"type": "message", "channel_id": channel or dm_channel(user),
                                 "message_ts": (message or {}).get("ts", "")},
                   "message": message or {},
                   "actions": [{"type": "button", "action_id": button["action_id"], "block_id": "b",
                                "value": button.get("value", ""), "text": button.get("text"),
                                "action_ts": self.next_ts()}]}
        return self.post(urlencode({"payload": json.dumps(payload, ensure_ascii=False)}),
                         "application/x-www-form-urlencoded")

    def submit_view(self, user: str, view: dict[str, Any], values: dict[str, Any]) -> tuple[int, str, float]:
        from urllib.parse import urlencode
        payload = {"type": "view_submission", "team": {"id": TEAM_ID}, "user": {"id": user},
                   "api_app_id": "AREQBOT", "view": {**view, "state": {"values": values}}}
        return self.post(urlencode({"payload": json.dumps(payload, ensure_ascii=False)}),
                         "application/x-www-form-urlencoded")


def dm_channel(user: str) -> str:
    """The DM channel id conversations.open hands out for `user`."""
    return "D" + user.lstrip("UW")


def buttons(call: Call) -> list[dict[str, Any]]:
    """Every button element in a posted message."""
    found = []
    for block in call.params.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("type") == "button":
                found.append(element)
        accessory = block.get("accessory")
        if accessory and accessory.get("type") == "button":
            found.append(accessory)
    return found


def message_of(call: Call) -> dict[str, Any]:
    """The message as Slack would include it in a block_actions payload."""
    return {"type": "message", "ts": call.response.get("ts", ""), "text": call.params.get("text", ""),
            "blocks": call.params.get("blocks") or []}
