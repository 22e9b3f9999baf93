"""What sourceguard checks as a build (or ``reflect``) starts, before
anything is read.

Pelican's own settings (it checks few), the one walk of what the build
opens, made as Pelican walks it (each ``*_PATHS`` entry less what
``IGNORE_FILES`` and its ``*_EXCLUDES`` leave out, and what the plugins
read by name: ``sitekit.sourcewalk``, so a content folder's ``.git`` is
never entered): a special file there stops the build, a
folder named as a file, an ending spelt otherwise and a link to outside
the content folder are reported, and refused folders and ``*_PATHS``
entries are kept from Pelican's generators (``refusedpaths``). A list
``DIRECT_TEMPLATES`` leaves out (the archives, the tags) gets an empty
``*_SAVE_AS``, so the theme links it nowhere
(``settingchecks.leave_out_unwritten_listings``).
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from sitekit.declaration import declaration_of, gather_declared
from sitekit.diagnostics import SiteError
from sitekit.pelicansettings import PELICAN_SETTINGS
from sitekit.rules import report_findings
from sitekit.selectedpages import SELECTED_PAGES_SETTING
from sitekit.settings import told_at_start, validate
from sitekit.sourcepaths import files_named_as_folders, paths_spelt_otherwise
from sitekit.sourcewalk import SOURCE_WALK, walk_sources
from sitekit.walkfindings import checked_content_folder, refuse_special_files

from .refusedpaths import exclude_refused_folders
from .settingchecks import (
    check_address_settings,
    check_path_settings,
    leave_out_unwritten_listings,
)
from .settings import apply_defaults

#: What sourceguard checks before anything is read: Pelican's own settings
#: (Pelican checks few) and the one a plugin declares that every build's
#: plugins read, whether or not the plugin declaring it is loaded.
EVERY_BUILD_READS = (*PELICAN_SETTINGS, SELECTED_PAGES_SETTING)


class SourceLinkError(SiteError):
    """Symbolic links a strict build refuses."""


def guard_links(pelican: Any) -> None:
    settings = pelican.settings
    try:
        apply_defaults(settings)
        validate(EVERY_BUILD_READS, settings)
        leave_out_unwritten_listings(settings)
        gather_declared(filter(None, map(declaration_of, pelican.plugins)), settings)
        # One walk, as Pelican lists the content: the special files that
        # stop the build, the folders named as files and the links that
        # are reported below.
        walked = walk_sources(settings)
        named_as_files = checked_content_folder(walked)
        links = exclude_refused_folders(settings, walked)
    except SiteError as error:
        raise told_at_start(error, settings) from None
    report_findings(
        [
            *(link.finding() for link in links),
            *named_as_files,
            *files_named_as_folders(settings),
            *paths_spelt_otherwise(settings),
        ],
        settings["SOURCE_LINKS_STRICT"],
        SourceLinkError,
        "link",
    )


def prepare_settings(settings: MutableMapping[str, Any]) -> None:
    """As ``reflect`` prepares the settings (the build: ``guard_links`` and
    ``guard_output_folder``): Pelican's own settings checked (Pelican checks
    few; sourceguard runs first), the path settings measured, then the
    refused folders excluded. The walk is kept for the content stage
    (``SOURCE_WALK``): the folder was walked twice a ``reflect lint``."""
    validate(EVERY_BUILD_READS, settings)
    check_path_settings(settings)
    check_address_settings(settings)
    leave_out_unwritten_listings(settings)
    walked = walk_sources(settings)
    refuse_special_files(walked)
    exclude_refused_folders(settings, walked)
    settings[SOURCE_WALK] = walked
