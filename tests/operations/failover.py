"""Helpers for the failover tests: several real `etracking run` processes on one PostgreSQL
database and the sandbox, and which of them holds which lease."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import tempfile
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

from office.settings import Settings
from sandbox import Person, Sandbox
from storage.store import Store
from tests.operations.process import BotProcess, bot_process, environment


def instance_env(sandbox: Sandbox, url: str, tmp_path: Path, admin: Person,
                 **extra: str) -> dict[str, str]:
    """Environment for one of several instances sharing the PostgreSQL database at `url`."""
    return environment(sandbox.base_url, tmp_path / "unused.db", ETRACK_DATABASE__URL=url,
                       ETRACK_STAFF__ADMIN_IDS=f"[{admin.user.id}]",
                       ETRACK_FLOOD__UPDATES_BURST="100000", **extra)


@asynccontextmanager
async def instances(count: int, env: dict[str, str]) -> AsyncIterator[list[BotProcess]]:
    """`count` running instances, each serving; killed at the end if still running."""
    async with AsyncExitStack() as stack:
        bots = [await stack.enter_async_context(bot_process("run", env=env))
                for _ in range(count)]
        for bot in bots:
            await bot.wait_for_line("running (")
        yield bots


def identity_in(line: str) -> str:
    """The instance identity at the end of a `took the … lease (identity)` line."""
    return line.rsplit("(", 1)[1].rstrip(")")


async def holder(bots: list[BotProcess], role: str,
                 timeout: float = 20.0) -> tuple[BotProcess, str]:  # noqa: ASYNC109
    """The instance that logged taking `role` first, and its identity."""
    waits = {asyncio.create_task(bot.wait_for_line(f"took the {role} lease", timeout)): bot
             for bot in bots}
    try:
        done, _ = await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            if task.exception() is None:
                return waits[task], identity_in(task.result())
        raise AssertionError(f"no instance took the {role} lease")
    finally:
        for task in waits:
            task.cancel()
        await asyncio.gather(*waits, return_exceptions=True)


async def seeded(url: str, settings: Settings, followers: list[Person]) -> str:
    """A new application in the database at `url`, followed by these people; its number."""
    store = await Store.open(url, settings.catalogue(), settings.calendar(),
                             prefix=settings.office.registration_prefix)
    try:
        created, _ = await store.applications.create("PBG", "Ida Wulandari", staff_id=1)
        for start in range(0, len(followers), 8):  # the pool's eight connections at once
            await asyncio.gather(*(store.followers.follow(created, person.user.id, limit=20)
                                   for person in followers[start:start + 8]))
        return created.number
    finally:
        await store.close()


class Cluster:
    """A PostgreSQL cluster of the test's own, which it may stop and start (as .ci/postgres
    makes one: Debian's server, the `postgres` user when run as root, 127.0.0.1, fsync off)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        if not found:
            raise RuntimeError("PostgreSQL's server is not installed (see .ci/postgres)")
        self.bin = found[-1]

    async def _run(self, program: str, *arguments: str) -> None:
        command = [str(self.bin / program), *arguments]
        if os.getuid() == 0:  # initdb refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        process = await asyncio.create_subprocess_exec(
            *command, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
        _, errors = await process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"{program} failed: {errors.decode(errors='replace')}")

    async def create(self) -> None:
        """initdb and start."""
        if os.getuid() == 0:
            shutil.chown(self.directory, "postgres")
        await self._run("initdb", "-D", str(self.directory / "data"), "-U", "postgres",
                        "-A", "trust", "-E", "UTF8", "--no-sync")
        await self.start()

    async def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        await self._run("pg_ctl", "-D", str(self.directory / "data"), "-l",
                        str(self.directory / "server.log"), "-w", "-o",
                        f"-h 127.0.0.1 -p {self.port} -k {self.directory} -c fsync=off "
                        "-c synchronous_commit=off -c full_page_writes=off", "start")

    async def stop(self) -> None:
        """Stop the server at once, cutting every connection (as a lost machine would)."""
        await self._run("pg_ctl", "-D", str(self.directory / "data"), "-m", "immediate",
                        "stop")


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def own_cluster() -> AsyncIterator[Cluster]:
    """A throwaway cluster in a temporary directory, stopped and removed at the end."""
    directory = Path(tempfile.mkdtemp(prefix="etracking-failover-"))
    cluster = Cluster(directory)
    try:
        await cluster.create()
        yield cluster
    finally:
        with contextlib.suppress(RuntimeError):
            await cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)
