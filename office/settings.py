"""Configuration: one pydantic model per TOML table, environment overrides on top.

Sources, strongest first: `ETRACK_<TABLE>__<KEY>` environment variables, then the TOML file
(`--config PATH`, else `$ETRACK_CONFIG`, else `./config.toml`).
"""

from __future__ import annotations

import json
import os
import tomllib
from datetime import date, time
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
)

from office.config_errors import describe, undecodable
from office.document_settings import DocumentSettings
from office.guidance_settings import GuidanceSettings
from office.question_settings import QuestionSettings
from office.survey_settings import SurveySettings
from storage.engines import is_postgres, sqlite_path
from storage.postgres import without_password
from storage.workdays import WorkingCalendar
from storage.workflow import BUILT_IN_STAGES, Catalogue, PermitType, Stage

Language = Literal["id", "en"]
LANGUAGES: tuple[Language, ...] = ("id", "en")


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file and the key."""


class Section(BaseModel):
    """A TOML table: unknown keys are mistakes, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


URL = r"^https?://\S+$"


class TelegramSettings(Section):
    """How to reach the Bot API."""

    token: SecretStr = SecretStr("")
    base_url: str = Field("https://api.telegram.org/bot", pattern=URL)
    base_file_url: str = Field("https://api.telegram.org/file/bot", pattern=URL)
    connect_timeout: float = Field(10.0, gt=0)
    read_timeout: float = Field(10.0, gt=0)
    transport: Literal["aiohttp", "httpx"] = "aiohttp"


class WebhookSettings(Section):
    """Webhook mode: where python-telegram-bot listens and the public URL Telegram calls."""

    listen: str = "127.0.0.1"
    port: int = Field(8443, ge=1, le=65535)
    url: str = ""
    secret_token: SecretStr = SecretStr("")
    # One instance: it registers the webhook itself at start. Several behind a load balancer:
    # false, and `etracking webhook set` once (docs/deploy.md, "Two machines").
    set_on_start: bool = True


class DatabaseSettings(Section):
    """Where the database lives: a SQLite file (the default) or a PostgreSQL server."""

    path: Path = Path("etracking.db")
    # sqlite:///path (then `path` follows it) or postgresql://user@host:port/dbname; empty:
    # the SQLite file at `path`.
    url: str = Field("", repr=False)  # it may hold a password
    # The PostgreSQL password when the URL has none (ETRACK_DATABASE__PASSWORD); a .pgpass
    # (PGPASSFILE) or a service named in the URL (?service=NAME) work too. Never logged.
    password: SecretStr = SecretStr("")

    @field_validator("url")
    @classmethod
    def _known_url(cls, value: str) -> str:
        if value and not value.startswith(("sqlite:///", "postgresql://", "postgres://")):
            raise ValueError("url must start with sqlite:/// or postgresql://")
        if value.startswith(("postgresql:///?", "postgres:///?")) and "service=" in value:
            # The driver takes the empty path for a database name and ignores the service's.
            raise ValueError("with service=, name the database (postgresql:///dbname?service=NAME) "
                             "or leave the path out (postgresql://?service=NAME)")
        return value

    @model_validator(mode="after")
    def _path_from_url(self) -> DatabaseSettings:
        if self.url.startswith("sqlite:///"):
            object.__setattr__(self, "path", Path(sqlite_path(self.url)))
        return self

    @property
    def on_postgres(self) -> bool:
        """Whether the database is on a PostgreSQL server."""
        return is_postgres(self.url)

    @property
    def target(self) -> str:
        """What the store opens: the PostgreSQL URL, or the SQLite file's path."""
        return self.url if self.on_postgres else str(self.path)

    @property
    def shown(self) -> str:
        """Where the database is, for logs and reports (never the password)."""
        return without_password(self.url) if self.on_postgres else str(self.path)

    @property
    def secret(self) -> str | None:
        """The password to connect with, if one is configured apart from the URL."""
        return self.password.get_secret_value() or None


