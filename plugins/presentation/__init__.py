"""Presentation: what the theme shows that templates must not compute.

Reading time, the "About this conversation" box, the neighbouring
reflections, every page's head metadata, the home page's introduction, the
values microformats mark up, which way a language's text runs
(``languages``), dates with offsets every format can write
(``dates``), the stylesheet for highlighted code and the summary of a post
without one, in its own words (``summaries``), worked out in Python.
"""

from __future__ import annotations

import functools

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator

from sitekit.contents import every_article, every_content
from sitekit.declaration import Declaration, check_plugin_order
from sitekit.diagnostics import SiteError
from sitekit.outputpaths import output_file
from sitekit.rules import report_findings
from sitekit.selectedpages import is_selected
from sitekit.text import add_text_filter

from .codestyle import code_stylesheet, has_code
from .dates import whole_minute_dates
from .details import conversation_box, neighbours, reading_minutes, word_count
from .head import page_meta
from .home import MISSING_ABOUT_PAGE, about_page_stage, home_intro, missing_about_page
from .languages import (
    INVALID_LANG,
    add_listed_titles,
    direction,
    invalid_langs,
    isolated,
    own_words,
    site_words,
)
from .microformats import entry_dates, post_author_cards, site_author_card
from .settings import SETTINGS, check_settings
from .summaries import summary_from_body
from .typography import curl_title, smarty_config


def presentation_stage(context) -> list:
    """What ``reflect lint`` says of the plugin's input, as the build says
    it: ``HOME_ABOUT_PAGE``, and each ``Lang:`` that is no language tag."""
    return [*about_page_stage(context), *invalid_langs(context)]


PLUGIN = Declaration(
    "presentation",
    # The home page lists the index's recurring lessons; the page head names
    # each post's lessons and shows its preview image.
    needs=("reflections", "social"),
    settings=SETTINGS,
    rules=(MISSING_ABOUT_PAGE, INVALID_LANG),
    content_stage=presentation_stage,
)


def annotate_articles(generator) -> None:
    for article in every_article(generator):
        article.conversation = conversation_box(
            article.metadata, smarty_config(article.settings)
        )
        article.previous_reflection = article.next_reflection = None
        article.entry_dates = entry_dates(article)
    by_id = neighbours(generator.articles)
    for article in generator.articles:
        article.previous_reflection, article.next_reflection = by_id[id(article)]


def annotate_bodies(generators) -> None:
    """Reading time, whether a page needs code.css and a summary made
    from the body without its furniture (``summaries``), from its HTML.

    Once every generator has its context, so that a post's ``content``, its
    links to other posts and pages resolved, is the one its page shows.
    """
    context, settings = generators[0].context, generators[0].settings
    speed = settings["READING_SPEED"]
    for content in every_content(context):
        html = content.content
        content.has_code = has_code(html, settings)
        if "summary" not in content.metadata:
            made = summary_from_body(html, settings)
            if made is not None:
                content.metadata["summary"] = made
        if isinstance(content, Article):
            content.word_count = word_count(html)
            content.reading_time = reading_minutes(content.word_count, speed)


def write_code_stylesheet(generator, writer) -> None:
    """Write code.css once, after the articles; every file written says so."""
    settings = generator.settings
    if not is_selected(settings, settings["CODE_STYLESHEET_SAVE_AS"]):
        return  # make serve's first pass: only the pages open in a browser
    path = output_file(
        generator.output_path,
        settings["CODE_STYLESHEET_SAVE_AS"],
        what="CODE_STYLESHEET_SAVE_AS",
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        code_stylesheet(settings["CODE_STYLE_LIGHT"], settings["CODE_STYLE_DARK"]),
        encoding="utf-8",
    )
    signals.content_written.send(str(path), context=generator.context)


def add_home_intro(generators) -> None:
    """After every generator has its context: the intro needs the pages and
    the reflection index, which other generators make."""
    context = generators[0].context
    context["home_intro"] = home_intro(generators[0].settings, context)
    missing = missing_about_page(generators[0].settings, context)
    findings = [*([missing] if missing else []), *invalid_langs(context)]
    # The plugin has no strict setting: its rules are at their local level.
    report_findings(findings, False, SiteError, "setting")
    # A build without an absolute SITEURL: pages that show addresses to copy
    # (the feeds page) complete them in the browser.
    site_url = generators[0].settings.get("SITEURL") or ""
    context["local_preview"] = not site_url.startswith(("https://", "http://"))


def add_listing_titles(generators) -> None:
    """Each post's and page's title as listings show it, once all are read."""
    context = generators[0].context
    add_listed_titles(every_content(context), generators[0].settings["DEFAULT_LANG"])


def add_site_root_url(generators) -> None:
    """``site_root_url``: ``SITEURL`` as the settings give it, for a page
    served at addresses other than its own. A server answers every missing
    address with the 404 page, so its links must work from any depth; with
    ``RELATIVE_URLS`` Pelican hands each page a ``SITEURL`` relative to its
    own file ("." for ``404.html``), which breaks them below the top."""
    context = generators[0].context
    context["site_root_url"] = generators[0].settings.get("SITEURL") or ""


def add_author_cards(generators) -> None:
    """The site author's h-card (its URL is the About page, which the page
    generator reads after the articles), and each post's authors' cards."""
    settings = generators[0].settings
    context = generators[0].context
    card = site_author_card(settings, context.get("pages", ()))
    context["author_card"] = card
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            for article in every_article(generator):
                cards = post_author_cards(article, card, settings)
                article.author_cards = cards
                # A listing's h-entry inherits its h-feed's author, the
                # site author's: a card names only others' posts' authors.
                article.guest_author_cards = () if cards == (card,) else cards


def add_template_globals(generator) -> None:
    generator.env.globals["page_meta"] = page_meta
    generator.env.filters["direction"] = direction
    generator.env.filters["isolated"] = isolated
    generator.env.globals["site_words"] = functools.partial(
        site_words, generator.settings.get("DEFAULT_LANG")
    )
    generator.env.globals["own_words"] = functools.partial(
        own_words, generator.settings.get("DEFAULT_LANG")
    )
    add_text_filter(generator.env)


def register() -> None:
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(check_settings)
    signals.content_object_init.connect(curl_title)
    signals.content_object_init.connect(whole_minute_dates)
    signals.article_generator_finalized.connect(annotate_articles)
    signals.article_writer_finalized.connect(write_code_stylesheet)
    signals.all_generators_finalized.connect(annotate_bodies)
    signals.all_generators_finalized.connect(add_home_intro)
    signals.all_generators_finalized.connect(add_author_cards)
    signals.all_generators_finalized.connect(add_site_root_url)
    signals.all_generators_finalized.connect(add_listing_titles)
    signals.generator_init.connect(add_template_globals)
