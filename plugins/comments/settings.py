"""Every setting of the comments plugin: its default, type and meaning."""

from __future__ import annotations

import string

from sitekit.settings import Setting, at_least, each_text, settings_checker

from .sanitize import safe_website

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "COMMENTS_PATH",
        "comments",
        (str,),
        "Folder of comment files, relative to PATH.",
    ),
    Setting(
        "COMMENTS_EMAIL",
        None,
        (str, type(None)),
        "Address for 'Reply by email'.",
    ),
    Setting(
        "COMMENTS_FORM_ACTION",
        None,
        (str, type(None)),
        "URL a comment form posts to.",
    ),
    Setting(
        "COMMENTS_MAX_DEPTH",
        5,
        (int,),
        "Deepest level of nested replies.",
        check=at_least(1),
    ),
    Setting(
        "COMMENTS_AUTHOR_NAMES",
        None,
        (list, tuple, type(None)),
        "Names the author comments under, to mark their replies; None means "
        "the post's author (AUTHOR unless the post names another).",
        check=each_text("names"),
    ),
    Setting(
        "COMMENTS_MAX_LENGTH",
        20_000,
        (int,),
        "Longest comment shown, in characters; a longer one is cut there, "
        "marked […], with a warning naming its file.",
        check=at_least(1),
    ),
    Setting(
        "COMMENTS_STRICT",
        False,
        (bool,),
        "Bad comment files stop the build.",
    ),
    Setting(
        "COMMENTS_RECENT_ANSWERS",
        2,
        (int,),
        "Answers quoted per question on the index.",
        check=at_least(0),
    ),
    Setting(
        "COMMENT_FEED_ATOM",
        None,
        (str, type(None)),
        "Comment feed per post.",
        needs_slug=True,
    ),
    Setting(
        "COMMENTS_FEED_ATOM",
        None,
        (str, type(None)),
        "Feed of every comment.",
    ),
)


def web_address(value: str) -> str | None:
    return None if safe_website(value) else "an http(s) address"


SETTINGS += (
    Setting(
        "WEBMENTION_ENDPOINT",
        None,
        (str, type(None)),
        "Webmention receiver's endpoint: every page links it with "
        'rel="webmention"; received mentions are imported with '
        "`reflect mentions import`.",
        check=web_address,
    ),
)


def web_addresses(value: list | tuple) -> str | None:
    if all(isinstance(item, str) and safe_website(item) for item in value):
        return None
    return "a list of http(s) addresses"


SETTINGS += (
    Setting(
        "WEBMENTION_SITE_URLS",
        (),
        (list, tuple),
        "The site's addresses other than SITEURL (a former domain): a "
        "Webmention aimed at one of them is this site's. With an absolute "
        "SITEURL, a mention aimed at any other site is left out.",
        check=web_addresses,
    ),
)


def url_patterns(value: list | tuple) -> str | None:
    """Each an ARTICLE_URL-style pattern: a path in the site, its fields in
    braces that Python's ``str.format`` reads."""
    for item in value:
        if not isinstance(item, str) or "://" in item or item.startswith("/"):
            break
        if "{slug}" not in item:  # without it, a tag's or a year's page
            break
        try:
            list(string.Formatter().parse(item))
        except ValueError:
            break
    else:
        return None
    return "a list of ARTICLE_URL patterns with {slug}, such as '{date:%Y}/{slug}/'"


SETTINGS += (
    Setting(
        "WEBMENTION_FORMER_ARTICLE_URLS",
        (),
        (list, tuple),
        'ARTICLE_URL patterns the site used before ("{date:%Y}/{slug}/"): '
        "a Webmention aimed at a post's address under one of them is that "
        "post's, in the build and in `reflect mentions import`.",
        check=url_patterns,
    ),
)

check_settings = settings_checker(SETTINGS)
