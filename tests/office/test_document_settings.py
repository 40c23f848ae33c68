"""`[documents]`: the defaults an office starts from, and a stage typo caught at start."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from office.document_settings import DocumentSettings
from office.settings import Settings


def test_the_defaults_take_returned_files_up_to_ten_megabytes() -> None:
    rules = DocumentSettings().rules()
    assert (rules.stages, rules.max_bytes, rules.per_day) == (
        frozenset({"returned"}), 10 * 1024 * 1024, 10)
    assert rules.types == frozenset({"image/jpeg", "image/png", "application/pdf"})


def test_the_file_store_defaults_to_beside_the_database(tmp_path: Path) -> None:
    assert DocumentSettings().file_store(tmp_path / "etracking.db", False).directory == (
        tmp_path / "documents")
    assert DocumentSettings(directory=tmp_path / "x").file_store(
        tmp_path / "etracking.db", True).directory == tmp_path / "x"


def test_an_unknown_stage_is_a_configuration_error(settings: Settings) -> None:
    data = settings.model_dump()
    data["documents"]["stages"] = ["retuned"]
    with pytest.raises(ValidationError, match=r"documents\.stages: unknown stage retuned"):
        Settings(**data)
    data["documents"]["stages"] = ["returned", "field_inspection"]
    assert Settings(**data).documents.stages == ["returned", "field_inspection"]


@pytest.mark.parametrize("update", [{"max_size_mb": 25}, {"types": ["application/zip"]},
                                    {"per_application_per_day": 0}])
def test_limits_outside_what_telegram_and_the_store_allow_are_refused(
        update: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        DocumentSettings(**update)
