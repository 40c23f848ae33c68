"""Questions to the office: refusals change nothing, answers are queued, closing, forgetting."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.errors import AskerLeft, QuestionClosed, QuestionNotFound, QuestionRefused
from storage.models import Application
from storage.questions import expire_questions
from storage.store import Store
from storage.workflow import Action
from tests.conftest import FakeClock

STAFF = 7
CHAT = 1001
OTHER = 1002
STAFF_GROUP = -100500
LIMITS = {"per_day": 3, "max_length": 50}


async def followed(store: Store, name: str = "Ni Made Ayu") -> Application:
    """A new application CHAT follows."""
    application, _ = await store.applications.create("PBG", name, staff_id=STAFF)
    await store.followers.follow(application, CHAT, 20)
    return application


async def counts(store: Store) -> tuple[int, ...]:
    """Rows in each question table and in the outbox."""
    return tuple([int(await store.database.fetch_value(f"SELECT COUNT(*) FROM {table}"))
                  for table in ("questions", "question_answers", "question_posts",
                                "question_drafts", "outbox")])


async def test_a_question_is_stored_and_its_draft_ends(store: Store, clock: FakeClock) -> None:
    application = await followed(store)
    await store.questions.start_draft(CHAT, application.id, 15)
    assert await store.questions.draft(CHAT) == application.id
    question = await store.questions.ask(application.id, CHAT, "  Kapan survei?  ", **LIMITS)
    assert (question.number, question.body, question.asked_at) == (
        application.number, "Kapan survei?", clock())
    assert await store.questions.draft(CHAT) is None
    threads, total = await store.questions.threads(application.id, 5)
    assert total == 1
    assert [(t.question.body, t.answers) for t in threads] == [("Kapan survei?", ())]


async def test_a_draft_expires(store: Store, clock: FakeClock) -> None:
    application = await followed(store)
    await store.questions.start_draft(CHAT, application.id, 15)
    clock.advance(minutes=16)
    assert await store.questions.draft(CHAT) is None


@pytest.mark.parametrize(("chat", "body", "reason"), [
    (CHAT, "x" * 51, "too_long"), (CHAT, "   ", "empty"), (OTHER, "Halo?", "not_following")])
async def test_refused_questions_change_nothing(store: Store, chat: int, body: str,
                                                reason: str) -> None:
    application = await followed(store)
    await store.followers.seen(OTHER)
    await store.questions.start_draft(chat, application.id, 15)
    before = await counts(store)
    with pytest.raises(QuestionRefused) as refused:
        await store.questions.ask(application.id, chat, body, **LIMITS)
    assert (refused.value.reason, refused.value.number) == (reason, application.number)
    assert await counts(store) == before


async def test_one_waiting_question_per_application_and_a_daily_limit(
        store: Store, clock: FakeClock) -> None:
    first, second, third, fourth = [await followed(store, f"Pemohon {n}") for n in range(4)]
    await store.questions.ask(first.id, CHAT, "Satu", **LIMITS)
    with pytest.raises(QuestionRefused) as refused:
        await store.questions.ask(first.id, CHAT, "Dua", **LIMITS)
    assert refused.value.reason == "waiting"
    await store.questions.ask(second.id, CHAT, "Dua", **LIMITS)
    await store.questions.ask(third.id, CHAT, "Tiga", **LIMITS)
    with pytest.raises(QuestionRefused) as refused:
        await store.questions.ask(fourth.id, CHAT, "Empat", **LIMITS)
    assert (refused.value.reason, refused.value.limit) == ("daily_limit", 3)
    clock.advance(hours=24, seconds=1)
    await store.questions.ask(fourth.id, CHAT, "Empat", **LIMITS)


async def test_a_reply_to_the_post_answers_and_queues_the_answer(store: Store,
                                                                 clock: FakeClock) -> None:
    application = await followed(store)
    question = await store.questions.ask(application.id, CHAT, "Kapan?", **LIMITS)
    await store.questions.posted(question.id, STAFF_GROUP, 77)
    clock.advance(minutes=5)
    asked, answer = await store.questions.answer(STAFF_GROUP, 77, STAFF, " Besok pagi. ")
    assert (asked.id, answer.body, answer.answered_at) == (question.id, "Besok pagi.", clock())
    rows = await store.database.fetch_all(
        "SELECT event_key, chat_id, kind, application_id, payload FROM outbox")
    assert [tuple(row) for row in rows] == [
        (f"answer:{answer.id}", CHAT, "answer", application.id, f'{{"answer": {answer.id}}}')]
    assert await store.questions.answer_for(answer.id) == (application.number, "Besok pagi.")
    # Answered: the chat may ask again about the same application.
    await store.questions.ask(application.id, CHAT, "Jam berapa?", **LIMITS)
    threads, total = await store.questions.threads(application.id, 1)
    assert total == 2
    assert [t.question.body for t in threads] == ["Jam berapa?"]


async def test_a_reply_to_another_message_or_a_closed_thread_is_refused(
        store: Store) -> None:
    application = await followed(store)
    question = await store.questions.ask(application.id, CHAT, "Kapan?", **LIMITS)
    await store.questions.posted(question.id, STAFF_GROUP, 77)
    with pytest.raises(QuestionNotFound):
        await store.questions.answer(STAFF_GROUP, 78, STAFF, "Besok")
    with pytest.raises(QuestionNotFound):
        await store.questions.answer(-999, 77, STAFF, "Besok")
    await store.questions.close(question.id, STAFF)
    with pytest.raises(QuestionClosed):
        await store.questions.close(question.id, STAFF)
    before = await counts(store)
    with pytest.raises(QuestionClosed):
        await store.questions.answer(STAFF_GROUP, 77, STAFF, "Besok")
    assert await counts(store) == before


async def test_close_all_closes_only_open_threads_of_that_application(store: Store) -> None:
    first, second = await followed(store), await followed(store, "Wayan")
    await store.questions.ask(first.id, CHAT, "Satu", **LIMITS)
    await store.questions.ask(second.id, CHAT, "Dua", **LIMITS)
    assert await store.questions.close_all(first.id, STAFF) == 1
    assert await store.questions.close_all(first.id, STAFF) == 0
    assert [q.body for q in await store.questions.waiting_since(
        store.clock() + timedelta(seconds=1), 10)] == ["Dua"]


async def test_forgetme_deletes_the_chats_questions_and_answers(store: Store) -> None:
    application = await followed(store)
    await store.followers.follow(application, OTHER, 20)
    question = await store.questions.ask(application.id, CHAT, "Kapan?", **LIMITS)
    await store.questions.posted(question.id, STAFF_GROUP, 77)
    await store.questions.answer(STAFF_GROUP, 77, STAFF, "Besok")
    kept = await store.questions.ask(application.id, OTHER, "Berapa biayanya?", **LIMITS)
    await store.questions.start_draft(CHAT, application.id, 15)
    await store.followers.forget_chat(CHAT)
    threads, _ = await store.questions.threads(application.id, 5)
    assert [t.question.id for t in threads] == [kept.id]
    assert (await counts(store))[1:4] == (0, 0, 0)
    with pytest.raises(QuestionNotFound):
        await store.questions.answer(STAFF_GROUP, 77, STAFF, "Lusa")


async def test_retention_deletes_threads_of_long_decided_applications(
        store: Store, clock: FakeClock) -> None:
    decided, still_open = await followed(store), await followed(store, "Wayan")
    for application in (decided, still_open):
        question = await store.questions.ask(application.id, CHAT, "Kapan?", **LIMITS)
        await store.questions.posted(question.id, STAFF_GROUP, application.id)
        await store.questions.answer(STAFF_GROUP, application.id, STAFF, "Besok")
    await store.applications.change(decided.number, Action.REJECT, staff_id=STAFF,
                                    public_note="Lokasi di jalur hijau")
    assert await expire_questions(store.database, clock(), 30) == 0
    clock.advance(days=31)
    assert await expire_questions(store.database, clock(), 30) == 1
    assert (await store.questions.threads(decided.id, 5))[1] == 0
    assert (await store.questions.threads(still_open.id, 5))[1] == 1
    assert await expire_questions(store.database, clock(), 30) == 0


async def test_no_answer_goes_to_a_chat_that_no_longer_follows(store: Store) -> None:
    application = await followed(store)
    question = await store.questions.ask(application.id, CHAT, "Kapan?", **LIMITS)
    await store.questions.posted(question.id, STAFF_GROUP, 77)
    await store.followers.unfollow(application, CHAT)
    before = await counts(store)
    with pytest.raises(AskerLeft) as left:
        await store.questions.answer(STAFF_GROUP, 77, STAFF, "Besok")
    assert (left.value.question_id, left.value.number) == (question.id, application.number)
    assert await counts(store) == before
