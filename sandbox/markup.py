"""Telegram's HTML parse mode: markup in, plain text plus entities out, rejected as Telegram does.

A byte-for-byte port of TDLib's `parse_html` (td/telegram/MessageEntity.cpp), which is what the
Bot API server runs: the error texts and byte offsets match, entity offsets count UTF-16 units.
One deliberate extra: with `strict_ampersand` a bare "&" is refused. Telegram keeps it literally,
but a bare "&" almost always means unescaped user input, which breaks on the next "<".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sandbox.protocol import JsonDict

ALLOWED_TAGS = frozenset(
    ["a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler", "tg-emoji",
     "span", "pre", "code", "blockquote"]
)  # fmt: skip
SIMPLE_TAGS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "tg-spoiler": "spoiler",
}  # fmt: skip
# TDLib's MessageEntity::get_type_priority, used to order entities that share a span.
PRIORITY = {
    "blockquote": 0, "expandable_blockquote": 0, "pre": 11, "code": 20, "text_link": 49,
    "text_mention": 49, "bold": 90, "italic": 91, "underline": 92, "strikethrough": 93,
    "spoiler": 94, "custom_emoji": 99,
}  # fmt: skip
_SPACE = frozenset(b" \t\r\n\0\v\f")  # td::is_space counts NUL, which ends every scan
_NAMED = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"'}
_USER_LINK = re.compile(r"tg://user\?id=(\d+)$", re.IGNORECASE)


class MarkupError(Exception):
    """Markup Telegram cannot parse; the text follows "can't parse entities: "."""


@dataclass(frozen=True)
class ParsedText:
    """Plain text and Bot API entity objects."""

    text: str
    entities: list[JsonDict] = field(default_factory=list)


@dataclass
class _Open:
    tag: str
    argument: str
    offset: int
    byte_pos: int


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, the unit of entity offsets."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def parse_html(source: str, *, strict_ampersand: bool = True) -> ParsedText:
    """Parse Telegram HTML into plain text and entities, or raise MarkupError."""
    data = source.encode("utf-8", "surrogatepass") + b"\0"
    size = len(data) - 1
    out = bytearray()
    entities: list[JsonDict] = []
    nested: list[_Open] = []
    utf16 = 0
    i = 0
    while i < size:
        c = data[i]
        if c == 0x26:  # "&"
            code, end = _decode_entity(data, i)
            if code:
                utf16 += 1 + (code > 0xFFFF)
                out += chr(code).encode("utf-8", "surrogatepass")
                i = end
                continue
            if strict_ampersand:
                raise MarkupError(f'Character "&" must be escaped as "&amp;" at byte offset {i}')
        if c != 0x3C:  # "<"
            if c & 0xC0 != 0x80:
                utf16 += 1 + (c >= 0xF0)
            out.append(c)
            i += 1
            continue
        begin = i
        i += 1
        if data[i] != 0x2F:  # "/"
            i, opened = _start_tag(data, i, begin)
            opened.offset, opened.byte_pos = utf16, len(out)
            nested.append(opened)
        else:
            if not nested:
                raise MarkupError(f"Unexpected end tag at byte offset {begin}")
            while data[i] not in _SPACE and data[i] != 0x3E:
                i += 1
            end_tag = _name(data[begin + 2 : i])
            while data[i] in _SPACE and data[i] != 0:
                i += 1
            if data[i] != 0x3E:
                raise MarkupError(f"Unclosed end tag at byte offset {begin}")
            top = nested[-1]
            if end_tag and end_tag != top.tag:
                raise MarkupError(
                    f'Unmatched end tag at byte offset {begin}, expected "</{top.tag}>", '
                    f'found "</{end_tag}>"'
                )
            if utf16 > top.offset:
                _close(top, utf16 - top.offset, bytes(out[top.byte_pos :]), entities)
            nested.pop()
        i += 1
    if nested:
        raise MarkupError(f'Can\'t find end tag corresponding to start tag "{nested[-1].tag}"')
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)
    try:
        text = out.decode("utf-8")
    except UnicodeDecodeError:
        raise MarkupError(
            "Text contains invalid Unicode characters after decoding HTML entities, check for "
            "unmatched surrogate code units"
        ) from None
    entities.sort(key=lambda e: (e["offset"], -e["length"], PRIORITY[e["type"]]))
    return ParsedText(text, entities)


def _name(raw: bytes) -> str:
    # td::to_lower folds ASCII only
    return raw.lower().decode("utf-8", "replace")


def _start_tag(data: bytes, i: int, begin: int) -> tuple[int, _Open]:
    while data[i] not in _SPACE and data[i] != 0x3E:
        i += 1
    if data[i] == 0:
        raise MarkupError(f"Unclosed start tag at byte offset {begin}")
    tag = _name(data[begin + 1 : i])
    if tag not in ALLOWED_TAGS:
        raise MarkupError(f'Unsupported start tag "{tag}" at byte offset {begin}')
    argument = ""
    while data[i] != 0x3E:
        while data[i] != 0 and data[i] in _SPACE:
            i += 1
        if data[i] == 0x3E:
            break
        name_begin = i
        while data[i] not in _SPACE and data[i] not in b"=>/\"'":
            i += 1
        attribute = data[name_begin:i]
        if not attribute:
            raise MarkupError(f'Empty attribute name in the tag "{tag}" at byte offset {begin}')
        while data[i] != 0 and data[i] in _SPACE:
            i += 1
        if data[i] != 0x3D:  # "=": a valueless attribute
            if data[i] == 0:
                raise MarkupError(f'Unclosed start tag "{tag}" at byte offset {begin}')
            if tag == "blockquote" and attribute == b"expandable":
                argument = "1"
            continue
        i += 1
        while data[i] != 0 and data[i] in _SPACE:
            i += 1
        if data[i] == 0:
            raise MarkupError(f'Unclosed start tag "{tag}" at byte offset {begin}')
        i, value = _attribute_value(data, i)
        if data[i] == 0:
            raise MarkupError(f"Unclosed start tag at byte offset {begin}")
        argument = _argument(tag, attribute, value, argument)
    if tag == "span" and argument != "spoiler":
        raise MarkupError(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
    return i, _Open(tag, argument, 0, 0)


def _attribute_value(data: bytes, i: int) -> tuple[int, str]:
    if data[i] not in b"'\"":
        # An unquoted name token: letters, digits, periods, hyphens; case-insensitive.
        token_begin = i
        while chr(data[i]).isascii() and (chr(data[i]).isalnum() or data[i] in b".-"):
            i += 1
        if data[i] not in _SPACE and data[i] != 0x3E:
            raise MarkupError(f"Unexpected end of name token at byte offset {token_begin}")
        return i, _name(data[token_begin:i])
    quote = data[i]
    i += 1
    value = bytearray()
    while data[i] != quote and data[i] != 0:
        if data[i] == 0x26:
            code, end = _decode_entity(data, i)
            if code:
                value += chr(code).encode("utf-8", "surrogatepass")
                i = end
                continue
        value.append(data[i])
        i += 1
    if data[i] == quote:
        i += 1
    return i, value.decode("utf-8", "replace")


def _argument(tag: str, attribute: bytes, value: str, current: str) -> str:
    if tag == "a" and attribute == b"href":
        return value
    if tag == "code" and attribute == b"class" and value.startswith("language-"):
        return value.removeprefix("language-")
    if tag == "span" and attribute == b"class" and value.startswith("tg-"):
        return value.removeprefix("tg-")
    if tag == "tg-emoji" and attribute == b"emoji-id":
        return value
    if tag == "blockquote" and attribute == b"expandable":
        return "1"
    return current


def _close(top: _Open, length: int, inner: bytes, entities: list[JsonDict]) -> None:
    entity: JsonDict = {"offset": top.offset, "length": length}
    last = entities[-1] if entities else None
    same_span = last is not None and (last["offset"], last["length"]) == (top.offset, length)
    if top.tag in SIMPLE_TAGS or top.tag == "span":
        entity["type"] = SIMPLE_TAGS.get(top.tag, "spoiler")
    elif top.tag == "tg-emoji":
        if not top.argument.isdigit() or int(top.argument) == 0:
            raise MarkupError("Invalid custom emoji identifier specified")
        entity.update(type="custom_emoji", custom_emoji_id=top.argument)
    elif top.tag == "a":
        url = top.argument or inner.decode("utf-8", "replace")
        user = _USER_LINK.match(url)
        if user:
            entity.update(
                type="text_mention", user={"id": int(user[1]), "is_bot": False, "first_name": ""}
            )
        elif checked := _checked_link(url):
            entity.update(type="text_link", url=checked)
        else:
            return  # Telegram silently drops links it cannot use
    elif top.tag == "pre":
        if last is not None and same_span and last["type"] == "code" and last.get("language"):
            last["type"] = "pre"
            return
        entity["type"] = "pre"
    elif top.tag == "code":
        if last is not None and same_span and last["type"] == "pre" and top.argument:
            last["language"] = top.argument
            return
        entity["type"] = "code"
        if top.argument:
            entity["language"] = top.argument
    else:
        entity["type"] = "expandable_blockquote" if top.argument else "blockquote"
    entities.append(entity)


def _checked_link(url: str) -> str | None:
    url = url.strip()
    if not url:
        return None
    if not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", url):
        url = "http://" + url
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in {"tg", "ton"}:
        return url
    host = parts.hostname or ""
    if scheme in {"http", "https"} and ("." in host or host == "localhost") and " " not in url:
        return url
    return None


def _decode_entity(data: bytes, pos: int) -> tuple[int, int]:
    """Decode the character reference at pos: (code point or 0, position after it)."""
    end = pos + 1
    code = 0
    if data[end] == 0x23:  # "#"
        end += 1
        if data[end] == 0x78:  # "x"; TDLib accepts the lowercase form only
            end += 1
            while chr(data[end]) in "0123456789abcdefABCDEF":
                code = code * 16 + int(chr(data[end]), 16)
                end += 1
        else:
            while 0x30 <= data[end] <= 0x39:
                code = code * 10 + data[end] - 0x30
                end += 1
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return 0, pos
    else:
        while chr(data[end]).isascii() and chr(data[end]).isalpha():
            end += 1
        named = _NAMED.get(data[pos + 1 : end])
        if named is None:
            return 0, pos
        code = ord(named)
    return code, end + 1 if data[end] == 0x3B else end
