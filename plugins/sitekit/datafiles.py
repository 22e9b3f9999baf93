"""Data files (JSON) written into the output the way Pelican writes pages.

JSON is data, not a page, so it skips ``Writer.write_file``'s templates;
but like every file a build writes it sends ``content_written``, so that
plugins which list the output (a sitemap, say) see it.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from pelican import signals

from .outputpaths import output_file
from .selectedpages import is_selected

logger = logging.getLogger(__name__)


def write_json(
    output_path: str, save_as: str, data: Any, context: dict[str, Any] | None = None
) -> Path | None:
    """Write ``data`` as compact UTF-8 JSON at ``save_as`` under the output;
    None where the build writes only other pages (``sitekit.selectedpages``)."""
    path = output_file(output_path, save_as, what="the data file's path")
    if not is_selected(context or {}, save_as):
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    logger.info('Writing "%s"', path)
    signals.content_written.send(str(path), context=dict(context or {}))
    return path
