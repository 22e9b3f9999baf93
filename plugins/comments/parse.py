"""Reading comment files: ``comments/<post-slug>/<comment-id>.md``.

Each file has ``Author:`` and ``Date:`` (required), ``Website:`` and
``Reply-To:`` (optional), a blank line, then the comment in Markdown.
Webmentions sit beside them as ``comments/<post-slug>/mention-<id>.json``
(see mentions.py).
Problems are findings of the ``bad-comment`` rule (a warning, or an error
in a strict build): a file without an author, a readable date or any
text to show is left out; an unknown field or an unsafe website is
reported and the comment kept. A bad file never breaks a page. A comment
cut at its length limit, or with paragraphs shown as plain text
(bounds.py), is a ``costly-comment`` finding: a warning in every build,
the comment shown.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from markdown import Markdown
from pelican.cache import FileStampDataCacher
from pelican.utils import get_date, set_date_tzinfo

from sitekit.datetext import ZoneNameError, zone_names_refused
from sitekit.diagnostics import SiteError
from sitekit.hygiene import (
    marker_not_hidden,
    misspelt_private_markers,
    remove_control_characters,
)
from sitekit.rules import Finding
from sitekit.sourcelines import indented_fields, metadata_lines, repeated_fields
from sitekit.sourcepaths import LinkRule, is_litter, is_refused
from sitekit.text import draws_nothing
from sitekit.withheld import private_field, withhold_raw

from .bounds import cut
from .mentions import (
    MentionProblem,
    fields_shown_without,
    load_mention_entry,
    mention_from_entry,
)
from .model import Comment
from .repeats import first_of_each_id
from .rules import BAD_COMMENT, COSTLY_COMMENT
from .sanitize import CommentRenderer, plain_text, safe_website

FIELDS = ("author", "date", "website", "reply-to")
DEFAULT_MAX_LENGTH = 20_000
# A header field's cost (nh3 on a name: the square of its nesting) is
# bounded by its length.
MAX_FIELD_LENGTH = 500
_HEADER_ROOM = 64 * 1024  # bytes read beyond the body's limit, for the header
_COMMENT_ID = re.compile(r"[A-Za-z0-9_-]+")


class CommentError(SiteError):
    """Comment files that strict mode refuses."""


class CommentReader:
    """Reads comment files: the meta extension's header, then a safe body."""

    def __init__(
        self,
        timezone: str | None,
        link_rule: LinkRule | None = None,
        max_length: int = DEFAULT_MAX_LENGTH,
    ):
        self.timezone = timezone
        self.max_length = max_length
        # Links to outside the content folder, or broken ones, are skipped:
        # the sourceguard plugin (or ``reflect lint``) reports them.
        self.link_rule = link_rule
        self._header = Markdown(extensions=["markdown.extensions.meta"])
        self._body = CommentRenderer()

    def read_folder(
        self, folder: Path, cache: FileStampDataCacher | None = None
    ) -> tuple[list[Comment], list[Finding]]:
        """Every comment file under ``folder``; ``cache`` keeps unchanged ones.

        The cache is Pelican's own file-stamp cache, as for posts, so a
        rebuild re-reads only the comment files that changed.
        """
        comments: list[Comment] = []
        findings = (
            [
                Finding(
                    BAD_COMMENT,
                    "comment files belong directly in a post's folder "
                    "(comments/<post-slug>/<id>.md); this one is left out",
                    str(path),
                )
                for path in misplaced_comment_files(folder)
            ]
            + [
                Finding(BAD_COMMENT, message, str(path))
                for path, message in files_where_folders_belong(folder)
            ]
            + [
                Finding(
                    BAD_COMMENT,
                    "comment files are named <id>.md or <id>.json, in lower case; "
                    "rename this one, or it is left out",
                    str(path),
                )
                for path in unread_comment_files(folder)
            ]
        )
        for path in _comment_files(folder):
            if self.link_rule and is_refused(path, self.link_rule):
                continue
            result = cache.get_cached_data(str(path), None) if cache else None
            if result is None:
                result = self.read(path)
                if cache:
                    cache.cache_data(str(path), result)
            comment, found = result
            findings += found
            if comment is not None:
                comments.append(comment)
        if cache:
            cache.save_cache()
        comments, repeated_ids = first_of_each_id(comments)
        # Two mentions from one source repeat each other only once each is
        # known to be aimed at its post: attach.py drops repeats after that.
        return comments, findings + repeated_ids

    def read(self, path: Path) -> tuple[Comment | None, list[Finding]]:
        if not _COMMENT_ID.fullmatch(path.stem):
            message = (
                "comment file names may hold only letters, digits, - and _ "
                "(the name becomes the comment's id); the comment is left out"
            )
            return None, [Finding(BAD_COMMENT, message, str(path))]
        if path.suffix == ".json":
            return self.read_mention(path)
        try:
            text, unread_end = read_start(path, self.max_length)
        except UnicodeDecodeError as error:
            message = f"cannot read the file as UTF-8 text ({error}); it is left out"
            return None, [Finding(BAD_COMMENT, message, str(path))]
        except OSError as error:  # its text repeats the path, absolute
            message = f"cannot read the file ({error.strerror}); it is left out"
            return None, [Finding(BAD_COMMENT, message, str(path))]
        visible, problems = self._clean(text, str(path))
        body, meta, hidden_fields = self._split(visible)
        for again in repeated_fields(visible):
            if again.key in meta:
                meta[again.key] = again.first_value
                problems.append(
                    Finding(
                        BAD_COMMENT,
                        f"{again.key.capitalize()}: given again (first on line "
                        f"{again.first_line}); the first is kept: remove one",
                        str(path),
                        again.line,
                    )
                )
        # The line the body starts on, for markers found in it.
        first = len(visible.split("\n")) - len(body.split("\n")) + 1
        body, was_cut = cut(body, self.max_length)
        if unread_end and not was_cut:
            body, was_cut = body.rstrip() + " […]", True
        rendered = self._body.render(body)
        html = rendered.html
        if rendered.withheld:
            message = (
                "holds a private marker in text too long or costly to read "
                "as a whole, so its private part cannot be told apart safely; "
                "the comment is left out"
            )
            return None, [*problems, Finding(BAD_COMMENT, message, str(path))]
        if self._body.unhidden:
            problems += [
                replace(
                    marker_not_hidden(found, str(path), "in the comment", first),
                    rule=BAD_COMMENT,
                )
                for found in self._body.unhidden
            ]
            return None, problems

        def problem(
            message: str, field: str | None = None, rule: str = BAD_COMMENT
        ) -> None:
            # Line numbers only for a problem to report: most files have none.
            line = (metadata_lines(text).get(field) or [None])[0] if field else None
            problems.append(Finding(rule, message, str(path), line))

        # A long or odd comment is still shown, safely: a finding of its own
        # rule, a warning in every build, so the published build goes on.
        for field, value in meta.items():
            if len(value) > MAX_FIELD_LENGTH:  # an honest one is a line or two
                meta[field] = value[:MAX_FIELD_LENGTH]
                problem(
                    f"{field.capitalize()}: is longer than {MAX_FIELD_LENGTH} "
                    "characters; it is cut there",
                    field,
                    COSTLY_COMMENT,
                )
        if was_cut:
            problem(
                f"the comment is longer than COMMENTS_MAX_LENGTH "
                f"({self.max_length:,} characters); it is shown cut there, "
                "marked […]",
                rule=COSTLY_COMMENT,
            )
        if rendered.literal_blocks:
            problem(
                f"{rendered.literal_blocks} paragraph(s) hold more markup than "
                "Markdown reads in reasonable time (or nest too deeply); they "
                "are shown as plain text",
                rule=COSTLY_COMMENT,
            )

        for field in sorted(hidden_fields):
            meta.pop(field, None)
            if field in ("author", "date"):  # required: the comment goes too
                problem(
                    f"{field.capitalize()}: holds a private marker, so it is "
                    "hidden and the comment is left out",
                    field,
                )

        for field in meta:
            if field not in FIELDS:
                problem(
                    f"unknown field {field!r}; a comment has {', '.join(FIELDS)}", field
                )
        author = plain_text(meta.get("author", ""))
        if not meta.get("author") and "author" not in hidden_fields:
            problem("comment without an Author: line; it is left out", "author")
        elif "author" in meta and draws_nothing(author):  # a name no one sees
            problem(
                f"Author: {meta['author']!r} shows nothing (spaces or invisible "
                "characters alone); it is left out",
                "author",
            )
        date = None
        if not meta.get("date"):
            if "date" not in hidden_fields:
                problem("comment without a Date: line; it is left out", "date")
        else:
            try:
                with zone_names_refused():
                    date = set_date_tzinfo(get_date(meta["date"]), self.timezone)
            except (
                ValueError,
                OverflowError,
            ) as error:  # dateutil overflows on huge years
                advice = (
                    str(error)
                    if isinstance(error, ZoneNameError)
                    else "write YYYY-MM-DD HH:MM"
                )
                problem(
                    f"Date: {meta['date']!r} is not a date; {advice}. "
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
        text = plain_text(html)
        has_text = not draws_nothing(text)  # shows_text, its text kept
        if not has_text:  # "N thoughts" counted it; its feed entry was a dead link
            problem(
                "the comment shows no text (its body is empty, or only markup "
                "or private notes the page leaves out); it is left out"
            )
        if draws_nothing(author) or date is None or not has_text:
            return None, problems
        return (
            Comment(
                id=path.stem,
                post_slug=path.parent.name,
                author=author,
                date=date,
                html=html,
                text=text,
                website=website,
                reply_to=meta.get("reply-to") or None,
                path=str(path),
            ),
            problems,
        )

    def read_mention(self, path: Path) -> tuple[Comment | None, list[Finding]]:
        """A Webmention file; a bad one is reported and left out, and a field
        it cannot show is reported and the mention shown without it."""
        try:
            entry = load_mention_entry(path)
            comment = mention_from_entry(
                entry, path.stem, path.parent.name, self.timezone, str(path)
            )
        except OSError as error:
            return None, [Finding(BAD_COMMENT, f"cannot read: {error}", str(path))]
        except MentionProblem as problem:
            return None, [Finding(BAD_COMMENT, f"mention: {problem}", str(path))]
        return comment, [
            Finding(BAD_COMMENT, f"mention: {said}", str(path))
            for said in fields_shown_without(entry)
        ]

    def _clean(self, text: str, path: str) -> tuple[str, list[Finding]]:
        """The text without control characters, and what was found.

        Comments are pasted in from elsewhere, so privacy errs further
        towards hiding than in posts: a marker counts even inside fenced
        code. Private text itself is hidden as Markdown reads the comment
        (``_split``, and the renderer for the body).
        """
        clean = remove_control_characters(text.split("\n"), path)
        lines = clean.lines
        found = [
            *clean.findings,
            *indented_fields("\n".join(lines), path),
            *misspelt_private_markers(lines, path),
        ]
        return "\n".join(lines), found

    def _split(self, text: str) -> tuple[str, dict[str, str], set[str]]:
        """The body, the header fields, by Markdown's own preprocessors, and
        the fields withheld for holding a private marker."""
        header = self._header
        header.reset()
        lines = header.preprocessors["normalize_whitespace"].run(text.split("\n"))
        body = "\n".join(header.preprocessors["meta"].run(lines))
        withheld = withhold_raw(header.Meta, (private_field,))
        meta = {key: " ".join(value).strip() for key, value in header.Meta.items()}
        return body, meta, {found.field for found in withheld}


def read_start(path: Path, max_length: int) -> tuple[str, bool]:
    """The file's text, or as much of it as a comment of ``max_length``
    characters can need (a file of any size costs no more than that to
    read); and whether the end was left unread.

    Room is left for the header and for four bytes a character; a
    character cut in two at the end is left out, an invalid byte anywhere
    else is an error, as for the whole file.
    """
    limit = 4 * max_length + _HEADER_ROOM
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) <= limit:
        return data.decode("utf-8-sig"), False
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    return decoder.decode(data[:limit], final=False), True


