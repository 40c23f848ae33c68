"""CI runs the suite exactly as the README tells a newcomer to (workers included)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readmes_test_command_as_written() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"^python3 -m venv \.venv && .*\.venv/bin/pytest .*$", readme, re.M)
    assert command is not None
    assert command.group(0) in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
