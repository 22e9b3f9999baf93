"""Withheld fields: metadata a build must not carry, whichever reader read it.

Every reader's metadata goes through one step before anything else sees
it: each field's raw text (every line of it, as the file has it, before
Pelican turns it into a date, a list of tags or a category) is put to the
site's field rules, and a field any rule withholds is dropped whole. Two
kinds of rule exist:

* ``private_field``: a field holding a private marker anywhere, however
  spelt (``sitekit.markers``), is private;
* ``local_only_fields``: fields that belong on the writer's machine only
  (a follow-up date, who introduced whom), named by the plugins that use
  them (``Declaration.local_only_fields``), are withheld from a build that
  says so (``WITHHOLD_LOCAL_ONLY``, on in publishconf.py) and from any
  build whose SITEURL is an absolute address (``withholds_local_only``).
  A key is one of them when its normal form (``field_key``) starts with a
  listed field's: ``Follow_Up``, ``FOLLOW-UP`` and ``Follow-ups`` are all
  ``Follow-up``.

A build that keeps local-only fields hands them to the desk
(``sitekit.localonly``); one that withholds them has nothing to hand.

Where the step runs: the Markdown readers call ``withhold_raw`` on what the
meta extension parsed (``sitekit.privateblocks``), before Pelican formats a
field; sourceguard gives every other reader (HTML, reST, a plugin's) the
same check at ``process_metadata`` and looks once more at every value the
reader returns (``leftover_fields``: strings, lists, tags, categories,
authors, anything else by its text). A new kind of withheld field is one
more rule in ``field_rules``.
"""

from __future__ import annotations

import dataclasses
import functools
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .drawn import as_read
from .markers import FoundMarker, fold, found_markers, has_private_marker

#: The metadata key under which a reader other than the site's Markdown
#: one keeps what it withheld, ((field, reason), ...): a plugin that would
#: have read a field can tell the writer why it is not there (reflections'
#: ``no-lessons``), as the Markdown reader's own record lets it.
WITHHELD_FIELDS = "withheld_fields"

#: Settings: the fields that are local-only, and whether this build
#: withholds them.
LOCAL_ONLY_FIELDS = "LOCAL_ONLY_FIELDS"
WITHHOLD_LOCAL_ONLY = "WITHHOLD_LOCAL_ONLY"


@dataclass(frozen=True)
class Withholding:
    """Why a field is withheld, in words that finish "Who: ..."."""

    field: str  # lower case, as Pelican keys metadata
    reason: str
    private: bool  # withheld for a private marker (not for being local-only)
    markers: tuple[FoundMarker, ...] = ()


#: A field rule: given a field's name and raw text, why it is withheld, or None.
FieldRule = Callable[[str, str], Withholding | None]


def private_field(name: str, text: str) -> Withholding | None:
    """A field with a private marker on any of its lines, as written or as
    a page shows it (``sitekit.drawn``: `[!priv&#97;te]` shows `[!private]`)."""
    for view in (text, as_read(text)):
        if has_private_marker(view):
            markers = tuple(found_markers(view))
            return Withholding(name, "holds a private marker", True, markers)
    return None


@functools.lru_cache(maxsize=1024)  # every file's keys, on every build
def field_key(name: str) -> str:
    """A field name as compared: folded as a private marker is
    (``sitekit.markers.fold``: compatibility forms, accents and invisible
    characters off, letters that look Latin made Latin, so a Cyrillic `о`
    or a dotless `ı` is the letter it looks like; case-folded), with only
    letters and digits left."""
    folded = unicodedata.normalize("NFKC", fold(name)).casefold()
    return "".join(c for c in folded if c.isalnum())


def local_only_field(key: str, names: Iterable[str]) -> str | None:
    """The local-only field ``key`` is a spelling of, or None.

    A key is local-only when its normal form starts with a listed field's
    (``Follow_Up``, ``FOLLOW-UP``, ``Follow-ups``, ``followup``): the test
    errs towards withholding. The longest listed match wins, so
    ``Introduced-by`` is not taken for ``Introduced``.
    """
    return _local_only_field(str(key), tuple(names))


@functools.lru_cache(maxsize=1024)  # a site's few keys, on every file
def _local_only_field(key: str, names: tuple[str, ...]) -> str | None:
    normalised = field_key(key)
    matches = [name for name in names if normalised.startswith(field_key(name))]
    return max(matches, key=lambda name: len(field_key(name))) if matches else None


