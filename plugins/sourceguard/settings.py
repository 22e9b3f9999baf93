"""Every setting of the sourceguard plugin: its default, type and meaning."""

from __future__ import annotations

from functools import partial

from sitekit import settings as declared
from sitekit.settings import Setting, each_path, each_text
from sitekit.withheld import field_key

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "ALLOWED_OUTSIDE_PATHS",
        (),
        (list, tuple),
        "Folders outside PATH (absolute, or relative to PATH) whose files may "
        "be published through symbolic links in the content folder.",
        check=each_path("folder paths"),
    ),
    Setting(
        "LOCAL_ONLY_FIELDS",
        [],
        (list, tuple),
        "Metadata fields that stay on the writer's machine (plugins add theirs, "
        "such as a follow-up date); every reader withholds them from a build "
        "with WITHHOLD_LOCAL_ONLY.",
        check=each_text(
            "field names, each with a letter or digit",
            lambda name: bool(field_key(name)),
        ),
    ),
    Setting(
        "UNPUBLISHED_SOURCES",
        [],
        (list, tuple),
        "Files in the content folder, relative to PATH, that are read but never "
        "copied as static files, whatever STATIC_PATHS says (plugins add theirs, "
        "such as the desk's review log); neither the build nor reflect lint "
        "checks them as published files.",
        check=each_path("file paths"),
    ),
    Setting(
        "WITHHOLD_LOCAL_ONLY",
        False,
        (bool,),
        "Drop every local-only field as files are read, from every page, feed, "
        "index and image (publishconf.py sets it).",
    ),
    Setting(
        "SOURCE_LINKS_STRICT",
        False,
        (bool,),
        "A symbolic link to outside the content folder, or a broken one, stops "
        "the build instead of being left out with a warning.",
    ),
)

apply_defaults = partial(declared.apply_defaults, SETTINGS)
