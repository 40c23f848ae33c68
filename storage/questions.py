"""Questions to the office about one application, and the staff's answers.

A follower asks (`ask`); the bot posts the question to the staff chats and records where
(`posted`), so a clerk's reply to that post finds the question again (`answer`) in whichever
bot process receives it. Each answer is stored with the question and queued in the outbox
for the asker in the same transaction. A clerk closes the thread; a closed thread takes no
answers. Refusals are checked and the question written under a lock on the asking chat's
row, so two processes cannot both let a chat past its daily limit.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.clock import Clock, from_timestamp, optional_from_timestamp, to_timestamp
from storage.database import Database, Row, Transaction
from storage.errors import AskerLeft, QuestionClosed, QuestionNotFound, QuestionRefused

DAY = timedelta(days=1)
_QUESTION = ("SELECT q.id, q.application_id, a.number, q.chat_id, q.body, q.asked_at, "
             "q.answered_at, q.closed_at FROM questions q "
             "JOIN applications a ON a.id = q.application_id ")


@dataclass(frozen=True)
class Question:
    """One question and where its thread stands."""

    id: int
    application_id: int
    number: str
    chat_id: int
    body: str
    asked_at: datetime
    answered_at: datetime | None
    closed_at: datetime | None


@dataclass(frozen=True)
class Answer:
    """A clerk's reply to a question."""

    id: int
    question_id: int
    body: str
    staff_id: int
    staff_name: str
    answered_at: datetime


@dataclass(frozen=True)
class Thread:
    """A question with its answers, oldest answer first."""

    question: Question
    answers: tuple[Answer, ...]


