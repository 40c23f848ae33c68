"""Scheduled notices: the staff's daily digest, reminders to applicants, overdue notices.

Each run decides what is owed and queues it in the outbox; the dispatcher delivers it. Event
keys make every notice idempotent, so a job that runs twice sends nothing twice.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, time, timedelta
from typing import Any

from telegram.ext import Application, ContextTypes

from office.dates import format_date, format_datetime
from office.settings import Settings
from office.texts import Html, join, text
from storage.attempts import WRONG_CODE
from storage.clock import to_timestamp
from storage.health import LAST_DIGEST
from storage.models import Application as PermitApplication
from storage.models import DeliveryStatus
from storage.store import Store

log = logging.getLogger(__name__)
WORKING_DAYS = (1, 2, 3, 4, 5)  # PTB's run_daily counts 0 = Sunday
PAGE = 500


class Notices:
    """Builds and queues the scheduled notices."""

    def __init__(self, store: Store, settings: Settings, staff_chats: Any,
                 lead: Callable[[], Awaitable[bool]] | None = None) -> None:
        self.store = store
        self.settings = settings
        self.staff_chats = staff_chats
        # With several processes on one database only the scheduler lease's holder runs these.
        self._lead = lead or _always

    def schedule(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """Run the digest and the applicant notices daily at their local times."""
        queue = app.job_queue
        assert queue is not None
        zone = self.settings.office.zone
        config = self.settings.notifications
        queue.run_daily(self._digest_job, _local(config.digest_time, zone), days=WORKING_DAYS,
                        name="staff-digest")
        queue.run_daily(self._applicant_job, _local(config.reminder_time, zone),
                        days=WORKING_DAYS, name="applicant-notices")
        survey = self.settings.survey
        if survey.invite_stages:
            queue.run_repeating(self._survey_job, survey.invite_every_minutes * 60, first=60,
                                name="survey-invitations")

    async def _digest_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        if self._working_day() and await self._lead():
            await self.send_digest()

    async def _applicant_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        if self._working_day() and await self._lead():
            await self.send_reminders()
            await self.send_overdue_notices()
            await self.send_collection_reminders()

    async def _survey_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        if await self._lead():
            await self.send_survey_invitations()

    async def send_survey_invitations(self) -> int:
        """Invite the followers of newly decided applications to the survey, once each."""
        return await self.store.surveys.invite_decided(self.settings.survey.invite_stages)

    def _working_day(self) -> bool:
        # The cron trigger knows weekends but not the office's holidays.
        calendar = self.store.calendar
        return calendar.is_working_day(calendar.local_date(self.store.clock()))

    async def send_digest(self) -> int:
        """Queue today's digest for the staff group (or each staff member)."""
        now = self.store.clock()
        body = await self.render_digest(now, self.settings.office.default_language)
        today = self.store.calendar.local_date(now).isoformat()
        chats = self.staff_chats()
        queued = await self.store.outbox.enqueue(f"digest:{today}", chats, "digest",
                                                 payload=json.dumps({"html": body}))
        await self.store.set_meta(LAST_DIGEST, now.isoformat())
        log.info("daily digest queued for %d chats", queued)
        return queued

    async def render_digest(self, now: datetime, language: str) -> Html:
        """New yesterday, due within two working days, overdue, undelivered messages, wrong
        codes, questions waiting for an answer."""
        calendar, worklists = self.store.calendar, self.store.worklists
        zone = calendar.timezone
        today = datetime.combine(calendar.local_date(now), time(0), zone)
        yesterday = today - timedelta(days=1)
        while not calendar.is_working_day(yesterday.date()):
            yesterday -= timedelta(days=1)
        waiting = self.store.catalogue.waiting_stages
        new = await worklists.created_between(yesterday, today, limit=1000)
        # Due moments are the last second of a day and due_between excludes its end.
        soon_end = calendar.add_working_days(now, 2) + timedelta(seconds=1)
        due_soon = [a for a in await worklists.due_between(now, soon_end, limit=1000)
                    if f"{a.permit_type}:{a.stage}" not in waiting]
        overdue = await worklists.overdue(now, 10, waiting)
        dead = (await self.store.outbox.counts())[DeliveryStatus.DEAD]
        limits = self.settings.applicants
        alerts = await self.store.attempts.busiest(
            WRONG_CODE, timedelta(hours=limits.wrong_code_alert_window_hours),
            limits.wrong_code_alert)
        lines = [text(language, "staff.digest.title", office=self.settings.office.name,
                      date=format_date(now, language, zone)),
                 text(language, "staff.digest.new", count=len(new)),
                 text(language, "staff.digest.due_soon", count=len(due_soon))]
        lines += [self._line(a, language) for a in due_soon[:10]]
        lines.append(text(language, "staff.digest.overdue",
                          count=await worklists.count_overdue(now, waiting)))
        lines += [self._line(a, language) for a in overdue]
        lines.append(text(language, "staff.digest.dead", count=dead))
        if alerts:  # someone is guessing access codes: worth a look, nobody is locked out
            lines.append(text(language, "staff.digest.code_alerts", count=len(alerts)))
            lines += [text(language, "staff.digest.code_alert", number=alert.subject,
                           attempts=alert.attempts, chats=alert.chats) for alert in alerts]
        return join(lines + await self._unanswered(now, language))

    async def _unanswered(self, now: datetime, language: str) -> list[Html]:
        """Questions nobody answered by the end of the working day after they were asked."""
        calendar = self.store.calendar
        late = [question for question in await self.store.questions.waiting_since(
                    now - timedelta(days=1), 1000)
                if calendar.add_working_days(question.asked_at, 1) < now]
        if not late:
            return []
        return [text(language, "staff.digest.questions", count=len(late)),
                *[text(language, "staff.digest.question", id=question.id,
                       number=question.number,
                       date=format_datetime(question.asked_at, language, calendar.timezone))
                  for question in late[:10]]]

    def _line(self, application: PermitApplication, language: str) -> Html:
        permit_type = self.store.catalogue.get(application.permit_type)
        return text(language, "staff.digest.line", number=application.number,
                    stage=permit_type.stage(application.stage).name(language),
                    due=format_date(application.due_at, language, self.store.calendar.timezone))

    async def send_reminders(self) -> int:
        """Remind followers of applications waiting on them for N working days (once a wait)."""
        now, calendar = self.store.clock(), self.store.calendar
        days = self.settings.notifications.reminder_after_days
        # N working days (counted by date) need N dates in between: a cheap first cut.
        candidates = await self._all(lambda limit: self.store.worklists.awaiting_reminder(
            now - timedelta(days=days - 1), self.store.catalogue.waiting_stages, limit))
        queued = 0
        for application in candidates:
            waited = calendar.working_days_between(application.stage_entered_at, now)
            if waited < days:
                continue
            key = f"reminder:{application.id}:{int(to_timestamp(application.stage_entered_at))}"
            queued += await self.store.outbox.enqueue_for_followers(
                key, "reminder", application.id, json.dumps({"days": waited}))
        return queued

    async def send_collection_reminders(self) -> int:
        """Remind followers, once, of a permit issued N working days ago and not collected."""
        now, calendar = self.store.clock(), self.store.calendar
        days = self.settings.guidance.collect_reminder_days
        queued = 0
        for application in await self._all(lambda limit: self.store.pickups.awaiting_reminder(
                now - timedelta(days=days - 1), limit)):
            issued = application.decided_at or application.stage_entered_at
            if calendar.working_days_between(issued, now) >= days:
                queued += await self.store.pickups.remind(application)
        return queued

    async def send_overdue_notices(self) -> int:
        """Tell followers, once, that the service time passed without a decision."""
        now = self.store.clock()
        queued = 0
        for application in await self._all(
                lambda limit: self.store.worklists.awaiting_overdue_notice(
                    now, self.store.catalogue.waiting_stages, limit)):
            queued += await self.store.outbox.enqueue_for_followers(
                f"overdue:{application.id}", "overdue", application.id)
        return queued

    @staticmethod
    async def _all(page: Callable[[int], Awaitable[list[PermitApplication]]]
                   ) -> list[PermitApplication]:
        """Every candidate: asks for ever larger pages until no new one appears.

        The queries already leave out applications notified before, so this normally takes one
        page; it keeps a large backlog (after an outage of days) from being cut at the limit.
        """
        found: dict[int, PermitApplication] = {}
        while True:
            batch = [a for a in await page(PAGE + len(found)) if a.id not in found]
            found.update((a.id, a) for a in batch)
            if not batch:
                return list(found.values())


async def _always() -> bool:
    return True


def _local(moment: time, zone: Any) -> time:
    """A time of day in the office's zone (naive times would follow the defaults' zone)."""
    return moment.replace(tzinfo=zone)
