"""A thin JSON API under /_control for driving a sandbox from another process.

Benchmarks and the demo run the bot as a subprocess; this mirrors the Python controls. It is
never subject to injected faults or outages.
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from sandbox.faults import Faults
from sandbox.limits import FloodLimits
from sandbox.protocol import ApiError, JsonDict

if TYPE_CHECKING:
    from sandbox.harness import Sandbox
    from sandbox.people import Group, Person

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def control_routes(sandbox: Sandbox) -> list[web.RouteDef]:
    """The /_control routes bound to one sandbox."""

    def guarded(handler: Callable[[web.Request], Awaitable[Any]]) -> Handler:
        async def wrapper(request: web.Request) -> web.StreamResponse:
            try:
                return web.json_response(await handler(request))
            except AssertionError as error:  # the user-helper's "that did not happen"
                return web.json_response({"error": str(error)}, status=409)
            except (KeyError, ValueError, TypeError, ApiError) as error:
                return web.json_response({"error": str(error)}, status=400)

        return wrapper

    async def body(request: web.Request) -> JsonDict:
        data = await request.json() if request.can_read_body else {}
        if not isinstance(data, dict):
            raise ValueError("a JSON object is expected")
        return data

    def person(request: web.Request) -> Person:
        return sandbox.person(int(request.match_info["user_id"]))

    def group(data: JsonDict) -> Group | None:
        return sandbox.group(int(data["chat_id"])) if data.get("chat_id") is not None else None

    async def info(request: web.Request) -> JsonDict:
        return {
            "base_url": sandbox.base_url, "base_file_url": sandbox.base_file_url,
            "token": sandbox.token, "bot": sandbox.bot.as_json(),
        }  # fmt: skip

    async def add_user(request: web.Request) -> JsonDict:
        data = await body(request)
        return sandbox.add_user(**data).user.as_json()

    async def add_group(request: web.Request) -> JsonDict:
        data = await body(request)
        members = [sandbox.person(int(i)) for i in data.get("members", [])]
        admins = [sandbox.person(int(i)) for i in data.get("admins", [])]
        created = sandbox.add_group(
            data["title"], members, admins=admins, supergroup=bool(data.get("supergroup"))
        )
        return created.chat.as_json()

    async def send(request: web.Request) -> JsonDict:
        data = await body(request)
        return await person(request).send(data["text"], chat=group(data))

    async def upload(request: web.Request) -> JsonDict:
        data = await body(request)
        content = base64.b64decode(data["data_base64"])
        return await person(request).upload(
            data["filename"], content, caption=data.get("caption"), chat=group(data)
        )

    async def press(request: web.Request) -> JsonDict:
        data = await body(request)
        answer = await person(request).press(
            data["button"], chat=group(data), timeout=float(data.get("timeout", 5.0))
        )
        return vars(answer)

    async def block(request: web.Request) -> JsonDict:
        person(request).block()
        return {"ok": True}

    async def unblock(request: web.Request) -> JsonDict:
        person(request).unblock()
        return {"ok": True}

    def chat_view(request: web.Request) -> Person | Group:
        chat_id = int(request.match_info["chat_id"])
        return sandbox.person(chat_id) if chat_id > 0 else sandbox.group(chat_id)

    async def messages(request: web.Request) -> list[JsonDict]:
        return [m.as_json() for m in chat_view(request).messages]

    async def next_message(request: web.Request) -> JsonDict:
        timeout = float(request.query.get("timeout", "5"))
        return (await chat_view(request).next_message(timeout)).as_json()

    async def requests(request: web.Request) -> JsonDict:
        method, status = request.query.get("method"), request.query.get("status")
        by_method: dict[str, Counter[int]] = {}
        for record in sandbox.requests:
            by_method.setdefault(record.method, Counter())[record.status] += 1
        return {
            "count": sandbox.count(method, int(status) if status else None),
            "by_method": {m: dict(c) for m, c in by_method.items()},
        }

    async def set_limits(request: web.Request) -> JsonDict:
        sandbox.limits = FloodLimits(**await body(request))
        return vars(sandbox.limits)

    async def set_faults(request: web.Request) -> JsonDict:
        data = await body(request)
        if "methods" in data:
            data["methods"] = None if data["methods"] is None else frozenset(data["methods"])
        sandbox.faults = Faults(**data)
        methods = sandbox.faults.methods
        return {**vars(sandbox.faults), "methods": sorted(methods) if methods else None}

    async def outage(request: web.Request) -> JsonDict:
        if request.method == "DELETE":
            sandbox.outage_end()
        else:
            seconds = (await body(request)).get("seconds")
            if seconds is None:
                sandbox.outage_start()
            else:
                sandbox.outage(float(seconds))
        return {"active": sandbox.world.outage.active}

    async def retry_after(request: web.Request) -> JsonDict:
        data = await body(request)
        chat_id = data.get("chat_id")
        sandbox.inject_retry_after(
            None if chat_id is None else int(chat_id),
            int(data["seconds"]),
            int(data.get("count", 1)),
        )
        return {"ok": True}

    async def commands(request: web.Request) -> list[list[str]]:
        query = request.query
        scope = json.loads(query["scope"]) if query.get("scope", "").startswith("{") else None
        listed = sandbox.commands(
            scope or query.get("scope", "default"), query.get("language_code", ""),
            chat_id=int(query["chat_id"]) if "chat_id" in query else None,
        )  # fmt: skip
        return [list(pair) for pair in listed]

    prefix = "/_control"
    return [
        web.get(f"{prefix}/info", guarded(info)),
        web.post(f"{prefix}/users", guarded(add_user)),
        web.post(f"{prefix}/groups", guarded(add_group)),
        web.post(f"{prefix}/users/{{user_id}}/send", guarded(send)),
        web.post(f"{prefix}/users/{{user_id}}/upload", guarded(upload)),
        web.post(f"{prefix}/users/{{user_id}}/press", guarded(press)),
        web.post(f"{prefix}/users/{{user_id}}/block", guarded(block)),
        web.post(f"{prefix}/users/{{user_id}}/unblock", guarded(unblock)),
        web.get(f"{prefix}/chats/{{chat_id}}/messages", guarded(messages)),
        web.get(f"{prefix}/chats/{{chat_id}}/next", guarded(next_message)),
        web.get(f"{prefix}/requests", guarded(requests)),
        web.put(f"{prefix}/limits", guarded(set_limits)),
        web.put(f"{prefix}/faults", guarded(set_faults)),
        web.post(f"{prefix}/outage", guarded(outage)),
        web.delete(f"{prefix}/outage", guarded(outage)),
        web.post(f"{prefix}/retry_after", guarded(retry_after)),
        web.get(f"{prefix}/commands", guarded(commands)),
    ]
