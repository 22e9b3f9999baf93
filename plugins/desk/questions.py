"""Readers' questions still waiting for the writer's answer.

A reader's comment that asks something (a sentence ending in ``?``, or in
the question mark of another script: ``？``, ``؟``) waits
until the post's author replies to it, directly or further down its
thread. The comments plugin threads the comments and marks the author's
own (``article.comment_thread``, declared as needed); this module only
reads those nodes, so it works on any object with their attributes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .model import PostFacts

#: What ends a question in the scripts readers write: ``?``, its fullwidth
#: and small forms (Chinese, Japanese), ``؟`` (Arabic, Persian, Urdu), the
#: interrobang and ``⁇``-like pairs, the Armenian and Ethiopic marks.
QUESTION_MARKS = "?？﹖︖؟‽⁇⁈⁉՞፧"
#: What may close a sentence after its mark: quotes and brackets.
_CLOSERS = "\"'”’)」』"
#: The marks that end a sentence with no space after it: Chinese and
#: Japanese put none between sentences (``请问你是怎么准备的？谢谢！``).
_UNSPACED_ENDS = "。！？﹖︖．"
#: Where one sentence ends and the next starts (linear: comments are
#: untrusted); the quotes and brackets that close it are kept with it.
#: After ``?`` or ``.`` a space is needed: ``page?id=3`` is one sentence.
_SENTENCE_END = re.compile(
    rf"(?:(?<=[{_UNSPACED_ENDS}])([{re.escape(_CLOSERS)}]*)\s*"
    rf"|(?<=[.!{QUESTION_MARKS}])([{re.escape(_CLOSERS)}]*)\s+)"
)
EXCERPT_LENGTH = 240
#: A question or exclamation mark with no space after it, between a letter
#: and a word that starts with a capital (``Did he reply?Thanks.``): a
#: sentence's end typed without its space, told apart from an address's
#: query or code (``page?id=3``, ``a?b``, ``x?Y:z``) by ``_unspaced_end``.
_UNSPACED_MARK = re.compile(
    rf"(?<=[^\W\d_])[!{QUESTION_MARKS}][{re.escape(_CLOSERS)}]*(?=[^\W\d_]{{2}})"
)
#: Characters of an address, a path or code, never of a sentence's words.
_NOT_PROSE = frozenset("/\\=&:;@#%`<>[]{}|_~^*+")
#: How far either side of a mark its word is looked at (linear time).
_WORD_REACH = 100


@dataclass(frozen=True)
class WaitingQuestion:
    post: PostFacts
    author: str
    date: datetime
    question: str  # the sentences that ask, shortened
    url: str  # the comment on the post's page
    comment_id: str
    location: str  # the comment's file

    @property
    def reply_folder(self) -> str:
        return self.location.rsplit("/", 1)[0] + "/" if "/" in self.location else ""


def asked(text: str) -> str:
    """The sentences of ``text`` that ask something, or ""."""
    if not any(mark in text for mark in QUESTION_MARKS):
        return ""
    text = _UNSPACED_MARK.sub(_unspaced_end, text)
    # A sentence, then the closers after it (one of two groups), and so on.
    parts = [*_SENTENCE_END.split(text), "", ""]
    sentences = (
        " ".join((s + (c or d or "")).split())
        for s, c, d in zip(parts[::3], parts[1::3], parts[2::3], strict=True)
    )
    questions = " ".join(
        s for s in sentences if s.rstrip(_CLOSERS).endswith(tuple(QUESTION_MARKS))
    )
    if len(questions) <= EXCERPT_LENGTH:
        return questions
    return questions[: EXCERPT_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _unspaced_end(found: re.Match[str]) -> str:
    """The mark with the space it was typed without, when it ends a
    sentence: a capital then a small letter follow it (``?Thanks``), and the
    word it is in holds nothing of an address or code (``/Page?Id=3``)."""
    text, start, end = found.string, found.start(), found.end()
    if not (text[end].isupper() and text[end + 1].islower()):
        return found.group()
    before = text[max(0, start - _WORD_REACH) : start].rsplit(None, 1)[-1]
    after = text[end : end + _WORD_REACH].split(None, 1)[0]
    if _NOT_PROSE.intersection(before + after) or "." in before:
        return found.group()
    return found.group() + " "


def waiting_questions(
    threads: Iterable[tuple[PostFacts, Any]], locate: Callable[[str], str]
) -> tuple[WaitingQuestion, ...]:
    """Every reader's question on these posts' threads that the post's
    author has not answered, the longest waiting first."""
    waiting = []
    for post, thread in threads:
        if thread is None:
            continue
        nodes = list(_every_node(thread.roots))
        by_id = {node.comment.id: node.comment for node in nodes}
        answered: set[str] = set()
        for node in nodes:
            if node.by_post_author:
                answered |= _ancestors(node.comment, by_id)
        for node in nodes:
            comment = node.comment
            question = asked(comment.text)
            if node.by_post_author or comment.id in answered or not question:
                continue
            waiting.append(
                WaitingQuestion(
                    post,
                    comment.author,
                    comment.date,
                    question,
                    f"{post.url}#{comment.anchor}",
                    comment.id,
                    locate(comment.path) if comment.path else "",
                )
            )
    return tuple(sorted(waiting, key=lambda q: (q.date, q.comment_id)))


def _every_node(nodes: Iterable[Any]) -> Iterable[Any]:
    for node in nodes:
        yield node
        yield from _every_node(node.replies)


def _ancestors(comment: Any, by_id: dict[str, Any]) -> set[str]:
    """The comments ``comment`` replies to, up its thread."""
    found: set[str] = set()
    parent = comment.reply_to
    while parent is not None and parent in by_id and parent not in found:
        found.add(parent)
        parent = by_id[parent].reply_to
    return found
