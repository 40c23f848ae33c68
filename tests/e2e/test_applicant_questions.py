"""Questions to the office: asked from the card or with /ask, answered by a clerk's reply in
the staff group, shown in /view, closed; refusals that change nothing; forgetme; the digest."""

from __future__ import annotations

from pathlib import Path

import pytest

from notifications.notices import Notices
from office.settings import Settings
from sandbox import Group, Person, Sandbox
from storage.models import Role
from tests.conftest import FakeClock
from tests.e2e.applicant_steps import LANGUAGES, NUMBER, card_buttons, quiet, speak
from tests.e2e.conftest import services_of
from tests.e2e.office import STAFF_ONLY, hire
from tests.e2e.question_steps import (
    ANSWER,
    ASK,
    CANCEL,
    CANCELLED,
    DAILY,
    NOT_FOLLOWING,
    PROMPT,
    SENT,
    STATUS,
    TOO_LONG,
    USAGE,
    WAITING,
    asked,
    followed_by,
    office,
    post,
    rows,
    silent,
    staff,
)


@pytest.fixture
def kadek(sandbox: Sandbox) -> Person:
    """A clerk (hired as operator by the tests that need one)."""
    return sandbox.add_user("Kadek", language_code="id")


@pytest.fixture
def group(sandbox: Sandbox, admin: Person, kadek: Person, alice: Person) -> Group:
    """The staff group; Ayu, an applicant, is a member too."""
    return sandbox.add_group("Petugas DPMPTSP", [kadek, alice], admins=[admin])


@LANGUAGES
async def test_a_question_from_the_card_answered_by_a_reply_in_the_staff_group(
        sandbox: Sandbox, admin: Person, alice: Person, kadek: Person, group: Group,
        settings: Settings, e2e_database: Path | str, clock: FakeClock, lang: str) -> None:
    async with office(sandbox, admin, settings, e2e_database, clock, group) as bot:
        store = services_of(bot).store
        await hire(bot, kadek.id, Role.OPERATOR, "Kadek Dwi", by=admin.id)
        await speak(alice, lang)
        await followed_by(bot, alice)
        await alice.send(f"/status {NUMBER}")
        card = await alice.next_message()
        assert card.buttons == card_buttons(lang, follower=True)
        assert card.buttons[1][1] == (ASK[lang], f"s:a:{NUMBER}")

        await alice.press(ASK[lang])
        prompt = await alice.next_message()
        assert (prompt.text, prompt.buttons) == (PROMPT[lang].format(number=NUMBER),
                                                 [[(CANCEL[lang], "qa:x")]])
        draft = await rows(store, "SELECT chat_id, expires_at FROM question_drafts")
        assert draft == [(alice.id, clock().timestamp() + 15 * 60)]

        # Typed after the button, a text naming the number is the question, not a lookup.
        question = f"Kapan <b>survei</b> {NUMBER} & siapa yang datang?"
        await alice.send(question)
        assert (await alice.next_message()).text == SENT[lang].format(number=NUMBER)
        staff_post = await group.next_message()
        assert staff_post.text == post(1, question)
        assert staff_post.buttons == [[("🔒 Tutup", "qc:1")]]
        assert await rows(store, "SELECT chat_id FROM question_drafts") == []

        answer = "Kamis pagi, <i>jam 9</i>; petugas & tim teknis."
        await kadek.send(answer, chat=group, reply_to=staff_post)
        assert (await group.next_message()).text == (
            f"✅ Jawaban untuk pertanyaan #1 ({NUMBER}) dikirim ke penanya.")
        notice = await alice.next_message()
        assert notice.text == ANSWER[lang].format(number=NUMBER, answer=answer)
        assert notice.buttons == [[(STATUS[lang], f"s:o:{NUMBER}")]]
        assert await rows(store, "SELECT q.chat_id, q.body, a.body, a.staff_id "
                                 "FROM questions q JOIN question_answers a "
                                 "ON a.question_id = q.id") == [
            (alice.id, question, answer, kadek.id)]

        await admin.send(f"/view {NUMBER}")
        view = (await admin.next_message()).text or ""
        assert ("\n\nPertanyaan (1)\n❓ #1 · 2 Nov 2026 09.00\n   " + question
                + "\n   ↳ 2 Nov 2026 09.00 · Kadek Dwi: " + answer + "\n\nRiwayat\n") in view


