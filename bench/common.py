"""What every benchmark needs: percentiles, a table printer, memory and CPU use, the machine.

Tables are printed as Markdown so a run's output can go into docs/benchmarks.md as it is.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import platform
import resource
import signal
import sqlite3
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from sandbox import Sandbox

Cell = str | int | float | None


def percentile(values: Sequence[float], share: float) -> float:
    """The `share`-th percentile (0 to 100) with linear interpolation, as numpy's default."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * share / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Latencies:
    """A summary of many timings, in milliseconds."""

    count: int
    p50: float
    p99: float
    mean: float
    max: float

    @classmethod
    def of(cls, seconds: Sequence[float]) -> Latencies:
        """Summarise timings given in seconds."""
        if not seconds:
            return cls(0, math.nan, math.nan, math.nan, math.nan)
        return cls(len(seconds), percentile(seconds, 50) * 1000, percentile(seconds, 99) * 1000,
                   sum(seconds) / len(seconds) * 1000, max(seconds) * 1000)


def cell(value: Cell, digits: int = 2) -> str:
    """A table cell: floats rounded, None as a dash."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return "-" if math.isnan(value) else f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return value


def table(headers: Sequence[str], rows: Sequence[Sequence[Cell]], digits: int = 2) -> str:
    """A Markdown table; numbers are right-aligned."""
    texts = [[cell(value, digits) for value in row] for row in rows]
    numeric = [all(isinstance(row[i], int | float) or row[i] is None for row in rows)
               for i in range(len(headers))]
    widths = [max([len(header), *(len(row[i]) for row in texts)])
              for i, header in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "| " + " | ".join(value.rjust(width) if right else value.ljust(width)
                                 for value, width, right in zip(values, widths, numeric,
                                                                strict=True)) + " |"

    rule = "|" + "|".join(("-" * (width + 1) + ":") if right else ("-" * (width + 2))
                          for width, right in zip(widths, numeric, strict=True)) + "|"
    return "\n".join([line(headers), rule, *(line(row) for row in texts)])


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]],
                digits: int = 2) -> None:
    """Print a titled Markdown table."""
    print(f"\n### {title}\n\n{table(headers, rows, digits)}\n", flush=True)


def ratio(ours: float, baseline: float) -> float:
    """ours / baseline, NaN when the baseline is zero."""
    return ours / baseline if baseline else math.nan


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB.

    VmHWM where there is /proc: getrusage's ru_maxrss survives exec, so a child started by a
    big parent would report the parent's size.
    """
    own = process_peak_rss_mb(os.getpid())
    if own is not None:
        return own
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def process_peak_rss_mb(pid: int) -> float | None:
    """Another live process's peak resident set size in MB (VmHWM), None if unreadable."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def process_cpu_seconds(pid: int) -> float:
    """User plus system CPU time a live process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    # After the command name: state is field 3 of proc(5), utime 14 and stime 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """User plus system CPU time of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_total() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> list[tuple[str, str]]:
    """What the numbers were measured on, as (what, value) pairs."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return [
        ("CPU", _cpu_model()),
        ("cores", str(cores)),
        ("memory", _memory_total()),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", sys.version.split()[0]),
        ("python-telegram-bot", _version("python-telegram-bot")),
        ("aiosqlite", _version("aiosqlite")),
        ("SQLite", sqlite3.sqlite_version),
        ("load average at start (1, 5, 15 min)", load),
    ]


def print_machine() -> None:
    """Print the machine description as a two-column table."""
    print_table("Machine", ["what", "value"], machine())


TOKEN = "123456:BENCH-TOKEN"
BOT_USERNAME = "etracking_bench_bot"
START_TIMEOUT = 60.0


async def started(sandbox: Sandbox, process: asyncio.subprocess.Process, log: Path) -> None:
    """Wait until the bot polls; fail with its log if it exits or takes too long."""
    deadline = time.monotonic() + START_TIMEOUT
    while sandbox.polls_started == 0:
        if process.returncode is not None or time.monotonic() > deadline:
            printed = await asyncio.to_thread(log.read_text)
            raise RuntimeError(f"the bot did not start polling; its log:\n{printed}")
        with contextlib.suppress(AssertionError):
            await sandbox.wait_for(lambda: sandbox.polls_started > 0, timeout=0.5)


async def stop(process: asyncio.subprocess.Process, how: int = signal.SIGTERM) -> None:
    """SIGTERM (or `how`), and SIGKILL if the process has not stopped within 20 seconds."""
    if process.returncode is not None:
        return
    process.send_signal(how)
    try:
        await asyncio.wait_for(process.wait(), 20)
    except TimeoutError:
        process.kill()
        await process.wait()
