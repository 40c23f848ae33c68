"""`python -m bot` does what the `etracking` command does."""

from bot.cli import main

raise SystemExit(main())
