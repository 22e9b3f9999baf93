"""A callout's body as it is quoted away from its post.

A lesson's note, a story's parts and an answer are shown on other pages
(the lesson's page, the story and question banks, the desk) and in the
data. What belongs to the post's own page does not go with them:

* a footnote reference: quoted, it would link to a note that is not there
  and glue its number to the text ("31%1");
* an ``id`` (a heading's, from the table of contents, or one written with
  ``{#...}``): a page quoting two posts whose notes share a heading would
  hold the id twice, and it could be one of that page's own;
* a link within the post (``[why](#why)``) and the post's table of
  contents (``[TOC]`` in the note): on another page they lead nowhere, so
  a link is left as its text and the table of contents is left out.

The post itself keeps all of them: only the copy quoted is changed.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from copy import deepcopy


def as_quoted(element: etree.Element) -> etree.Element:
    """``element``, or a copy of it without what belongs to its post."""
    if not any(_belongs_to_post(child) for child in element.iter()):
        return element
    copy = deepcopy(element)
    for parent in list(copy.iter()):
        for child in list(parent):
            if _is_footnote_reference(child) or _is_table_of_contents(child):
                _remove_keeping_tail(parent, child)
            elif _is_link_within_post(child):
                _unwrap(parent, child)
    for descendant in copy.iter():
        descendant.attrib.pop("id", None)
    return copy


def _belongs_to_post(element: etree.Element) -> bool:
    return (
        "id" in element.attrib
        or _is_footnote_reference(element)
        or _is_table_of_contents(element)
        or _is_link_within_post(element)
    )


def _is_footnote_reference(element: etree.Element) -> bool:
    """The footnotes extension's ``<sup><a class="footnote-ref">``."""
    return element.tag == "sup" and any(
        "footnote-ref" in (link.get("class") or "").split() for link in element
    )


def _is_table_of_contents(element: etree.Element) -> bool:
    """The toc extension's ``<div class="toc">``."""
    return element.tag == "div" and "toc" in (element.get("class") or "").split()


def _is_link_within_post(element: etree.Element) -> bool:
    return element.tag == "a" and (element.get("href") or "").startswith("#")


def _remove_keeping_tail(parent: etree.Element, child: etree.Element) -> None:
    _put_text_before(parent, child, child.tail)
    parent.remove(child)


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    """Put ``child``'s text and children where it is, then remove it."""
    _put_text_before(parent, child, child.text)
    position = list(parent).index(child)
    for offset, grandchild in enumerate(list(child)):
        parent.insert(position + offset, grandchild)
    _remove_keeping_tail(parent, child)


def _put_text_before(parent: etree.Element, child: etree.Element, text) -> None:
    """Add ``text`` after whatever comes before ``child`` in ``parent``."""
    if not text:
        return
    before = list(parent).index(child)
    if before:
        previous = parent[before - 1]
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
