"""Every setting of the presentation plugin: its default and its check."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from reflections.errors import SettingsError

DEFAULTS: dict[str, Any] = {
    # Words a reader reads per minute, for "N min read".
    "READING_SPEED": 230,
    # Longest meta description, in characters (search engines cut at ~160).
    "DESCRIPTION_MAX_LENGTH": 200,
}


def apply_defaults(settings: MutableMapping[str, Any]) -> None:
    for name, default in DEFAULTS.items():
        settings.setdefault(name, default)
        value = settings[name]
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise SettingsError(
                f"setting {name} must be a positive whole number, not {value!r}"
            )
