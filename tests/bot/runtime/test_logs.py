"""Logs: one line per event, JSON on request, and never the token."""

from __future__ import annotations

import json
import logging

import pytest

from bot.runtime.logs import JsonFormatter, TokenFilter, configure

TOKEN = "123456:AAH-secret-part"


def record(message: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    """A log record as a library would make it."""
    made = logging.LogRecord("telegram.ext.Updater", logging.WARNING, __file__, 1, message,
                             args, (type(exc), exc, exc.__traceback__) if exc else None)
    made.chat_id = 42
    return made


def test_the_token_is_scrubbed_from_messages_arguments_and_tracebacks() -> None:
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{TOKEN}/sendMessage failed")
    except RuntimeError as error:
        entry = record("request to %s failed", f"/bot{TOKEN}/getUpdates", exc=error)
    assert TokenFilter(TOKEN).filter(entry)
    assert entry.getMessage() == "request to /bot<token>/getUpdates failed"
    assert entry.exc_text is not None
    assert TOKEN not in entry.exc_text
    assert "/bot<token>/sendMessage" in entry.exc_text


def test_json_lines_carry_level_logger_message_and_extra_fields() -> None:
    entry = record("sent %d messages", 3)
    line = JsonFormatter().format(entry)
    data = json.loads(line)
    assert "\n" not in line
    assert (data["level"], data["logger"], data["message"], data["chat_id"]) == (
        "WARNING", "telegram.ext.Updater", "sent 3 messages", 42)
    assert data["time"].endswith("+00:00")


def test_configure_installs_one_scrubbing_json_handler(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        configure("INFO", "json", TOKEN)
        logging.getLogger("bot.test").warning("token is %s", TOKEN)
        [handler] = root.handlers
        handler.flush()
        printed = capsys.readouterr().err.strip()
        assert json.loads(printed)["message"] == "token is <token>"
        assert logging.getLogger("httpx").level == logging.WARNING
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
