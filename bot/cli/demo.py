"""`etracking demo`: the bot, a local Telegram stand-in and a demo office, in one terminal.

Nothing leaves the machine: the sandbox plays Telegram on 127.0.0.1, and you type as an
applicant or as a staff member. `--tour` plays a scripted walkthrough and exits.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

from pydantic import SecretStr

from bot.cli.demo_data import SeededApplication, ShiftingClock, seed
from bot.handlers.context import BotApplication
from bot.runtime.lifecycle import running
from bot.wiring import build_bot
from notifications.notices import Notices
from office.settings import Settings
from sandbox import FloodLimits, Person, Sandbox, SentMessage
from storage.models import Role
from storage.store import Store

TOKEN = "777000:DEMO-TOKEN"
# The seeded SIP that is already issued (bot/cli/demo_data.py), and how far back the survey
# starts counting: before every seeded decision.
ISSUED_CASE = 5
SURVEY_SINCE_DAYS = 60
BOT_USERNAME = "etracking_demo_bot"
Say = Callable[[str], None]


async def prepare(settings: Settings, directory: Path, sandbox: Sandbox, staff: Person,
                  respondent: Person | None = None) -> tuple[Settings, list[SeededApplication]]:
    """Demo settings pointed at the sandbox, and a database seeded with the demo office.

    The survey starts counting before the seeded decisions, so the issued demo permit gets its
    invitation; `respondent` follows that permit and will be invited.
    """
    database = directory / "demo.db"
    demo = settings.model_copy(update={
        "telegram": settings.telegram.model_copy(update={
            "token": SecretStr(TOKEN), "base_url": sandbox.base_url,
            "base_file_url": sandbox.base_file_url}),
        "database": settings.database.model_copy(update={"path": database}),
        "staff": settings.staff.model_copy(update={"admin_ids": [staff.user.id],
                                                   "group_chat_id": None}),
    })
    clock = ShiftingClock()
    store = await Store.open(database, demo.catalogue(), demo.calendar(),
                             prefix=demo.office.registration_prefix, clock=clock)
    try:
        await store.staff.add(staff.user.id, Role.ADMIN, "Made Suartana (loket)",
                              by=staff.user.id)
        start = clock.now
        clock.now = start - timedelta(days=SURVEY_SINCE_DAYS)
        await store.surveys.invite_decided(demo.survey.invite_stages)  # sets the watermark
        clock.now = start
        seeded = await seed(store, clock, staff.user.id)
        if respondent is not None:
            issued = await store.applications.get(seeded[ISSUED_CASE].number)
            await store.followers.follow(issued, respondent.user.id, 20)
    finally:
        await store.close()
    return demo, seeded


@contextlib.contextmanager
def logs_to(path: Path) -> Iterator[None]:
    """Log lines go to `path` meanwhile: the terminal is the chat, and a warning printed
    between the bot's messages (a menu the stand-in cannot set) reads as if the bot said it."""
    root = logging.getLogger()
    kept = root.handlers[:]
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(kept[0].formatter if kept else logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s"))
    for screen in kept:
        for log_filter in screen.filters:  # the token filter goes along
            handler.addFilter(log_filter)
    root.handlers[:] = [handler]
    try:
        yield
    finally:
        root.handlers[:] = kept
        handler.close()


def show(who: str, message: SentMessage) -> str:
    """A bot message as the terminal shows it, buttons numbered for pressing."""
    lines = [f"🤖 → {who}{' (edited)' if message.edited else ''}:"]
    if message.photo is not None:
        lines.append(f"   [image, {len(message.photo)} bytes]")
    if message.document is not None:
        lines.append(f"   [document {message.filename}, {len(message.document)} bytes]")
    for line in (message.text or message.caption or "").splitlines():
        lines.append(f"   {line}")
    number = 1
    for row in message.buttons:
        cells = []
        for text, _ in row:
            cells.append(f"[{number}] {text}")
            number += 1
        lines.append("   " + "   ".join(cells))
    for row in (message.reply_markup or {}).get("keyboard", []):
        lines.append("   ⌨ " + "   ".join(f"[{button['text']}]" for button in row))
    return "\n".join(lines)


async def tour(settings: Settings, say: Say = print) -> int:
    """The scripted walkthrough: the menu, a lookup with its estimate, follow, staff advances,
    the notice, a bill and the fee notice, a question to the office and its answer, the survey
    and its IKM in the figures."""
    async with Sandbox(TOKEN, BOT_USERNAME, limits=FloodLimits()) as sandbox:
        ayu = sandbox.add_user("Ayu", last_name="Wulandari", language_code="id")
        made = sandbox.add_user("Made", last_name="Suartana", language_code="id")
        kadek = sandbox.add_user("Kadek", last_name="Lestari", language_code="id")
        with tempfile.TemporaryDirectory(prefix="etracking-demo-") as directory:
            demo, seeded = await prepare(settings, Path(directory), sandbox, made, kadek)
            case = seeded[0]
            async with contextlib.AsyncExitStack() as stack:
                stack.enter_context(logs_to(Path(directory) / "demo.log"))
                app = build_bot(demo)
                await stack.enter_async_context(running(app, poll_timeout=1))
                steps = [
                    (ayu, "Ayu (pemohon)", "/start"),
                    (ayu, "Ayu (pemohon)", "🔎 Cek status"),  # the menu's button
                    (ayu, "Ayu (pemohon)", case.number.lower().replace("-", " ")),
                    (ayu, "Ayu (pemohon)", f"/start {case.number}_{case.access_code}"),
                    (made, "Made (petugas)", "/queue"),
                    (made, "Made (petugas)", f"/advance {case.number} Survei selesai, lanjut "
                                             "rekomendasi teknis // foto lokasi di map 12"),
                ]
                for person, name, typed in steps:
                    say(f"\n👤 {name}: {typed}")
                    await person.send(typed)
                    await _show_replies(person, name, say)
                say("\n… and the applicant is told at once, without asking:")
                say(show("Ayu (pemohon)", await ayu.next_message(timeout=10)))
                say("\n👤 Ayu (pemohon) presses [1] 📄 Lihat status")
                await ayu.press("Lihat status")
                await _show_replies(ayu, "Ayu (pemohon)", say)
                fee = f"/fee {case.number} 1.250.000 SKRD/2026/0456"
                say(f"\n👤 Made (petugas): {fee}")
                await made.send(fee)
                await _show_replies(made, "Made (petugas)", say)
                say("\n… and the applicant learns what to pay, where, and by when:")
                say(show("Ayu (pemohon)", await ayu.next_message(timeout=10)))
                await _question_and_answer(ayu, made, case.number, say)
                say(f"\n👤 Made (petugas): /view {case.number}")
                await made.send(f"/view {case.number}")
                await _show_replies(made, "Made (petugas)", say)
                await _document_steps(case.number, ayu, made, say)
                await _survey(app, kadek, made, say)
    say("\nTour finished: menu, lookup with its estimate, follow by QR link, staff advance, "
        "push notification, fee notice, a question answered by the office, a missing document "
        "handed in and accepted, satisfaction survey and its IKM. ✅")
    return 0


async def _survey(app: BotApplication, kadek: Person, made: Person, say: Say) -> None:
    """Kadek's SIP was issued: the invitation, an answer, a skip, Stop; then the IKM."""
    say("\n… Kadek follows her SIP, issued last week; the survey job (every "
        f"{app.bot_data['services'].settings.survey.invite_every_minutes} minutes) invites her:")
    notices: Notices = app.bot_data["notices"]
    await notices.send_survey_invitations()  # unless the job did it a moment ago
    say(show("Kadek (pemohon)", await kadek.next_message(timeout=10)))
    for button in ("4. Sangat baik", "Lewati", "Berhenti"):
        say(f"\n👤 Kadek (pemohon) presses {button}")
        await kadek.press(button)
        say(show("Kadek (pemohon)", await kadek.next_message(timeout=10)))
    say("\n👤 Made (petugas): /stats")
    await made.send("/stats")
    say(show("Made (petugas)", await made.next_message(timeout=10)))
    # Then the two charts: each is drawn first, which takes a while on a busy machine, so wait
    # for both rather than for a pause (as _show_replies does).
    for _ in range(2):
        say(show("Made (petugas)", await made.next_message(timeout=30)))


async def _question_and_answer(ayu: Person, made: Person, number: str, say: Say) -> None:
    """Ayu asks about her application; without a staff group the admin gets the question
    privately and answers by replying to it; the answer reaches Ayu."""
    question = f"/ask {number} Apakah saya perlu hadir saat rapat tim teknis?"
    say(f"\n👤 Ayu (pemohon): {question}")
    await ayu.send(question)
    await _show_replies(ayu, "Ayu (pemohon)", say)
    post = await made.next_message(timeout=10)
    say(show("Made (petugas)", post))
    answer = "Tidak perlu, Bu. Hasilnya kami kabari lewat bot ini."
    say(f"\n👤 Made (petugas) replies to the question: {answer}")
    await made.send(answer, reply_to=post)
    await _show_replies(made, "Made (petugas)", say)
    say("\n… and the answer reaches the applicant:")
    say(show("Ayu (pemohon)", await ayu.next_message(timeout=10)))


DEMO_PDF = b"%PDF-1.4\n% denah lantai 1\n" + b"0" * 4000 + b"\n%%EOF\n"


async def _document_steps(number: str, ayu: Person, made: Person, say: Say) -> None:
    """Returned for a missing page, handed in by chat, forwarded to the admin, accepted."""
    returned = f"/return {number} Lampirkan gambar denah lantai 1"
    say(f"\n👤 Made (petugas): {returned}")
    await made.send(returned)
    await _show_replies(made, "Made (petugas)", say)
    say("\n… the applicant is told what is missing:")
    say(show("Ayu (pemohon)", await ayu.next_message(timeout=10)))
    say("\n👤 Ayu (pemohon) sends the page as a PDF: denah-lantai-1.pdf")
    await ayu.upload("denah-lantai-1.pdf", DEMO_PDF)
    await _show_replies(ayu, "Ayu (pemohon)", say)
    say("\n… and the office gets it, with buttons (no staff group here: each admin does):")
    say(show("Made (petugas)", await made.next_message(timeout=10)))
    say("\n👤 Made (petugas) presses [1] ✅ Terima")
    await made.press("✅ Terima")
    await _show_replies(made, "Made (petugas)", say)
    say("\n… and the application resumes; the applicant is told:")
    say(show("Ayu (pemohon)", await ayu.next_message(timeout=10)))


async def _show_replies(person: Person, name: str, say: Say) -> None:
    """Print the first reply (deadline 10 s), then any that follow straight after.

    A chat gets about one message a second (Telegram's pace, which the sandbox keeps), so the
    wait for the next one is a little longer than that.
    """
    say(show(name, await person.next_message(timeout=10)))
    with contextlib.suppress(AssertionError):
        while True:
            say(show(name, await person.next_message(timeout=1.5)))


async def interactive(settings: Settings) -> int:
    """A terminal chat: type as the applicant, `/as staff` to switch, `#N` to press button N."""
    async with Sandbox(TOKEN, BOT_USERNAME, limits=FloodLimits()) as sandbox:
        people = {"applicant": sandbox.add_user("Ayu", last_name="Wulandari",
                                                language_code="id"),
                  "staff": sandbox.add_user("Made", last_name="Suartana", language_code="id")}
        with tempfile.TemporaryDirectory(prefix="etracking-demo-") as directory:
            demo, seeded = await prepare(settings, Path(directory), sandbox, people["staff"])
            log = Path(directory) / "demo.log"
            print(INTRO.format(log=log, numbers="\n".join(
                f"  {s.number}  code {s.access_code}  {s.applicant}" for s in seeded)))
            async with contextlib.AsyncExitStack() as stack:
                stack.enter_context(logs_to(log))
                await stack.enter_async_context(running(build_bot(demo), poll_timeout=5))
                watchers = [asyncio.create_task(_watch(person, role))
                            for role, person in people.items()]
                try:
                    await _chat(people)
                finally:
                    for watcher in watchers:
                        watcher.cancel()
    return 0


INTRO = """E-Tracking demo — a local Telegram stand-in; nothing leaves this machine.
Demo applications (number, access code, applicant):
{numbers}
You are the applicant. Type messages or commands (/help). `/as staff` or `/as applicant`
switches who you are (staff: /help, /queue, /view 1, /advance 1 note …). `#2` presses button 2
of the last message that has buttons; a menu button (⌨) is typed as its label; `> text` answers
the bot's last message as a reply (when it asks for a reason). `/myid` shows your Telegram id.
`/quit` ends. Log lines go to {log}, not here."""


async def _watch(person: Person, role: str) -> None:
    while True:
        with contextlib.suppress(AssertionError):
            print("\n" + show(role, await person.next_message(timeout=3600)), flush=True)


async def _chat(people: dict[str, Person]) -> None:
    role = "applicant"
    while True:
        line = (await asyncio.to_thread(sys.stdin.readline))
        if not line or line.strip() == "/quit":
            return
        typed = line.strip()
        person = people[role]
        if typed.startswith("/as "):
            role = typed.split()[1] if typed.split()[1] in people else role
            print(f"(you are now the {role})")
        elif typed.startswith("#") and typed[1:].isdigit():
            await _press(person, int(typed[1:]))
        elif typed.startswith(">") and person.messages:
            # Answers a question the bot asked "as a reply to this message".
            await person.send(typed[1:].strip(), reply_to=person.last_message)
        elif typed:
            await person.send(typed)


async def _press(person: Person, index: int) -> None:
    # The menu's keyboard message has no inline buttons: the last one that has them counts.
    with_buttons = [message for message in person.messages if message.buttons]
    if not with_buttons:
        print(f"(no button {index} on the last message)")
        return
    buttons = [text for row in with_buttons[-1].buttons for text, _ in row]
    if not 1 <= index <= len(buttons):
        print(f"(no button {index} on the last message)")
        return
    with contextlib.suppress(AssertionError):
        answer = await person.press(buttons[index - 1])
        if answer.text:  # Telegram shows it as a brief notice over the chat
            print(f"(notice: {answer.text})", flush=True)
