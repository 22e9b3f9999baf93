"""The site's content as a build reads it, without building.

``read_site`` walks ARTICLE_PATHS and PAGE_PATHS as Pelican's generators do,
reads every file with the reader classes the site's plugins register
(Pelican's ``Readers``), leaves out what the build leaves out, sorts posts
and pages by status and translation as Pelican does, then runs every
plugin's content stage in ``PLUGINS`` order (``sitekit.declaration``):
comments are threaded, each post's lessons resolved and the reflection index
assembled by the very functions the build runs. What they find comes back
as diagnostics at the levels of the rule table, so the command and the site
cannot disagree.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blinker import NamedSignal
from pelican.contents import Article, Page, SkipStub
from pelican.generators import Generator
from pelican.utils import order_content, process_translations

from reflections.pipeline import leave_out
from sitekit.diagnostics import Diagnostic, SiteError
from sitekit.rules import Finding
from sitekit.settings import slugifier
from sitekit.sitegenerator import site_generator
from sitekit.sourcelines import metadata_block
from sitekit.unreadable import unreadable

from .site import REFLECTIONS, Site

#: (kind, content class, paths setting, excludes setting, context names of
#: the published, hidden and draft lists, order setting), as Pelican's
#: ArticlesGenerator and PagesGenerator have them.
_KINDS = (
    (
        "article",
        Article,
        "ARTICLE_PATHS",
        "ARTICLE_EXCLUDES",
        ("articles", "hidden_articles", "drafts"),
        "ARTICLE_ORDER_BY",
    ),
    (
        "page",
        Page,
        "PAGE_PATHS",
        "PAGE_EXCLUDES",
        ("pages", "hidden_pages", "draft_pages"),
        "PAGE_ORDER_BY",
    ),
)
_STATUSES = ("published", "hidden", "draft")


@dataclass
class ReadSite:
    """The site after every plugin's content stage, and what was found."""

    context: dict[str, Any]  # as the build's generators leave it
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Every post (page) file the build reads, those it refuses for an error
    # or leaves out for a finding (no title, not UTF-8) included; a file it
    # skips unread (a symbolic link sourceguard refuses:
    # dangling, looping or leading outside the content folder) is none.
    post_files: list[Path] = field(default_factory=list)
    page_files: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == "error"]

    def every_post(self) -> Iterable[Any]:
        """Every post the build would publish, hide or keep as a draft."""
        for name in ("articles", "hidden_articles", "drafts"):
            for post in self.context[name]:
                yield post
                yield from post.translations


def read_site(site: Site) -> ReadSite:
    """The site read as the build reads it, with what every check found.

    Pelican and the plugins log some of what they find as a file is read
    (a file left out at a warning); here it comes back as diagnostics, so
    their logging is off: a warning logged here was one Pelican's logger
    would drop, as said before, in a build that followed in the process."""
    with _logging_off():
        return _read_site(site)


@contextmanager
def _logging_off() -> Iterator[None]:
    before = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        yield
    finally:
        logging.disable(before)


