"""An address as a URI: what feeds, whose links must be URIs, carry.

A page links to ``https://example.org/2026/café-crème/`` as it is written
(HTML takes an IRI), but feedgenerator writes an RSS item's or Atom
entry's link percent-encoded and its guid as it was given, so the two
disagreed, and a host such as ``bücher.example`` came out as
``b%C3%BCcher.example``, which no resolver reads. So an address a feed
carries is made a URI here once, the way RFC 3987 maps an IRI to one: the
host in its ASCII (IDNA) form, every other character outside ASCII
percent-encoded as UTF-8. An ASCII address is returned as it is. Every
address a machine compares as a string is made one too: a page's canonical
link, og:url, og:image and JSON-LD, and reflections.json's addresses, so
each names a page as the sitemap and the feeds do.
"""

from __future__ import annotations

from urllib.parse import SplitResult, quote, urlsplit, urlunsplit

import idna

#: What stays as it is in a path, query or fragment (Django's iri_to_uri,
#: which feedgenerator applies to links, keeps the same).
_KEPT = "/#%[]=:;$&()+,!?*@'~"


def split_address(address: str) -> SplitResult | None:
    """``urlsplit(address)``, or None for an address Python refuses to
    read: a host holding a character Unicode's NFKC form reads as ``/``,
    ``?``, ``#``, ``@`` or ``:`` (``evil.example／@good.example``), an
    unclosed IPv6 bracket, or a port out of range. ``urlsplit`` raises
    ValueError for each (the port only when it is read), and an address
    in a comment or a Webmention is anyone's text: it must be refused as
    unsafe, never stop a build."""
    try:
        parts = urlsplit(address)
        parts.port  # noqa: B018  (reading it is the check)
    except ValueError:
        return None
    return parts


def as_uri(address: str) -> str:
    """``address`` as a URI (ASCII only); the same address if it is one."""
    if address.isascii():
        return address
    parts = urlsplit(address)
    netloc = parts.netloc
    if not netloc.isascii():
        host, colon, port = netloc.rpartition(":")
        if not colon or not port.isdigit():
            host, colon, port = netloc, "", ""
        netloc = host_in_ascii(host) + colon + port
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe=_KEPT),
            quote(parts.query, safe=_KEPT),
            quote(parts.fragment, safe=_KEPT),
        )
    )


def host_in_ascii(host: str) -> str:
    """A host name in its ASCII form (``xn--bcher-kva.example``); one no
    browser maps (``ascii_host``) percent-encoded."""
    named = ascii_host(host)
    return named if named is not None else quote(host, safe=".")


def ascii_host(host: str) -> str | None:
    """``host`` as a browser names it in ASCII, or None where a browser
    finds no host in it (a joiner between letters, a label too long).

    Browsers map a host by UTS #46 without its transitional rules (the
    ``idna`` package's ``uts46=True, transitional=False``); Python's own
    ``"idna"`` codec follows IDNA 2003, and named ``glaß.de`` as
    ``glass.de`` and ``paypa<U+200D>l.com`` as ``paypal.com``, sites other
    than the one a browser goes to."""
    if host.isascii():
        return host.lower()
    try:
        return idna.encode(host, uts46=True, transitional=False).decode("ascii")
    except idna.IDNAError:
        return None
