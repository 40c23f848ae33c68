"""Bot API methods that post and change text messages, and answer button presses."""

from __future__ import annotations

from typing import Any

from sandbox.keyboards import reply_markup
from sandbox.markup import MarkupError, ParsedText, parse_html, utf16_length
from sandbox.protocol import JsonDict, Params, bad_request
from sandbox.records import CallbackAnswer, Chat, MessageRecord
from sandbox.world import Method, World

# Telegram counts these limits in Unicode code points (TDLib checks utf8_length), while entity
# offsets count UTF-16 units.
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_TEXT = 200
CALLBACK_TIMEOUT = 15.0  # seconds after which a press can no longer be answered
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
_WHITESPACE = " \t\n\r\v\f"
CHAT_ACTIONS = frozenset(
    ["typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
     "upload_document", "choose_sticker", "find_location", "record_video_note",
     "upload_video_note"]
)  # fmt: skip


def trim(parsed: ParsedText) -> ParsedText:
    """Strip surrounding whitespace as Telegram does, keeping entities on the same characters."""
    stripped = parsed.text.strip(_WHITESPACE)
    if stripped == parsed.text:
        return parsed
    shift = len(parsed.text) - len(parsed.text.lstrip(_WHITESPACE))  # ASCII: 1 char == 1 unit
    limit = utf16_length(stripped)
    entities = []
    for entity in parsed.entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, limit)
        if end > start:
            entities.append({**entity, "offset": start, "length": end - start})
    return ParsedText(stripped, entities)


def render(world: World, params: Params, field: str, entities_field: str) -> ParsedText:
    """Parse a text or caption parameter by its parse_mode, as Telegram would."""
    raw = params.text(field) or ""
    mode = params.text("parse_mode") or ""
    if not mode:
        given: Any = params.structured(entities_field, "can't parse entities JSON object")
        parsed = ParsedText(raw, list(given) if isinstance(given, list) else [])
    elif mode.lower() == "html":
        try:
            parsed = parse_html(raw, strict_ampersand=world.strict_html)
        except MarkupError as error:
            raise bad_request(f"can't parse entities: {error}") from None
    else:
        raise bad_request("unsupported parse_mode")
    for entity in parsed.entities:
        user = world.users.get(entity.get("user", {}).get("id", 0))
        if user is not None:
            entity["user"] = user.as_json()
    return trim(parsed)


def reply_target(world: World, chat: Chat, params: Params) -> MessageRecord | None:
    """The message being replied to, from reply_parameters or reply_to_message_id."""
    reply: Any = params.structured("reply_parameters", "can't parse reply parameters JSON object")
    if isinstance(reply, dict):
        message_id = reply.get("message_id")
        lenient = bool(reply.get("allow_sending_without_reply"))
    else:
        message_id = params.integer("reply_to_message_id")
        lenient = params.flag("allow_sending_without_reply")
    if message_id is None:
        return None
    record = chat.messages.get(int(message_id))
    if record is None or record.deleted:
        if lenient:
            return None
        raise bad_request("message to be replied not found")
    return record


