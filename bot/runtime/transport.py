"""Bot API requests over aiohttp: python-telegram-bot's `BaseRequest` on a cheaper HTTP client.

python-telegram-bot's default transport (httpx) spends about twice aiohttp's CPU per Bot API call;
on a two-core office server that halves how fast answers and broadcasts can go out
(docs/benchmarks.md). aiohttp is already a dependency (the sandbox runs on it), so this adds
none. `[telegram] transport = "httpx"` switches back to python-telegram-bot's own.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from office.settings import TelegramSettings

JSON_HEADERS = {"Content-Type": "application/json"}


def bot_api_requests(telegram: TelegramSettings) -> tuple[BaseRequest, BaseRequest]:
    """The transport for every Bot API call, and a one-connection one for long polling."""
    kind: type[AiohttpRequest | HTTPXRequest] = (
        AiohttpRequest if telegram.transport == "aiohttp" else HTTPXRequest)
    calls, polling = (kind(connection_pool_size=size, connect_timeout=telegram.connect_timeout,
                           read_timeout=telegram.read_timeout) for size in (256, 1))
    return calls, polling


def updates_at_once(telegram: TelegramSettings) -> int:
    """How many updates the bot handles at once.

    Against Telegram most of an answer's time is the round trip (~0.3 s from Indonesia), so
    this, not CPU, sets how many answers go out per second. httpx keeps only 20 connections
    alive and walks its pool on every request: beyond about 8 at once it burns CPU instead
    (docs/benchmarks.md, section 1). No chat can tie them up: its flood is dropped before any
    work (bot/handlers/flood_guard.py) and no answer waits long for its chat's send budget
    (bot/runtime/send_limiter.py).
    """
    return 64 if telegram.transport == "aiohttp" else 8


class AiohttpRequest(BaseRequest):
    """One keep-alive connection pool; JSON bodies, multipart only when a file is uploaded.

    aiohttp has no per-write timeout, so an upload as a whole is bounded by the sum of its
    pool, connect, write and read timeouts: an upload over a stalled link still ends. Other
    calls and downloads time out only when the server stops answering, as with httpx.
    """

    __slots__ = ("_connect", "_media_write", "_pool", "_pool_size", "_proxies", "_read",
                 "_session", "_write")

    def __init__(self, *, connection_pool_size: int = 256, connect_timeout: float | None = 5.0,
                 read_timeout: float | None = 5.0, write_timeout: float | None = 5.0,
                 media_write_timeout: float | None = 20.0,
                 pool_timeout: float | None = 1.0) -> None:
        self._pool_size = connection_pool_size
        self._connect, self._read, self._pool = connect_timeout, read_timeout, pool_timeout
        self._write, self._media_write = write_timeout, media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[tuple[str, str], str | None] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._read

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size),
                headers={"User-Agent": self.USER_AGENT})
            self._proxies.clear()

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        uploads = request_data is not None and request_data.contains_files
        read = self._read if isinstance(read_timeout, DefaultValue) else read_timeout
        connect = self._connect if isinstance(connect_timeout, DefaultValue) else connect_timeout
        pool = self._pool if isinstance(pool_timeout, DefaultValue) else pool_timeout
        write = ((self._media_write if uploads else self._write)
                 if isinstance(write_timeout, DefaultValue) else write_timeout)
        timeout = aiohttp.ClientTimeout(total=_sum(pool, connect, write, read) if uploads else None,
                                        connect=_sum(pool, connect), sock_connect=connect,
                                        sock_read=read)
        body: Any = None
        headers = None
        if request_data is not None:
            if uploads:
                body = _form(request_data)
            else:
                body, headers = request_data.json_payload, JSON_HEADERS
        try:
            async with self._session.request(method, url, data=body, headers=headers,
                                             timeout=timeout,
                                             proxy=self._proxy_for(url)) as response:
                return response.status, await response.read()
        except TimeoutError as error:  # aiohttp's timeouts are TimeoutErrors too
            raise TimedOut from error
        except (aiohttp.ClientError, OSError) as error:
            detail = _TOKEN_IN_URL.sub("/bot…", str(error))
            raise NetworkError(f"aiohttp.{type(error).__name__}: {detail}") from error

    def _proxy_for(self, url: str) -> str | None:
        """HTTPS_PROXY, HTTP_PROXY and NO_PROXY from the environment, as httpx honours them.

        Read once per server, not per call: aiohttp's own `trust_env` re-reads the environment
        and ~/.netrc on every request, a fifth of a broadcast's CPU in the benchmark.
        """
        parts = urlsplit(url)
        server = (parts.scheme, parts.netloc)
        if server not in self._proxies:
            bypass = parts.hostname is None or proxy_bypass(parts.hostname)
            self._proxies[server] = None if bypass else getproxies().get(parts.scheme)
        return self._proxies[server]


# Some errors quote the URL (as aiohttp normalised it), and the URL holds the bot's token.
_TOKEN_IN_URL = re.compile(r"/bot[^/\s'\"]+")


def _sum(*timeouts: float | None) -> float | None:
    """None anywhere means that part may wait for ever, and so may the whole."""
    return None if any(t is None for t in timeouts) else sum(t for t in timeouts if t)


def _form(request_data: RequestData) -> aiohttp.FormData:
    # quote_fields=False: file names go as UTF-8, as httpx sends them; aiohttp would otherwise
    # percent-encode them and Telegram would show "Rekap%20Januari.csv".
    form = aiohttp.FormData(quote_fields=False)
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        if not isinstance(content, bytes):
            content.seek(0)  # a retry (after a 429) sends the whole file again
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form

