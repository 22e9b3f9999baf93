"""The openpages plugin's one setting, which ``make serve`` sets."""

from __future__ import annotations

from sitekit.selectedpages import SELECTED_PAGES
from sitekit.settings import Setting, each_text, settings_checker

SETTINGS: tuple[Setting, ...] = (
    Setting(
        SELECTED_PAGES,
        None,
        (list, tuple, type(None)),
        "The only pages the build writes (paths inside the output folder, "
        "'2025/a-post/index.html'); None, every file. make serve sets it for "
        "its first pass after an edit, the pages open in a browser.",
        check=each_text("page paths"),
    ),
)

check_settings = settings_checker(SETTINGS)
