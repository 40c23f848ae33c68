"""Run a sandbox on its own: `python -m sandbox --port 8081 --token 123456:TEST-TOKEN`.

It prints its base URLs (and any users created with --user) and serves until interrupted; drive
it through the JSON control API under /_control.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal

from sandbox.harness import Sandbox
from sandbox.limits import FloodLimits


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(prog="python -m sandbox", description=__doc__)
    parser.add_argument("--port", type=int, default=8081, help="0 picks a free port")
    parser.add_argument("--token", default="123456:TEST-TOKEN")
    parser.add_argument("--bot-username", default="etracking_test_bot")
    parser.add_argument("--no-flood-limits", action="store_true", help="disable 429 flood control")
    parser.add_argument("--user", action="append", default=[], help="create a user by first name")
    return parser.parse_args(argv)


async def serve(options: argparse.Namespace) -> None:
    """Run the sandbox until SIGINT or SIGTERM."""
    limits = FloodLimits(enabled=not options.no_flood_limits)
    async with Sandbox(
        options.token, options.bot_username, limits=limits, port=options.port
    ) as sandbox:
        print(f"base_url: {sandbox.base_url}", flush=True)
        print(f"base_file_url: {sandbox.base_file_url}", flush=True)
        print(f"control: {sandbox.url}/_control", flush=True)
        for name in options.user:
            print(f"user: {name} id={sandbox.add_user(name).id}", flush=True)
        stopped = asyncio.Event()
        loop = asyncio.get_running_loop()
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, stopped.set)
        await stopped.wait()


def main(argv: list[str] | None = None) -> None:
    """Entry point."""
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(arguments(argv)))


if __name__ == "__main__":
    main()
