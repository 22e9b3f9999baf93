"""YAML a person writes (lessons.yml, reviews.yml), read so that whatever is
in it ends in one line naming its line, never a traceback.

Every reader of such a file goes through here, whichever library it uses:
ruamel.yaml for the files ``reflect`` edits as a round trip, PyYAML for the
lesson vocabulary's node tree. What a bare ``yaml.load`` lets through:

- an alias (``*name``) expands to its anchor's value wherever it is met, so
  nine lines can stand for 43 million values (the "billion laughs"); these
  files never need one, so any alias is refused on its line;
- a merge key (a plain ``<<``) copies another mapping's keys into its own,
  keys the file does not write where they are read (a reader asking for a
  key's line met a KeyError); these files never need one either;
- flow collections nested a few thousand deep take the scanner seconds and
  then raise ``RecursionError``; more than ``MAX_DEPTH`` levels are refused
  as the parser meets them;
- a whole number too long for Python (over 4,300 digits) raises
  ``ValueError``, not a ``YAMLError``;
- a character YAML does not allow (a NUL) gives a message on two lines and
  a position instead of a line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

#: How deep lists and mappings may nest: lessons.yml needs three levels
#: (slug, field, alias), reviews.yml two.
MAX_DEPTH = 10


class PersonYamlError(Exception):
    """What is wrong with the file, in one line, and the line it is on."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def load_person_yaml(yaml: YAML, text: str) -> Any:
    """``yaml.load(text)`` for a file a person wrote; PersonYamlError if it
    holds an alias or cannot be read."""
    try:
        check_events(yaml.parse(text))
        return yaml.load(text)
    except (YAMLError, ValueError, RecursionError) as error:
        raise problem_of(error, text) from None
    except (KeyError, TypeError) as error:  # a list or mapping as a key
        raise PersonYamlError(
            f"a value cannot be read ({_one_line(str(error))}); a key is plain text"
        ) from None


def check_events(events: Iterable[Any]) -> None:
    """Refuse an alias, or lists and mappings nested deeper than
    ``MAX_DEPTH``, as the parser meets them: before a loader builds them, and
    before a scanner that slows down with every level (both PyYAML's and
    ruamel.yaml's take seconds for a few thousand ``[``) goes deeper. The
    events of either library will do: they share their class names."""
    open_collections: list[list] = []  # [kind, nodes so far] of each
    for event in events:
        kind = type(event).__name__
        if kind == "AliasEvent":
            raise PersonYamlError(
                f"an alias (*{event.anchor}) repeats another value; write the "
                "value out instead",
                event.start_mark.line + 1,
            )
        tag = getattr(event, "tag", None)
        if tag is not None and kind in _TAGGED_EVENTS:
            raise PersonYamlError(
                f"a tag ({tag}) tells YAML how to read a value; these files "
                "need none, so write the value plainly",
                event.start_mark.line + 1,
            )
        if kind in _TAGGED_EVENTS and open_collections:
            parent = open_collections[-1]
            is_key = parent[0] == "mapping" and parent[1] % 2 == 0
            parent[1] += 1
            if is_key and kind != "ScalarEvent":
                raise PersonYamlError(
                    "a list or mapping used as a key; a key is plain text",
                    event.start_mark.line + 1,
                )
            if is_key and _is_merge_key(event):
                raise PersonYamlError(
                    "a merge key (<<) copies another mapping's keys in; write "
                    "them out instead",
                    event.start_mark.line + 1,
                )
        if kind in ("SequenceStartEvent", "MappingStartEvent"):
            open_collections.append(["mapping" if "Mapping" in kind else "list", 0])
            if len(open_collections) > MAX_DEPTH:
                raise PersonYamlError(
                    f"lists or mappings nested more than {MAX_DEPTH} deep; "
                    "this file needs no more than three",
                    event.start_mark.line + 1,
                )
        elif kind in ("SequenceEndEvent", "MappingEndEvent"):
            open_collections.pop()


def _is_merge_key(event: Any) -> bool:
    """A plain ``<<`` key: quoted, it is text like any other key."""
    style = getattr(event, "style", None)
    return event.value == "<<" and not style


#: Events that carry a tag only when the file writes one (``!!bool x``).
_TAGGED_EVENTS = frozenset({"ScalarEvent", "SequenceStartEvent", "MappingStartEvent"})


def problem_of(error: BaseException, text: str) -> PersonYamlError:
    """One line and its line number for what went wrong reading ``text``,
    from ruamel.yaml or PyYAML; anything else is raised again."""
    if isinstance(error, RecursionError):
        return PersonYamlError("lists or mappings nested too deeply to read")
    if isinstance(error, ValueError) and not _is_yaml_error(error):
        return PersonYamlError(f"a value cannot be read ({_one_line(str(error))})")
    if not _is_yaml_error(error):
        raise error
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    position = getattr(error, "position", None)  # a ReaderError: a bad character
    if line is None and isinstance(position, int):
        line = text.count("\n", 0, position) + 1
    problem = getattr(error, "problem", None) or getattr(error, "reason", None)
    character = getattr(error, "character", None)
    if problem is None:
        problem = _one_line(str(error))
    elif isinstance(character, int):
        problem = f"character {character:#06x}: {problem}"
    elif isinstance(character, str):
        problem = f"character {ord(character):#06x}: {problem}"
    return PersonYamlError(_one_line(problem), line)


def _is_yaml_error(error: BaseException) -> bool:
    if isinstance(error, YAMLError):
        return True
    try:
        import yaml as pyyaml  # PyYAML, which reads the lesson vocabulary
    except ImportError:  # pragma: no cover - a dependency of Pelican's readers
        return False
    return isinstance(error, pyyaml.YAMLError)


def _one_line(text: str) -> str:
    return " ".join(text.split())
