"""WordPress's paragraph step (``decode_wp_content``) with its ``[caption]``
step done in time in line with the post's length.

Pelican's importer turns ``[caption …]<img …> text[/caption]`` into a
``<figure>`` with one regular expression over the whole post, whose lazy
parts run to the end of the line from every ``[caption`` that finds no
match: an export's post of ``[caption`` said thousands of times, or of
``[caption]<img>`` never closed, held the import for minutes (180 KB of
``[caption `` a minute). Here the step is Pelican's same expression, but
tried once per ``[caption`` … ``[/caption]`` on one line: each opener is
hidden from Pelican's pass, and each stretch up to the first closer after
it is tried alone. A stretch that is no caption holds none after its first
opener either (the expression's first lazy part could have run over
them), so the next try starts past its closer.
"""

from __future__ import annotations

import re

from pelican.tools.pelican_import import decode_wp_content

# pelican.tools.pelican_import.decode_wp_content's own expression, and what
# it writes for a match.
_CAPTION = re.compile(
    r"\[caption(?:.*?)(?:caption=\"(.*?)\")?\]"
    r"((?:\<a(?:.*?)\>)?(?:\<img.*?\>)(?:\<\/a\>)?)\s?(.*?)\[\/caption\]"
)
_FIGURE = r"<figure>\n\2\n<figcaption>\1\3</figcaption>\n</figure>"

# Stand-ins Pelican's pass does not see: a private-use character and a tag
# (``e`` for the character itself, which a post may hold too).
_MARK = "\ue000"
_OPEN, _CLOSE, _ITSELF = _MARK + "o", _MARK + "c", _MARK + "e"
_SHOWN = {"o": "[caption", "c": "[/caption]", "e": _MARK}
_STAND_IN = re.compile(_MARK + "([oce])")


def decoded_with_captions(html: str) -> str:
    """``decode_wp_content(html)``, its captions as figures, in linear time."""
    hidden = (
        html.replace(_MARK, _ITSELF)
        .replace("[caption", _OPEN)
        .replace("[/caption]", _CLOSE)
    )
    return _shown(_captions_as_figures(decode_wp_content(hidden)))


def _captions_as_figures(text: str) -> str:
    parts, copied, cursor = [], 0, 0
    while (start := text.find(_OPEN, cursor)) >= 0:
        end = text.find(_CLOSE, start)
        if end < 0:
            break
        newline = text.find("\n", start, end)
        if newline >= 0:  # the expression reads one line: no caption there
            cursor = newline + 1
            continue
        cursor = end + len(_CLOSE)
        match = _CAPTION.fullmatch(_shown(text[start:cursor]))
        if match:
            parts += [text[copied:start], _hidden(match.expand(_FIGURE))]
            copied = cursor
    parts.append(text[copied:])
    return "".join(parts)


def _hidden(text: str) -> str:
    """A figure made of a stretch, stand-ins again until the end."""
    return (
        text.replace(_MARK, _ITSELF)
        .replace("[caption", _OPEN)
        .replace("[/caption]", _CLOSE)
    )


def _shown(text: str) -> str:
    return _STAND_IN.sub(lambda match: _SHOWN[match.group(1)], text)
