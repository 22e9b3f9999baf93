"""The theme's static files a build copies, listed as Pelican copies them.

Pelican copies ``THEME_STATIC_PATHS`` whole (``StaticGenerator._copy_paths``
over ``pelican.utils.copy``, 4.12), and no walk of the content folder
reaches the theme: the start-up walk (``sitekit.sourcewalk``) adds these
files to its listing, so a named pipe there is refused before it holds the
build, and sourceguard's static check reads each.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def theme_static_roots(settings: Mapping[str, Any]) -> tuple[Path, ...]:
    """The theme's static folders and files, as absolute paths."""
    if not settings.get("THEME"):
        return ()
    return tuple(
        Path(settings["THEME"], name).absolute()
        for name in settings.get("THEME_STATIC_PATHS") or ()
    )


def theme_static_files(settings: Mapping[str, Any]) -> list[str]:
    """The theme's files a build copies, as paths: Pelican's
    ``StaticGenerator._copy_paths`` over ``pelican.utils.copy`` (4.12),
    which copies a named pipe too (it waits on it), though no walk of the
    content folder reaches the theme."""
    return [source for source, _ in theme_static_copies(settings)]


def theme_static_copies(settings: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Each theme file a build copies, as a path, with where it lands in
    the output folder (relative to it): a folder of ``THEME_STATIC_PATHS``
    is copied into ``THEME_STATIC_DIR`` with what it holds, a file named
    there lands in it under its own name (Pelican 4.12's ``_copy_paths``)."""
    ignores = settings.get("IGNORE_FILES") or ()
    into = Path(settings.get("THEME_STATIC_DIR") or "")

    def ignored(name: str) -> bool:
        return any(fnmatch.fnmatch(name, pattern) for pattern in ignores)

    found: list[tuple[str, str]] = []
    for source in theme_static_roots(settings):
        if ignored(source.name):
            continue
        if source.is_file():
            found.append((str(source), (into / source.name).as_posix()))
            continue
        for folder, subfolders, files in os.walk(source, followlinks=True):
            subfolders[:] = sorted(sub for sub in subfolders if not ignored(sub))
            landed = into / Path(folder).relative_to(source)
            found += [
                (str(Path(folder, file)), (landed / file).as_posix())
                for file in files
                if not ignored(file)
            ]
    return found
