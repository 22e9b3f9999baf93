"""Webmentions: the conversation under a post, arriving from other sites.

A Webmention receiver (webmention.io, or one of your own) collects the
mentions other sites send and exports them as JF2 (https://jf2.spec.indieweb.org/):
a feed whose children are entries such as

    {"type": "entry", "wm-id": 1812, "wm-property": "in-reply-to",
     "wm-source": "https://elsewhere.example/notes/42",
     "wm-target": "https://reflections.example.org/2025/two-levels-up/",
     "wm-received": "2025-09-20T08:02:11Z", "published": "2025-09-19T21:40:00Z",
     "url": "https://elsewhere.example/notes/42",
     "author": {"type": "card", "name": "Sam", "url": "https://elsewhere.example/"},
     "content": {"html": "<p>...</p>", "text": "..."}}

``reflect mentions import FILE`` splits such an export into one file per
entry, ``comments/<post-slug>/mention-<wm-id>.json``, beside the post's
comment files; the build reads those files and never the network.

A mention file is untrusted text from another site: it is read only up to
``MAX_MENTION_BYTES``, must be one JF2 entry of a kind this site shows, must
name this post as its target, links only to http(s) addresses, and its HTML
goes through the comments' sanitiser. A mention the receiver marks private
(``wm-private``), or one holding a private marker, is left out.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from pelican.utils import get_date, set_date_tzinfo

from sitekit.datetext import ZoneNameError, zone_names_refused
from sitekit.drawn import as_read
from sitekit.hygiene import CONTROL_CHARACTERS, has_private_marker
from sitekit.text import draws_nothing
from sitekit.uris import split_address

from .bounds import MAX_MARKUP_TOGETHER
from .hostnames import shown_host
from .model import Comment
from .sanitize import plain_text, safe_website, sanitise
from .typography import typesetter

#: A mention file larger than this is refused unread (a reply is a few KiB).
MAX_MENTION_BYTES = 64 * 1024

#: JF2's wm-property -> the kind of mention shown.
KINDS = {
    "in-reply-to": "reply",
    "like-of": "like",
    "repost-of": "repost",
    "mention-of": "mention",
    "bookmark-of": "mention",
}

#: The fields a mention file keeps; ``reflect mentions import`` drops the rest.
FIELDS = (
    *("type", "wm-id", "wm-property", "wm-source", "wm-target", "wm-received"),
    *("wm-private", "published", "url", "author", "content"),
)


class MentionProblem(ValueError):
    """Why a JF2 entry is not shown; the message says what to fix."""


@dataclass(frozen=True)
class MentionTarget:
    """What an entry claims to mention: its wm-target's site (``origin``,
    ``https://host[:port]``, empty when unknown) and path."""

    path: str
    origin: str = ""

    @classmethod
    def from_address(cls, address: str) -> MentionTarget:
        """The target of ``address``, its path as the post's address is
        written: a sender names a page by its URI, the form the site's
        feeds give (``/2026/caf%C3%A9/`` for ``Slug: café``)."""
        return cls(unquote(urlsplit(address).path) or "/", origin_of(address))

    @property
    def address(self) -> str:
        return self.origin + self.path

    def names(self, post_url: str, site: frozenset[str] = frozenset()) -> bool:
        """Whether the target is the post at ``post_url`` (relative, as
        Pelican's ``article.url``), under any subpath, on the ``site``
        (``site_origins``; see ``on_site``)."""
        wanted = "/" + post_url.lstrip("/")
        return self.on_site(site) and (
            self.path == wanted or self.path.endswith(wanted)
        )

    def on_site(self, site: frozenset[str]) -> bool:
        """Whether the target lies on the site whose origins ``site_origins``
        gives; with none known (a local build) any host's is taken by its
        path."""
        return not site or not self.origin or self.origin in site


def site_origins(site_url: str | None, other_urls=()) -> frozenset[str]:
    """The scheme and host a mention of this site names: SITEURL's, and
    those of WEBMENTION_SITE_URLS (a former domain, the address the sample
    site's mentions name). Only an absolute SITEURL (a publish build's)
    says where the site lives; a local build's is empty or a path, so there
    is nothing to compare and the set is empty."""
    own = origin_of(site_url)
    if not own:
        return frozenset()
    return frozenset({own, *filter(None, map(origin_of, other_urls or ()))})


#: The port each scheme means when an address names none.
DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(address: str | None) -> str:
    """``scheme://host[:port]`` of an http(s) address, lower case and without
    the scheme's own port; empty for anything else (a path, ""), and the
    address itself, which no origin equals, for one Python cannot read (a
    port out of range: ``sitekit.uris.split_address``)."""
    parts = split_address(address or "")
    if parts is None:  # unreadable (a port out of range): never equal to one
        return (address or "").lower()
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return ""
    port = parts.port
    shown = "" if port in (None, DEFAULT_PORTS[scheme]) else f":{port}"
    return f"{scheme}://{parts.hostname}{shown}"


