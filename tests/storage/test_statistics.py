"""The performance figures over a small office whose numbers were worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from office.settings import Settings
from storage.models import Application, DeliveryStatus
from storage.periods import Period, parse_period
from storage.statistics import Month, OfficeFigures, Outcome, StageLoad, office_figures
from storage.store import Store
from storage.workdays import WorkingCalendar
from storage.workflow import Action
from tests.conftest import FakeClock

WITA = ZoneInfo("Asia/Makassar")
STAFF = 7


def wita(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    """A moment in the office's time zone, as the store's clock gives it (UTC)."""
    return datetime(year, month, day, hour, minute, tzinfo=WITA).astimezone(UTC)


async def create(store: Store, clock: FakeClock, at: datetime, permit_type: str) -> Application:
    """Register an application at the given moment."""
    clock.now = at
    application, _ = await store.applications.create(permit_type, "Ni Made Ayu", staff_id=STAFF)
    return application


async def issue(store: Store, clock: FakeClock, at: datetime, application: Application) -> None:
    """Advance stage by stage, all at the given moment, until issued."""
    clock.now = at
    while (await store.applications.get(application.number)).stage != "issued":
        await store.applications.change(application.number, Action.ADVANCE, staff_id=STAFF)


async def act(store: Store, clock: FakeClock, at: datetime, application: Application,
              action: Action) -> None:
    """One staff action at the given moment (with a reason where one is needed)."""
    clock.now = at
    await store.applications.change(application.number, action, staff_id=STAFF,
                                    public_note="Alasan")


async def follow(store: Store, application: Application, *chat_ids: int) -> None:
    """Chats start following the application."""
    for chat_id in chat_ids:
        await store.followers.follow(application, chat_id, limit=20)


@pytest.fixture
async def office(store: Store, clock: FakeClock) -> Store:
    """Eleven applications around November 2026; now is Tuesday 1 December, 09:00 WITA.

    Times are WITA. Service times: SIP and TDUP 7 working days, REKLAME 6, PBG 21; no holidays
    in November. Working days count the days after the first one, weekends skipped.

    A SIP    received Sat 31 Oct 23:30, issued Sun 1 Nov 00:15 (0 days; due 10 Nov: on time)
    B TDUP   received Sun 1 Nov 00:30 (31 Oct in UTC), open at received
    C PBG    received Mon 2 Nov, document check Wed 4 Nov, field inspection Mon 9 Nov: open
    D PBG    received Mon 2 Nov, rejected Thu 5 Nov (3 days; due 1 Dec: on time)
    J PBG    received Mon 2 Nov, returned Tue 3 Nov: open, waiting on the applicant
    E REKL.  received Tue 3 Nov, issued Thu 19 Nov (12 days; due 11 Nov: late)
    F SIP    received Wed 4 Nov, withdrawn Fri 13 Nov 15:00 (7 days; due 13 Nov: on time)
    G SIP    received Mon 16 Nov, issued Mon 30 Nov (10 days; due 25 Nov: late)
    K TDUP   received Mon 23 Nov, withdrawn Tue 1 Dec 00:30 (30 Nov in UTC; due 2 Dec)
    H TDUP   received Mon 30 Nov 23:30, open at received
    I REKL.  received Tue 1 Dec 00:30 (30 Nov in UTC), open at received

    Followers: A (chat 100), C (100), E (100 and 200), K (300). Their changes queue 17
    messages: A's four on 1 Nov, C's two, E's ten (five moves, two chats), K's one in December.
    """
    a = await create(store, clock, wita(10, 31, 23, 30), "SIP")
    await follow(store, a, 100)
    await issue(store, clock, wita(11, 1, 0, 15), a)
    await create(store, clock, wita(11, 1, 0, 30), "TDUP")
    c = await create(store, clock, wita(11, 2, 9), "PBG")
    await follow(store, c, 100)
    d = await create(store, clock, wita(11, 2, 10), "PBG")
    j = await create(store, clock, wita(11, 2, 11), "PBG")
    e = await create(store, clock, wita(11, 3, 9), "REKLAME")
    await follow(store, e, 100, 200)
    await act(store, clock, wita(11, 3, 11), j, Action.RETURN)
    f = await create(store, clock, wita(11, 4, 9), "SIP")
    await act(store, clock, wita(11, 4, 9), c, Action.ADVANCE)
    await act(store, clock, wita(11, 5, 10), d, Action.REJECT)
    await act(store, clock, wita(11, 9, 9), c, Action.ADVANCE)
    await act(store, clock, wita(11, 13, 15), f, Action.WITHDRAW)
    g = await create(store, clock, wita(11, 16, 9), "SIP")
    await issue(store, clock, wita(11, 19, 10), e)
    k = await create(store, clock, wita(11, 23, 9), "TDUP")
    await follow(store, k, 300)
    await issue(store, clock, wita(11, 30, 16), g)
    await create(store, clock, wita(11, 30, 23, 30), "TDUP")
    await act(store, clock, wita(12, 1, 0, 30), k, Action.WITHDRAW)
    await create(store, clock, wita(12, 1, 0, 30), "REKLAME")
    clock.now = wita(12, 1, 9)

    # Delivery: C's first message still pending, E's last two dead, everything else sent.
    rows = await store.database.fetch_all("SELECT id FROM outbox ORDER BY id")
    ids = [int(row[0]) for row in rows]
    assert len(ids) == 17
    await store.outbox.mark_sent(ids[:4] + ids[5:14] + ids[16:])
    for dead in ids[14:16]:
        await store.outbox.mark(dead, DeliveryStatus.DEAD, "Forbidden")
    return store


async def figures_for(store: Store, *words: str) -> OfficeFigures:
    """The figures for a period typed as staff type it."""
    now = store.clock()
    period = parse_period(words, store.calendar.local_date(now), WITA)
    return await office_figures(store.database, store.catalogue, store.calendar, period, now)


async def test_input_counts_applications_received_in_the_month_in_office_time(
        office: Store) -> None:
    figures = await figures_for(office, "2026-11")
    # A came on 31 Oct WITA, I on 1 Dec WITA; B (31 Oct UTC) and H (30 Nov 23:30) count.
    assert figures.received == (("PBG", 3), ("SIP", 2), ("REKLAME", 1), ("TDUP", 3))
    assert figures.received_total == 9


async def test_process_shows_open_applications_per_stage_now(office: Store) -> None:
    figures = await figures_for(office, "2026-11")
    # Working days to Tue 1 Dec: C since Mon 9 Nov 16, J since Tue 3 Nov 20, I 0,
    # B since Sun 1 Nov 22 and H since Mon 30 Nov 1: median (1 + 22) / 2.
    assert figures.stages == (
        StageLoad("PBG", "field_inspection", 1, 16.0, waits_on_applicant=False),
        StageLoad("PBG", "returned", 1, 20.0, waits_on_applicant=True),
        StageLoad("REKLAME", "received", 1, 0.0, waits_on_applicant=False),
        StageLoad("TDUP", "received", 2, 11.5, waits_on_applicant=False),
    )
    assert figures.open_total == 5


async def test_the_slowest_stage_leaves_out_waits_on_the_applicant(office: Store) -> None:
    figures = await figures_for(office, "2026-11")
    # J has been returned longest (20 days), but then the office's clock is stopped.
    assert figures.slowest == StageLoad("PBG", "field_inspection", 1, 16.0, False)


async def test_output_counts_decisions_in_the_period_by_final_stage(office: Store) -> None:
    figures = await figures_for(office, "2026-11")
    # A (1 Nov 00:15 WITA, still October in UTC) counts; K (1 Dec 00:30 WITA) does not.
    assert figures.decisions == {"issued": 3, "rejected": 1, "withdrawn": 1}


async def test_outcome_is_the_on_time_share_and_median_working_days(office: Store) -> None:
    figures = await figures_for(office, "2026-11")
    # On time: A, D, F; late: E, G. Working days 0 (A), 3 (D), 12 (E), 7 (F), 10 (G).
    assert figures.overall == Outcome("", decided=5, on_time=3, median_days=7.0)
    assert figures.outcomes == (
        Outcome("PBG", decided=1, on_time=1, median_days=3.0),
        Outcome("SIP", decided=3, on_time=2, median_days=7.0),
        Outcome("REKLAME", decided=1, on_time=0, median_days=12.0),
    )


async def test_use_of_the_tracker(office: Store) -> None:
    figures = await figures_for(office, "2026-11")
    # Received in November with a follower: C, E (two chats, counted once) and K.
    assert figures.followed == 3
    # Created in November: A's 4, C's 2, E's 10; one pending, two dead; K's is December's.
    assert (figures.delivered, figures.failed) == (13, 2)


async def test_months_give_received_issued_and_on_time_share(office: Store) -> None:
    figures = await figures_for(office, "2026-10-01", "2026-12-31")
    assert figures.months == (
        Month(date(2026, 10, 1), received=1, issued=0, decided=0, on_time=0),
        Month(date(2026, 11, 1), received=9, issued=3, decided=5, on_time=3),
        Month(date(2026, 12, 1), received=1, issued=0, decided=1, on_time=1),
    )
    assert [month.on_time_share for month in figures.months] == [None, 0.6, 1.0]
    assert figures.decisions == {"issued": 3, "rejected": 1, "withdrawn": 2}


async def test_a_year_has_twelve_months(office: Store) -> None:
    figures = await figures_for(office, "2026")
    assert [month.month for month in figures.months] == [date(2026, m, 1) for m in range(1, 13)]
    assert figures.received_total == 11
    # K adds 6 working days (Mon 23 Nov to Tue 1 Dec): 0 3 6 7 10 12.
    assert figures.overall == Outcome("", decided=6, on_time=4, median_days=6.5)


async def test_one_day_counts_that_day_only(office: Store) -> None:
    figures = await figures_for(office, "2026-11-02", "2026-11-02")
    assert figures.received == (("PBG", 3),)
    assert figures.overall == Outcome("", decided=0, on_time=0, median_days=None)


async def test_a_quiet_period_has_zeros_but_still_the_open_applications(
        office: Store) -> None:
    figures = await figures_for(office, "2025-11")
    assert figures.received == ()
    assert figures.decisions == {"issued": 0, "rejected": 0, "withdrawn": 0}
    assert figures.outcomes == ()
    assert figures.overall == Outcome("", 0, 0, None)
    assert (figures.followed, figures.delivered, figures.failed) == (0, 0, 0)
    assert figures.months == (Month(date(2025, 11, 1), 0, 0, 0, 0),)
    assert figures.open_total == 5


async def test_an_empty_office(store: Store) -> None:
    figures = await figures_for(store)
    assert figures.period == Period(date(2026, 11, 1), date(2026, 11, 30), WITA)
    assert (figures.received_total, figures.open_total, figures.slowest) == (0, 0, None)


async def test_a_zone_with_daylight_saving_time_counts_local_days(settings: Settings) -> None:
    # Amsterdam leaves summer time on Sunday 25 October 2026 (UTC+2 → UTC+1).
    amsterdam = ZoneInfo("Europe/Amsterdam")
    clock = FakeClock(datetime(2026, 10, 22, 22, 30, tzinfo=UTC))  # Fri 23 Oct 00:30 local
    store = await Store.open(":memory:", settings.catalogue(), WorkingCalendar(amsterdam),
                             clock=clock)
    try:
        application, _ = await store.applications.create("SIP", "Anna de Vries", staff_id=1)
        # Issued on Monday 26 October 23:30 local (UTC+1).
        await issue(store, clock, datetime(2026, 10, 26, 22, 30, tzinfo=UTC), application)
        period = parse_period(["2026-10"], date(2026, 10, 27), amsterdam)
        figures = await office_figures(store.database, store.catalogue, store.calendar, period,
                                       clock.now)
    finally:
        await store.close()
    # Friday 23 to Monday 26 October: one working day. Counted with the winter offset
    # throughout, the receipt would fall on Thursday 23:30: two days.
    assert figures.overall == Outcome("", 1, 1, 1.0)
    assert figures.received == (("SIP", 1),)
