"""survey.csv: every response's answers, and nothing that could name the person."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from bot.cli import data as data_cli
from office.settings import Settings
from storage.exchange import export_survey
from storage.periods import Period
from storage.store import Store
from tests.conftest import FakeClock
from tests.storage.test_satisfaction import RESPONSES, answered

HEADER = "month,u1,u2,u3,u4,u5,u6,u7,u8,u9"
# Sorted by month and answers, not in the order they came in.
ROWS = ("2026-11,3,,2,2,3,3,3,1,2\r\n"
        "2026-11,3,3,3,3,3,3,3,2,3\r\n"
        "2026-11,3,3,3,3,3,4,4,3,3\r\n")


async def test_the_export_has_the_answers_without_chat_application_day_or_comment(
        store: Store, clock: FakeClock) -> None:
    application = await answered(store, clock, RESPONSES)
    exported = await export_survey(store)
    assert (exported.name, exported.rows) == ("survey.csv", 3)
    assert exported.text == f"\ufeff{HEADER}\r\n{ROWS}"
    # The exact text above is the proof; these say what it is for.
    for private in (application.number, "1001", "ok", clock().date().isoformat()):
        assert private not in exported.text.replace(HEADER, "")


async def test_the_export_of_a_period_holds_the_responses_answered_in_it(
        store: Store, clock: FakeClock) -> None:
    await answered(store, clock, RESPONSES)
    zone = store.calendar.timezone
    october = Period(date(2026, 10, 1), date(2026, 10, 31), zone)
    november = Period(date(2026, 11, 1), date(2026, 11, 30), zone)
    assert (await export_survey(store, october)).text == f"\ufeff{HEADER}\r\n"
    assert (await export_survey(store, november)).rows == 3


async def test_a_response_stopped_before_any_answer_is_an_empty_row(
        store: Store, clock: FakeClock) -> None:
    await answered(store, clock, ((),))
    assert (await export_survey(store)).text == f"\ufeff{HEADER}\r\n2026-11,,,,,,,,,\r\n"


async def test_the_command_line_writes_survey_csv_beside_the_others(
        settings: Settings, tmp_path: Path) -> None:
    configured = settings.model_copy(update={"database": settings.database.model_copy(
        update={"path": tmp_path / "office.db"})})
    clock = FakeClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC))
    filled = await Store.open(configured.database.path, settings.catalogue(),
                              settings.calendar(), clock=clock)
    await answered(filled, clock, RESPONSES)
    await filled.close()
    assert await data_cli.export_command(configured, tmp_path / "out", []) == 0
    written = (tmp_path / "out" / "survey.csv").read_bytes()
    assert written == f"\ufeff{HEADER}\r\n{ROWS}".encode()
    assert (tmp_path / "out" / "survey.csv").stat().st_mode & 0o777 == 0o600
