"""A page written as Jinja renders it, a piece at a time.

Pelican's Writer renders a page into one string, joined from a list of
pieces, before writing it. For the reflection index, megabytes at ten
thousand posts, that string and its pieces are the build's memory peak.
``write_streamed`` writes a page (one without pagination) as
``Writer.write_file`` does, with the same context, overwrite checks, log
line and ``content_written`` signal, but hands Jinja's pieces to the file
as they come. It follows Pelican 4.12's ``write_file``, which offers no
way to stream.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from pelican import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join

logger = logging.getLogger(__name__)


def write_streamed(
    writer: Any,
    name: str,
    template: Any,
    context: dict[str, Any],
    relative_urls: bool = False,
    paginated: Any = None,
    template_name: str | None = None,
    override_output: bool = False,
    url: str | None = None,
    **kwargs: Any,
) -> None:
    localcontext = context.copy()
    localcontext["localsiteurl"] = localcontext.get("localsiteurl")
    if relative_urls:
        relative_url = path_to_url(get_relative_path(name))
        localcontext["SITEURL"] = localcontext["localsiteurl"] = relative_url
        # Posts adjust their links to the page being written through this.
        context["localsiteurl"] = relative_url
    localcontext["output_file"] = name
    localcontext.update(kwargs)
    path = sanitised_join(writer.output_path, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)  # noqa: PTH103, PTH120
    with writer._open_w(path, "utf-8", override=override_output) as handle:
        handle.writelines(template.generate(localcontext))
    logger.info('Writing "%s"', path)
    signals.content_written.send(path, context=localcontext)
