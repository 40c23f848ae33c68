"""`etracking health`: the report printed from the database's health facts and the lock.

The facts themselves (and the SQL that reads them) live in `storage/health.py`; this module
only judges them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bot.runtime.instance import InstanceLock
from storage.errors import DatabaseError
from storage.health import (
    LAST_CONTACT,
    LAST_DIGEST,
    HealthFacts,
    read_facts,
    read_server_facts,
)
from storage.leases import ROLES, SCHEDULER, SENDER, Lease
from storage.postgres import without_password

STALE_CONTACT_SECONDS = 300
STALE_BACKLOG_SECONDS = 900


@dataclass
class HealthReport:
    """What `etracking health` found; healthy when there are no problems."""

    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        """Whether nothing is wrong."""
        return not self.problems

    def render(self) -> str:
        """The report as printed."""
        verdict = "OK" if self.healthy else "UNHEALTHY: " + "; ".join(self.problems)
        return "\n".join([*self.lines, f"status: {verdict}"])


def check(database: Path, now: datetime | None = None) -> HealthReport:
    """Inspect the database (read-only) and the instance lock."""
    now = now or datetime.now(UTC)
    report = HealthReport()
    running = InstanceLock(database).held_elsewhere()
    report.lines.append(f"instance: {'running' if running else 'not running'}")
    if not database.exists():
        report.problems.append(f"database {database} does not exist")
        return report
    try:
        facts = read_facts(database)
    except DatabaseError as error:
        report.problems.append(f"database {database} unreadable: {error}")
        return report
    _judge(facts, report, now, running)
    return report


async def check_server(url: str, password: str | None,
                       now: datetime | None = None) -> HealthReport:
    """Inspect a PostgreSQL database (read-only), judged as for a running bot.

    Several processes may share a server's database, so there is no instance lock to look
    at: the bot is expected to be running, and stale contact or backlog are problems.
    """
    now = now or datetime.now(UTC)
    report = HealthReport()
    report.lines.append("instance: not checked (PostgreSQL: processes may share it)")
    try:
        version, facts = await read_server_facts(url, password)
    except DatabaseError as error:
        report.problems.append(f"database {without_password(url)} unreadable: {error}")
        return report
    report.lines.append(f"server: PostgreSQL {version} at {without_password(url)}")
    _judge(facts, report, now, running=True)
    if facts.schema_version:
        _judge_leases(facts.leases, report, now)
    return report


def _judge_leases(leases: tuple[Lease, ...], report: HealthReport, now: datetime) -> None:
    """Who sends, runs the scheduled work and polls; a lapsed sender or scheduler is a problem
    (nothing would go out), a lapsed poller is not (webhook mode has none)."""
    if not leases:
        report.lines.append("leases: none taken yet (no instance has run)")
        return
    report.lines.append("leases:")
    held = {lease.name: lease for lease in leases}
    for name in ROLES:
        lease = held.get(name)
        if lease is None:
            report.lines.append(f"  {name}: never taken")
            continue
        left = (lease.expires_at - now).total_seconds()
        if left > 0:
            report.lines.append(f"  {name}: {lease.holder}, expires in {left:.0f} s")
            continue
        report.lines.append(f"  {name}: nobody (last {lease.holder}, lapsed "
                            f"{_describe(-left)})")
        if name in (SENDER, SCHEDULER):
            report.problems.append(f"no instance holds the {name} lease")


def _judge(facts: HealthFacts, report: HealthReport, now: datetime, running: bool) -> None:
    report.lines.append(f"database: reachable, schema version {facts.schema_version} "
                        f"of {facts.latest_version}")
    if facts.schema_version < facts.latest_version and not running:
        report.lines.append("  (migrations run when the bot starts)")
    if facts.schema_version == 0:
        report.problems.append("database has no schema yet")
        return
    contact = _age(facts.meta.get(LAST_CONTACT), now)
    report.lines.append(f"telegram: last contact {_describe(contact)}")
    if running and (contact is None or contact > STALE_CONTACT_SECONDS):
        report.problems.append("no contact with Telegram for over 5 minutes")
    oldest = facts.outbox_oldest
    backlog = None if oldest is None else now.timestamp() - oldest
    report.lines.append(f"outbox: {facts.outbox_pending} pending (oldest {_describe(backlog)}), "
                        f"{facts.outbox_dead} dead")
    if running and backlog is not None and backlog > STALE_BACKLOG_SECONDS:
        report.problems.append("notifications waiting for over 15 minutes")
    report.lines.append(f"digest: last run {facts.meta.get(LAST_DIGEST, 'never')}")


def _age(stamp: str | None, now: datetime) -> float | None:
    if not stamp:
        return None
    return (now - datetime.fromisoformat(stamp)).total_seconds()


def _describe(seconds: float | None) -> str:
    if seconds is None:
        return "never"
    if seconds < 120:
        return f"{seconds:.0f} s ago"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min ago"
    return f"{seconds / 3600:.1f} h ago"
