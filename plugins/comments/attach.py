"""Give every post its comment thread, before anything is written.

``comments_stage`` is the plugin's content stage: the build runs it when
Pelican has read the articles, so the reflection index (which quotes
readers' answers) and every template see the threads, and ``reflect`` runs
it on the same files.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from pelican.cache import FileStampDataCacher

from sitekit.diagnostics import Diagnostic, display_path, report_diagnostics
from sitekit.rules import Finding, report_findings
from sitekit.sourcepaths import LinkRule
from sitekit.text import as_text

from .feedpaths import overlong_comment_feeds
from .mentions import MentionTarget, site_origins
from .model import Answer, Comment, CommentThread
from .order import before
from .parse import CommentError, CommentReader
from .repeats import first_of_each_source
from .rules import BAD_COMMENT, SHARED_SLUG
from .thread import threads_by_post


def attach_comments(generator: Any) -> None:
    findings = comments_stage(generator.context)
    strict = generator.settings["COMMENTS_STRICT"]
    report_findings(findings, strict, CommentError, "comment")
    report_diagnostics(
        overlong_comment_feeds(generator.context), CommentError, "comment feed"
    )


def comments_content_stage(context: dict[str, Any]) -> list[Finding | Diagnostic]:
    """The plugin's content stage, as ``reflect`` runs it: every comment
    read and threaded, and every comment feed measured."""
    return [*comments_stage(context), *overlong_comment_feeds(context)]


def comments_stage(context: dict[str, Any]) -> list[Finding]:
    """Read and thread every comment file; give every article of a Pelican
    context (the settings, ``articles``, ``drafts``...) its thread."""
    settings = context
    reader = CommentReader(
        settings.get("TIMEZONE"),
        LinkRule.from_settings(settings),
        settings["COMMENTS_MAX_LENGTH"],
    )
    folder = Path(settings["PATH"]) / settings["COMMENTS_PATH"]
    cache = FileStampDataCacher(
        settings,
        "CommentReader",
        settings["CACHE_CONTENT"],
        settings["LOAD_CONTENT_CACHE"],
    )
    comments, findings = reader.read_folder(folder, cache)

    # Published posts win a shared slug: drafts and hidden posts go in first.
    every = list(
        chain(context["drafts"], context["hidden_articles"], context["articles"])
    )
    articles: dict[str, Any] = {}
    by_slug: dict[str, list[Any]] = {}
    for article in every:
        by_slug.setdefault(article.slug, []).append(article)
        articles[article.slug] = article
    translation_id = settings.get("ARTICLE_TRANSLATION_ID")
    for slug, posts in by_slug.items():
        clashing = [
            post
            for post in posts
            if any(
                other is not post and not _translations(post, other, translation_id)
                for other in posts
            )
        ]
        if clashing:
            kept = articles[slug]
            named = clashing if kept in clashing else [*clashing, kept]
            findings.append(_shared_slug(slug, named, kept))
    comments = aimed_at_their_post(
        comments,
        articles,
        findings,
        settings.get("SITEURL"),
        site_origins(settings.get("SITEURL"), settings["WEBMENTION_SITE_URLS"]),
        tuple(settings["WEBMENTION_FORMER_ARTICLE_URLS"]),
    )
    comments = [_dated_as_its_post(comment, articles) for comment in comments]
    # After the targets: a mention aimed at another post repeats none here.
    comments, repeated_sources = first_of_each_source(comments)
    findings += repeated_sources
    threads, found = threads_by_post(
        comments,
        {slug: article.title for slug, article in articles.items()},
        settings["COMMENTS_MAX_DEPTH"],
        {slug: author_names(article, settings) for slug, article in articles.items()},
    )
    findings += found
    for comment in comments:
        article = articles.get(comment.post_slug)
        if article is not None:
            findings += before(comment, getattr(article, "date", None), "the post")
    recent = settings["COMMENTS_RECENT_ANSWERS"]
    for article in every:
        # A post whose slug another post took has no comments of its own.
        thread = threads[article.slug] if articles[article.slug] is article else None
        _annotate(article, thread, settings, recent)
        for translation in article.translations:  # comments are the original's
            _annotate(translation, None, settings, recent)
    return findings


def _translations(one: Any, other: Any, translation_id: Any) -> bool:
    """Whether two posts of one slug are versions of one post in two
    languages (Pelican's ``ARTICLE_TRANSLATION_ID``, the slug unless set):
    a draft translation of a published post is kept apart from it by
    Pelican, but shares its slug by design, and its comments."""
    if not translation_id or getattr(one, "lang", None) == getattr(other, "lang", None):
        return False
    ids = (translation_id,) if isinstance(translation_id, str) else translation_id
    return all(getattr(one, name, None) == getattr(other, name, None) for name in ids)


def _dated_as_its_post(comment: Comment, articles: dict[str, Any]) -> Comment:
    """``comment`` showing its date in its post's format: a site that sets
    ``DEFAULT_DATE_FORMAT`` (or ``DATE_FORMATS`` for a language, or a
    post's ``date_format``) has the post's date and its comments' read
    alike."""
    article = articles.get(comment.post_slug)
    date_format = getattr(article, "date_format", None)
    if not isinstance(date_format, str) or date_format == comment.date_format:
        return comment
    return replace(comment, date_format=date_format)


def _shared_slug(slug: str, posts: list[Any], kept: Any) -> Finding:
    """One warning for every post with ``slug``, however many, at the first
    of those that get no comments. Named, since "the published one" said
    nothing when both are (two years' posts with one slug have two addresses
    and one folder)."""
    others = list(dict.fromkeys(post.source_path for post in posts if post is not kept))
    here, *rest = others
    where = f"comments in comments/{slug}/ go to that one"
    if not rest:
        return Finding(
            SHARED_SLUG,
            f"two posts have the slug {slug!r}, this one and "
            f"{display_path(kept.source_path)}; {where}, none to this one; "
            "give one of them another Slug",
            here,
        )
    named = ", ".join(display_path(path) for path in rest)
    return Finding(
        SHARED_SLUG,
        f"{len(rest) + 2} posts have the slug {slug!r}: this one, {named} and "
        f"{display_path(kept.source_path)}; {where}, none to the others; give "
        "all but one of them another Slug",
        here,
    )


def aimed_at_their_post(
    comments: list[Comment],
    articles: dict[str, Any],
    findings: list[Finding],
    site_url: str | None = None,
    site: frozenset[str] = frozenset(),
    former_urls: tuple[str, ...] = (),
) -> list[Comment]:
    """Leave out a Webmention whose wm-target is not the post whose folder
    it sits in: a mention is shown only under the post it mentions, on
    this site when SITEURL says which (``site_origins``), at its address
    or at one it had under a former ARTICLE_URL (``former_urls``: a
    mention sent before the change names the address of then)."""
    kept = []
    for comment in comments:
        article = articles.get(comment.post_slug)
        if comment.target is None or article is None:
            kept.append(comment)
            continue
        target = MentionTarget.from_address(comment.target)
        if not target.on_site(site):
            why = (
                f"is on another site than SITEURL {site_url!r} "
                "(WEBMENTION_SITE_URLS names the site's other addresses)"
            )
        elif not (
            any(target.names(url, site) for url in _addresses(article))
            or _names_a_former_address(target, article, former_urls, site_url)
        ):
            nor = " nor a translation of it" if _translations_of(article) else ""
            why = f"is not this post ({article.url}){nor}{_former_hint(former_urls)}"
        else:
            kept.append(comment)
            continue
        findings.append(
            Finding(
                BAD_COMMENT,
                f"mention: its wm-target {comment.target!r} {why}; left out",
                comment.path,
            )
        )
    return kept


def former_addresses(article: Any, patterns: tuple[str, ...]) -> list[str]:
    """The post's addresses under the former ARTICLE_URL ``patterns``,
    made as Pelican makes ``article.url`` (the pattern formatted with the
    post's ``url_format``); a pattern naming a field the post has no value
    for gives it no address."""
    addresses = []
    for pattern in patterns:
        try:
            addresses.append(pattern.format(**article.url_format))
        except (KeyError, IndexError, ValueError, AttributeError, TypeError):
            continue
    return addresses


def _former_hint(patterns: tuple[str, ...]) -> str:
    if patterns:
        return ", nor at its address under WEBMENTION_FORMER_ARTICLE_URLS"
    return (
        "; if ARTICLE_URL changed, name the former pattern in "
        "WEBMENTION_FORMER_ARTICLE_URLS"
    )


def _translations_of(article: Any) -> tuple[Any, ...]:
    return tuple(getattr(article, "translations", None) or ())


def _addresses(article: Any) -> list[str]:
    """The addresses a mention of ``article`` may name: its own, and its
    translations', whose comments are its own (a reader who links the
    French version joins the one conversation)."""
    return [version.url for version in (article, *_translations_of(article))]


def _names_a_former_address(
    target: MentionTarget,
    article: Any,
    former_urls: tuple[str, ...],
    site_url: str | None,
) -> bool:
    """Whether the target is the address ``article`` (or a translation)
    had under a former ARTICLE_URL: that path exactly, at the site's root
    or under SITEURL's path. Not any path ending so, as the post's own
    address may be taken: ``{slug}/`` ends ``tag/{slug}/`` too."""
    subpath = urlsplit(site_url or "").path.rstrip("/")
    wanted = {
        prefix + "/" + address.lstrip("/")
        for version in (article, *_translations_of(article))
        for address in former_addresses(version, former_urls)
        for prefix in {"", subpath}
    }
    return target.path in wanted


def author_names(article: Any, settings: dict) -> tuple[str, ...]:
    """The names the post's author signs comments with: the setting's, else
    the post's author (Pelican's AUTHOR unless the post names another)."""
    names = settings["COMMENTS_AUTHOR_NAMES"]
    if names is not None:
        return tuple(names)
    author = getattr(article, "author", None) or settings.get("AUTHOR")
    return (str(author),) if author else ()


def _annotate(
    article: Any, thread: CommentThread | None, settings: dict, recent: int
) -> None:
    article.comment_thread = thread
    article.answer_count = thread.count if thread is not None else 0
    article.answers = tuple(
        Answer(c.author, c.date, f"{article.url}#{c.anchor}", c.text)
        for c in (thread.newest[:recent] if thread is not None else ())
    )
    email = settings.get("COMMENTS_EMAIL")
    article.reply_by_email = (
        f"mailto:{email}?subject={quote('Re: ' + as_text(article.title))}"
        if email
        else None
    )
