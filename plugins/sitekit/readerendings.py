"""The endings of the files Pelican reads as posts and pages, as a build has them.

Pelican lists a file where posts and pages are looked for only if its
ending, what follows the last dot, is exactly one its readers read, case
and all (``Generator._include_path``, 4.12): ``posts/x.MD`` and
``posts/x.mkdn`` are never opened, while ``posts/x.static`` is (``static``
is Pelican's ``BaseReader``'s own ending: it reads nothing, but the file is
listed and hashed for the cache all the same). The endings are those of
the readers a build makes (``Readers``): Pelican's own, as ``READERS``
adds or takes away, and as the plugins change them at ``readers_init``.
So they are asked of Pelican's own ``Readers``, made over the settings,
not written down here.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping
from typing import Any

from pelican.readers import Readers
from pelican.settings import DEFAULT_CONFIG


def reader_endings(settings: Mapping[str, Any]) -> frozenset[str]:
    """The endings (``md``, without the dot) the build's readers read.
    Settings that are not a whole Pelican configuration (a bare folder's)
    stand over Pelican's defaults, copied: a reader's set-up writes into
    the settings it is given (``MARKDOWN``)."""
    if "READERS" not in settings:
        settings = {**copy.deepcopy(DEFAULT_CONFIG), **settings}
    return frozenset(Readers(settings).extensions)


def read_by_a_reader(name: str, endings: frozenset[str]) -> bool:
    """Whether a file named ``name`` is one Pelican lists as a post or page
    where it looks for them: its ending as Pelican takes it is one of
    ``endings``. Taken as Pelican does, with ``os.path.splitext``, which
    gives ``..md`` no ending (``Path.suffix`` gives it ``.md``)."""
    return os.path.splitext(name)[1][1:] in endings  # noqa: PTH122
