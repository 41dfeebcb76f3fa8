"""Serving the Bolt app: HTTP (events, commands, interactivity at one path) or Socket Mode.

The HTTP server is the standard library's WSGI server with a thread per request (Bolt's
own development server answers one request at a time, which would queue 50 people
behind each other). `GET /health` answers 200 for load balancers and uptime checks.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/health"


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128        # room for bursts of Slack deliveries


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:   # one access-log line per request, at debug
        log.debug("%s " + format, self.address_string(), *args)


def wsgi_app(app: App, path: str = EVENTS_PATH):
    bolt = SlackRequestHandler(app, path=path)

    def application(environ: dict[str, Any], start_response) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") == "GET" and environ.get("PATH_INFO") == HEALTH_PATH:
            start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"ok"]
        return bolt(environ, start_response)

    return application


def make_http_server(app: App, host: str, port: int) -> WSGIServer:
    """A threaded HTTP server for `app` (not started). Port 0 picks a free port."""
    return make_server(host, port, wsgi_app(app), server_class=_ThreadingWSGIServer, handler_class=_QuietHandler)


def run_socket_mode(app: App, app_token: str) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler
    SocketModeHandler(app, app_token).start()