#: The largest ``wm-id``: a receiver numbers mentions in a database's
#: 64-bit integers. Larger, the file name ``mention-<wm-id>.json`` grows past
#: what a file system holds and stopped the whole import.
MAX_MENTION_ID = 2**63 - 1


def read_mention_file(path: Path, timezone: str | None) -> Comment:
    """One mention file as a ``Comment`` of its kind; MentionProblem if not."""
    entry = load_mention_entry(path)
    return mention_from_entry(entry, path.stem, path.parent.name, timezone, str(path))


def load_mention_entry(path: Path) -> Any:
    """A mention file's JSON, read up to MAX_MENTION_BYTES."""
    with path.open("rb") as stream:
        data = stream.read(MAX_MENTION_BYTES + 1)
    if len(data) > MAX_MENTION_BYTES:
        raise MentionProblem(
            f"a mention file is at most {MAX_MENTION_BYTES // 1024} KiB; "
            "this one is left out"
        )
    return parse_json(data)


class _RepeatedKeys(dict):
    """A JSON object that gave a key twice: ``json`` keeps the last value
    without a word, so ``"wm-private": true, "wm-private": false`` read as
    a public mention. ``repeated`` names the keys, for the entry's check."""

    repeated: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> dict:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    counted: dict[str, int] = {}
    for key, _ in pairs:
        counted[key] = counted.get(key, 0) + 1
    repeated = _RepeatedKeys(found)
    repeated.repeated = tuple(key for key, count in counted.items() if count > 1)
    return repeated


def repeated_keys(value: Any) -> tuple[str, ...]:
    """The keys given twice in any object of ``value`` (a parsed entry)."""
    found: list[str] = []
    waiting = [value]
    while waiting:
        item = waiting.pop()
        if isinstance(item, dict):
            found.extend(getattr(item, "repeated", ()))
            waiting.extend(item.values())
        elif isinstance(item, list):
            waiting.extend(item)
    return tuple(found)


