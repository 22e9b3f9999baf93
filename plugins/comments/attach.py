"""Give every post its comment thread, before anything is written.

Runs when Pelican has read the articles, so the reflection index (which
quotes readers' answers) and every template see the threads.
"""

from __future__ import annotations

from itertools import chain
from pathlib import Path
from typing import Any
from urllib.parse import quote

from reflections.errors import Diagnostic, report_diagnostics
from reflections.model import Answer

from .model import CommentThread
from .parse import CommentError, CommentReader
from .thread import build_thread


def attach_comments(generator: Any) -> None:
    settings = generator.settings
    strict = settings["COMMENTS_STRICT"]
    reader = CommentReader(settings.get("TIMEZONE"), strict)
    folder = Path(settings["PATH"]) / settings["COMMENTS_PATH"]
    comments, diagnostics = reader.read_folder(folder)

    articles = {
        article.slug: article
        for article in chain(
            generator.articles, generator.hidden_articles, generator.drafts
        )
    }
    by_post: dict[str, list] = {}
    for comment in comments:
        if comment.post_slug in articles:
            by_post.setdefault(comment.post_slug, []).append(comment)
        else:
            diagnostics.append(
                Diagnostic(
                    reader.level,
                    f"comment for a post that does not exist: no post has the slug "
                    f"{comment.post_slug!r}",
                    comment.path,
                )
            )
    recent = settings["COMMENTS_RECENT_ANSWERS"]
    for slug, article in articles.items():
        thread, found = build_thread(
            article.title,
            by_post.get(slug, ()),
            settings["COMMENTS_MAX_DEPTH"],
            reader.level,
        )
        diagnostics += found
        _annotate(article, thread, settings, recent)
    report_diagnostics(diagnostics, CommentError, "comment")


def _annotate(article: Any, thread: CommentThread, settings: dict, recent: int) -> None:
    article.comment_thread = thread
    article.answer_count = thread.count
    article.answers = tuple(
        Answer(c.author, c.date, f"{article.url}#{c.anchor}", c.text)
        for c in thread.newest[:recent]
    )
    email = settings.get("COMMENTS_EMAIL")
    article.reply_by_email = (
        f"mailto:{email}?subject={quote('Re: ' + article.title)}" if email else None
    )
