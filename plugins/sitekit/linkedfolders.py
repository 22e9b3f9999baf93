"""Which folder a symbolic link leads to that the walk may not enter.

A link to a folder is refused when it leads outside what the link rule
permits, into a folder that holds it (a loop: ``up -> ..``), or through a
ring of links back to where it lies (``a/l -> ../b``, ``b/l -> ../a``):
Pelican follows links to folders, so it walked a loop or a ring forty
folders deep. The walk (``sitekit.sourcewalk``) asks of each linked folder
it meets.
"""

from __future__ import annotations

import os
from pathlib import Path

from .sourcepaths import LinkRule, RefusedLink, is_refused


def refused_folder(
    path: Path, parent: str, rule: LinkRule, reached: dict[str, frozenset[str]]
) -> RefusedLink | None:
    """A linked folder the rule refuses: outside, or one holding the link."""
    if not path.is_symlink():
        return None
    real = os.path.realpath(path)
    if not rule.permits(real):
        return RefusedLink(path, str(path.readlink()), "outside", True)
    holder = os.path.realpath(parent)
    if Path(holder).is_relative_to(real):
        return RefusedLink(path, str(path.readlink()), "loop", True)
    if _leads_back(real, holder, reached):
        return RefusedLink(path, str(path.readlink()), "ring", True)
    return None


def link_leading_out(path: Path, rule: LinkRule) -> RefusedLink | None:
    """The first symbolic link on the way from the content folder to
    ``path`` that leads where the rule refuses (``shared -> ../outside``
    for ``PAGE_PATHS = ["shared/pages"]``)."""
    relative = Path(os.path.normpath(path)).relative_to(os.path.normpath(rule.folder))
    step = Path(rule.folder)
    for part in relative.parts:
        step = step / part
        if step.is_symlink() and is_refused(step, rule):
            reason = "outside" if step.exists() else "dangling"
            return RefusedLink(step, str(step.readlink()), reason, step.is_dir())
    return None


def _leads_back(target: str, holder: str, reached: dict[str, frozenset[str]]) -> bool:
    """Whether walking ``target`` as Pelican does (links followed) reaches
    ``holder``, the folder the link to ``target`` is in, through a ring of
    links (``a/l -> ../b``, ``b/l -> ../a``): then Pelican walks the link
    again inside itself, forty folders deep. What a target reaches is
    listed once a walk (``reached``): twenty links to one archive of 200
    folders cost 4,230 ``scandir`` calls, one listing per link."""
    if target not in reached:
        reached[target] = _reachable(target)
    return any(
        str(folder) in reached[target]
        for folder in (Path(holder), *Path(holder).parents)
    )


def _reachable(target: str) -> frozenset[str]:
    """Every real folder walking ``target`` with links followed reaches.
    Each real folder is visited once, so the search ends."""
    seen, waiting = {target}, [target]
    while waiting:
        try:
            entries = list(os.scandir(waiting.pop()))
        except OSError:
            continue
        for entry in entries:
            if not _is_folder(entry):
                continue
            real = os.path.realpath(entry.path)
            if Path(entry.path).parent.resolve().is_relative_to(real):
                continue  # a loop of its own (``up -> ..``), refused where it is
            if real not in seen:
                seen.add(real)
                waiting.append(real)
    return frozenset(seen)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # a link to a folder counts, as Pelican follows it
    except OSError:
        return False
