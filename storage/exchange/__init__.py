"""CSV exchange with spreadsheets and the office's main licensing system.

Export writes applications and their history, and the survey's anonymous answers, as UTF-8
with a byte order mark (so spreadsheet programs read it as UTF-8), dates in ISO 8601 in the
office's time zone, to the second.

Import reads the same columns and turns the file into a plan: every row is validated, and the
plan says what would be created, changed and left alone, and which rows are refused and why
(row numbers as a spreadsheet shows them: the header is row 1). Only a plan without refusals
can be applied, and it is applied in one transaction: everything or nothing.

    ImportFileRejected   the file as a whole cannot be read (encoding, header, size)
    ImportNotReady       the plan has refusals (or nothing to do) and cannot be applied
    ImportStale          the store changed between the dry run and the confirmation
"""

from storage.exchange.apply import apply_import
from storage.exchange.checking import plan_import
from storage.exchange.csvfile import (
    APPLICATION_FIELDS,
    BOM,
    HISTORY_FIELDS,
    MAX_IMPORT_BYTES,
    SURVEY_FIELDS,
    FileProblem,
    ImportFileRejected,
    ImportNotReady,
    ImportStale,
    decode_csv,
)
from storage.exchange.export import (
    ExportFile,
    export_applications,
    export_history,
    export_survey,
    format_moment,
)
from storage.exchange.plan import (
    ApplicationUpdate,
    ImportPlan,
    ImportResult,
    NewApplication,
    Reason,
    Refusal,
)

__all__ = [
    "APPLICATION_FIELDS", "BOM", "HISTORY_FIELDS", "MAX_IMPORT_BYTES", "SURVEY_FIELDS",
    "ApplicationUpdate", "ExportFile", "FileProblem", "ImportFileRejected", "ImportNotReady",
    "ImportPlan", "ImportResult", "ImportStale", "NewApplication", "Reason", "Refusal",
    "apply_import", "decode_csv", "export_applications", "export_history", "export_survey",
    "format_moment", "plan_import",
]
