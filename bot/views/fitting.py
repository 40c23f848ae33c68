"""Fitting lines into one Telegram message: the one place lists and histories are cut.

Telegram refuses a text over 4096 characters, which a list of long applicant names reaches
quickly (a 200-character name full of `&` is 1,000 characters of HTML). Whole lines are kept
or left out, never cut, so no tag or entity is ever split; lengths are measured on the final
HTML in UTF-16 code units, as Telegram counts, which is never less than what Telegram counts
after parsing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from office.texts import Html, join, text

TELEGRAM_TEXT_LIMIT = 4096


def telegram_length(value: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji counts two)."""
    return len(value.encode("utf-16-le")) // 2


def clip(value: str, limit: int) -> str:
    """The value (plain text, before escaping), cut to `limit` characters with an ellipsis."""
    return value if len(value) <= limit else value[:limit - 1] + "…"


def one_message(head: Html, lines: Sequence[Html], language: str, *, total: int | None = None,
                limit: int = TELEGRAM_TEXT_LIMIT) -> Html:
    """`head`, then the first `lines` that fit one message, then "…and N more" for the rest.

    `total` counts lines the caller did not even fetch (a list read with a LIMIT).
    """
    return fit_message(head, lines, language, total=total, limit=limit)[0]


def fit_message(head: Html, lines: Sequence[Html], language: str, *, total: int | None = None,
                limit: int = TELEGRAM_TEXT_LIMIT) -> tuple[Html, int]:
    """`one_message`, and how many of the lines it shows (for buttons that go with them)."""
    kept, more = _fit(lines, max(total or 0, len(lines)), limit - telegram_length(head) - 1,
                      lambda left: text(language, "list.more", count=left))
    return join([head, *kept, *more]), len(kept)


def first_that_fit(lines: Sequence[Html], language: str, budget: int, *,
                   total: int | None = None) -> list[Html]:
    """The first lines that fit `budget` characters, and "…and N more" when some are left."""
    kept, more = _fit(lines, max(total or 0, len(lines)), budget,
                      lambda left: text(language, "list.more", count=left))
    return [*kept, *more]


def newest_that_fit(lines: Sequence[Html], language: str, budget: int,
                    max_lines: int | None = None) -> list[Html]:
    """The newest lines that fit `budget` characters (oldest first), after a line saying how
    many earlier ones were left out."""
    newest = lines[::-1][:max_lines]
    kept, earlier = _fit(newest, len(lines), budget,
                         lambda left: text(language, "card.earlier", count=left))
    return [*earlier, *reversed(kept)]


def _fit(lines: Sequence[Html], total: int, budget: int,
         more: Callable[[int], Html]) -> tuple[list[Html], list[Html]]:
    """The lines, in the given order, while they fit; and the line about the `total` - kept
    rest, if any (room for it is kept all along)."""
    kept: list[Html] = []
    used = 0
    for line in lines:
        left = total - len(kept) - 1
        reserve = telegram_length(more(left)) + 1 if left else 0
        size = telegram_length(line) + 1
        if used + size + reserve > budget:
            break
        kept.append(line)
        used += size
    left = total - len(kept)
    return kept, [more(left)] if left else []
