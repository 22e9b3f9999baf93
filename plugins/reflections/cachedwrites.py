"""A Writer mixin: a page or feed is linked from the page cache when nothing
it shows has changed since the last build, and written as usual otherwise.

Pelican's own bookkeeping is kept: a reused file counts as written (and as
overridden, when the call said so), and a file this build has written
already is never reused, so that Pelican reports the clash as it would.
Reused files send no ``content_written`` or ``feed_written`` signal; no
plugin of this site listens to them.
"""

from __future__ import annotations

import inspect
import logging
from functools import partial

from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from . import pagecache
from .streamed import write_streamed

logger = logging.getLogger(__name__)

_WRITE_FILE = inspect.signature(Writer.write_file)


class CachedWrites:
    """See the module docstring. Mixed in before Pelican's Writer."""

    #: Tests turn this off to show that streamed pages come out the same.
    stream_large_pages = True

    def write_file(self, name, template, context, *args, stream=False, **kwargs):
        """Pelican's write_file; ``stream=True`` writes a page without
        pagination as Jinja renders it (streamed.py), for very large pages.
        Pelican's own Writer takes ``stream`` for a template variable, so a
        generator may pass it whatever the site's writer is."""
        streamed = stream and self.stream_large_pages
        write = partial(write_streamed, self) if streamed else super().write_file
        cache = pagecache.active()
        if cache is None or not name:
            return write(name, template, context, *args, **kwargs)
        key = self.page_key(cache, name, template, context, args, kwargs)
        call = _WRITE_FILE.bind(None, name, template, context, *args, **kwargs)
        if self._reuse(cache, key, bool(call.arguments.get("override_output"))):
            if call.arguments.get("relative_urls"):
                follow_relative_urls(context, self._last_written)
            return None
        return self._write_and_keep(
            cache, key, write, name, template, context, *args, **kwargs
        )

    def write_feed(
        self,
        elements,
        context,
        path=None,
        url=None,
        feed_type="atom",
        override_output=False,
        feed_title=None,
    ):
        cache = pagecache.active()
        if cache is None or not path:
            return super().write_feed(
                elements, context, path, url, feed_type, override_output, feed_title
            )
        values = {
            "elements": list(elements[: self.settings["FEED_MAX_ITEMS"]]),
            "url": url,
            "feed_type": feed_type,
            "override_output": override_output,
            "feed_title": feed_title,
        }
        # A feed carries its posts whole.
        key = cache.key("feed", path, context, values, posts_in_full=True)
        if self._reuse(cache, key, override_output):
            return None
        return self._write_and_keep(
            cache,
            key,
            super().write_feed,
            elements,
            context,
            path,
            url,
            feed_type,
            override_output,
            feed_title,
        )

    def page_key(self, cache, name, template, context, args, kwargs) -> str:
        template_name = getattr(template, "name", None)
        values = {"positional arguments": args, **kwargs}
        return cache.key(f"page {template_name}", name, context, values)

    def reuse_page(self, cache, name, template, context, args, kwargs) -> bool:
        """Link the page from the cache if it is unchanged (for callers that
        decide where pages are rendered, as parallel.py does)."""
        key = self.page_key(cache, name, template, context, args, kwargs)
        call = _WRITE_FILE.bind(None, name, template, context, *args, **kwargs)
        if not self._reuse(cache, key, bool(call.arguments.get("override_output"))):
            return False
        if call.arguments.get("relative_urls"):
            follow_relative_urls(context, self._last_written)
        return True

    def _reuse(self, cache, key: str, override: bool) -> bool:
        files = cache.kept(key)
        if files is None:
            return False
        paths = [sanitised_join(self.output_path, output) for output, _ in files]
        if any(
            path in self._written_files or path in self._overridden_files
            for path in paths
        ):
            return False  # Pelican decides: skip, overwrite or fail
        if not cache.restore(files, self.output_path):
            return False
        self._written_files.update(paths)
        if override:
            self._overridden_files.update(paths)
        self._last_written = files[-1][0]
        for path in paths:
            logger.info('Writing "%s" (unchanged, from the page cache)', path)
        return True

    def _write_and_keep(self, cache, key: str, write, *args, **kwargs):
        written: list[str | None] = []
        self.__dict__["_recording"] = written
        try:
            result = write(*args, **kwargs)
        finally:
            del self.__dict__["_recording"]
        if written and None not in written:
            cache.keep(key, written, self.output_path)
        return result

    def _open_w(self, filename, encoding, override=False):
        recording = self.__dict__.get("_recording")
        skipped = filename in self._overridden_files  # Pelican writes nothing
        if recording is not None:
            recording.append(None if skipped else filename)
        if not skipped:
            pagecache.make_room(filename)
        return super()._open_w(filename, encoding, override)


def follow_relative_urls(context: dict, written: str) -> None:
    """Leave the context as rendering ``written`` with relative URLs would
    have: Pelican points ``localsiteurl`` at the page it renders, and posts
    rendered later (a feed's summaries) read it."""
    context["localsiteurl"] = path_to_url(get_relative_path(written))