class Questions:
    """Drafts, questions, the staff posts that carry them, answers and closing."""

    def __init__(self, database: Database, clock: Clock, on_outbox: Callable[[], None]) -> None:
        self.database = database
        self.clock = clock
        self._on_outbox = on_outbox

    async def start_draft(self, chat_id: int, application_id: int, minutes: int) -> None:
        """The chat's next typed text is its question about the application, for `minutes`."""
        expires = to_timestamp(self.clock() + timedelta(minutes=minutes))
        async with self.database.transaction() as conn:
            await conn.execute(
                "INSERT INTO question_drafts (chat_id, application_id, expires_at) "
                "VALUES (?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET "
                "application_id = excluded.application_id, expires_at = excluded.expires_at",
                (chat_id, application_id, expires))

    async def draft(self, chat_id: int) -> int | None:
        """The application whose question this chat is typing, if the draft has not expired."""
        value = await self.database.fetch_value(
            "SELECT application_id FROM question_drafts WHERE chat_id = ? AND expires_at > ?",
            (chat_id, to_timestamp(self.clock())))
        return None if value is None else int(value)

    async def drop_draft(self, chat_id: int) -> bool:
        """Stop waiting for the chat's question; whether one was awaited."""
        async with self.database.transaction() as conn:
            return await conn.execute("DELETE FROM question_drafts WHERE chat_id = ?",
                                      (chat_id,)) > 0

    async def ask(self, application_id: int, chat_id: int, body: str, *, per_day: int,
                  max_length: int) -> Question:
        """Record the chat's question (and end its draft); QuestionRefused changes nothing."""
        body = body.strip()
        now = self.clock()
        async with self.database.transaction() as conn:
            number = str(await conn.fetch_value(
                "SELECT number FROM applications WHERE id = ?", (application_id,), ""))
            if not body:
                raise QuestionRefused("empty", number)
            if len(body) > max_length:
                raise QuestionRefused("too_long", number, max_length)
            if await conn.fetch_one("SELECT 1 FROM followers WHERE application_id = ? "
                                    "AND chat_id = ?", (application_id, chat_id)) is None:
                raise QuestionRefused("not_following", number)
            lock = " FOR UPDATE" if conn.dialect == "postgresql" else ""
            await conn.fetch_one(f"SELECT chat_id FROM chats WHERE chat_id = ?{lock}",
                                 (chat_id,))
            if await conn.fetch_one(
                    "SELECT 1 FROM questions WHERE application_id = ? AND chat_id = ? "
                    "AND answered_at IS NULL AND closed_at IS NULL",
                    (application_id, chat_id)) is not None:
                raise QuestionRefused("waiting", number)
            asked = int(await conn.fetch_value(
                "SELECT COUNT(*) FROM questions WHERE chat_id = ? AND asked_at > ?",
                (chat_id, to_timestamp(now - DAY)), 0))
            if asked >= per_day:
                raise QuestionRefused("daily_limit", number, per_day)
            question_id = await conn.insert(
                "INSERT INTO questions (application_id, chat_id, body, asked_at) "
                "VALUES (?, ?, ?, ?)", (application_id, chat_id, body, to_timestamp(now)))
            await conn.execute("DELETE FROM question_drafts WHERE chat_id = ?", (chat_id,))
        return Question(question_id, application_id, number, chat_id, body, now, None, None)

    async def posted(self, question_id: int, chat_id: int, message_id: int) -> None:
        """The question was posted to a staff chat as that message: replies to it answer it."""
        async with self.database.transaction() as conn:
            await conn.execute(
                "INSERT INTO question_posts (chat_id, message_id, question_id) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING", (chat_id, message_id, question_id))

    async def answer(self, chat_id: int, message_id: int, staff_id: int,
                     body: str) -> tuple[Question, Answer]:
        """A clerk's reply to the post `message_id` in `chat_id`: stored, and queued for the
        asker in the same transaction. QuestionNotFound, QuestionClosed, or AskerLeft when the
        asking chat no longer follows (an answer is for followers only) otherwise."""
        now = self.clock()
        async with self.database.transaction() as conn:
            question = await _locked(conn, "q.id = (SELECT question_id FROM question_posts "
                                     "WHERE chat_id = ? AND message_id = ?)",
                                     (chat_id, message_id))
            if await conn.fetch_one("SELECT 1 FROM followers WHERE application_id = ? "
                                    "AND chat_id = ?",
                                    (question.application_id, question.chat_id)) is None:
                raise AskerLeft(question.id, question.number)
            answer_id = await conn.insert(
                "INSERT INTO question_answers (question_id, body, staff_id, answered_at) "
                "VALUES (?, ?, ?, ?)", (question.id, body.strip(), staff_id, to_timestamp(now)))
            await conn.execute(
                "UPDATE questions SET answered_at = COALESCE(answered_at, ?) WHERE id = ?",
                (to_timestamp(now), question.id))
            await conn.execute(
                "INSERT INTO outbox (event_key, chat_id, kind, application_id, payload, status, "
                "next_attempt_at, created_at) SELECT ?, chat_id, 'answer', ?, ?, "
                "CASE WHEN blocked <> 0 THEN 'paused' ELSE 'pending' END, ?, ? "
                "FROM chats WHERE chat_id = ? ON CONFLICT DO NOTHING",
                (f"answer:{answer_id}", question.application_id,
                 json.dumps({"answer": answer_id}), to_timestamp(now), to_timestamp(now),
                 question.chat_id))
            name = await conn.fetch_value("SELECT name FROM staff WHERE user_id = ?",
                                          (staff_id,), "")
        self._on_outbox()
        return question, Answer(answer_id, question.id, body.strip(), staff_id, str(name), now)

    async def close(self, question_id: int, staff_id: int) -> Question:
        """Close one thread; QuestionClosed if it already was."""
        async with self.database.transaction() as conn:
            question = await _locked(conn, "q.id = ?", (question_id,))
            await conn.execute("UPDATE questions SET closed_at = ?, closed_by = ? WHERE id = ?",
                               (to_timestamp(self.clock()), staff_id, question.id))
        return question

    async def close_all(self, application_id: int, staff_id: int) -> int:
        """Close every open thread about the application (`/close`); how many."""
        async with self.database.transaction() as conn:
            return await conn.execute(
                "UPDATE questions SET closed_at = ?, closed_by = ? "
                "WHERE application_id = ? AND closed_at IS NULL",
                (to_timestamp(self.clock()), staff_id, application_id))

    async def threads(self, application_id: int, limit: int) -> tuple[list[Thread], int]:
        """The latest `limit` threads about an application, newest first, and how many in all."""
        total = int(await self.database.fetch_value(
            "SELECT COUNT(*) FROM questions WHERE application_id = ?", (application_id,), 0))
        questions = [_question(row) for row in await self.database.fetch_all(
            _QUESTION + "WHERE q.application_id = ? ORDER BY q.id DESC LIMIT ?",
            (application_id, limit))]
        if not questions:
            return [], total
        marks = ", ".join("?" for _ in questions)
        answers = [Answer(int(row[0]), int(row[1]), str(row[2]), int(row[3]), str(row[4] or ""),
                          from_timestamp(float(row[5])))
                   for row in await self.database.fetch_all(
                       "SELECT qa.id, qa.question_id, qa.body, qa.staff_id, s.name, "
                       "qa.answered_at FROM question_answers qa "
                       "LEFT JOIN staff s ON s.user_id = qa.staff_id "
                       f"WHERE qa.question_id IN ({marks}) ORDER BY qa.id",
                       [q.id for q in questions])]
        return [Thread(q, tuple(a for a in answers if a.question_id == q.id))
                for q in questions], total

    async def waiting_since(self, moment: datetime, limit: int) -> list[Question]:
        """Open questions nobody has answered, asked before `moment`, oldest first."""
        return [_question(row) for row in await self.database.fetch_all(
            _QUESTION + "WHERE q.answered_at IS NULL AND q.closed_at IS NULL "
            "AND q.asked_at < ? ORDER BY q.asked_at LIMIT ?", (to_timestamp(moment), limit))]

    async def answer_for(self, answer_id: int) -> tuple[str, str]:
        """The registration number and text of an answer, for its notice; QuestionNotFound
        once its chat had it deleted."""
        row = await self.database.fetch_one(
            "SELECT a.number, qa.body FROM question_answers qa "
            "JOIN questions q ON q.id = qa.question_id "
            "JOIN applications a ON a.id = q.application_id WHERE qa.id = ?", (answer_id,))
        if row is None:
            raise QuestionNotFound
        return str(row[0]), str(row[1])


