"""The Slack adapter: a Bolt app whose listeners parse, acknowledge and call the core.

    from bot.slack.app import build_app
    bot = build_app()                       # SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL …
    # serve bot.app with bot.slack.server (HTTP) or Socket Mode; `reqbot serve` does both

Layout: app.py (the Bolt app), listeners/ (thin Bolt listeners), pm.py (/reqbot),
interview_dm.py (the DM interview and its buttons), answers.py (checklist Q&A),
home.py (App Home), blocks.py / views.py / texts.py (Block Kit, zh + en),
web.py (Web API calls with retries), dedupe.py (retried events), worker.py (work after
the acknowledgement), core.py (the door to analysis and the spec writer).
"""
