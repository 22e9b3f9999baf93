"""Fastbuild: an optional plugin that makes a build use every core.

It changes how the site is built, never what is built: take it out of
``PLUGINS`` and every output byte is the same (a test holds it to that).
Posts are converted by forked workers while Pelican reads them
(``prefetch``), and article pages are rendered by forked workers
(``writer``), and plugins' independent work handed out through
``sitekit.work`` (preview images) is shared among workers (``workmap``).
The generators' template environments share what Jinja compiled
(``templatecode``), and each Markdown reader keeps one Python-Markdown
object, reset between posts (``markdownreuse``), and each post's URL
settings are worked out again only when what they are made from changed
(``urlmemo``).
This is the only plugin that touches Pelican's private
internals; each place says which Pelican version it targets and why no
public API serves, and the plugin refuses a Pelican it was not tested with
(``compat``).
"""

from __future__ import annotations

from pelican import signals

from sitekit.declaration import Declaration, check_plugin_order
from sitekit.diagnostics import SiteError, log_and_raise

from . import markdownreuse, prefetch, templatecode, urlmemo, workmap
from .compat import check_pelican_version
from .settings import SETTINGS, check_settings
from .writer import ParallelArticleWriter, flush_article_pages

PLUGIN = Declaration("fastbuild", settings=SETTINGS)


def check_build(pelican) -> None:
    try:
        check_pelican_version()
    except SiteError as error:
        raise log_and_raise(error) from None
    check_settings(pelican)
    workmap.install(pelican)


def add_writer(pelican):
    return ParallelArticleWriter


def register() -> None:
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(check_build)
    signals.initialized.connect(templatecode.share_template_code)
    signals.initialized.connect(urlmemo.start)
    # After every other plugin's readers_init: the reader it wraps is the
    # site's own, whichever plugin registered it. The kept Markdown first:
    # prefetch's workers run the class it makes.
    signals.readers_init.connect(markdownreuse.wrap_readers)
    signals.readers_init.connect(prefetch.wrap_readers)
    signals.article_generator_init.connect(prefetch.start)
    signals.article_generator_finalized.connect(prefetch.stop)
    signals.get_writer.connect(add_writer)
    signals.article_writer_finalized.connect(flush_article_pages)
    signals.finalized.connect(workmap.remove)
    signals.finalized.connect(urlmemo.stop)
