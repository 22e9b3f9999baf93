"""Static files with a private marker in them, in the build and in ``reflect``.

The build checks the static generator's own list, after refused links and
litter are dropped and before anything is copied, so a published build
that stops has copied nothing. ``reflect lint`` has no static generator:
``static_sources`` finds the same files the way Pelican's does (every file
under ``STATIC_PATHS`` but ``STATIC_EXCLUDES`` and the content sources,
and every file a post or page links with ``{static}`` or ``{attach}``),
less what sourceguard drops in the build: refused links, litter and
``UNPUBLISHED_SOURCES``.
What a file holds is judged by ``sitekit.staticmarkers``, for both.

The theme's static files (``THEME_STATIC_PATHS`` under ``THEME``) are
copied whole too, by the static generator after every plugin has run and
outside its list: ``sitekit.themestatic.theme_static_files`` walks them
as Pelican's copy does (a folder with every folder under it, links
followed, or one file; names matching ``IGNORE_FILES`` skipped), so the
build and ``reflect lint`` check exactly the files a build copies, and the
start-up walk stops at a named pipe among them. The templates a build
draws every page from (``theme_template_files``: the theme's and
``THEME_TEMPLATES_OVERRIDES``) are checked alike: their text is in every
page.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from sitekit.contents import every_content
from sitekit.diagnostics import SiteError, display_path
from sitekit.rules import Finding
from sitekit.sitegenerator import site_generator
from sitekit.sourcepaths import (
    LinkRule,
    is_refused,
    is_unpublished,
    litter_in,
    unpublished_paths,
)
from sitekit.staticfindings import FindingCache
from sitekit.staticmarkers import copied_file_findings, name_findings


class PrivateStaticFileError(SiteError):
    """A static file with a private marker, in a published build."""


def static_findings(
    paths: Iterable[str],
    templates: Iterable[str] = (),
    cache: FindingCache | None = None,
    published_from: Iterable[str] = (),
) -> list[Finding]:
    """A finding for each static file or theme template (absolute paths)
    holding a marker, in its text or its image metadata, or an image whose
    metadata cannot be read; a file whose bytes the ``cache`` holds
    findings for is not read again (``sitekit.staticfindings``). A static
    file is published under its path below the first of ``published_from``
    (the content folder, the theme) that holds it: a marker in that name
    is one too."""
    findings = []
    templates = set(templates)
    roots = [Path(root).absolute() for root in published_from]
    for path in sorted({*paths, *templates}):
        source, shown, template = Path(path), display_path(path), path in templates
        if not template:
            findings += name_findings(_published_name(source, roots), shown)
        read = partial(copied_file_findings, source, shown, template)
        try:
            findings += (
                read()
                if cache is None
                else cache.findings(source, shown, template, read)
            )
        except OSError:
            continue  # copying it will say what is wrong
    return findings


def _published_name(path: Path, roots: list[Path]) -> str:
    """``path`` below the first of ``roots`` that holds it: the name the
    output keeps (its own name alone if no root holds it)."""
    absolute = path.absolute()
    for root in roots:
        if absolute.is_relative_to(root):
            return absolute.relative_to(root).as_posix()
    return path.name


def theme_template_files(settings: Mapping[str, Any]) -> list[str]:
    """The templates a build draws pages from, as paths: every file under
    the theme's ``templates`` and each ``THEME_TEMPLATES_OVERRIDES`` folder,
    where Pelican's Jinja loader looks (4.12). Their text is drawn into
    every page, so a marker in one is a marker in the output; checked as a
    static file is, a template comment (``{# #}``) included: privacy fails
    closed."""
    folders = [
        *(Path(folder) for folder in settings.get("THEME_TEMPLATES_OVERRIDES") or ()),
        Path(settings["THEME"], "templates"),
    ]
    found: list[str] = []
    for folder in folders:
        for parent, subfolders, files in os.walk(folder.absolute(), followlinks=True):
            subfolders.sort()
            found += [str(Path(parent, name)) for name in sorted(files)]
    return found


def static_sources(context: Mapping[str, Any]) -> list[str]:
    """The static files a build of ``context`` would copy, as absolute paths."""
    settings = context
    files = site_generator(dict(settings), dict(context))
    contents = list(every_content(context))
    found = set(
        files.get_files(
            settings["STATIC_PATHS"],
            exclude=settings["STATIC_EXCLUDES"],
            extensions=False,
        )
    )
    for content in contents:
        found |= set(getattr(content, "get_static_links", set)())
    if settings.get("STATIC_EXCLUDE_SOURCES", True):
        sources = {
            os.path.normpath(content.relative_source_path) for content in contents
        }
        found = {name for name in found if os.path.normpath(name) not in sources}
    rule = LinkRule.from_settings(settings)
    unpublished = unpublished_paths(settings)
    kept = []
    for name in found:
        path = Path(settings["PATH"], name)
        if not path.is_file() or is_refused(str(path), rule):
            continue
        if is_unpublished(path, unpublished):
            continue
        if litter_in(name, settings["STATIC_PATHS"]):
            continue
        kept.append(str(path))
    return kept
