"""A published build writes each static SVG without its metadata.

A drawing saved from an editor carries what is never drawn: a
``<metadata>`` block naming its creator, Inkscape's export path on the
writer's disk, Illustrator's and Sketch's records, comments. A published
build writes the drawing again without them (``sitekit/svgstrip.py``),
keeps what is drawn or read aloud, and fails closed on a file it cannot
read as XML; a local build copies it as it is, and a drawing with nothing
to take out is written byte for byte."""

from __future__ import annotations

import base64
import gzip
import io
import shutil

import pytest
from lxml import etree
from PIL import Image
from sitebuild import CONTENT, ROOT, run_pelican

from sitekit.svgstrip import MAX_BYTES, published_svg, published_svgz
from sitekit.unstrippable import Unstrippable

SVG = "http://www.w3.org/2000/svg"

INKSCAPE = b"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg width="40" height="20" xmlns="http://www.w3.org/2000/svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/"
   xmlns:cc="http://creativecommons.org/ns#"
   xmlns:xlink="http://www.w3.org/1999/xlink"
   inkscape:export-filename="/home/priya/job-search/offer-letter.png"
   sodipodi:docname="salary-bands.svg">
  <title>Offers by month</title>
  <desc>Two bars: March and April</desc>
  <sodipodi:namedview id="view" inkscape:zoom="4" inkscape:current-layer="bars"/>
  <metadata>
    <rdf:RDF><cc:Work><dc:creator><cc:Agent><dc:title>Priya Raman</dc:title>
    </cc:Agent></dc:creator></cc:Work></rdf:RDF>
  </metadata>
  <!-- numbers from the offer I have not accepted yet -->
  <g id="bars" inkscape:label="Bars" inkscape:groupmode="layer">
    <rect id="march" width="10" height="12" style="fill:#1d5b4f"/>
    <use xlink:href="#march" x="20"/>
    <text x="2" y="18">Mar<tspan sodipodi:role="line">ch</tspan> and
<inkscape:x/>April</text>
  </g>
