"""Applications: numbering, lookup, and stage changes written in one transaction."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

import storage.applications
from storage.access_codes import verify_access_code
from storage.errors import (
    ApplicationNotFound,
    ConcurrentChange,
    InvalidInput,
    NumbersExhausted,
    PermitTypeUnknown,
    ReasonRequired,
    RepeatedChange,
    StageTransitionRejected,
    StageUnknown,
)
from storage.models import Application
from storage.rows import APPLICATION_COLUMNS, application_from
from storage.store import Store
from storage.workflow import Action
from tests.conftest import FakeClock

WITA = ZoneInfo("Asia/Makassar")
STAFF = 7


def end_of(year: int, month: int, day: int) -> datetime:
    """The due moment of a day: its last second in office time."""
    return datetime(year, month, day, 23, 59, 59, tzinfo=WITA)


async def create(store: Store, permit_type: str = "PBG",
                 name: str = "Ni Made Ayu") -> Application:
    """A new application registered by staff member 7."""
    application, _ = await store.applications.create(permit_type, name, staff_id=STAFF)
    return application


async def count(store: Store, table: str) -> int:
    """Rows in a table."""
    return int(await store.database.fetch_value(f"SELECT COUNT(*) FROM {table}"))


async def snapshot(store: Store) -> tuple[list[Application], int, int, int]:
    """Everything a change could touch: applications and the row counts around them."""
    rows = await store.database.fetch_all(
        f"SELECT {APPLICATION_COLUMNS} FROM applications a ORDER BY id")
    return ([application_from(row) for row in rows],
            await count(store, "history"), await count(store, "outbox"),
            await count(store, "audit"))


async def test_create_numbers_the_first_application_of_the_year(store: Store,
                                                                clock: FakeClock) -> None:
    application, code = await store.applications.create(
        "pbg", "  Ni   Made Ayu ", staff_id=STAFF, contact=" 0812-3456-7890 ")
    assert application.number == "JBR-2026-000001"
    assert application.permit_type == "PBG"
    assert application.applicant_name == "Ni Made Ayu"
    assert application.contact == "0812-3456-7890"
    assert application.stage == "received"
    assert application.created_at == clock.now
    assert application.updated_at == clock.now
    assert application.stage_entered_at == clock.now
    assert application.decided_at is None
    assert application.version == 1
    assert len(code) == 6
    assert code.isdigit()


async def test_numbers_follow_in_sequence(store: Store) -> None:
    first = await create(store)
    second = await create(store, "SIP", "dr. Komang Sari")
    assert (first.number, second.number) == ("JBR-2026-000001", "JBR-2026-000002")


async def test_a_new_year_restarts_the_sequence(store: Store, clock: FakeClock) -> None:
    await create(store)
    clock.now = datetime(2026, 12, 31, 15, 30, tzinfo=UTC)  # 23:30 on 31 December in Bali
    assert (await create(store)).number == "JBR-2026-000002"
    clock.now = datetime(2026, 12, 31, 16, 30, tzinfo=UTC)  # 00:30 on 1 January in Bali
    assert (await create(store)).number == "JBR-2027-000001"
    assert (await create(store)).number == "JBR-2027-000002"


async def test_a_given_number_is_stored_in_canonical_form(store: Store) -> None:
    application, _ = await store.applications.create("PBG", "Ni Made Ayu", staff_id=STAFF,
                                                     number=" jbr 2026 5 ")
    assert application.number == "JBR-2026-000005"
    assert await store.applications.get("JBR-2026-000005") == application


async def test_a_given_number_is_never_handed_out_again(store: Store) -> None:
    # Importing the office's earlier register moves the sequence past the imported numbers.
    await store.applications.create("PBG", "Ni Made Ayu", staff_id=STAFF,
                                    number="JBR-2026-000005")
    await store.applications.create("PBG", "I Ketut Darma", staff_id=STAFF,
                                    number="JBR-2026-000002")
    assert (await create(store)).number == "JBR-2026-000006"


async def test_a_given_number_of_another_office_leaves_the_sequence_alone(store: Store) -> None:
    await store.applications.create("PBG", "Ni Made Ayu", staff_id=STAFF,
                                    number="DPS-2026-000009")
    assert (await create(store)).number == "JBR-2026-000001"


async def test_a_given_number_must_look_like_one(store: Store) -> None:
    with pytest.raises(InvalidInput) as caught:
        await store.applications.create("PBG", "Ni Made Ayu", staff_id=STAFF, number="12")
    assert caught.value.field == "number"
    assert await count(store, "applications") == 0


async def test_due_date_is_the_service_standard_in_working_days(store: Store) -> None:
    # PBG: 21 office days (the 5-day fee payment waits on the applicant and does not count).
    application = await create(store)
    assert application.due_at == end_of(2026, 12, 1)
    assert store.calendar.add_working_days(application.created_at, 21) == application.due_at
    sip = await create(store, "SIP")
    assert sip.due_at == end_of(2026, 11, 11)


async def test_created_on_new_year_the_count_starts_after_the_holiday(
        store: Store, clock: FakeClock) -> None:
    clock.now = datetime(2026, 12, 31, 16, 30, tzinfo=UTC)  # Friday 1 January 2027, a holiday
    assert (await create(store, "SIP")).due_at == end_of(2027, 1, 12)


async def test_create_writes_history_and_audit(store: Store, clock: FakeClock) -> None:
    await store.staff.bootstrap([STAFF])
    application = await create(store)
    [entry] = await store.applications.history(application.id)
    assert (entry.action, entry.from_stage, entry.to_stage) == ("create", None, "received")
    assert (entry.staff_id, entry.staff_name) == (STAFF, "Admin 7")
    assert (entry.at, entry.due_at) == (clock.now, application.due_at)
    [audit] = await store.audit.for_application(application.id)
    assert (audit.action, audit.staff_id, audit.staff_name) == ("create", STAFF, "Admin 7")
    assert audit.application_number == "JBR-2026-000001"
    assert json.loads(audit.arguments) == {
        "permit_type": "PBG", "applicant_name": "Ni Made Ayu", "contact": ""}


async def test_fifty_concurrent_creations_get_consecutive_unique_numbers(store: Store) -> None:
    created = await asyncio.gather(*(create(store, name=f"Pemohon {i}") for i in range(50)))
    numbers = sorted(application.number for application in created)
    assert numbers == [f"JBR-2026-{sequence:06d}" for sequence in range(1, 51)]
    assert await count(store, "applications") == 50
    assert await count(store, "history") == 50


async def test_unknown_permit_type_creates_nothing(store: Store) -> None:
    with pytest.raises(PermitTypeUnknown):
        await store.applications.create("IMB", "Ni Made Ayu", staff_id=STAFF)
    assert await count(store, "applications") == 0


@pytest.mark.parametrize(
    ("name", "contact", "field", "limit"),
    [
        ("", "", "applicant_name", 200),
        ("   \t ", "", "applicant_name", 200),
        ("x" * 201, "", "applicant_name", 200),
        ("Ni Made Ayu", "0" * 101, "contact", 100),
    ],
)
async def test_invalid_input_creates_nothing(store: Store, name: str, contact: str, field: str,
                                             limit: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        await store.applications.create("PBG", name, staff_id=STAFF, contact=contact)
    assert (caught.value.field, caught.value.limit) == (field, limit)
    assert await snapshot(store) == ([], 0, 0, 0)
    # No number was used up.
    assert (await create(store)).number == "JBR-2026-000001"


async def test_a_name_of_exactly_two_hundred_characters_is_accepted(store: Store) -> None:
    assert (await create(store, name="x" * 200)).applicant_name == "x" * 200


@pytest.mark.parametrize(
    "typed",
    ["JBR-2026-000001", "jbr 2026 1", " jbr-2026-000001 ", "JBR2026000001", "jbr/2026/01"],
)
async def test_get_accepts_messy_typing(store: Store, typed: str) -> None:
    application = await create(store)
    assert await store.applications.get(typed) == application


async def test_get_unknown_number_raises_with_the_canonical_number(store: Store) -> None:
    with pytest.raises(ApplicationNotFound) as caught:
        await store.applications.get("jbr 2026 999")
    assert caught.value.number == "JBR-2026-000999"


async def test_get_garbage_raises(store: Store) -> None:
    with pytest.raises(ApplicationNotFound) as caught:
        await store.applications.get(" halo ")
    assert caught.value.number == "HALO"


async def test_get_by_id(store: Store) -> None:
    application = await create(store)
    assert await store.applications.get_by_id(application.id) == application
    with pytest.raises(ApplicationNotFound):
        await store.applications.get_by_id(999)


async def test_access_code_opens_only_its_application(store: Store) -> None:
    application, code = await store.applications.create("PBG", "Ni Made Ayu", staff_id=STAFF)
    other = "000000" if code != "000000" else "111111"
    assert await store.applications.verify_access_code(application.number, code) is True
    assert await store.applications.verify_access_code("jbr 2026 1", f" {code} ") is True
    assert await store.applications.verify_access_code(application.number, other) is False
    with pytest.raises(ApplicationNotFound):
        await store.applications.verify_access_code("JBR-2026-000002", code)


async def test_a_given_access_code_is_stored_hashed(store: Store) -> None:
    _, code = await store.applications.create(
        "PBG", "Ni Made Ayu", staff_id=STAFF, access_code="246810")
    assert code == "246810"
    stored = await store.database.fetch_value("SELECT access_code_hash FROM applications")
    assert "246810" not in stored
    assert verify_access_code("246810", stored) is True


async def test_change_writes_history_audit_and_one_outbox_row_per_follower(
        store: Store, clock: FakeClock) -> None:
    application = await create(store)
    for chat_id in (100, 200, 300):
        assert await store.followers.follow(application, chat_id, limit=20)
    await store.followers.mark_blocked(300)
    woken: list[str] = []
    store.on_outbox(lambda: woken.append("outbox"))
    clock.advance(hours=2)

    change = await store.applications.change(
        "jbr 2026 1", Action.ADVANCE, staff_id=STAFF, public_note="Berkas lengkap",
        internal_note="cek IMB lama")

    assert change.notified == 2
    assert woken == ["outbox"]
    assert change.application.stage == "document_check"
    assert change.application.stage_entered_at == clock.now
    assert change.application.updated_at == clock.now
    assert change.application.version == 2
    assert change.application.due_at == application.due_at
    entry = change.entry
    assert (entry.action, entry.from_stage, entry.to_stage) == (
        "advance", "received", "document_check")
    assert (entry.public_note, entry.internal_note) == ("Berkas lengkap", "cek IMB lama")
    assert (entry.staff_id, entry.at) == (STAFF, clock.now)
    assert len(await store.applications.history(application.id)) == 2

    rows = await store.database.fetch_all(
        "SELECT event_key, chat_id, kind, application_id, history_id, status FROM outbox "
        "ORDER BY chat_id")
    assert [tuple(row) for row in rows] == [
        (f"history:{entry.id}", 100, "change", application.id, entry.id, "pending"),
        (f"history:{entry.id}", 200, "change", application.id, entry.id, "pending"),
        # The blocked chat's notice waits, paused, for the user to come back.
        (f"history:{entry.id}", 300, "change", application.id, entry.id, "paused"),
    ]
    audit = await store.audit.for_application(application.id)
    assert [a.action for a in audit] == ["create", "advance"]
    assert json.loads(audit[-1].arguments) == {
        "stage": "document_check", "public_note": "Berkas lengkap",
        "internal_note": "cek IMB lama"}


async def test_change_without_followers_queues_nothing(store: Store) -> None:
    application = await create(store)
    woken: list[str] = []
    store.on_outbox(lambda: woken.append("outbox"))
    change = await store.applications.change(application.number, Action.ADVANCE,
                                             staff_id=STAFF)
    assert change.notified == 0
    assert woken == []
    assert await count(store, "outbox") == 0


async def test_a_note_is_queued_as_a_note(store: Store) -> None:
    application = await create(store)
    await store.followers.follow(application, 100, limit=20)
    change = await store.applications.change(application.number, Action.NOTE, staff_id=STAFF,
                                             public_note="Mohon lampirkan KTP")
    assert change.application.stage == "received"
    assert change.application.stage_entered_at == application.stage_entered_at
    assert change.application.version == 2
    assert (change.entry.action, change.entry.from_stage, change.entry.to_stage) == (
        "note", "received", "received")
    assert await store.database.fetch_value("SELECT kind FROM outbox") == "note"


async def test_a_system_change_has_no_audit_row(store: Store) -> None:
    application = await create(store)
    change = await store.applications.change(application.number, Action.ADVANCE, staff_id=None)
    assert change.entry.staff_id is None
    assert change.entry.staff_name == ""
    assert [a.action for a in await store.audit.for_application(application.id)] == ["create"]


async def test_a_failing_write_mid_change_leaves_nothing_half_written(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    application = await create(store)
    await store.followers.follow(application, 100, limit=20)
    before = await snapshot(store)

    async def broken_audit(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(storage.applications, "record_audit", broken_audit)
    with pytest.raises(RuntimeError, match="disk full"):
        await store.applications.change(application.number, Action.ADVANCE, staff_id=STAFF)
    assert await snapshot(store) == before
    assert (await store.applications.get(application.number)).stage == "received"

    monkeypatch.undo()
    change = await store.applications.change(application.number, Action.ADVANCE,
                                             staff_id=STAFF)
    assert change.application.stage == "document_check"
    assert change.notified == 1


async def test_two_concurrent_changes_exactly_one_wins(store: Store,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    application = await create(store)
    read = store.applications.get
    both_read = asyncio.Event()
    readers = 0

    async def read_then_wait(number: str) -> Application:
        nonlocal readers
        found = await read(number)
        readers += 1
        if readers == 2:
            both_read.set()
        await both_read.wait()
        return found

    monkeypatch.setattr(store.applications, "get", read_then_wait)
    results = await asyncio.gather(
        store.applications.change(application.number, Action.ADVANCE, staff_id=STAFF),
        store.applications.change(application.number, Action.ADVANCE, staff_id=8),
        return_exceptions=True)

    assert readers == 2
    failures = [r for r in results if isinstance(r, BaseException)]
    successes = [r for r in results if not isinstance(r, BaseException)]
    assert len(successes) == 1
    assert successes[0].application.stage == "document_check"
    [failure] = failures
    assert isinstance(failure, ConcurrentChange)
    assert (failure.number, failure.expected_stage, failure.actual_stage) == (
        "JBR-2026-000001", "received", "document_check")
    current = await read(application.number)
    assert (current.stage, current.version) == ("document_check", 2)
    assert await count(store, "history") == 2
    assert await count(store, "audit") == 2


async def test_expected_stage_mismatch_raises_concurrent_change(store: Store) -> None:
    application = await create(store)
    before = await snapshot(store)
    with pytest.raises(ConcurrentChange) as caught:
        await store.applications.change(application.number, Action.ADVANCE, staff_id=STAFF,
                                         expected_stage="signing")
    assert (caught.value.expected_stage, caught.value.actual_stage) == ("signing", "received")
    assert str(caught.value) == "JBR-2026-000001: expected signing, found received"
    assert await snapshot(store) == before


MINUTE = timedelta(minutes=1)


async def test_the_same_advance_again_within_the_window_is_refused(store: Store,
                                                                   clock: FakeClock) -> None:
    application = await create(store)
    await store.applications.change(application.number, Action.ADVANCE, staff_id=STAFF,
                                    repeat_window=MINUTE)
    clock.advance(seconds=12)
    before = await snapshot(store)
    with pytest.raises(RepeatedChange) as caught:
        await store.applications.change(application.number, Action.ADVANCE, staff_id=STAFF,
                                        repeat_window=MINUTE)
    assert (caught.value.application.stage, caught.value.entry.to_stage,
            caught.value.seconds_ago) == ("document_check", "document_check", 12)
    assert await snapshot(store) == before


async def test_a_repeat_is_allowed_after_the_window_by_others_or_unguarded(
        store: Store, clock: FakeClock) -> None:
    application = await create(store)
    number = application.number
    await store.applications.change(number, Action.ADVANCE, staff_id=STAFF, repeat_window=MINUTE)
    colleague = await store.applications.change(number, Action.ADVANCE, staff_id=STAFF + 1,
                                                repeat_window=MINUTE)
    button = await store.applications.change(number, Action.ADVANCE, staff_id=STAFF + 1,
                                             expected_stage=colleague.application.stage)
    clock.advance(minutes=1)
    later = await store.applications.change(number, Action.ADVANCE, staff_id=STAFF + 1,
                                            repeat_window=MINUTE)
    assert [colleague.application.stage, button.application.stage,
            later.application.stage] == ["field_inspection", "technical_review", "fee_payment"]


async def test_matching_expected_stage_applies(store: Store) -> None:
    application = await create(store)
    change = await store.applications.change(application.number, Action.ADVANCE,
                                             staff_id=STAFF, expected_stage="received")
    assert change.application.stage == "document_check"


async def test_fee_payment_wait_extends_the_due_date(store: Store, clock: FakeClock) -> None:
    # REKLAME: 6 office days; created Monday 2 November → due Tuesday 10 November.
    application = await create(store, "REKLAME")
    assert application.due_at == end_of(2026, 11, 10)
    await store.applications.change(application.number, Action.MOVE, staff_id=STAFF,
                                    stage="fee_payment")
    clock.advance(days=7)  # the applicant pays a week later: 5 working days waited
    change = await store.applications.change(application.number, Action.ADVANCE,
                                             staff_id=STAFF)
    assert change.application.stage == "signing"
    assert change.application.due_at == end_of(2026, 11, 17)
    assert change.entry.due_at == end_of(2026, 11, 17)


async def test_returned_wait_extends_the_due_date(store: Store, clock: FakeClock) -> None:
    application = await create(store)
    clock.advance(days=2)  # Wednesday
    returned = await store.applications.change(application.number, Action.RETURN,
                                               staff_id=STAFF, public_note="Lampirkan KRK")
    assert returned.application.stage == "returned"
    assert returned.application.due_at == end_of(2026, 12, 1)
    clock.advance(days=5)  # resubmitted Monday: Thursday, Friday, Monday waited
    change = await store.applications.change(application.number, Action.ADVANCE,
                                             staff_id=STAFF)
    assert change.application.stage == "document_check"
    assert change.application.due_at == end_of(2026, 12, 4)


async def test_resubmitting_the_same_day_keeps_the_due_date(store: Store,
                                                            clock: FakeClock) -> None:
    application = await create(store)
    await store.applications.change(application.number, Action.RETURN, staff_id=STAFF,
                                    public_note="Lampirkan KRK")
    clock.advance(hours=3)
    change = await store.applications.change(application.number, Action.ADVANCE,
                                             staff_id=STAFF)
    assert change.application.due_at == application.due_at


async def test_a_note_while_waiting_does_not_extend_the_due_date(store: Store,
                                                                 clock: FakeClock) -> None:
    application = await create(store)
    await store.applications.change(application.number, Action.RETURN, staff_id=STAFF,
                                    public_note="Lampirkan KRK")
    clock.advance(days=7)
    change = await store.applications.change(application.number, Action.NOTE, staff_id=STAFF,
                                             public_note="Masih ditunggu")
    assert change.application.due_at == application.due_at


async def test_office_stages_do_not_extend_the_due_date(store: Store, clock: FakeClock) -> None:
    application = await create(store)
    clock.advance(days=14)
    change = await store.applications.change(application.number, Action.ADVANCE,
                                             staff_id=STAFF)
    assert change.application.due_at == application.due_at


async def test_issuing_sets_decided_at(store: Store, clock: FakeClock) -> None:
    application = await create(store)
    await store.applications.change(application.number, Action.MOVE, staff_id=STAFF,
                                    stage="Signing")
    clock.advance(hours=1)
    change = await store.applications.change(application.number, Action.ISSUE,
                                             staff_id=STAFF)
    assert change.application.stage == "issued"
    assert change.application.decided_at == clock.now


@pytest.mark.parametrize("action", [Action.REJECT, Action.WITHDRAW])
async def test_rejecting_or_withdrawing_sets_decided_at(store: Store, clock: FakeClock,
                                                        action: Action) -> None:
    application = await create(store)
    change = await store.applications.change(application.number, action, staff_id=STAFF,
                                             public_note="Tidak sesuai tata ruang")
    assert change.application.decided_at == clock.now


async def test_open_stages_leave_decided_at_empty(store: Store) -> None:
    application = await create(store)
    change = await store.applications.change(application.number, Action.ADVANCE,
                                             staff_id=STAFF)
    assert change.application.decided_at is None


async def test_a_note_after_the_decision_keeps_the_decision_time(store: Store,
                                                                 clock: FakeClock) -> None:
    application = await create(store)
    decided = await store.applications.change(application.number, Action.REJECT,
                                              staff_id=STAFF, public_note="Lokasi jalur hijau")
    clock.advance(days=3)
    noted = await store.applications.change(application.number, Action.NOTE, staff_id=STAFF,
                                            public_note="Berkas asli sudah diambil")
    assert noted.application.stage == "rejected"
    assert noted.application.decided_at == decided.application.decided_at
    assert noted.application.stage_entered_at == decided.application.stage_entered_at


async def test_a_decided_application_cannot_advance(store: Store) -> None:
    application = await create(store)
    await store.applications.change(application.number, Action.WITHDRAW, staff_id=STAFF,
                                    public_note="Permintaan pemohon")
    before = await snapshot(store)
    with pytest.raises(StageTransitionRejected) as caught:
        await store.applications.change(application.number, Action.ADVANCE, staff_id=STAFF)
    assert caught.value.valid == ()
    assert await snapshot(store) == before


@pytest.mark.parametrize("field", ["public_note", "internal_note"])
async def test_a_note_too_long_changes_nothing(store: Store, field: str) -> None:
    application = await create(store)
    await store.followers.follow(application, 100, limit=20)
    before = await snapshot(store)
    notes = {"public_note": "", "internal_note": "", field: "x" * 1001}
    with pytest.raises(InvalidInput) as caught:
        await store.applications.change(application.number, Action.NOTE, staff_id=STAFF,
                                        public_note=notes["public_note"],
                                        internal_note=notes["internal_note"])
    assert (caught.value.field, caught.value.limit) == ("note", 1000)
    assert await snapshot(store) == before


async def test_a_note_of_exactly_a_thousand_characters_is_accepted(store: Store) -> None:
    application = await create(store)
    change = await store.applications.change(application.number, Action.NOTE, staff_id=STAFF,
                                             public_note="x" * 1000)
    assert change.entry.public_note == "x" * 1000


async def test_a_missing_reason_changes_nothing(store: Store) -> None:
    application = await create(store)
    before = await snapshot(store)
    with pytest.raises(ReasonRequired):
        await store.applications.change(application.number, Action.RETURN, staff_id=STAFF,
                                        public_note="  ")
    assert await snapshot(store) == before


async def test_an_unknown_stage_changes_nothing(store: Store) -> None:
    application = await create(store)
    before = await snapshot(store)
    with pytest.raises(StageUnknown):
        await store.applications.change(application.number, Action.MOVE, staff_id=STAFF,
                                         stage="archive")
    assert await snapshot(store) == before


async def test_history_entry_by_id(store: Store) -> None:
    application = await create(store)
    change = await store.applications.change(application.number, Action.ADVANCE,
                                             staff_id=STAFF)
    assert await store.applications.history_entry(change.entry.id) == change.entry
    with pytest.raises(ApplicationNotFound):
        await store.applications.history_entry(999)


async def test_times_are_stored_as_utc(store: Store, clock: FakeClock) -> None:
    application = await create(store)
    assert application.created_at.tzinfo == UTC
    assert application.due_at.utcoffset() == timedelta(0)
    assert application.due_at == datetime(2026, 12, 1, 15, 59, 59, tzinfo=UTC)


async def test_the_last_six_digit_number_of_a_year_is_given_and_then_refused(
        store: Store) -> None:
    async with store.database.transaction() as conn:
        await conn.execute("INSERT INTO sequences (prefix, year, last) VALUES ('JBR', 2026, ?)",
                           (999_998,))

    last, _ = await store.applications.create("PBG", "Made Terakhir", staff_id=STAFF)
    with pytest.raises(NumbersExhausted) as refused:
        await store.applications.create("PBG", "Made Kelewat", staff_id=STAFF)

    assert last.number == "JBR-2026-999999"
    assert (refused.value.last_number, refused.value.year) == ("JBR-2026-999999", 2026)
    assert await store.database.fetch_value("SELECT last FROM sequences") == 999_999
    assert await store.database.fetch_value("SELECT COUNT(*) FROM applications") == 1
