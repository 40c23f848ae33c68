"""The command line: exit codes for what an administrator gets wrong."""

from __future__ import annotations

import pytest

from bot.cli.main import EXAMPLE_CONFIGS, main
from tests.conftest import EXAMPLE_CONFIG


def test_webhook_mode_needs_a_secret_token(monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ETRACK_TELEGRAM__TOKEN", "123456:TEST")
    monkeypatch.setenv("ETRACK_WEBHOOK__URL", "https://bot.example.go.id/telegram")

    assert main(["--config", str(EXAMPLE_CONFIG), "run", "--webhook"]) == 2
    assert "webhook.url and webhook.secret_token must be set" in capsys.readouterr().err


def test_running_without_a_token_is_a_configuration_error(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("ETRACK_TELEGRAM__TOKEN", raising=False)

    assert main(["run", "--config", str(EXAMPLE_CONFIG)]) == 2
    assert "telegram.token is not set" in capsys.readouterr().err


def test_check_config_masks_the_token(monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ETRACK_TELEGRAM__TOKEN", "123456:very-secret")

    assert main(["check-config", "--config", str(EXAMPLE_CONFIG)]) == 0
    printed = capsys.readouterr().out
    assert "token: 123456:***" in printed
    assert "very-secret" not in printed
    assert "PBG: Building approval — 21 working days" in printed


@pytest.mark.parametrize(("variable", "value", "problem"), [
    ("ETRACK_STAFF__ADMIN_IDS", "111;222", "staff.admin_ids[0]: Input should be a valid integer"),
    ("ETRACK_OFFICE__HOLIDAYS", "2026-12-25", "ETRACK_OFFICE__HOLIDAYS: not valid JSON"),
    ("ETRACK_TELEGRAM__BOT_TOKEN", "123456:AAH-secret", "telegram.bot_token: Extra inputs"),
])
def test_a_bad_environment_value_exits_2_with_one_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], variable: str,
        value: str, problem: str) -> None:
    monkeypatch.setenv(variable, value)

    assert main(["check-config", "--config", str(EXAMPLE_CONFIG)]) == 2
    printed = capsys.readouterr()
    assert printed.out == ""
    [line] = printed.err.splitlines()
    assert line.startswith("etracking: configuration error: ")
    assert problem in line
    assert "secret" not in line


def test_the_example_configuration_is_found_beside_the_package() -> None:
    # The demo falls back on it; a move of the cli module once pointed this at bot/.
    assert EXAMPLE_CONFIGS[0].is_file()
    assert EXAMPLE_CONFIGS[0].name == "config.example.toml"
