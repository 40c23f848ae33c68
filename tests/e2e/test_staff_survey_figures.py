"""The survey's IKM in `/stats` through the sandbox: three applicants answer, staff read it."""

from __future__ import annotations

import io

from PIL import Image

from bot.handlers.context import BotApplication
from notifications.notices import Notices
from sandbox import Person, Sandbox
from storage.models import Role
from storage.workflow import Action
from tests.conftest import FakeClock, eventually
from tests.e2e.applicant_steps import LANGUAGES, NUMBER, register, speak, staff_id, store_of
from tests.e2e.office import ADMIN_ONLY, ask, hire
from tests.storage.test_satisfaction import RESPONSES

ANSWERS = ["1. Tidak baik", "2. Kurang baik", "3. Baik", "4. Sangat baik"]
SKIP, FINISH = "⏭ Lewati", "✅ Selesai"
THANKS = "🙏 Terima kasih, tanggapan Anda sudah tercatat."
# The hand-worked example of tests/storage/test_satisfaction.py (71.30, band C), with the
# three invitations delivered: a response rate of 100%.
FIGURES = {
    "id": "Kepuasan (IKM) · 71,30 (C Kurang Baik) · 3 tanggapan dari 3 undangan (100%)\n"
          "• U1 Persyaratan: rata-rata 3,00 → 75,00 (C) · 3 jawaban\n"
          "• U2 Prosedur: rata-rata 3,00 → 75,00 (C) · 2 jawaban\n"
          "• U3 Waktu penyelesaian: rata-rata 2,67 → 66,67 (C) · 3 jawaban\n"
          "• U4 Biaya/tarif: rata-rata 2,67 → 66,67 (C) · 3 jawaban\n"
          "• U5 Produk layanan: rata-rata 3,00 → 75,00 (C) · 3 jawaban\n"
          "• U6 Kompetensi pelaksana: rata-rata 3,33 → 83,33 (B) · 3 jawaban\n"
          "• U7 Perilaku pelaksana: rata-rata 3,33 → 83,33 (B) · 3 jawaban\n"
          "• U8 Penanganan pengaduan: rata-rata 2,00 → 50,00 (D) · 3 jawaban\n"
          "• U9 Sarana dan prasarana: rata-rata 2,67 → 66,67 (C) · 3 jawaban",
    "en": "Satisfaction (IKM) · 71.30 (C Below good) · 3 responses of 3 invitations (100%)\n"
          "• U1 Requirements: mean 3.00 → 75.00 (C) · 3 answers\n"
          "• U2 Procedure: mean 3.00 → 75.00 (C) · 2 answers\n"
          "• U3 Time: mean 2.67 → 66.67 (C) · 3 answers\n"
          "• U4 Cost: mean 2.67 → 66.67 (C) · 3 answers\n"
          "• U5 Product: mean 3.00 → 75.00 (C) · 3 answers\n"
          "• U6 Staff competence: mean 3.33 → 83.33 (B) · 3 answers\n"
          "• U7 Staff behaviour: mean 3.33 → 83.33 (B) · 3 answers\n"
          "• U8 Complaints handling: mean 2.00 → 50.00 (D) · 3 answers\n"
          "• U9 Facilities: mean 2.67 → 66.67 (C) · 3 answers",
}
NONE = {"id": "Kepuasan (IKM) · belum ada tanggapan survei pada periode ini (0 undangan terkirim)",
        "en": "Satisfaction (IKM) · no survey responses in this period (0 invitations delivered)"}
CHARTS = {"id": ("📈 Diterima dan terbit per bulan, dengan persentase tepat waktu",
                 "📊 Jawaban survei per unsur (1-4), dengan IKM tiap unsur"),
          "en": ("📈 Received and issued per month, with the on-time share",
                 "📊 Survey answers per element (1-4), with each one's IKM")}


