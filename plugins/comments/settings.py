"""Every setting of the comments plugin: its default and its check."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from reflections.errors import SettingsError

SETTINGS: dict[str, tuple[Any, tuple[type, ...], str]] = {
    "COMMENTS_PATH": ("comments", (str,), "folder of comment files, relative to PATH"),
    "COMMENTS_EMAIL": (None, (str, type(None)), "address for 'Reply by email'"),
    "COMMENTS_FORM_ACTION": (None, (str, type(None)), "URL a comment form posts to"),
    "COMMENTS_MAX_DEPTH": (5, (int,), "deepest level of nested replies"),
    "COMMENTS_STRICT": (False, (bool,), "bad comment files stop the build"),
    "COMMENTS_RECENT_ANSWERS": (2, (int,), "answers quoted per question on the index"),
    "COMMENT_FEED_ATOM": (None, (str, type(None)), "per-post comment feed"),
    "COMMENTS_FEED_ATOM": (None, (str, type(None)), "feed of every comment"),
}


def apply_defaults(settings: MutableMapping[str, Any]) -> None:
    for name, (default, kinds, what) in SETTINGS.items():
        settings.setdefault(name, default)
        value = settings[name]
        wrong_bool = isinstance(value, bool) and bool not in kinds
        if wrong_bool or not isinstance(value, kinds):
            expected = " or ".join(
                "None" if k is type(None) else k.__name__ for k in kinds
            )
            raise SettingsError(
                f"setting {name} ({what}) must be {expected}, not {value!r}"
            )
    if settings["COMMENTS_MAX_DEPTH"] < 1:
        raise SettingsError("setting COMMENTS_MAX_DEPTH must be 1 or more")
    if settings["COMMENT_FEED_ATOM"] and "{slug}" not in settings["COMMENT_FEED_ATOM"]:
        raise SettingsError("setting COMMENT_FEED_ATOM must contain {slug}")
