"""Who a conversation was with, from a post's ``Who:`` field.

A person is the part of ``Who:`` before its first comma, in any script
(``Graham, a director of supply chain planning`` is Graham; Arabic's
``،`` and the ideographic ``、`` are commas too), Unicode-normalised (NFKC)
with its spaces collapsed, and compared without case. One small function,
so that every part of the site that names people names them alike: the
reflections plugin gives each post's record its ``person``
(``PostRecord.person``, and ``article.person`` for other plugins, which
never import this one), and ``reflect prep --person`` looks people up with
``person_key``.
"""

from __future__ import annotations

import unicodedata

from sitekit.text import as_compared, reads_as_list_mark, shows_nothing

from .model import Person


def person_of(who: str | None) -> Person | None:
    """The person a ``Who:`` value names, or None when it names no one."""
    name = person_name(who)
    return Person(name, person_key(name)) if name else None


def person_name(who: str | None) -> str | None:
    """The name in a ``Who:`` value: before its first comma, normalised."""
    if not who:
        return None
    normalised = unicodedata.normalize("NFKC", str(who))
    end = next(
        (
            position
            for position, character in enumerate(normalised)
            if reads_as_list_mark(character, ",")
        ),
        len(normalised),
    )
    name = " ".join(normalised[:end].split())
    return None if shows_nothing(name) else name


#: A name as compared (one rule for the desk and the reflection index).
person_key = as_compared