async def _locked(conn: Transaction, where: str, params: tuple[object, ...]) -> Question:
    """The question `where` picks, its row locked on PostgreSQL; named errors if none or
    closed, so two clerks closing or answering at once are ordered."""
    lock = " FOR UPDATE OF q" if conn.dialect == "postgresql" else ""
    row = await conn.fetch_one(_QUESTION + f"WHERE {where}{lock}", params)
    if row is None:
        raise QuestionNotFound
    question = _question(row)
    if question.closed_at is not None:
        raise QuestionClosed(question.id, question.number)
    return question


def _question(row: Row) -> Question:
    return Question(int(row[0]), int(row[1]), str(row[2]), int(row[3]), str(row[4]),
                    from_timestamp(float(row[5])), optional_from_timestamp(row[6]),
                    optional_from_timestamp(row[7]))


async def forget_questions(conn: Transaction, chat_id: int) -> None:
    """Delete everything the chat asked and was answered (`/forgetme`), inside its transaction."""
    mine = "SELECT id FROM questions WHERE chat_id = ?"
    await conn.execute(f"DELETE FROM question_answers WHERE question_id IN ({mine})", (chat_id,))
    await conn.execute(f"DELETE FROM question_posts WHERE question_id IN ({mine})", (chat_id,))
    await conn.execute("DELETE FROM questions WHERE chat_id = ?", (chat_id,))
    await conn.execute("DELETE FROM question_drafts WHERE chat_id = ?", (chat_id,))


async def expire_questions(database: Database, now: datetime, retention_days: int) -> int:
    """Delete the threads of applications decided over `retention_days` before `now`, and
    expired drafts; how many threads. A question holds the asker's own words: it is kept no
    longer than the applicant's name."""
    decided = ("SELECT q.id FROM questions q JOIN applications a ON a.id = q.application_id "
               "WHERE a.decided_at IS NOT NULL AND a.decided_at < ?")
    cutoff = (to_timestamp(now - timedelta(days=retention_days)),)
    async with database.transaction() as conn:
        await conn.execute(f"DELETE FROM question_answers WHERE question_id IN ({decided})",
                           cutoff)
        await conn.execute(f"DELETE FROM question_posts WHERE question_id IN ({decided})",
                           cutoff)
        removed = await conn.execute(f"DELETE FROM questions WHERE id IN ({decided})", cutoff)
        await conn.execute("DELETE FROM question_drafts WHERE expires_at < ?",
                           (to_timestamp(now),))
    return removed
