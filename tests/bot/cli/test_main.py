"""The command line: exit codes for what an administrator gets wrong."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.cli.main import EXAMPLE_CONFIGS, main
from tests.conftest import EXAMPLE_CONFIG, POSTGRES_URL


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


def test_check_config_connect_reports_the_sqlite_file(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    monkeypatch.setenv("ETRACK_TELEGRAM__TOKEN", "123456:very-secret")
    monkeypatch.setenv("ETRACK_DATABASE__URL", f"sqlite:///{tmp_path}/office.db")

    assert main(["check-config", "--connect", "--config", str(EXAMPLE_CONFIG)]) == 0
    printed = capsys.readouterr().out
    assert f"database: {tmp_path}/office.db\n" in printed
    assert (f"connected: SQLite {sqlite3.sqlite_version}: {tmp_path}/office.db does not exist "
            "yet (made at first run)") in printed


@pytest.mark.skipif(not POSTGRES_URL, reason="needs ETRACK_TEST_POSTGRES_URL")
def test_check_config_connect_reports_the_postgresql_server_and_hides_the_password(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ETRACK_TELEGRAM__TOKEN", "123456:very-secret")
    monkeypatch.setenv("ETRACK_DATABASE__URL", POSTGRES_URL)
    monkeypatch.setenv("ETRACK_DATABASE__PASSWORD", "db-secret")

    assert main(["check-config", "--connect", "--config", str(EXAMPLE_CONFIG)]) == 0
    printed = capsys.readouterr().out
    assert f"database: {POSTGRES_URL}\n" in printed
    assert "connected: PostgreSQL 1" in printed
    assert "db-secret" not in printed


def test_check_config_connect_fails_with_one_line_when_the_server_is_away(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ETRACK_TELEGRAM__TOKEN", "123456:very-secret")
    monkeypatch.setenv("ETRACK_DATABASE__URL", "postgresql://bot:pw-secret@127.0.0.1:1/office")

    assert main(["check-config", "--connect", "--config", str(EXAMPLE_CONFIG)]) == 1
    captured = capsys.readouterr()
    assert "database: postgresql://bot@127.0.0.1:1/office\n" in captured.out
    assert captured.err.startswith(
        "etracking: cannot connect to postgresql://bot@127.0.0.1:1/office: ")
    assert "pw-secret" not in captured.out + captured.err


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_backup_and_restore_on_postgresql_point_to_the_servers_tools(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path, command: str) -> None:
    monkeypatch.setenv("ETRACK_TELEGRAM__TOKEN", "123456:very-secret")
    monkeypatch.setenv("ETRACK_DATABASE__URL", "postgresql://bot@127.0.0.1:1/office")

    assert main([command, str(tmp_path / "copy.db"), "--config", str(EXAMPLE_CONFIG)]) == 1
    assert capsys.readouterr().err == (
        f"etracking: {command}: the database is on PostgreSQL: use the server's tools, "
        'pg_dump --format=custom and pg_restore (docs/deploy.md, "Running on PostgreSQL")\n')
    assert list(tmp_path.iterdir()) == []
