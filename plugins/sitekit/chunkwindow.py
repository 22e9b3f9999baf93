"""What of a text read in chunks the next chunk is read with.

A static file is read a chunk at a time (``sitekit.staticmarkers``), and a
marker never runs over a line break, but a tag or comment inside it may
(``[!pri<!--`` then ``-->vate]``), and the page draws the lines it joins
as one. So each chunk is read with the last drawn line of the text before
it (``Window``): from the last line break outside every tag and comment,
as the page's view reads them (``sitekit.drawncuts.last_drawn_line``), a
tag or comment still open included.

What it costs. Of a line longer than ``Limits.long_line`` characters
(minified JSON) only the last ``Limits.overlap`` are carried, far more than
a marker takes even with invisible characters, references or short tags
inside; the cut never falls inside a tag or comment (which would draw
otherwise), and a marker a page draws on that line is reported on the line
it starts on, as when the file is read whole. Markup still open after
``Limits.max_carry`` characters keeps the text before it on its line (up
to ``overlap``), an opening that leaves HTML's reader where the whole text
leaves it (``sitekit.drawncuts.kept_opening``: inside a quoted value, a
bogus comment, a comment, an element HTML reads as text), and the view's
reading of shown values where it is (inside ``alt=``, the view draws it
even in a bogus comment), and its last
``overlap`` characters from a line's start: its middle was read already,
and its line breaks are counted, so lines stay right. A window is so never
much longer than ``max_carry``, and a file is read in time linear in its
length, a 50 MB ``<script>`` too.

Inside an element HTML reads as text (``RAW_TEXT``). Its content is read
by the view as text (a ``<textarea>``'s) or as markup that its end tag
cuts (a ``<script>``'s, ``<style>``'s: ``sitekit.drawn._markup_parts``),
so its line starts are its reading's, not the file's: one may lie inside
a comment of the script's, which joins it to the line before. A line that
starts inside such content is carried with the element's start tag before
it, without which its ``<!--`` would run on past the end tag. Of such an
element still open after ``max_carry`` characters a window keeps the
start tag, then the content's own last drawn line, read as the view reads
that content (``last_drawn_line`` without ``raw_text``), cut in its turn as
above when it is long or a comment or tag in it is open and long.

Inside a ``<noscript>``. A page draws one two ways (``sitekit.drawn``):
scripts on, its content is markup its end tag cuts, as a script's; off,
ordinary markup, whose comment or ``<textarea>`` runs on past
``</noscript>``. A window follows one reading (``Window.scripting``), and
what one leaves out the other may need, so from a ``<noscript>`` on each
reading has a window of its own (``ReadingWindows``), at most twice the
cost; where both keep the same text, one stands for both again. Each
window is then read only as its reading (``ReadingWindows.read_as``): what
stands in for markup one reading left open reads otherwise the other way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .drawncuts import (
    KeptOpening,
    RawTextContent,
    kept_opening,
    last_drawn_line,
    opened_raw_text,
    opening_end,
    outside_tags,
)
from .htmltags import NOSCRIPT_START, RAW_TEXT


@dataclass(frozen=True)
class Limits:
    """How much of a text a window carries (``sitekit.staticmarkers`` says
    how much, the tests say less)."""

    long_line: int
    overlap: int
    max_carry: int


@dataclass(frozen=True)
class _Kept:
    """``text[start:end]`` of the text read, kept as it is."""

    start: int
    end: int


@dataclass(frozen=True)
class _Left:
    """``text[start:end]`` of the text read, left out: ``put`` stands in
    its place (an opening, ``kept_opening``), then, if it held line breaks,
    one line break for them all. That one lies inside the markup left out,
    or ends the line before a drawn line the window keeps. Where the window
    cuts a drawn line in its middle, after markup with line breaks
    (``in_comment``), it lies inside a comment, which the page draws as
    nothing and its line break at the end of the line, as it draws the
    markup left out."""

    start: int
    end: int
    put: str = ""
    in_comment: bool = False
    #: What follows ``put`` after that line break (``KeptOpening.reading``).
    resumes: str = ""


_Piece = _Kept | _Left


@dataclass(frozen=True)
class Window:
    """What of the text read so far the next chunk is read with.

    ``text`` starts on line ``line``. ``gaps`` are the line breaks left out
    of it (the middle of a long comment): ``(n, extra)`` says its ``n``-th
    line break stands for ``1 + extra``.
    """

    text: str
    line: int
    gaps: tuple[tuple[int, int], ...] = ()
    #: The line a page draws ``text``'s first line on, when ``text`` starts
    #: inside a line a page draws (one joined by a tag over line breaks).
    drawn_from: int | None = None
    #: The reading the window follows: with scripts running, a
    #: ``<noscript>``'s content is text its end tag closes, else markup
    #: (``ReadingWindows`` keeps a window for each).
    scripting: bool = True

    def next(self, text: str, limits: Limits) -> Window:
        """The window after ``text`` (this one's text and the chunk read):
        the last line a page draws, as the module's docstring says."""
        line_start, pieces = _carried(text, 0, limits, True, self.scripting)
        start = pieces[0].start
        drawn_from = self._line_at(text, line_start) if line_start else self.first_drawn
        if start == line_start and line_start:
            drawn_from = None  # the window starts a line a page draws
        return self._assembled(text, pieces, drawn_from)

    def _assembled(
        self, text: str, pieces: list[_Piece], drawn_from: int | None
    ) -> Window:
        """The window of ``pieces`` of ``text``, its lines counted: each line
        break of ``text`` stands for what the gaps say, and one left in a
        piece's place for all of the piece's."""
        at = text.count("\n", 0, pieces[0].start)  # line breaks passed
        line = self.line_after(at)
        kept: list[str] = []
        gaps: list[tuple[int, int]] = []
        breaks = 0  # the window's
        for piece in pieces:
            inside = text.count("\n", piece.start, piece.end)
            extras = [
                (n - at, extra) for n, extra in self.gaps if at < n <= at + inside
            ]
            at += inside
            if isinstance(piece, _Kept):
                kept.append(text[piece.start : piece.end])
                gaps += [(breaks + n, extra) for n, extra in extras]
                breaks += inside
                continue
            kept.append(piece.put)
            if inside:
                kept.append("<!--\n-->" if piece.in_comment else "\n")
                breaks += 1
                if extra := inside - 1 + sum(extra for _, extra in extras):
                    gaps.append((breaks, extra))
            kept.append(piece.resumes)
        return Window("".join(kept), line, tuple(gaps), drawn_from, self.scripting)

    @property
    def first_drawn(self) -> int:
        """The line a page draws this window's first line on."""
        return self.line if self.drawn_from is None else self.drawn_from

    def _line_at(self, text: str, position: int) -> int:
        return self.line_after(text.count("\n", 0, position))

    def line_after(self, breaks: int) -> int:
        """The line after the window text's first ``breaks`` line breaks."""
        return self.line + breaks + sum(extra for n, extra in self.gaps if n <= breaks)


@dataclass(frozen=True)
class ReadingWindows:
    """A window (``Window``) for each reading of the text read so far that
    keeps other text: a page draws a ``<noscript>`` two ways, as scripts
    run or not (``sitekit.drawn``), and a marker either draws counts. What
    one reading's window leaves out the other's may need (scripts off, a
    ``<!--`` in a ``<noscript>`` runs past its end tag and hides the
    ``<textarea>`` after it; scripts on, that comment ends there), so from
    a ``<noscript>`` on each reading has its own window, each read with the
    next chunk. Where both keep the same, one stands for both: a file
    without a ``<noscript>`` is read once, and one with one at most twice."""

    windows: tuple[Window, ...] = (Window("", 1),)

    def read_as(self) -> tuple[tuple[Window, bool | None], ...]:
        """Each window, and the reading a page's view reads it as
        (``sitekit.drawn.as_read``'s ``scripting``): its own, where each
        reading has a window, else both. A window kept for one reading is
        no text of the other's: read scripts on, the opening that stands
        in for a scripts-off tag still open (``<x data-x="``) draws what
        follows it, which no page draws."""
        if len(self.windows) == 1:
            return ((self.windows[0], None),)
        return tuple((window, window.scripting) for window in self.windows)

    def next(self, chunk: str, limits: Limits) -> ReadingWindows:
        """The windows after ``chunk``, each read after its window's text."""
        windows = self.windows
        if len(windows) == 1 and NOSCRIPT_START.search(windows[0].text + chunk):
            windows = (windows[0], replace(windows[0], scripting=False))
        after = tuple(window.next(window.text + chunk, limits) for window in windows)
        if len(after) == 2 and replace(after[1], scripting=True) == after[0]:
            return ReadingWindows(after[:1])
        return ReadingWindows(after)


def _carried(
    text: str, begin: int, limits: Limits, raw_text: bool, scripting: bool
) -> tuple[int, list[_Piece]]:
    """Where the last drawn line of ``text[begin:]`` starts, and what of it
    from there a window keeps, in order, to the end of ``text``: the line
    whole, or cut as the module's docstring says. ``raw_text``: as
    ``last_drawn_line``'s (False inside an element's content read as
    markup), as is ``scripting``."""
    last = last_drawn_line(text[begin:], raw_text, scripting)
    start = line_start = begin + last.start
    opened = None if last.opened is None else begin + last.opened
    cut = None
    if opened is None and len(text) - start > limits.long_line:
        cut = len(text) - limits.overlap
    if opened is not None and opened - start > limits.overlap:
        cut = opened - limits.overlap  # a long line before the markup
    within = last.within
    if cut is not None:  # never inside a tag, which would draw otherwise
        start = _cut_at(text, start, cut, within, raw_text, scripting)
    context: list[_Piece] = []
    if within is not None and start < within.end:
        context = [
            _Kept(within.tag, within.start),
            _Left(within.start, line_start),
            _Left(line_start, start, in_comment=True),
        ]
    if opened is None or len(text) - start <= limits.max_carry:
        return line_start, [*context, _Kept(start, len(text))]
    head = [*context, _Kept(start, opened)]
    opener_end = opening_end(text, opened)
    name = opened_raw_text(text[opened:opener_end]) if raw_text else None
    if name is not None and not RAW_TEXT[name]:
        content = _content(text, opener_end, limits, scripting)
        return line_start, [*head, _Kept(opened, opener_end), *content]
    tail = max(opener_end, len(text) - limits.overlap)
    tail = text.find("\n", tail) + 1 or tail  # from a line's start
    opening = kept_opening(text, opened, tail)
    if opening == KeptOpening(text[opened:opener_end]):  # may hold line breaks
        head += [_Kept(opened, opener_end), _Left(opener_end, tail)]
    else:
        head.append(_Left(opened, tail, opening.opening, resumes=opening.reading))
    return line_start, [*head, _Kept(tail, len(text))]


def _cut_at(
    text: str,
    start: int,
    cut: int,
    within: RawTextContent | None,
    raw_text: bool,
    scripting: bool,
) -> int:
    """Where a long line that starts at ``start`` is cut, at ``cut`` or
    after it: outside every tag and comment, read as the view reads them
    there (in the content of the element ``within``, if it is not past it)."""
    if within is None or cut >= within.end:
        begin = start if within is None else within.end
        return outside_tags(text, begin, cut, raw_text, scripting)
    if within.drawn:
        return cut  # text
    return outside_tags(text[: within.end], start, cut, raw_text=False)


def _content(text: str, begin: int, limits: Limits, scripting: bool) -> list[_Piece]:
    """What a window keeps of the content of an element not drawn that
    starts at ``begin`` and is still open at the end of ``text``: from its
    own last drawn line, what precedes it left out."""
    line_start, pieces = _carried(text, begin, limits, False, scripting)
    start = pieces[0].start
    return [
        _Left(begin, line_start),
        _Left(line_start, start, in_comment=True),
        *pieces,
    ]
