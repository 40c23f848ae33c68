"""Logging: one line per event (text or JSON), with the bot token scrubbed from everything."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
# Libraries that log what passes through them, whatever --log-level says. At DEBUG aiosqlite logs
# every query with its parameters (names, phone numbers, access-code hashes), python-telegram-bot
# every update and API call (access codes applicants type, receipts), httpcore and aiohttp raw
# traffic. At INFO httpx logs every request URL (which holds the token) and APScheduler every
# job run.
QUIET_LIBRARIES = {"aiosqlite": logging.INFO, "telegram": logging.INFO,
                   "httpcore": logging.INFO, "aiohttp": logging.INFO,
                   "httpx": logging.WARNING, "apscheduler": logging.WARNING}


class TokenFilter(logging.Filter):
    """Replaces the token wherever it appears (URLs in exceptions carry it)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        """Scrub the message, its arguments and any traceback text."""
        if not self.token:
            return True
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if self.token in message or (record.exc_text and self.token in record.exc_text):
            record.msg, record.args = message.replace(self.token, "<token>"), None
            if record.exc_text:
                record.exc_text = record.exc_text.replace(self.token, "<token>")
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and any extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as a JSON line."""
        entry = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(),
                 "level": record.levelname, "logger": record.name,
                 "message": record.getMessage()}
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_text:
            entry["exception"] = record.exc_text
        elif record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure(level: str, log_format: str, token: str) -> None:
    """Root logging for the command line: chosen format, quiet libraries, token scrubbed.

    DEBUG is the bot's own detail only: the libraries above never log below their level here,
    so personal data and codes passing through them stay out of the log.
    """
    handler = logging.StreamHandler()
    handler.addFilter(TokenFilter(token))
    handler.setFormatter(JsonFormatter() if log_format == "json" else logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name, quiet in QUIET_LIBRARIES.items():
        logging.getLogger(name).setLevel(quiet)