@LANGUAGES
async def test_ask_refuses_politely_and_changes_nothing(
        sandbox: Sandbox, admin: Person, alice: Person, group: Group, settings: Settings,
        e2e_database: Path | str, clock: FakeClock, lang: str) -> None:
    async with office(sandbox, admin, settings, e2e_database, clock, group) as bot:
        store = services_of(bot).store
        await speak(alice, lang)
        await store.applications.create("PBG", "Ida Wulandari", staff_id=staff(bot))
        # Not followed, or no such application: the same reply, so nothing is revealed.
        for number in (NUMBER, "JBR-2026-000999"):
            await alice.send(f"/ask {number} Halo?")
            assert (await alice.next_message()).text == NOT_FOLLOWING[lang].format(
                number=number)
        for command in ("/ask", "/ask nomor saya"):
            await alice.send(command)
            assert (await alice.next_message()).text == USAGE[lang]
        await store.followers.follow(await store.applications.get(NUMBER), alice.id, 20)
        await alice.send(f"/ask {NUMBER} " + "&" * 1001)
        assert (await alice.next_message()).text == TOO_LONG[lang]
        assert await rows(store, "SELECT id FROM questions") == []
        silent(group)

        # At most 1000 characters is taken whole, however much HTML it would escape into.
        longest = "&<" * 500
        assert (await asked(alice, group, longest, lang)).text == post(1, longest)
        await alice.send(f"/ask {NUMBER} Dan satu lagi?")
        assert (await alice.next_message()).text == WAITING[lang].format(number=NUMBER)
        second = await followed_by(bot, alice, "Wayan Sudarma")
        await asked(alice, group, "Berapa biayanya?", lang, second)
        third = await followed_by(bot, alice, "Nyoman Ari")
        await alice.send(f"/ask {third} Dan ini?")
        assert (await alice.next_message()).text == DAILY[lang]
        assert len(await rows(store, "SELECT id FROM questions")) == 2
        silent(group)


@LANGUAGES
async def test_pressing_ask_then_cancel_reads_the_next_text_as_usual(
        sandbox: Sandbox, admin: Person, alice: Person, group: Group, settings: Settings,
        e2e_database: Path | str, clock: FakeClock, lang: str) -> None:
    async with office(sandbox, admin, settings, e2e_database, clock, group) as bot:
        store = services_of(bot).store
        await speak(alice, lang)
        await followed_by(bot, alice)
        await alice.send(f"/ask {NUMBER}")
        assert (await alice.next_message()).text == PROMPT[lang].format(number=NUMBER)
        await alice.press(CANCEL[lang])
        cancelled = await alice.next_message()
        assert (cancelled.text, cancelled.edited, cancelled.buttons) == (
            CANCELLED[lang], True, [])
        await alice.send("terima kasih")
        assert (await alice.next_message()).text != SENT[lang].format(number=NUMBER)
        assert await rows(store, "SELECT id FROM questions") == []
        assert await rows(store, "SELECT chat_id FROM question_drafts") == []
        silent(group)


async def test_only_staff_answer_a_closed_thread_takes_no_answer_and_other_replies_pass(
        sandbox: Sandbox, admin: Person, alice: Person, kadek: Person, group: Group,
        settings: Settings, e2e_database: Path | str, clock: FakeClock) -> None:
    async with office(sandbox, admin, settings, e2e_database, clock, group) as bot:
        store = services_of(bot).store
        await hire(bot, kadek.id, Role.OPERATOR, "Kadek Dwi", by=admin.id)
        await followed_by(bot, alice)
        staff_post = await asked(alice, group, "Kapan?", "id")

        # Ayu is in the staff group too, but is not staff: her reply is refused.
        await alice.send("Saya jawab sendiri", chat=group, reply_to=staff_post)
        assert (await group.next_message()).text == STAFF_ONLY
        await alice.send("/close 1", chat=group)
        assert (await group.next_message()).text == STAFF_ONLY
        pressed = await alice.press("🔒 Tutup", chat=group)
        assert (pressed.text, pressed.show_alert) == (STAFF_ONLY, True)
        assert await rows(store, "SELECT closed_at FROM questions") == [(None,)]
        assert await rows(store, "SELECT id FROM question_answers") == []

        # A clerk's reply to another bot message is not an answer.
        await kadek.send("/view 1", chat=group)
        view = await group.next_message()
        await kadek.send("Oke", chat=group, reply_to=view)
        silent(group)

        await kadek.send("x" * 3501, chat=group, reply_to=staff_post)
        assert (await group.next_message()).text == (
            "Jawaban terlalu panjang: paling banyak 3500 huruf. Tidak ada yang dikirim.")
        assert await rows(store, "SELECT id FROM question_answers") == []

        answer = await kadek.press("🔒 Tutup", chat=group)
        assert answer.text == f"🔒 Pertanyaan #1 ({NUMBER}) ditutup."
        closed = await group.next_message()
        assert (closed.message_id, closed.buttons) == (staff_post.message_id, [])
        await kadek.send("Besok", chat=group, reply_to=staff_post)
        assert (await group.next_message()).text == (
            f"Pertanyaan #1 ({NUMBER}) sudah ditutup: jawaban tidak dikirim.")
        assert await rows(store, "SELECT id FROM question_answers") == []
        quiet(alice)

        # Closed, the chat may ask again; /close closes the new thread.
        await asked(alice, group, "Dan sekarang?", "id")
        await kadek.send("/close 1", chat=group)
        assert (await group.next_message()).text == f"🔒 1 pertanyaan tentang {NUMBER} ditutup."
        await kadek.send("/close 1", chat=group)
        assert (await group.next_message()).text == (
            f"Tidak ada pertanyaan terbuka tentang {NUMBER}.")


