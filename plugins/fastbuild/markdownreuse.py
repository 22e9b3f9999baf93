"""One Python-Markdown object per reader, reset between posts.

Pelican 4.12's ``MarkdownReader.read`` builds a new ``markdown.Markdown``
from the ``MARKDOWN`` setting for every file it reads: every extension is
looked up, configured and registered again, about 3% of a build's CPU.
Python-Markdown is made to be reused: ``Markdown.reset()`` "resets all
state variables to prepare the parser instance for new input", and calls
the ``reset()`` of every extension that keeps state (footnotes,
abbreviations, meta, toc, the site's callouts and private blocks).

No public API of Pelican serves: the reader keeps its Markdown in the
private ``_md``, where its ``_parse_metadata`` finds it and takes the meta
preprocessor out of it (so that a formatted field such as ``Summary`` is not
read for metadata). So the site's Markdown reader class gets Pelican's
``read`` step replaced by one that keeps the object, puts the meta
preprocessor back where it was, and resets it before each file; whatever
the site's reader adds around Pelican's ``read`` runs as before.

A Markdown object is reused only when every processor it runs, and every
extension that keeps state, comes from a module whose state was read and
found to be cleared by ``reset()`` or to be made again on every conversion
(``AUDITED_MODULES``); footnotes with ``UNIQUE_IDS`` number each reset, so a
site that asks for them is not reused either. Otherwise the reader builds a
new Markdown for every post, as Pelican does: an extension this plugin does
not know can never leave one post's state in the next.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

#: Modules whose processors and extensions keep no state from one document
#: to the next once ``Markdown.reset()`` has run (Python-Markdown 3.11's
#: core and the extensions the project's settings use, and the project's own
#: Markdown extensions, which begin each post with ``start_document``).
AUDITED_MODULES = frozenset(
    {
        "markdown.preprocessors",
        "markdown.blockprocessors",
        "markdown.treeprocessors",
        "markdown.inlinepatterns",
        "markdown.postprocessors",
        "markdown.extensions.abbr",
        "markdown.extensions.attr_list",
        "markdown.extensions.codehilite",
        "markdown.extensions.def_list",
        "markdown.extensions.extra",
        "markdown.extensions.fenced_code",
        "markdown.extensions.footnotes",
        "markdown.extensions.md_in_html",
        "markdown.extensions.meta",
        "markdown.extensions.smarty",
        "markdown.extensions.tables",
        "markdown.extensions.toc",
        "sitekit.privateblocks",
        "sitekit.sitewords",
        "sitekit.smarty",
        "sitekit.tablescroll",
        "sitekit.toc",
        "reflections.parse.callouts",
        "reflections.parse.cleanup",
        "reflections.parse.references",
    }
)

#: The name and priority Python-Markdown 3.11's meta extension registers
#: its preprocessor with (``MetaExtension.extendMarkdown``).
META = "meta"
META_PRIORITY = 27


def wrap_readers(readers) -> None:
    """Give every Markdown reader class the site uses a kept Markdown."""
    if not readers.settings.get("FASTBUILD_REUSE_MARKDOWN", True):
        return
    wrapped: dict[type, type] = {}
    for extension, reader_class in list(readers.reader_classes.items()):
        if (
            reader_class is None
            or not issubclass(reader_class, MarkdownReader)
            or issubclass(reader_class, KeptMarkdown)
        ):
            continue
        if reader_class not in wrapped:
            wrapped[reader_class] = _keeping(reader_class)
        readers.reader_classes[extension] = wrapped[reader_class]


def _keeping(reader_class: type) -> type:
    """``reader_class`` with ``KeptMarkdown.read`` in place of Pelican's.

    ``KeptMarkdown`` comes after ``reader_class`` and before Pelican's
    ``MarkdownReader`` in the new class's method order, so the site's
    reader's ``super().read()`` reaches it."""
    if reader_class is MarkdownReader:
        bases: tuple[type, ...] = (KeptMarkdown,)
    else:
        bases = (reader_class, KeptMarkdown)
    return type(
        reader_class.__name__,
        bases,
        {"__module__": __name__},
    )


class KeptMarkdown(MarkdownReader):
    """Pelican 4.12's ``MarkdownReader.read``, with one Markdown kept."""

    #: The reader's Markdown; False once it is found not to be reusable.
    kept_markdown: Markdown | bool | None = None
    #: The preprocessors in order, as the Markdown was built.
    kept_preprocessors: tuple = ()
    #: Its meta preprocessor, put back after each file.
    kept_meta: Any = None

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        markdown = self._markdown_for_next_file()
        if markdown is None:
            return super().read(source_path)
        # Pelican 4.12 MarkdownReader.read, with ``markdown`` for the new
        # Markdown it builds: _source_path names the file in its warnings,
        # _md is where its _parse_metadata converts formatted fields.
        self._source_path = source_path
        self._md = markdown
        try:
            with pelican_open(source_path) as text:
                content = markdown.convert(text)
            if hasattr(markdown, "Meta"):
                # Pelican 4.12: converts Summary and other formatted fields
                # with self._md, after taking the meta preprocessor out of it.
                metadata = self._parse_metadata(markdown.Meta)
            else:
                metadata = {}
        except BaseException:
            # A conversion stopped half way leaves state that reset() does
            # not clear (the block parser's stack of open blocks): the next
            # file gets a new Markdown.
            if self.kept_markdown is markdown:
                self.kept_markdown = None
            raise
        return content, metadata

    def _markdown_for_next_file(self) -> Markdown | None:
        """The kept Markdown, as a new one would be; None: build a new one."""
        kept = self.kept_markdown
        if kept is False:
            return None
        if kept is None:
            markdown = Markdown(**self.settings["MARKDOWN"])  # reset as it is made
            if reusable(markdown):
                self.kept_markdown = markdown
                self.kept_preprocessors = tuple(markdown.preprocessors)
                self.kept_meta = markdown.preprocessors[META]
            else:
                self.kept_markdown = False
            return markdown
        if META not in kept.preprocessors:
            kept.preprocessors.register(self.kept_meta, META, META_PRIORITY)
            if tuple(kept.preprocessors) != self.kept_preprocessors:
                # Not where it was: never reuse this one.
                self.kept_markdown = False
                return None
        return kept.reset()


def reusable(markdown: Markdown) -> bool:
    """Whether ``reset()`` leaves ``markdown`` as a new one would be."""
    parts = [
        *markdown.preprocessors,
        *markdown.parser.blockprocessors,
        *markdown.treeprocessors,
        *markdown.inlinePatterns,
        *markdown.postprocessors,
        *markdown.registeredExtensions,
    ]
    if any(type(part).__module__ not in AUDITED_MODULES for part in parts):
        return False
    # Pelican's reader always adds the meta extension, and takes its
    # preprocessor out by name: it must be the only one, under that name.
    meta = [item for item in markdown.preprocessors if _is_meta(item)]
    if META not in markdown.preprocessors or meta != [markdown.preprocessors[META]]:
        return False
    return not any(
        _numbers_each_reset(extension) for extension in markdown.registeredExtensions
    )


def _is_meta(item: Any) -> bool:
    return type(item).__module__ == "markdown.extensions.meta"


def _numbers_each_reset(extension: Any) -> bool:
    """Footnotes with unique ids count resets into their ids: a kept
    Markdown's count would not be a new one's."""
    return type(extension).__module__ == "markdown.extensions.footnotes" and bool(
        extension.getConfig("UNIQUE_IDS")
    )
