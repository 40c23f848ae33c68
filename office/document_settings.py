"""`[documents]`: what applicants may hand in by chat, and where the files are kept."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from storage.documents import DocumentRules
from storage.files import DirectoryFileStore

MEGABYTE = 1024 * 1024
DocumentType = Literal["image/jpeg", "image/png", "application/pdf"]
ALL_TYPES: tuple[DocumentType, ...] = ("image/jpeg", "image/png", "application/pdf")


class DocumentSettings(BaseModel):
    """Stages that take documents, limits, and the file store's directory."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # Stage codes at which a follower may hand in files; [] turns the feature off.
    stages: list[str] = Field(default_factory=lambda: ["returned"])
    # Telegram lets bots download at most 20 MB.
    max_size_mb: float = Field(10.0, gt=0, le=20)
    types: list[DocumentType] = Field(default_factory=lambda: list(ALL_TYPES), min_length=1)
    per_application_per_day: int = Field(10, ge=1, le=100)
    # Empty: a `documents` directory next to the SQLite file (or the working directory).
    directory: Path | None = None
    # How long a file waits for the chat to choose an application.
    choice_minutes: int = Field(30, ge=1, le=1440)

    def rules(self) -> DocumentRules:
        """The limits as the store applies them."""
        return DocumentRules(frozenset(self.stages), int(self.max_size_mb * MEGABYTE),
                             frozenset(self.types), self.per_application_per_day)

    def file_store(self, database_path: Path, on_postgres: bool) -> DirectoryFileStore:
        """The configured directory, else `documents` beside the database file."""
        if self.directory is not None and str(self.directory):
            return DirectoryFileStore(self.directory)
        base = Path(".") if on_postgres else database_path.parent
        return DirectoryFileStore(base / "documents")