def local_only_fields(names: Iterable[str]) -> FieldRule:
    """A rule withholding the fields ``names`` (any spelling of them),
    whatever their text."""
    local = tuple(names)

    def local_only(name: str, text: str) -> Withholding | None:
        if local_only_field(name, local):
            return Withholding(name, "is local-only", False)
        return None

    return local_only


def withholds_local_only(settings: Mapping[str, Any]) -> bool:
    """Whether this build leaves out what is local-only: the one switch,
    WITHHOLD_LOCAL_ONLY, and any absolute SITEURL (a build whose links
    point at a host is a published site, whatever else it says)."""
    site_url = str(settings.get("SITEURL") or "").strip().lower()
    return bool(settings.get(WITHHOLD_LOCAL_ONLY)) or site_url.startswith(
        ("http://", "https://", "//")
    )


#: Fields a file cannot lose quietly. A rule drops a withheld field whole,
#: which is safe for a summary or a tag but not for these: without its title
#: or date a post cannot be shown, and without its status a draft or hidden
#: post would be published. Every reader leaves out a file that has one of
#: these withheld, with an error naming it.
INDISPENSABLE_FIELDS = ("title", "date", "status")


#: Where Pelican writes drafts: posts and pages, each in the site's language
#: and as a translation. A published build empties all four.
DRAFT_OUTPUTS = (
    "DRAFT_SAVE_AS",
    "DRAFT_LANG_SAVE_AS",
    "DRAFT_PAGE_SAVE_AS",
    "DRAFT_PAGE_LANG_SAVE_AS",
)


def drafts_withheld(settings: Mapping[str, Any]) -> bool:
    """Whether this build writes no draft (``withhold_drafts``)."""
    return bool(settings.get(WITHHOLD_LOCAL_ONLY))


def withhold_drafts(settings: dict[str, Any]) -> None:
    """A build with ``WITHHOLD_LOCAL_ONLY`` on (``make publish``) writes no
    draft, in any language: one switch empties every place a draft could
    go, so a draft's translation (``DRAFT_LANG_SAVE_AS``, which a settings
    file easily forgets) cannot be published. A local build given an
    absolute SITEURL keeps its drafts under noindex (crawlers.robots
    disallows their folder)."""
    if drafts_withheld(settings):
        for name in DRAFT_OUTPUTS:
            settings[name] = ""


def field_rules(settings: Mapping[str, Any]) -> tuple[FieldRule, ...]:
    """The site's field rules: private markers always; local-only fields when
    the build withholds them."""
    rules: list[FieldRule] = [private_field]
    if withholds_local_only(settings) and settings.get(LOCAL_ONLY_FIELDS):
        rules.append(local_only_fields(settings[LOCAL_ONLY_FIELDS]))
    return tuple(rules)


def withholding(name: str, text: str, rules: Sequence[FieldRule]) -> Withholding | None:
    """The first rule's reason to withhold the field ``name``, or None."""
    for rule in rules:
        found = rule(name.lower(), text)
        if found is not None:
            return found
    return None


def withhold_raw(
    fields: dict[str, list[str]], rules: Sequence[FieldRule]
) -> list[Withholding]:
    """Drop, in place, every field of ``fields`` (the meta extension's
    name -> lines) that a rule withholds; return why each went."""
    withheld: list[Withholding] = []
    for name in list(fields):
        found = withholding(name, "\n".join(fields[name]), rules)
        if found is not None:
            del fields[name]
            withheld.append(found)
    return withheld


def value_texts(value: Any) -> Iterator[str]:
    """Every piece of text in a metadata value, whatever its type.

    Lists and tuples are walked; a tag, category or author (Pelican's
    ``URLWrapper``) is its name; a date has no text of its own (its raw
    text was checked before it became a date); a dataclass is a plugin's
    own record of what it read (the reflections' parse result), each part
    of which its reader checked; anything else is its ``str()``: what a
    template would show.
    """
    if (
        value is None
        or isinstance(value, (bool, int, float))
        or dataclasses.is_dataclass(value)
    ):
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from value_texts(item)
    elif hasattr(value, "name") and hasattr(value, "slug"):  # a URLWrapper
        yield str(value.name)
    elif hasattr(value, "isoformat"):
        return
    else:
        yield str(value)


def leftover_fields(
    metadata: Mapping[str, Any], rules: Sequence[FieldRule]
) -> list[Withholding]:
    """Fields of a reader's finished metadata that a rule withholds: the
    last look, for values that did not come through ``process_metadata``."""
    found: list[Withholding] = []
    for name, value in metadata.items():
        text = "\n".join(value_texts(value))
        withheld = withholding(name, text, rules)
        if withheld is not None:
            found.append(withheld)
    return found