</svg>
"""


def left(svg: bytes) -> str:
    return published_svg(svg).decode()


def test_an_editors_records_and_comments_go_and_what_is_drawn_stays():
    written = left(INKSCAPE)

    for secret in ("/home/priya", "offer-letter", "salary-bands", "Priya Raman"):
        assert secret not in written
    for gone in ("inkscape", "sodipodi", "rdf", "metadata", "<!--", "not accepted"):
        assert gone not in written
    root = etree.fromstring(written.encode())
    assert root.tag == f"{{{SVG}}}svg" and root.get("width") == "40"
    assert root.findtext(f"{{{SVG}}}title") == "Offers by month"
    assert root.findtext(f"{{{SVG}}}desc") == "Two bars: March and April"
    text = root.find(f".//{{{SVG}}}text")
    # The text after a record taken out is kept.
    assert " ".join("".join(text.itertext()).split()) == "March and April"
    use = root.find(f".//{{{SVG}}}use")
    assert use.get("{http://www.w3.org/1999/xlink}href") == "#march"
    assert root.find(f".//{{{SVG}}}g").get("id") == "bars"


@pytest.mark.parametrize(
    "namespace",
    [
        "http://ns.adobe.com/AdobeIllustrator/10.0/",
        "http://www.bohemiancoding.com/sketch/ns",
        "http://www.serif.com/",
        "http://ns.adobe.com/xap/1.0/",
    ],
)
def test_other_editors_records_go_too(namespace):
    svg = (
        f'<svg xmlns="{SVG}" xmlns:e="{namespace}" e:owner="Priya">'
        '<e:record>C:\\Users\\priya\\offer.ai</e:record><circle r="2"/></svg>'
    ).encode()
    written = left(svg)
    assert "priya" not in written.lower() and "<circle" in written


def photo_with_exif() -> bytes:
    photo = Image.new("RGB", (4, 4), "red")
    exif = photo.getexif()
    exif[0x013B] = "Priya Raman"  # Artist
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS
    data = io.BytesIO()
    photo.save(data, "JPEG", exif=exif)
    return data.getvalue()


def test_a_photo_it_embeds_is_written_again_without_its_exif():
    photo = base64.b64encode(photo_with_exif()).decode()
    inner = base64.b64encode(INKSCAPE).decode()
    svg = (
        f'<svg xmlns="{SVG}" xmlns:xlink="http://www.w3.org/1999/xlink">'
        f'<image xlink:href="data:image/jpeg;base64,{photo}" width="4"/>'
        f'<image href="data:image/svg+xml;base64,{inner}" width="4"/></svg>'
    ).encode()
    root = etree.fromstring(published_svg(svg))
    first, second = root.iter(f"{{{SVG}}}image")
    href = first.get("{http://www.w3.org/1999/xlink}href")
    picture = base64.b64decode(href.split(",", 1)[1])
    assert b"Priya" not in picture and not Image.open(io.BytesIO(picture)).getexif()
    drawing = base64.b64decode(second.get("href").split(",", 1)[1])
    assert b"/home/priya" not in drawing and b"Offers by month" in drawing


def test_a_photo_in_a_css_url_is_written_again_without_its_exif():
    photo = base64.b64encode(photo_with_exif()).decode()
    svg = (
        f'<svg xmlns="{SVG}"><style>'
        f'.a {{ fill: url("data:image/jpeg;base64,{photo}") }}'
        " .b { fill: url(file:///home/priya/pattern.png) }</style>"
        f"<rect style=\"fill:url(data:image/jpeg;base64,{photo}) red\" width='1'/>"
        "<rect style='fill:url(#gradient)' width='1'/></svg>"
    ).encode()
    written = published_svg(svg)
    root = etree.fromstring(written)
    for css in (
        root.findtext(f"{{{SVG}}}style"),
        root.find(f"{{{SVG}}}rect").get("style"),
    ):
        address = css.split("url(", 1)[1].split(")", 1)[0].strip("\"'")
        picture = base64.b64decode(address.split(",", 1)[1])
        assert not Image.open(io.BytesIO(picture)).getexif()
    assert b"/home/priya" not in written and b"fill: none" in written
    assert b"url(#gradient)" in written


@pytest.mark.parametrize(
    "address",
    [
        "data: image/jpeg;base64,{photo}",  # a browser trims the space
        "data:application/octet-stream;base64,{photo}",  # drawn by its bytes
        "data:;base64,{photo}",
    ],
)
def test_a_photo_is_known_by_its_bytes_whatever_its_data_address_says(address):
    photo = base64.b64encode(photo_with_exif()).decode()
    svg = f'<svg xmlns="{SVG}"><image href="{address.format(photo=photo)}"/></svg>'
    written = etree.fromstring(published_svg(svg.encode()))
    href = written.find(f"{{{SVG}}}image").get("href")
    picture = base64.b64decode(href.split(",", 1)[1])
    assert not Image.open(io.BytesIO(picture)).getexif()


def test_pictures_and_paths_in_xhtml_inside_the_drawing_go_too():
    photo = base64.b64encode(photo_with_exif()).decode()
    xhtml = "http://www.w3.org/1999/xhtml"
    svg = (
        f'<?xml-stylesheet href="file:///home/priya/style.css" type="text/css"?>'
        f'<svg xmlns="{SVG}" xml:base="file:///home/priya/"><foreignObject>'
        f'<div xmlns="{xhtml}"><img src="data:image/jpeg;base64,{photo}" '
        f'srcset="data:image/jpeg;base64,{photo} 2x"/>'
        '<img src="\\\\laptop\\priya\\offer.png"/>'
        '<object data="file:///home/priya/offer.pdf"/></div></foreignObject></svg>'
    ).encode()
    written = published_svg(svg)
    assert b"priya" not in written and b"srcset" not in written
    img = etree.fromstring(written).find(f".//{{{xhtml}}}img")
    picture = base64.b64decode(img.get("src").split(",", 1)[1])
    assert not Image.open(io.BytesIO(picture)).getexif()


def test_what_no_browser_draws_goes_whatever_its_namespace():
    svg = (
        f'<svg xmlns="{SVG}" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns:imrep="http://ns.adobe.com/ImageReplacement/1.0/" '
        'xmlns:tool="urn:some-tool" tool:user="priya">'
        "<imrep:imrep><imrep:path>/Users/priya/offer.psd</imrep:path></imrep:imrep>"
        '<image xlink:href="file:///home/priya/linked.png" width="4"/>'
        '<image href="C:\\Users\\priya\\linked.png" width="4"/>'
        '<a xlink:href="https://example.org/"><circle r="2"/></a></svg>'
    ).encode()
    written = left(svg)
    assert "priya" not in written.lower()
    assert 'xlink:href="https://example.org/"' in written and "<circle" in written


def test_a_packed_drawing_is_unpacked_written_so_and_packed_again():
    written = published_svgz(gzip.compress(INKSCAPE))
    drawing = gzip.decompress(written)
    assert b"/home/priya" not in drawing and b"Offers by month" in drawing
    assert published_svgz(gzip.compress(INKSCAPE)) == written  # the same bytes
    favicon = (ROOT / "theme" / "static" / "favicon.svg").read_bytes()
    assert published_svgz(gzip.compress(favicon)) is None
    with pytest.raises(Unstrippable, match="no gzip"):
        published_svgz(b"not packed")


def test_a_drawing_with_a_large_photo_or_deep_groups_is_written_again():
    deep = "<g>" * 300 + "<rect width='1' height='1'/>" + "</g>" * 300
    big = base64.b64encode(b"\0" * (12 << 20)).decode()  # no picture: kept
    svg = (
        f'<svg xmlns="{SVG}"><!-- note -->{deep}'
        f'<image href="data:text/plain;base64,{big}"/></svg>'
    ).encode()
    assert b"note" not in published_svg(svg)


def test_a_drawing_with_nothing_to_take_out_is_copied_as_it_is():
    favicon = (ROOT / "theme" / "static" / "favicon.svg").read_bytes()
    assert published_svg(favicon) is None


def test_its_own_entities_are_read_and_its_doctype_goes():
    svg = b"""<?xml version="1.0" encoding="iso-8859-1"?>