class OfficeSettings(Section):
    """The office: its name, contact, working calendar and number format."""

    name: str = "DPMPTSP Kabupaten Jembrana"
    address: str = ""
    phone: str = ""
    opening_hours: str = ""
    pickup_hours: str = ""
    # The hours as English readers see them; empty: the texts above serve both languages.
    opening_hours_en: str = ""
    pickup_hours_en: str = ""
    timezone: str = "Asia/Makassar"
    registration_prefix: str = Field("JBR", pattern=r"^[A-Z]{2,10}$")
    holidays: list[date] = Field(default_factory=list)
    default_language: Language = "id"

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        """The office's time zone."""
        return ZoneInfo(self.timezone)

    def opening(self, language: str) -> str:
        """Opening hours in the reader's language (the English text, when there is one)."""
        return self.opening_hours_en if language == "en" and self.opening_hours_en else (
            self.opening_hours)

    def pickup(self, language: str) -> str:
        """Pickup hours in the reader's language, else the opening hours."""
        english = language == "en" and self.pickup_hours_en
        return (self.pickup_hours_en if english else self.pickup_hours) or self.opening(language)


class StaffSettings(Section):
    """Who bootstraps as admin, and the staff group chat."""

    # NoDecode: the environment's value reaches the validator as typed, so `111,222` works.
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    group_chat_id: int | None = None
    # How long after a move its clerk (or an admin) may take it back with /undo.
    undo_minutes: int = Field(10, ge=1, le=1440)

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        """`111,222` or `[111, 222]` from the environment; a TOML list as it is."""
        if not isinstance(value, str):
            return value
        if value.strip().startswith("["):
            return json.loads(value)  # a JSONDecodeError is a ValueError: one clear line
        return [part.strip() for part in value.split(",") if part.strip()]


class ApplicantSettings(Section):
    """Limits that protect applicants' data and the bot."""

    max_followed: int = Field(20, ge=1)
    wrong_code_limit: int = Field(5, ge=1)
    wrong_code_window_minutes: int = Field(60, ge=1)
    chat_wrong_code_limit: int = Field(20, ge=1)
    chat_wrong_code_window_hours: int = Field(24, ge=1, le=24)
    wrong_code_alert: int = Field(50, ge=1)
    wrong_code_alert_window_hours: int = Field(24, ge=1, le=24)
    unknown_lookup_limit: int = Field(10, ge=1)
    unknown_lookup_window_minutes: int = Field(10, ge=1)
    history_lines: int = Field(12, ge=1)


class NotificationSettings(Section):
    """Delivery pace, retries and scheduled notices."""

    messages_per_second: float = Field(30.0, gt=0)
    per_chat_interval_seconds: float = Field(1.0, ge=0)
    max_attempts: int = Field(8, ge=1)
    backoff_base_seconds: float = Field(2.0, gt=0)
    backoff_max_seconds: float = Field(900.0, gt=0)
    sweep_seconds: float = Field(30.0, gt=0)
    digest_time: time = time(7, 30)
    reminder_time: time = time(9, 0)
    reminder_after_days: int = Field(5, ge=1)


class InstanceSettings(Section):
    """Several processes on one PostgreSQL database: how the sender, scheduler and poller
    leases are held (bot/runtime/roles.py). Takeover after a crash is within about
    lease_seconds + renew_seconds."""

    lease_seconds: float = Field(10.0, gt=0)
    renew_seconds: float = Field(3.0, gt=0)

    @model_validator(mode="after")
    def _renewed_in_time(self) -> InstanceSettings:
        if self.renew_seconds * 2 > self.lease_seconds:
            raise ValueError("renew_seconds: must be at most half of lease_seconds, so one "
                             "late renewal does not lose the lease")
        return self


class FloodSettings(Section):
    """How much one chat may ask of the bot, and how long an answer may wait to go out."""

    updates_burst: int = Field(10, ge=1)
    updates_per_minute: float = Field(30.0, gt=0)
    max_send_wait_seconds: float = Field(3.0, ge=0)


class PrivacySettings(Section):
    """How long personal data of finished applications is kept."""

    retention_days: int = Field(365, ge=1)


