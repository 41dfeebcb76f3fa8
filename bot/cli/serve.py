"""`reqbot serve`: run the Slack app (Socket Mode, or HTTP at /slack/events)."""
from __future__ import annotations

import logging
import signal
import sys
import threading
from typing import Optional

import typer

from bot.cli.common import EXIT_BAD_INPUT, EXIT_FAILURE, fail
from bot.config import get_settings


SWITCH_INTERVAL_SECONDS = 0.001      # CPython's default is 0.005


def register(app: typer.Typer) -> None:
    app.command()(serve)


def serve(
    port: int = typer.Option(3000, "--port", min=0, max=65535,
                             help="HTTP port (0 picks a free one and prints it). Ignored in Socket Mode."),
    host: str = typer.Option("0.0.0.0", "--host", help="HTTP address to listen on."),
    socket_mode: Optional[bool] = typer.Option(
        None, "--socket-mode/--http",
        help="Force a mode. Default: Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP."),
) -> None:
    """Run the Slack bot.

    HTTP mode serves events, slash commands and interactivity all at
    http://HOST:PORT/slack/events, and GET /health.

    Socket Mode (SLACK_APP_TOKEN=xapp-…) needs no public URL.

    Needs SLACK_BOT_TOKEN, plus SLACK_SIGNING_SECRET for HTTP. Optional:
    SLACK_API_URL (Web API base URL, e.g. a proxy or a test stand-in) and
    REQBOT_ADMINS (Slack user ids who may create projects; unset = anyone).

    Stop with Ctrl-C or SIGTERM; queued work is finished first.
    """
    from bot.slack.app import SlackSetupError, build_app
    from bot.slack.server import make_http_server, run_socket_mode

    settings = get_settings()
    logging.basicConfig(level=settings.log_level.upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    use_socket = settings.slack_app_token is not None if socket_mode is None else socket_mode
    if use_socket and settings.slack_app_token is None:
        fail("--socket-mode needs SLACK_APP_TOKEN (an app-level token, xapp-…, with connections:write)")
    try:
        bot = build_app(settings, socket_mode=use_socket)
    except SlackSetupError as exc:
        fail(str(exc), EXIT_BAD_INPUT)
    except Exception as exc:  # the database or the interview engine could not start
        fail(f"could not start: {type(exc).__name__}: {str(exc).splitlines()[0][:300] if str(exc) else ''}",
             EXIT_FAILURE)
    if not settings.admins:
        typer.echo("note: REQBOT_ADMINS is not set, so anyone in the workspace may create a project "
                   "(its creator manages it).", err=True)
    # Answering Slack is I/O on one thread while answers are computed on others; a shorter
    # GIL switch interval lets the acknowledging thread in sooner (Slack wants it within 3 s,
    # we aim under 300 ms at p99 with 50 people answering at once).
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
    threading.Thread(target=_warm_up, name="reqbot-warm-up", daemon=True).start()
    signal.signal(signal.SIGTERM, _stop)
    try:
        if use_socket:
            typer.echo("reqbot connected through Socket Mode; stop with Ctrl-C.")
            run_socket_mode(bot.app, settings.slack_app_token.get_secret_value())
        else:
            try:
                server = make_http_server(bot.app, host, port)
            except OSError as exc:
                fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}", EXIT_FAILURE)
            bound_host, bound_port = server.server_address[:2]
            typer.echo(f"reqbot listening on http://{bound_host}:{bound_port}/slack/events")
            try:
                server.serve_forever(poll_interval=0.2)
            finally:
                server.server_close()
    except KeyboardInterrupt:
        pass
    finally:
        bot.close()      # let queued answers and specs finish
    typer.echo("reqbot stopped.")


def _warm_up() -> None:
    """Load the checklist index and the analysis while already listening (Slack's URL check
    must not wait for a first index build); requests that need them wait for them."""
    from bot.slack.core import warm_up
    try:
        warm_up()
    except Exception as exc:   # each request reports its own trouble; nothing else depends on this
        logging.getLogger(__name__).warning("warm-up failed: %s", type(exc).__name__)
        return
    typer.echo("reqbot ready: checklist index and analysis loaded")


def _stop(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt
