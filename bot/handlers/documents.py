"""Applicants hand in missing documents: a photo or file sent in the private chat.

Which application? The one the caption names, else the only followed one waiting for
documents, else the chat chooses with buttons (the file waits in the database meanwhile). Every
refusal that needs no download comes first; the bytes are fetched only for a file that would be
taken, and checked again (size, first bytes) before the store keeps anything.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import Message, Update

from bot.handlers.context import BotContext, Services
from bot.handlers.replying import chat_id, reply
from bot.views.cards import mask_name
from office.document_views import choice_keyboard, receipt
from office.texts import text
from storage.documents import Upload, check_upload, too_large
from storage.errors import ApplicationNotFound, DocumentRefused
from storage.models import Application, Role
from storage.numbers import find_number


def upload_of(message: Message | None) -> Upload | None:
    """The photo or file in the message as Telegram describes it; None for other kinds
    (voice, video, stickers…), which are refused as a wrong type."""
    if message is not None and message.photo:
        largest = message.photo[-1]  # Telegram lists the sizes smallest first
        return Upload(largest.file_id, largest.file_unique_id, "photo", "image/jpeg",
                      largest.file_size or 0)
    if message is not None and message.document is not None:
        document = message.document
        return Upload(document.file_id, document.file_unique_id, "document",
                      document.mime_type or "", document.file_size or 0)
    return None


async def hand_in(update: Update, context: BotContext) -> None:
    """A photo or file from an applicant: take it for the right application, or say why not."""
    services, message = context.services, update.effective_message
    upload = upload_of(message)
    rules = services.settings.documents.rules()
    if upload is None:
        raise DocumentRefused("type")
    check_upload(upload, rules)
    number = find_number((message.caption if message else None) or "",
                         services.settings.office.registration_prefix)
    if number is not None:
        await receive(update, context, await followed(services, number, chat_id(update)), upload)
        return
    targets = await services.store.documents.targets(chat_id(update), rules.stages)
    if not targets:
        raise DocumentRefused("none")
    if len(targets) == 1:
        await receive(update, context, targets[0], upload)
        return
    minutes = services.settings.documents.choice_minutes
    choice = await services.store.document_choices.offer(chat_id(update), upload,
                                                         timedelta(minutes=minutes))
    await reply(update, text(await services.language(update), "documents.choose"),
                choice_keyboard(choice, [(a.id, a.number) for a in targets]))


async def choice_button(update: Update, context: BotContext) -> None:
    """`dc:<choice>:<application>`: the chat chose the application for a waiting file."""
    query = update.callback_query
    assert query is not None
    assert query.data is not None
    _, choice_id, application_id = query.data.split(":")
    await query.answer()
    services = context.services
    # Only an application the buttons could have offered: forged data learns no number.
    targets = await services.store.documents.targets(
        chat_id(update), services.settings.documents.rules().stages)
    application = next((a for a in targets if a.id == int(application_id)), None)
    if application is None:
        raise DocumentRefused("expired")
    upload = await services.store.document_choices.take(int(choice_id), chat_id(update))
    await query.edit_message_reply_markup(None)
    await receive(update, context, application, upload)


async def receive(update: Update, context: BotContext, application: Application,
                  upload: Upload) -> None:
    """Check, download, keep, forward to staff, and give the sender a receipt."""
    services = context.services
    store, rules = services.store, services.settings.documents.rules()
    await store.documents.check(application, chat_id(update), upload, rules)
    file = await context.bot.get_file(upload.file_id)
    if (file.file_size or 0) > rules.max_bytes:  # Telegram's own figure, before any byte
        raise too_large(rules)
    data = bytes(await file.download_as_bytearray())
    document = await store.documents.hand_in(
        application, chat_id(update), upload, data, rules, forward_to=staff_chats(services),
        sender_name=mask_name(application.applicant_name))
    await reply(update, receipt(document, application.number, await services.language(update)))


async def followed(services: Services, number: str, chat: int) -> Application:
    """The application a caption names, if this chat follows it. An unknown number gets the
    same answer as one not followed, so captions cannot probe which numbers exist."""
    try:
        application, following = await services.store.applications.get_seen_by(number, chat)
    except ApplicationNotFound:
        following = False
    if not following:
        raise DocumentRefused("not_follower", number=number)
    return application


def staff_chats(services: Services) -> list[int]:
    """Where handed-in files go: the staff group, or each admin when there is none."""
    group = services.settings.staff.group_chat_id
    if group is not None:
        return [group]
    directory = services.directory
    return [user for user in directory.user_ids if directory.role_of(user) == Role.ADMIN]
