"""An SVG as a published build writes it: its drawing, without its metadata.

A drawing saved from an editor carries more than its shapes: a
``<metadata>`` block (RDF naming its creator, rights, a date), the
editor's own elements and attributes (Inkscape's ``export-filename``
holds a path on the writer's disk, ``/home/priya/job-search/offer.png``;
Sodipodi's ``docname``; Illustrator's, Sketch's and Serif's records),
comments, the photo it embeds with that photo's own EXIF (GPS position,
camera owner), a linked image's ``file:`` path. None of it is drawn, and a
published build carries no data of the writer's machine anywhere
(``sitekit.imagestrip`` does the same for photos). So a published build
writes each static SVG again keeping only what a browser draws or reads
aloud: elements of the SVG, XHTML and MathML namespaces (an allow-list:
an editor's namespace no one listed goes too), attributes of none, XLink's
and XML's; every comment and processing instruction inside the drawing and
the doctype go (its entities read in place), a picture in a ``data:``
address is written again without its metadata (a drawing in one, by this
module), an address on the writer's disk is dropped. Shapes, styles,
``<title>`` and ``<desc>`` stay, and an ``xml-stylesheet`` it is drawn
with. A drawing with nothing to take out is copied as it is.

The file is read as XML that cannot reach out (its own entities are read,
as Illustrator's ``&ns_svg;``; no external entity, no DTD loaded, no
network), within ``MAX_BYTES``. One that is not well-formed is no drawing a
browser shows, and cannot be written again: it raises ``Unstrippable``, as
does a picture in it that ``imagestrip`` cannot write, so privacy fails
closed. An ``.svgz`` is unpacked, written so, and packed again
(``imagestrip``).
"""

from __future__ import annotations

import base64
import gzip
import io
import re
import warnings
import zlib
from pathlib import Path
from urllib.parse import unquote_to_bytes

from lxml import etree
from PIL import Image

from .svgscripts import looks_like_svg
from .unstrippable import Unstrippable

#: Bytes of one SVG written again at most (a drawing is rarely a megabyte).
MAX_BYTES = 32 << 20

#: Namespaces of what a browser draws in an SVG: its elements, XHTML and
#: MathML inside a ``<foreignObject>``. An element of any other namespace
#: is an editor's or a tool's record (Inkscape's, Sodipodi's,
#: Illustrator's, Sketch's, RDF's...): nothing in it is drawn.
DRAWN_NAMESPACES = frozenset(
    {
        "",
        "http://www.w3.org/2000/svg",
        "http://www.w3.org/1999/xhtml",
        "http://www.w3.org/1998/Math/MathML",
    }
)
#: Namespaces of the attributes a browser reads: none, XLink's, XML's.
READ_ATTRIBUTE_NAMESPACES = frozenset(
    {"", "http://www.w3.org/1999/xlink", "http://www.w3.org/XML/1998/namespace"}
)
#: An address on the writer's disk, which no reader's browser can open: a
#: linked image's ``file:`` path, a Windows drive's.
_DISK_ADDRESS = re.compile(r"\s*(?:file:|[a-zA-Z]:[\\/]|\\\\)", re.IGNORECASE)
#: The same, anywhere in a list of addresses or a stylesheet instruction.
_DISK_ADDRESS_WITHIN = re.compile(
    r"""(?:^|[\s,"'=])(?:file:|[a-zA-Z]:[\\/]|\\\\)""", re.IGNORECASE
)
#: Attributes that hold one address (SVG's and XHTML's, in a
#: ``<foreignObject>``), and ``xml:base``.
_ADDRESS_ATTRIBUTES = frozenset({"href", "src", "data", "poster", "base"})
#: A CSS ``url()``, its address quoted or not.
_CSS_URL = re.compile(
    r"""url\(\s*(?P<quote>["']?)(?P<address>.*?)(?P=quote)\s*\)""",
    re.IGNORECASE | re.DOTALL,
)
#: A ``data:`` address: its type, whether base64, its data.
_DATA = re.compile(
    r"\s*data:\s*(?P<type>[^;,]*)(?P<params>(?:;[^;,]*)*?)(?P<base64>;base64)?,(?P<data>.*)",
    re.IGNORECASE | re.DOTALL,
)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities="internal",  # a drawing's own, never a file's
        load_dtd=False,
        no_network=True,
        huge_tree=True,  # a drawing with a photo in it: ``MAX_BYTES`` bounds it
        remove_blank_text=False,
    )


