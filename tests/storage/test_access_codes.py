"""Access codes: six random digits, stored only as a salted hash."""

from __future__ import annotations

import re

import pytest

from storage.access_codes import hash_access_code, new_access_code, verify_access_code

CHEAP = 1_000  # iterations: tests need the behaviour, not the cost


def test_new_access_code_is_six_digits() -> None:
    codes = {new_access_code() for _ in range(300)}
    assert all(re.fullmatch(r"\d{6}", code) for code in codes)
    assert len(codes) > 290  # random, not a constant


def test_hash_has_iterations_salt_and_digest() -> None:
    iterations, salt, digest = hash_access_code("123456").split("$")
    assert iterations == "50000"
    assert re.fullmatch(r"[0-9a-f]{16}", salt)
    assert re.fullmatch(r"[0-9a-f]{64}", digest)


def test_hash_does_not_contain_the_code() -> None:
    assert "123456" not in hash_access_code("123456", iterations=CHEAP)


def test_the_right_code_verifies() -> None:
    stored = hash_access_code("042917", iterations=CHEAP)
    assert verify_access_code("042917", stored) is True


def test_surrounding_spaces_are_ignored() -> None:
    stored = hash_access_code("042917", iterations=CHEAP)
    assert verify_access_code(" 042917\n", stored) is True


def test_the_default_cost_verifies() -> None:
    assert verify_access_code("000001", hash_access_code("000001")) is True


@pytest.mark.parametrize("wrong", ["042918", "42917", "", "0429170", "abcdef"])
def test_a_wrong_code_fails(wrong: str) -> None:
    stored = hash_access_code("042917", iterations=CHEAP)
    assert verify_access_code(wrong, stored) is False


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "not a hash",
        "1000$00112233",                 # too few parts
        "1000$0011$2233$4455",           # too many parts
        "many$0011223344556677$00",      # iterations not a number
        "1000$zz11223344556677$00",      # salt not hex
        "0$0011223344556677$00",         # zero iterations
        "-5$0011223344556677$00",
        "1000$0011223344556677$",        # empty digest
        "99999999999$0011223344556677$00",  # iterations beyond what pbkdf2 accepts
        "1000$0011223344556677$é",       # digest not hex
    ],
)
def test_a_malformed_stored_hash_fails(stored: str) -> None:
    assert verify_access_code("042917", stored) is False


def test_salt_differs_between_hashes_of_the_same_code() -> None:
    first = hash_access_code("042917", iterations=CHEAP)
    second = hash_access_code("042917", iterations=CHEAP)
    assert first.split("$")[1] != second.split("$")[1]
    assert first != second
    assert verify_access_code("042917", first) is True
    assert verify_access_code("042917", second) is True
