"""The webhook's HTTP endpoint: each of Telegram's POSTs is handled, then answered.

python-telegram-bot's own webhook server calls setWebhook every time it starts. With several
instances behind one load balancer that is one call per instance per restart, each able to undo
an operator's `etracking webhook delete`; so the server here only receives, and setWebhook is
called at start only when `[webhook] set_on_start` says so (one instance), else once by
`etracking webhook set`.

An update is answered 200 only once it has been handled (python-telegram-bot's server, and
this one before, answered as soon as it was queued): if the instance dies while handling it,
Telegram gets no answer and delivers it again, to this machine or behind a load balancer to
another, instead of the update being lost with the process. Telegram keeps up to
`max_connections` (40) requests open at once, so handling in the request costs no throughput.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.ext import Application

log = logging.getLogger(__name__)
# Updates are small JSON documents; nginx refuses bigger bodies first (deploy/).
MAX_BODY = 1024 * 1024
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookServer:
    """Listens on `listen:port` at `/path`; refuses requests without the secret token."""

    def __init__(self, app: Application[Any, Any, Any, Any, Any, Any], *, listen: str,
                 port: int, path: str, secret_token: str) -> None:
        self.app = app
        self.listen = listen
        self.port = port
        self.secret = secret_token.encode()
        server = web.Application(client_max_size=MAX_BODY)
        server.router.add_post(f"/{path.strip('/')}", self.receive)
        self._runner = web.AppRunner(server, access_log=None)

    async def start(self) -> None:
        """Open the port."""
        await self._runner.setup()
        await web.TCPSite(self._runner, self.listen, self.port).start()

    async def stop(self) -> None:
        """Close the port, letting the updates being handled finish first."""
        await self._runner.cleanup()

    async def receive(self, request: web.Request) -> web.Response:
        """One update: 403 without the secret, 400 if it is not an update, else 200 once handled."""
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            return web.Response(status=403)
        try:
            data = json.loads(await request.read())
            update = Update.de_json(data, self.app.bot)
        except (ValueError, TypeError, KeyError) as error:
            log.warning("webhook: not an update: %s", error)
            return web.Response(status=400)
        # Handler errors go to the application's error handler, not here: the update was handled.
        await self.app.process_update(update)
        return web.Response()
