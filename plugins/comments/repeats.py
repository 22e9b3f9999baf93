"""One comment where two files hold it: the first read is kept, and each
repeat is a ``bad-comment`` finding naming both files.

Two kinds of repeat: two files of one id under a post (``x.md`` and
``x.json``), and two Webmentions of one source under a post. A receiver
keeps one mention per source and target (the Webmention spec: a mention
sent again updates the one it has), but two exports of it, or two
receivers, give one mention two files, and the page counted one person's
one like as "2 likes".
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from sitekit.rules import Finding

from .model import Comment
from .rules import BAD_COMMENT


def first_of_each(
    comments: list[Comment],
    key: Callable[[Comment], Hashable | None],
    said: Callable[[Comment, Comment], str],
) -> tuple[list[Comment], list[Finding]]:
    """The comments less any whose ``key`` an earlier one has (a key of
    None is never a repeat); each repeat is a finding at its file, saying
    ``said(repeat, first)``."""
    first: dict[Hashable, Comment] = {}
    kept: list[Comment] = []
    findings: list[Finding] = []
    for comment in comments:
        found = key(comment)
        earlier = comment if found is None else first.setdefault(found, comment)
        if earlier is comment:
            kept.append(comment)
        else:
            findings.append(Finding(BAD_COMMENT, said(comment, earlier), comment.path))
    return kept, findings


def first_of_each_id(comments: list[Comment]) -> tuple[list[Comment], list[Finding]]:
    """The comments less any whose post already has a comment of its id.

    A comment's id is its file's name less ``.md`` or ``.json``, so
    ``x.md`` and ``x.json`` share one: both were threaded, each ``Reply-To:
    x`` found under whichever came last, and a loop of replies through one
    of them went unseen and walked for ever.
    """
    return first_of_each(
        comments,
        lambda comment: (comment.post_slug, comment.id),
        lambda comment, earlier: (
            f"has the comment id {comment.id!r} of {earlier.path}, read "
            "first and kept (a comment's id is its file name less .md or "
            ".json, one per post); rename one, this one is left out"
        ),
    )


def first_of_each_source(
    comments: list[Comment],
) -> tuple[list[Comment], list[Finding]]:
    """The comments less any Webmention whose post already has one from its
    ``wm-source``, whatever its kind (a mention sent again as a reply is
    still one mention)."""
    return first_of_each(
        comments,
        lambda comment: (comment.post_slug, comment.source) if comment.source else None,
        lambda comment, earlier: (
            f"mention: repeats {earlier.path}, read first and kept: both are "
            f"the Webmention from {comment.source} (a receiver keeps one per "
            "source and post); delete this one, it is left out"
        ),
    )
