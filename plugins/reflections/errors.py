"""Error types of the reflections pipeline, one per stage.

Each carries the file and, where there is one, the line (see
``sitekit.diagnostics``), so a writer reads ``content/posts/x.md:7: ...``.
"""

from __future__ import annotations

from sitekit.diagnostics import SiteError


class ReflectionsError(SiteError):
    """Base class: a problem in a file the writer controls."""


class ContentError(ReflectionsError):
    """Posts or pages the build cannot publish (no title, a bad date)."""


class VocabularyError(ReflectionsError):
    """A malformed lessons.yml."""


class LessonError(ReflectionsError):
    """Findings at error level in the posts' lessons, callouts or lessons.yml."""
