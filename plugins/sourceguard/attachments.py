"""Where ``{attach}`` puts a static file: beside the page that attaches it.

Pelican moves an attached file only as it writes the page that links it
(``Static.attach_to``), after every check made before anything is written,
and only while nothing has asked for the file's address. Until then the
file's ``save_as`` is where it lies in the content folder, so a check of
which files share one output file (``writes.clashes_in``) asks here where
each attached file will be: two attached ``photo.jpg`` from two folders
land in one post's folder.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sitekit.contents import every_content

from .linktargets import links_with_candidates


def attached_save_as(context: Mapping[str, Any]) -> dict[str, str]:
    """Where each static file a written page attaches will be written, by
    its path relative to ``PATH``: beside the first page that attaches it
    (posts before pages, as Pelican writes them). A file whose place
    ``EXTRA_PATH_METADATA`` sets stays there, as Pelican keeps it, and so
    does one another page links by ``{static}`` or ``{filename}``: taken
    where it lies, it is no false clash that stops a build Pelican writes
    without one."""
    statics = {
        static.relative_source_path: static for static in context.get("staticfiles", ())
    }
    written = [
        (content, save_as)
        for content in every_content(context)
        # Asked without noting it (``writes._location``); empty for a draft
        # a published build does not write.
        if (save_as := content.get_url_setting("save_as"))
    ]
    linked_otherwise = {
        target
        for content, _ in written
        for _, what, candidates in links_with_candidates(content)
        if what != "attach"
        and (target := next((path for path in candidates if path in statics), None))
    }
    moved: dict[str, str] = {}
    for content, save_as in written:
        for _, what, candidates in links_with_candidates(content):
            if what != "attach":
                continue
            target = next((path for path in candidates if path in statics), None)
            if target is None or target in moved or target in linked_otherwise:
                # A file another page links by {static} or {filename} moves
                # only if a page attaching it is rendered before every
                # other, an order no check knows; Pelican writes posts
                # newest first and says it "cannot relocate" one it keeps.
                continue
            static = statics[target]
            if hasattr(static, "override_save_as"):
                continue
            tail = os.path.relpath(static.source_path, Path(content.source_path).parent)
            if tail.startswith(os.pardir + os.sep):
                tail = Path(tail).name
            moved[target] = (Path(save_as).parent / tail).as_posix()
    return moved
