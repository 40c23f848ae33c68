"""The HTTP face of the sandbox: routing, parameter parsing, auth, injected faults and the log.

Method work runs in a shielded task: a client that gives up (TimedOut) does not stop it, so a
slow send is still delivered, exactly the ambiguity real Telegram has.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

from aiohttp import web

from sandbox.faults import Fate, Plan
from sandbox.media import file_at
from sandbox.protocol import ApiError, JsonDict, Params, Upload
from sandbox.updates import ConnectionDropped
from sandbox.world import Method, World

log = logging.getLogger(__name__)

MAX_BODY = 60 * 1024 * 1024  # above the 50 MB upload limit, so that limit answers, not aiohttp
CLIENT_GONE = 499  # the log's status for a long poll the client abandoned
NOT_FOUND = ApiError(404, "Not Found")
# What Telegram's nginx front answers when the Bot API server behind it is down.
BAD_GATEWAY_PAGE = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n"
    b"</body>\r\n</html>\r\n"
)
_TOKEN = re.compile(r"\d+:[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Outcome:
    """What to send back for one request."""

    status: int
    body: bytes = b""
    content_type: str = "application/json"
    reset: bool = False


def json_outcome(status: int, body: JsonDict) -> Outcome:
    """A JSON answer."""
    return Outcome(status, json.dumps(body, ensure_ascii=False).encode())


async def read_params(request: web.Request) -> Params:
    """Merge the query string with a JSON, urlencoded or multipart body."""
    values: dict[str, object] = dict(request.query)
    uploads: dict[str, Upload] = {}
    if request.method != "POST" or not request.can_read_body:
        return Params(values, uploads)
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "Bad Request: can't parse JSON object") from None
        if not isinstance(body, dict):
            raise ApiError(400, "Bad Request: JSON object expected")
        values.update(body)
        return Params(values, uploads)
    for name, value in (await request.post()).items():
        if isinstance(value, web.FileField):
            uploads[name] = Upload(value.filename, value.file.read(), value.content_type)
        else:
            values[name] = value if isinstance(value, str) else bytes(value).decode()
    return Params(values, uploads)


def reset(request: web.Request) -> web.Response:
    """Drop the connection without answering; the returned response is never sent."""
    if request.transport is not None:
        request.transport.close()
    return web.Response(status=500)


class BotApi:
    """The /bot<token>/<method> and /file/bot<token>/<file_path> endpoints."""

    def __init__(self, world: World, methods: Mapping[str, Method]) -> None:
        self.world = world
        self.methods = {name.lower(): (name, method) for name, method in methods.items()}
        self.tasks: set[asyncio.Task[Outcome]] = set()

    def routes(self) -> list[web.RouteDef]:
        """The aiohttp routes to mount."""
        return [
            web.route("*", "/bot{token}/{method}", self.call),
            web.get("/file/bot{token}/{path:.+}", self.download),
        ]

    def auth_error(self, token: str) -> ApiError | None:
        """Telegram's answer to a wrong token: 404 if malformed, 401 if merely unknown."""
        if token == self.world.token:
            return None
        return ApiError(401, "Unauthorized") if _TOKEN.fullmatch(token) else NOT_FOUND

    async def call(self, request: web.Request) -> web.StreamResponse:
        """Handle one Bot API method call."""
        world = self.world
        given = request.match_info["method"]
        if world.outage.active:
            world.record(given, None, 0, "connection reset: outage")
            return reset(request)
        entry = self.methods.get(given.lower())
        error = self.auth_error(request.match_info["token"])
        if error is not None or entry is None:
            error = error or NOT_FOUND
            world.record(given, None, error.status, error.description)
            return self._respond(json_outcome(error.status, error.body()))
        name, method = entry
        try:
            params = await read_params(request)
        except ApiError as refused:
            world.record(name, None, refused.status, refused.description)
            return self._respond(json_outcome(refused.status, refused.body()))
        chat_id = _chat_id(params)
        work = self._execute(name, method, params, chat_id, world.faults.plan(name), request)
        if name == "getUpdates":
            try:
                outcome = await work
            except asyncio.CancelledError:
                world.record(name, None, CLIENT_GONE, "client closed the connection")
                raise
        else:
            task = asyncio.ensure_future(work)
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)
            outcome = await asyncio.shield(task)
        return reset(request) if outcome.reset else self._respond(outcome)

    async def _execute(
        self, name: str, method: Method, params: Params, chat_id: int | None, plan: Plan,
        request: web.Request,
    ) -> Outcome:  # fmt: skip
        world = self.world
        if plan.latency:
            await asyncio.sleep(plan.latency)
        if world.outage.active or plan.fate is Fate.RESET_BEFORE:
            world.record(name, chat_id, 0, "connection reset before processing")
            return Outcome(0, reset=True)
        if plan.fate is Fate.INTERNAL_ERROR:
            error = ApiError(500, "Internal Server Error")
            world.record(name, chat_id, error.status, error.description)
            return json_outcome(error.status, error.body())
        if plan.fate is Fate.BAD_GATEWAY:
            world.record(name, chat_id, 502, "Bad Gateway")
            return Outcome(502, BAD_GATEWAY_PAGE, "text/html")
        try:
            body: JsonDict = {"ok": True, "result": await method(world, params)}
            status, description = 200, "OK"
        except ApiError as error:
            body, status, description = error.body(), error.status, error.description
        except ConnectionDropped:
            world.record(name, chat_id, 0, "connection reset: outage")
            return Outcome(0, reset=True)
        except Exception as exc:  # a sandbox bug must be loud, not a silent hang
            log.exception("sandbox failed in %s", name)
            body = ApiError(500, "Internal Server Error").body()
            status, description = 500, f"sandbox bug: {exc!r}"
        if name == "getUpdates" and (request.transport is None or request.transport.is_closing()):
            world.record(name, chat_id, CLIENT_GONE, "client closed the connection")
            return Outcome(CLIENT_GONE, reset=True)
        if plan.fate is Fate.RESET_AFTER:
            world.record(name, chat_id, 0, f"connection reset after processing ({status})")
            return Outcome(0, reset=True)
        world.record(name, chat_id, status, description)
        return json_outcome(status, body)

    async def download(self, request: web.Request) -> web.StreamResponse:
        """Serve the bytes behind a file_path from getFile."""
        world = self.world
        if world.outage.active:
            world.record("download", None, 0, "connection reset: outage")
            return reset(request)
        path = request.match_info["path"]
        file = file_at(world, path) if not self.auth_error(request.match_info["token"]) else None
        if file is None:
            world.record("download", None, 404, f"Not Found: {path}")
            return self._respond(json_outcome(404, NOT_FOUND.body()))
        world.record("download", None, 200, path)
        mime = file.mime_type or "image/jpeg"
        return web.Response(body=file.data, content_type=mime)

    def _respond(self, outcome: Outcome) -> web.Response:
        return web.Response(
            status=outcome.status, body=outcome.body, content_type=outcome.content_type
        )

    async def cancel(self) -> None:
        """Stop method work still running for clients that went away."""
        for task in list(self.tasks):
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


def _chat_id(params: Params) -> int | None:
    try:
        return params.integer("chat_id")
    except ApiError:
        return None
