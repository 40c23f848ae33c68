"""Getting updates to the bot: long polling with getUpdates, or pushing them to a webhook."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import aiohttp

from sandbox.protocol import ApiError, JsonDict, Params, bad_request
from sandbox.world import DEFAULT_UPDATES, Method, World

WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
    "the webhook first"
)
TERMINATED = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is "
    "running"
)
MAX_LIMIT = 100
MAX_TIMEOUT = 50.0


class ConnectionDropped(Exception):
    """The server side dropped the connection (an outage began during a long poll)."""


def set_allowed_updates(world: World, params: Params) -> None:
    """Remember allowed_updates when given; Telegram keeps the last list it was sent."""
    allowed: Any = params.structured("allowed_updates", "can't parse allowed_updates JSON array")
    if isinstance(allowed, list):
        world.allowed_updates = frozenset(map(str, allowed)) or DEFAULT_UPDATES


async def get_updates(world: World, params: Params) -> list[JsonDict]:
    """getUpdates: waits up to `timeout` seconds for an update, without polling."""
    if world.webhook.url:
        raise ApiError(409, WEBHOOK_ACTIVE)
    limit = min(max(params.integer("limit") or MAX_LIMIT, 1), MAX_LIMIT)
    timeout = min(max(params.number("timeout") or 0.0, 0.0), MAX_TIMEOUT)
    set_allowed_updates(world, params)
    world.confirm(params.integer("offset"))
    world.poll_generation += 1
    mine = world.poll_generation
    world.signal.notify()  # lets an earlier waiting poll notice it was superseded
    await world.signal.wait_for(
        lambda: (
            bool(world.updates)
            or world.poll_generation != mine
            or world.closing
            or world.outage.active
        ),
        timeout,
    )
    if world.outage.active:
        raise ConnectionDropped
    if world.poll_generation != mine:
        raise ApiError(409, TERMINATED)
    return world.updates[:limit]


async def set_webhook(world: World, params: Params) -> bool:
    """setWebhook; an empty url removes the webhook."""
    url = params.text("url") or ""
    if url and not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
    set_allowed_updates(world, params)
    if params.flag("drop_pending_updates"):
        world.updates.clear()
    world.webhook.url = url
    world.webhook.secret_token = params.text("secret_token")
    world.webhook.max_connections = params.integer("max_connections") or 40
    world.webhook.last_error_date = world.webhook.last_error_message = None
    world.signal.notify()
    return True


async def delete_webhook(world: World, params: Params) -> bool:
    """deleteWebhook."""
    if params.flag("drop_pending_updates"):
        world.updates.clear()
    world.webhook.url = ""
    world.signal.notify()
    return True


async def get_webhook_info(world: World, params: Params) -> JsonDict:
    """getWebhookInfo."""
    hook = world.webhook
    info: JsonDict = {
        "url": hook.url,
        "has_custom_certificate": False,
        "pending_update_count": len(world.updates),
    }
    if hook.url:
        info.update(max_connections=hook.max_connections, ip_address="127.0.0.1")
        if world.allowed_updates != DEFAULT_UPDATES:
            info["allowed_updates"] = sorted(world.allowed_updates)
    if hook.last_error_date is not None:
        info.update(
            last_error_date=hook.last_error_date, last_error_message=hook.last_error_message
        )
    return info


class WebhookDelivery:
    """POSTs queued updates, one at a time and in order, to the webhook while one is set."""

    def __init__(self, world: World, retry_delay: float = 0.5, timeout: float = 10.0) -> None:
        self.world = world
        self.retry_delay = retry_delay
        self.timeout = timeout

    async def run(self) -> None:
        """Deliver until cancelled."""
        world = self.world
        async with aiohttp.ClientSession() as session:
            while not world.closing:
                await world.signal.wait_for(
                    lambda: (
                        world.closing
                        or (bool(world.webhook.url and world.updates) and not world.outage.active)
                    ),
                    3600,
                )
                if world.closing:
                    return
                if not await self._deliver(session, world.updates[0]):
                    # Telegram retries failed deliveries after a pause.
                    await asyncio.sleep(self.retry_delay)

    async def _deliver(self, session: aiohttp.ClientSession, update: JsonDict) -> bool:
        hook = self.world.webhook
        headers = (
            {"X-Telegram-Bot-Api-Secret-Token": hook.secret_token} if hook.secret_token else {}
        )
        error: str | None = None
        try:
            async with session.post(
                hook.url, json=update, headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.timeout),
            ) as response:  # fmt: skip
                if not 200 <= response.status < 300:
                    error = f"Wrong response from the webhook: {response.status} {response.reason}"
        except (aiohttp.ClientError, TimeoutError) as exc:
            error = "Connection timed out" if isinstance(exc, TimeoutError) else str(exc)
        if error is not None:
            hook.last_error_date, hook.last_error_message = self.world.now(), error
            self.world.signal.notify()
            return False
        with contextlib.suppress(ValueError):
            self.world.updates.remove(update)
        self.world.signal.notify()
        return True


METHODS: dict[str, Method] = {
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
}
