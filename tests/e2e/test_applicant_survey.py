"""The satisfaction survey (SKM): invited once after issue, one question at a time, anonymous."""

from __future__ import annotations

import secrets

from bot.handlers.context import BotApplication
from notifications.notices import Notices
from sandbox import Person, Sandbox
from sandbox.records import CallbackAnswer
from sandbox.world import CallbackQuery
from storage.workflow import Action
from tests.conftest import FakeClock
from tests.e2e.applicant_steps import LANGUAGES, NUMBER, quiet, register, speak, staff_id, store_of

PERMIT = {"id": "Persetujuan Bangunan Gedung", "en": "Building approval"}
INVITE = {"id": "📝 Survei Kepuasan Masyarakat untuk {permit} {number}. Sembilan pertanyaan "
                "singkat; jawaban Anda dihitung tanpa nama.",
          "en": "📝 Satisfaction survey for {permit} {number}. Nine short questions; your "
                "answers are counted without your name."}
QUESTION = {"id": "Pertanyaan {n} dari 9:\n{q}", "en": "Question {n} of 9:\n{q}"}
FIRST = {"id": "Bagaimana kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
         "en": "How well did the service requirements fit the kind of service?"}
SECOND = {"id": "Bagaimana kemudahan prosedur pelayanan di unit ini?",
          "en": "How easy was the service procedure at this office?"}
ANSWERS = {"id": ["1. Tidak baik", "2. Kurang baik", "3. Baik", "4. Sangat baik"],
           "en": ["1. Poor", "2. Fair", "3. Good", "4. Very good"]}
SKIP = {"id": "⏭ Lewati", "en": "⏭ Skip"}
STOP = {"id": "⏹ Berhenti", "en": "⏹ Stop"}
FINISH = {"id": "✅ Selesai", "en": "✅ Finish"}
COMMENT = {"id": "💬 Ada saran atau komentar? Ketik balasan (paling banyak 1000 huruf), atau "
                 "tekan Selesai.",
           "en": "💬 Any suggestion or comment? Type a reply (at most 1000 characters), or "
                 "press Finish."}
THANKS = {"id": "🙏 Terima kasih, tanggapan Anda sudah tercatat.",
          "en": "🙏 Thank you, your response has been recorded."}
STALE = {"id": "Pertanyaan ini sudah dijawab.", "en": "This question has already been answered."}
NOT_INVITED = {"id": "Survei ini bukan untuk chat Anda.", "en": "This survey is not for your chat."}


def keyboard(lang: str, application_id: int, step: int) -> list[list[tuple[str, str]]]:
    """The buttons under question `step`."""
    answers = [(label, f"sv:{application_id}:{step}:{value}")
               for value, label in enumerate(ANSWERS[lang], start=1)]
    return [answers[:2], answers[2:], [(SKIP[lang], f"sv:{application_id}:{step}:s"),
                                       (STOP[lang], f"sv:{application_id}:{step}:x")]]


async def invited(bot: BotApplication, person: Person, clock: FakeClock, lang: str) -> int:
    """The person follows an application that is then issued, and reads the invitation."""
    application, _ = await register(bot)
    store = store_of(bot)
    await speak(person, lang)
    await store.followers.follow(application, person.id, 20)
    notices: Notices = bot.bot_data["notices"]
    assert await notices.send_survey_invitations() == 0  # the first run only starts counting
    clock.advance(minutes=1)
    while application.stage != "issued":
        application = (await store.applications.change(NUMBER, Action.ADVANCE,
                                                       staff_id=staff_id(bot))).application
        await person.next_message()  # the stage notice
    assert await notices.send_survey_invitations() == 1
    assert await notices.send_survey_invitations() == 0
    invitation = await person.next_message()
    assert invitation.text == "\n".join([
        INVITE[lang].format(permit=PERMIT[lang], number=NUMBER), "",
        QUESTION[lang].format(n=1, q=FIRST[lang])])
    assert invitation.buttons == keyboard(lang, application.id, 0)
    return application.id


async def forged_press(person: Person, data: str) -> CallbackAnswer:
    """Send callback data the person's client never showed (under their last bot message)."""
    world, chat = person.world, person.chat
    record = next(m for m in reversed(chat.messages.values()) if m.sender is None)
    query_id = f"{world.next_id()}{secrets.randbelow(10**9):09d}"
    query = CallbackQuery(query_id, world.clock())
    world.callbacks[query_id] = query
    world.enqueue("callback_query", {
        "id": query_id, "from": person.user.as_json(), "message": record.as_json(world.bot),
        "chat_instance": "1", "data": data})
    assert await world.signal.wait_for(lambda: query.answer is not None, 5.0)
    assert query.answer is not None
    return query.answer