def editable(world: World, params: Params, missing: str) -> MessageRecord:
    """The bot message an edit refers to, or the error Telegram gives."""
    if "inline_message_id" in params:
        raise bad_request("MESSAGE_ID_INVALID")  # inline messages are not modelled
    chat = world.writable_chat(params.chat_id())
    message_id = params.integer("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    record = world.message(chat, message_id, missing)
    if record.sender is not None:
        raise bad_request("message can't be edited")
    return record


async def send_message(world: World, params: Params) -> JsonDict:
    """sendMessage."""
    source = params.text("text")
    if not source or not source.strip():
        raise bad_request("message text is empty")
    parsed = render(world, params, "text", "entities")
    markup = reply_markup(params)
    chat = world.writable_chat(params.chat_id())
    reply_to = reply_target(world, chat, params)
    if not parsed.text:
        raise bad_request("message text is empty")
    if len(parsed.text) > MAX_TEXT:
        raise bad_request("message is too long")
    world.admit(chat)
    record = world.post(
        chat, None, text=parsed.text, entities=parsed.entities, html=source,
        parse_mode=params.text("parse_mode"), reply_markup=markup, reply_to=reply_to,
    )  # fmt: skip
    return record.as_json(world.bot)


async def edit_message_text(world: World, params: Params) -> JsonDict:
    """editMessageText."""
    source = params.text("text")
    if not source or not source.strip():
        raise bad_request("message text is empty")
    parsed = render(world, params, "text", "entities")
    markup = reply_markup(params)
    record = editable(world, params, "message to edit not found")
    if record.text is None:
        raise bad_request("there is no text in the message to edit")
    if not parsed.text:
        raise bad_request("message text is empty")
    if len(parsed.text) > MAX_TEXT:
        raise bad_request("message is too long")
    current = (record.text, record.entities, record.reply_markup)
    if current == (parsed.text, parsed.entities, markup):
        raise bad_request(NOT_MODIFIED)
    world.admit(record.chat)
    record.text, record.entities, record.html = parsed.text, parsed.entities, source
    record.parse_mode, record.reply_markup = params.text("parse_mode"), markup
    world.touched(record)
    return record.as_json(world.bot)


async def edit_message_caption(world: World, params: Params) -> JsonDict:
    """editMessageCaption."""
    parsed = render(world, params, "caption", "caption_entities")
    markup = reply_markup(params)
    record = editable(world, params, "message to edit not found")
    if record.photo is None and record.document is None:
        raise bad_request("there is no caption in the message to edit")
    if len(parsed.text) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    caption = parsed.text or None
    if (record.caption, record.entities, record.reply_markup) == (
        caption, parsed.entities, markup,
    ):  # fmt: skip
        raise bad_request(NOT_MODIFIED)
    world.admit(record.chat)
    record.caption, record.entities, record.html = caption, parsed.entities, params.text("caption")
    record.parse_mode, record.reply_markup = params.text("parse_mode"), markup
    world.touched(record)
    return record.as_json(world.bot)


async def edit_message_reply_markup(world: World, params: Params) -> JsonDict:
    """editMessageReplyMarkup."""
    markup = reply_markup(params)
    record = editable(world, params, "message to edit not found")
    if markup == record.reply_markup:
        raise bad_request(NOT_MODIFIED)
    world.admit(record.chat)
    record.reply_markup = markup
    world.touched(record)
    return record.as_json(world.bot)


async def delete_message(world: World, params: Params) -> bool:
    """deleteMessage."""
    chat = world.chat(params.chat_id())
    record = world.message(chat, params.integer("message_id"), "message to delete not found")
    record.deleted = True
    world.signal.notify()
    return True


async def answer_callback_query(world: World, params: Params) -> bool:
    """answerCallbackQuery: recorded for Person.press() and Sandbox.callback_answers."""
    query = world.callbacks.get(params.text("callback_query_id") or "")
    if (
        query is None
        or query.answer is not None
        or world.clock() - query.created > CALLBACK_TIMEOUT
    ):
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = params.text("text")
    if text is not None and len(text) > MAX_CALLBACK_TEXT:
        raise bad_request("MESSAGE_TOO_LONG")
    query.answer = CallbackAnswer(
        query.id, text or None, params.flag("show_alert"), params.text("url"),
        params.integer("cache_time") or 0,
    )  # fmt: skip
    world.answers.append(query.answer)
    world.signal.notify()
    return True


async def send_chat_action(world: World, params: Params) -> bool:
    """sendChatAction."""
    world.writable_chat(params.chat_id())
    if params.text("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


METHODS: dict[str, Method] = {
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "answerCallbackQuery": answer_callback_query,
    "sendChatAction": send_chat_action,
}
