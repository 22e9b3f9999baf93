"""WordPress post HTML to Markdown.

WordPress stores a post without its paragraphs: it adds the <p> tags when it
shows the post (its "autop" step), and expands shortcodes such as
``[caption]`` then too. Pelican's own importer has both steps in
``decode_wp_content``, which also keeps ``<pre>`` blocks whole, blank lines
and indentation included; this module uses it (its caption step done in
linear time: ``wp_captions``), then gives every image a
paragraph of its own and hands the HTML to markdownify, told how the site
reads Markdown (``SiteMarkdownConverter``).
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdownify import MarkdownConverter

from reflections.parse.fences import fenced_code_lines
from reflections.parse.kinds import KINDS
from reflections.parse.names import callout_marker
from sitekit.drawn import as_read
from sitekit.markers import CANONICAL, has_private_marker

from .wp_captions import decoded_with_captions
from .wp_numbered_lists import ListsWrittenAsHtml, html_item, html_list
from .wp_tables import html_table, table_written_as_html

#: How deep a post's markup may nest before what lies deeper is kept as
#: its text: far past any post, far short of Python's stack.
MAX_NESTING = 60


def html_to_markdown(html: str) -> str:
    """Markdown for a WordPress post or comment body."""
    if not html.strip():
        return "\n"
    decoded = decoded_with_captions(_comments_removed(html.replace("\r\n", "\n")))
    soup = BeautifulSoup(decoded, "html.parser")
    _deep_markup_as_text(soup)
    _markers_in_attributes_kept_with_text(soup)
    _addresses_that_run_dropped(soup)
    _angle_brackets_in_text_kept_as_text(soup)
    _captions_as_paragraphs(soup)
    _images_in_their_own_paragraphs(soup)
    markdown = SiteMarkdownConverter(heading_style="ATX", bullets="-").convert(
        str(soup)
    )
    markdown = "\n".join(line.rstrip() for line in markdown.splitlines()).strip()
    # Indented after the strip, and only blank lines stripped after: the
    # indent of private code that opens the post is what makes it code,
    # hidden whole by its marker (stripped, its first line was a paragraph).
    markdown = _private_fences_indented(markdown)
    markdown = _callouts_kept_as_quotes(markdown)
    return re.sub(r"\n{3,}", "\n\n", markdown).strip("\n") + "\n"


def _callouts_kept_as_quotes(markdown: str) -> str:
    """A quote whose text opens with a callout's name (``> [!lesson]``,
    ``> [ ! Story ]``) stays a quote: an empty HTML comment, which draws
    nothing, goes before the name.

    The writer of a WordPress post marked no lesson or story: written as
    it was, the quote became one on the new site, and one with no
    statement stopped the build. The lines are those the site's callout
    reader would take (``reflections.parse``: its own functions, fenced code
    left alone, a quote holding a private marker left to hide)."""
    if "!" not in markdown:
        return markdown
    lines = markdown.split("\n")
    code = fenced_code_lines(markdown)
    for index, line in enumerate(lines):
        marker = None if index in code else callout_marker(line)
        if marker is None or marker.kind not in KINDS or has_private_marker(line):
            continue
        if len(marker.indent.expandtabs(4)) >= 4:
            continue  # indented code: shown as written
        cut = len(marker.indent) + len(marker.list) + len(marker.quotes)
        lines[index] = f"{line[:cut]}{_EMPTY_FIRST_LINE}{line[cut:]}"
    return "\n".join(lines)


def _comments_removed(html: str) -> str:
    """The post without its HTML comments (``<!--more-->``, the block
    editor's ``<!-- wp:paragraph -->``), which no reader sees.

    The paragraph step gave a line holding only a comment a ``<br />``, so
    each "Read more" break showed as two empty lines; a line emptied here
    is a paragraph break. Found with ``str.find``, in time in proportion to
    the post: a lazy pattern read on from each ``<!--`` that never closes.
    An unclosed one is left to the HTML parser, which ends it there."""
    pieces, position = [], 0
    while (start := html.find("<!--", position)) != -1:
        end = html.find("-->", start + 4)
        if end == -1:
            break
        pieces.append(html[position:start])
        position = end + 3
    return "".join(pieces) + html[position:]


#: Python-Markdown's ``tab_length``: how far a list item's other blocks are
#: indented, and how far code is indented past its container's text.
_INDENT = " " * 4
#: Elements whose blocks Markdown writes indented or quoted: a fence inside
#: one is no fence to Python-Markdown, which finds fences at the margin.
_CONTAINERS = frozenset({"li", "blockquote"})
#: The indent of code in a container until the Markdown is whole: markdownify
#: strips the text of a list item and of a quote, which took the indent of
#: code that opens one. NUL is never text; the HTML's own are dropped.
_CODE_INDENT = "\x00" * len(_INDENT)
#: A list item's first line when it opens with code: Python-Markdown cannot
#: open an item with indented code (``-`` alone is no item). An empty HTML
#: comment is a block of its own that draws nothing (``&nbsp;`` was an empty
#: paragraph, a blank line between the bullet and the code).
_EMPTY_FIRST_LINE = "<!-- -->"
#: A line break as written: markdownify's two trailing spaces are stripped
#: with every line's (and an editor strips them too), a ``<br />`` is not.
_LINE_BREAK = "<br />"


class SiteMarkdownConverter(MarkdownConverter):
    """markdownify's Markdown, written for the reader the site has:
    Python-Markdown (``MARKDOWN`` in pelicanconf.py).

    markdownify writes for CommonMark: a list item's blocks indented by its
    bullet's width (two, or three after ``1.``) and code as a fence
    wherever it lies. Python-Markdown wants a list item's blocks four
    spaces in, and reads a fence only at the margin: a ``<pre>`` in a list
    item or a quote showed its backticks as text, the code run into one
    line, and a nested list or a second paragraph left its item. Here a
    list item's blocks are indented four spaces, an item holding blocks (a
    blank line between them) is followed by a blank line (else the next
    item is read as more code) and no other item is, and
    code in a list item or quote is indented code, which a private marker
    inside hides whole, as it hides the code that opens a post
    (``_private_fences_indented``). A ``<br>`` stays ``<br />``: the two
    trailing spaces markdownify writes are stripped with every line's, and
    the lines ran into one; in a table's cell too, which markdownify made a
    space. ``convert`` gives the Markdown whole."""

    def convert(self, html):
        self.written_as_html = ListsWrittenAsHtml()  # this document's lists
        written = super().convert(html.replace("\x00", ""))
        return written.replace("\x00", " ")

    def convert_pre(self, el, text, parent_tags):
        fenced = super().convert_pre(el, text, parent_tags)
        if not fenced or not parent_tags & _CONTAINERS:
            return fenced
        code = fenced.strip("\n").split("\n")[1:-1]  # the fence's lines off
        indented = "\n".join(f"{_CODE_INDENT}{line}".rstrip() for line in code)
        return f"\n\n{indented}\n\n"

    def convert_br(self, el, text, parent_tags):
        broken = super().convert_br(el, text, parent_tags)
        if parent_tags & {"pre", "code"}:
            return broken  # code: no break to keep
        if parent_tags & {"td", "th"}:
            # A cell is one line (of a Markdown table, or of a table written
            # as HTML): markdownify made its break a space; as HTML it stays.
            return _LINE_BREAK + " "
        if "\n" not in broken:
            return broken  # a heading's: a heading is one line
        return _LINE_BREAK + broken.lstrip(" ")

    def convert_blockquote(self, el, text, parent_tags):
        quoted = super().convert_blockquote(el, text, parent_tags)
        if "li" in parent_tags and quoted.strip():
            # One new line opens a quote in CommonMark; Python-Markdown reads
            # a ``>`` right after an item's text as more of that text.
            return "\n" + quoted
        return quoted

    def convert_list(self, el, text, parent_tags):
        if self.written_as_html(el):  # numbered past 1 (wp_numbered_lists)
            return html_list(el, text)
        return super().convert_list(el, text, parent_tags)

    convert_ul = convert_ol = convert_list

    def convert_table(self, el, text, parent_tags):
        if table_written_as_html(el):  # a cell holds blocks (wp_tables)
            return html_table(el, self.process_element)
        return super().convert_table(el, text, parent_tags)

    def convert_li(self, el, text, parent_tags):
        if (text or "").lstrip("\n").startswith(_CODE_INDENT):
            text = f"{_EMPTY_FIRST_LINE}\n\n{text.lstrip(chr(10))}"
        if el.parent is not None and self.written_as_html(el.parent):
            return html_item(el, text)
        item = super().convert_li(el, text, parent_tags)
        bullet_width = len(item.split(" ", 1)[0]) + 1
        first, *rest = item.rstrip("\n").split("\n")
        rest = [_INDENT + line[bullet_width:] if line else line for line in rest]
        # A blank line after an item makes the next item's text a paragraph
        # (spaced apart), so only an item holding blocks gets one: a line
        # break or a nested list alone keeps the list as WordPress drew it.
        blocks = "\n" if "" in rest else ""
        return "\n".join([first, *rest]) + "\n" + blocks


def _private_fences_indented(markdown: str) -> str:
    """Each fence the site will read whose code holds a private marker,
    written as an indented code block instead.

    A post's fenced code is literal, so a fenced example of the syntax
    shows, because a writer never types a fence by accident. The writer of
    an imported post typed none: the import made it (of a ``<pre>``, or of
    backticks typed as text). Indented code is not literal, so the marker
    hides the whole block, as it would have anywhere else in the post; the
    code keeps its lines. Fences are found with Python-Markdown's own
    pattern, the one the site reads them with."""
    pattern = FencedBlockPreprocessor.FENCED_BLOCK_RE
    position, pieces = 0, []
    while match := pattern.search(markdown, position):
        code = match.group("code")
        if has_private_marker(code) or has_private_marker(as_read(code)):
            indented = "\n".join(f"    {line}".rstrip() for line in code.splitlines())
            pieces += [markdown[position : match.start()], f"\n\n{indented}\n\n"]
        else:
            pieces.append(markdown[position : match.end()])
        position = match.end()
    return "".join(pieces) + markdown[position:]


def _deep_markup_as_text(soup: BeautifulSoup) -> None:
    """Markup nested deeper than ``MAX_NESTING`` becomes its text.

    markdownify recurses once per level (and a few frames each), so a post
    of lists nested a thousand deep, which an export can hold, stopped the
    import with a RecursionError; no post a person wrote nests this deep.
    The walk keeps a stack of its own."""
    too_deep: list[Tag] = []
    waiting: list[tuple[Tag, int]] = [(soup, 0)]
    while waiting:
        element, depth = waiting.pop()
        for child in element.children:
            if not isinstance(child, Tag):
                continue
            if depth + 1 > MAX_NESTING:
                too_deep.append(child)
            else:
                waiting.append((child, depth + 1))
    for element in too_deep:
        element.replace_with(NavigableString(element.get_text(" ")))


def _markers_in_attributes_kept_with_text(soup: BeautifulSoup) -> None:
    """markdownify keeps few attributes (a link's and an image's title and
    alt), so a private marker in any other (``<p title="[!private] …">``,
    which the page shows as a tooltip, a ``data-`` or ``class`` value) was
    dropped and the text it marked imported as public. Each element whose
    attributes hold a marker, as the page shows it, has the marker put
    before every piece of its text and in the alt text of every image in
    it (an image gets a paragraph of its own), or before the element when
    it has neither, so every block of the Markdown that holds its
    text holds the marker too, and the site's reader hides them."""
    for element in soup.find_all(_has_marker_in_attributes):
        texts = [
            text
            for text in element.find_all(string=True)
            if text.strip() and not isinstance(text, Comment)
        ]
        images = [element] if element.name == "img" else element.find_all("img")
        for image in images:  # an image is given a paragraph of its own
            alt = str(image.get("alt", ""))
            if not has_private_marker(alt):
                image["alt"] = f"{CANONICAL} {alt}".rstrip()
        if not texts and not images:
            element.insert_before(NavigableString(f"{CANONICAL} "))
        for text in texts:
            text.replace_with(NavigableString(f"{CANONICAL} {text}"))


