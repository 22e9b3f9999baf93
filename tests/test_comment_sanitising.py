"""Hostile comments render to inert HTML, and the words around them survive."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import lxml.html
import pytest

from comments.sanitize import (
    ALLOWED_TAGS,
    URL_SCHEMES,
    CommentRenderer,
    plain_text,
    safe_website,
)

# The hostile markup, words of it that must survive, and words that must not.
HOSTILE = {
    "script": ("<script>alert(1)</script>", [], ["alert"]),
    "img onerror": ("<img src=x onerror=alert(1)>", [], ["alert", "<img"]),
    "javascript: href": (
        '<a href="javascript:alert(1)">click</a>',
        ["click"],
        ["alert"],
    ),
    "javascript: link": ("[click](javascript:alert(1))", ["click"], ["alert"]),
    "mixed-case scheme": ("[x](JaVaScRiPt:alert(1))", [], ["alert"]),
    "padded scheme": ("[x](  javascript:alert(1))", [], ["alert"]),
    "entity in scheme": ("[x](&#106;avascript:alert(1))", [], ["alert"]),
    "tab in scheme": ("<a href='jav&#x09;ascript:alert(1)'>t</a>", [], ["alert"]),
    "vbscript: href": ('<a href="vbscript:msgbox(1)">v</a>', [], ["msgbox"]),
    "javascript: image": ("![i](javascript:alert(1))", [], ["alert"]),
    "data: href": (
        '<a href="data:text/html;base64,PHNjcmlwdD4=">d</a>',
        [],
        ["base64"],
    ),
    "svg onload": ("<svg onload=alert(1)><circle/></svg>", [], ["alert", "circle"]),
    "script in svg": ("<svg><script>alert(1)</script></svg>", [], ["alert"]),
    "math mutation": (
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        [],
        ["alert"],
    ),
    "style attribute": (
        '<p style="background:url(javascript:alert(1))">styled</p>',
        ["styled"],
        ["background"],
    ),
    "onclick": ('<div onclick="x()">clicky</div>', ["clicky"], ["x()"]),
    "iframe": ('<iframe src="https://evil.example"></iframe>', [], ["evil"]),
    "object": ('<object data="x.swf"></object>', [], ["x.swf"]),
    "embed": ("<embed src=x>", [], ["<embed"]),
    "form": ("<form action=https://evil.example><input></form>", [], ["evil"]),
    "handler on a good link": (
        '<a href="https://ok.example" onmouseover="x()">ok</a>',
        ["ok"],
        ["x()"],
    ),
    "split script tag": ("<scr<script>ipt>alert(1)</script>", [], ["alert"]),
    "doubled bracket": ("<<b>b>", [], ["<b>"]),
    "unclosed attribute list": ('<a href="https://ok.example"', [], ["<a"]),
    "unclosed bold": ("<b>bold", ["bold"], ["<b>"]),
    "html comment": ("<!-- <script>x</script> -->", [], ["<!--", "script"]),
    "base": ("<base href=https://evil.example>", [], ["evil"]),
    "meta refresh": (
        "<meta http-equiv=refresh content=0;url=https://evil.example>",
        [],
        ["<meta"],
    ),
    "stylesheet link": ("<link rel=stylesheet href=x>", [], ["stylesheet"]),
    "style element": ("<style>body{display:none}</style>", [], ["display"]),
    "template": ("<template><script>x()</script></template>", [], ["x()"]),
    "escaped script": ("&lt;script&gt;", ["<script>"], ["<script"]),
}
SWALLOWS_THE_REST = {"math mutation"}  # an unclosed <style> eats what follows
LAYOUTS = {
    "own paragraph": "Before.\n\n{}\n\nAfter.",
    "mid-sentence": "Before {} after.",
}
HOSTILE_BODIES = [
    pytest.param(name, layout.format(markup), id=f"{name}, {where}")
    for name, (markup, _, _) in HOSTILE.items()
    for where, layout in LAYOUTS.items()
]


def render(text: str) -> str:
    return CommentRenderer().render(text).html


def elements(html: str):
    """Every element of an HTML fragment, nested ones included."""
    for fragment in lxml.html.fragments_fromstring(html):
        if not isinstance(fragment, str):
            yield from fragment.iter()


def visible_text(html: str) -> str:
    return lxml.html.fragment_fromstring(html, create_parent="div").text_content()


@pytest.mark.parametrize(("name", "body"), HOSTILE_BODIES)
def test_hostile_markup_leaves_no_script_handler_url_or_style(name, body):
    html = render(body).lower()

    assert "<script" not in html
    assert not re.search(r"<[^>]*\son\w+\s*=", html)
    assert not re.search(r"""(?:href|src)\s*=\s*["']?\s*(?:javascript|data):""", html)
    assert "style=" not in html


