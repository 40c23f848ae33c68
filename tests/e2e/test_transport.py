"""The Bot API transport against the sandbox: bodies, uploads, polling, each failure's error."""

from __future__ import annotations

import io
import socket
from pathlib import Path

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from bot.runtime.lifecycle import running
from bot.runtime.transport import AiohttpRequest, bot_api_requests, updates_at_once
from bot.wiring import build_bot
from office.settings import Settings
from sandbox import Faults, Person, Sandbox
from tests.e2e.applicant_steps import ask, register
from tests.e2e.conftest import TOKEN, sandbox_settings
from tests.sandbox.conftest import png_image


def free_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port: int = free.getsockname()[1]
    return port


def bot_on(base_url: str, request: AiohttpRequest, sandbox: Sandbox) -> Bot:
    return Bot(TOKEN, base_url=base_url, base_file_url=sandbox.base_file_url, request=request,
               get_updates_request=AiohttpRequest(connection_pool_size=1))


async def test_html_and_buttons_arrive_as_sent(sandbox: Sandbox, alice: Person) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Ikuti", callback_data="f:1")]])
    async with bot_on(sandbox.base_url, AiohttpRequest(), sandbox) as bot:
        sent = await bot.send_message(alice.id, "<b>Tahap</b> &amp; riwayat ✅",
                                      parse_mode="HTML", reply_markup=keyboard)
    seen = alice.last_message
    assert (seen.text, seen.buttons) == ("Tahap & riwayat ✅", [[("Ikuti", "f:1")]])
    assert sent.message_id == seen.message_id


async def test_uploads_go_as_multipart_and_download_back(sandbox: Sandbox,
                                                         alice: Person) -> None:
    image, table = png_image(), b"nomor,status\nJBR-2026-000001,diterima\n"
    async with bot_on(sandbox.base_url, AiohttpRequest(), sandbox) as bot:
        photo = await bot.send_photo(alice.id, image, caption="<i>Kode QR</i>",
                                     parse_mode="HTML")
        assert (alice.last_message.photo, alice.last_message.caption) == (image, "Kode QR")
        document = await bot.send_document(alice.id, table, filename="rekap.csv")
        assert (alice.last_message.document, alice.last_message.filename) == (table, "rekap.csv")
        assert document.document is not None
        downloaded = await (await bot.get_file(photo.photo[-1].file_id)).download_as_bytearray()
    assert bytes(downloaded) == image


async def test_long_polling_brings_what_people_write(sandbox: Sandbox, alice: Person) -> None:
    async with bot_on(sandbox.base_url, AiohttpRequest(), sandbox) as bot:
        await alice.send("JBR-2026-000001")
        (update,) = await bot.get_updates(timeout=1)
    assert update.message is not None
    assert update.message.text == "JBR-2026-000001"


async def test_a_slow_answer_is_timed_out(sandbox: Sandbox, alice: Person) -> None:
    sandbox.faults = Faults(latency=1.0)
    async with bot_on(sandbox.base_url, AiohttpRequest(read_timeout=0.1), sandbox) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(alice.id, "Halo")


async def test_a_dropped_connection_is_a_network_error(sandbox: Sandbox, alice: Person) -> None:
    sandbox.faults = Faults(reset_rate=1.0)
    async with bot_on(sandbox.base_url, AiohttpRequest(), sandbox) as bot:
        with pytest.raises(NetworkError) as raised:
            await bot.send_message(alice.id, "Halo")
    assert not isinstance(raised.value, TimedOut)
    assert not alice.chat.messages


async def test_nobody_listening_is_a_network_error(sandbox: Sandbox) -> None:
    bot = bot_on(f"http://127.0.0.1:{free_port()}/bot", AiohttpRequest(), sandbox)
    with pytest.raises(NetworkError, match=r"aiohttp\.ClientConnectorError"):
        await bot.initialize()
    await bot.shutdown()


async def test_a_proxy_from_the_environment_is_used_unless_bypassed(
        sandbox: Sandbox, alice: Person, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_PROXY", "no_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{free_port()}")
    proxied = bot_on(sandbox.base_url, AiohttpRequest(), sandbox)
    with pytest.raises(NetworkError, match=r"aiohttp\.ClientProxyConnectionError"):
        await proxied.initialize()
    await proxied.shutdown()
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    async with bot_on(sandbox.base_url, AiohttpRequest(), sandbox) as bot:
        await bot.send_message(alice.id, "Langsung")
    assert alice.last_message.text == "Langsung"


@pytest.mark.parametrize("server", ["htp://127.0.0.1", "htp://EXAMPLE.org"])
async def test_an_error_quoting_the_url_does_not_quote_the_token(server: str) -> None:
    async with AiohttpRequest() as request:
        with pytest.raises(NetworkError) as raised:
            await request.post(f"{server}/bot{TOKEN}/getMe")
    assert str(raised.value) == f"aiohttp.NonHttpUrlClientError: {server.lower()}/bot…/getMe"


async def test_file_names_arrive_as_written(sandbox: Sandbox, alice: Person) -> None:
    async with bot_on(sandbox.base_url, AiohttpRequest(), sandbox) as bot:
        await bot.send_document(alice.id, b"nomor\n", filename="Rekap Jänuari ü.csv")
    assert alice.last_message.filename == "Rekap Jänuari ü.csv"


async def test_a_file_handle_sent_again_sends_the_whole_file(sandbox: Sandbox,
                                                             alice: Person) -> None:
    content = b"nomor,status\nJBR-2026-000001,diterima\n"
    document = InputFile(io.BytesIO(content), filename="rekap.csv", read_file_handle=False)
    sandbox.inject_retry_after(alice.id, 1)
    async with bot_on(sandbox.base_url, AiohttpRequest(), sandbox) as bot:
        with pytest.raises(RetryAfter):
            await bot.send_document(alice.id, document)
        await bot.send_document(alice.id, document)  # what a retry after the 429 does
    assert alice.last_message.document == content


async def test_it_works_again_after_a_shutdown(sandbox: Sandbox, alice: Person) -> None:
    request = AiohttpRequest()
    with pytest.raises(NetworkError, match="not initialized"):
        await request.post(f"{sandbox.base_url}{TOKEN}/getMe")
    await request.initialize()
    await request.shutdown()
    async with bot_on(sandbox.base_url, request, sandbox) as bot:
        await bot.send_message(alice.id, "Masih di sini")
    assert alice.last_message.text == "Masih di sini"


def test_the_configured_transport_is_the_one_built(settings: Settings) -> None:
    calls, polling = bot_api_requests(settings.telegram)
    assert isinstance(calls, AiohttpRequest)
    assert isinstance(polling, AiohttpRequest)
    assert calls.read_timeout == settings.telegram.read_timeout
    assert updates_at_once(settings.telegram) == 64
    httpx = settings.telegram.model_copy(update={"transport": "httpx"})
    assert all(isinstance(request, HTTPXRequest) for request in bot_api_requests(httpx))
    assert updates_at_once(httpx) == 8


async def test_the_bot_answers_over_httpx_too(sandbox: Sandbox, alice: Person,
                                              settings: Settings, tmp_path: Path) -> None:
    configured = sandbox_settings(settings, sandbox, tmp_path / "httpx.db", [1])
    configured = configured.model_copy(update={"telegram": configured.telegram.model_copy(
        update={"transport": "httpx"})})
    app = build_bot(configured)
    async with running(app, poll_timeout=1):
        application_record, _ = await register(app)
        card = await ask(alice, application_record.number)
    assert card.text is not None
    assert card.text.startswith(f"📄 {application_record.number}\n")
