"""Give every post its comment thread, before anything is written.

Runs when Pelican has read the articles, so the reflection index (which
quotes readers' answers) and every template see the threads.
"""

from __future__ import annotations

from itertools import chain
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pelican.cache import FileStampDataCacher

from sitekit.diagnostics import Diagnostic, report_diagnostics
from sitekit.sourcepaths import LinkRule
from sitekit.text import as_text

from .mentions import MentionTarget
from .model import Answer, Comment, CommentThread
from .parse import CommentError, CommentReader
from .thread import threads_by_post


def attach_comments(generator: Any) -> None:
    settings = generator.settings
    strict = settings["COMMENTS_STRICT"]
    reader = CommentReader(
        settings.get("TIMEZONE"),
        strict,
        LinkRule.from_settings(settings),
        settings["COMMENTS_MAX_LENGTH"],
    )
    folder = Path(settings["PATH"]) / settings["COMMENTS_PATH"]
    cache = FileStampDataCacher(
        settings,
        f"CommentReader-{'strict' if strict else 'lenient'}",
        settings["CACHE_CONTENT"],
        settings["LOAD_CONTENT_CACHE"],
    )
    comments, diagnostics = reader.read_folder(folder, cache)

    # Published posts win a shared slug: drafts and hidden posts go in first.
    articles: dict[str, Any] = {}
    for article in chain(
        generator.drafts, generator.hidden_articles, generator.articles
    ):
        if article.slug in articles:
            diagnostics.append(
                Diagnostic(
                    "warning",
                    f"two posts have the slug {article.slug!r}; comments in "
                    f"comments/{article.slug}/ go to the published one",
                    article.source_path,
                )
            )
        articles[article.slug] = article
    comments = aimed_at_their_post(comments, articles, reader.level, diagnostics)
    threads, found = threads_by_post(
        comments,
        {slug: article.title for slug, article in articles.items()},
        settings["COMMENTS_MAX_DEPTH"],
        reader.level,
        {slug: author_names(article, settings) for slug, article in articles.items()},
    )
    diagnostics += found
    for slug, article in articles.items():
        _annotate(article, threads[slug], settings, settings["COMMENTS_RECENT_ANSWERS"])
    report_diagnostics(diagnostics, CommentError, "comment")


def aimed_at_their_post(
    comments: list[Comment],
    articles: dict[str, Any],
    level: str,
    diagnostics: list[Diagnostic],
) -> list[Comment]:
    """Leave out a Webmention whose wm-target is not the post whose folder
    it sits in: a mention is shown only under the post it mentions."""
    kept = []
    for comment in comments:
        article = articles.get(comment.post_slug)
        if (
            comment.target is not None
            and article is not None
            and not MentionTarget(comment.target).names(article.url)
        ):
            diagnostics.append(
                Diagnostic(
                    level,
                    f"mention: its wm-target {comment.target!r} is not this "
                    f"post ({article.url}); left out",
                    comment.path,
                )
            )
            continue
        kept.append(comment)
    return kept


def author_names(article: Any, settings: dict) -> tuple[str, ...]:
    """The names the post's author signs comments with: the setting's, else
    the post's author (Pelican's AUTHOR unless the post names another)."""
    names = settings["COMMENTS_AUTHOR_NAMES"]
    if names is not None:
        return tuple(names)
    author = getattr(article, "author", None) or settings.get("AUTHOR")
    return (str(author),) if author else ()


def _annotate(article: Any, thread: CommentThread, settings: dict, recent: int) -> None:
    article.comment_thread = thread
    article.answer_count = thread.count
    article.answers = tuple(
        Answer(c.author, c.date, f"{article.url}#{c.anchor}", c.text)
        for c in thread.newest[:recent]
    )
    email = settings.get("COMMENTS_EMAIL")
    article.reply_by_email = (
        f"mailto:{email}?subject={quote('Re: ' + as_text(article.title))}"
        if email
        else None
    )
