"""Which lines of a Markdown text are fenced code.

Fenced code is literal text: callouts and private markers inside it are
examples of the syntax, not uses of it. Both the callout and the hygiene
preprocessors ask this module.
"""

from __future__ import annotations

import re

from markdown.extensions.fenced_code import FencedBlockPreprocessor

# The newline before a line that starts with a code fence.
_FENCE_LINE = re.compile(r"\n(?=```|~~~)")


def fenced_code_lines(text: str) -> set[int]:
    """Numbers (from 0) of the lines of fenced code blocks in ``text``.

    The fenced_code extension's own pattern decides, so that a line counts as
    code here exactly when Markdown will render it as code. The pattern is
    tried only where a line starts with a fence, the only places it can
    match: trying it at every position of the text was most of this
    function's time.
    """
    if "```" not in text and "~~~" not in text:
        return set()
    code: set[int] = set()
    starts = [0, *(newline.end() for newline in _FENCE_LINE.finditer(text))]
    searched_to = 0
    for start in starts:
        if start < searched_to:
            continue  # inside the block found last
        match = FencedBlockPreprocessor.FENCED_BLOCK_RE.match(text, start)
        if match is None:
            continue
        first = text.count("\n", 0, start)
        last = first + text.count("\n", start, match.end() - 1)
        code.update(range(first, last + 1))
        searched_to = match.end()
    return code


def literal_lines(lines: list[str]) -> set[int]:
    """Positions of the lines of a callout's body that start nothing.

    A story's ``Task:`` or a ``Lessons:`` line counts only where a
    paragraph could start: not in fenced code, and not on a line indented
    four columns or more (an indented code block, or the rest of the
    paragraph or list item above it). There the writer is quoting the
    syntax, and Markdown shows it as typed.
    """
    literal = fenced_code_lines("\n".join(lines))
    for position, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" \t"))
        if line.strip() and len(line[:indent].expandtabs(4)) >= 4:
            literal.add(position)
    return literal
