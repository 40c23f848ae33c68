"""Exit codes every `etracking` sub-command shares, so scripts and systemd can tell them apart."""

from __future__ import annotations

EXIT_FAILED = 1  # the command ran and found a problem (refused rows, unhealthy, no database)
EXIT_NO_DATABASE = EXIT_FAILED
EXIT_CONFIG = 2  # the configuration or the command line is wrong; nothing was done
EXIT_USAGE = EXIT_CONFIG
EXIT_ALREADY_RUNNING = 3  # another etracking holds the database
