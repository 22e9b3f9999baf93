"""Openpages: ``make serve``'s first pass writes only the pages open in a browser.

``make serve`` adds this plugin (and ``SELECTED_PAGES``) to the build it
runs first after an edit, and to no other build; ``make html`` and ``make
publish`` never load it. The build reads and generates the whole site as
usual, so the pages it writes are the whole build's, byte for byte; only
Pelican's writer is told to leave out every other file (``writer``), on
Pelican's public ``get_writer`` signal. Plugins with site-wide work of
their own skip it by asking ``sitekit.selectedpages``.
"""

from __future__ import annotations

from pelican import signals

from sitekit.declaration import Declaration, check_plugin_order
from sitekit.selectedpages import writes_only_selected

from .settings import SETTINGS, check_settings
from .writer import SelectedPagesWriter

# It changes which files are written, never what a file reads as: the pass
# and the whole build after it share the content caches.
PLUGIN = Declaration("openpages", settings=SETTINGS, keys_caches=False)


def add_writer(pelican):
    """This plugin's writer, in a build that writes only selected pages."""
    if writes_only_selected(pelican.settings):
        return SelectedPagesWriter
    return None


def register() -> None:
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(check_settings)
    signals.get_writer.connect(add_writer)
