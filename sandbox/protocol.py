"""The Bot API's wire conventions: error answers and loosely typed request parameters.

Telegram accepts every parameter as a query string, a form field, a multipart field or a JSON
value, so a form's "123" and a JSON body's 123 must read the same. PTB sends form fields whose
objects (reply_markup, scope, allowed_updates…) are JSON-encoded strings.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

JsonDict = dict[str, Any]


class ApiError(Exception):
    """An unsuccessful Bot API answer: HTTP status, description and optional parameters."""

    def __init__(self, status: int, description: str, parameters: JsonDict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> JsonDict:
        """The JSON body Telegram sends with this error."""
        body: JsonDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str, parameters: JsonDict | None = None) -> ApiError:
    """A 400 answer; Telegram prefixes every such description with "Bad Request: "."""
    return ApiError(400, f"Bad Request: {detail}", parameters)


def forbidden(detail: str) -> ApiError:
    """A 403 answer, e.g. when the user blocked the bot."""
    return ApiError(403, f"Forbidden: {detail}")


@dataclass(frozen=True)
class Upload:
    """A file sent as a multipart part."""

    filename: str
    data: bytes
    content_type: str


class Params:
    """A method's parameters, read with Telegram's tolerant typing."""

    def __init__(self, values: Mapping[str, object], uploads: Mapping[str, Upload]) -> None:
        self._values = dict(values)
        self._uploads = dict(uploads)

    def __contains__(self, name: str) -> bool:
        return self._values.get(name) is not None or name in self._uploads

    def text(self, name: str) -> str | None:
        """A string parameter, or None when absent."""
        value = self._values.get(name)
        if value is None:
            return None
        if isinstance(value, str):
            return value
        return json.dumps(value) if isinstance(value, dict | list) else str(value)

    def integer(self, name: str) -> int | None:
        """An integer parameter, or None when absent."""
        value = self._values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        try:
            return int(str(value))
        except ValueError:
            raise bad_request(f'field "{name}" must be of type Integer') from None

    def number(self, name: str) -> float | None:
        """A numeric parameter, or None when absent."""
        value = self._values.get(name)
        if value is None or value == "":
            return None
        try:
            return float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise bad_request(f'field "{name}" must be a Number') from None

    def flag(self, name: str) -> bool:
        """A boolean parameter; absent means False."""
        value = self._values.get(name)
        if isinstance(value, str):
            return value.strip().lower() in {"true", "1"}
        return bool(value)

    def structured(self, name: str, error: str) -> Any:
        """A JSON object or array, given as JSON or as a JSON-encoded string; None when absent."""
        value = self._values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(error) from None
        return value

    def file(self, name: str) -> Upload | str | None:
        """A file parameter: an uploaded part, a file_id/URL string, or None."""
        value = self._values.get(name)
        if isinstance(value, str) and value.startswith("attach://"):
            upload = self._uploads.get(value.removeprefix("attach://"))
            if upload is None:
                raise bad_request(f"file {value} not found in the request")
            return upload
        if name in self._uploads:
            return self._uploads[name]
        return value if isinstance(value, str) and value else None

    def chat_id(self) -> int:
        """The target chat; Telegram answers "chat not found" for anything but a known id."""
        value = self._values.get("chat_id")
        if value is None or value == "":
            raise bad_request("chat_id is empty")
        try:
            return int(str(value))
        except ValueError:
            raise bad_request("chat not found") from None
