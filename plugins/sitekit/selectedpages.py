"""A build that writes only some pages: ``make serve``'s first pass.

After an edit, ``make serve`` first shows the pages open in a browser: a
build that reads and generates the whole site as any build does, but writes
only the files of those pages, into a scratch folder of its own. The
``openpages`` plugin's writer leaves out every other page and feed; a plugin
that writes files by itself or does site-wide work of its own (preview
images, the search index, feeds, the sitemap, data files) asks here whether
to, never the openpages plugin or each other.

``SELECTED_PAGES`` is None in every other build (``make html``, ``make
publish``, ``make serve``'s whole builds): everything is written, and the
site is the same byte for byte as without this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath
from typing import Any

from .settings import Setting, each_text

#: The setting that names the pages a build writes: their paths inside the
#: output folder ("2025/a-post/index.html"), or None for every page.
SELECTED_PAGES = "SELECTED_PAGES"

#: Its declaration. The openpages plugin, loaded by ``make serve`` alone,
#: declares it; but every build's plugins read it here, so the sourceguard
#: plugin checks it in every build too: a value of the wrong kind in
#: ``pelicanconf.py`` (``-1``) stopped the build with a traceback, and one
#: that iterates (``"x"``, ``{}``) wrote a site of a third of its files and
#: passed.
SELECTED_PAGES_SETTING = Setting(
    SELECTED_PAGES,
    None,
    (list, tuple, type(None)),
    "The only pages the build writes (paths inside the output folder, "
    "'2025/a-post/index.html'); None, every file. make serve sets it for "
    "its first pass after an edit, the pages open in a browser.",
    check=each_text("page paths"),
)


def selected_pages(settings: Mapping[str, Any]) -> frozenset[str] | None:
    """The pages this build writes, or None: every page (a whole build)."""
    pages = settings.get(SELECTED_PAGES)
    if pages is None:
        return None
    return frozenset(page_path(page) for page in pages)


def writes_only_selected(settings: Mapping[str, Any]) -> bool:
    """Whether this is a build that writes only some pages: site-wide work
    (images, indexes, feeds, sitemaps) is left to the whole build."""
    return settings.get(SELECTED_PAGES) is not None


def is_selected(settings: Mapping[str, Any], save_as: str) -> bool:
    """Whether this build writes the file at ``save_as`` (a path inside the
    output folder): always in a whole build."""
    pages = selected_pages(settings)
    return pages is None or page_path(save_as) in pages


def any_selected(settings: Mapping[str, Any], saved_as: Iterable[str]) -> bool:
    """Whether this build writes one of the files ``saved_as`` at least."""
    pages = selected_pages(settings)
    return pages is None or any(page_path(path) in pages for path in saved_as)


def page_path(save_as: str) -> str:
    """``save_as`` as the selection names it: '/'-separated, relative."""
    return PurePosixPath("/", save_as.replace("\\", "/")).as_posix().lstrip("/")
