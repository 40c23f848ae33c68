"""Configuration errors as one line that names the key and never shows a secret."""

from __future__ import annotations

import json
import os
import re
from typing import get_origin

from pydantic import BaseModel, ValidationError
from pydantic_settings import NoDecode, SettingsError

# Keys whose values are never repeated in an error, whatever is wrong with them.
_SECRET_WORDS = ("token", "secret", "password")
_FIELD = re.compile(r'field "([a-z_]+)"')


def describe(error: ValidationError) -> str:
    """The first validation problem as `key.path: reason`, and how many more there are."""
    problems = error.errors()
    first = problems[0]
    key = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    given = first.get("input")
    # A misspelled key (`telegram.bot_token`) may hold anything, a token too: never echo it.
    private = first["type"] == "extra_forbidden" or any(
        word in key.lower() for word in _SECRET_WORDS)
    shown = (f" (got {given!r})" if isinstance(given, str | int | float) and key
             and not private and str(given) not in message else "")
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{key.lstrip('.') or 'config'}: {message}{shown}{more}"


def undecodable(error: SettingsError, settings: type[BaseModel]) -> str:
    """An environment value pydantic-settings could not read as JSON: named, value not shown.

    pydantic-settings names only the table (`field "office"`); the variables of that table
    whose keys take JSON and whose values are not JSON are the culprits.
    """
    found = _FIELD.search(str(error))
    field = found.group(1) if found else ""
    prefix = f"ETRACK_{field.upper()}"
    named = sorted(name for name, value in os.environ.items()
                   if _structured(settings, field, prefix, name.upper()) and not _is_json(value))
    return (f"environment: {', '.join(named) or prefix + '…'}: not valid JSON (lists and tables "
            "given in the environment are JSON, e.g. [1, 2])")


def _structured(settings: type[BaseModel], field: str, prefix: str, variable: str) -> bool:
    """Whether the variable sets a list or a table of `field` that is read as JSON."""
    info = settings.model_fields.get(field)
    if info is None or not variable.startswith(prefix):
        return False
    if variable == prefix:
        return True
    table, key = info.annotation, variable.removeprefix(prefix + "__").lower()
    if not (isinstance(table, type) and issubclass(table, BaseModel)):
        return False
    inner = table.model_fields.get(key)
    return (inner is not None and NoDecode not in inner.metadata
            and get_origin(inner.annotation) in (list, dict))


def _is_json(value: str) -> bool:
    try:
        json.loads(value)
    except ValueError:
        return False
    return True
