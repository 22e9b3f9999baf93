"""Where each post, page or static file is written, checked as it is made.

At ``content_object_init``, a ``Slug`` that climbs (``../``), a ``Save_as``
outside the output folder or a file name holding what an address cannot
carry (``"``, ``<``, ``?``, ``#``, ``%``, spaces...) stops the build, naming
the file and line; so does a path with a part that starts with a dot
(``Slug: .``, ``Lang: ../x``: another page's file, or a hidden one), a
``Url`` that is no path in the site (``javascript:``,
``https://elsewhere``, ``/rooted``), and a path setting the content cannot
fill in. A ``Slug`` or ``Save_as`` too long is found here too. Each is
the ``unsafe-destination`` rule, an error in every build; at a warning (a
table changed) the file is read on and told with the clashes, once every
file is read, as the writer still refuses a path outside the output folder.
A path setting the content cannot fill in is ``unfillable-path-setting``:
the file is left out at any level, for no address can be made for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pelican.contents import Static

from sitekit.diagnostics import SettingsError, log_and_raise
from sitekit.outputpaths import (
    MAX_PART_BYTES,
    OutputPathError,
    climbs,
    dot_part,
    output_file,
    overlong_part,
    unsafe_characters,
)
from sitekit.rules import Finding, Rule, declare_rules, leaving_out
from sitekit.siteaddresses import page_address_problem
from sitekit.sourcelines import field_line

UNSAFE_DESTINATION, UNFILLABLE_PATH_SETTING = declare_rules(
    Rule(
        "unsafe-destination",
        "a post, page or static file whose `Slug`, `Url` or `Save_as` would "
        "write it outside the output folder, onto a hidden file or another "
        "page's folder, or under a name an address cannot carry or a file "
        "system cannot hold",
        "error",
        "error",
    ),
    Rule(
        "unfillable-path-setting",
        "a path setting (`ARTICLE_URL`, `PAGE_SAVE_AS`...) naming a field a "
        "post or page does not have, so no address or file can be made for it",
        "error",
        "error",
    ),
)


def check_destination(content: Any) -> None:
    """At ``content_object_init``: a climbing ``Slug`` or a ``Save_as``
    outside the output folder stops the build; so does a path setting this
    content cannot fill in."""
    # Content made with settings other than the build's (Pelican's
    # defaults, where none are given) has no such setting: strict then.
    strict = content.settings.get("SOURCE_LINKS_STRICT", True)
    unfilled = unfillable_path_setting(content)
    if unfilled is not None:
        # No address or file can be made for it, at any level.
        raise leaving_out(unfilled, strict, SettingsError)
    problem = destination_of(content)
    if problem is None:
        return
    found = problem.at_level(strict)
    if found.level == "error":
        raise log_and_raise(
            OutputPathError(found.message, found.path, found.line, found.rule)
        )
    # At a warning the file is read on, and told with the clashes
    # (``clashes.clashes_in``); the writer still refuses a path outside the
    # output folder (``sitekit.outputpaths.output_file``).


def destination_of(content: Any) -> Finding | None:
    """``destination_problem`` of a post, page or static file as made."""
    return destination_problem(
        content.source_path,
        content.metadata,
        location(content, "save_as"),
        content.settings["OUTPUT_PATH"],
        # A static file keeps its own name (links to it are the writer's).
        page_address=not isinstance(content, Static),
    )


def location(content: Any, attribute: str) -> str:
    """A page's or static file's ``url`` or ``save_as`` as Pelican fills it
    in, asked without a static file's noting that its address was asked
    for: once noted, ``{attach}`` may no longer move the file beside the
    post that attaches it (Pelican's ``Static.attach_to``), and asked for
    as every file is made, no attached file was moved."""
    return content.get_url_setting(attribute)


def unfillable_path_setting(content: Any) -> Finding | None:
    """Why the settings that make this post's or page's address and file
    (``ARTICLE_URL``, ``PAGE_SAVE_AS``...) cannot be filled in for it, or
    None.

    Pelican fills them in as a page first asks for its address, in whatever
    plugin asks: ``ARTICLE_URL = "{nope}/"`` stopped the build (and ``reflect
    lint``) with a traceback ending ``KeyError: 'nope'``, naming neither the
    setting nor a post. Asked here, as each is made."""
    for attribute in ("url", "save_as"):
        try:
            location(content, attribute)
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
            return Finding(
                UNFILLABLE_PATH_SETTING.name,
                f"setting {name} = {value!r} {reason}",
                content.source_path,
            )
    return None


def destination_problem(
    source: str,
    metadata: Mapping[str, Any],
    save_as: str,
    output_path: str,
    *,
    page_address: bool = True,
) -> Finding | None:
    """Why a post, page or static file may not be written where its
    metadata and the settings put it, or None. ``page_address``: its path
    is also an address the site's pages link to (a post's or a page's)."""
    slug = metadata.get("slug")
    if slug and climbs(str(slug)):
        return Finding(
            UNSAFE_DESTINATION.name,
            f"Slug: {slug!r} climbs out of its folder; a slug names a page, so it "
            "holds no '../' and does not start with '/'",
            source,
            field_line(source, "slug", value=str(slug)),
        )
    url = metadata.get("url")
    problem = page_address_problem(str(url)) if url and page_address else None
    if problem:
        return Finding(
            UNSAFE_DESTINATION.name,
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
        return Finding(
            UNSAFE_DESTINATION.name,
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
        return Finding(
            UNSAFE_DESTINATION.name,
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
        return Finding(UNSAFE_DESTINATION.name, error.message, source, line)
    # Inside the output, but on another page's file or hidden.
    dotted = dot_part(save_as) if page_address else None
    if dotted:
        named, value = _field_behind(metadata, dotted)
        return Finding(
            UNSAFE_DESTINATION.name,
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
