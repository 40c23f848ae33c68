"""Scheduled notices: when they run, what the staff digest says, reminders and overdue notices."""

from __future__ import annotations

import json
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from telegram.ext import Application, ApplicationBuilder, CallbackContext, Job

from notifications import notices as notices_module
from notifications.notices import Notices
from office.settings import Settings
from storage.health import LAST_DIGEST
from storage.models import Application as PermitApplication
from storage.models import DeliveryStatus, OutboxMessage
from storage.store import Store
from storage.workflow import Action
from tests.conftest import FakeClock

WITA = ZoneInfo("Asia/Makassar")
STAFF = 7
GROUP = -1001234567890


def local(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A moment in office time."""
    return datetime(year, month, day, hour, minute, tzinfo=WITA)


@pytest.fixture
def notices(store: Store, settings: Settings) -> Notices:
    """Notices for a staff group."""
    return Notices(store, settings, lambda: [GROUP])


@pytest.fixture
def bot_application() -> Application[Any, Any, Any, Any, Any, Any]:
    """A real python-telegram-bot Application; nothing touches the network before initialize."""
    return ApplicationBuilder().token("1:x").build()


def scheduled(app: Application[Any, Any, Any, Any, Any, Any]) -> dict[str, Job[Any]]:
    """The application's jobs by name."""
    assert app.job_queue is not None
    return {job.name or "": job for job in app.job_queue.jobs()}


def next_run(job: Job[Any], after: datetime) -> datetime:
    """When the job fires next after the given moment, in office time."""
    fire: datetime = job.job.trigger.get_next_fire_time(None, after)
    return fire.astimezone(WITA)


async def run_job(job: Job[Any], app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Run a job's callback as the job queue would, without waiting for its time."""
    await job.callback(CallbackContext.from_job(job, app))


async def rows(store: Store, status: str | None = None) -> list[OutboxMessage]:
    """Outbox rows in id order (optionally with one status)."""
    query = "SELECT id FROM outbox ORDER BY id"
    ids = [int(row[0]) for row in await store.database.fetch_all(query)]
    found = [await store.outbox.get(i) for i in ids]
    return [row for row in found if status is None or row.status == status]


async def create(store: Store, clock: FakeClock, permit_type: str,
                 at: datetime) -> PermitApplication:
    """An application registered at the given moment."""
    clock.now = at
    application, _ = await store.applications.create(permit_type, "Ni Made Ayu", staff_id=STAFF)
    return application


# Scheduling: configured local times, working days only, no real waiting.

@pytest.mark.parametrize(("now", "digest", "applicant"), [
    pytest.param(local(2026, 11, 6, 18), local(2026, 11, 9, 7, 30), local(2026, 11, 9, 9),
                 id="friday-evening-to-monday"),
    pytest.param(local(2026, 11, 7, 12), local(2026, 11, 9, 7, 30), local(2026, 11, 9, 9),
                 id="saturday-to-monday"),
    pytest.param(local(2026, 11, 2, 8), local(2026, 11, 3, 7, 30), local(2026, 11, 2, 9),
                 id="monday-between-the-two"),
    pytest.param(local(2026, 11, 2, 6), local(2026, 11, 2, 7, 30), local(2026, 11, 2, 9),
                 id="monday-early"),
    pytest.param(datetime(2026, 11, 2, 0, 0, tzinfo=ZoneInfo("UTC")),  # 08:00 WITA
                 local(2026, 11, 3, 7, 30), local(2026, 11, 2, 9), id="asked-in-utc"),
])
def test_notices_fire_at_the_configured_local_time_on_working_days(
        notices: Notices, bot_application: Application[Any, Any, Any, Any, Any, Any],
        now: datetime, digest: datetime, applicant: datetime) -> None:
    notices.schedule(bot_application)
    jobs = scheduled(bot_application)
    assert next_run(jobs["staff-digest"], now) == digest
    assert next_run(jobs["applicant-notices"], now) == applicant
    assert next_run(jobs["staff-digest"], now).time() == time(7, 30)


def test_every_working_day_of_a_week_has_one_run(
        notices: Notices, bot_application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    notices.schedule(bot_application)
    job = scheduled(bot_application)["staff-digest"]
    runs, moment = [], local(2026, 11, 1, 12)  # a Sunday
    for _ in range(6):
        moment = next_run(job, moment)
        runs.append(moment)
        moment = moment.replace(second=1)
    assert runs == [local(2026, 11, day, 7, 30) for day in (2, 3, 4, 5, 6, 9)]


def test_configured_times_are_office_times(
        store: Store, settings: Settings,
        bot_application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    config = settings.notifications.model_copy(
        update={"digest_time": time(6, 15), "reminder_time": time(13, 45)})
    notices = Notices(store, settings.model_copy(update={"notifications": config}), lambda: [])
    notices.schedule(bot_application)
    jobs = scheduled(bot_application)
    friday = local(2026, 11, 6, 14)
    assert next_run(jobs["staff-digest"], friday) == local(2026, 11, 9, 6, 15)
    assert next_run(jobs["applicant-notices"], friday) == local(2026, 11, 9, 13, 45)


async def test_the_scheduled_jobs_queue_the_notices(
        store: Store, clock: FakeClock, notices: Notices,
        bot_application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    created = await create(store, clock, "TDUP", local(2026, 11, 2, 10))  # due 11 Nov
    await store.followers.follow(created, 100, limit=20)
    notices.schedule(bot_application)
    jobs = scheduled(bot_application)

    clock.now = local(2026, 11, 12, 7, 30)
    await run_job(jobs["staff-digest"], bot_application)
    clock.now = local(2026, 11, 12, 9)
    await run_job(jobs["applicant-notices"], bot_application)
    assert [(r.event_key, r.chat_id) for r in await rows(store)] == [
        ("digest:2026-11-12", GROUP), ("overdue:1", 100)]


async def test_the_scheduled_jobs_rest_on_holidays(
        store: Store, clock: FakeClock, notices: Notices,
        bot_application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    # 24 December 2026 is collective leave: a Thursday the cron trigger cannot know about.
    created = await create(store, clock, "TDUP", local(2026, 12, 14, 10))  # due 23 Dec
    await store.followers.follow(created, 100, limit=20)
    notices.schedule(bot_application)
    jobs = scheduled(bot_application)
    assert next_run(jobs["staff-digest"], local(2026, 12, 23, 12)) == local(2026, 12, 24, 7, 30)

    clock.now = local(2026, 12, 24, 7, 30)
    await run_job(jobs["staff-digest"], bot_application)
    clock.now = local(2026, 12, 24, 9)
    await run_job(jobs["applicant-notices"], bot_application)
    assert await rows(store) == []

    clock.now = local(2026, 12, 28, 7, 30)
    await run_job(jobs["staff-digest"], bot_application)
    clock.now = local(2026, 12, 28, 9)
    await run_job(jobs["applicant-notices"], bot_application)
    assert [(r.event_key, r.chat_id) for r in await rows(store)] == [
        ("digest:2026-12-28", GROUP), ("overdue:1", 100)]


# The staff digest.

@pytest.fixture
async def office_week(store: Store, clock: FakeClock) -> None:
    """A small office: new, due soon, overdue, waiting and decided files, one dead message.

    Numbers follow registration order: JBR-2026-000001 …000010.
    """
    reklame = await create(store, clock, "REKLAME", local(2026, 10, 1, 10))  # due 9 Oct
    clock.now = local(2026, 10, 2, 10)
    await store.applications.change(reklame.number, Action.MOVE, staff_id=STAFF,
                                    stage="fee_payment")  # waits on the applicant: not overdue
    sip = await create(store, clock, "SIP", local(2026, 10, 1, 10, 30))  # due 12 Oct
    clock.now = local(2026, 10, 5, 10)
    await store.applications.change(sip.number, Action.REJECT, staff_id=STAFF,
                                    public_note="Tidak lengkap")  # decided: not overdue
    await create(store, clock, "TDUP", local(2026, 10, 20, 10))  # due Thu 29 Oct: overdue
    late = await create(store, clock, "SIP", local(2026, 10, 21, 10))  # due Fri 30 Oct: overdue
    clock.now = local(2026, 10, 22, 10)
    await store.applications.change(late.number, Action.ADVANCE, staff_id=STAFF)
    await create(store, clock, "TDUP", local(2026, 10, 30, 10))  # due Tue 10 Nov
    await create(store, clock, "TDUP", local(2026, 11, 2, 10))  # due Wed 11 Nov
    await create(store, clock, "PBG", local(2026, 11, 5, 10))  # Thursday: not new on Monday
    await create(store, clock, "PBG", local(2026, 11, 6, 8))  # Friday: new
    await create(store, clock, "SIP", local(2026, 11, 6, 15))  # Friday: new
    held = await create(store, clock, "TDUP", local(2026, 10, 30, 11))  # due Tue 10 Nov, but…
    clock.now = local(2026, 11, 2, 11)
    await store.applications.change(held.number, Action.RETURN, staff_id=STAFF,
                                    public_note="Lampirkan NIB")  # …the applicant holds it
    await store.outbox.enqueue("broadcast:1", [555], "broadcast")
    [dead] = await store.outbox.claim_due(1)
    await store.outbox.mark(dead.id, DeliveryStatus.DEAD, "NetworkError: Bad Gateway")
    clock.now = local(2026, 11, 9, 7, 30)  # Monday morning: "yesterday" is Friday


@pytest.mark.usefixtures("office_week")
async def test_the_digest_lists_new_due_soon_overdue_and_dead(notices: Notices,
                                                              clock: FakeClock) -> None:
    assert await notices.render_digest(clock.now, "id") == (
        "☀️ <b>Ringkasan harian DPMPTSP Kabupaten Jembrana</b> · 9 Nov 2026\n"
        "Baru kemarin: <b>2</b>\n"
        "Jatuh tempo ≤ 2 hari kerja: <b>2</b>\n"
        "  • JBR-2026-000005 · Berkas diterima · 10 Nov 2026\n"
        "  • JBR-2026-000006 · Berkas diterima · 11 Nov 2026\n"
        "Terlambat: <b>2</b>\n"
        "  • JBR-2026-000003 · Berkas diterima · 29 Okt 2026\n"
        "  • JBR-2026-000004 · Verifikasi berkas · 30 Okt 2026\n"
        "Pesan gagal terkirim: <b>1</b> (lihat /outbox)")
    assert await notices.render_digest(clock.now, "en") == (
        "☀️ <b>Daily digest of DPMPTSP Kabupaten Jembrana</b> · 9 Nov 2026\n"
        "New yesterday: <b>2</b>\n"
        "Due within 2 working days: <b>2</b>\n"
        "  • JBR-2026-000005 · Received · 10 Nov 2026\n"
        "  • JBR-2026-000006 · Received · 11 Nov 2026\n"
        "Overdue: <b>2</b>\n"
        "  • JBR-2026-000003 · Received · 29 Oct 2026\n"
        "  • JBR-2026-000004 · Document check · 30 Oct 2026\n"
        "Messages that could not be delivered: <b>1</b> (see /outbox)")


async def test_an_empty_office_gets_a_digest_of_zeros(notices: Notices, clock: FakeClock) -> None:
    assert await notices.render_digest(clock.now, "en") == (
        "☀️ <b>Daily digest of DPMPTSP Kabupaten Jembrana</b> · 2 Nov 2026\n"
        "New yesterday: <b>0</b>\n"
        "Due within 2 working days: <b>0</b>\n"
        "Overdue: <b>0</b>\n"
        "Messages that could not be delivered: <b>0</b> (see /outbox)")


async def test_the_digest_raises_an_alert_for_access_codes_guessed_from_many_chats(
        notices: Notices, store: Store, clock: FakeClock) -> None:
    # 50 a day from all chats is the alert ([applicants] wrong_code_alert); it locks nobody.
    for attempt in range(50):
        await store.attempts.record("wrong_code", "JBR-2026-000007", 7000 + attempt % 12)
    for _ in range(49):
        await store.attempts.record("wrong_code", "JBR-2026-000008", 8000)
    clock.advance(hours=23)
    digest = await notices.render_digest(clock.now, "en")
    assert digest.split("\n")[-2:] == [
        "⚠️ Wrong access codes over the alert (1):",
        "• <b>JBR-2026-000007</b> — 50 wrong codes from 12 chats"]
    assert (await notices.render_digest(clock.now, "id")).split("\n")[-1] == (
        "• <b>JBR-2026-000007</b> — 50 kode salah dari 12 obrolan")
    clock.advance(hours=1, seconds=1)
    assert "⚠️" not in await notices.render_digest(clock.now, "en")


@pytest.mark.usefixtures("office_week")
async def test_the_digest_is_queued_once_a_day_to_the_staff_chats(
        store: Store, settings: Settings, clock: FakeClock) -> None:
    staff = [111, 222]
    notices = Notices(store, settings, lambda: staff)
    body = await notices.render_digest(clock.now, "id")

    assert await notices.send_digest() == 2
    assert await notices.send_digest() == 0
    queued = await rows(store, DeliveryStatus.PENDING)
    # 07:30 WITA on 9 November is still 8 November in UTC: the key is the office's date.
    assert [(r.event_key, r.chat_id, r.kind) for r in queued] == [
        ("digest:2026-11-09", 111, "digest"), ("digest:2026-11-09", 222, "digest")]
    assert all(json.loads(r.payload) == {"html": body} for r in queued)
    assert await store.get_meta(LAST_DIGEST) == clock.now.isoformat()

    staff.append(333)  # a new staff member joins the same morning: only they get it now
    assert await notices.send_digest() == 1

    clock.advance(days=1)
    assert await notices.send_digest() == 3
    assert [r.event_key for r in await rows(store, DeliveryStatus.PENDING)][-3:] == [
        "digest:2026-11-10"] * 3


async def test_the_digest_goes_in_the_offices_language(store: Store, settings: Settings,
                                                       clock: FakeClock) -> None:
    office = settings.office.model_copy(update={"default_language": "en"})
    notices = Notices(store, settings.model_copy(update={"office": office}), lambda: [GROUP])
    await notices.send_digest()
    [row] = await rows(store)
    assert json.loads(row.payload)["html"].startswith("☀️ <b>Daily digest of")


async def test_the_digest_after_holidays_counts_everything_since_the_last_working_day(
        store: Store, clock: FakeClock, notices: Notices) -> None:
    # Wednesday 23 December, then 24-25 (holidays) and the weekend; the digest runs Monday 28.
    for day in (22, 23, 24, 26):
        await create(store, clock, "PBG", local(2026, 12, day, 10))
    clock.now = local(2026, 12, 28, 7, 30)
    digest = await notices.render_digest(clock.now, "en")
    assert "New yesterday: <b>3</b>" in digest


# Reminders to applicants who hold the file.

async def returned(store: Store, clock: FakeClock, at: datetime,
                   *chats: int) -> PermitApplication:
    """A PBG application registered and returned for completion at `at`, followed by chats."""
    created = await create(store, clock, "PBG", at)
    for chat in chats:
        await store.followers.follow(created, chat, limit=20)
    change = await store.applications.change(created.number, Action.RETURN, staff_id=STAFF,
                                             public_note="Lampirkan KTP")
    await store.outbox.claim_due(100)  # the return notices themselves are not reminders
    return change.application


async def reminders(store: Store) -> list[tuple[str, int, dict[str, Any]]]:
    """Queued reminders: event key, chat, payload."""
    return [(r.event_key, r.chat_id, json.loads(r.payload)) for r in await rows(store)
            if r.kind == "reminder"]


async def test_a_reminder_goes_after_n_working_days_of_waiting(
        store: Store, clock: FakeClock, notices: Notices) -> None:
    application = await returned(store, clock, local(2026, 11, 2, 9), 100, 200)
    key = f"reminder:{application.id}:{application.stage_entered_at.timestamp():.0f}"

    clock.now = local(2026, 11, 6, 9)  # Friday: 4 working days
    assert await notices.send_reminders() == 0
    clock.now = local(2026, 11, 9, 9)  # Monday: 5 working days
    assert await notices.send_reminders() == 2
    assert await reminders(store) == [(key, 100, {"days": 5}), (key, 200, {"days": 5})]


async def test_a_wait_is_reminded_only_once(store: Store, clock: FakeClock,
                                            notices: Notices) -> None:
    await returned(store, clock, local(2026, 11, 2, 9), 100)
    clock.now = local(2026, 11, 9, 9)
    assert await notices.send_reminders() == 1
    for _ in range(5):
        clock.advance(days=1)
        assert await notices.send_reminders() == 0
    assert len(await reminders(store)) == 1


async def test_a_new_wait_gets_its_own_reminder(store: Store, clock: FakeClock,
                                                notices: Notices) -> None:
    application = await returned(store, clock, local(2026, 11, 2, 9), 100)
    clock.now = local(2026, 11, 9, 9)
    assert await notices.send_reminders() == 1
    clock.now = local(2026, 11, 10, 9)
    await store.applications.change(application.number, Action.ADVANCE, staff_id=STAFF)
    clock.now = local(2026, 11, 11, 9)
    await store.applications.change(application.number, Action.RETURN, staff_id=STAFF,
                                    public_note="Tanda tangan kurang")
    await store.outbox.claim_due(100)
    clock.now = local(2026, 11, 17, 9)  # 4 working days into the second wait
    assert await notices.send_reminders() == 0
    clock.now = local(2026, 11, 18, 9)
    assert await notices.send_reminders() == 1
    assert len({key for key, _, _ in await reminders(store)}) == 2


async def test_holidays_do_not_count_as_waiting(store: Store, clock: FakeClock,
                                                notices: Notices) -> None:
    # Returned Monday 21 December; 24 and 25 December are days off.
    await returned(store, clock, local(2026, 12, 21, 9), 100)
    clock.now = local(2026, 12, 29, 9)  # 22, 23, 28, 29: four working days
    assert await notices.send_reminders() == 0
    clock.now = local(2026, 12, 30, 9)
    assert await notices.send_reminders() == 1


async def test_a_fee_payment_wait_is_reminded_too(store: Store, clock: FakeClock,
                                                  notices: Notices) -> None:
    created = await create(store, clock, "REKLAME", local(2026, 11, 2, 9))
    await store.followers.follow(created, 100, limit=20)
    await store.applications.change(created.number, Action.MOVE, staff_id=STAFF,
                                    stage="fee_payment")
    await store.outbox.claim_due(100)
    clock.now = local(2026, 11, 9, 9)
    assert await notices.send_reminders() == 1


async def test_no_reminder_while_the_office_holds_the_file(store: Store, clock: FakeClock,
                                                           notices: Notices) -> None:
    created = await create(store, clock, "PBG", local(2026, 11, 2, 9))
    await store.followers.follow(created, 100, limit=20)
    clock.now = local(2026, 11, 16, 9)
    assert await notices.send_reminders() == 0


async def test_a_shorter_threshold_reminds_sooner(store: Store, settings: Settings,
                                                  clock: FakeClock) -> None:
    config = settings.notifications.model_copy(update={"reminder_after_days": 2})
    notices = Notices(store, settings.model_copy(update={"notifications": config}), lambda: [])
    await returned(store, clock, local(2026, 11, 2, 9), 100)
    clock.now = local(2026, 11, 3, 9)
    assert await notices.send_reminders() == 0
    clock.now = local(2026, 11, 4, 9)
    assert await notices.send_reminders() == 1


# Overdue notices to followers.

async def test_an_overdue_application_is_announced_once(store: Store, clock: FakeClock,
                                                        notices: Notices) -> None:
    created = await create(store, clock, "TDUP", local(2026, 11, 2, 10))  # due end of 11 Nov
    for chat in (100, 200):
        await store.followers.follow(created, chat, limit=20)
    clock.now = local(2026, 11, 11, 23, 59)
    assert await notices.send_overdue_notices() == 0
    clock.now = local(2026, 11, 12, 9)
    assert await notices.send_overdue_notices() == 2
    clock.advance(days=1)
    assert await notices.send_overdue_notices() == 0
    assert [(r.event_key, r.chat_id, r.kind) for r in await rows(store)] == [
        (f"overdue:{created.id}", 100, "overdue"), (f"overdue:{created.id}", 200, "overdue")]


async def test_applications_waiting_on_the_applicant_are_not_overdue(
        store: Store, clock: FakeClock, notices: Notices) -> None:
    held = await returned(store, clock, local(2026, 11, 2, 10), 100)
    reklame = await create(store, clock, "REKLAME", local(2026, 11, 2, 11))
    await store.followers.follow(reklame, 200, limit=20)
    await store.applications.change(reklame.number, Action.MOVE, staff_id=STAFF,
                                    stage="fee_payment")
    await store.outbox.claim_due(100)
    clock.now = local(2026, 12, 31, 9)  # long past both due dates
    assert held.due_at < clock.now
    assert await notices.send_overdue_notices() == 0
    assert [r for r in await rows(store) if r.kind == "overdue"] == []


async def test_decided_applications_are_not_overdue(store: Store, clock: FakeClock,
                                                    notices: Notices) -> None:
    created = await create(store, clock, "TDUP", local(2026, 11, 2, 10))
    await store.followers.follow(created, 100, limit=20)
    await store.applications.change(created.number, Action.REJECT, staff_id=STAFF,
                                    public_note="Lokasi tidak sesuai")
    clock.now = local(2026, 12, 1, 9)
    assert await notices.send_overdue_notices() == 0


async def test_a_blocked_follower_gets_the_notice_when_they_return(
        store: Store, clock: FakeClock, notices: Notices) -> None:
    created = await create(store, clock, "TDUP", local(2026, 11, 2, 10))
    for chat in (100, 200):
        await store.followers.follow(created, chat, limit=20)
    await store.followers.mark_blocked(200)
    clock.now = local(2026, 11, 12, 9)
    assert await notices.send_overdue_notices() == 1  # sendable now
    assert [(r.chat_id, r.status) for r in await rows(store)] == [
        (100, DeliveryStatus.PENDING), (200, DeliveryStatus.PAUSED)]


async def test_a_backlog_larger_than_a_page_is_announced_in_full(
        store: Store, clock: FakeClock, notices: Notices,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notices_module, "PAGE", 2)
    created = [await create(store, clock, "TDUP", local(2026, 11, 2, 10)) for _ in range(5)]
    for application in created:
        await store.followers.follow(application, 100, limit=20)
    await store.applications.create("TDUP", "Tanpa pengikut", staff_id=1)
    clock.now = local(2026, 11, 12, 9)

    assert await notices.send_overdue_notices() == 5
    assert await notices.send_overdue_notices() == 0
