"""Run Pagefind over the finished site.

Pagefind comes from PyPI (``pagefind`` with its binary, ``pagefind_bin``),
pinned in requirements.txt, and runs as ``python -m pagefind`` with the
build's own interpreter, so the version is the pinned one whatever else is
on the machine.

It indexes only what the templates mark with ``data-pagefind-body`` (post
bodies), which Pelican renders after private callouts are removed. The old
bundle is deleted first, so a fragment from an earlier build, written
before a note was made private, can never be served again.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from sitekit.diagnostics import SiteError, display_path
from sitekit.outputpaths import output_file

PAGEFIND = (sys.executable, "-m", "pagefind")
BUNDLE = "pagefind"  # Pagefind's default folder, which search.js loads


class SearchIndexError(SiteError):
    """Pagefind could not index the site; the build must not succeed."""


def index_site(pelican: Any) -> None:
    """Pelican's ``finalized`` handler."""
    if pelican.settings.get("SEARCH_SAVE_AS"):
        build_index(Path(pelican.output_path))


def build_index(site: Path, command: tuple[str, ...] = PAGEFIND) -> None:
    shutil.rmtree(
        output_file(site, BUNDLE, what="Pagefind's bundle"), ignore_errors=True
    )
    try:
        result = subprocess.run(
            [*command, "--site", str(site), "--silent"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as error:
        raise SearchIndexError(
            f"Pagefind could not start ({error.strerror}); "
            "install it with: pip install -r requirements.txt"
        ) from None
    if result.returncode != 0:
        raise SearchIndexError(
            f"Pagefind could not index {display_path(str(site))}: {_reason(result)}"
        ) from None


def _reason(result: subprocess.CompletedProcess) -> str:
    """The last thing Pagefind said, which is where it says what went wrong."""
    said = [
        line.strip()
        for line in (result.stderr + "\n" + result.stdout).splitlines()
        if line.strip()
    ]
    return said[-1] if said else f"it exited with status {result.returncode}"
