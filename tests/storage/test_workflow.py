"""Permit types, stages and which moves between them are allowed."""

from __future__ import annotations

import pytest

from office.settings import Settings
from storage.errors import (
    PermitTypeUnknown,
    ReasonRequired,
    StageTransitionRejected,
    StageUnknown,
)
from storage.workflow import (
    FINAL_STAGES,
    ISSUED,
    REJECTED,
    RETURNED,
    WITHDRAWN,
    Action,
    Catalogue,
    PermitType,
    Stage,
)

PBG_STAGES = ("received", "document_check", "field_inspection", "technical_review",
              "fee_payment", "signing")


@pytest.fixture
def catalogue(settings: Settings) -> Catalogue:
    """The example office's permit types."""
    return settings.catalogue()


@pytest.fixture
def pbg(catalogue: Catalogue) -> PermitType:
    """Building approval: six stages, returned files come back to document_check."""
    return catalogue.get("PBG")


def stage(code: str, service_days: int = 1, *, waits: bool = False) -> Stage:
    """A stage with placeholder names."""
    return Stage(code, f"{code} (id)", f"{code} (en)", service_days, waits_on_applicant=waits)


def permit_type(*stages: Stage, resubmit_to: str = "") -> PermitType:
    """A permit type called TEST."""
    return PermitType("TEST", "Uji", "Test", tuple(stages), resubmit_to)


def test_example_pbg_has_its_configured_stages(pbg: PermitType) -> None:
    assert pbg.stage_codes == PBG_STAGES
    assert pbg.first_stage.code == "received"
    assert pbg.resubmit_to == "document_check"


@pytest.mark.parametrize(
    ("current", "following"),
    [
        ("received", "document_check"),
        ("document_check", "field_inspection"),
        ("field_inspection", "technical_review"),
        ("technical_review", "fee_payment"),
        ("fee_payment", "signing"),
        ("signing", ISSUED),
        (RETURNED, "document_check"),
        (ISSUED, None),
        (REJECTED, None),
        (WITHDRAWN, None),
    ],
)
def test_next_stage(pbg: PermitType, current: str, following: str | None) -> None:
    assert pbg.next_stage(current) == following


def test_advancing_from_the_first_stage_reaches_issued(pbg: PermitType) -> None:
    seen = ["received"]
    while (following := pbg.next_stage(seen[-1])) is not None:
        seen.append(following)
    assert seen == [*PBG_STAGES, ISSUED]


def test_returned_comes_back_to_the_second_stage_by_default(catalogue: Catalogue) -> None:
    sip = catalogue.get("SIP")
    assert sip.resubmit_to == "document_check"
    assert sip.next_stage(RETURNED) == "document_check"


def test_single_stage_workflow_resubmits_to_its_only_stage() -> None:
    only = permit_type(stage("received"))
    assert only.resubmit_to == "received"
    assert only.next_stage("received") == ISSUED
    assert only.next_stage(RETURNED) == "received"


def test_explicit_resubmit_to_is_kept() -> None:
    custom = permit_type(stage("received"), stage("check"), stage("signing"),
                         resubmit_to="received")
    assert custom.next_stage(RETURNED) == "received"
    assert custom.position(RETURNED) == 1


def test_next_stage_of_an_unknown_stage_raises(pbg: PermitType) -> None:
    with pytest.raises(StageUnknown) as caught:
        pbg.next_stage("archived")
    assert caught.value.code == "archived"
    assert caught.value.valid == PBG_STAGES


def test_valid_targets_from_the_first_stage(pbg: PermitType) -> None:
    assert pbg.valid_targets("received") == (
        "document_check", "field_inspection", "technical_review", "fee_payment", "signing",
        RETURNED, REJECTED, WITHDRAWN)


def test_valid_targets_from_a_middle_stage_put_the_next_step_first(pbg: PermitType) -> None:
    assert pbg.valid_targets("field_inspection") == (
        "technical_review", "received", "document_check", "fee_payment", "signing",
        RETURNED, REJECTED, WITHDRAWN)


