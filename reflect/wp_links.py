"""Links between the posts of an imported blog, pointed at their new files.

A WordPress post links another by its address on the old blog
(``https://blog.example/2019/04/coffee/``, ``/2019/04/coffee/``, or
WordPress's short form ``https://blog.example/?p=41``). Left so, every such
link keeps sending readers to the old blog, which a move usually ends.
Each link whose address is that of a post or page this import publishes
becomes Pelican's ``{filename}/posts/2019-04-02-coffee.md`` (its
``#fragment`` kept), which the build turns into the post's address on the
new site wherever it is served, and checks. A link to a draft, or to
anything the export does not hold, stays as it was: ``{filename}`` to a
file the build does not publish is a broken link.

An address matches whether written with ``http`` or ``https``, with or
without ``www.``, and with or without its last ``/``; a root-relative one
(``/2019/04/coffee/``) matches on the blog's own host, and so does one
without a scheme (``//blog.example/...``), which a browser reads so. Other query strings
(``?replytocom=``) are left alone: they ask the old blog for something else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

#: ``[text](url)`` and ``[text](url "title")`` in markdownify's output, not
#: an image (``![alt](url)``, ``wp_images``): the text may hold brackets in
#: pairs (an image inside a link, ``[![alt](src)](url)``) and never an
#: opening one alone, so a run of ``[`` is read once, not from each.
MARKDOWN_LINK = re.compile(
    r"(?<!!)(\[(?:[^\[\]]|\[[^\[\]]*\])*\]\()(?P<url>[^)\s]+)((?:\s+\"[^\"]*\")?\))"
)

#: WordPress's query parameters that name a post or a page by its number.
_ID_PARAMETERS = ("p", "page_id")


def _host(netloc: str) -> str:
    host = netloc.lower()
    return host[4:] if host.startswith("www.") else host


def address_key(url: str, blog_host: str) -> str | None:
    """What names the post ``url`` links on the old blog, or None when it
    is no address of that blog's posts (another site, a relative path, a
    ``mailto:``, a query asking for something else)."""
    parts = urlsplit(url)
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return None
    if parts.netloc:
        host = _host(parts.netloc)
    elif not parts.scheme and url.startswith("/") and not url.startswith("//"):
        host = blog_host
    else:
        return None
    if not host:
        return None
    if parts.query:
        asked = parse_qs(parts.query)
        for name in _ID_PARAMETERS:
            if parts.path in ("", "/") and list(asked) == [name]:
                return f"{host}?id={asked[name][-1]}"
        return None
    return f"{host}{parts.path.rstrip('/')}"


@dataclass
class LinkTargets:
    """Each published post's and page's addresses on the old blog, and the
    ``{filename}`` link to its new file."""

    blog_host: str
    targets: dict[str, str] = field(default_factory=dict)

    def add(self, addresses: Iterable[str], file_link: str) -> None:
        for address in addresses:
            key = address_key(address, self.blog_host) if address else None
            if key is not None:
                self.targets.setdefault(key, file_link)

    def rewrite(self, markdown: str) -> tuple[str, int]:
        """``markdown`` with every link to an imported post pointed at its
        file, and how many were."""
        count = 0

        def replace(match: re.Match) -> str:
            nonlocal count
            url, _, fragment = match.group("url").partition("#")
            target = self.targets.get(address_key(url, self.blog_host) or "")
            if target is None:
                return match.group(0)
            count += 1
            shown = f"{target}#{fragment}" if fragment else target
            return f"{match.group(1)}{shown}{match.group(3)}"

        if not self.targets or "](" not in markdown:
            return markdown, 0
        return MARKDOWN_LINK.sub(replace, markdown), count


def blog_host(blog: str) -> str:
    """The host of the blog's address (``wp:base_blog_url``), as keys name it."""
    return _host(urlsplit(blog).netloc)


def item_addresses(
    permalink: str, guid: str, post_id: str, kind: str, blog: str
) -> Iterator[str]:
    """Every address the old blog gave a post or page: its permalink, its
    guid (``?p=41`` for most), and the short form its number makes."""
    yield permalink
    yield guid
    if post_id and blog:
        yield f"{blog}/?p={post_id}"
        if kind == "page":
            yield f"{blog}/?page_id={post_id}"
