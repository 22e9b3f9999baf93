"""Bounded cost for comment text: Markdown reads only what it reads cheaply.

Comments are untrusted, and Python-Markdown handles some text in time that
grows faster than its length (measured with the comment renderer, doubling
the text): every inline match copies the rest of its paragraph, so a
paragraph of unclosed ``[`` or ``![`` is quadratic (50,000 ``[`` took over 5
minutes); so are runs of ``<a ``, ``<<``, backtick pairs, emphasis,
entities, escapes and smart quotes, a little less steeply. Every block
processor that splits a block puts the rest back, and every element looks
itself up among its siblings, so thousands of headings, list items or
paragraphs are quadratic too. And each level of nested lists or quotes is a
level of recursion: a few hundred ``1. `` on one line exhaust Python's stack.

The sanitiser has its own: html5ever takes time in the square of the depth
of unclosed ``<div>``, ``<blockquote>`` or ``<ul><li>`` it is given.

So before Markdown sees a comment, its text is cut into blocks at blank
lines, and a block that holds more than ``MAX_MARKUP`` markup characters,
more than ``MAX_LINES`` lines, or a line nested deeper than ``MAX_DEPTH`` is
shown as plain text, escaped, never parsed. Markdown converts (and nh3
cleans) the rest a few blocks at a time: at most ``MAX_LINES`` lines and
``MAX_MARKUP_TOGETHER`` markup characters together. Each conversion then
costs at most a constant times its length, so a comment costs time in
proportion to its length, whatever it holds; the size limit
(``COMMENTS_MAX_LENGTH``) bounds that length. An ordinary comment, even a
long one, comes nowhere near these numbers: it is converted in one piece.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

MAX_MARKUP = 100  # markup characters in one block
MAX_MARKUP_TOGETHER = 1000  # and in one conversion
MAX_LINES = 200  # lines in one block, and in one conversion
MAX_DEPTH = 16  # nested quotes, lists and indentation on one line
#: Characters that start or end an inline pattern (escapes, code, emphasis,
#: links and images, raw HTML and autolinks, entities, smart quotes), and the
#: smart dashes and ellipses: every inline match involves one of them.
_MARKUP = re.compile(r"[\\`*_\[\]<>&'\"!]|--|\.\.")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")
# Quote and list markers at the start of a line, each one a level of nesting.
_NESTING = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))")


@dataclass(frozen=True)
class BoundedHtml:
    html: str
    literal_blocks: int  # blocks shown as plain text, not read as Markdown
    withheld: bool = False  # nothing shown (the renderer says why)


def cut(text: str, limit: int) -> tuple[str, bool]:
    """``text``, or its first ``limit`` characters cut at a space and marked
    as cut; and whether it was cut."""
    if len(text) <= limit:
        return text, False
    head = text[:limit]
    space = max(head.rfind(" "), head.rfind("\n"))
    if space > limit // 2:
        head = head[:space]
    return head.rstrip() + " […]", True


def bounded_markdown(text: str, convert: Callable[[str], str]) -> BoundedHtml:
    """``text`` as HTML: ``convert`` (Markdown, then the sanitiser) for the
    blocks it reads cheaply, escaped plain text for the others."""
    pieces: list[str] = []
    literal = 0
    for kind, part in _portions(text):
        if kind == "markdown":
            try:
                pieces.append(convert(part))
                continue
            except RecursionError:  # bounded above; never a traceback all the same
                part = _literal_html(part)
        literal += 1
        pieces.append(part)
    return BoundedHtml("\n".join(piece for piece in pieces if piece), literal)


def read_in_one_piece(text: str) -> bool:
    """Whether Markdown reads ``text`` in one conversion, none of it shown
    as plain text: only then does one parse see every block it holds."""
    portions = _portions(text)
    first = next(portions, None)
    return (first is None or first[0] == "markdown") and next(portions, None) is None


def _portions(text: str) -> Iterator[tuple[str, str]]:
    """("markdown", text) for runs of cheap blocks, within ``MAX_LINES``
    lines and ``MAX_MARKUP_TOGETHER`` markup characters; ("literal", html)
    for each costly block."""
    group: list[str] = []
    lines = markup = 0
    for block in _BLANK_LINES.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        if not block.strip():
            continue
        block_lines, block_markup = block.count("\n") + 1, _markup(block)
        costly = (
            block_lines > MAX_LINES
            or block_markup > MAX_MARKUP
            or any(_depth(line) > MAX_DEPTH for line in block.split("\n"))
        )
        if group and (
            costly
            or lines + block_lines > MAX_LINES
            or markup + block_markup > MAX_MARKUP_TOGETHER
        ):
            yield "markdown", "\n\n".join(group)
            group, lines, markup = [], 0, 0
        if costly:
            yield "literal", _literal_html(block)
            continue
        group.append(block)
        lines += block_lines
        markup += block_markup
    if group:
        yield "markdown", "\n\n".join(group)


def _markup(block: str) -> int:
    """Markup characters in ``block``, counted up to one past ``MAX_MARKUP``."""
    count = 0
    for count, _ in enumerate(_MARKUP.finditer(block), start=1):
        if count > MAX_MARKUP:
            break
    return count


def _depth(line: str) -> int:
    """Levels of nesting a line opens: quote and list markers, and every
    four columns of indentation."""
    indent = len(line) - len(line.lstrip(" \t"))
    depth = len(line[:indent].expandtabs(4)) // 4
    position = indent
    while depth <= MAX_DEPTH:
        marker = _NESTING.match(line, position)
        if marker is None or marker.end() == position:
            break
        depth += 1
        position = marker.end()
    return depth


def _literal_html(block: str) -> str:
    """The block as it was typed: escaped, its lines kept."""
    lines = [html.escape(line.strip(), quote=False) for line in block.split("\n")]
    return "<p>" + "<br>\n".join(line for line in lines if line) + "</p>"
