"""The satisfaction survey (SKM, Permenpan RB 14/2017): invitations, answers, figures.

Followers of a decided application are invited once (by a job, idempotent by the outbox's
event key). Each answer is accepted only from an invited chat that still follows, and only for
the question it is at, so a repeated or stale press changes nothing and one chat cannot answer
for another. A finished survey's answers move into responses without chat or application and
with only the day: the figures count answers that no one can trace back to a person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from storage.applications import enqueue_for_followers
from storage.clock import Clock, to_timestamp
from storage.database import Database, Transaction
from storage.errors import SurveyNotInvited, SurveyStale
from storage.satisfaction import ELEMENTS, answer_counts

#: The step after the last question: waiting for an optional comment.
COMMENT_STEP = ELEMENTS
COMMENT_LIMIT = 1000
WATERMARK = "survey_watermark"


@dataclass(frozen=True)
class SurveyProgress:
    """Where a chat's survey of one application stands after a press."""

    application_id: int
    step: int
    finished: bool


@dataclass(frozen=True)
class ElementCounts:
    """Answers per element (1-9) and value (1-4) in a period, and how many responses."""

    responses: int
    counts: dict[int, dict[int, int]]


@dataclass(frozen=True)
class SurveyComment:
    """A comment left with a finished survey: only the day it was given, and its text."""

    answered_on: date
    text: str


class Surveys:
    """Invitations and anonymous responses."""

    def __init__(self, database: Database, clock: Clock, on_outbox: Callable[[], None],
                 local_date: Callable[[datetime], date]) -> None:
        self.database = database
        self.clock = clock
        self._on_outbox = on_outbox
        # The day a response is counted on is the office's, as the periods of the figures are.
        self._local_date = local_date

    async def invite_decided(self, stages: Iterable[str], limit: int = 200) -> int:
        """Invite the followers of applications decided (into `stages`) since the last run.

        The first run only sets the watermark, so an upgrade does not survey old files.
        """
        now = self.clock()
        codes = tuple(stages)
        async with self.database.transaction() as conn:
            mark = await conn.fetch_value("SELECT value FROM meta WHERE key = ?", (WATERMARK,))
            if mark is None or not codes:
                await _set_watermark(conn, to_timestamp(now))
                return 0
            marks = ", ".join("?" for _ in codes)
            rows = await conn.fetch_all(
                f"SELECT id, decided_at FROM applications WHERE decided_at > ? "
                f"AND stage IN ({marks}) ORDER BY decided_at LIMIT ?",
                (float(mark), *codes, limit))
            queued = 0
            for application_id, _decided_at in rows:
                queued += await enqueue_for_followers(
                    conn, f"survey:{application_id}", "survey_invite", application_id, None, now)
                await conn.execute(
                    "INSERT INTO survey_invitations (application_id, chat_id, invited_at) "
                    "SELECT application_id, chat_id, ? FROM followers WHERE application_id = ? "
                    "ON CONFLICT DO NOTHING", (to_timestamp(now), application_id))
            newest = float(rows[-1][1]) if len(rows) == limit else to_timestamp(now)
            await _set_watermark(conn, max(newest, float(mark)))
        if queued:
            self._on_outbox()
        return queued

    async def answer(self, application_id: int, chat_id: int, step: int,
                     value: int | None) -> SurveyProgress:
        """Record the answer (1-4, or None for skipped) to question `step` (0-8)."""
        if step >= ELEMENTS or (value is not None and not 1 <= value <= 4):
            raise SurveyStale
        async with self.database.transaction() as conn:
            answers = await _open_at(conn, application_id, chat_id, step)
            await conn.execute(
                "UPDATE survey_invitations SET step = ?, answers = ? "
                "WHERE application_id = ? AND chat_id = ? AND step = ?",
                (step + 1, answers + ("" if value is None else str(value)) + ",",
                 application_id, chat_id, step))
        return SurveyProgress(application_id, step + 1, False)

    async def stop(self, application_id: int, chat_id: int, step: int,
                   comment: str = "") -> SurveyProgress:
        """End the survey at `step`, keeping what was answered (and the comment, if any)."""
        async with self.database.transaction() as conn:
            answers = await _open_at(conn, application_id, chat_id, step)
            await _finish(conn, application_id, chat_id, answers, comment,
                          self._local_date(self.clock()))
        return SurveyProgress(application_id, step, True)

    async def awaiting_comment(self, chat_id: int) -> int | None:
        """The application whose survey waits for this chat's comment, if any."""
        value = await self.database.fetch_value(
            "SELECT i.application_id FROM survey_invitations i JOIN followers f "
            "ON f.application_id = i.application_id AND f.chat_id = i.chat_id "
            "WHERE i.chat_id = ? AND i.step = ? AND i.finished = 0 "
            "ORDER BY i.invited_at DESC LIMIT 1", (chat_id, COMMENT_STEP))
        return None if value is None else int(value)

    async def comment(self, application_id: int, chat_id: int, text: str) -> SurveyProgress:
        """Finish the survey with a typed comment (cut to the length limit)."""
        return await self.stop(application_id, chat_id, COMMENT_STEP,
                               text.strip()[:COMMENT_LIMIT])

    async def element_counts(self, first: date, last: date) -> ElementCounts:
        """How often each element got each answer in responses of days first..last."""
        responses, counts = await answer_counts(self.database, first, last)
        return ElementCounts(responses, counts)


    async def comments(self, first: date, last: date,
                       limit: int) -> tuple[int, tuple[SurveyComment, ...]]:
        """How many comments responses of days first..last hold, and the newest `limit`."""
        period = (first.isoformat(), last.isoformat())
        total = await self.database.fetch_value(
            "SELECT COUNT(*) FROM survey_responses WHERE answered_on BETWEEN ? AND ? "
            "AND comment <> ''", period, 0)
        rows = await self.database.fetch_all(
            "SELECT answered_on, comment FROM survey_responses WHERE answered_on BETWEEN ? "
            "AND ? AND comment <> '' ORDER BY answered_on DESC, id DESC LIMIT ?",
            (*period, limit))
        return int(total), tuple(SurveyComment(date.fromisoformat(str(day)), str(comment))
                                 for day, comment in rows)