def _has_marker_in_attributes(element: Tag) -> bool:
    for value in element.attrs.values():
        text = " ".join(value) if isinstance(value, list) else str(value)
        if has_private_marker(text) or has_private_marker(as_read(text)):
            return True
    return False


def _addresses_that_run_dropped(soup: BeautifulSoup) -> None:
    """A link or image whose address is not a web or mail address
    (``javascript:``, ``data:``, ``vbscript:``) keeps its words and loses
    the address.

    An export is written by others (a compromised blog, a commenter), and
    the Markdown written here is published as the site's own HTML, where a
    ``javascript:`` link runs on a reader's click."""
    for link in soup.find_all("a", href=True):
        if not _safe_address(link["href"], ("http", "https", "mailto")):
            link.unwrap()
    for image in soup.find_all("img", src=True):
        if not _safe_address(image["src"], ("http", "https")):
            image.replace_with(NavigableString(image.get("alt", "")))


def _angle_brackets_in_text_kept_as_text(soup: BeautifulSoup) -> None:
    """Text that reads as markup (a post about HTML showing ``<script>``,
    written ``&lt;script&gt;``) stays text.

    markdownify writes a text's ``<`` as it is, and Markdown passes what
    then looks like a tag through as raw HTML: shown text would become a
    live ``<script>`` on the new site. Written ``&lt;``, Markdown shows it
    as ``<``. Code keeps its own: Markdown escapes inside code itself."""
    for text in soup.find_all(string=lambda s: "<" in s):
        if type(text) is NavigableString and not text.find_parent(["code", "pre"]):
            text.replace_with(NavigableString(text.replace("<", "&lt;")))


