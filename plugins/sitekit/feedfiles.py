"""Atom and RSS feeds made with feedgenerator and written into the output.

Plugins that publish feeds (the feeds plugin's site, category, tag, author
and lesson feeds; the comments plugin's comment feeds) make them here, so
every feed of the site has the same shape: its own URL as its Atom id, its
language, its self link and, when ``WEBSUB_HUB`` is set, its hub; and no
character XML cannot carry, whatever a field or a comment's HTML held
(a character reference decoded into one, a lone surrogate from JSON);
and every address as a URI, however the site's address or a slug is
written (``sitekit.uris``).
Writing
sends Pelican's ``feed_generated`` and ``feed_written`` signals, as
Pelican's own Writer does, and ``content_written``, as every file a build
writes does. An ``ItemCache`` lets a post that many feeds carry be turned
into XML once per format instead of once per feed.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

from feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from feedgenerator.django.utils.xmlutils import SimplerXMLGenerator
from pelican import signals

from .diagnostics import SiteError
from .outputpaths import output_file
from .selectedpages import is_selected
from .text import as_text
from .uris import as_uri

logger = logging.getLogger(__name__)


#: What XML 1.0 cannot carry (its ``Char`` production leaves them out): C0
#: controls but tab, newline and carriage return, lone surrogates, U+FFFE
#: and U+FFFF. feedgenerator stops on the controls and writes the others,
#: which no XML parser then reads.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


#: The fields feedgenerator writes as addresses.
_ADDRESSES = ("link", "feed_url", "feed_guid", "author_link")


def xml_text(value: Any) -> Any:
    """``value`` (a string, or a list of them) without what XML cannot carry."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_text(part) for part in value)
    return value


class _FeedFields:
    """A feed that keeps from every text it is given (the feed's, each
    item's: title, content, categories, author) only what XML carries, and
    writes every address as a URI (``sitekit.uris``): feedgenerator
    percent-encodes a link's host and leaves a guid as given."""

    def __init__(self, *args, **fields) -> None:
        super().__init__(*xml_text(args), **_feed_fields(fields))

    def add_item(self, *args, **fields) -> None:
        super().add_item(*xml_text(args), **_feed_fields(fields))


def _feed_fields(fields: dict[str, Any]) -> dict[str, Any]:
    fields = {name: xml_text(value) for name, value in fields.items()}
    for name in _ADDRESSES:
        if fields.get(name):
            fields[name] = as_uri(fields[name])
    if fields.get("unique_id_is_permalink") and fields.get("unique_id"):
        fields["unique_id"] = as_uri(fields["unique_id"])  # RSS: the link
    return fields


class _WithHub:
    """A feed that names its WebSub hub (``<link rel="hub">``) when it has one."""

    link_element = "link"

    def add_root_elements(self, handler) -> None:
        super().add_root_elements(handler)
        hub = self.feed.get("hub")
        if hub:
            handler.addQuickElement(
                self.link_element, None, {"rel": "hub", "href": hub}
            )


class _KeptItems:
    """A feed whose items may carry their XML already written ("xml"),
    which is then copied into the feed as it is."""

    item_element = "entry"

    def write_items(self, handler) -> None:
        for item in self.items:
            if "xml" not in item:
                item["xml"] = self.item_xml(item)
            # XMLGenerator writes this as it is, after closing any open tag.
            handler.ignorableWhitespace(item["xml"])

    def item_xml(self, item: dict) -> str:
        """One item as feedgenerator writes it (feedgenerator 2.2's
        ``write_items``, with the same short empty elements as ``write``)."""
        out = io.StringIO()
        handler = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
        handler.startElement(self.item_element, self.item_attributes(item))
        self.add_item_elements(handler, item)
        handler.endElement(self.item_element)
        return out.getvalue()


class AtomFeed(_FeedFields, _KeptItems, _WithHub, Atom1Feed):
    def item_attributes(self, item: dict) -> dict:
        """An entry in another language than the feed's says which
        (``xml:lang``, Atom's own), so a reader shows it as that language
        (its font, its direction); ``language`` is an item's field here."""
        attributes = super().item_attributes(item)
        language = item.get("language")
        if language and language != self.feed.get("language"):
            attributes = {**attributes, "xml:lang": language}
        return attributes


class RssFeed(_FeedFields, _KeptItems, _WithHub, Rss201rev2Feed):
    link_element = "atom:link"  # RSS 2.0 borrows Atom's link for hubs
    item_element = "item"


class ItemCache:
    """Feed items made and written as XML once, however many feeds carry
    them: a post is in the site's feed, its category's, each tag's and each
    lesson's, and its XML is the same in each feed of one format.

    At most ``limit`` characters of XML are kept, the items used longest
    ago dropped first (they are written again if a later feed needs them).
    """

    def __init__(self, limit: int = 16_000_000):
        self.limit = limit
        self._items: dict[tuple[type, Hashable], dict] = {}
        self._size = 0

    def add(self, feed: SyndicationFeed, key: Hashable, **fields: Any) -> None:
        """``feed.add_item(**fields)``, unless an item of ``key`` was made
        for a feed of this format before: then that item is reused."""
        kept = (type(feed), key)
        item = self._items.pop(kept, None)
        if item is None:
            feed.add_item(**fields)
            item = feed.items[-1]
            item["xml"] = feed.item_xml(item)
            self._size += len(item["xml"])
        else:
            feed.items.append(item)
        self._items[kept] = item  # the most recently used last
        while self._size > self.limit and len(self._items) > 1:
            oldest = next(iter(self._items))
            self._size -= len(self._items.pop(oldest)["xml"])


def new_feed(
    kind: str,
    *,
    title: str,
    link: str,
    feed_url: str,
    settings: Mapping[str, Any],
    language: str | None = None,
) -> SyndicationFeed:
    """An empty Atom (``kind="atom"``) or RSS feed of the site.

    ``title`` may hold markup (post titles do): the feed shows its text
    (sitekit.text), as every page does; ``link`` is the page the
    feed follows; ``feed_url`` is where the feed is served, which is also
    its Atom id: unique to each feed, and stable as long as its address is.
    ``language`` is the feed's, the site's (``DEFAULT_LANG``) unless given.
    """
    feed_class = RssFeed if kind == "rss" else AtomFeed
    return feed_class(
        title=as_text(title),
        link=link,
        feed_url=feed_url,
        feed_guid=feed_url,
        description=as_text(settings.get("SITESUBTITLE")),
        subtitle=as_text(settings.get("SITESUBTITLE")) or None,
        language=language or settings.get("DEFAULT_LANG"),
        hub=settings.get("WEBSUB_HUB") or None,
    )


class FeedClash(SiteError):
    """Two feeds of one build would be written to one file."""


def write_feed_file(
    output_path: str,
    save_as: str,
    feed: SyndicationFeed,
    context: dict[str, Any],
    written: set[str],
) -> Path | None:
    """Write ``feed`` at ``save_as`` under the output; ``written`` holds the
    paths of this build's feeds so far, so that a clash is an error."""
    path = str(output_file(output_path, save_as, what="the feed's path"))
    if not is_selected(context, save_as):
        return None
    if path in written:
        raise FeedClash(
            f"two feeds would be written to {save_as}: check the *_FEED_* settings"
        )
    written.add(path)
    signals.feed_generated.send(context, feed=feed)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with Path(path).open("w", encoding="utf-8") as handle:
        feed.write(handle, "utf-8")
    logger.info('Writing "%s"', path)
    signals.feed_written.send(path, context=context, feed=feed)
    signals.content_written.send(path, context={**context, "output_file": save_as})
    return Path(path)