def _read_site(site: Site) -> ReadSite:
    # Pelican's content caches belong to the build: read every file afresh.
    settings = {**site.settings, "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}
    context = {
        **settings,
        "generated_content": {},
        "static_links": set(),
        "static_content": {},
        "localsiteurl": settings["SITEURL"],
    }
    files = content_files(settings, context)
    read = ReadSite(context)
    reflections = site.plugin(REFLECTIONS)
    for kind, content_class, paths, excludes, names, order in _KINDS:
        left_out: list[Any] = []
        opened = NamedSignal(f"reflect_{kind}_read")

        def leave_out_as_the_build_does(sender, metadata, kind=kind, left=left_out):
            left.extend(leave_out(metadata, kind == "article"))

        opened.connect(leave_out_as_the_build_does)
        found: dict[str, list[Any]] = {status: [] for status in _STATUSES}
        for name in sorted(files.get_files(settings[paths], settings[excludes])):
            before = len(left_out)
            content = _read(site, files, name, content_class, context, opened, read)
            if isinstance(content, SkipStub) and len(left_out) == before:
                continue  # skipped unread: no finding says it was read
            path = Path(settings["PATH"]) / name
            (read.post_files if kind == "article" else read.page_files).append(path)
            if content is not None and not isinstance(content, SkipStub):
                found[content.status].append(content)
        read.diagnostics += reflections.diagnostics(left_out, settings)
        for status, name in zip(_STATUSES, names, strict=True):
            originals, _ = process_translations(
                found[status], translation_id=settings[f"{kind.upper()}_TRANSLATION_ID"]
            )
            context[name] = order_content(originals, settings[order])
    for plugin in site.plugins:
        if plugin.content_stage is not None:
            found = plugin.content_stage(context)
            read.diagnostics += plugin.diagnostics(found, settings)
    return read


def at_its_level(
    site: Site, message: str, path: str, line: int | None, rule: str | None
) -> Diagnostic:
    """A file the build leaves out as it reads it, at the level its rule has
    in the site's settings (the declaring plugin's strict setting), as the
    build logged it; an error where no rule or no plugin's rule says."""
    for plugin in site.plugins:
        if any(declared.name == rule for declared in plugin.rules):
            return plugin.diagnostics(
                [Finding(rule, message, path, line)], site.settings
            )[0]
    return Diagnostic("error", message, path, line, rule)


def _read(
    site: Site,
    files: Generator,
    name: str,
    content_class: type,
    context: dict[str, Any],
    opened: NamedSignal,
    read: ReadSite,
) -> Any:
    """One file as the build's generator reads it; None if the build
    leaves it out for an error, a ``SkipStub`` if it skips it unread."""
    path = str(Path(files.path) / name)
    try:
        content = files.readers.read_file(
            base_path=files.path,
            path=name,
            content_class=content_class,
            context=context,
            context_signal=opened,
            context_sender=files,
        )
    except SiteError as error:
        read.diagnostics.append(
            at_its_level(
                site, error.message, error.path or path, error.line, error.rule
            )
        )
        return None
    except Exception as error:  # a reader sourceguard does not wrap
        found = unreadable(path, error)
        read.diagnostics.append(
            at_its_level(site, found.message, path, None, found.rule)
        )
        return None
    if isinstance(content, SkipStub):
        return content
    if not content.is_valid():
        read.diagnostics.append(
            Diagnostic(
                "error",
                "Pelican leaves this file out: it has no title (or, for a post, "
                "no date), or it would be written outside the output folder",
                path,
            )
        )
        return None
    return content


def content_files(settings: dict[str, Any], context: dict[str, Any]) -> Generator:
    """A generator of the site, for what every generator does alike: find the
    content files (``get_files``) and read them (``readers``)."""
    return site_generator(settings, context)


def existing_slugs(site: Site) -> dict[str, Path]:
    """Every post's slug (its `Slug:`, or its title slugified), with its file.

    Only the metadata at the top of each file is read (``sitekit.sourcelines``,
    as Markdown reads it): a slug never depends on the body, and this stays
    quick on a large site.
    """
    settings = site.settings
    files = content_files(settings, dict(settings))
    slugify = slugifier(settings)
    slugs: dict[str, Path] = {}
    names = files.get_files(settings["ARTICLE_PATHS"], settings["ARTICLE_EXCLUDES"])
    for name in sorted(names):
        path = Path(settings["PATH"]) / name
        fields = _metadata(path)
        slug = fields.get("slug") or slugify(fields.get("title", ""))
        if slug:
            slugs.setdefault(slug, path)
    return slugs


def _metadata(path: Path) -> dict[str, str]:
    """The first value of each metadata field of a file."""
    try:  # as Pelican opens it: a byte order mark is no part of a field's name
        with path.open(encoding="utf-8-sig") as handle:
            head = "".join(line for _, line in zip(range(200), handle, strict=False))
    except (OSError, UnicodeDecodeError):
        return {}
    fields: dict[str, str] = {}
    for line in metadata_block(head):
        if not line.continues:
            fields.setdefault(line.key, line.value.strip())
    return fields