def _safe_address(address: str, schemes: tuple[str, ...]) -> bool:
    """A relative address, or one with one of ``schemes``. A browser drops
    spaces and control characters before it reads the scheme
    (``java\tscript:``), so they are dropped here too."""
    plain = "".join(c for c in address if c > " " and c != "\x7f").lower()
    scheme = _SCHEME.match(plain)
    return scheme is None or scheme.group(1) in schemes


_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def _captions_as_paragraphs(soup: BeautifulSoup) -> None:
    """A ``[caption]`` (now a <figure>): the image, then its caption in
    italics, each a paragraph. A figure of no image (the block editor puts
    every table in one) keeps what it holds, its caption after it."""
    for figure in soup.find_all("figure"):
        caption = figure.find("figcaption")
        text = caption.get_text(" ", strip=True) if caption else ""
        if caption:
            caption.extract()
        if figure.find("table") is not None or not figure.find_all("img"):
            # The block editor's table (or other figure): kept whole, its
            # caption below it as WordPress shows it (it was dropped whole).
            if text:
                figure.insert_after(_caption_paragraph(soup, text))
            figure.unwrap()
            continue
        replacement = []
        for unit in [_image_unit(img) for img in figure.find_all("img")]:
            paragraph = soup.new_tag("p")
            paragraph.append(unit.extract())
            replacement.append(paragraph)
        if text:
            replacement.append(_caption_paragraph(soup, text))
        for element in reversed(replacement):
            figure.insert_after(element)
        figure.decompose()


