"""What `reflect import-wordpress` will write, planned before any file is.

The import plans every file (``ImportPlan.add``) and counts everything it
leaves out or changes, so the summary can name it; only then does it
write (importer.py ``write_plan``). A planned file name is taken once
(``own_name``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sitekit.diagnostics import display_path

from .wordpress import WpComment, WpExport
from .wp_record import ImportRecord

#: What a planned file is.
Kind = Literal["post", "draft", "page", "comment", "image"]
DOCUMENT_KINDS = ("post", "draft", "page")  # what the import record keeps


@dataclass(frozen=True)
class PlannedFile:
    kind: Kind
    content: str | bytes
    # For a file an earlier import wrote and nobody has touched since: the
    # bytes it holds now, which it may replace only while it still holds them.
    replaces: bytes | None = None
    # For a post or page: its WordPress key (``post_key``), kept in the
    # record with the path it is at once the import has run.
    post: str = ""


@dataclass
class ImportPlan:
    files: dict[Path, PlannedFile] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=dict)
    hotlinked: list[str] = field(default_factory=list)  # image URLs left remote
    refused_images: dict[str, str] = field(default_factory=dict)  # url -> reason
    # Files imported earlier that still show remote images but were edited
    # since: never changed, named in the summary.
    edited: list[Path] = field(default_factory=list)
    # Published posts and pages with no date the export gives that could be
    # read: dated as the export was made, named in the summary.
    undated: list[Path] = field(default_factory=list)
    # Posts and pages WordPress showed only with a password: drafts here.
    protected: list[Path] = field(default_factory=list)
    # Posts and pages an earlier run wrote, that the writer has moved
    # since to another file, its slug kept: never written again.
    moved: list[tuple[Path, Path]] = field(default_factory=list)  # (was, is)
    # Replies to a comment not imported (spam, missing): new comments.
    orphan_replies: int = 0
    # Shortcodes of plugins, left as their text: name -> posts holding it.
    shortcodes: dict[str, int] = field(default_factory=dict)
    # For each post filed in more than one category: how many past the
    # first, which are kept as its tags.
    categories_as_tags: list[int] = field(default_factory=list)
    # Posts and pages whose title holds a private marker: titled by their
    # slug, the title their first paragraph, which the marker hides.
    hidden_titles: list[Path] = field(default_factory=list)
    # Comments with no date that could be read: dated as their post.
    undated_comments: list[Path] = field(default_factory=list)
    # Posts and pages whose converted body would have run something in a
    # reader's browser: imported as their plain text, named in the summary.
    made_plain: list[Path] = field(default_factory=list)
    made_plain_costly: list[Path] = field(default_factory=list)
    # Posts, pages and comments the export gives twice (one wp:post_id or
    # wp:comment_id): the first is imported, each repeat named here with its
    # line ("export.xml:40: ..."), never counted as another file.
    repeated: list[str] = field(default_factory=list)
    # Comments whose wp:comment_id a comment under another post has too: two
    # comments (WordPress keeps a comment under one post), each imported with
    # its own post and thread, named here with its line and file.
    shared_ids: list[str] = field(default_factory=list)
    # Links to a post or page this import publishes, by its address on the
    # old blog, pointed at its file (``wp_links``): how many, per file.
    links_rewritten: dict[Path, int] = field(default_factory=dict)
    record: ImportRecord | None = None

    def repeat(self, export: WpExport, line: int | None, what: str) -> None:
        where = f"{export.path or 'the export'}" + (f":{line}" if line else "")
        self.repeated.append(f"{where}: {what}")

    def share_id(
        self,
        export: WpExport,
        comment: WpComment,
        post: str,
        first: FirstComment,
        file: Path,
    ) -> None:
        where = f"{export.path or 'the export'}" + (
            f":{comment.line}" if comment.line else ""
        )
        self.shared_ids.append(
            f"{where}: a comment by {comment.author or 'Anonymous'!r} on {post!r} "
            f"has wp:comment_id {comment.id}, as the comment on line {first.line} "
            f"on {first.post!r} has; kept, as {display_path(str(file))}"
        )

    def leave_out(self, reason: str, count: int = 1) -> None:
        self.left_out[reason] = self.left_out.get(reason, 0) + count

    def add(
        self,
        path: Path,
        kind: Kind,
        content: str | bytes,
        replaces: bytes | None = None,
        post: str = "",
    ) -> None:
        if path in self.files:  # a bug, never a silent loss
            raise ValueError(f"two imported files would be {path}")
        self.files[path] = PlannedFile(kind, content, replaces, post)


@dataclass(frozen=True)
class FirstComment:
    """Where a wp:comment_id was first imported: its line, and its post."""

    line: int | None
    post: str


def own_name(name: str, used: set[str], taken=lambda candidate: False) -> str:
    """``name``, or ``name-2``, ``name-3``... when another file has it."""
    candidate, number = name, 1
    while candidate in used or taken(candidate):
        number += 1
        candidate = f"{name}-{number}"
    used.add(candidate)
    return candidate
