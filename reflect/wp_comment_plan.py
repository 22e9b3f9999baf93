"""Which comments of a post `reflect import-wordpress` writes, and as what.

Every approved comment is written, each under a file name of its own, its
replies threaded by WordPress's own ids; what is left out (spam, pingbacks,
a comment a published build would refuse) is counted for the summary.
What a comment file may say is wp_comments.py's.
"""

from __future__ import annotations

from .file_names import MAX_PART_NAME_BYTES, fitting_slug
from .site import Site
from .wordpress import WpComment, WpExport, WpItem
from .wp_comments import holds_private_marker, replies_without_loops, shows_no_text
from .wp_fields import comment_file
from .wp_plan import FirstComment, ImportPlan, own_name


def leave_out_comments(plan: ImportPlan, item: WpItem, where: str) -> None:
    """Count the comments of an item whose comments are not imported: they
    went without a word in the summary."""
    if item.comments:
        plan.leave_out(f"comment(s) on {where}", len(item.comments))


def plan_comments(
    item: WpItem,
    post_slug: str,
    site: Site,
    plan: ImportPlan,
    slugify,
    export: WpExport,
    comment_posts: dict[str, FirstComment],
) -> None:
    """Every approved comment, each with a file name of its own.

    Comment ids become file names through slugify, which can make two ids
    alike ("1/2" and "12"): the later one gets a suffix, and replies follow
    WordPress's own ids, so none is lost and none answers itself.

    An id given twice under this post is one comment given twice: the first
    is imported. An id a comment under another post has (``comment_posts``,
    every id imported so far) is another comment: WordPress keeps a comment
    under one post, and a reply answers a comment of its own post, so each
    is imported under its post with its replies, and the summary names it.
    """
    kept: dict[str, str] = {}  # WordPress comment id -> our comment id
    kept_lines: dict[str, int | None] = {}  # WordPress comment id -> its line
    used: set[str] = set()
    comments: list[tuple[WpComment, str]] = []  # with our comment id
    for comment in sorted(item.comments, key=lambda c: (c.date, c.id)):
        if comment.kind != "comment":
            plan.leave_out(f"{comment.kind}(s)")
        elif not comment.approved:
            plan.leave_out("spam or unapproved comment(s)")
        elif holds_private_marker(comment.author):
            plan.leave_out(
                "comment(s) whose commenter's name holds a private marker, "
                "which would hide them"
            )
        elif shows_no_text(comment):
            plan.leave_out("comment(s) that would show no text")
        elif comment.id and comment.id in kept:  # only an id given can repeat
            plan.repeat(
                export,
                comment.line,
                f"a comment by {comment.author or 'Anonymous'!r} repeats "
                f"wp:comment_id {comment.id} of the comment on line "
                f"{kept_lines[comment.id]}; left out, the first imported",
            )
        else:
            author = fitting_slug(slugify(comment.author), MAX_PART_NAME_BYTES)
            author = author or "reader"
            number = fitting_slug(slugify(comment.id), MAX_PART_NAME_BYTES)
            number = number or "comment"
            own_id = own_name(f"{comment.date:%Y-%m-%d}-{author}-{number}", used)
            comments.append((comment, own_id))
            # A comment without a wp:comment_id is no repeat of another
            # without one (each was dropped after the first), and no reply
            # names it.
            if comment.id:
                kept[comment.id] = own_id
                kept_lines[comment.id] = comment.line
                post = item.title or post_slug
                first = comment_posts.get(comment.id)
                if first is None:
                    comment_posts[comment.id] = FirstComment(comment.line, post)
                else:
                    file = site.comments / post_slug / f"{own_id}.md"
                    plan.share_id(export, comment, post, first, file)
    replies = replies_without_loops(
        {
            own_id: kept.get(comment.parent) if comment.parent else None
            for comment, own_id in comments
        }
    )
    # WordPress shows such a reply as a new comment, and so does the site.
    plan.orphan_replies += sum(
        1 for comment, _ in comments if comment.parent and comment.parent not in kept
    )
    for comment, own_id in comments:
        path = site.comments / post_slug / f"{own_id}.md"
        if not comment.dated:
            plan.undated_comments.append(path)
        plan.add(path, "comment", comment_file(comment, replies[own_id]))