def _caption_paragraph(soup: BeautifulSoup, text: str) -> Tag:
    paragraph = soup.new_tag("p")
    emphasis = soup.new_tag("em")
    emphasis.string = text
    paragraph.append(emphasis)
    return paragraph


def _images_in_their_own_paragraphs(soup: BeautifulSoup) -> None:
    """Split a paragraph around each image in it, so that no image is glued
    to a sentence (Markdown has no other way to keep them apart)."""
    for paragraph in soup.find_all("p"):
        units = {id(_image_unit(img)) for img in paragraph.find_all("img")}
        if not units:
            continue
        pieces: list[list] = [[]]
        for child in list(paragraph.children):
            if id(child) in units:
                pieces.append([child.extract()])
                pieces.append([])
            else:
                pieces[-1].append(child.extract())
        for piece in reversed([p for p in pieces if _has_content(p)]):
            new = soup.new_tag("p")
            for child in _trim_breaks(piece):
                new.append(child)
            paragraph.insert_after(new)
        paragraph.decompose()


def _image_unit(img: Tag) -> Tag:
    """The image, or the link around it when the link holds nothing else."""
    parent = img.parent
    if (
        isinstance(parent, Tag)
        and parent.name == "a"
        and not parent.get_text(strip=True)
        and len(parent.find_all("img")) == 1
    ):
        return parent
    return img


def _has_content(children: list) -> bool:
    return any(
        (isinstance(child, Tag) and child.name != "br")
        or (isinstance(child, NavigableString) and bool(child.strip()))
        for child in children
    )


def _trim_breaks(children: list) -> list:
    """Drop line breaks and blank text at the edges of a split paragraph."""

    def blank(child) -> bool:
        if isinstance(child, Tag):
            return child.name == "br"
        return not str(child).strip()

    while children and blank(children[0]):
        children = children[1:]
    while children and blank(children[-1]):
        children = children[:-1]
    return children
