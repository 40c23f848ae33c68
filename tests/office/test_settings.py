"""Configuration: the example file, environment overrides and one-line errors."""

from __future__ import annotations

import os
from datetime import date, time
from pathlib import Path

import pytest
from pydantic import SecretStr

from office.settings import ConfigError, Settings, load_settings, masked
from tests.conftest import EXAMPLE_CONFIG

MINIMAL = """\
[office]
registration_prefix = "JBR"

[[permit_types]]
code = "SIP"
name_id = "Surat Izin Praktik"
name_en = "Practice licence"
stages = [
    { code = "received", name_id = "Diterima", name_en = "Received", service_days = 1 },
    { code = "document_check", name_id = "Verifikasi", name_en = "Check", service_days = 2 },
]
"""

SECOND_TYPE = """
[[permit_types]]
code = "{code}"
name_id = "Tanda Daftar"
name_en = "Registration"
{extra}stages = [{stages}]
"""

STAGE = '{{ code = "{code}", name_id = "Tahap", name_en = "Step", service_days = {days} }}'


@pytest.fixture(autouse=True)
def _no_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's own ETRACK_* variables must not leak into these tests."""
    for name in list(os.environ):
        if name.startswith("ETRACK_"):
            monkeypatch.delenv(name)


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    """A configuration file with that text."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def second_type(code: str = "TDUP", *, extra: str = "",
                stages: tuple[tuple[str, int], ...] = (("received", 1),)) -> str:
    """A second [[permit_types]] table."""
    listed = ", ".join(STAGE.format(code=c, days=d) for c, d in stages)
    return SECOND_TYPE.format(code=code, extra=extra, stages=listed)


def config_error(path: Path) -> str:
    """The ConfigError message loading that file gives."""
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_example_config_loads(settings: Settings) -> None:
    assert settings.office.name == "DPMPTSP Kabupaten Jembrana"
    assert settings.office.timezone == "Asia/Makassar"
    assert settings.office.registration_prefix == "JBR"
    assert settings.office.default_language == "id"
    assert len(settings.office.holidays) == 18
    assert date(2026, 3, 19) in settings.office.holidays
    assert settings.office.holidays[-1] == date(2027, 1, 1)
    assert settings.telegram.token.get_secret_value() == ""
    assert settings.telegram.base_url == "https://api.telegram.org/bot"
    assert settings.webhook.port == 8443
    assert settings.database.path == Path("etracking.db")
    assert settings.staff.admin_ids == []
    assert settings.staff.group_chat_id is None
    assert settings.applicants.max_followed == 20
    assert settings.notifications.digest_time == time(7, 30)
    assert settings.notifications.reminder_time == time(9, 0)
    assert settings.privacy.retention_days == 365
    assert [p.code for p in settings.permit_types] == ["PBG", "SIP", "REKLAME", "TDUP"]
    assert settings.catalogue().codes == ("PBG", "SIP", "REKLAME", "TDUP")
    assert settings.calendar().is_working_day(date(2026, 3, 19)) is False


def test_a_minimal_config_takes_the_defaults(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, MINIMAL))
    assert settings.office.timezone == "Asia/Makassar"
    assert settings.office.holidays == []
    assert settings.notifications.max_attempts == 8
    assert settings.catalogue().get("sip").resubmit_to == "document_check"


def test_environment_overrides_the_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETRACK_TELEGRAM__TOKEN", "123456:ABC-secret")
    settings = load_settings(EXAMPLE_CONFIG)
    assert settings.telegram.token.get_secret_value() == "123456:ABC-secret"
    # The rest of the table still comes from the file.
    assert settings.telegram.base_url == "https://api.telegram.org/bot"
    assert settings.telegram.read_timeout == 10.0


def test_environment_overrides_the_timezone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETRACK_OFFICE__TIMEZONE", "Asia/Jakarta")
    settings = load_settings(EXAMPLE_CONFIG)
    assert settings.office.timezone == "Asia/Jakarta"
    assert settings.office.name == "DPMPTSP Kabupaten Jembrana"
    assert len(settings.office.holidays) == 18


def test_environment_sets_a_list_as_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETRACK_STAFF__ADMIN_IDS", "[1,2]")
    assert load_settings(EXAMPLE_CONFIG).staff.admin_ids == [1, 2]


@pytest.mark.parametrize(("given", "ids"), [
    ("111,222", [111, 222]), (" 111 , 222 ", [111, 222]), ("111", [111]),
    ("[111, 222]", [111, 222]), ("", [])])
def test_admin_ids_from_the_environment_may_be_comma_separated(
        monkeypatch: pytest.MonkeyPatch, given: str, ids: list[int]) -> None:
    monkeypatch.setenv("ETRACK_STAFF__ADMIN_IDS", given)
    assert load_settings(EXAMPLE_CONFIG).staff.admin_ids == ids


def test_an_admin_id_that_is_no_number_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETRACK_STAFF__ADMIN_IDS", "111,Made")
    assert config_error(EXAMPLE_CONFIG) == (
        f"{EXAMPLE_CONFIG}: staff.admin_ids[1]: Input should be a valid integer, unable to parse "
        "string as an integer (got 'Made')")


def test_a_list_that_is_not_json_names_the_variable_not_its_value(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETRACK_OFFICE__HOLIDAYS", "2026-12-25,2026-12-26")
    monkeypatch.setenv("ETRACK_OFFICE__PHONE", "not json and fine")
    assert config_error(EXAMPLE_CONFIG) == (
        "environment: ETRACK_OFFICE__HOLIDAYS: not valid JSON (lists and tables given in the "
        "environment are JSON, e.g. [1, 2])")


@pytest.mark.parametrize("variable", ["ETRACK_TELEGRAM__BOT_TOKEN", "ETRACK_TELEGRAM__TOKEN_"])
def test_a_misspelled_key_is_named_and_its_value_never_shown(
        monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    monkeypatch.setenv(variable, "123456:AAH-very-secret")
    message = config_error(EXAMPLE_CONFIG)
    assert message == (f"{EXAMPLE_CONFIG}: telegram.{variable.split('__')[1].lower()}: "
                       "Extra inputs are not permitted")
    assert "secret" not in message


def test_a_misspelled_key_in_the_file_is_not_echoed_either(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + '\n[webhook]\nsecret_tokn = "s3cr3t-value"\n')
    assert config_error(path) == (
        f"{path}: webhook.secret_tokn: Extra inputs are not permitted")


def test_a_bad_environment_value_names_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETRACK_OFFICE__TIMEZONE", "Mars/Olympus")
    assert config_error(EXAMPLE_CONFIG) == (
        f"{EXAMPLE_CONFIG}: office.timezone: unknown time zone 'Mars/Olympus'")


def test_etrack_config_chooses_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL, "office.toml")
    monkeypatch.setenv("ETRACK_CONFIG", str(path))
    assert [p.code for p in load_settings().permit_types] == ["SIP"]


def test_an_explicit_path_wins_over_etrack_config(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    monkeypatch.setenv("ETRACK_CONFIG", str(write(tmp_path, MINIMAL, "office.toml")))
    assert len(load_settings(EXAMPLE_CONFIG).permit_types) == 4


def test_config_toml_in_the_working_directory_is_the_default(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    write(tmp_path, MINIMAL)
    monkeypatch.chdir(tmp_path)
    assert [p.code for p in load_settings().permit_types] == ["SIP"]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    assert config_error(path) == f"{path}: file not found"


def test_missing_default_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=r"^config\.toml: file not found$"):
        load_settings()


def test_a_directory_cannot_be_read(tmp_path: Path) -> None:
    assert config_error(tmp_path).startswith(f"{tmp_path}: cannot read: ")


def test_bad_toml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[office]\nname = "unterminated\n')
    assert config_error(path) == (
        f"{path}: not valid TOML: Illegal character '\\n' (at line 2, column 21)")


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace('[office]\n', '[office]\ncolour = "blue"\n'))
    assert config_error(path) == (
        f"{path}: office.colour: Extra inputs are not permitted")


def test_unknown_table_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + "\n[printer]\nmodel = 'x'\n")
    assert config_error(path) == f"{path}: printer: Extra inputs are not permitted"


def test_unknown_stage_key_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("service_days = 2", "service_days = 2, sla = 3"))
    assert config_error(path) == (
        f"{path}: permit_types[0].stages[1].sla: Extra inputs are not permitted")


def test_bad_timezone(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace('[office]\n', '[office]\ntimezone = "WITA"\n'))
    assert config_error(path) == (
        f"{path}: office.timezone: unknown time zone 'WITA'")


def test_timezone_that_is_not_a_zone_key(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace('[office]\n', '[office]\ntimezone = "../etc"\n'))
    assert config_error(path) == (
        f"{path}: office.timezone: unknown time zone '../etc'")


@pytest.mark.parametrize("prefix", ["jbr", "J", "JBR-1", "ABCDEFGHIJK"])
def test_bad_registration_prefix(tmp_path: Path, prefix: str) -> None:
    path = write(tmp_path, MINIMAL.replace('"JBR"', f'"{prefix}"'))
    assert config_error(path) == (
        f"{path}: office.registration_prefix: String should match pattern '^[A-Z]{{2,10}}$' "
        f"(got '{prefix}')")


@pytest.mark.parametrize("key", ["base_url", "base_file_url"])
def test_bot_api_urls_must_be_http(tmp_path: Path, key: str) -> None:
    path = write(tmp_path, f'[telegram]\n{key} = "api.telegram.org/bot"\n' + MINIMAL)
    assert config_error(path) == (
        f"{path}: telegram.{key}: String should match pattern '^https?://\\S+$' "
        f"(got 'api.telegram.org/bot')")


def test_resubmit_to_must_name_a_stage(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + second_type(extra='resubmit_to = "signing"\n'))
    assert config_error(path) == (
        f"{path}: config: permit_types[1] (TDUP): permit type TDUP: resubmit_to names "
        "unknown stage signing")


def test_duplicate_permit_type_code(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + second_type("SIP"))
    assert config_error(path) == f"{path}: config: permit_types[1].code: duplicate code SIP"


def test_duplicate_stage_code(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + second_type(stages=(("received", 1), ("received", 2))))
    assert config_error(path) == (
        f"{path}: config: permit_types[1] (TDUP): permit type TDUP: duplicate stage code "
        "received")


def test_built_in_stage_code(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + second_type(stages=(("received", 1), ("issued", 0))))
    assert config_error(path) == (
        f"{path}: config: permit_types[1] (TDUP): permit type TDUP: stage code issued is "
        "built in")


def test_negative_service_days(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("service_days = 2", "service_days = -2"))
    assert config_error(path) == (
        f"{path}: permit_types[0].stages[1].service_days: Input should be greater than or "
        "equal to 0 (got -2)")


def test_empty_stages(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + second_type(stages=()))
    assert config_error(path) == (
        f"{path}: permit_types[1].stages: List should have at least 1 item after "
        "validation, not 0")


def test_no_permit_types(tmp_path: Path) -> None:
    path = write(tmp_path, '[office]\nname = "DPMPTSP"\n')
    assert config_error(path) == f"{path}: permit_types: Field required"


def test_several_problems_are_counted(tmp_path: Path) -> None:
    text = MINIMAL.replace('[office]\n', '[office]\ntimezone = "WITA"\ncolour = "blue"\n')
    assert config_error(write(tmp_path, text)).endswith("(and 1 more)")


def test_masked_hides_the_secret() -> None:
    shown = masked(SecretStr("123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"))
    assert shown == "123456789:***"
    assert "AAHdq" not in shown


def test_masked_token_without_a_bot_id_shows_nothing_of_it() -> None:
    assert masked(SecretStr("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")) == "***"


def test_masked_unset_token() -> None:
    assert masked(SecretStr("")) == "(not set)"


def test_token_is_not_printed_with_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETRACK_TELEGRAM__TOKEN", "123456:ABC-secret")
    settings = load_settings(EXAMPLE_CONFIG)
    assert "ABC-secret" not in repr(settings)
    assert "ABC-secret" not in str(settings.telegram)


def test_office_hours_in_the_readers_language(settings: Settings) -> None:
    office = settings.office
    assert (office.opening("en"), office.pickup("en")) == (
        office.opening_hours_en, office.pickup_hours_en)
    assert (office.opening("id"), office.pickup("id")) == (
        office.opening_hours, office.pickup_hours)
    plain = office.model_copy(update={"opening_hours_en": "", "pickup_hours_en": "",
                                      "pickup_hours": ""})
    assert plain.opening("en") == plain.opening_hours  # one text for everyone
    assert plain.pickup("en") == plain.opening_hours  # no pickup hours: the opening hours


def test_a_sqlite_url_sets_the_path_and_a_postgresql_one_the_target(tmp_path: Path) -> None:
    on_file = load_settings(write(tmp_path, MINIMAL + '[database]\nurl = "sqlite:///data/office.db"\n'))
    assert (on_file.database.path, on_file.database.target) == (
        Path("data/office.db"), "data/office.db")
    assert not on_file.database.on_postgres

    url = "postgresql://bot:s3cret@db.example:5432/office"
    on_server = load_settings(write(tmp_path, MINIMAL + f'[database]\nurl = "{url}"\n'))
    assert on_server.database.on_postgres
    assert on_server.database.target == url
    assert on_server.database.shown == "postgresql://bot@db.example:5432/office"
    assert "s3cret" not in repr(on_server)


def test_the_database_password_comes_from_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETRACK_DATABASE__PASSWORD", "from-env")
    settings = load_settings(write(
        tmp_path, MINIMAL + '[database]\nurl = "postgresql://bot@db/office"\n'))
    assert settings.database.secret == "from-env"
    assert "from-env" not in repr(settings)


def test_an_unknown_database_url_is_refused(tmp_path: Path) -> None:
    message = config_error(write(tmp_path, MINIMAL + '[database]\nurl = "mysql://db/office"\n'))
    assert "database.url" in message
    assert "url must start with sqlite:/// or postgresql://" in message


def test_instances_default_to_a_ten_second_lease_renewed_every_three() -> None:
    instances = load_settings(EXAMPLE_CONFIG).instances
    assert (instances.lease_seconds, instances.renew_seconds) == (10.0, 3.0)


def test_a_renewal_slower_than_half_the_lease_is_one_line(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETRACK_INSTANCES__RENEW_SECONDS", "6")
    assert config_error(EXAMPLE_CONFIG) == (
        f"{EXAMPLE_CONFIG}: instances: renew_seconds: must be at most half of "
        "lease_seconds, so one late renewal does not lose the lease")
