"""Reading a WordPress export (WXR 1.1 or 1.2) into plain data.

Only what a reflection needs is kept. Commenters' e-mail addresses and IP
addresses are never read into the data, so no later step can write them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from lxml import etree

from sitekit.text import shows_nothing

from .input_files import input_file_problem
from .wp_shortcodes import Attachments

CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
EXCERPT_PREFIX = "http://wordpress.org/export/"
WP_NAMESPACE = re.compile(r"^http://wordpress\.org/export/1\.[0-9]+/$")
NO_DATE = "0000-00-00 00:00:00"
FIRST_YEAR = 1000  # MySQL's first, and WordPress's


class WxrError(Exception):
    """The file is not a WordPress export this command can read."""


@dataclass(frozen=True)
class WpComment:
    id: str
    parent: str | None
    author: str
    website: str
    date: datetime
    html: str
    approved: bool
    kind: str  # "comment", "pingback" or "trackback"
    line: int | None = None  # of the export, where the comment starts
    # False: the export gave no date that could be read; dated as its post.
    dated: bool = True


@dataclass
class WpItem:
    kind: str  # "post" or "page"
    title: str
    slug: str
    date: datetime
    status: str  # WordPress's: publish, draft, pending, private, future...
    html: str
    excerpt: str = ""
    modified: datetime | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    comments: list[WpComment] = field(default_factory=list)
    # False when neither its date nor its last change could be read (a
    # missing or impossible date, 2019-02-30): ``date`` is then the
    # export's own (``export_date``), never the day of the import.
    dated: bool = True
    post_id: str = ""  # WordPress's own number, one per post or page
    line: int | None = None  # of the export, where the item starts
    # WordPress asks a reader for a password before it shows it (the
    # password itself is never read: a static site has no way to ask).
    protected: bool = False
    # Its addresses on the old blog (``<link>``, ``<guid>``): links to it
    # from other posts are pointed at its new file (``wp_links``).
    permalink: str = ""
    guid: str = ""


@dataclass
class WpExport:
    title: str
    items: list[WpItem]
    ignored: dict[str, int]  # other item types (attachments, menus...) by type
    path: Path | None = None  # the export file, for messages
    # The blog's address: with a wp:post_id, what names a post for good.
    blog: str = ""
    # Its attachment items (counted in ``ignored`` too), for galleries.
    attachments: Attachments = field(default_factory=Attachments)


def read_export(path: Path) -> WpExport:
    problem = input_file_problem(path, "a WordPress export")
    if problem:
        raise WxrError(f"{path}: {problem}")
    # Internal entities (an export's own DTD) are expanded; external ones,
    # which could read files or the network, are not.
    parser = etree.XMLParser(
        resolve_entities="internal", no_network=True, strip_cdata=False
    )
    try:
        root = etree.parse(str(path), parser).getroot()
    except (etree.XMLSyntaxError, OSError) as error:
        raise WxrError(_not_xml(path, parser, error)) from None
    wp = next(
        (uri for uri in root.nsmap.values() if uri and WP_NAMESPACE.match(uri)), None
    )
    channel = root.find("channel")
    if root.tag != "rss" or channel is None or wp is None:
        raise WxrError(f"{path}: not a WordPress export (no WXR channel)")
    wp = "{" + wp + "}"
    items, ignored, attachments = [], {}, Attachments()
    undated = export_date(channel, wp)
    for element in channel.findall("item"):
        kind = element.findtext(f"{wp}post_type") or "post"
        if kind == "attachment":
            attachments.add(
                (element.findtext(f"{wp}post_id") or "").strip(),
                (element.findtext(f"{wp}post_parent") or "").strip(),
                (element.findtext(f"{wp}attachment_url") or "").strip(),
            )
        if kind not in ("post", "page"):
            ignored[kind] = ignored.get(kind, 0) + 1
            continue
        items.append(_item(element, kind, wp, undated))
    blog = channel.findtext(f"{wp}base_blog_url") or channel.findtext("link") or ""
    title = channel.findtext("title") or ""
    blog = blog.strip().rstrip("/")
    return WpExport(title, items, ignored, path, blog, attachments)


def _item(element, kind: str, wp: str, undated: datetime) -> WpItem:
    excerpt = next(
        (
            child.text or ""
            for child in element
            if child.tag.endswith("}encoded")
            and child.tag.startswith("{" + EXCERPT_PREFIX)
        ),
        "",
    )
    modified = _either_date(element, f"{wp}post_modified")
    written = _either_date(element, f"{wp}post_date") or modified
    date = written or undated
    categories = [
        " ".join((category.text or "").split())
        for category in element.findall("category")
        if category.get("domain") == "category"
    ]
    tags = [
        " ".join((category.text or "").split())
        for category in element.findall("category")
        if category.get("domain") == "post_tag"
    ]
    return WpItem(
        kind=kind,
        title=_shown(element.findtext("title")),
        slug=(element.findtext(f"{wp}post_name") or "").strip(),
        date=date,
        status=(element.findtext(f"{wp}status") or "publish").strip(),
        html=element.findtext(f"{CONTENT}encoded") or "",
        excerpt=excerpt.strip(),
        modified=modified,
        categories=[c for c in categories if c],
        tags=[t for t in tags if t],
        comments=[_comment(c, wp, date) for c in element.findall(f"{wp}comment")],
        dated=written is not None,
        post_id=(element.findtext(f"{wp}post_id") or "").strip(),
        line=element.sourceline,
        protected=bool((element.findtext(f"{wp}post_password") or "").strip()),
        permalink=(element.findtext("link") or "").strip(),
        guid=(element.findtext("guid") or "").strip(),
    )


def export_date(channel, wp: str) -> datetime:
    """What a post without a date that can be read is dated: when the
    export was made (its ``<pubDate>``, which WordPress writes in every
    export, in GMT), else the newest date a post of it gives, else 1970-01-01.

    Never the day of the import: the same export imported on two days gave
    two files (``2026-12-07-notes.md``, then ``2026-12-08-notes-2.md``
    beside it) and two dates for one post."""
    try:
        made = parsedate_to_datetime((channel.findtext("pubDate") or "").strip())
    except (TypeError, ValueError, IndexError):
        made = None
    if made is not None and made.year >= FIRST_YEAR:
        return made.replace(tzinfo=None, microsecond=0)
    names = [
        f"{wp}post_{what}{gmt}" for what in ("date", "modified") for gmt in ("", "_gmt")
    ]
    dates = [_date(element.text) for element in channel.iter(*names)]
    return max((date for date in dates if date), default=datetime(1970, 1, 1))


def _either_date(element, name: str) -> datetime | None:
    """The date ``name`` gives in the blog's time, or else ``name_gmt``'s.

    WordPress writes 0000-00-00 in one of the two at times (a post saved
    by a plugin or an older version: only the GMT one); the post has a
    date all the same, hours off at most, never the import's day.
    """
    return _date(element.findtext(name)) or _date(element.findtext(f"{name}_gmt"))


def _comment(element, wp: str, post_date: datetime) -> WpComment:
    """A comment of the export; one with no date that can be read is dated
    as its post (it was dated 1970-01-01 without a word), ``dated`` False."""
    parent = (element.findtext(f"{wp}comment_parent") or "0").strip()
    written = _either_date(element, f"{wp}comment_date")
    return WpComment(
        id=(element.findtext(f"{wp}comment_id") or "").strip(),
        parent=None if parent in ("", "0") else parent,
        author=" ".join((element.findtext(f"{wp}comment_author") or "").split()),
        website=(element.findtext(f"{wp}comment_author_url") or "").strip(),
        date=written or post_date,
        html=element.findtext(f"{wp}comment_content") or "",
        approved=(element.findtext(f"{wp}comment_approved") or "").strip() == "1",
        kind=(element.findtext(f"{wp}comment_type") or "").strip() or "comment",
        line=element.sourceline,
        dated=written is not None,
    )


def _shown(text: str | None) -> str:
    """A title on one line; empty when it shows nothing (``&nbsp;``, which
    WordPress users write to hide a title, markup or invisible characters
    alone): the build refuses such a title, and the post is titled as one
    without a title is."""
    title = " ".join((text or "").split())
    return "" if shows_nothing(title) else title


def _date(text: str | None) -> datetime | None:
    """A date of the export, or None when there is none that can be read:
    WordPress keeps dates from the year 1000 on, and an earlier one was
    written ``1-01-01``, which Pelican reads as 2001."""
    if not text or text.strip() == NO_DATE:
        return None
    try:
        date = datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return date if date.year >= FIRST_YEAR else None


def _not_xml(path: Path, parser: etree.XMLParser, error: Exception) -> str:
    """``export.xml:3: not an XML file (why)``, at the line libxml2 stopped.

    Bytes that are not the declared encoding came as an ``OSError`` naming
    no line, and a syntax error named it in the middle of lxml's words."""
    entry = parser.error_log.last_error
    if entry is None or not entry.message:
        return f"{path}: not an XML file ({_first_line(error)})"
    where = f"{path}:{entry.line}" if entry.line else f"{path}"
    reason = entry.message.strip().rstrip(".")
    if "amplification" in reason:  # libxml2's guard against billion laughs
        reason = "its entities expand to far more text than it holds"
    return f"{where}: not an XML file ({reason})"


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__