def test_valid_targets_from_the_last_stage_offer_issue(pbg: PermitType) -> None:
    assert pbg.valid_targets("signing") == (
        ISSUED, "received", "document_check", "field_inspection", "technical_review",
        "fee_payment", RETURNED, REJECTED, WITHDRAWN)


def test_valid_targets_from_returned(pbg: PermitType) -> None:
    assert pbg.valid_targets(RETURNED) == (
        "document_check", "received", "field_inspection", "technical_review", "fee_payment",
        "signing", REJECTED, WITHDRAWN)


@pytest.mark.parametrize("final", sorted(FINAL_STAGES))
def test_final_stages_have_no_targets(pbg: PermitType, final: str) -> None:
    assert pbg.valid_targets(final) == ()


@pytest.mark.parametrize(
    ("action", "current", "requested", "target"),
    [
        (Action.ADVANCE, "received", "", "document_check"),
        (Action.ADVANCE, "signing", "", ISSUED),
        (Action.ADVANCE, RETURNED, "", "document_check"),
        (Action.RETURN, "field_inspection", "", RETURNED),
        (Action.REJECT, "received", "", REJECTED),
        (Action.REJECT, RETURNED, "", REJECTED),
        (Action.WITHDRAW, "fee_payment", "", WITHDRAWN),
        (Action.ISSUE, "signing", "", ISSUED),
        (Action.MOVE, "received", "technical_review", "technical_review"),
        (Action.MOVE, "signing", "document_check", "document_check"),
        (Action.MOVE, "signing", ISSUED, ISSUED),
        (Action.NOTE, "field_inspection", "", "field_inspection"),
        (Action.NOTE, ISSUED, "", ISSUED),
        (Action.IMPORT, "received", "signing", "signing"),
    ],
)
def test_target_for(pbg: PermitType, action: Action, current: str, requested: str,
                    target: str) -> None:
    assert pbg.target_for(action, current, requested) == target


def test_issuing_before_the_last_stage_is_rejected_with_the_valid_targets(
        pbg: PermitType) -> None:
    with pytest.raises(StageTransitionRejected) as caught:
        pbg.target_for(Action.ISSUE, "received")
    assert caught.value.current == "received"
    assert caught.value.target == ISSUED
    assert caught.value.valid == pbg.valid_targets("received")
    assert str(caught.value) == "received -> issued"


def test_returning_a_returned_application_is_rejected(pbg: PermitType) -> None:
    with pytest.raises(StageTransitionRejected) as caught:
        pbg.target_for(Action.RETURN, RETURNED)
    assert caught.value.target == RETURNED
    assert caught.value.valid == pbg.valid_targets(RETURNED)


def test_moving_to_the_current_stage_is_rejected(pbg: PermitType) -> None:
    with pytest.raises(StageTransitionRejected) as caught:
        pbg.target_for(Action.MOVE, "field_inspection", "field_inspection")
    assert caught.value.target == "field_inspection"


def test_moving_to_an_unknown_stage_names_the_configured_stages(pbg: PermitType) -> None:
    with pytest.raises(StageUnknown) as caught:
        pbg.target_for(Action.MOVE, "received", "archive")
    assert caught.value.code == "archive"
    assert caught.value.valid == PBG_STAGES


@pytest.mark.parametrize("final", sorted(FINAL_STAGES))
@pytest.mark.parametrize(
    ("action", "requested", "shown"),
    [
        (Action.ADVANCE, "", "advance"),
        (Action.RETURN, "", RETURNED),
        (Action.REJECT, "", REJECTED),
        (Action.WITHDRAW, "", WITHDRAWN),
        (Action.ISSUE, "", ISSUED),
        (Action.MOVE, "signing", "signing"),
    ],
)
def test_nothing_moves_out_of_a_final_stage(pbg: PermitType, final: str, action: Action,
                                            requested: str, shown: str) -> None:
    with pytest.raises(StageTransitionRejected) as caught:
        pbg.target_for(action, final, requested)
    assert caught.value.current == final
    assert caught.value.target == shown
    assert caught.value.valid == ()