async def _set_watermark(conn: Transaction, value: float) -> None:
    await conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (WATERMARK, repr(value)))


async def _open_at(conn: Transaction, application_id: int, chat_id: int, step: int) -> str:
    """The answers so far of an unfinished survey at `step`; named errors otherwise."""
    row = await conn.fetch_one(
        "SELECT i.step, i.answers, i.finished FROM survey_invitations i JOIN followers f "
        "ON f.application_id = i.application_id AND f.chat_id = i.chat_id "
        "WHERE i.application_id = ? AND i.chat_id = ?", (application_id, chat_id))
    if row is None:
        raise SurveyNotInvited
    if int(row[2]) or int(row[0]) != step:
        raise SurveyStale
    return str(row[1])


async def _finish(conn: Transaction, application_id: int, chat_id: int, answers: str,
                  comment: str, day: date) -> None:
    """Move the answers into an untraceable response; the invitation keeps only `finished`."""
    changed = await conn.execute(
        "UPDATE survey_invitations SET finished = 1, answers = '' "
        "WHERE application_id = ? AND chat_id = ? AND finished = 0", (application_id, chat_id))
    if not changed:
        raise SurveyStale
    response_id = await conn.insert(
        "INSERT INTO survey_responses (answered_on, comment) VALUES (?, ?)",
        (day.isoformat(), comment))
    values = answers.split(",")[:-1]
    await conn.execute_many(
        "INSERT INTO survey_answers (response_id, element, answer) VALUES (?, ?, ?)",
        [(response_id, element, int(value))
         for element, value in enumerate(values, start=1) if value])
