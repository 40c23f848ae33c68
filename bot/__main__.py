"""`python -m bot` does what the `etracking` command does."""

from bot.cli.main import main

raise SystemExit(main())