<!DOCTYPE svg [
  <!ENTITY ns_svg "http://www.w3.org/2000/svg">
  <!ENTITY author "Priya Raman">
  <!ENTITY st0 "fill:#FF0000;">
]>
<?xml-stylesheet href="bars.css" type="text/css"?>
<svg xmlns="&ns_svg;"><rect style="&st0;" width="1" height="1"/>
<text>M\xe4rz</text></svg>
"""
    written = left(svg)
    assert "Priya" not in written and "DOCTYPE" not in written
    assert 'style="fill:#FF0000;"' in written and "März" in written
    assert '<?xml-stylesheet href="bars.css"' in written  # it is drawn with it
    etree.fromstring(written.encode())


@pytest.mark.parametrize(
    ("svg", "said"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><g></svg>', "not well-formed XML"),
        (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM '
            b'"file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">'
            b"<text>&x;</text></svg>",
            "not well-formed XML",
        ),
        (b"<html><body>not a drawing</body></html>", "first element is not <svg>"),
        (b" " * (MAX_BYTES + 1), "larger than"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg">'
            b'<image href="data:image/jpeg;base64,/9j/AAAA"/></svg>',
            "cannot be decoded",
        ),
    ],
)
def test_a_file_that_cannot_be_read_as_a_drawing_fails_closed(svg, said):
    with pytest.raises(Unstrippable, match=said):
        published_svg(svg)


def drawing_site(tmp_path, svg: bytes):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "images" / "bars.svg").write_bytes(svg)
    return content


def test_a_published_build_writes_the_drawing_without_them_a_local_one_as_it_is(
    tmp_path,
):
    content = drawing_site(tmp_path, INKSCAPE)
    (content / "images" / "bars.svgz").write_bytes(gzip.compress(INKSCAPE))

    published = run_pelican(content, tmp_path / "published", conf="publishconf.py")
    local = run_pelican(content, tmp_path / "local")

    assert local.returncode == 0, local.stdout + local.stderr
    assert published.returncode == 0, published.stdout + published.stderr
    written = (tmp_path / "published" / "images" / "bars.svg").read_bytes()
    assert b"/home/priya" not in written and b"<title>Offers by month" in written
    packed = (tmp_path / "published" / "images" / "bars.svgz").read_bytes()
    assert b"/home/priya" not in gzip.decompress(packed)
    assert (tmp_path / "local" / "images" / "bars.svg").read_bytes() == INKSCAPE
    assert (content / "images" / "bars.svg").read_bytes() == INKSCAPE  # only read
    favicon = (ROOT / "theme" / "static" / "favicon.svg").read_bytes()
    assert (tmp_path / "published" / "theme" / "favicon.svg").read_bytes() == favicon


def test_a_drawing_that_is_no_xml_stops_a_published_build_in_one_line(tmp_path):
    content = drawing_site(tmp_path, b'<svg xmlns="http://www.w3.org/2000/svg"><g>')

    published = run_pelican(content, tmp_path / "published", conf="publishconf.py")

    said = published.stdout + published.stderr
    assert published.returncode != 0 and "Traceback" not in said
    (line,) = [line for line in said.splitlines() if "bars.svg" in line]
    assert "not well-formed XML" in line and "[unreadable-static-image]" in line