class StageSettings(Section):
    """One configured stage of a permit type."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]{1,31}$")
    name_id: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    service_days: int = Field(0, ge=0)
    waits_on_applicant: bool = False
    description_id: str = Field("", max_length=300)
    description_en: str = Field("", max_length=300)


class PermitTypeSettings(Section):
    """A permit type and its ordered stages."""

    code: str = Field(pattern=r"^[A-Z][A-Z0-9]{1,15}$")
    name_id: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    resubmit_to: str = ""
    stages: list[StageSettings] = Field(min_length=1)

    def permit_type(self) -> PermitType:
        """The domain object for this table."""
        return PermitType(
            code=self.code, name_id=self.name_id, name_en=self.name_en,
            resubmit_to=self.resubmit_to,
            stages=tuple(Stage(s.code, s.name_id, s.name_en, s.service_days,
                               s.waits_on_applicant, s.description_id, s.description_en)
                         for s in self.stages))


class Settings(BaseSettings):
    """The whole configuration."""

    model_config = SettingsConfigDict(env_prefix="ETRACK_", env_nested_delimiter="__",
                                      extra="forbid", frozen=True)

    telegram: TelegramSettings = TelegramSettings()
    webhook: WebhookSettings = WebhookSettings()
    database: DatabaseSettings = DatabaseSettings()
    office: OfficeSettings = OfficeSettings()
    staff: StaffSettings = StaffSettings()
    applicants: ApplicantSettings = ApplicantSettings()
    notifications: NotificationSettings = NotificationSettings()
    instances: InstanceSettings = InstanceSettings()
    flood: FloodSettings = FloodSettings()
    privacy: PrivacySettings = PrivacySettings()
    guidance: GuidanceSettings = GuidanceSettings()
    survey: SurveySettings = SurveySettings()
    questions: QuestionSettings = QuestionSettings()
    documents: DocumentSettings = DocumentSettings()
    permit_types: list[PermitTypeSettings] = Field(min_length=1)

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The TOML file arrives as init values; the environment must win over it.
        return env_settings, init_settings

    @model_validator(mode="after")
    def _valid_catalogue(self) -> Settings:
        codes: set[str] = set()
        for index, table in enumerate(self.permit_types):
            if table.code in codes:
                raise ValueError(f"permit_types[{index}].code: duplicate code {table.code}")
            codes.add(table.code)
            try:
                table.permit_type()
            except ValueError as error:
                raise ValueError(f"permit_types[{index}] ({table.code}): {error}") from None
        known = {code for p in self.catalogue().permit_types for code in p.stage_codes}
        unknown = sorted(set(self.documents.stages) - known - set(BUILT_IN_STAGES))
        if unknown:  # a typo would silently refuse every document
            raise ValueError(f"documents.stages: unknown stage {unknown[0]}")
        return self

    def catalogue(self) -> Catalogue:
        """The permit types as domain objects."""
        return Catalogue(tuple(table.permit_type() for table in self.permit_types))

    def calendar(self) -> WorkingCalendar:
        """The office's working-day calendar."""
        return WorkingCalendar(self.office.zone, self.office.holidays)


def config_path(explicit: str | Path | None) -> Path:
    """Which file to read: the argument, else $ETRACK_CONFIG, else ./config.toml."""
    return Path(explicit or os.environ.get("ETRACK_CONFIG") or "config.toml")


def load_settings(path: str | Path | None = None) -> Settings:
    """Read and validate the configuration, or raise ConfigError with a one-line reason."""
    file = config_path(path)
    try:
        with file.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{file}: file not found") from None
    except OSError as error:
        raise ConfigError(f"{file}: cannot read: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{file}: not valid TOML: {error}") from None
    try:
        return Settings(**data)
    except ValidationError as error:
        raise ConfigError(f"{file}: {describe(error)}") from None
    except SettingsError as error:
        raise ConfigError(undecodable(error, Settings)) from None


def masked(token: SecretStr) -> str:
    """The token as safe to print: the bot id, then stars."""
    value = token.get_secret_value()
    if not value:
        return "(not set)"
    bot_id, separator, _ = value.partition(":")
    # Without the colon there is no bot id: the whole value is secret.
    return f"{bot_id}:***" if separator else "***"