@pytest.mark.parametrize(("name", "body"), HOSTILE_BODIES)
def test_hostile_markup_leaves_only_allowed_tags_and_attributes(name, body):
    for element in elements(render(body)):
        assert element.tag in ALLOWED_TAGS
        assert set(element.attrib) <= ({"href", "rel"} if element.tag == "a" else set())
        if "href" in element.attrib:
            assert urlsplit(element.attrib["href"]).scheme in URL_SCHEMES


@pytest.mark.parametrize(("name", "body"), HOSTILE_BODIES)
def test_hostile_markup_keeps_the_harmless_words_around_it(name, body):
    text = visible_text(render(body)).lower()

    assert "before" in text
    assert name in SWALLOWS_THE_REST or "after" in text
    assert all(word.lower() in text for word in HOSTILE[name][1])


@pytest.mark.parametrize(("name", "body"), HOSTILE_BODIES)
def test_hostile_markup_loses_its_payload(name, body):
    html = render(body)

    assert [word for word in HOSTILE[name][2] if word in html] == []


def test_a_javascript_link_keeps_its_words_but_loses_its_href():
    html = render('<a href="javascript:alert(1)">click</a>')

    assert visible_text(html) == "click"
    assert "href" not in html


def test_a_link_that_loses_its_href_is_unwrapped_to_its_text():
    html = render("See [x](javascript:alert(1)), [y](https://y.example).")

    assert html == (
        '<p>See x, <a href="https://y.example" rel="nofollow ugc noopener">y</a>.</p>'
    )


def test_a_safe_link_keeps_its_href_loses_its_handler_and_gains_rel():
    html = render('<a href="https://ok.example" onmouseover="x()">ok</a>')

    assert html == (
        '<p><a href="https://ok.example" rel="nofollow ugc noopener">ok</a></p>'
    )


def test_escaped_markup_stays_escaped_text():
    html = render("&lt;script&gt;")

    assert html == "<p>&lt;script&gt;</p>"
    assert [element.tag for element in elements(html)] == ["p"]


@pytest.mark.parametrize(
    "url", ["mailto:maria@example.org", "http://example.org/page", "https://x.example"]
)
def test_mail_and_web_links_are_kept(url):
    [link] = [e for e in elements(render(f"[write]({url})")) if e.tag == "a"]

    assert link.attrib == {"href": url, "rel": "nofollow ugc noopener"}


def test_markdown_formatting_survives_sanitising():
    text = "*em* **strong** `code`\n\n- a\n\nthen\n\n1. one\n\n> quote\n\n    x = 1\n"

    tags = {element.tag for element in elements(render(text))}

    assert tags == {"p", "em", "strong", "code", "ul", "ol", "li", "blockquote", "pre"}


def test_a_line_break_survives_sanitising():
    assert render("one  \ntwo") == "<p>one<br>\ntwo</p>"


# plain_text


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("<b>Maria</b> <script>x()</script>", "Maria"),
        ("<style>b{color:red}</style>Ann", "Ann"),
        ("  Ann \n\t Lee  ", "Ann Lee"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("<a href='javascript:x()'>Ann</a>", "Ann"),
    ],
)
def test_plain_text_removes_markup_and_collapses_whitespace(text, plain):
    assert plain_text(text) == plain


# safe_website


@pytest.mark.parametrize(
    "url",
    [
        "http://maria.example",
        "https://maria.example/blog/?page=2#top",
        "HTTPS://MARIA.EXAMPLE/",
    ],
)
def test_an_http_website_is_kept(url):
    assert safe_website(url) == url


def test_a_website_is_kept_without_surrounding_spaces():
    assert safe_website("  https://maria.example/  \n") == "https://maria.example/"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "mailto:maria@example.org",
        "ftp://maria.example/",
        "/about/",
        "maria.example",
        "//maria.example",
        "https://",
        "https://maria .example/",
        "https://maria.example/\tpage",
        'https://maria.example/"onmouseover="x()',
        "https://maria.example/<script>",
        "https://maria.example/`x`",
    ],
)
def test_anything_but_an_absolute_http_website_is_rejected(url):
    assert safe_website(url) is None


@pytest.mark.parametrize(
    "reference",
    ["&#7;", "&#x1b;", "&#1;", "&#127;", "&#xFFFE;", "&#xffff;", "&#x0B;", "&#x1F;"],
)
def test_a_character_reference_to_a_control_character_shows_nothing(reference):
    # nh3 writes every reference out as its character, so "&#7;" became a
    # raw BEL in the page: a character HTML forbids and XML cannot carry.
    body = (
        f"Bell{reference}here, and [a link](https://ok.example/{reference}x) "
        f"and <em>em{reference}</em>"
    )
    shown = CommentRenderer().render(body).html
    assert "Bellhere" in shown and "https://ok.example/x" in shown
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", shown)