def parse_json(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"), object_pairs_hook=_object)
    except (UnicodeDecodeError, ValueError) as error:
        raise MentionProblem(f"not JSON text ({error}); left out") from None
    except RecursionError:
        raise MentionProblem(
            "JSON nested too deeply to be a mention; left out"
        ) from None


def mention_from_entry(
    entry: Any,
    mention_id: str,
    post_slug: str,
    timezone: str | None,
    path: str | None = None,
) -> Comment:
    """A JF2 entry, checked for what it claims to be, as a Comment."""
    if not isinstance(entry, Mapping) or entry.get("type") != "entry":
        raise MentionProblem('not a JF2 entry (an object with "type": "entry")')
    repeated = repeated_keys(entry)
    if repeated:
        # Fail closed: which value the receiver meant is not known.
        raise MentionProblem(
            f"{', '.join(map(repr, repeated))} given twice in the entry, which JSON "
            "reads as the last alone; left out (give each field once)"
        )
    marked = entry.get("wm-private")
    if marked is True:
        raise MentionProblem("the receiver marks this mention private; left out")
    if marked is not None and marked is not False:
        # Fail closed: "true", 1 or anything but JSON false may mean private.
        raise MentionProblem(
            f"wm-private is {json.dumps(marked)}, not true or false, so it may "
            "mark the mention private; left out (write false to show it)"
        )
    if any(
        has_private_marker(text) or has_private_marker(as_read(text))
        for text in _shown_strings(entry)
    ):
        raise MentionProblem("holds a private marker; the mention is left out")
    kind = KINDS.get(_text(entry, "wm-property"))
    if kind is None:
        raise MentionProblem(
            f"wm-property {entry.get('wm-property')!r} is none of "
            f"{', '.join(KINDS)}; left out"
        )
    source = safe_website(_text(entry, "wm-source"))
    if source is None:
        raise MentionProblem("wm-source is not an http(s) address; left out")
    target_of(entry)  # checked here; compared with the post when threading
    url = safe_website(_text(entry, "url")) or source
    author = entry.get("author") if isinstance(entry.get("author"), Mapping) else {}
    website = safe_website(_text(author, "url"))
    name = plain_text(_text(author, "name"))
    if draws_nothing(name):  # a zero-width space is no name a reader sees
        host = urlsplit(website or source).hostname
        name = shown_host(host) if host else "someone"
    date = _date(entry, timezone)
    content = entry.get("content") if isinstance(entry.get("content"), Mapping) else {}
    markup = _text(content, "html")
    # nh3 takes time in the square of how deeply tags nest (bounds.py): a
    # mention with more tags than a comment's conversion holds is read as
    # its text.
    body = "" if markup.count("<") > MAX_MARKUP_TOGETHER else sanitise(markup)
    body = body.strip()
    if not plain_text(body):
        text = " ".join(_text(content, "text").split())
        body = f"<p>{html.escape(text, quote=False)}</p>" if text else ""
    body = typesetter().fragment(body)  # the curly quotes of comments
    if kind == "reply" and not body:
        kind = "mention"  # a reply with no words says only that it links here
    return Comment(
        id=mention_id,
        post_slug=post_slug,
        author=name,
        date=date,
        html=body,
        text=plain_text(body),
        website=website,
        path=path,
        kind=kind,
        via=url,
        target=target_of(entry).address,
        source=source,
    )


def target_of(entry: Mapping[str, Any]) -> MentionTarget:
    target = split_address(_text(entry, "wm-target"))
    if target is None or target.scheme not in {"http", "https"} or not target.netloc:
        raise MentionProblem("wm-target is not an http(s) address; left out")
    return MentionTarget.from_address(target.geturl())


def fields_shown_without(entry: Mapping[str, Any]) -> list[str]:
    """What a mention holds that its page leaves out for its type or its
    address, each said as one sentence naming the field: the mention is
    shown without it, which must not happen without a word."""
    said = []
    author, content = entry.get("author"), entry.get("content")
    if author is not None and not isinstance(author, Mapping):
        said.append(f"author is {_kind(author)}, not an h-card object")
    elif isinstance(author, Mapping):
        said += _not_text(author, ("name", "url"), "author.")
        url = _text(author, "url")
        if url and safe_website(url) is None:
            said.append(f"author.url {url!r} is not an http(s) address")
    if content is not None and not isinstance(content, Mapping):
        said.append(f"content is {_kind(content)}, not an object with html or text")
    elif isinstance(content, Mapping):
        said += _not_text(content, ("html", "text"), "content.")
    url = entry.get("url")
    if url is not None and (not isinstance(url, str) or safe_website(url) is None):
        shown = repr(url) if isinstance(url, str) else _kind(url)
        said.append(f"url {shown} is not an http(s) address; it links to wm-source")
    return [f"{sentence}; shown without it" for sentence in said]


def _not_text(mapping: Mapping[str, Any], keys, prefix: str) -> list[str]:
    return [
        f"{prefix}{key} is {_kind(mapping[key])}, not text"
        for key in keys
        if mapping.get(key) is not None and not isinstance(mapping[key], str)
    ]


def _kind(value: Any) -> str:
    """A JSON value's kind, as a writer of the file would name it."""
    for python, said in (
        (bool, "true or false"),
        (str, "a string"),
        ((int, float), "a number"),
        (list, "a list"),
        (Mapping, "an object"),
    ):
        if isinstance(value, python):
            return said
    return "null"


def mention_id(entry: Mapping[str, Any]) -> str:
    """The file name's id: ``mention-<wm-id>``, the receiver's own number."""
    number = entry.get("wm-id")
    if isinstance(number, bool) or not isinstance(number, int) or number < 0:
        raise MentionProblem("wm-id is not a whole number; left out")
    if number > MAX_MENTION_ID:  # a file name could not hold it
        raise MentionProblem(
            f"wm-id has {len(str(number))} digits, more than a receiver's "
            "numbers have (up to 19); left out"
        )
    return f"mention-{number}"


def kept_fields(entry: Mapping[str, Any]) -> dict[str, Any]:
    """The entry as a mention file holds it: the fields the build reads."""
    return {key: entry[key] for key in FIELDS if key in entry}


def _date(entry: Mapping[str, Any], timezone: str | None) -> datetime:
    for field in ("published", "wm-received"):
        value = _text(entry, field)
        if value:
            try:
                with zone_names_refused():
                    return set_date_tzinfo(get_date(value), timezone)
            except ZoneNameError as error:
                raise MentionProblem(
                    f"{field} {value!r} is not a date: {error}"
                ) from None
            except (ValueError, OverflowError):
                raise MentionProblem(f"{field} {value!r} is not a date") from None
    raise MentionProblem("neither published nor wm-received gives a date")


def _text(mapping: Mapping[str, Any], key: str) -> str:
    value = mapping.get(key)
    return CONTROL_CHARACTERS.sub("", value) if isinstance(value, str) else ""


def _shown_strings(entry: Mapping[str, Any]):
    """Every string the page could show: the entry's, its author's and its
    content's (one level down; nothing deeper is read)."""
    for value in entry.values():
        if isinstance(value, str):
            yield value
        elif isinstance(value, Mapping):
            yield from (item for item in value.values() if isinstance(item, str))