@pytest.mark.parametrize("action", [Action.RETURN, Action.REJECT, Action.WITHDRAW, Action.NOTE])
@pytest.mark.parametrize("note", ["", "   \n"])
def test_actions_that_need_a_reason(pbg: PermitType, action: Action, note: str) -> None:
    target = pbg.target_for(action, "document_check")
    with pytest.raises(ReasonRequired) as caught:
        pbg.check_note(action, "document_check", target, note)
    assert caught.value.action == action.value


@pytest.mark.parametrize("action", [Action.RETURN, Action.REJECT, Action.WITHDRAW, Action.NOTE])
def test_a_reason_satisfies_them(pbg: PermitType, action: Action) -> None:
    target = pbg.target_for(action, "document_check")
    pbg.check_note(action, "document_check", target, "Gambar situasi belum ada")


@pytest.mark.parametrize(
    ("action", "current", "target"),
    [
        (Action.ADVANCE, "received", "document_check"),
        (Action.ISSUE, "signing", ISSUED),
        (Action.MOVE, "received", "signing"),         # forwards
        (Action.MOVE, RETURNED, "document_check"),    # back to where it resubmits
        (Action.MOVE, RETURNED, "signing"),
        (Action.MOVE, "signing", ISSUED),
    ],
)
def test_moves_that_need_no_reason(pbg: PermitType, action: Action, current: str,
                                   target: str) -> None:
    pbg.check_note(action, current, target, "")


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("signing", "document_check"),
        ("field_inspection", "received"),
        (RETURNED, "received"),  # returned counts as document_check
    ],
)
def test_backwards_moves_need_a_reason(pbg: PermitType, current: str, target: str) -> None:
    assert pbg.is_backwards(current, target)
    with pytest.raises(ReasonRequired) as caught:
        pbg.check_note(Action.MOVE, current, target, "")
    assert caught.value.action == "move"
    pbg.check_note(Action.MOVE, current, target, "Survei ulang")


@pytest.mark.parametrize("target", [RETURNED, REJECTED, WITHDRAWN])
def test_moving_to_returned_rejected_or_withdrawn_needs_a_reason(pbg: PermitType,
                                                                 target: str) -> None:
    # /move must not be a way around the reason /return, /reject and /withdraw require.
    assert pbg.target_for(Action.MOVE, "document_check", target) == target
    with pytest.raises(ReasonRequired) as caught:
        pbg.check_note(Action.MOVE, "document_check", target, "")
    assert caught.value.action == "move"
    pbg.check_note(Action.MOVE, "document_check", target, "Berkas tidak lengkap")


@pytest.mark.parametrize(
    ("current", "target", "backwards"),
    [
        ("signing", "received", True),
        ("received", "signing", False),
        ("signing", RETURNED, False),
        ("signing", REJECTED, False),
        (ISSUED, "received", False),
    ],
)
def test_is_backwards(pbg: PermitType, current: str, target: str, backwards: bool) -> None:
    assert pbg.is_backwards(current, target) is backwards


def test_a_permit_type_needs_stages() -> None:
    with pytest.raises(ValueError, match=r"^permit type TEST: needs at least one stage$"):
        permit_type()


def test_stage_codes_must_be_unique() -> None:
    with pytest.raises(ValueError, match=r"^permit type TEST: duplicate stage code check$"):
        permit_type(stage("received"), stage("check"), stage("check"))


@pytest.mark.parametrize("built_in", [RETURNED, ISSUED, REJECTED, WITHDRAWN])
def test_stage_codes_must_not_clash_with_built_in_stages(built_in: str) -> None:
    with pytest.raises(ValueError,
                       match=rf"^permit type TEST: stage code {built_in} is built in$"):
        permit_type(stage("received"), stage(built_in))


