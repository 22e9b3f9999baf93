"""Python-Markdown's inline patterns tried only on text that can match them.

Python-Markdown (3.11) runs every piece of a post's text (each paragraph,
list item, heading, table cell, and each piece again inside emphasis or a
link) through every inline pattern in turn: backticks, escapes, links,
images, autolinks, raw HTML, entities, emphasis. Each try is a call into
its ``InlineProcessor.__applyPattern``, which checks the pattern's excluded
ancestors and runs its regular expression over the text; in the bench's
posts more than nine tries in ten find nothing, and the tries were about a
third of converting a post (0.5 ms of 1.6 ms).

Each regular expression below cannot match text that lacks a certain
string: a link needs ``[``, an entity ``&``, emphasis ``*`` or ``_``.
While a build with fastbuild runs, the inline step skips a pattern whose
needed string is nowhere in the text; a skipped try is one that would have
found nothing, and such a try changes nothing (``__applyPattern`` gives
back the text as it was, unmatched, from its start), so the HTML is the
same. A pattern is skipped only when its class and its expression are
exactly those of the table (Python-Markdown 3.11.3's); any other pattern,
one a newer Python-Markdown changed, an extension's, a subclass, is tried
as before.

No public API serves: the loop over the patterns is Python-Markdown's
private ``InlineProcessor.__handleInline`` (name-mangled), replaced here by
the same loop with the check in front, and put back at ``finalized``.
Pelican plays no part in it; it is here because fastbuild is the place for
speed that reaches into a library's private parts, and taking fastbuild out
changes no byte. ``tests/test_fastbuild_inline.py`` holds each expression to
its needed string and converts generated documents both ways.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from markdown import inlinepatterns, util
from markdown.treeprocessors import InlineProcessor

#: The Python-Markdown whose loop ``_handle_inline`` repeats; with any
#: other, Python-Markdown's own loop runs.
TESTED_MARKDOWN = ("3.11.3",)
#: Python-Markdown's ``InlineProcessor.__handleInline``, as found.
_markdowns = getattr(InlineProcessor, "_InlineProcessor__handleInline", None)

#: (pattern class, its expression) -> strings one of which any text it
#: matches holds. Each expression as Python-Markdown 3.11.3 writes it.
NEEDED: dict[tuple[type, str], tuple[str, ...]] = {
    (
        inlinepatterns.BacktickInlineProcessor,
        r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)",
    ): ("`",),
    (inlinepatterns.EscapeInlineProcessor, r"\\(.)"): ("\\",),
    (inlinepatterns.ReferenceInlineProcessor, r"(?<!\!)\["): ("[",),
    (inlinepatterns.LinkInlineProcessor, r"(?<!\!)\["): ("[",),
    (inlinepatterns.ShortReferenceInlineProcessor, r"(?<!\!)\["): ("[",),
    (inlinepatterns.ImageInlineProcessor, r"\!\["): ("![",),
    (inlinepatterns.ImageReferenceInlineProcessor, r"\!\["): ("![",),
    (inlinepatterns.ShortImageReferenceInlineProcessor, r"\!\["): ("![",),
    (
        inlinepatterns.AutolinkInlineProcessor,
        r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>",
    ): ("://",),
    (inlinepatterns.AutomailInlineProcessor, r"<([^<> !]+@[^@<> ]+)>"): ("@",),
    (inlinepatterns.SubstituteTagInlineProcessor, "  \\n"): ("  \n",),
    (
        inlinepatterns.HtmlInlineProcessor,
        r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)",
    ): ("&",),
    (inlinepatterns.DelimiterProcessor, r"\*|_"): ("*", "_"),
    # Raw HTML: every branch opens with "<".
    (
        inlinepatterns.HtmlInlineProcessor,
        r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'"""
        r"""|[^\s"'=<>]++))?+)*+\s*+/?|!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]"""
        r"""|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)""",
    ): ("<",),
}


def needed(pattern: Any) -> tuple[str, ...] | None:
    """The strings one of which text must hold for ``pattern`` to match it,
    or None (try it whatever the text)."""
    expression = getattr(getattr(pattern, "compiled_re", None), "pattern", None)
    if not isinstance(expression, str):
        return None
    return NEEDED.get((type(pattern), expression))


def _handle_inline(self: InlineProcessor, data: str, pattern_index: int = 0) -> str:
    """Python-Markdown 3.11.3's loop, skipping a pattern ``data`` cannot
    match: what ``__applyPattern`` gives for it, ``(data, False, 0)``."""
    if not isinstance(data, util.AtomicString):
        start = 0
        patterns = self.inlinePatterns
        count = len(patterns)
        apply = self._InlineProcessor__applyPattern
        table = NEEDED
        while pattern_index < count:
            pattern = patterns[pattern_index]
            compiled = getattr(pattern, "compiled_re", None)
            # Looked up on every try, not kept: nothing outlives the text.
            needs = table.get((type(pattern), getattr(compiled, "pattern", None)))
            if needs is not None:
                for text in needs:
                    if text in data:
                        break
                else:  # it cannot match: as if tried and not matched
                    pattern_index += 1
                    start = 0
                    continue
            data, matched, start = apply(pattern, data, pattern_index, start)
            if not matched:
                pattern_index += 1
    return data


def applies(settings: dict, markdown_version: str | None = None) -> bool:
    """Whether this build skips patterns: switched on, and the very
    Python-Markdown whose loop ``_handle_inline`` repeats."""
    return (
        bool(settings.get("FASTBUILD_SKIP_INLINE_PATTERNS", True))
        and _markdowns is not None
        and (markdown_version or version("markdown")) in TESTED_MARKDOWN
    )


def start(pelican: Any, wanted: bool = True) -> None:
    """Skip what cannot match in this build, if ``wanted`` (fastbuild is in
    it) and it applies; Python-Markdown's own loop otherwise
    (``initialized``)."""
    if _markdowns is None:
        return
    InlineProcessor._InlineProcessor__handleInline = (
        _handle_inline if wanted and applies(pelican.settings) else _markdowns
    )


def stop(*_: Any) -> None:
    """Python-Markdown's own loop again (``finalized``)."""
    if _markdowns is not None:
        InlineProcessor._InlineProcessor__handleInline = _markdowns