def _comment_files(folder: Path) -> Iterator[Path]:
    """Comment files (``.md``) and Webmention files (``.json``)."""
    if folder.is_dir():
        # A folder named as a comment file (``x.md/``) is sourceguard's
        # ``folder-named-as-file``: it was also read as a file, a second
        # warning saying it was no UTF-8 text.
        found = [*folder.glob("*/*.md"), *folder.glob("*/*.json")]
        yield from sorted(path for path in found if not path.is_dir())


#: Other spellings of the two extensions comment files have: Markdown's
#: (as Pelican's Markdown reader takes them) and any case of either.
_MISSPELT_SUFFIXES = frozenset({".md", ".json", ".markdown", ".mkd", ".mdown", ".mkdn"})


def unread_comment_files(folder: Path) -> list[Path]:
    """Files in a post's comment folder that are comments but for their
    name's spelling (``x.markdown``, ``x.MD``, ``x.Json``): each was left
    out without a word. Other files (a ``notes.txt``) are not comments."""
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.glob("*/*")
        if path.suffix.lower() in _MISSPELT_SUFFIXES
        and path.suffix not in (".md", ".json")
        and path.is_file()
        and not is_litter(path.name)
    )


def files_where_folders_belong(folder: Path) -> list[tuple[Path, str]]:
    """A file where the comments' folder, or a post's comment folder, should
    be (``comments`` or ``comments/<post-slug>`` written as a file): nothing
    in it was read, without a word. Loose ``.md`` and ``.json`` files are
    ``misplaced_comment_files``'; hidden files and litter are no one's."""
    if folder.is_file():
        return [
            (
                folder,
                "is a file; comments are read from a folder of this name "
                "(COMMENTS_PATH), so none is read",
            )
        ]
    if not folder.is_dir():
        return []
    return [
        (
            path,
            "is a file; a post's comments go in a folder named after its slug "
            "(comments/<post-slug>/<id>.md), so nothing in it is read",
        )
        for path in sorted(folder.iterdir())
        if path.is_file()
        and path.suffix not in (".md", ".json")
        and not is_litter(path.name)
    ]


def misplaced_comment_files(folder: Path) -> list[Path]:
    """Markdown files under ``folder`` that are not one folder deep.

    A comment file in a subfolder (or loose in ``folder``) belongs to no
    post; it is reported rather than ignored without a word.
    """
    if not folder.is_dir():
        return []
    return sorted(
        path
        for pattern in ("*.md", "*.json")
        for path in folder.rglob(pattern)
        if len(path.relative_to(folder).parts) != 2
    )
