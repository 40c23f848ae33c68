"""Telegram HTML parsing: plain text, entities in UTF-16 units, and Telegram's error texts."""

import html

import pytest

from sandbox.markup import MarkupError, parse_html, utf16_length


def test_every_allowed_tag_becomes_its_entity() -> None:
    source = (
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s>"
        '<strike>k</strike><del>d</del><span class="tg-spoiler">p</span>'
        "<tg-spoiler>q</tg-spoiler>"
        '<a href="https://dpmptsp.example.go.id/cek">a</a><code>c</code>'
        '<pre><code class="language-python">x = 1</code></pre><blockquote>q</blockquote>'
        "<blockquote expandable>z</blockquote>"
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )
    parsed = parse_html(source)
    assert parsed.text == "bsieunskdpqacx = 1qz👍"
    assert [(e["type"], e["offset"], e["length"]) for e in parsed.entities] == [
        ("bold", 0, 1),
        ("bold", 1, 1),
        ("italic", 2, 1),
        ("italic", 3, 1),
        ("underline", 4, 1),
        ("underline", 5, 1),
        ("strikethrough", 6, 1),
        ("strikethrough", 7, 1),
        ("strikethrough", 8, 1),
        ("spoiler", 9, 1),
        ("spoiler", 10, 1),
        ("text_link", 11, 1),
        ("code", 12, 1),
        ("pre", 13, 5),
        ("blockquote", 18, 1),
        ("expandable_blockquote", 19, 1),
        ("custom_emoji", 20, 2),
    ]
    assert parsed.entities[11]["url"] == "https://dpmptsp.example.go.id/cek"
    assert parsed.entities[13]["language"] == "python"
    assert parsed.entities[16]["custom_emoji_id"] == "5368324170671202286"


def test_character_references_decode() -> None:
    parsed = parse_html("&lt;b&gt; &amp; &quot;x&quot; &#65;&#x42; &#128512;")
    assert parsed.text == '<b> & "x" AB 😀'
    assert parsed.entities == []


def test_text_escaped_with_html_escape_round_trips() -> None:
    original = 'PT "Maju" & O\'Neil <Cabang>'
    assert parse_html(html.escape(original)).text == original


def test_offsets_count_utf16_units() -> None:
    parsed = parse_html("😀 <b>Izin</b>")
    assert parsed.entities == [{"type": "bold", "offset": 3, "length": 4}]
    assert utf16_length("😀") == 2


def test_nested_entities_sort_longest_first() -> None:
    parsed = parse_html("<b>Nomor <i>JBR-2026-000001</i></b>")
    assert parsed.entities == [
        {"type": "bold", "offset": 0, "length": 21},
        {"type": "italic", "offset": 6, "length": 15},
    ]


def test_link_without_href_uses_its_text_and_user_links_mention() -> None:
    parsed = parse_html('<a>https://oss.go.id</a> <a href="tg://user?id=42">Ayu</a>')
    assert parsed.entities[0] == {
        "type": "text_link", "offset": 0, "length": 17, "url": "https://oss.go.id",
    }  # fmt: skip
    assert parsed.entities[1]["type"] == "text_mention"
    assert parsed.entities[1]["user"]["id"] == 42


def test_tag_names_are_case_insensitive_but_attribute_names_are_not() -> None:
    parsed = parse_html('<B>x</B><A href="https://a.id">y</A><a HREF="https://b.id">z</a>')
    # An unrecognised HREF leaves the link to its text, "z", which is no usable URL: dropped.
    assert [e["type"] for e in parsed.entities] == ["bold", "text_link"]


def test_bare_ampersand_is_kept_when_not_strict() -> None:
    assert parse_html("PT Maju & Jaya", strict_ampersand=False).text == "PT Maju & Jaya"


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'),
        ("Status: <br>", 'Unsupported start tag "br" at byte offset 8'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("x <b", "Unclosed start tag at byte offset 2"),
        ("</b>", "Unexpected end tag at byte offset 0"),
        (
            "<b>x</i>",
            'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"',
        ),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ('<tg-emoji emoji-id="abc">x</tg-emoji>', "Invalid custom emoji identifier specified"),
        ("PT Maju & Jaya", 'Character "&" must be escaped as "&amp;" at byte offset 8'),
        ("&nbsp;", 'Character "&" must be escaped as "&amp;" at byte offset 0'),
        ("é <x>", 'Unsupported start tag "x" at byte offset 3'),  # offsets count bytes
        ("<a href=https://a.id>y</a>", "Unexpected end of name token at byte offset 8"),
    ],
)
def test_malformed_markup_is_refused_with_telegrams_text(source: str, error: str) -> None:
    with pytest.raises(MarkupError) as refused:
        parse_html(source)
    assert str(refused.value) == error
