"""The site's own words in a post written in another language.

A post in French (``Lang: fr``) has English words of the site's inside
its body too: a callout's label ("Lesson", "Story", "I asked"), a story's
parts ("Situation", "Task"), its "Lessons:" line, a footnote's "Jump back
to footnote 1 in the text". Under the page's ``lang="fr"`` a screen reader
reads them in a French voice. Whatever writes such words into the body
marks the element with ``mark``; ``SiteWordsExtension``, the last of the
reader's tree processors, gives each marked element the site's language
(``lang``, and ``dir`` where the two run different ways) when the post is
in another, and takes the mark off either way, so a post in the site's
language gains no byte. Python-Markdown's own words (the footnotes' back
links) are marked here.

The theme does the same for its words around the post (the presentation
plugin's ``site_words`` global), with the same attributes
(``site_word_attributes``).

An attribute cannot hold words in two languages: a writer of such a label
(a table's box, named after its headings) asks ``in_site_language``.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

#: The attribute that marks an element as the site's words; never written.
MARK = "data-site-words"
#: After every other tree processor that writes words (footnotes 50, the
#: callouts, tables 15), before the tree is serialised.
PRIORITY = 5

#: Scripts written from right to left (ISO 15924 codes, lower case).
RIGHT_TO_LEFT_SCRIPTS = frozenset(
    "adlm arab aran hebr mand mend nkoo rohg samr syrc thaa yezi".split()
)
#: Languages whose usual script runs right to left (ISO 639 codes).
RIGHT_TO_LEFT_LANGUAGES = frozenset(
    "ar arc azb bal bqi ckb dv fa glk he iw ji khw ks lrc mzn nqo pnb prs ps "
    "sd sdh syr ug ur yi".split()
)


def direction(lang: object) -> str:
    """``"rtl"`` for a tag (``ar``, ``he-IL``, ``pa-Arab``) whose text runs
    right to left, else ``"ltr"`` (none given included)."""
    subtags = str(lang or "").replace("_", "-").lower().split("-")
    for subtag in subtags[1:]:
        if len(subtag) == 4 and subtag.isalpha():  # the script, if any
            return "rtl" if subtag in RIGHT_TO_LEFT_SCRIPTS else "ltr"
    return "rtl" if subtags[0] in RIGHT_TO_LEFT_LANGUAGES else "ltr"


def site_word_attributes(default_lang: str | None, lang: str | None) -> dict[str, str]:
    """The attributes that keep the site's words in the site's language
    inside something written in ``lang``: none when the two are one (or
    either is unknown)."""
    if not default_lang or not lang or lang == default_lang:
        return {}
    attributes = {"lang": default_lang}
    if direction(lang) != direction(default_lang):
        attributes["dir"] = direction(default_lang)
    return attributes


def mark(element: etree.Element) -> etree.Element:
    """Mark ``element`` as holding the site's words, not the writer's."""
    element.set(MARK, "")
    return element


def document_lang(md: Markdown) -> str | None:
    """The ``Lang:`` of the document being converted, if it has one."""
    meta = getattr(md, "Meta", None) or {}
    value = meta.get("lang")
    if isinstance(value, list):
        value = " ".join(value)
    if not isinstance(value, str):
        return None
    return value.strip() or None


def in_site_language(md: Markdown) -> bool:
    """Whether the document being converted is in the site's language (so
    an attribute may mix the site's words with the writer's). True when no
    ``SiteWordsExtension`` says what the site's language is."""
    default_lang = getattr(md, "site_default_lang", None)
    return not site_word_attributes(default_lang, document_lang(md))


def take_marks_off(md: Markdown) -> None:
    """Have ``md`` take every mark off (the extension that marks calls it),
    giving the marked elements the site's language where a
    ``SiteWordsExtension`` says what it is: a mark is never written."""
    if "site-words" not in md.treeprocessors:
        md.treeprocessors.register(SiteWords(md), "site-words", PRIORITY)


class SiteWords(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        default_lang = getattr(self.md, "site_default_lang", None)
        attributes = site_word_attributes(default_lang, document_lang(self.md))
        for element in root.iter():
            if element.get("class") == "footnote-backref":
                mark(element)  # its title: "Jump back to footnote 1 in the text"
            if MARK in element.attrib:
                del element.attrib[MARK]
                element.attrib.update(attributes)


class SiteWordsExtension(Extension):
    def __init__(self, default_lang: str | None, **kwargs):
        self.default_lang = default_lang
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.site_default_lang = self.default_lang
        take_marks_off(md)
