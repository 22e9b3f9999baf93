"""Desk: what a local build shows the writer to act on, never published.

Follow-ups due, people to reconnect with, lessons due for review, drafts in
progress and readers' questions waiting for an answer, from the posts'
local-only fields (``sitekit.localonly``), ``reviews.yml``, the reflection
index and the comment threads. A build that keeps local-only fields (no
``WITHHOLD_LOCAL_ONLY``, no absolute SITEURL) writes the page ``/desk/``
with ``noindex`` and links it from the navigation; any other build has no
desk at all. ``reflect due``, ``people`` and ``review`` print the same desk.

The Pelican glue only: the domain is in plain modules (``followups``,
``people``, ``review``, ``questions``, ``assemble``), read from Pelican's
content by ``stage`` and written by ``generator``. See docs/desk.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pelican import signals

from sitekit.declaration import Declaration, check_plugin_order

from .generator import DeskGenerator
from .rules import RULES
from .settings import DESK_FIELDS, SETTINGS, check_settings
from .stage import desk_stage


def review_log(settings: Mapping[str, Any]) -> list[str]:
    """reviews.yml lives in the content folder: it is never copied as a
    static file, whatever STATIC_PATHS says (nor read by any build but a
    local one, and then only by the desk). Sourceguard keeps it out."""
    name = settings.get("DESK_REVIEWS")
    return [name] if name else []


PLUGIN = Declaration(
    "desk",
    # Lessons due for review come from the reflection index; questions
    # waiting for an answer from the comment threads; sourceguard keeps the
    # review log out of the output (``unpublished_sources``).
    needs=("sourceguard", "comments", "reflections"),
    settings=SETTINGS,
    rules=RULES,
    strict_setting="DESK_STRICT",
    content_stage=desk_stage,
    # Follow-up, Introduced-by, Introduced, Next-contact: withheld by every
    # reader from a build that withholds local-only fields.
    local_only_fields=DESK_FIELDS,
    unpublished_sources=review_log,
)


def add_generator(pelican):
    return DeskGenerator


def register() -> None:
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(add_generator)
