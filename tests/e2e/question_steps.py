"""Steps and expected texts the question end-to-end tests share (written out by hand)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.handlers.context import BotApplication
from bot.runtime.lifecycle import running
from bot.wiring import build_bot
from office.settings import Settings
from sandbox import Group, Person, Sandbox, SentMessage
from storage.store import Store
from tests.conftest import FakeClock
from tests.e2e.applicant_steps import NUMBER
from tests.e2e.conftest import sandbox_settings, services_of

SECOND = "JBR-2026-000002"
ASK = {"id": "💬 Tanya petugas", "en": "💬 Ask the office"}
PROMPT = {"id": "✍️ Tulis pertanyaan Anda tentang {number} dalam satu pesan (paling banyak 1000 "
                "huruf). Petugas akan menjawab di sini.",
          "en": "✍️ Type your question about {number} in one message (at most 1000 characters). "
                "The office will answer here."}
CANCEL = {"id": "Batal", "en": "Cancel"}
CANCELLED = {"id": "Dibatalkan. Tidak ada pertanyaan yang dikirim.",
             "en": "Cancelled. No question was sent."}
SENT = {"id": "✅ Pertanyaan Anda tentang {number} sudah diteruskan ke petugas. Jawabannya akan "
              "dikirim di sini.",
        "en": "✅ Your question about {number} has been passed to the office. The answer will "
              "come here."}
ANSWER = {"id": "💬 Jawaban petugas atas pertanyaan Anda tentang {number}:\n{answer}",
          "en": "💬 The office answers your question about {number}:\n{answer}"}
STATUS = {"id": "📄 Lihat status", "en": "📄 View status"}
NOT_FOLLOWING = {
    "id": "Anda hanya dapat bertanya tentang permohonan yang Anda ikuti. Ikuti dulu {number} "
          "dengan kode akses pada tanda terimanya: /follow {number} 123456.",
    "en": "You can only ask about an application you follow. Follow {number} first with the "
          "access code on its receipt: /follow {number} 123456."}
TOO_LONG = {"id": "Pertanyaan terlalu panjang: paling banyak 1000 huruf. Persingkat lalu kirim "
                  "lagi; tidak ada yang dikirim.",
            "en": "Your question is too long: at most 1000 characters. Please shorten it and "
                  "send it again; nothing was sent."}
WAITING = {"id": "Pertanyaan Anda tentang {number} belum dijawab. Mohon tunggu jawabannya "
                 "sebelum bertanya lagi.",
           "en": "Your question about {number} has not been answered yet. Please wait for the "
                 "answer before asking again."}
DAILY = {"id": "Batas 2 pertanyaan per hari sudah tercapai. Silakan bertanya lagi besok, atau "
               "telepon kantor.",
         "en": "You have reached the limit of 2 questions a day. Please ask again tomorrow, or "
               "call the office."}
USAGE = {"id": "Untuk bertanya kepada petugas tentang permohonan yang Anda ikuti: /ask "
               "JBR-2026-000123 pertanyaan Anda, atau tekan 💬 Tanya petugas pada kartunya.",
         "en": "To ask the office about an application you follow: /ask JBR-2026-000123 your "
               "question, or press 💬 Ask the office on its card."}


def post(question_id: int, question: str, number: str = NUMBER,
         stage: str = "Berkas diterima", name: str = "I***** W*****") -> str:
    """The question as the staff group reads it (the office's language, Indonesian)."""
    return (f"❓ Pertanyaan #{question_id} · {number}\nTahap: {stage}\nPemohon: {name}\n\n"
            f"{question}\n\n↩️ Balas pesan ini untuk menjawab; jawaban dikirim ke penanya.")


@asynccontextmanager
async def office(sandbox: Sandbox, admin: Person, settings: Settings, database: Path | str,
                 clock: FakeClock, group: Group | None) -> AsyncIterator[BotApplication]:
    """The bot with the test's clock, a staff group if given, and two questions a day."""
    configured = sandbox_settings(settings, sandbox, database, [admin.user.id])
    configured = configured.model_copy(update={
        "staff": configured.staff.model_copy(update={
            "group_chat_id": group.id if group else None}),
        "questions": configured.questions.model_copy(update={"per_day": 2})})
    app = build_bot(configured, clock=clock)
    async with running(app, poll_timeout=1):
        yield app


async def followed_by(bot: BotApplication, person: Person, name: str = "Ida Wulandari") -> str:
    """A new application the person follows; its number."""
    store = services_of(bot).store
    application, _ = await store.applications.create("PBG", name, staff_id=staff(bot))
    await store.followers.follow(application, person.id, 20)
    return application.number


def silent(group: Group) -> None:
    """The bot has sent or edited nothing in the group the test has not read yet."""
    chat = group.chat
    assert not chat.events[chat.cursor:], [str(event) for event in chat.events[chat.cursor:]]


def staff(bot: BotApplication) -> int:
    """The configured admin."""
    return services_of(bot).settings.staff.admin_ids[0]


async def rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    """Every row of a query, as tuples."""
    return [tuple(row) for row in await store.database.fetch_all(sql)]


async def asked(person: Person, group: Group, text: str, lang: str,
                number: str = NUMBER) -> SentMessage:
    """The person sends `/ask`; returns the post the staff group got."""
    await person.send(f"/ask {number} {text}")
    assert (await person.next_message()).text == SENT[lang].format(number=number)
    return await group.next_message()
