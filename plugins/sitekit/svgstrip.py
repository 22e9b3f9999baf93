"""An SVG as a published build writes it: its drawing, without its metadata.

A drawing saved from an editor carries more than its shapes: a
``<metadata>`` block (RDF naming its creator, rights, a date), the
editor's own elements and attributes (Inkscape's ``export-filename``
holds a path on the writer's disk, ``/home/priya/job-search/offer.png``;
Sodipodi's ``docname``; Illustrator's, Sketch's and Serif's records) and
comments. None of it is drawn, and a published build carries no data of
the writer's machine anywhere (``sitekit.imagestrip`` does the same for
photos). So a published build writes each static SVG again without them:
every element and attribute of those namespaces, every ``<metadata>``
element, every comment and processing instruction inside the drawing, the
doctype (its entities read in place), and the namespace declarations left
unused. What
is drawn or read aloud stays: shapes, styles, ``<title>`` and ``<desc>``.

The file is read as XML that cannot reach out (its own entities are read,
as Illustrator's ``&ns_svg;``; no external entity, no DTD loaded, no
network), within ``MAX_BYTES``. One that is not well-formed
is no drawing a browser shows, and cannot be written again: it raises
``Unstrippable``, so privacy fails closed. An ``.svgz`` (gzip) is copied as
it is (its text is read for markers: ``sitekit.packedmarkers``).
"""

from __future__ import annotations

from lxml import etree

from .unstrippable import Unstrippable

#: Bytes of one SVG written again at most (a drawing is rarely a megabyte).
MAX_BYTES = 32 << 20

#: Namespaces of editors' own records: nothing in them is drawn.
EDITOR_NAMESPACES = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://inkscape.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://ns.adobe.com/AdobeIllustrator/10.0/",
        "http://ns.adobe.com/Extensibility/1.0/",
        "http://ns.adobe.com/Graphs/1.0/",
        "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
        "http://ns.adobe.com/Variables/1.0/",
        "http://ns.adobe.com/SaveForWeb/1.0/",
        "http://ns.adobe.com/xap/1.0/",
        "http://www.bohemiancoding.com/sketch/ns",
        "http://www.serif.com/",
        "http://www.figma.com/figma/ns",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://creativecommons.org/ns#",
        "http://web.resource.org/cc/",
    }
)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities="internal",  # a drawing's own, never a file's
        load_dtd=False,
        no_network=True,
        huge_tree=False,
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
            or _editors(node.tag)
            or (etree.QName(node).localname == "metadata")
        ):
            _remove(node)  # a record, a comment, a processing instruction
            changed = True
    for element in root.iter(tag=etree.Element):
        for name in [name for name in element.attrib if _editors(name)]:
            del element.attrib[name]
            changed = True
    if not changed:
        return None
    etree.cleanup_namespaces(root)
    # Written as UTF-8, whatever the drawing was saved in: every character
    # it holds, its entities' included, is one UTF-8 spells.
    parts = [*(etree.tostring(node, encoding="unicode") for node in kept)]
    parts.append(etree.tostring(root, encoding="unicode"))
    return ("<?xml version='1.0' encoding='UTF-8'?>\n" + "\n".join(parts)).encode()


def _is_stylesheet(node: etree._Element) -> bool:
    return isinstance(node, etree._ProcessingInstruction) and (
        node.target == "xml-stylesheet"
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


def refuse_larger(size: int) -> None:
    """Raise ``Unstrippable`` for a drawing of ``size`` bytes, over
    ``MAX_BYTES``: asked before it is read."""
    if size > MAX_BYTES:
        raise Unstrippable(
            f"it is larger than the {MAX_BYTES >> 20} MiB a drawing is written "
            "again within"
        )


def _editors(name: str) -> bool:
    """Whether ``name`` (Clark notation, ``{namespace}local``) is an
    editor's own."""
    return name.startswith("{") and name[1:].split("}", 1)[0] in EDITOR_NAMESPACES