@LANGUAGES
async def test_without_a_staff_group_each_admin_gets_the_question_privately(
        sandbox: Sandbox, admin: Person, alice: Person, settings: Settings,
        e2e_database: Path | str, clock: FakeClock, lang: str) -> None:
    async with office(sandbox, admin, settings, e2e_database, clock, None) as bot:
        await speak(alice, lang)
        await followed_by(bot, alice)
        await alice.send(f"/ask {NUMBER} Apakah berkas saya lengkap?")
        assert (await alice.next_message()).text == SENT[lang].format(number=NUMBER)
        staff_post = await admin.next_message()
        assert staff_post.text == post(1, "Apakah berkas saya lengkap?")
        await admin.send("Sudah lengkap.", reply_to=staff_post)
        assert (await admin.next_message()).text == (
            f"✅ Jawaban untuk pertanyaan #1 ({NUMBER}) dikirim ke penanya.")
        assert (await alice.next_message()).text == ANSWER[lang].format(
            number=NUMBER, answer="Sudah lengkap.")


@LANGUAGES
async def test_forgetme_deletes_the_questions_and_a_later_reply_says_so(
        sandbox: Sandbox, admin: Person, alice: Person, group: Group, settings: Settings,
        e2e_database: Path | str, clock: FakeClock, lang: str) -> None:
    async with office(sandbox, admin, settings, e2e_database, clock, group) as bot:
        store = services_of(bot).store
        await speak(alice, lang)
        await followed_by(bot, alice)
        staff_post = await asked(alice, group, "Kapan?", lang)
        await admin.send("Besok.", chat=group, reply_to=staff_post)
        await group.next_message()
        await alice.next_message()
        await alice.send("/forgetme")
        await alice.next_message()
        await alice.press({"id": "🗑 Ya, hapus", "en": "🗑 Yes, delete"}[lang])
        await alice.next_message()
        for table in ("questions", "question_answers", "question_posts", "question_drafts"):
            assert await rows(store, f"SELECT * FROM {table}") == []
        await admin.send("Lusa.", chat=group, reply_to=staff_post)
        assert (await group.next_message()).text == (
            "Pertanyaan ini tidak ada lagi (penanya menghapus datanya): tidak ada yang dikirim.")
        quiet(alice)


async def test_the_digest_lists_questions_unanswered_after_a_working_day(
        sandbox: Sandbox, admin: Person, alice: Person, group: Group, settings: Settings,
        e2e_database: Path | str, clock: FakeClock) -> None:
    async with office(sandbox, admin, settings, e2e_database, clock, group) as bot:
        await followed_by(bot, alice)
        await asked(alice, group, "Kapan?", "id")
        second = await followed_by(bot, alice, "Wayan Sudarma")
        answered = await asked(alice, group, "Berapa?", "id", second)
        await admin.send("Nol.", chat=group, reply_to=answered)
        await group.next_message()
        notices: Notices = bot.bot_data["notices"]
        clock.advance(days=1)  # Tuesday 09:00: within its working day
        assert "Pertanyaan belum" not in await notices.render_digest(clock(), "id")
        clock.advance(days=1)  # Wednesday 09:00: Tuesday has ended
        await notices.send_digest()
        digest = (await group.next_message()).text or ""
        assert digest.endswith("\nPertanyaan belum dijawab lewat 1 hari kerja: 1\n"
                               f"  • #1 · {NUMBER} · ditanyakan 2 Nov 2026 09.00")


async def test_an_answer_is_not_sent_to_a_chat_that_stopped_following(
        sandbox: Sandbox, admin: Person, alice: Person, group: Group, settings: Settings,
        e2e_database: Path | str, clock: FakeClock) -> None:
    async with office(sandbox, admin, settings, e2e_database, clock, group) as bot:
        store = services_of(bot).store
        await followed_by(bot, alice)
        staff_post = await asked(alice, group, "Kapan?", "id")
        await alice.send(f"/unfollow {NUMBER}")
        await alice.next_message()
        await admin.send("Besok.", chat=group, reply_to=staff_post)
        assert (await group.next_message()).text == (
            f"Penanya pertanyaan #1 tidak lagi mengikuti {NUMBER} (berhenti mengikuti, atau "
            "dihapus oleh tanda terima baru): jawaban tidak dikirim.")
        assert await rows(store, "SELECT id FROM question_answers") == []
        quiet(alice)
