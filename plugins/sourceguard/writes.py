"""Where a build writes: the output folder guard, each page's path, clashes.

* When the build starts (``initialized``), the output folder is checked by
  ``sitekit.outputfolder`` (not the content folder, the project, home...,
  and not a folder some other hand filled). As the run starts
  (``get_generators``), before Pelican empties the folder, the marker
  beside it says a build of this site is writing; at the very end of the
  build (``finalized``) it lists what the build wrote.
* As each post, page or static file is made (``content_object_init``), a
  ``Slug`` that climbs (``../``), a ``Save_as`` outside the output folder or
  a file name holding what an address cannot carry (``"``, ``<``, ``?``,
  ``#``, ``%``, spaces...) stops the build, naming the file and line; so
  does a path with a part that starts with a dot (``Slug: .``, ``Lang:
  ../x``: another page's file, or a hidden one), and a ``Url`` that is no
  path in the site (``javascript:``, ``https://elsewhere``, ``/rooted``).
* Once every generator has its content (``all_generators_finalized``), two
  pieces of content that would be written to the same file stop the build,
  naming both source files, before anything is written; so does a tag,
  category or author whose page's name a file system cannot hold (a
  ``Slug`` or ``Save_as`` too long is found as the file is made).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.contents import Static

from sitekit.contents import every_content
from sitekit.diagnostics import (
    Diagnostic,
    SettingsError,
    SiteError,
    display_path,
    log_and_raise,
    report_diagnostics,
)
from sitekit.namedpages import overlong_names
from sitekit.outputfolder import (
    Marker,
    OutputRule,
    check_output_folder,
    files_under,
    read_marker,
    real,
    write_marker,
)
from sitekit.outputpaths import (
    MAX_NAME_BYTES,
    MAX_PART_BYTES,
    OutputPathError,
    climbs,
    dot_part,
    output_file,
    overlong_literal,
    overlong_part,
    unsafe_characters,
)
from sitekit.settingsource import setting_source
from sitekit.siteaddresses import (
    address_problem,
    page_address_problem,
    shown_address,
)
from sitekit.sourcelines import field_line
from sitekit.writeerrors import one_line_write_errors

from .attachments import attached_save_as
from .templatenames import unknown_templates

#: Settings that name a file in the output folder.
_NAMES_A_PATH = re.compile(r"_SAVE_AS$|FEED.*_(ATOM|RSS|JSON)$|^THEME_STATIC_DIR$")


def guard_output_folder(pelican: Any) -> None:
    """At ``initialized``: refuse the output folder, or a path setting,
    before anything is touched."""
    settings = pelican.settings
    output = Path(settings["OUTPUT_PATH"])
    one_line_write_errors(str(output))
    try:
        check_path_settings(settings)
        check_address_settings(settings)
        check_output_folder(output, OutputRule.from_settings(settings))
    except SiteError as error:
        raise log_and_raise(error) from None
    # Connected now, after every plugin's own handlers: the marker lists the
    # files that plugins write at ``finalized`` too (the search index).
    signals.finalized.connect(record_output_folder)


def mark_output_folder(pelican: Any) -> None:
    """At ``get_generators``, as a run starts and before Pelican empties
    the output folder: a build of this site is writing there."""
    output = Path(pelican.settings["OUTPUT_PATH"])
    real(output).parent.mkdir(parents=True, exist_ok=True)
    write_marker(output, Marker(str(OutputRule.from_settings(pelican.settings).site)))


def check_path_settings(settings: Mapping[str, Any]) -> None:
    """A ``*_SAVE_AS`` or feed path setting that names a folder (ends in
    ``/``), climbs out (``../``), or has a part longer than a file system
    holds on its own text alone (a slug or a date only adds to it): said
    once, at the setting's line,
    rather than for every post as it is written. The setting's place is
    found by its whole value: a pagination pattern is one of a list's."""
    paths = [
        (name, value)
        for name, value in settings.items()
        if isinstance(value, str) and _NAMES_A_PATH.search(name)
    ]
    paths += [
        ("PAGINATION_PATTERNS", pattern[2])
        for pattern in settings.get("PAGINATION_PATTERNS") or ()
        if len(pattern) > 2 and isinstance(pattern[2], str)
    ]
    for name, value in paths:
        if value and value.endswith("/") and name != "THEME_STATIC_DIR":
            # Copied from its *_URL twin: Pelican wrote each page as a file
            # named like the folder (`lessons/x`, no index.html), which the
            # address `lessons/x/` does not reach, without a word.
            raise SettingsError(
                f"setting {name} = {value!r} ends in '/', a folder; it names the "
                f"file written there, such as {value + 'index.html'!r}",
                *setting_source(name, settings.get(name)),
            )
        if value and climbs(value):
            raise SettingsError(
                f"setting {name} = {value!r} climbs out of the output folder; "
                "a path in the site does not hold '../' or start with '/'",
                *setting_source(name, settings.get(name)),
            )
        size = overlong_literal(value) if value else None
        if size is not None:
            raise SettingsError(
                f"setting {name} = {shortened(value)!r} names a file, a part of "
                f"which is {size} bytes long before any slug is put in; a file system "
                f"holds {MAX_NAME_BYTES} in a name: shorten the setting",
                *setting_source(name, settings.get(name)),
            )