def test_service_days_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match=r"^stage check: service_days must not be negative$"):
        permit_type(stage("received"), stage("check", -1))


def test_resubmit_to_must_name_a_configured_stage() -> None:
    with pytest.raises(ValueError, match=r"^permit type TEST: resubmit_to names unknown stage "
                                         r"signing$"):
        permit_type(stage("received"), stage("check"), resubmit_to="signing")


def test_resubmit_to_cannot_be_a_built_in_stage() -> None:
    with pytest.raises(ValueError, match=r"resubmit_to names unknown stage issued$"):
        permit_type(stage("received"), stage("check"), resubmit_to=ISSUED)


@pytest.mark.parametrize(("code", "days"), [("PBG", 21), ("SIP", 7), ("REKLAME", 6),
                                            ("TDUP", 7)])
def test_service_days_sum_only_office_stages(catalogue: Catalogue, code: str,
                                             days: int) -> None:
    # PBG and REKLAME have a 5-day fee payment stage that waits on the applicant.
    assert catalogue.get(code).service_days == days


def test_service_days_of_a_workflow_with_only_waiting_stages_is_zero() -> None:
    assert permit_type(stage("payment", 5, waits=True)).service_days == 0


@pytest.mark.parametrize(
    ("code", "position"),
    [
        ("received", 1),
        ("document_check", 2),
        ("fee_payment", 5),
        ("signing", 6),
        (RETURNED, 2),
        (ISSUED, 6),
        (REJECTED, 0),
        (WITHDRAWN, 0),
    ],
)
def test_position_of_a_stage_out_of_six(pbg: PermitType, code: str, position: int) -> None:
    assert len(pbg.stages) == 6
    assert pbg.position(code) == position


def test_stage_lookup_covers_configured_and_built_in_stages(pbg: PermitType) -> None:
    assert pbg.stage("fee_payment").waits_on_applicant is True
    assert pbg.stage("fee_payment").service_days == 5
    assert pbg.stage(RETURNED).waits_on_applicant is True
    assert pbg.stage(ISSUED).is_final is True
    assert pbg.stage("signing").is_final is False


def test_names_follow_the_language(pbg: PermitType) -> None:
    assert pbg.name("id") == "Persetujuan Bangunan Gedung"
    assert pbg.name("en") == "Building approval"
    assert pbg.stage("fee_payment").name("id") == "Pembayaran retribusi (SKRD)"
    assert pbg.stage("fee_payment").name("en") == "Fee payment"
    assert pbg.stage(ISSUED).name("en") == "Issued, ready for pickup"


@pytest.mark.parametrize("typed", ["PBG", "pbg", "Pbg", "reklame"])
def test_catalogue_finds_permit_types_in_any_case(catalogue: Catalogue, typed: str) -> None:
    assert catalogue.get(typed).code == typed.upper()


def test_catalogue_lists_codes_in_configuration_order(catalogue: Catalogue) -> None:
    assert catalogue.codes == ("PBG", "SIP", "REKLAME", "TDUP")


def test_unknown_permit_type_lists_the_valid_codes(catalogue: Catalogue) -> None:
    with pytest.raises(PermitTypeUnknown) as caught:
        catalogue.get("IMB")
    assert caught.value.code == "IMB"
    assert caught.value.valid == ("PBG", "SIP", "REKLAME", "TDUP")


def test_catalogue_needs_a_permit_type() -> None:
    with pytest.raises(ValueError, match=r"^at least one permit type is needed$"):
        Catalogue(())


def test_catalogue_rejects_codes_differing_only_in_case() -> None:
    first = PermitType("SIP", "a", "a", (stage("received"),))
    second = PermitType("sip", "b", "b", (stage("received"),))
    with pytest.raises(ValueError, match=r"^duplicate permit type code$"):
        Catalogue((first, second))
