"""Two files a build writes whose names are one file on macOS and Windows.

``clashes`` finds two posts, pages or static files for one file before
anything is written, comparing their paths as those disks do
(``clashes.one_file``). A plugin's pages (the search page, the lessons'
pages, a feed) are known only as they are written, and Pelican's writer
refuses a second page for a file only when its path is spelt the same: a
page with ``Slug: Search`` was written beside the search plugin's
``search/index.html`` on Linux, and on macOS one replaced the other
without a word. So every file the build writes (``content_written``, which
every writer sends) is noted, and a second one whose path differs from an
earlier one's only in case or in how an accent is composed stops the
build, naming the post or page bound for it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from sitekit.diagnostics import display_path, log_and_raise
from sitekit.outputpaths import OutputPathError
from sitekit.sourcelines import field_line

from .clashes import OUTPUT_CLASH, one_file


class LooseWrites:
    """The files of one build, by ``one_file``'s key."""

    def __init__(self, output_path: str) -> None:
        self.output = os.path.abspath(output_path)  # noqa: PTH100 (strings)
        self.written: dict[str, str] = {}  # key -> the path as first written
        self.page_sources: dict[str, str] = {}  # a page's save_as -> its source

    def note(self, path: str) -> None:
        """``path`` was written: stop the build if another file of this
        build is the same file on a disk that compares names loosely."""
        relative = os.path.relpath(os.path.abspath(path), self.output)  # noqa: PTH100
        if relative.startswith(os.pardir):
            return
        relative = relative.replace(os.sep, "/")
        first = self.written.setdefault(one_file(relative), relative)
        if first == relative:
            return
        source = self.page_sources.get(relative) or self.page_sources.get(first)
        raise log_and_raise(
            OutputPathError(
                f"the build writes {relative} and {first}, which differ only in "
                "case, in how an accent is composed or in dots or spaces ending "
                "a name: one file on macOS or Windows, where the one written "
                "second replaces the other; "
                + (
                    "give the post or page another Slug (or Save_as)"
                    if source
                    else "change one of the settings that name them"
                ),
                display_path(source) if source else None,
                field_line(source, "save_as", "slug", "title") if source else None,
                OUTPUT_CLASH.name,
            )
        )


_build: LooseWrites | None = None


def start_noting(pelican: Any) -> None:
    """At ``get_generators``, as each run starts: nothing written yet. Not
    at ``initialized``: ``pelican --autoreload`` runs again without it, and
    a Slug changed from ``Cafe`` to ``cafe`` met the file of the run before."""
    global _build
    _build = LooseWrites(pelican.settings["OUTPUT_PATH"])


def note_pages(page_sources: Mapping[str, str]) -> None:
    """Each post's and page's file with its source, once all are known."""
    if _build is not None:
        _build.page_sources = {
            os.path.normpath(save_as).replace(os.sep, "/"): source
            for save_as, source in page_sources.items()
            if save_as
        }


def note_written(path: str, **_context: Any) -> None:
    """At ``content_written``."""
    if _build is not None:
        _build.note(str(path))