#: Settings that hold the address a site lives at.
_SITE_ADDRESSES = ("SITEURL", "FEED_DOMAIN")
#: Settings that hold a list of them.
_SITE_ADDRESS_LISTS = ("WEBMENTION_SITE_URLS",)
#: Other settings that hold an address pages link to or post to.
_ADDRESSES = ("COMMENTS_FORM_ACTION", "WEBMENTION_ENDPOINT")
#: Pelican's lists of (name, address) links that themes show.
_LINK_LISTS = ("SOCIAL", "LINKS", "MENUITEMS")


def check_address_settings(settings: Mapping[str, Any]) -> None:
    """A setting that puts into the pages an address that runs
    (``javascript:``, ``data:``, hidden by a tab or an entity), or that
    cannot be one (a site's address with a query): said at the setting's
    line, before anything is read (``sitekit.siteaddresses``)."""
    for name, value, problem in _address_problems(settings):
        raise SettingsError(
            f"setting {name} = {shortened(shown_address(str(value)))!r} {problem}",
            *setting_source(name, settings.get(name)),
        )


def _address_problems(settings: Mapping[str, Any]):
    """(name, address, problem) of each address setting that is refused."""
    for name, value in settings.items():
        if not isinstance(name, str):
            continue
        if name in _SITE_ADDRESSES or name in _SITE_ADDRESS_LISTS:
            values, site, schemes = value, True, ("http", "https")
        elif name in _ADDRESSES or name.endswith("_URL"):
            values, site, schemes = value, False, ("http", "https")
        elif name in _LINK_LISTS:
            values = _link_addresses(value)
            site, schemes = False, ("http", "https", "mailto", "tel")
        else:
            continue
        for address in values if isinstance(values, list | tuple) else [values]:
            problem = (
                address_problem(address, site=site, schemes=schemes)
                if isinstance(address, str)
                else None
            )
            if problem:
                yield name, address, problem


def _link_addresses(links: Any) -> list[Any]:
    """The addresses of a list of links, in the shapes themes read: pairs
    (name, address, and more), a mapping of name to address, or mappings
    each with a ``url``, ``href`` or ``link``. Anything else is Pelican's
    and the theme's to judge."""
    if isinstance(links, Mapping):
        return list(links.values())
    if not isinstance(links, list | tuple):
        return []
    found = []
    for item in links:
        if isinstance(item, Mapping):
            found += [item[key] for key in _LINK_KEYS if key in item]
        elif isinstance(item, list | tuple) and len(item) > 1:
            found.append(item[1])
    return found


#: Keys of a link given as a mapping that hold its address.
_LINK_KEYS = ("url", "href", "link")


