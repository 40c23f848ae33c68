"""Staff commands around payment and collection: /fee records the bill (on the move into the
fee stage, or a correction at it); /issue with the permit attached; /collected.

Kept apart from casework.py: the bill has its own parsing (amounts as people write rupiah) and
its own reply.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time

from telegram import Message, Update

from bot.handlers.confirming import PendingChange, ask_to_confirm
from bot.handlers.context import BotContext
from bot.handlers.error_replies import UsageError
from bot.handlers.replying import reply, user_id
from bot.views.staff_keyboards import next_steps_keyboard
from office.dates import format_date
from office.fee_texts import format_amount
from office.texts import text
from storage.workflow import Action

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_CURRENCY = {"rp", "rp.", "idr"}


def read_bill(rest: str) -> tuple[int, str, date | None]:
    """Amount, billing code and the optional due date from `1.250.000 SKRD/2026/0456 [date]`.

    Amounts are written as people write rupiah: `Rp 1.250.000`, `1,250,000`, `1250000`.
    """
    tokens = rest.split()
    if tokens and tokens[0].lower() in _CURRENCY:
        tokens = tokens[1:]
    if tokens and tokens[0].lower().startswith("rp"):
        tokens[0] = tokens[0][2:].lstrip(".")
    due = None
    if len(tokens) == 3 and _DATE.match(tokens[2]):
        year, month, day = (int(part) for part in tokens.pop().split("-"))
        try:
            due = date(year, month, day)
        except ValueError:
            raise UsageError("staff.usage.fee") from None
    digits = tokens[0].replace(".", "").replace(",", "") if tokens else ""
    if len(tokens) != 2 or not digits.isdigit() or len(digits) > 13:
        raise UsageError("staff.usage.fee")
    return int(digits), tokens[1], due


async def fee(update: Update, context: BotContext) -> None:
    """`/fee <number> <amount> <billing code> [YYYY-MM-DD]`: record what the applicant pays."""
    services = context.services
    number, rest = services.staff_number(update, UsageError("staff.usage.fee"))
    amount, billing_code, due_day = read_bill(rest)
    zone, now = services.settings.office.zone, services.store.clock()
    if due_day is not None and due_day < now.astimezone(zone).date():
        raise UsageError("staff.usage.fee")
    days = services.settings.guidance.fee_payment_days
    due = (datetime.combine(due_day, time(23, 59, 59), zone) if due_day is not None
           else services.store.calendar.add_working_days(now, days))
    recorded = await services.store.fees.record(number, amount, billing_code, due,
                                                staff_id=user_id(update))
    language = await services.language(update)
    application = recorded.application
    permit_type = services.store.catalogue.get(application.permit_type)
    await reply(update, text(language, "staff.fee.recorded", number=application.number,
                             amount=format_amount(amount, language), code=billing_code,
                             due=format_date(due, language, zone),
                             stage=permit_type.stage(application.stage).name(language),
                             notified=recorded.notified),
                next_steps_keyboard(application, permit_type, language))


async def collected(update: Update, context: BotContext) -> None:
    """`/collected <number>`: the permit left the counter; its reminder is not sent."""
    services = context.services
    number, _ = services.staff_number(update, UsageError("staff.usage.collected"))
    application = await services.store.pickups.collected(number, staff_id=user_id(update))
    language = await services.language(update)
    await reply(update, text(language, "staff.collected", number=application.number))


def permit_attachment(message: Message | None) -> dict[str, str]:
    """The outbox payload naming the attached permit: a document (PDF, image file) or photo."""
    if message is not None and message.document is not None:
        return {"kind": "document", "file_id": message.document.file_id}
    if message is not None and message.photo:
        return {"kind": "photo", "file_id": message.photo[-1].file_id}
    raise UsageError("staff.usage.number", command="issue")


async def issue_with_permit(update: Update, context: BotContext) -> None:
    """A PDF or photo captioned `/issue <number> [note]`: after the same confirmation as a typed
    `/issue` (a wrong digit would send one applicant's permit to another's followers), issue,
    and send followers the permit."""
    number, rest = context.services.staff_number(update, UsageError("staff.usage.number",
                                                                    command="issue"))
    attachment = permit_attachment(update.effective_message)
    await ask_to_confirm(update, context, PendingChange(
        number, Action.ISSUE, "", rest.strip(), payload=json.dumps(attachment)))
