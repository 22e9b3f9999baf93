"""The ``*_PATHS`` entries and folders the link rule refuses, kept from
Pelican's generators.

The walk (``sitekit.sourcewalk``) finds them; this makes Pelican read none
of them: refused folders go to its ``*_EXCLUDES``, and refused entries are
dropped from the settings themselves, since an exclude never matches the
folder a walk starts from. A setting of posts or pages left with nothing
to read stops the build (``refuse_emptied_paths``).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from sitekit.diagnostics import SettingsError
from sitekit.settings import BAD_SETTING
from sitekit.sourcepaths import LinkRule, RefusedLink, relative_paths
from sitekit.sourcewalk import SourceWalk

_EXCLUDE_SETTINGS = ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES")


def exclude_refused_folders(
    settings: MutableMapping[str, Any], walked: SourceWalk
) -> list[RefusedLink]:
    """Add the refused folders ``walked`` found to Pelican's ``*_EXCLUDES``,
    and drop the ``*_PATHS`` entries it refused from their settings, so
    that no generator walks them; return every refused link. An exclude
    never matches the folder a walk starts from (Pelican 4.12
    ``Generator.get_files`` matches a name only below it), so an entry
    left in ``PAGE_PATHS`` was read and published from outside the
    content folder (an ``.html`` page), though its warning said it was
    left out. Raises ``SettingsError`` when that leaves ``ARTICLE_PATHS``
    or ``PAGE_PATHS`` empty (``refuse_emptied_paths``)."""
    rule = LinkRule.from_settings(settings)
    links = list(walked.refused)
    folders = relative_paths([link for link in links if link.is_folder], rule)
    if folders:
        for name in _EXCLUDE_SETTINGS:
            settings[name] = [*settings.get(name, ()), *folders]
    refuse_emptied_paths(settings, walked)
    for setting, entry in walked.refused_entries:
        settings[setting] = [name for name in settings[setting] if name != entry]
    return links


#: The settings that say where posts and pages are read from: one the
#: link rule empties leaves a build with none of them.
_READ_AS_POSTS = {"ARTICLE_PATHS": "post", "PAGE_PATHS": "page"}


def refuse_emptied_paths(settings: Mapping[str, Any], walked: SourceWalk) -> None:
    """Stop when every entry of ``ARTICLE_PATHS`` or ``PAGE_PATHS`` is one
    the link rule refuses (``["linked"]``, ``linked -> ../outside``):
    dropped, it left the setting empty, so the build published a site
    with no posts (or pages) and said only that a link was left out, and
    ``reflect new`` failed on the empty list with a traceback. No rule
    level can make that a warning: the site is not the one the writer
    keeps."""
    refused = set(walked.refused_entries)
    for setting, kind in _READ_AS_POSTS.items():
        entries = list(settings.get(setting) or ())
        if entries and all((setting, entry) in refused for entry in entries):
            shown = ", ".join(repr(str(entry)) for entry in entries)
            raise SettingsError(
                f"{setting} names only {shown}, which the link rule leaves out "
                f"(it leads outside the content folder): no {kind} would be read; "
                "name a folder inside the content folder, or allow the one "
                "it leads to in ALLOWED_OUTSIDE_PATHS",
                rule=BAD_SETTING.name,
            )