def published_svg(data: bytes) -> bytes | None:
    """``data`` (an SVG file's bytes) written again without its metadata,
    or None when it holds none: it is copied as it is (and nothing is kept
    for it). Raises ``Unstrippable``."""
    refuse_larger(len(data))
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise Unstrippable(
            f"it is not well-formed XML (line {error.lineno}: {error.msg}), so no "
            "browser draws it"
        ) from None
    if root is None or etree.QName(root).localname != "svg":
        raise Unstrippable("its first element is not <svg>")
    tree = root.getroottree()
    # What stands outside the drawing: a stylesheet it is drawn with stays;
    # a comment, another instruction and the doctype go (its entities are
    # read in place; its internal subset may define more, unused, text).
    outside = [*root.itersiblings(preceding=True), *root.itersiblings()]
    kept = [
        node
        for node in reversed(list(root.itersiblings(preceding=True)))
        if _is_stylesheet(node)
    ]
    changed = bool(tree.docinfo.doctype) or len(kept) != len(outside)
    for node in list(root.iter()):
        if node is root:
            continue
        if (
            not isinstance(node.tag, str)
            or _namespace(node.tag) not in DRAWN_NAMESPACES
            or etree.QName(node).localname == "metadata"  # SVG's own, never drawn
        ):
            _remove(node)  # a record, a comment, a processing instruction
            changed = True
    for element in root.iter(tag=etree.Element):
        for name, value in list(element.attrib.items()):
            if _namespace(name) not in READ_ATTRIBUTE_NAMESPACES:
                del element.attrib[name]
                changed = True
            elif etree.QName(name).localname == "srcset" and (
                "data:" in value.lower() or _DISK_ADDRESS_WITHIN.search(value)
            ):
                # Its candidates are split at commas, which a data: address
                # holds: it goes, and the image's `src` is drawn.
                del element.attrib[name]
                changed = True
            elif etree.QName(name).localname in _ADDRESS_ATTRIBUTES:
                written = _published_address(value)
                if written != value:
                    changed = True
                    if written is None:
                        del element.attrib[name]
                    else:
                        element.set(name, written)
            elif "url(" in value.lower():  # `style="fill:url(data:…)"`
                written = _published_css(value)
                if written != value:
                    changed = True
                    element.set(name, written)
        if etree.QName(element).localname == "style" and element.text:
            written = _published_css(element.text)
            if written != element.text:
                changed = True
                element.text = written
    if not changed:
        return None
    etree.cleanup_namespaces(root)
    # Written as UTF-8, whatever the drawing was saved in: every character
    # it holds, its entities' included, is one UTF-8 spells.
    parts = [*(etree.tostring(node, encoding="unicode") for node in kept)]
    parts.append(etree.tostring(root, encoding="unicode"))
    return ("<?xml version='1.0' encoding='UTF-8'?>\n" + "\n".join(parts)).encode()


def _published_css(css: str) -> str:
    """``css`` (a ``style`` attribute or element) with each ``url()`` as a
    published drawing holds it (``_published_address``): a picture in a
    ``data:`` address without its metadata, one on the writer's disk
    dropped (``none``)."""

    def published(found: re.Match) -> str:
        written = _published_address(found.group("address"))
        if written is None:
            return "none"
        if written == found.group("address"):
            return found.group(0)
        return f'url("{written}")'

    return _CSS_URL.sub(published, css)


def _is_stylesheet(node: etree._Element) -> bool:
    """An ``xml-stylesheet`` instruction the drawing is drawn with (one
    naming a file on the writer's disk goes)."""
    return (
        isinstance(node, etree._ProcessingInstruction)
        and node.target == "xml-stylesheet"
        and not _DISK_ADDRESS_WITHIN.search(node.text or "")
    )


def _remove(element: etree._Element) -> None:
    """``element`` taken out, the text after it kept (``<text>Hello
    <x:mark/>world</text>`` still says "Hello world")."""
    parent = element.getparent()
    if parent is None:
        return  # inside one already taken out
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def published_svgz(data: bytes) -> bytes | None:
    """``data`` (an ``.svgz``: a gzipped SVG) unpacked, written again
    without its metadata and packed again, or None when it holds none.
    Unpacked within ``MAX_BYTES``. Raises ``Unstrippable``."""
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        drawing = unpacker.decompress(data, MAX_BYTES + 1)
    except zlib.error as error:
        raise Unstrippable(f"it is no gzip it can unpack ({error})") from None
    refuse_larger(len(drawing))
    written = published_svg(drawing)
    return None if written is None else gzip.compress(written, mtime=0)


def refuse_larger(size: int) -> None:
    """Raise ``Unstrippable`` for a drawing of ``size`` bytes, over
    ``MAX_BYTES``: asked before it is read."""
    if size > MAX_BYTES:
        raise Unstrippable(
            f"it is larger than the {MAX_BYTES >> 20} MiB a drawing is written "
            "again within"
        )


def _opens(data: bytes) -> bool:
    """Whether Pillow reads ``data`` as a picture (an icon, a bitmap:
    one with nowhere for metadata, copied as it is)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            Image.open(io.BytesIO(data)).close()
    except Exception:  # Pillow raises what its parsers meet
        return False
    return True


def _namespace(name: str) -> str:
    """The namespace of ``name`` (Clark notation, ``{namespace}local``)."""
    return name[1:].split("}", 1)[0] if name.startswith("{") else ""


def _published_address(value: str) -> str | None:
    """An ``href`` as a published drawing holds it: an address on the
    writer's disk dropped (None); a picture held in a ``data:`` address
    written again without its metadata (``imagestrip``; a drawing in a
    drawing, by this module); anything else as it is. Raises
    ``Unstrippable`` for a picture that cannot be."""
    if _DISK_ADDRESS.match(value):
        return None
    found = _DATA.match(value)
    if found is None:
        return value
    raw = found.group("data")
    try:
        data = (
            base64.b64decode("".join(raw.split()), validate=True)
            if found.group("base64")
            else unquote_to_bytes(raw)
        )
    except ValueError:
        raise Unstrippable("a picture in it is no base64 it can read") from None
    kind = found.group("type").strip().lower()
    # A browser draws what the bytes are, whatever the type says (none,
    # application/octet-stream): they are read as a picture or a drawing
    # when they are one.
    if kind == "image/svg+xml" or looks_like_svg(Path(), data[:4096]):
        written = published_svg(data)
        kind = "image/svg+xml"
    elif kind.startswith("image/") or _opens(data):
        from .imagestrip import published_image  # it writes drawings by this

        written = published_image(data)
        if written is None and not _opens(data):
            # Held as a picture, read as none: what it holds cannot be known.
            raise Unstrippable(f"a picture in it ({kind}) cannot be decoded")
    else:
        return value  # text, a font: no picture
    if written is None:
        return value
    return f"data:{kind};base64,{base64.b64encode(written).decode('ascii')}"
