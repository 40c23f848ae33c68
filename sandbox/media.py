"""Photos and documents: uploads, re-sends by file_id, getFile and the bytes behind file_path."""

from __future__ import annotations

import mimetypes
import struct

from sandbox.keyboards import reply_markup
from sandbox.messages import MAX_CAPTION, render, reply_target
from sandbox.protocol import ApiError, JsonDict, Params, Upload, bad_request
from sandbox.records import FileRecord
from sandbox.world import Method, World

MAX_UPLOAD = 50 * 1024 * 1024  # Bot API upload limit
MAX_DOWNLOAD = 20 * 1024 * 1024  # getFile refuses bigger files
MAX_PHOTO_SIDES = 10_000  # width + height
MAX_PHOTO_RATIO = 20


def store(world: World, kind: str, data: bytes, file_name: str | None = None) -> FileRecord:
    """Keep uploaded bytes and give them Telegram-style identifiers."""
    if not data:
        raise bad_request("file must be non-empty")
    if len(data) > MAX_UPLOAD:
        raise ApiError(413, "Request Entity Too Large")
    file_id, unique_id = world.new_file_id(kind)
    if kind == "photo":
        width, height = image_size(data)
        if width + height > MAX_PHOTO_SIDES or max(width, height) > MAX_PHOTO_RATIO * min(
            width, height
        ):
            raise bad_request("PHOTO_INVALID_DIMENSIONS")
        path = f"photos/file_{world.next_id()}.jpg"
        record = FileRecord(file_id, unique_id, kind, data, path, width=width, height=height)
    else:
        name = file_name or "document"
        suffix = name.rsplit(".", 1)[1] if "." in name else "bin"
        mime = mimetypes.guess_type(name, strict=False)[0] or "application/octet-stream"
        path = f"documents/file_{world.next_id()}.{suffix}"
        record = FileRecord(file_id, unique_id, kind, data, path, file_name=name, mime_type=mime)
    world.files[file_id] = record
    return record


def image_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, GIF, JPEG or WebP image; Telegram refuses anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in {b"GIF87a", b"GIF89a"} and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8"):
        size = _jpeg_size(data)
        if size is not None:
            return size
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and data[12:16] == b"VP8X":
        return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
    raise bad_request("IMAGE_PROCESS_FAILED")


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 <= len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if 0xC0 <= marker <= 0xCF and marker not in {0xC4, 0xC8, 0xCC}:
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return int(width), int(height)
        i += 2 + int.from_bytes(data[i + 2 : i + 4], "big")
    return None


def _resolve(world: World, given: Upload | str, kind: str) -> FileRecord:
    if isinstance(given, Upload):
        return store(world, kind, given.data, given.filename)
    record = world.files.get(given)
    if record is None:
        if given.startswith(("http://", "https://")):
            raise bad_request("failed to get HTTP URL content")
        raise bad_request("wrong file identifier/HTTP URL specified")
    if record.kind != kind:
        raise bad_request(f"can't use file of type {record.kind.title()} as {kind.title()}")
    return record


async def _send(world: World, params: Params, kind: str) -> JsonDict:
    given = params.file(kind)
    if given is None:
        raise bad_request(f"there is no {kind} in the request")
    parsed = render(world, params, "caption", "caption_entities")
    markup = reply_markup(params)
    chat = world.writable_chat(params.chat_id())
    reply_to = reply_target(world, chat, params)
    if len(parsed.text) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    file = _resolve(world, given, kind)
    world.admit(chat)
    record = world.post(
        chat, None, caption=parsed.text or None, entities=parsed.entities,
        html=params.text("caption"), parse_mode=params.text("parse_mode"),
        reply_markup=markup, reply_to=reply_to, **{kind: file},
    )  # fmt: skip
    return record.as_json(world.bot)


async def send_photo(world: World, params: Params) -> JsonDict:
    """sendPhoto."""
    return await _send(world, params, "photo")


async def send_document(world: World, params: Params) -> JsonDict:
    """sendDocument."""
    return await _send(world, params, "document")


async def get_file(world: World, params: Params) -> JsonDict:
    """getFile: the file_path under which /file/bot<token>/ serves the bytes."""
    record = world.files.get(params.text("file_id") or "")
    if record is None:
        raise bad_request("invalid file_id")
    if len(record.data) > MAX_DOWNLOAD:
        raise bad_request("file is too big")
    return {
        "file_id": record.file_id,
        "file_unique_id": record.file_unique_id,
        "file_size": len(record.data),
        "file_path": record.file_path,
    }


def file_at(world: World, path: str) -> FileRecord | None:
    """The file served at this file_path, if any."""
    return next((f for f in world.files.values() if f.file_path == path), None)


METHODS: dict[str, Method] = {
    "sendPhoto": send_photo,
    "sendDocument": send_document,
    "getFile": get_file,
}
