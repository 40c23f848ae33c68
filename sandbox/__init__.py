"""A fake Telegram Bot API server for end-to-end tests, reliability drills, benchmarks and demos.

async with Sandbox(token=TOKEN) as sandbox:
    bot = Bot(TOKEN, base_url=sandbox.base_url, base_file_url=sandbox.base_file_url)
    alice = sandbox.add_user("Ayu", language_code="id")
    await alice.send("/start")
    reply = await alice.next_message()
"""

from sandbox.faults import Faults
from sandbox.harness import Sandbox
from sandbox.limits import FloodLimits
from sandbox.markup import MarkupError, ParsedText, parse_html
from sandbox.people import Group, Person
from sandbox.records import CallbackAnswer, RequestRecord, SentMessage

__all__ = [
    "CallbackAnswer",
    "Faults",
    "FloodLimits",
    "Group",
    "MarkupError",
    "ParsedText",
    "Person",
    "RequestRecord",
    "Sandbox",
    "SentMessage",
    "parse_html",
]
