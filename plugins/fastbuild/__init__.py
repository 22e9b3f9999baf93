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
(``urlmemo``), and dates written the usual way are read without dateutil
(``dates``), and Python-Markdown tries an inline pattern only on text
that holds what it needs (``inlinegate``).
This is the only plugin that touches Pelican's private
internals; each place says which Pelican version it targets and why no
public API serves, and the plugin refuses a Pelican it was not tested with
(``compat``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pelican import signals

from sitekit.declaration import Declaration, check_plugin_order
from sitekit.diagnostics import SiteError, log_and_raise
from sitekit.selectedpages import writes_only_selected

from . import (
    dates,
    inlinegate,
    markdownreuse,
    prefetch,
    templatecode,
    urlmemo,
    workmap,
)
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
    """Pelican uses one writer: in a build that writes only selected pages
    (``make serve``'s first pass), the openpages plugin's, with nothing to
    share among workers."""
    if writes_only_selected(pelican.settings):
        return None
    return ParallelArticleWriter


def in_this_build(settings: dict) -> bool:
    """Whether fastbuild is in the running build's ``PLUGINS`` (Pelican
    names each plugin by its module once it is registered)."""
    return any(
        name == __name__ or str(name).endswith(f".{__name__}")
        for name in settings.get("PLUGINS") or ()
    )


def skip_inline_patterns(pelican) -> None:
    """``initialized``, in every build: Python-Markdown skips inline
    patterns that cannot match in a build with fastbuild, and runs its own
    loop in any other."""
    inlinegate.start(pelican, wanted=in_this_build(pelican.settings))


_only_with_fastbuild: dict[Callable, Callable] = {}


def only_with_fastbuild(receiver: Callable) -> Callable:
    """``receiver``, run only in a build with fastbuild in ``PLUGINS``.

    Pelican connects a plugin's receivers to its signals for the life of
    the process: a later build in the same process without fastbuild (a
    test comparing the two, ``reflect``) would still get them. Each guard is
    made once (and kept here: signals hold their receivers weakly), so that
    registering again connects the same one."""
    guarded = _only_with_fastbuild.get(receiver)
    if guarded is None:

        def guarded(sender: Any, **kwargs: Any) -> Any:
            if in_this_build(sender.settings):
                return receiver(sender, **kwargs)
            return None

        guarded.__name__ = getattr(receiver, "__name__", "receiver")
        _only_with_fastbuild[receiver] = guarded
    return guarded


def stop_what_a_failed_build_left(*_: Any) -> None:
    """Every build, fastbuild in it or not: a build that failed reached
    neither ``finalized`` nor ``article_generator_finalized``, so the
    workers it started (pools of work started ahead, posts read ahead) may
    still run in this process (``make serve``): stopped before this build
    starts its own, so they take no CPU from it and hold none of its
    files or pipes open."""
    prefetch.stop()
    workmap.remove()


def register() -> None:
    signals.initialized.connect(stop_what_a_failed_build_left)
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(only_with_fastbuild(check_build))
    signals.initialized.connect(only_with_fastbuild(templatecode.share_template_code))
    signals.initialized.connect(only_with_fastbuild(urlmemo.start))
    signals.initialized.connect(only_with_fastbuild(dates.start))
    # Every build, fastbuild in it or not: a build that failed never
    # reached finalized to put Python-Markdown's loop back.
    signals.initialized.connect(skip_inline_patterns)
    # After every other plugin's readers_init: the reader it wraps is the
    # site's own, whichever plugin registered it. The kept Markdown first:
    # prefetch's workers run the class it makes.
    signals.readers_init.connect(only_with_fastbuild(markdownreuse.wrap_readers))
    signals.readers_init.connect(only_with_fastbuild(prefetch.wrap_readers))
    signals.article_generator_init.connect(only_with_fastbuild(prefetch.start))
    signals.article_generator_finalized.connect(prefetch.stop)
    signals.get_writer.connect(only_with_fastbuild(add_writer))
    signals.article_writer_finalized.connect(only_with_fastbuild(flush_article_pages))
    # Whatever a build with fastbuild changed is put back, whichever build.
    signals.finalized.connect(workmap.remove)
    signals.finalized.connect(urlmemo.stop)
    signals.finalized.connect(dates.stop)
    signals.finalized.connect(inlinegate.stop)
