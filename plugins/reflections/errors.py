"""Error types of the reflections pipeline, one per stage.

Each carries the file and, where there is one, the line (see
``sitekit.diagnostics``), so a writer reads ``content/posts/x.md:7: ...``.
"""

from __future__ import annotations

from sitekit.diagnostics import SiteError


class ReflectionsError(SiteError):
    """Base class: a problem in a file the writer controls."""


class ContentError(ReflectionsError):
    """A post or page whose metadata cannot be trusted (bad date, no title)."""


class CalloutError(ReflectionsError):
    """A lesson callout that cannot be read (for example, no statement)."""


class VocabularyError(ReflectionsError):
    """A malformed lessons.yml."""


class LessonError(ReflectionsError):
    """A lesson that strict mode refuses (ad-hoc or a near miss)."""
