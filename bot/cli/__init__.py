"""The `etracking` command and its sub-commands (run, check-config, health, stats, data, demo)."""
