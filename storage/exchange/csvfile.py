"""The CSV files both ways: columns, dates, and reading a file into a table."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

APPLICATION_FIELDS = ("number", "permit_type", "applicant_name", "contact", "stage",
                      "stage_entered_at", "created_at", "updated_at", "due_at", "decided_at")
HISTORY_FIELDS = ("number", "at", "action", "from_stage", "to_stage", "public_note",
                  "internal_note", "staff_id")
# One anonymous survey response: the month answered and elements U1-U9 (1-4, empty: skipped).
SURVEY_FIELDS = ("month", *(f"u{element}" for element in range(1, 10)))
REQUIRED_FIELDS = ("number", "permit_type", "applicant_name", "stage")
REQUIRED_HISTORY_FIELDS = ("number", "at", "action", "to_stage")
DATE_FIELDS = ("stage_entered_at", "created_at", "updated_at", "due_at", "decided_at")
BOM = "\ufeff"
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_QUOTED = 40
_LOOKUP_CHUNK = 500
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection).
# Leading quotes are part of the pattern so that the escape can be undone exactly: a value
# that already begins with quotes before such a character gets one more on export.
_FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")


def neutralise_cell(value: str) -> str:
    """The cell as exported: a single quote before anything a spreadsheet would run.

    Phone numbers (`+62 812…`) and negative-looking values get the quote too; import takes
    exactly one off again (`restore_cell`), so the round trip gives back what was stored.
    """
    return "'" + value if _FORMULA_START.match(value) else value


def restore_cell(value: str) -> str:
    """The value a neutralised cell stands for (cells never neutralised pass unchanged)."""
    return value[1:] if value.startswith("'") and _FORMULA_START.match(value) else value


# -- import: the file ------------------------------------------------------------------------

class FileProblem(StrEnum):
    """Why a file cannot be read at all."""

    TOO_BIG = "too_big"
    NOT_UTF8 = "not_utf8"
    NOT_CSV = "not_csv"
    EMPTY = "empty"
    MISSING_COLUMNS = "missing_columns"


class ImportFileRejected(Exception):
    """The file as a whole cannot be imported; nothing in it was looked at row by row."""

    def __init__(self, problem: FileProblem, detail: str = "", file: str = "") -> None:
        super().__init__(f"{file or 'file'}: {problem.value} {detail}".strip())
        self.problem = problem
        self.detail = detail
        self.file = file


class ImportNotReady(Exception):
    """Only a plan without refusals, and with something to do, can be applied."""


class ImportStale(Exception):
    """An application changed (or appeared) after the dry run; nothing was imported."""

    def __init__(self, number: str) -> None:
        super().__init__(number)
        self.number = number


def decode_csv(data: bytes, file: str = "", *, limit: int | None = MAX_IMPORT_BYTES) -> str:
    """The text of a CSV (UTF-8, with or without BOM), or ImportFileRejected.

    Uploads in chat are limited in size; the command line passes `limit=None`.
    """
    if limit is not None and len(data) > limit:
        raise ImportFileRejected(FileProblem.TOO_BIG, str(limit // (1024 * 1024)), file)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileRejected(FileProblem.NOT_UTF8, file=file) from None


@dataclass(frozen=True)
class _Table:
    """A CSV read into rows keyed by lower-case column name, each with its spreadsheet row."""

    columns: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]


def _read_table(text: str, required: Sequence[str], file: str) -> _Table:
    text = text.removeprefix(BOM)
    first_line = text.split("\n", 1)[0]
    # Spreadsheets set to an Indonesian (or any comma-decimal) locale save with semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileRejected(FileProblem.NOT_CSV, str(error), file) from None
    if not records or not any(cell.strip() for cell in records[0]):
        raise ImportFileRejected(FileProblem.EMPTY, file=file)
    columns = tuple(cell.strip().lower() for cell in records[0])
    missing = [name for name in required if name not in columns]
    if missing:
        raise ImportFileRejected(FileProblem.MISSING_COLUMNS, ", ".join(missing), file)
    rows = []
    for row_number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # trailing blank lines that spreadsheets like to add
        rows.append((row_number, {name: restore_cell(record[i]) if i < len(record) else ""
                                  for i, name in enumerate(columns)}))
    return _Table(columns, tuple(rows))
