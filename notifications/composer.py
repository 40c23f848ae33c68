"""What each outbox row says, rendered when it is sent, in the follower's current language."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace

from telegram import Bot, InlineKeyboardMarkup

from office.buttons import open_status_keyboard
from office.dates import format_date
from office.document_views import review_notice, staff_forward
from office.estimate_texts import estimate_line
from office.fee_texts import fee_lines
from office.settings import OfficeSettings, Settings
from office.survey_views import survey_invitation
from office.texts import Html, join, text
from storage.estimates import Estimate
from storage.fees import Fee
from storage.models import Application, HistoryEntry, OutboxMessage
from storage.store import Store
from storage.workflow import FEE_STAGE, ISSUED, REJECTED, RETURNED, WITHDRAWN, PermitType


@dataclass(frozen=True)
class Composed:
    """A message ready to send."""

    text: Html
    markup: InlineKeyboardMarkup | None
    # The permit attached to /issue: ("document" | "photo", Telegram file id); text is its caption.
    attachment: tuple[str, str] | None = None


CAPTION_LIMIT = 1024


async def send_composed(bot: Bot, chat_id: int, composed: Composed) -> None:
    """One Bot API call per outbox row: the text, or the attached permit with it as caption."""
    if composed.attachment is None:
        await bot.send_message(chat_id, composed.text, reply_markup=composed.markup)
    elif composed.attachment[0] == "photo":
        await bot.send_photo(chat_id, composed.attachment[1], caption=composed.text,
                             reply_markup=composed.markup)
    else:
        await bot.send_document(chat_id, composed.attachment[1], caption=composed.text,
                                reply_markup=composed.markup)


def with_attachment(composed: Composed, payload: dict[str, object]) -> Composed:
    """The notice with the permit staff attached to /issue, its text cut to a caption's size.

    The staff note comes last in a notice: lines are dropped from the end until it fits.
    """
    kind, file_id = payload.get("kind"), payload.get("file_id")
    if kind not in ("document", "photo") or not isinstance(file_id, str) or not file_id:
        return composed
    lines = composed.text.split("\n")
    while len(lines) > 1 and len("\n".join(lines)) > CAPTION_LIMIT:
        lines.pop()
    return replace(composed, text=Html("\n".join(lines)[:CAPTION_LIMIT]),
                   attachment=(str(kind), file_id))


def render_change(application: Application, entry: HistoryEntry, permit_type: PermitType,
                  language: str, settings: Settings, fee: Fee | None = None,
                  estimate: Estimate | None = None) -> Html:
    """The notice for a stage change or a note, with wording for each outcome; `fee` is the
    bill recorded on the move into the fee stage, `estimate` the time still ahead."""
    office, zone = settings.office, settings.office.zone
    number, type_name = application.number, permit_type.name(language)
    note = entry.public_note
    if entry.action == "undo":
        # One short correction: the undone notice said enough about the stage it announced.
        return text(language, "notify.undone", number=number,
                    stage=permit_type.stage(entry.to_stage).name(language))
    if entry.action == "note":
        return join([text(language, "notify.note", number=number),
                     text(language, "notify.public_note", note=note)])
    if entry.to_stage == ISSUED:
        lines = [text(language, "notify.issued", number=number, permit_type=type_name),
                 text(language, "notify.pickup", office=office.name,
                      address=office.address or office.name,
                      hours=office.pickup(language) or "-")]
    elif entry.to_stage == REJECTED:
        lines = [text(language, "notify.rejected", number=number, permit_type=type_name),
                 text(language, "notify.reason", reason=note),
                 text(language, "notify.rejected_next", office=office.name,
                      phone=_phone(office))]
        note = ""
    elif entry.to_stage == WITHDRAWN:
        lines = [text(language, "notify.withdrawn", number=number, permit_type=type_name)]
    elif entry.to_stage == RETURNED:
        lines = [text(language, "notify.returned", number=number),
                 text(language, "notify.missing", note=note),
                 *returned_next_steps(entry, language, settings)]
        note = ""
    else:
        from_name = permit_type.stage(entry.from_stage).name(language) if entry.from_stage else "-"
        lines = [text(language, "notify.change", number=number, from_stage=from_name,
                      to_stage=permit_type.stage(entry.to_stage).name(language))]
        if entry.to_stage == FEE_STAGE and fee is not None:
            lines += fee_lines(fee, language, zone, settings.guidance.payment(language))
        if permit_type.stage(entry.to_stage).waits_on_applicant:
            # Say whose turn it is; the staff note below says what to do.
            lines.append(text(language, "notify.your_turn", office=office.name,
                              phone=_phone(office)))
        else:
            lines.append(text(language, "notify.due",
                              due=format_date(entry.due_at, language, zone)))
            if estimate is not None:
                lines.append(estimate_line(estimate, settings.calendar(), entry.at, language))
    if note:
        lines.append(text(language, "notify.public_note", note=note))
    return join(lines)


def render_collect_reminder(application: Application, permit_type: PermitType, language: str,
                            settings: Settings) -> Html:
    """The permit has waited at the counter: where and when to collect it."""
    office = settings.office
    issued = application.decided_at or application.stage_entered_at
    return join([text(language, "notify.collect_reminder", number=application.number,
                      permit_type=permit_type.name(language),
                      date=format_date(issued, language, office.zone)),
                 text(language, "notify.pickup", office=office.name,
                      address=office.address or office.name,
                      hours=office.pickup(language) or "-")])


def returned_next_steps(entry: HistoryEntry, language: str, settings: Settings) -> list[Html]:
    """Where and how to hand in what is missing, by when, whom to call; the clock is paused."""
    office = settings.office
    deadline = settings.calendar().add_working_days(entry.at, settings.guidance.resubmit_days)
    lines = [text(language, "notify.resubmit_where", office=office.name,
                  address=office.address or office.name, hours=office.opening(language) or "-"),
             text(language, "notify.resubmit_by", date=format_date(deadline, language,
                                                                   office.zone),
                  days=settings.guidance.resubmit_days)]
    if office.phone:
        lines.append(text(language, "notify.questions", phone=office.phone))
    lines.append(text(language, "notify.clock_paused"))
    return lines


def _phone(office: OfficeSettings) -> str:
    """`, (0365) 41210` after the office's name in notices, or nothing."""
    return f", {office.phone}" if office.phone else ""


