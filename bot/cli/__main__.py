"""`python -m bot.cli …` is the same as `reqbot …`."""
from bot.cli import app

app(prog_name="reqbot")
