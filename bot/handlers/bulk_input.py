"""Parsing a list of numbers as staff type it for a bulk move: `12 13 15-18 …`."""

from __future__ import annotations

import re
from datetime import datetime

from bot.handlers.error_replies import UsageError
from bot.handlers.staff_input import staff_number
from storage.numbers import normalise_number

# At most this many applications per command: one message lists them all, and a slip of the
# range (`15-180`) must not move a whole year's files.
MAX_BULK = 50
_SHORT = re.compile(r"\d{1,6}")
_RANGE = re.compile(r"(\d{1,6})-(\d{1,6})")


def numbers_and_rest(text: str, prefix: str, now: datetime) -> tuple[list[str], str]:
    """The leading numbers (short, full, or short ranges `15-18`) and the rest of the text.

    Repeats count once. More than MAX_BULK, or a range backwards, is a UsageError: nothing is
    read or changed for such a command.
    """
    words = text.split()
    numbers: list[str] = []
    taken = 0
    for word in words:
        found = _RANGE.fullmatch(word)
        if found:
            first, last = int(found.group(1)), int(found.group(2))
            if last < first:
                raise UsageError("staff.bulk.backwards", range=word)
            if len(numbers) + last - first + 1 > MAX_BULK:
                raise UsageError("staff.bulk.too_many", limit=MAX_BULK)
            numbers += [staff_number(str(n), prefix, now) for n in range(first, last + 1)]
        elif _SHORT.fullmatch(word) or normalise_number(word):
            numbers.append(staff_number(word, prefix, now))
        else:
            break
        taken += 1
        if len(numbers) > MAX_BULK:
            raise UsageError("staff.bulk.too_many", limit=MAX_BULK)
    rest = text.split(maxsplit=taken)[taken] if len(words) > taken else ""
    return list(dict.fromkeys(numbers)), rest
