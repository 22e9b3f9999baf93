"""Threading: replies nested under the comment they answer.

Nesting stops at ``max_depth``; a reply to a comment at the deepest level is
shown at that level, right after the comment it answers. A ``Reply-To`` that
names no comment (or a loop of replies) is reported and shown at the top.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping

from sitekit.rules import Finding
from sitekit.sourcelines import field_line

from .model import Comment, CommentNode, CommentThread, MentionGroup
from .order import before
from .rules import BAD_COMMENT

#: The order mention groups are shown in.
MENTION_KINDS = ("like", "repost", "mention")


def name_key(name: str) -> str:
    """A name as compared: case, spacing and how its letters are encoded
    (``é`` or ``e`` and a combining accent, as the desk compares people) do
    not matter."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


def meant_id(written: str, ids: Iterable[str]) -> str | None:
    """The one comment id a ``Reply-To`` that names none was plainly meant
    for: the file's name (``2025-09-15-tom.md``), the permalink's anchor
    (``comment-2025-09-15-tom``, ``…/#comment-…``) or another case."""
    text = written.strip().rsplit("#", 1)[-1]
    for prefix in ("comment-",):
        text = text.removeprefix(prefix)
    for suffix in (".md", ".json"):
        text = text.removesuffix(suffix)
    found = [known for known in ids if known.casefold() == text.casefold()]
    return found[0] if len(found) == 1 else None


def by_post_author(comment: Comment, authors: set[str]) -> bool:
    """Whether a comment is the post author's own (``authors`` as
    ``name_key`` gives them): a comment file signed with one of their
    names. A Webmention's name is whatever its sender's h-card says, so a
    stranger calling themselves by the author's name wore the author's
    badge (and the desk took their question as answered): never theirs."""
    return comment.kind == "comment" and name_key(comment.author) in authors


def _reply_to_line(path: str | None) -> int | None:
    if not path or not path.endswith(".md"):
        return None
    return field_line(path, "reply-to")


def build_thread(
    title: str,
    comments: Iterable[Comment],
    max_depth: int = 5,
    author_names: Iterable[str] = (),
) -> tuple[CommentThread, list[Finding]]:
    """The post's comments as nested nodes; a comment whose author is one of
    ``author_names`` is marked as the post author's own."""
    authors = {name_key(name) for name in author_names}
    everything = sorted(comments, key=lambda comment: (comment.date, comment.id))
    comments = [comment for comment in everything if comment.is_reply]
    groups = tuple(
        MentionGroup(kind, mentions)
        for kind in MENTION_KINDS
        if (mentions := tuple(c for c in everything if c.kind == kind))
    )
    by_id = {comment.id: comment for comment in comments}
    looped = loop_members({comment.id: comment.reply_to for comment in comments})
    findings: list[Finding] = []
    children: dict[str | None, list[Comment]] = defaultdict(list)
    for comment in comments:
        parent = comment.reply_to
        if parent is not None and parent not in by_id:
            meant = meant_id(parent, by_id)
            findings.append(
                Finding(
                    BAD_COMMENT,
                    f"Reply-To: {parent!r} names no comment on this post; "
                    "shown as a new comment"
                    + (
                        f"; did you mean {meant!r}? (an id is the comment "
                        "file's name without .md)"
                        if meant
                        else ""
                    ),
                    comment.path,
                    _reply_to_line(comment.path),
                )
            )
            parent = None
        elif parent is not None and comment.id not in looped:
            findings += before(comment, by_id[parent].date, "the comment it answers")
        elif comment.id in looped:
            findings.append(
                Finding(
                    BAD_COMMENT,
                    f"Reply-To: {parent!r} makes a loop of replies; "
                    "shown as a new comment",
                    comment.path,
                )
            )
            parent = None
        children[parent].append(comment)

    roots: list[CommentNode] = []
    # Depth first, each reply right after what it answers, with a stack of
    # its own: a chain of replies (an imported thread, say) can be longer
    # than Python's stack is deep. Each comment is placed once, where it is
    # first reached: whatever the ids (the reader keeps one comment per id,
    # but a caller may not), the walk never comes round again.
    placed: set[int] = set()  # id() of each comment placed
    waiting = [(comment, 1, roots) for comment in reversed(children[None])]
    while waiting:
        comment, depth, siblings = waiting.pop()
        if id(comment) in placed:
            continue
        placed.add(id(comment))
        node = CommentNode(comment, min(depth, max_depth))
        node.by_post_author = by_post_author(comment, authors)
        siblings.append(node)
        nested = node.replies if depth < max_depth else siblings
        for reply in reversed(children.get(comment.id, ())):
            waiting.append((reply, depth + 1, nested))
    newest = tuple(sorted(comments, key=lambda c: (c.date, c.id), reverse=True))
    thread = CommentThread(title, tuple(roots), len(comments), newest, groups)
    return thread, findings


def loop_members(reply_to: Mapping[str, str | None]) -> set[str]:
    """The comments on a loop of replies: those that following ``Reply-To``
    (comment id -> the id it answers, or None) leads back to. A comment that
    answers a loop's member leads into the loop, not back to itself, and
    is not on it.

    One walk up from each comment not yet reached, each walk stopping at a
    comment an earlier one reached: every comment's ``Reply-To`` is looked
    up once, however long the chain. Walking up to the top from every
    comment took a look-up per comment above it, which is quadratic on a
    chain of replies (an imported thread of thousands).
    """
    walk_of: dict[str, int] = {}  # comment id -> the walk that reached it
    members: set[str] = set()
    for walk, start in enumerate(reply_to):
        path: list[str] = []
        current: str | None = start
        while current is not None and current not in walk_of and current in reply_to:
            walk_of[current] = walk
            path.append(current)
            current = reply_to[current]
        if current is not None and walk_of.get(current) == walk:
            members.update(path[path.index(current) :])  # back on this walk
    return members


def threads_by_post(
    comments: Iterable[Comment],
    titles: dict[str, str],
    max_depth: int = 5,
    author_names: dict[str, Iterable[str]] | None = None,
) -> tuple[dict[str, CommentThread], list[Finding]]:
    """One thread per post (by slug), empty ones included.

    ``titles`` maps each post's slug to its title; a comment whose folder
    names no post is reported and left out. ``author_names`` maps a slug to
    the names its author comments under.
    """
    author_names = author_names or {}
    by_post: dict[str, list[Comment]] = defaultdict(list)
    findings: list[Finding] = []
    for comment in comments:
        if comment.post_slug in titles:
            by_post[comment.post_slug].append(comment)
        else:
            findings.append(
                Finding(
                    BAD_COMMENT,
                    "comment for a post that does not exist: no post has the slug "
                    f"{comment.post_slug!r}",
                    comment.path,
                )
            )
    threads = {}
    for slug, title in titles.items():
        threads[slug], found = build_thread(
            title, by_post[slug], max_depth, author_names.get(slug, ())
        )
        findings += found
    return threads, findings