# Renderings kept at most (a drain forgets them all when it ends anyway).
_REMEMBERED = 1024

ChangeKey = tuple[str, int | None, int, str]


class Composer:
    """Turns outbox rows into messages, reading what they refer to from the store.

    A change followed by ten thousand chats is ten thousand rows saying the same thing in one
    of two languages: `prepare` reads a batch's languages in one query and a change is
    rendered once per language, until `forget` (the end of a drain).
    """

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._languages: dict[int, str] = {}
        self._changes: dict[ChangeKey, Composed] = {}

    async def prepare(self, messages: Sequence[OutboxMessage]) -> None:
        """Read the current language of every chat in a claimed batch at once."""
        chosen = await self.store.outbox.languages(message.chat_id for message in messages)
        default = self.store.followers.default_language
        self._languages.update({message.chat_id: chosen.get(message.chat_id, default)
                                for message in messages})

    def forget(self) -> None:
        """Drop the languages and renderings remembered so far."""
        self._languages.clear()
        self._changes.clear()

    async def compose(self, message: OutboxMessage) -> Composed:
        """The text and buttons for one outbox row."""
        language = self._languages.get(message.chat_id)
        if language is None:
            language = (await self.store.followers.chat(message.chat_id)).language
        payload = json.loads(message.payload or "{}")
        if message.kind in ("broadcast", "digest"):
            body = payload.get("html") or text(language, "notify.broadcast",
                                               office=self.settings.office.name,
                                               text=payload.get("text", ""))
            return Composed(Html(body), None)
        assert message.application_id is not None
        if message.kind in ("change", "note", "undo") and message.history_id is not None:
            # A history row never changes, nor do the number and permit type it is about.
            key = (message.kind, message.application_id, message.history_id, language)
            composed = self._changes.get(key)
            if composed is None:
                composed = await self._compose_change(message.application_id,
                                                      message.history_id, language)
                if len(self._changes) >= _REMEMBERED:
                    self._changes.clear()
                self._changes[key] = composed
            return with_attachment(composed, payload) if payload else composed
        application = await self.store.applications.get_by_id(message.application_id)
        permit_type = self.store.catalogue.get(application.permit_type)
        if message.kind in ("document", "document_review"):
            return self._compose_document(message.kind, application, permit_type, payload,
                                          language)
        # A chat cut off by a new receipt gets no status button: it no longer follows.
        markup = (None if message.kind == "receipt_replaced"
                  else open_status_keyboard(application.number, language))
        if message.kind == "fee":
            return Composed(await self._render_fee(application, language), markup)
        if message.kind == "answer":  # a clerk's reply to the chat's question
            number, answer = await self.store.questions.answer_for(int(payload["answer"]))
            return Composed(text(language, "notify.answer", number=number, answer=answer),
                            markup)
        if message.kind == "survey_invite":
            return Composed(*survey_invitation(self.settings.survey, language, application.id,
                                               application.number, permit_type.name(language)))
        if message.kind == "collect_reminder":
            return Composed(render_collect_reminder(application, permit_type, language,
                                                    self.settings), markup)
        return Composed(self._render_notice(message.kind, application, permit_type, payload,
                                            language), markup)

    @staticmethod
    def _compose_document(kind: str, application: Application, permit_type: PermitType,
                          payload: dict[str, object], language: str) -> Composed:
        """A handed-in file forwarded to staff with its review buttons (by Telegram's file id:
        nothing is uploaded again), or the sender told how staff decided."""
        document_id = int(str(payload.get("document_id", 0)))
        if kind == "document_review":
            return Composed(review_notice(document_id, application.number,
                                          str(payload.get("status", "")),
                                          str(payload.get("note", "")), language),
                            open_status_keyboard(application.number, language))
        caption, markup = staff_forward(
            document_id, application.number, permit_type.stage(application.stage).name(language),
            str(payload.get("name", "")), str(payload.get("kind", "")),
            str(payload.get("mime_type", "")), int(str(payload.get("size", 0))), language)
        return with_attachment(Composed(caption, markup), payload)

    async def _compose_change(self, application_id: int, history_id: int,
                              language: str) -> Composed:
        application = await self.store.applications.get_by_id(application_id)
        permit_type = self.store.catalogue.get(application.permit_type)
        entry = await self.store.applications.history_entry(history_id)
        fee = (await self.store.fees.find(application.id) if entry.to_stage == FEE_STAGE
               else None)
        guidance = self.settings.guidance
        # The estimate from where it stands now, if it has not moved on since this step.
        estimate = (await self.store.estimates.estimate(
            application, min_sample=guidance.estimate_min_sample, months=guidance.estimate_months)
            if entry.action != "note" and application.stage == entry.to_stage else None)
        return Composed(render_change(application, entry, permit_type, language, self.settings,
                                      fee, estimate),
                        open_status_keyboard(application.number, language))

    async def _render_fee(self, application: Application, language: str) -> Html:
        """A bill recorded or corrected at the fee stage: what, where and how, by when."""
        office = self.settings.office
        fee = await self.store.fees.find(application.id)
        lines = [text(language, "notify.fee", number=application.number)]
        if fee is not None:
            lines += fee_lines(fee, language, office.zone, self.settings.guidance.payment(language))
        if office.phone:
            lines.append(text(language, "notify.questions", phone=office.phone))
        return join(lines)

    def _render_notice(self, kind: str, application: Application, permit_type: PermitType,
                       payload: dict[str, object], language: str) -> Html:
        zone, office = self.settings.office.zone, self.settings.office
        if kind == "reminder":
            return text(language, "notify.waiting_reminder", number=application.number,
                        date=format_date(application.stage_entered_at, language, zone),
                        days=payload.get("days", 0),
                        stage=permit_type.stage(application.stage).name(language))
        phone = _phone(office)
        if kind == "receipt_replaced":
            return text(language, "notify.receipt_replaced", number=application.number,
                        office=office.name, phone=phone)
        return text(language, "notify.overdue", number=application.number,
                    due=format_date(application.due_at, language, zone), office=office.name,
                    phone=phone)
