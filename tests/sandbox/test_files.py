"""Photos and documents both ways, and downloads through getFile and the file URL."""

import pytest
from telegram import Bot
from telegram.error import BadRequest

from sandbox import Person, Sandbox
from tests.sandbox.conftest import png_image


async def test_photo_round_trip(bot: Bot, alice: Person, png: bytes) -> None:
    sent = await bot.send_photo(
        alice.id, png, caption="<b>Kode QR</b> permohonan", parse_mode="HTML"
    )
    size = sent.photo[-1]
    assert (size.width, size.height, size.file_size) == (4, 3, len(png))
    assert sent.caption == "Kode QR permohonan"
    assert sent.caption_entities[0].length == 7
    seen = alice.last_message
    assert (seen.photo, seen.caption, seen.text) == (png, "Kode QR permohonan", None)
    again = await bot.send_photo(alice.id, size.file_id)  # re-send by file_id
    assert again.photo[-1].file_id == size.file_id
    assert bytes(await (await bot.get_file(size.file_id)).download_as_bytearray()) == png


async def test_document_round_trip(bot: Bot, alice: Person) -> None:
    content = b"nomor,status\nJBR-2026-000001,diproses\n"
    sent = await bot.send_document(alice.id, content, filename="rekap.csv", caption="Rekap")
    assert sent.document is not None
    assert (sent.document.file_name, sent.document.mime_type) == ("rekap.csv", "text/csv")
    seen = alice.last_message
    assert (seen.document, seen.filename, seen.caption) == (content, "rekap.csv", "Rekap")
    telegram_file = await bot.get_file(sent.document.file_id)
    assert telegram_file.file_path is not None
    assert telegram_file.file_path.endswith(".csv")
    assert bytes(await telegram_file.download_as_bytearray()) == content


async def test_user_upload_reaches_the_bot(bot: Bot, alice: Person) -> None:
    content = b"nomor_nib,nama\n123,PT Maju\n"
    await alice.upload("import.csv", content, caption="/import")
    (update,) = await bot.get_updates()
    assert update.message is not None
    assert update.message.document is not None
    assert update.message.caption == "/import"
    assert update.message.document.file_name == "import.csv"
    downloaded = await (await bot.get_file(update.message.document.file_id)).download_as_bytearray()
    assert bytes(downloaded) == content


async def test_files_telegram_would_refuse(bot: Bot, alice: Person, sandbox: Sandbox) -> None:
    with pytest.raises(BadRequest, match=r"^Image_process_failed$"):
        await bot.send_photo(alice.id, b"bukan gambar")
    with pytest.raises(BadRequest, match=r"^Wrong file identifier/http url specified$"):
        await bot.send_document(alice.id, "AgACAgIAAxkBAAIBbogus")
    with pytest.raises(BadRequest, match=r"^Photo_invalid_dimensions$"):
        await bot.send_photo(alice.id, png_image(width=2100, height=100))
    with pytest.raises(ValueError, match=r"non-empty"):
        await alice.upload("kosong.csv", b"")
    with pytest.raises(BadRequest, match=r"^Invalid file_id$"):
        await bot.get_file("tidak-ada")
