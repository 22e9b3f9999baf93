"""Reading comment files: ``comments/<post-slug>/<comment-id>.md``.

Each file has ``Author:`` and ``Date:`` (required), ``Website:`` and
``Reply-To:`` (optional), a blank line, then the comment in Markdown.
Problems are reported (a warning, or an error in strict mode): a file
without an author or a readable date is left out; an unknown field or an
unsafe website is reported and the comment kept. A bad file never stops the
build unless strict mode says so, and never breaks a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from markdown import Markdown
from pelican.cache import FileStampDataCacher
from pelican.utils import get_date, set_date_tzinfo

from sitekit.diagnostics import Diagnostic, SiteError
from sitekit.sourcelines import metadata_lines

from .model import Comment
from .sanitize import CommentRenderer, plain_text, safe_website

FIELDS = ("author", "date", "website", "reply-to")
_COMMENT_ID = re.compile(r"[A-Za-z0-9_-]+")


class CommentError(SiteError):
    """Comment files that strict mode refuses."""


class CommentReader:
    """Reads comment files: the meta extension's header, then a safe body."""

    def __init__(self, timezone: str | None, strict: bool = False):
        self.timezone = timezone
        self.level = "error" if strict else "warning"
        self._header = Markdown(extensions=["markdown.extensions.meta"])
        self._body = CommentRenderer()

    def read_folder(
        self, folder: Path, cache: FileStampDataCacher | None = None
    ) -> tuple[list[Comment], list[Diagnostic]]:
        """Every comment file under ``folder``; ``cache`` keeps unchanged ones.

        The cache is Pelican's own file-stamp cache, as for posts, so a
        rebuild re-reads only the comment files that changed.
        """
        comments: list[Comment] = []
        diagnostics: list[Diagnostic] = []
        for path in _comment_files(folder):
            result = cache.get_cached_data(str(path), None) if cache else None
            if result is None:
                result = self.read(path)
                if cache:
                    cache.cache_data(str(path), result)
            comment, found = result
            diagnostics += found
            if comment is not None:
                comments.append(comment)
        if cache:
            cache.save_cache()
        return comments, diagnostics

    def read(self, path: Path) -> tuple[Comment | None, list[Diagnostic]]:
        if not _COMMENT_ID.fullmatch(path.stem):
            message = (
                "comment file names may hold only letters, digits, - and _ "
                "(the name becomes the comment's id); the comment is left out"
            )
            return None, [Diagnostic(self.level, message, str(path))]
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            message = f"cannot read the file as UTF-8 text ({error}); it is left out"
            return None, [Diagnostic(self.level, message, str(path))]
        body, meta = self._split(text)
        html = self._body.render(body)
        problems: list[Diagnostic] = []

        def problem(message: str, field: str | None = None) -> None:
            # Line numbers only for a problem to report: most files have none.
            line = (metadata_lines(text).get(field) or [None])[0] if field else None
            problems.append(Diagnostic(self.level, message, str(path), line))

        for field in meta:
            if field not in FIELDS:
                problem(
                    f"unknown field {field!r}; a comment has {', '.join(FIELDS)}", field
                )
        author = plain_text(meta.get("author", ""))
        if not author:
            problem("comment without an Author: line; it is left out", "author")
        date = None
        if not meta.get("date"):
            problem("comment without a Date: line; it is left out", "date")
        else:
            try:
                date = set_date_tzinfo(get_date(meta["date"]), self.timezone)
            except (ValueError, OverflowError):  # dateutil overflows on huge years
                problem(
                    f"Date: {meta['date']!r} is not a date; write YYYY-MM-DD HH:MM. "
                    "The comment is left out",
                    "date",
                )
        website = None
        if meta.get("website"):
            website = safe_website(meta["website"])
            if website is None:
                problem(
                    f"Website: {meta['website']!r} is not an http(s) address; "
                    "the comment is shown without it",
                    "website",
                )
        if not author or date is None:
            return None, problems
        return (
            Comment(
                id=path.stem,
                post_slug=path.parent.name,
                author=author,
                date=date,
                html=html,
                text=plain_text(html),
                website=website,
                reply_to=meta.get("reply-to") or None,
                path=str(path),
            ),
            problems,
        )

    def _split(self, text: str) -> tuple[str, dict[str, str]]:
        """The body, and the header fields, by Markdown's own preprocessors."""
        header = self._header
        header.reset()
        lines = header.preprocessors["normalize_whitespace"].run(text.split("\n"))
        body = "\n".join(header.preprocessors["meta"].run(lines))
        meta = {key: " ".join(value).strip() for key, value in header.Meta.items()}
        return body, meta


def _comment_files(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        yield from sorted(folder.glob("*/*.md"))