@LANGUAGES
async def test_a_complete_survey_with_a_comment(bot_with_clock: BotApplication, alice: Person,
                                                clock: FakeClock, lang: str) -> None:
    application_id = await invited(bot_with_clock, alice, clock, lang)
    first = None
    for step in range(9):
        await alice.press(ANSWERS[lang][3 if step != 6 else 0])
        edited = await alice.next_message()
        first = first or edited.message_id
        assert (edited.message_id, edited.edited) == (first, True)
        if step == 0:
            assert edited.text == QUESTION[lang].format(n=2, q=SECOND[lang])
            assert edited.buttons == keyboard(lang, application_id, 1)
    assert edited.text == COMMENT[lang]
    assert edited.buttons == [[(FINISH[lang], f"sv:{application_id}:9:x")]]
    await alice.send("Cepat <b>sekali</b>")
    assert (await alice.next_message()).text == THANKS[lang]
    store = store_of(bot_with_clock)
    day = clock().date()
    figures = await store.surveys.element_counts(day, day)
    assert figures.responses == 1
    assert figures.counts[1] == {1: 0, 2: 0, 3: 0, 4: 1}
    assert figures.counts[7] == {1: 1, 2: 0, 3: 0, 4: 0}
    rows = await store.database.fetch_all("SELECT answered_on, comment FROM survey_responses")
    assert [tuple(row) for row in rows] == [(day.isoformat(), "Cepat <b>sekali</b>")]
    # Typed text afterwards is read as usual, not as a second comment.
    await alice.send("halo")
    await alice.next_message()
    assert await store.database.fetch_value("SELECT COUNT(*) FROM survey_responses") == 1


@LANGUAGES
async def test_a_skipped_survey_ended_by_typing_stop(bot_with_clock: BotApplication, alice: Person,
                                            clock: FakeClock, lang: str) -> None:
    await invited(bot_with_clock, alice, clock, lang)
    await alice.press(SKIP[lang])
    assert (await alice.next_message()).text == QUESTION[lang].format(n=2, q=SECOND[lang])
    await alice.press(ANSWERS[lang][2])
    await alice.next_message()
    for _ in range(7):
        await alice.press(SKIP[lang])
        await alice.next_message()
    await alice.send("STOP")
    assert (await alice.next_message()).text == THANKS[lang]
    rows = await store_of(bot_with_clock).database.fetch_all("SELECT comment FROM survey_responses")
    assert [tuple(row) for row in rows] == [("",)]
    day = clock().date()
    figures = await store_of(bot_with_clock).surveys.element_counts(day, day)
    assert figures.responses == 1
    assert figures.counts[1] == {1: 0, 2: 0, 3: 0, 4: 0}
    assert figures.counts[2] == {1: 0, 2: 0, 3: 1, 4: 0}


@LANGUAGES
async def test_a_repeated_or_stale_press_changes_nothing(
        bot_with_clock: BotApplication, alice: Person, clock: FakeClock, lang: str) -> None:
    application_id = await invited(bot_with_clock, alice, clock, lang)
    await alice.press(ANSWERS[lang][3])
    await alice.next_message()
    assert (await forged_press(alice, f"sv:{application_id}:0:1")).text == STALE[lang]
    quiet(alice)
    store = store_of(bot_with_clock)
    assert await store.database.fetch_value("SELECT answers FROM survey_invitations") == "4,"
    await alice.press(STOP[lang])
    done = await alice.next_message()
    assert (done.text, done.buttons) == (THANKS[lang], [])
    assert (await forged_press(alice, f"sv:{application_id}:1:x")).text == STALE[lang]
    assert await store.database.fetch_value("SELECT COUNT(*) FROM survey_responses") == 1


@LANGUAGES
async def test_a_chat_that_did_not_follow_cannot_answer(
        bot_with_clock: BotApplication, alice: Person, sandbox: Sandbox, clock: FakeClock,
        lang: str) -> None:
    application_id = await invited(bot_with_clock, alice, clock, lang)
    mallory = sandbox.add_user("Mallory", language_code=lang)
    await speak(mallory, lang)
    answer = await forged_press(mallory, f"sv:{application_id}:0:1")
    assert (answer.text, answer.show_alert) == (NOT_INVITED[lang], True)
    quiet(mallory)
    quiet(alice)
    store = store_of(bot_with_clock)
    rows = await store.database.fetch_all("SELECT chat_id, step FROM survey_invitations")
    assert [tuple(row) for row in rows] == [(alice.id, 0)]
