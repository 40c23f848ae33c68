"""Housekeeping jobs: retention blanks name and contact of long-decided applications once a day;
the staff roster is re-read for the handler filters every few seconds."""

from __future__ import annotations

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

from telegram.ext import ApplicationBuilder, CallbackContext

from bot.access import StaffDirectory
from bot.jobs import (
    STAFF_REFRESH_SECONDS,
    run_retention,
    schedule_retention,
    schedule_staff_refresh,
)
from office.settings import Settings
from storage.models import Role
from storage.retention import BLANKED_NAME, blank_personal_data
from storage.store import Store
from storage.workflow import Action
from tests.conftest import FakeClock

STAFF = 7


async def test_only_applications_decided_longer_ago_than_the_retention_are_blanked(
        store: Store, clock: FakeClock) -> None:
    change = store.applications.change
    old, _ = await store.applications.create("SIP", "Made Lama", staff_id=STAFF, contact="0812")
    recent, _ = await store.applications.create("SIP", "Made Baru", staff_id=STAFF,
                                                contact="0813")
    still_open, _ = await store.applications.create("SIP", "Made Buka", staff_id=STAFF,
                                                    contact="0814")
    await change(old.number, Action.REJECT, staff_id=STAFF, public_note="Tidak lengkap")
    clock.advance(days=10)
    await change(recent.number, Action.WITHDRAW, staff_id=STAFF, public_note="Batal")
    clock.advance(days=356)  # `old` was decided 366 days ago, `recent` 356

    assert await blank_personal_data(store.database, clock.now, 365) == 1

    blanked = await store.applications.get(old.number)
    assert (blanked.applicant_name, blanked.contact, blanked.stage) == (
        BLANKED_NAME, "", "rejected")
    for kept, name, contact in ((recent, "Made Baru", "0813"), (still_open, "Made Buka", "0814")):
        current = await store.applications.get(kept.number)
        assert (current.applicant_name, current.contact) == (name, contact)
    created = (await store.audit.for_application(old.id))[0]
    assert json.loads(created.arguments) == {
        "permit_type": "SIP", "applicant_name": BLANKED_NAME, "contact": ""}


async def test_running_it_again_changes_nothing(store: Store, clock: FakeClock) -> None:
    application, _ = await store.applications.create("SIP", "Made Lama", staff_id=STAFF)
    await store.applications.change(application.number, Action.REJECT, staff_id=STAFF,
                                    public_note="Tidak lengkap")
    clock.advance(days=400)

    assert await run_retention(store, 365) == 1
    after_first = await store.applications.get(application.number)
    assert await run_retention(store, 365) == 0
    assert await store.applications.get(application.number) == after_first


async def test_the_sweep_runs_daily_at_two_in_the_morning_office_time(
        store: Store, settings: Settings) -> None:
    app = ApplicationBuilder().token("123456:TEST-TOKEN").build()

    schedule_retention(app, store, settings)

    assert app.job_queue is not None
    [job] = app.job_queue.get_jobs_by_name("retention")
    trigger = job.job.trigger
    assert trigger.timezone == ZoneInfo("Asia/Makassar")
    assert {f.name: str(f) for f in trigger.fields if f.name in ("hour", "minute", "second")} == {
        "hour": "2", "minute": "0", "second": "0"}


async def test_the_sweep_forgets_failed_attempts_older_than_a_day(store: Store,
                                                                  clock: FakeClock) -> None:
    await store.attempts.record("wrong_code", "JBR-2026-000001")
    clock.advance(hours=23)
    await store.attempts.record("unknown_lookup", "5000000001")
    clock.advance(hours=2)

    await run_retention(store, 365)

    rows = await store.database.fetch_all("SELECT kind FROM attempts")
    assert [row[0] for row in rows] == ["unknown_lookup"]


async def test_the_sweep_deletes_questions_about_long_decided_applications(
        store: Store, clock: FakeClock) -> None:
    application, _ = await store.applications.create("SIP", "Made Lama", staff_id=STAFF)
    await store.followers.follow(application, 1001, 20)
    await store.questions.ask(application.id, 1001, "Kapan?", per_day=5, max_length=100)
    await store.applications.change(application.number, Action.REJECT, staff_id=STAFF,
                                    public_note="Tidak lengkap")
    clock.advance(days=366)

    await run_retention(store, 365)

    assert await store.database.fetch_value("SELECT COUNT(*) FROM questions") == 0


async def test_the_sweep_deletes_questions_nobody_answered(store: Store, clock: FakeClock) -> None:
    await store.conversations.hold(100, 100, "awaiting_code", '"JBR-2026-000001"',
                                   lifetime=timedelta(hours=1))
    await store.conversations.hold(100, 100, "pending_change", "{}", lifetime=timedelta(days=1))
    clock.advance(hours=2)

    await run_retention(store, 365)

    rows = await store.database.fetch_all("SELECT key FROM conversations")
    assert [row[0] for row in rows] == ["pending_change"]


async def test_the_staff_roster_is_reread_every_few_seconds(store: Store) -> None:
    # A clerk added through another instance reaches this instance's filters on the next run.
    app = ApplicationBuilder().token("123456:TEST-TOKEN").build()
    directory = StaffDirectory()
    schedule_staff_refresh(app, store, directory)
    await store.staff.add(4242, Role.OPERATOR, "Komang", by=STAFF)
    assert directory.role_of(4242) is None

    assert app.job_queue is not None
    [job] = app.job_queue.get_jobs_by_name("staff_refresh")
    assert job.job.trigger.interval.total_seconds() == STAFF_REFRESH_SECONDS
    await job.callback(CallbackContext.from_job(job, app))

    assert directory.role_of(4242) == Role.OPERATOR
