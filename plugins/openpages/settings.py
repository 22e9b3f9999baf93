"""The openpages plugin's one setting, which ``make serve`` sets."""

from __future__ import annotations

from sitekit.selectedpages import SELECTED_PAGES_SETTING
from sitekit.settings import Setting, settings_checker

SETTINGS: tuple[Setting, ...] = (SELECTED_PAGES_SETTING,)

check_settings = settings_checker(SETTINGS)