async def three_responses(bot: BotApplication, sandbox: Sandbox, clock: FakeClock) -> None:
    """An issued application followed by three chats, each answering as in RESPONSES."""
    store = store_of(bot)
    notices: Notices = bot.bot_data["notices"]
    assert await notices.send_survey_invitations() == 0  # the first run only starts counting
    clock.advance(minutes=1)
    application, _ = await register(bot)
    while application.stage != "issued":
        application = (await store.applications.change(NUMBER, Action.ADVANCE,
                                                       staff_id=staff_id(bot))).application
    people = [sandbox.add_user(name, language_code="id") for name in ("Ketut", "Nyoman", "Putu")]
    for person in people:
        await store.followers.follow(application, person.id, 20)
    assert await notices.send_survey_invitations() == 3
    for person, response in zip(people, RESPONSES, strict=True):
        await person.next_message()  # the invitation with the first question
        for value in response:
            await person.press(SKIP if value is None else ANSWERS[value - 1])
            await person.next_message()  # the next question, edited in place
        await person.press(FINISH)
        assert (await person.next_message()).text == THANKS

    async def delivered() -> bool:
        return bool(await store.database.fetch_value(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'survey_invite' AND status = 'sent'") == 3)

    await eventually(delivered, what="three invitations recorded as delivered")


@LANGUAGES
async def test_stats_shows_the_hand_worked_ikm_and_the_chart_per_element(
        bot_with_clock: BotApplication, sandbox: Sandbox, admin: Person, clock: FakeClock,
        lang: str) -> None:
    await three_responses(bot_with_clock, sandbox, clock)
    await speak(admin, lang)
    figures = (await ask(admin, "/stats 2026-11")).text or ""
    assert figures.endswith("\n\n" + FIGURES[lang])
    # Charts are drawn before they are sent: on a busy machine that takes a while.
    first, second = await admin.next_message(timeout=30), await admin.next_message(timeout=30)
    assert (first.caption, second.caption) == CHARTS[lang]
    assert second.photo is not None
    assert Image.open(io.BytesIO(second.photo)).size == (900, 700)
    # Another month had no responses: said so, and no survey chart.
    october = (await ask(admin, "/stats 2026-10")).text or ""
    assert october.endswith("\n\n" + NONE[lang])
    assert (await admin.next_message(timeout=30)).caption == CHARTS[lang][0]


COMMENTS = {
    "id": "💬 Komentar survei · Nov 2026\n2 terbaru dari 2, tanpa nama pemohon\n"
          "• 2 Nov 2026: Petugas <b>ramah</b> & cepat " + "x" * 270 + "…\n"
          "• 2 Nov 2026: Antrean panjang",
    "en": "💬 Survey comments · Nov 2026\nThe newest 2 of 2, without names\n"
          "• 2 Nov 2026: Petugas <b>ramah</b> & cepat " + "x" * 270 + "…\n"
          "• 2 Nov 2026: Antrean panjang",
}
NO_COMMENTS = {"id": "💬 Belum ada komentar survei pada periode Okt 2026.",
               "en": "💬 No survey comments in Oct 2026."}
COMMENTS_USAGE = {
    "id": "Cara: /comments (bulan ini), /comments 2026-11 (sebulan), /comments 2026 (setahun) "
          "atau /comments 2026-01-01 2026-03-31 (dari tanggal sampai tanggal)",
    "en": "Usage: /comments (this month), /comments 2026-11 (a month), /comments 2026 (a year) "
          "or /comments 2026-01-01 2026-03-31 (from date to date)"}


async def commented(bot: BotApplication, sandbox: Sandbox, clock: FakeClock,
                    comments: list[str]) -> None:
    """An issued application; one follower per comment skips the nine questions, then types
    the comment (for an empty one: presses Finish), a minute after the one before."""
    store = store_of(bot)
    notices: Notices = bot.bot_data["notices"]
    assert await notices.send_survey_invitations() == 0
    clock.advance(minutes=1)
    application, _ = await register(bot)
    while application.stage != "issued":
        application = (await store.applications.change(NUMBER, Action.ADVANCE,
                                                       staff_id=staff_id(bot))).application
    people = [sandbox.add_user(f"Pemohon {n}", language_code="id") for n in range(len(comments))]
    for person in people:
        await store.followers.follow(application, person.id, 20)
    assert await notices.send_survey_invitations() == len(people)
    for person, comment in zip(people, comments, strict=True):
        await person.next_message()
        for _ in range(9):
            await person.press(SKIP)
            await person.next_message()
        if comment:
            await person.send(comment)
        else:
            await person.press(FINISH)
        assert (await person.next_message()).text == THANKS
        clock.advance(minutes=1)


@LANGUAGES
async def test_admins_read_the_newest_comments_escaped_and_cut(
        bot_with_clock: BotApplication, sandbox: Sandbox, admin: Person, clock: FakeClock,
        lang: str) -> None:
    long = "Petugas <b>ramah</b>\n& cepat " + "x" * 400
    await commented(bot_with_clock, sandbox, clock, ["Antrean panjang", "", long])
    await speak(admin, lang)
    shown = await ask(admin, "/comments 2026-11")
    assert shown.text == COMMENTS[lang]
    assert "&lt;b&gt;ramah&lt;/b&gt; &amp; cepat" in (shown.html or "")
    assert (await ask(admin, "/comments 2026-10")).text == NO_COMMENTS[lang]
    assert (await ask(admin, "/comments november")).text == COMMENTS_USAGE[lang]


async def test_comments_are_for_admins_in_a_private_chat(
        bot_with_clock: BotApplication, sandbox: Sandbox, admin: Person,
        clock: FakeClock) -> None:
    await commented(bot_with_clock, sandbox, clock, ["Antrean panjang"])
    clerk = sandbox.add_user("Kadek", language_code="id")
    await hire(bot_with_clock, clerk.user.id, Role.OPERATOR, "Kadek Dwi", by=admin.user.id)
    assert (await ask(clerk, "/comments 2026-11")).text == ADMIN_ONLY
    group = sandbox.add_group("Bukan grup petugas", admins=[admin])
    await admin.send("/comments 2026-11", chat=group)
    assert (await group.next_message()).text == (
        "Perintah ini mengirim berkas data kantor; pakai di obrolan pribadi dengan bot.")
