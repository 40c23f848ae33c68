"""Input errors detected while parsing a command, answered with the command's usage."""

from __future__ import annotations


class UsageError(Exception):
    """The command's arguments are missing or malformed; reply with the catalogue text `key`."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values
