"""Every rule the comments plugin checks comment files against, with its
level in each kind of build (``sitekit.rules``); ``COMMENTS_STRICT`` (set by
publishconf.py) puts them at their publish level."""

from __future__ import annotations

from sitekit.rules import Rule, declare_rules

RULES: tuple[Rule, ...] = declare_rules(
    Rule(
        "bad-comment",
        "a comment file that is incomplete or points nowhere (it is left out, "
        "or shown without what is wrong)",
        "warning",
        "error",
    ),
    Rule(
        "costly-comment",
        "a comment cut at COMMENTS_MAX_LENGTH, or with paragraphs shown as plain "
        "text because Markdown would read them too slowly (it is shown)",
        "warning",
        "warning",
    ),
    Rule(
        "comment-before-post",
        "a comment dated before the post it is on, or a reply dated before the "
        "comment it answers, as a year typed wrong would be (it is shown as "
        "written)",
        "warning",
        "warning",
    ),
    Rule(
        "shared-slug",
        "two or more posts with one slug: comments go to one of them, named "
        "with all the others in one warning",
        "warning",
        "warning",
    ),
    Rule(
        "comment-feed-name-too-long",
        "a post's comment feed whose file name (`COMMENT_FEED_ATOM` made of "
        "the post's slug) is longer than a file system holds",
        "error",
        "error",
    ),
)
(
    BAD_COMMENT,
    COSTLY_COMMENT,
    COMMENT_BEFORE_POST,
    SHARED_SLUG,
    COMMENT_FEED_NAME_TOO_LONG,
) = (rule.name for rule in RULES)
