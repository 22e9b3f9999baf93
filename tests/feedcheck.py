"""The W3C Feed Validation Service's rules that a blog's feeds can break.

The service is not reachable from the test machines and its engine cannot be
vendored here, so its checks for RSS 2.0 and Atom 1.0 that apply to this
site are written down, each named after the validator's message class, and
every feed is held to them. (The site's feeds were also run through the
engine itself, offline: no errors, warnings or notices.)
"""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime
from urllib.parse import urlparse

import lxml.html
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
#: RFC 3339's date-time, as Atom asks (InvalidRFC3339Date): the offset in
#: hours and minutes, or Z.
RFC_3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d|Z)")
URL_ATTRIBUTES = ("href", "src", "cite", "poster", "action", "formaction", "data")
#: Attributes that list images: an address, then its size, comma-separated.
SRCSET_ATTRIBUTES = ("srcset", "imagesrcset")


def is_absolute(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in {"http", "https", "mailto"} and (
        parsed.scheme == "mailto" or bool(parsed.netloc)
    )


def relative_urls(fragment: str) -> list[str]:
    """Relative URLs in an HTML fragment ("ContainsRelRef")."""
    if not fragment or not fragment.strip():
        return []
    found = []
    for part in lxml.html.fragments_fromstring(fragment):
        if isinstance(part, str):
            continue
        for element in part.iter():
            for attribute in URL_ATTRIBUTES:
                value = element.get(attribute)
                if value is not None and not is_absolute(value.strip()):
                    found.append(value)
            for attribute in SRCSET_ATTRIBUTES:
                for candidate in (element.get(attribute) or "").split(","):
                    address = (candidate.split() or [""])[0]
                    if address and not is_absolute(address):
                        found.append(address)
    return found


def rss_problems(document: bytes, served_at: str) -> list[str]:
    problems: list[str] = []
    root = etree.fromstring(document)
    if root.tag != "rss" or root.get("version") != "2.0":
        return ["not an RSS 2.0 document"]
    channel = root.find("channel")
    for name in ("title", "link", "description", "language"):
        element = channel.find(name)
        if element is None or not (element.text or "").strip():
            problems.append(f"channel: missing or empty <{name}>")
    self_links = [
        link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"
    ]
    if not self_links:
        problems.append("MissingAtomSelfLink: no atom:link rel=self")
    elif self_links[0].get("href") != served_at:
        problems.append(
            f"SelfDoesntMatchLocation: {self_links[0].get('href')} != {served_at}"
        )
    _check_date(channel.findtext("lastBuildDate"), "channel lastBuildDate", problems)
    guids = set()
    for number, item in enumerate(channel.findall("item"), start=1):
        where = f"item {number}"
        link = item.findtext("link") or ""
        if not (item.findtext("title") or "").strip():
            problems.append(f"{where}: missing <title>")
        if not is_absolute(link):
            problems.append(f"{where}: <link> is not an absolute URL: {link!r}")
        guid = item.find("guid")
        if guid is None:
            problems.append(f"{where}: MissingGuid")
        else:
            permalink = guid.get("isPermaLink", "true") == "true"
            if permalink and not is_absolute(guid.text or ""):
                problems.append(f"{where}: InvalidPermalink: guid {guid.text!r}")
            if guid.text in guids:
                problems.append(f"{where}: DuplicateItem: guid {guid.text!r}")
            guids.add(guid.text)
        _check_date(item.findtext("pubDate"), f"{where} pubDate", problems)
        author = item.findtext("author")
        if author is not None and "@" not in author:
            problems.append(f"{where}: InvalidContact: <author> must be an e-mail")
        if item.find(f"{DC}creator") is None and author is None:
            problems.append(f"{where}: no author (dc:creator)")
        for url in relative_urls(item.findtext("description") or ""):
            problems.append(f"{where}: ContainsRelRef: {url}")
    return problems


def atom_problems(document: bytes, served_at: str) -> list[str]:
    problems: list[str] = []
    root = etree.fromstring(document)
    if root.tag != f"{ATOM}feed":
        return ["not an Atom document"]
    for name in ("id", "title", "updated"):
        if not (root.findtext(f"{ATOM}{name}") or "").strip():
            problems.append(f"feed: MissingElement <{name}>")
    if not root.get("{http://www.w3.org/XML/1998/namespace}lang"):
        problems.append("feed: MissingDCLanguage (no xml:lang)")
    links = root.findall(f"{ATOM}link")
    selves = [link.get("href") for link in links if link.get("rel") == "self"]
    if not selves:
        problems.append("MissingSelf: no link rel=self")
    elif selves[0] != served_at:
        problems.append(f"SelfDoesntMatchLocation: {selves[0]} != {served_at}")
    feed_author = root.find(f"{ATOM}author") is not None
    for name in ("updated", "published"):
        for element in root.iter(f"{ATOM}{name}"):
            if not RFC_3339.fullmatch(element.text or ""):
                problems.append(f"<{name}>: InvalidRFC3339Date {element.text!r}")
    ids = set()
    for number, entry in enumerate(root.findall(f"{ATOM}entry"), start=1):
        where = f"entry {number}"
        entry_id = entry.findtext(f"{ATOM}id") or ""
        if not urlparse(entry_id).scheme:
            problems.append(f"{where}: InvalidFullLink: id {entry_id!r} is not a URI")
        if entry_id in ids:
            problems.append(f"{where}: DuplicateEntries: id {entry_id!r}")
        ids.add(entry_id)
        for name in ("title", "updated"):
            if not (entry.findtext(f"{ATOM}{name}") or "").strip():
                problems.append(f"{where}: MissingElement <{name}>")
        if not feed_author and entry.find(f"{ATOM}author/{ATOM}name") is None:
            problems.append(f"{where}: MissingAuthor")
        alternates = [
            link.get("href")
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if not alternates or not all(is_absolute(href) for href in alternates):
            problems.append(f"{where}: needs an absolute alternate link")
        for tag in ("content", "summary"):
            element = entry.find(f"{ATOM}{tag}")
            if element is not None:
                for url in relative_urls(element.text or ""):
                    problems.append(f"{where}: ContainsRelRef in {tag}: {url}")
    return problems


def _check_date(text: str | None, where: str, problems: list[str]) -> None:
    if not text:
        problems.append(f"{where}: missing")
        return
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        problems.append(f"{where}: InvalidRFC2822Date {text!r}")
        return
    if parsed.tzinfo is None:
        problems.append(f"{where}: date without a time zone {text!r}")
