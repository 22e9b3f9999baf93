"""A post's links to other files of the site lead somewhere published.

Pelican turns ``[x]({filename}/posts/y.md)``, ``{static}`` and ``{attach}``
links into the target's address. A target that is not there (a typo, a file
renamed or deleted) was left as it was, ``href="{filename}/posts/y.md"``,
or made an address nothing is written at, and ``make publish`` went on with
the broken link in the page and every feed; Pelican's only word named the
missing path, never the post, over two lines for a static file. A link to a
draft became ``/drafts/<slug>/``, an address a published site does not
have, naming the unpublished post in the published one; a link to a post
left out (a private title, say) kept its file name. A published build
stops on each, whatever ``SOURCE_LINKS_STRICT`` says (privacy fails
closed); a local build, which writes drafts, warns. So does a link
Pelican never rewrites (in ``srcset``, ``style``, any attribute outside its
short list: ``sitekit.sitelinks``), which the page would show as written.

Checked once every generator has its content (the static generator
included), before anything is written, and by ``reflect lint`` from the
same function. A draft's own links are not checked: it is not published.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from sitekit.contents import every_content
from sitekit.diagnostics import display_path
from sitekit.rules import Finding, Rule, declare_rules
from sitekit.sitelinks import (
    SITE_LINKS,
    UNREWRITTEN_SITE_LINKS,
    unrewritten_site_file_links,
)
from sitekit.sourcepaths import (
    LinkRule,
    is_refused,
    is_unpublished,
    litter_in,
    unpublished_paths,
)

(BROKEN_LINK,) = declare_rules(
    Rule(
        "broken-link",
        "a `{filename}`, `{static}` or `{attach}` link to a file the content "
        "folder does not have, or to one the published site does not have: a "
        "draft, a hidden file, a file kept out of the output (the link is left "
        "as it is); or one Pelican leaves as written (in `srcset` or `style`, "
        "or the first of two in one tag), which the page would show; one that "
        "climbs out of the content folder or is spelt otherwise than its file; "
        "a plain path written from the post's folder that the page reads as "
        "another",
        "warning",
        "error",
    ),
)


#: Why a link is broken, by what it leads to.
_WHY = {
    "missing": "leads to no file of the content folder",
    "draft": "leads to a draft, which a published site does not have",
    "left out": (
        "leads to a file of the content folder the build publishes as no "
        "page (a post left out, such as one with a private title, or no post "
        "at all), whose file name the page would show"
    ),
    "unrewritten": (
        "is one Pelican leaves as written (it rewrites a link only as the "
        "value of href, src, poster, data, cite, formaction, action or "
        "content, and only the last of those in a tag; never in srcset or "
        "style), so the page would show it, a dead link naming the source "
        "path; give the file's address instead (such as /images/photo.png, "
        "after SITEURL's path when the site is served from a folder: "
        "/blog/images/photo.png) or put the link in a tag of its own"
    ),
    "spelt otherwise": (
        "names {actual!r} spelt otherwise (in case, or in how an accent is "
        "composed): a machine whose disk compares names loosely finds it, a "
        "web host compares them exactly and does not; spell the link as the "
        "file is named"
    ),
    "outside": (
        "climbs out of the content folder with '..', and the site publishes "
        "nothing from outside it"
    ),
    "unpublished": (
        "leads to a file the build does not publish (a hidden file, editor "
        "litter, a file kept out of the output such as the desk's review log, "
        "or one behind a refused link)"
    ),
}


def broken_links(context: Mapping[str, Any]) -> list[Finding]:
    """A finding for each link of a post or page (drafts aside) to a file
    the published site does not have."""
    contents = list(every_content(context))
    sources = {content.relative_source_path: content for content in contents}
    published = _published_files(context)
    statics = _static_files(contents, context)
    findings: list[Finding] = []
    for content in contents:
        if content.status == "draft":
            continue
        broken = [
            (written, problem)
            for written, what, candidates in links_with_candidates(content)
            if (problem := _problem(what, candidates, sources, published, statics))
        ]
        broken += [
            (written, "unrewritten")
            for written in content.metadata.get(UNREWRITTEN_SITE_LINKS) or ()
        ]
        if not broken:
            continue
        source = SourceLines.read(content.source_path)
        for written, problem in broken:
            shown, line = source.find(
                written, context if problem == "unrewritten" else None
            )
            problem, _, actual = problem.partition(":")
            reason = _WHY[problem].format(actual=actual)
            if problem not in ("unrewritten", "spelt otherwise"):
                reason += (
                    ", so the page would keep it broken; fix the path or "
                    "remove the link"
                )
            findings.append(
                Finding(
                    BROKEN_LINK.name,
                    f"the link {shown!r} {reason}",
                    content.source_path,
                    line,
                )
            )
    return findings


def links_with_candidates(content: Any) -> Iterator[tuple[str, str, list[str]]]:
    """Each ``{filename}``, ``{static}`` or ``{attach}`` link in ``content``
    as written (its reader noted them: ``sitekit.sitelinks``), its kind, and
    the paths Pelican tries for it in turn."""
    for written, what, value in content.metadata.get(SITE_LINKS) or ():
        paths = (
            urlparse(value).path,
            unquote(urlparse(value).path),
            urlparse(unescape(value)).path,
        )
        candidates = []
        for path in paths:
            if path.startswith("/"):
                candidates.append(path[1:])
            else:
                candidates.append(
                    content.get_relative_source_path(
                        str(Path(content.relative_dir) / path)
                    )
                )
        yield written, what, candidates


def linked_from(contents: Iterable[Any], relative: str) -> list[str]:
    """Where a static file (its path relative to ``PATH``) is linked from by
    ``{static}`` or ``{attach}``: ``file:line`` for each post or page, drafts
    included, each source read once."""
    places = []
    for content in contents:
        if relative not in content.get_static_links():
            continue
        written = next(
            (
                written
                for written, what, candidates in links_with_candidates(content)
                if what != "filename"
                and relative in (os.path.normpath(path) for path in candidates)
            ),
            None,
        )
        place = display_path(content.source_path)
        line = (
            SourceLines.read(content.source_path).find(written)[1] if written else None
        )
        places.append(f"{place}:{line}" if line else place)
    return places


def _problem(
    what: str,
    candidates: Iterable[str],
    sources: Mapping[str, Any],
    published: Callable[[str], bool],
    statics: _StaticFiles,
) -> str | None:
    """What is wrong with where a link leads, as Pelican looks it up (a post
    or page for ``{filename}``, or a static file; a file for ``{static}``
    and ``{attach}``, which Pelican copies wherever it lies), or None."""
    unpublished = left_out = False
    candidates = list(candidates)
    if candidates and all(leaves_folder(candidate) for candidate in candidates):
        return "outside"
    for candidate in candidates:
        if what == "filename" and candidate in sources:
            return "draft" if sources[candidate].status == "draft" else None
        actual = spelt_otherwise(statics.root, candidate, statics.listing)
        if actual is not None:
            return f"spelt otherwise:{actual}"
        if not (statics.root / candidate).is_file():
            continue
        if what == "filename" and not statics.holds(candidate):
            # Pelican finds a static file by {filename} only among its
            # static files: a file of the content folder that is no post or
            # page, and no static file, was left out.
            left_out = True
            continue
        if published(candidate):
            return None
        unpublished = True
    if unpublished:
        return "unpublished"
    return "left out" if left_out else "missing"


def spelt_otherwise(
    root: Path, path: str, listing: Callable[[Path], frozenset[str]] | None = None
) -> str | None:
    """The name of the file of ``root`` that ``path`` (relative to it) names
    but for case or Unicode composition (``Chart.PNG`` for ``chart.png``,
    ``café`` with a combining accent for the composed one), or None where
    ``path`` is spelt as the file is, or names no such file. A disk that
    compares names loosely (macOS, Windows) opens the file by either
    spelling, so the build passed and the published link was broken on a
    host that compares them exactly; one that compares exactly said only
    that there was no file. ``listing`` names what a folder holds (each
    folder listed once per check: ``_StaticFiles.listing``)."""
    listing = listing or _listing
    folder, actual, differs = root, [], False
    for part in Path(os.path.normpath(path)).parts:
        if part in (os.curdir, os.pardir):
            return None
        names = listing(folder)
        if part in names:
            folder, name = folder / part, part
        else:
            loose = _loosely(part)
            matches = [name for name in names if _loosely(name) == loose]
            if len(matches) != 1:
                return None
            (name,), differs = matches, True
            folder = folder / name
        actual.append(name)
    return "/".join(actual) if differs and folder.is_file() else None


def _listing(folder: Path) -> frozenset[str]:
    try:
        return frozenset(entry.name for entry in folder.iterdir())
    except OSError:
        return frozenset()


def _loosely(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def leaves_folder(path: str) -> bool:
    """Whether ``path`` (relative to the content folder) climbs out of it."""
    normal = os.path.normpath(path)
    return normal == os.pardir or normal.startswith(os.pardir + os.sep)


def _published_files(context: Mapping[str, Any]) -> Callable[[str], bool]:
    """Whether a file (relative to ``PATH``) that a link names is copied
    into the site. In the build, the static generator's final list (after
    sourceguard dropped what it keeps out); ``reflect``, which has no static
    generator, applies the same rules to the file."""
    statics = context.get("staticfiles")
    if statics is not None:
        copied = {static.relative_source_path for static in statics}
        return copied.__contains__
    root = Path(context["PATH"])
    rule = LinkRule.from_settings(context)
    unpublished = unpublished_paths(context)
    static_paths = context.get("STATIC_PATHS", ())

    def copied_by_the_build(relative: str) -> bool:
        path = root / relative
        return not (
            is_refused(path, rule)
            or is_unpublished(path, unpublished)
            or litter_in(relative, static_paths)
        )

    return copied_by_the_build


@dataclass(frozen=True)
class _StaticFiles:
    """The files of the content folder Pelican takes as static, and so
    finds by ``{filename}`` too: those under ``STATIC_PATHS``, and any a
    post or page (a draft's included) links by ``{static}`` or
    ``{attach}``, wherever it lies."""

    root: Path
    static_paths: tuple[tuple[str, ...], ...]
    linked: frozenset[str]
    listings: dict[Path, frozenset[str]] = field(default_factory=dict)

    def listing(self, folder: Path) -> frozenset[str]:
        """The names in ``folder``, listed once per check."""
        if folder not in self.listings:
            self.listings[folder] = _listing(folder)
        return self.listings[folder]

    def holds(self, path: str) -> bool:
        if os.path.normpath(path) in self.linked:
            return True
        parts = Path(path).parts
        return any(parts[: len(folder)] == folder for folder in self.static_paths)


def _static_files(contents: Iterable[Any], context: Mapping[str, Any]) -> _StaticFiles:
    linked = {
        os.path.normpath(path)
        for content in contents
        for path in getattr(content, "get_static_links", set)()
    }
    return _StaticFiles(
        Path(context["PATH"]),
        tuple(Path(str(static)).parts for static in context.get("STATIC_PATHS", ())),
        frozenset(linked),
    )


@dataclass(frozen=True)
class SourceLines:
    """A post's source, read once however many of its links are broken."""

    lines: tuple[str, ...]

    @classmethod
    def read(cls, source_path: str) -> SourceLines:
        try:
            text = Path(source_path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return cls(())
        return cls(tuple(text.splitlines()))

    def find(
        self, written: str, unrewritten: Mapping[str, Any] | None = None
    ) -> tuple[str, int | None]:
        """The link as the source file spells it, and the first line that
        holds it. The reader noted it from the HTML, where Markdown's ``&``
        is ``&amp;``: the HTML's spelling is looked for, then the unescaped
        one. A link Pelican leaves as written (``unrewritten``: the site's
        settings) is looked for first where a line's own tags leave it so:
        the same path may come earlier as a link Pelican rewrites, or as
        text in an ``alt``."""
        for spelling in dict.fromkeys((written, unescape(written))):
            lines = [
                (number, line)
                for number, line in enumerate(self.lines, start=1)
                if spelling in line
            ]
            if unrewritten is not None:
                for number, line in lines:
                    if spelling in unrewritten_site_file_links(line, unrewritten):
                        return spelling, number
            if lines:
                return spelling, lines[0][0]
        return written, None
