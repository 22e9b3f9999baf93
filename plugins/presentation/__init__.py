"""Presentation: what the theme shows that templates must not compute.

Reading time, the "About this conversation" box, the neighbouring
reflections and every page's head metadata, worked out in Python.
"""

from __future__ import annotations

from pelican import signals

from sitekit.contents import every_article

from .details import conversation_box, neighbours, reading_minutes, word_count
from .head import page_meta
from .settings import check_settings


def annotate_articles(generator) -> None:
    speed = generator.settings["READING_SPEED"]
    for article in every_article(generator):
        article.word_count = word_count(article._content)
        article.reading_time = reading_minutes(article.word_count, speed)
        article.conversation = conversation_box(article.metadata)
        article.previous_reflection = article.next_reflection = None
    by_id = neighbours(generator.articles)
    for article in generator.articles:
        article.previous_reflection, article.next_reflection = by_id[id(article)]


def add_template_globals(generator) -> None:
    generator.env.globals["page_meta"] = page_meta


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(annotate_articles)
    signals.generator_init.connect(add_template_globals)
