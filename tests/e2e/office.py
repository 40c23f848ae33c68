"""Helpers the staff end-to-end tests share: a bot built to order, seeded records, snapshots."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.handlers.context import BotApplication
from bot.runtime.lifecycle import running
from bot.wiring import build_bot
from office.settings import Settings
from sandbox import Person, Sandbox, SentMessage
from storage.clock import Clock, system_clock
from storage.models import Application, Role, StaffMember
from storage.store import Store
from storage.workflow import Action
from tests.e2e.conftest import sandbox_settings, services_of

ACCESS_CODE = "123456"
STAFF_ONLY = "Perintah ini khusus untuk petugas kantor."
ADMIN_ONLY = "Perintah ini khusus untuk admin."


@asynccontextmanager
async def office_bot(sandbox: Sandbox, admin: Person, settings: Settings, database: Path | str, *,
                     clock: Clock = system_clock,
                     group_chat_id: int | None = None) -> AsyncIterator[BotApplication]:
    """The real application polling the sandbox, with a clock and a staff group if given."""
    configured = sandbox_settings(settings, sandbox, database, [admin.user.id])
    configured = configured.model_copy(update={
        "staff": configured.staff.model_copy(update={"group_chat_id": group_chat_id})})
    app = build_bot(configured, clock=clock)
    async with running(app, poll_timeout=1):
        yield app


async def ask(person: Person, command: str) -> SentMessage:
    """Send a message and return the bot's next message in that private chat."""
    await person.send(command)
    return await person.next_message()


def shown(message: SentMessage) -> str:
    """The text or caption of a message, as the user reads it."""
    return message.text if message.text is not None else message.caption or ""


async def register(store: Store, staff_id: int, permit_type: str = "PBG",
                   name: str = "I Wayan Sudarma", contact: str = "0812 3456 7890",
                   code: str = ACCESS_CODE) -> Application:
    """An application registered straight in the store, with a known access code."""
    application, _ = await store.applications.create(permit_type, name, staff_id=staff_id,
                                                     contact=contact, access_code=code)
    return application


REASON_EXAMPLES = {
    "move": "/move 123 received Berkas perlu dicek ulang",
    "return": "/return 123 Lampirkan IMB lama", "reject": "/reject 123 Lokasi di jalur hijau",
    "withdraw": "/withdraw 123 Pemohon pindah kota", "note": "/note 123 Survei dijadwalkan Kamis",
}


def reason_needed(action: str) -> str:
    """The Indonesian reply to a command that needs a reason and has none."""
    return (f"Tidak ada yang diubah: perintah {action} memerlukan alasan atau catatan, mis. "
            f"{REASON_EXAMPLES[action]}")


async def advance_to(store: Store, number: str, stage: str, staff_id: int) -> Application:
    """Advance the application stage by stage until it reaches `stage`."""
    application = await store.applications.get(number)
    while application.stage != stage:
        change = await store.applications.change(number, Action.ADVANCE, staff_id=staff_id)
        application = change.application
    return application


async def hire(bot: BotApplication, user_id: int, role: Role, name: str,
               by: int) -> StaffMember:
    """Add a staff member in the store and refresh the bot's roster, as /staff add does."""
    services = services_of(bot)
    member = await services.store.staff.add(user_id, role, name, by=by)
    services.directory.load(await services.store.staff.members())
    return member


@dataclass(frozen=True)
class Snapshot:
    """What a staff command could change, read from the store."""

    stage: str
    history: int
    audit: int
    open_applications: int
    staff: tuple[tuple[int, str, str], ...]
    outbox: tuple[tuple[str, int], ...]
    code_works: bool


async def snapshot(store: Store, number: str) -> Snapshot:
    """The state of one application and of the office around it."""
    application = await store.applications.get(number)
    return Snapshot(
        stage=application.stage,
        history=len(await store.applications.history(application.id)),
        audit=len(await store.audit.latest(1000)),
        open_applications=await store.worklists.count_open(),
        staff=tuple((m.user_id, m.role.value, m.name) for m in await store.staff.members()),
        outbox=tuple(sorted((s.value, n) for s, n in (await store.outbox.counts()).items())),
        code_works=await store.applications.verify_access_code(number, ACCESS_CODE),
    )


CONFIRM = {"id": "Ya, lanjutkan", "en": "Yes, go ahead"}


async def confirm(person: Person, lang: str = "id") -> SentMessage:
    """Press Confirm under the last question; the bot's answer after the buttons go."""
    await person.press(CONFIRM[lang])
    assert (await person.next_message()).buttons == []
    return await person.next_message()
