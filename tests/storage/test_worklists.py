"""Staff worklists: the queue, the overdue list and search."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from storage.models import Application
from storage.store import Store
from storage.workflow import Action
from storage.worklists import phone_forms
from tests.conftest import FakeClock

WITA = ZoneInfo("Asia/Makassar")


async def create(store: Store, clock: FakeClock, permit_type: str = "PBG",
                 name: str = "Ni Made Ayu") -> Application:
    """A new application; the clock then moves on a minute so creation order is clear."""
    application, _ = await store.applications.create(permit_type, name, staff_id=7)
    clock.advance(minutes=1)
    return application


def numbers(applications: list[Application]) -> list[str]:
    """The sequence part of each number."""
    return [a.number.removeprefix("JBR-2026-") for a in applications]


async def test_queue_puts_the_longest_waiting_first(store: Store, clock: FakeClock) -> None:
    first, _, _ = [await create(store, clock) for _ in range(3)]
    # The first moves on, so it has been in its new stage the shortest time.
    await store.applications.change(first.number, Action.ADVANCE, staff_id=7)
    assert numbers(await store.worklists.queue()) == ["000002", "000003", "000001"]
    assert numbers(await store.worklists.queue(limit=2)) == ["000002", "000003"]


async def test_queue_at_one_stage(store: Store, clock: FakeClock) -> None:
    _, second, _ = [await create(store, clock) for _ in range(3)]
    await store.applications.change(second.number, Action.ADVANCE, staff_id=7)
    assert numbers(await store.worklists.queue("document_check")) == ["000002"]
    assert numbers(await store.worklists.queue("received")) == ["000001", "000003"]
    assert await store.worklists.queue("signing") == []
    assert await store.worklists.count_open("received") == 2
    assert await store.worklists.count_open() == 3


async def test_decided_applications_leave_the_queue(store: Store, clock: FakeClock) -> None:
    first = await create(store, clock)
    await create(store, clock)
    await store.applications.change(first.number, Action.REJECT, staff_id=7,
                                    public_note="Lokasi jalur hijau")
    assert numbers(await store.worklists.queue()) == ["000002"]
    assert await store.worklists.count_open() == 1


async def test_overdue_lists_the_most_overdue_first(store: Store, clock: FakeClock) -> None:
    pbg = await create(store, clock, "PBG")           # due 1 December
    sip = await create(store, clock, "SIP")           # due 11 November
    reklame = await create(store, clock, "REKLAME")   # due 10 November
    tdup = await create(store, clock, "TDUP")         # due 11 November
    await store.applications.change(tdup.number, Action.WITHDRAW, staff_id=7,
                                    public_note="Permintaan pemohon")
    # Thursday 12 November, 09:00 WITA.
    now = datetime(2026, 11, 12, 1, 0, tzinfo=UTC)
    assert [a.number for a in await store.worklists.overdue(now)] == [reklame.number,
                                                                       sip.number]
    assert await store.worklists.count_overdue(now) == 2
    assert [a.number for a in await store.worklists.overdue(now, limit=1)] == [reklame.number]
    assert pbg.number not in [a.number for a in await store.worklists.overdue(now)]


async def test_an_application_is_not_overdue_on_its_due_day(store: Store,
                                                            clock: FakeClock) -> None:
    await create(store, clock, "SIP")  # due 11 November, 23:59:59 WITA
    last_second = datetime(2026, 11, 11, 23, 59, 59, tzinfo=WITA)
    assert await store.worklists.overdue(last_second) == []
    assert len(await store.worklists.overdue(last_second + timedelta(seconds=1))) == 1


async def test_due_between(store: Store, clock: FakeClock) -> None:
    await create(store, clock, "PBG")        # due 1 December
    await create(store, clock, "SIP")        # due 11 November
    await create(store, clock, "REKLAME")    # due 10 November
    start = datetime(2026, 11, 10, tzinfo=WITA)
    end = datetime(2026, 11, 12, tzinfo=WITA)
    assert numbers(await store.worklists.due_between(start, end)) == ["000003", "000002"]
    assert numbers(await store.worklists.due_between(start, start + timedelta(days=1))) == [
        "000003"]


async def test_created_between(store: Store, clock: FakeClock) -> None:
    start = clock.now
    for _ in range(3):
        await create(store, clock)
    assert numbers(await store.worklists.created_between(
        start, start + timedelta(minutes=2))) == ["000001", "000002"]
    assert numbers(await store.worklists.created_between(
        start + timedelta(minutes=1), clock.now)) == ["000002", "000003"]


@pytest.mark.parametrize("typed", ["JBR-2026-000002", "jbr 2026 2", "JBR2026000002"])
async def test_find_by_number(store: Store, clock: FakeClock, typed: str) -> None:
    for _ in range(3):
        await create(store, clock)
    assert numbers(await store.worklists.find(typed)) == ["000002"]


async def test_find_by_part_of_a_number(store: Store, clock: FakeClock) -> None:
    for _ in range(3):
        await create(store, clock)
    assert numbers(await store.worklists.find("2026-00000")) == ["000003", "000002", "000001"]


async def test_find_unknown_number_finds_nothing(store: Store, clock: FakeClock) -> None:
    await create(store, clock)
    assert await store.worklists.find("JBR-2026-000009") == []


async def test_find_by_name_part_in_any_case_newest_first(store: Store,
                                                          clock: FakeClock) -> None:
    await create(store, clock, name="Ni Made Ayu")
    await create(store, clock, name="I Ketut Darma")
    await create(store, clock, name="I MADE Sudarsana")
    found = await store.worklists.find("made")
    assert [a.applicant_name for a in found] == ["I MADE Sudarsana", "Ni Made Ayu"]
    assert [a.applicant_name for a in await store.worklists.find(" KETUT ")] == [
        "I Ketut Darma"]
    assert len(await store.worklists.find("made", limit=1)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("100%", ["CV 100% Jaya"]),
        ("bali_", ["PT Bali_Indah"]),
        ("a\\b", ["UD A\\B"]),
        ("%", ["CV 100% Jaya"]),
        ("_", ["PT Bali_Indah"]),
    ],
)
async def test_find_escapes_like_wildcards(store: Store, clock: FakeClock, text: str,
                                           expected: list[str]) -> None:
    for name in ["CV 100% Jaya", "CV 1000 Jaya", "PT Bali_Indah", "PT Bali Indah",
                 "UD A\\B", "UD AxB"]:
        await create(store, clock, name=name)
    assert [a.applicant_name for a in await store.worklists.find(text)] == expected


@pytest.mark.parametrize(("typed", "forms"), [
    ("0812 3456", ("08123456", "628123456")),
    ("+62 812-3456", ("628123456", "08123456")),
    ("62812.3456", ("628123456", "08123456")),
    ("(0361) 22 33", ("03612233", "623612233")),
    ("3456 7890", ("34567890",)),
    ("0812", ("0812", "62812")),
    ("081", ()), ("+62", ()), ("Wayan 0812", ()), ("٠٨١٢٣٤", ()), ("", ()),
])
def test_a_phone_number_is_looked_for_with_and_without_its_country_code(
        typed: str, forms: tuple[str, ...]) -> None:
    assert phone_forms(typed) == forms


@pytest.mark.parametrize("typed", [
    "0812 3456 7890", "081234567890", "+62 812-3456-7890", "62812 3456 7890", "0812",
    "+62812", "3456-7890", "(0812) 3456.7890",
])
@pytest.mark.parametrize("stored", [
    "0812-3456-7890", "+62 812 3456 7890", "WA 6281234567890", "(0812) 3456.7890",
])
async def test_find_by_phone_number_in_any_format(store: Store, clock: FakeClock, typed: str,
                                                  stored: str) -> None:
    await store.applications.create("PBG", "Ni Made Ayu", staff_id=7, contact=stored)
    await store.applications.create("PBG", "I Ketut Darma", staff_id=7, contact="0857 1111 2222")
    assert [a.applicant_name for a in await store.worklists.find(typed)] == ["Ni Made Ayu"]
    assert await store.worklists.count_found(typed) == 1


async def test_find_by_any_part_of_the_contact(store: Store, clock: FakeClock) -> None:
    await store.applications.create("PBG", "Ni Made Ayu", staff_id=7,
                                    contact="ayu@example.id, Jl. Gatot Subroto 12")
    await store.applications.create("PBG", "I Ketut Darma", staff_id=7, contact="")
    assert [a.applicant_name for a in await store.worklists.find("GATOT")] == ["Ni Made Ayu"]
    assert [a.applicant_name for a in await store.worklists.find("ayu@")] == ["Ni Made Ayu"]


async def test_a_short_or_other_phone_number_finds_nothing(store: Store,
                                                           clock: FakeClock) -> None:
    await store.applications.create("PBG", "Ni Made Ayu", staff_id=7, contact="0812-3456-7890")
    assert await store.worklists.find("0813 3456") == []
    assert await store.worklists.find("+62 857") == []
    assert await store.worklists.count_found("0813") == 0


async def test_queue_puts_waits_on_the_applicant_after_the_offices_own_work(
        store: Store, clock: FakeClock) -> None:
    first, _, third = [await create(store, clock) for _ in range(3)]
    await store.applications.change(first.number, Action.RETURN, staff_id=7,
                                    public_note="Lampirkan IMB lama")
    clock.advance(minutes=1)
    await store.applications.change(third.number, Action.ADVANCE, staff_id=7)
    waiting = store.catalogue.waiting_stages
    assert numbers(await store.worklists.queue(waiting=waiting)) == [
        "000002", "000003", "000001"]
    assert numbers(await store.worklists.queue(limit=2, waiting=waiting)) == [
        "000002", "000003"]
    assert numbers(await store.worklists.queue(limit=1, waiting=waiting)) == ["000002"]
    assert numbers(await store.worklists.queue("returned", waiting=waiting)) == ["000001"]
    assert numbers(await store.worklists.queue("received", waiting=waiting)) == ["000002"]
    assert numbers(await store.worklists.queue()) == ["000002", "000001", "000003"]


async def test_registered_alike_finds_the_same_name_and_type_within_the_window(
        store: Store, clock: FakeClock) -> None:
    start = clock.now
    await create(store, clock, "PBG", "I Wayan Sudarma")
    await create(store, clock, "SIP", "I Wayan Sudarma")
    await create(store, clock, "PBG", "i  wayan SUDARMA")
    await create(store, clock, "PBG", "I Wayan Sudarmaja")
    alike = store.worklists.registered_alike
    assert numbers(await alike("PBG", " I WAYAN   sudarma ", start)) == ["000003", "000001"]
    assert numbers(await alike("PBG", "IWayanSudarma", start)) == ["000003", "000001"]
    assert numbers(await alike("PBG", "I Wayan Sudarma", start, limit=1)) == ["000003"]
    assert numbers(await alike("SIP", "I Wayan Sudarma", start)) == ["000002"]
    assert numbers(await alike("PBG", "I Wayan Sudarma", start + timedelta(minutes=1))) == [
        "000003"]
    assert await alike("PBG", "   ", start) == []
    assert await alike("TDUP", "I Wayan Sudarma", start) == []