def shortened(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[:most] + "…"


def record_output_folder(pelican: Any) -> None:
    """The files this build wrote, in the marker its start left."""
    output = Path(pelican.settings["OUTPUT_PATH"])
    started = read_marker(output)
    if started is not None and started.files is None:
        write_marker(output, Marker(started.site, files_under(real(output))))


def check_destination(content: Any) -> None:
    """At ``content_object_init``: a climbing ``Slug`` or a ``Save_as``
    outside the output folder stops the build; so does a path setting this
    content cannot fill in."""
    unfilled = unfillable_path_setting(content)
    if unfilled is not None:
        raise log_and_raise(SettingsError(unfilled, content.source_path))
    problem = destination_problem(
        content.source_path,
        content.metadata,
        _location(content, "save_as"),
        content.settings["OUTPUT_PATH"],
        # A static file keeps its own name (links to it are the writer's).
        page_address=not isinstance(content, Static),
    )
    if problem is not None:
        raise log_and_raise(
            OutputPathError(problem.message, problem.path, problem.line)
        )


def _location(content: Any, attribute: str) -> str:
    """A page's or static file's ``url`` or ``save_as`` as Pelican fills it
    in, asked without a static file's noting that its address was asked
    for: once noted, ``{attach}`` may no longer move the file beside the
    post that attaches it (Pelican's ``Static.attach_to``), and asked for
    as every file is made, no attached file was moved."""
    return content.get_url_setting(attribute)


def unfillable_path_setting(content: Any) -> str | None:
    """Why the settings that make this post's or page's address and file
    (``ARTICLE_URL``, ``PAGE_SAVE_AS``...) cannot be filled in for it, or
    None.

    Pelican fills them in as a page first asks for its address, in whatever
    plugin asks: ``ARTICLE_URL = "{nope}/"`` stopped the build (and ``reflect
    lint``) with a traceback ending ``KeyError: 'nope'``, naming neither the
    setting nor a post. Asked here, as each is made."""
    for attribute in ("url", "save_as"):
        try:
            _location(content, attribute)
        except (KeyError, IndexError, ValueError, AttributeError) as error:
            prefix = type(content).__name__.upper()
            names = [f"{prefix}{lang}_{attribute.upper()}" for lang in ("", "_LANG")]
            field = str(error.args[0]) if isinstance(error, KeyError) else ""
            name = next(
                (
                    name
                    for name in names
                    if field and "{" + field in str(content.settings.get(name, ""))
                ),
                names[0],
            )
            value = content.settings.get(name)
            reason = (
                f"names {{{field}}}, a field this {type(content).__name__.lower()} "
                "does not have (there are slug, date, category, author, lang and "
                "its metadata)"
                if field
                else f"cannot be filled in ({type(error).__name__}: {error})"
            )
            return f"setting {name} = {value!r} {reason}"
    return None


def refuse_clashes(generators: list[Any]) -> None:
    """At ``all_generators_finalized``: two posts, pages or static files for
    one output file."""
    report_diagnostics(
        clashes_in(generators[0].context), OutputPathError, "output path"
    )
    report_diagnostics(
        unknown_templates(
            every_content(generators[0].context), generators[0].get_template
        ),
        SiteError,
        "template",
    )


def clashes_in(context: Mapping[str, Any]) -> list[Diagnostic]:
    """Two posts, pages or static files of a context for one output file,
    and a tag, category or author whose page's name is too long."""
    moved = attached_save_as(context)
    found = clashes(
        [
            *(
                (content.source_path, _location(content, "save_as"), "page")
                for content in every_content(context)
            ),
            *(
                (static.source_path, *_static_destination(static, moved))
                for static in context.get("staticfiles", ())
            ),
        ]
    )
    return found + overlong_names(every_content(context), _page_paths, MAX_PART_BYTES)


def _page_paths(what: str, named: Any) -> list[tuple[str, str]]:
    """The page Pelican writes for a tag, category or author."""
    return [(f"{what.upper()}_SAVE_AS", getattr(named, "save_as", "") or "")]


def destination_problem(
    source: str,
    metadata: Mapping[str, Any],
    save_as: str,
    output_path: str,
    *,
    page_address: bool = True,
) -> Diagnostic | None:
    """Why a post, page or static file may not be written where its
    metadata and the settings put it, or None. ``page_address``: its path
    is also an address the site's pages link to (a post's or a page's)."""
    slug = metadata.get("slug")
    if slug and climbs(str(slug)):
        return Diagnostic(
            "error",
            f"Slug: {slug!r} climbs out of its folder; a slug names a page, so it "
            "holds no '../' and does not start with '/'",
            source,
            field_line(source, "slug", value=str(slug)),
        )
    url = metadata.get("url")
    problem = page_address_problem(str(url)) if url and page_address else None
    if problem:
        return Diagnostic(
            "error",
            f"Url: {url!r} is no address of a page in the site: it {problem}; "
            "a post's or page's Url is its path in the site, like 2025/a-post/ "
            "(and its Save_as the file, 2025/a-post/index.html)",
            source,
            field_line(source, "url", value=str(url)),
        )
    if not save_as:
        return None
    written = metadata.get("save_as")
    unsafe = unsafe_characters(save_as) if page_address else ""
    if unsafe:
        named = "Save_as" if written else "Slug" if slug else "the page's path"
        return Diagnostic(
            "error",
            f"{named} gives the file name {save_as!r}, holding "
            f"{', '.join(repr(c) for c in unsafe)}, which an address cannot "
            "carry as it is; use letters, digits, '-', '_' and '.'",
            source,
            field_line(source, "save_as", "slug", value=str(written or slug or "")),
        )
    # A static file keeps the name it has in the content folder, which the
    # file system holds already.
    overlong = overlong_part(save_as) if page_address else None
    if overlong:
        named = "Save_as" if written else "Slug" if slug else "the page's path"
        return Diagnostic(
            "error",
            f"{named} gives the file name {save_as!r}, a part of which is "
            f"{len(overlong.encode('utf-8'))} bytes long; a file system holds "
            f"{MAX_PART_BYTES} safely, so give a shorter Slug",
            source,
            field_line(source, "save_as", "slug", value=str(written or slug or "")),
        )
    try:
        output_file(output_path, save_as, what="the page's path")
    except OutputPathError as error:
        line = field_line(source, "save_as", value=str(written)) if written else None
        return Diagnostic("error", error.message, source, line)
    # Inside the output, but on another page's file or hidden.
    dotted = dot_part(save_as) if page_address else None
    if dotted:
        named, value = _field_behind(metadata, dotted)
        return Diagnostic(
            "error",
            f"{named} gives the file name {save_as!r}, with the part "
            f"{dotted!r}: "
            + (
                "a page's name that starts with '.' is a hidden file, which "
                "web servers commonly refuse to serve"
                if dotted.strip(".")
                else "it names a folder, not a page of its own"
            )
            + "; start each part of the name with a letter or a digit",
            source,
            field_line(source, named.lower(), value=value) if value else None,
        )
    return None


#: The fields of a post or page that its path setting puts into its path,
#: in the order they are blamed for a part of it.
_PATH_FIELDS = ("save_as", "slug", "lang")


def _field_behind(metadata: Mapping[str, Any], part: str) -> tuple[str, str]:
    """The field (as the author spells it: ``Slug``) whose value put
    ``part`` into a page's path, and that value; else the path itself."""
    for name in _PATH_FIELDS:
        value = str(metadata.get(name) or "")
        if value and (part in value.split("/") or value.startswith(part)):
            return name.capitalize(), value
    return "the page's path", ""


def _static_destination(static: Any, moved: Mapping[str, str]) -> tuple[str, str]:
    """Where a static file is written, and whether a page's ``{attach}``
    link moved it there (``attached``) or it keeps its place (``static``)."""
    attached = moved.get(static.relative_source_path)
    if attached:
        return attached, "attached"
    return _location(static, "save_as"), "static"


#: What to change when two sources are bound for one file, by what they
#: are: a post or page (its path comes from its Slug or Save_as), a static
#: file kept where it lies, a file an ``{attach}`` link moved beside a page.
_REMEDIES = {
    frozenset({"page"}): "give one of them another Slug (or Save_as)",
    frozenset({"attached"}): (
        "rename one of the two files (or attach it from one post only)"
    ),
    frozenset({"attached", "static"}): (
        "rename one of the two files (or attach it from one post only)"
    ),
    frozenset({"static"}): "rename or move one of the two files",
}
_PAGE_AND_FILE = "give the post or page another Slug (or Save_as), or rename the file"


def clashes(destinations: Iterable[tuple[str, str, str]]) -> list[Diagnostic]:
    """An error for each (source file, save_as, what it is: ``page``,
    ``static`` or ``attached``) whose file another source file is written
    to already, naming both and what to change."""
    first_by_file: dict[str, tuple[str, str]] = {}
    found = []
    for source, save_as, kind in sorted(destinations):
        if not save_as:
            continue
        first, first_kind = first_by_file.setdefault(
            os.path.normpath(save_as), (source, kind)
        )
        if first != source:
            remedy = _REMEDIES.get(frozenset({kind, first_kind}), _PAGE_AND_FILE)
            found.append(
                Diagnostic(
                    "error",
                    f"would be written to {save_as}, as {display_path(first)} is; "
                    f"{remedy}",
                    source,
                    field_line(source, "save_as", "slug", "title")
                    if kind == "page"
                    else None,
                )
            )
    return found
