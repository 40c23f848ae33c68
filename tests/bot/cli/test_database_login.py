"""The PostgreSQL password from outside the URL: a .pgpass file or a service file.

The throwaway server of .ci/postgres trusts every role but `etrack_password_test`, which must
give its password: these tests create that role with a fresh password and log in as it.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import pytest

from bot.cli.main import main
from tests.conftest import EXAMPLE_CONFIG, POSTGRES_URL, one_worker_at_a_time

ROLE = "etrack_password_test"


@dataclass(frozen=True)
class Login:
    """Where the role logs in and with which password."""

    host: str
    port: int
    password: str

    @property
    def url(self) -> str:
        """The URL with no password in it."""
        return f"postgresql://{ROLE}@{self.host}:{self.port}/postgres"

    def pgpass(self, path: Path) -> Path:
        """A password file (mode 0600, as libpq and asyncpg demand) with the role's line."""
        path.write_text(f"{self.host}:{self.port}:*:{ROLE}:{self.password}\n")
        path.chmod(0o600)
        return path


async def _create_role(password: str) -> bool:
    server = await asyncpg.connect(POSTGRES_URL)
    try:
        checked = await server.fetchval(
            "SELECT count(*) FROM pg_hba_file_rules WHERE $1 = ANY(user_name) "
            "AND auth_method IN ('scram-sha-256', 'md5')", ROLE)
        if not checked:
            return False
        await server.execute(f"DROP ROLE IF EXISTS {ROLE}")
        # CREATE ROLE takes no parameters; the password is hex, so quoting it is safe.
        await server.execute(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{password}'")
        return True
    finally:
        await server.close()


async def _drop_role() -> None:
    server = await asyncpg.connect(POSTGRES_URL)
    try:
        await server.execute(f"DROP ROLE IF EXISTS {ROLE}")
    finally:
        await server.close()


@pytest.fixture
def login(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Login]:
    """The password role on the test server; no password anywhere in the environment."""
    if not POSTGRES_URL:
        pytest.skip("needs ETRACK_TEST_POSTGRES_URL")
    # The role is the server's, not a schema's: no other worker may re-create it mid-test.
    with one_worker_at_a_time(tmp_path_factory, "password-role"):
        yield from _login(monkeypatch, tmp_path)


def _login(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Login]:
    password = secrets.token_hex(16)
    if not asyncio.run(_create_role(password)):
        pytest.skip(f"the test server does not ask {ROLE} for a password (see .ci/postgres)")
    for name in ("PGPASSWORD", "PGPASSFILE", "PGSERVICE", "PGSERVICEFILE", "PGSYSCONFDIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no .pgpass of the machine's user
    monkeypatch.setenv("ETRACK_TELEGRAM__TOKEN", "123456:very-secret")
    server = urlsplit(POSTGRES_URL)
    try:
        yield Login(server.hostname or "127.0.0.1", server.port or 5432, password)
    finally:
        asyncio.run(_drop_role())


def check_connect(monkeypatch: pytest.MonkeyPatch, url: str) -> int:
    """`etracking check-config --connect` with the database at `url`."""
    monkeypatch.setenv("ETRACK_DATABASE__URL", url)
    return main(["check-config", "--connect", "--config", str(EXAMPLE_CONFIG)])


def test_without_a_password_anywhere_the_server_refuses_the_login(
        login: Login, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert check_connect(monkeypatch, login.url) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"etracking: cannot connect to {login.url}: ")
    assert f'password authentication failed for user "{ROLE}"' in error


def test_a_url_without_a_password_logs_in_with_pgpassfile(
        login: Login, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PGPASSFILE", str(login.pgpass(tmp_path / "passwords")))

    assert check_connect(monkeypatch, login.url) == 0
    printed = capsys.readouterr().out
    assert f"database: {login.url}\n" in printed
    assert "connected: PostgreSQL 1" in printed
    assert login.password not in printed


def test_a_url_without_a_password_logs_in_with_the_users_pgpass(
        login: Login, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    login.pgpass(tmp_path / ".pgpass")

    assert check_connect(monkeypatch, login.url) == 0
    assert "connected: PostgreSQL 1" in capsys.readouterr().out


@pytest.mark.parametrize("path", ["", "/postgres"])
def test_a_service_named_in_the_url_gives_the_server_and_pgpass_the_password(
        login: Login, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], path: str) -> None:
    services = tmp_path / "pg_service.conf"
    services.write_text(f"[office]\nhost={login.host}\nport={login.port}\nuser={ROLE}\n"
                        "dbname=postgres\n")
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    monkeypatch.setenv("PGPASSFILE", str(login.pgpass(tmp_path / "passwords")))

    assert check_connect(monkeypatch, f"postgresql://{path}?service=office") == 0
    printed = capsys.readouterr().out
    assert f"database: postgresql://{path}?service=office\n" in printed
    assert "connected: PostgreSQL 1" in printed


def test_a_service_with_an_empty_database_path_is_refused_with_what_to_write(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ETRACK_DATABASE__URL", "postgresql:///?service=office")

    assert main(["check-config", "--config", str(EXAMPLE_CONFIG)]) == 2
    assert capsys.readouterr().err == (
        f"etracking: configuration error: {EXAMPLE_CONFIG}: database.url: with service=, name "
        "the database (postgresql:///dbname?service=NAME) or leave the path out "
        "(postgresql://?service=NAME) (got 'postgresql:///?service=office')\n")


def test_check_config_says_the_driver_does_not_read_pgservice(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ETRACK_DATABASE__URL", "postgresql://bot@db.example/office")
    monkeypatch.setenv("PGSERVICE", "office")
    monkeypatch.setenv("PGSYSCONFDIR", "/etc/postgresql-common")

    assert main(["check-config", "--config", str(EXAMPLE_CONFIG)]) == 0
    printed = capsys.readouterr().out
    assert ("note: PGSERVICE is set but not read by the PostgreSQL driver (asyncpg): name the "
            "service in the URL instead: postgresql://?service=NAME\n") in printed
    assert ("note: PGSYSCONFDIR is set but not read by the PostgreSQL driver (asyncpg): give "
            "the service file as PGSERVICEFILE or ~/.pg_service.conf") in printed


def test_check_config_has_no_driver_notes_on_sqlite(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PGSERVICE", "office")

    assert main(["check-config", "--config", str(EXAMPLE_CONFIG)]) == 0
    assert "note:" not in capsys.readouterr().out
