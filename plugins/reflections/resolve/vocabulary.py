"""The lesson vocabulary (lessons.yml): loading, checking and matching.

The file maps a slug to ``title`` (required), ``theme``, ``aliases``,
``description`` and ``cues`` (phrases that suggest the lesson to `reflect
suggest` without naming it). It is read as a YAML node tree rather than as plain data so
that every complaint can name the line it is about.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sitekit.drawn import as_read
from sitekit.hygiene import has_private_marker
from sitekit.outputpaths import MAX_PART_BYTES
from sitekit.personyaml import PersonYamlError, check_events, problem_of
from sitekit.rules import Finding
from sitekit.sourcepaths import left_out_link
from sitekit.text import as_text, shows_nothing, why_nothing_shows

from ..errors import VocabularyError
from ..model import KnownLesson
from .alike import AlikeTitles, alike_titles
from .descriptionlinks import site_file_link_in

FIELDS = ("title", "theme", "aliases", "description", "cues")
# libyaml's loader when PyYAML was built with it: the same nodes, faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CONNECTORS = re.compile(r"[-\u2010-\u2015/_]")


@functools.lru_cache(maxsize=8192)
def normalise(statement: str) -> str:
    """The form statements are compared in.

    Composed (NFC), case-folded, punctuation removed, whitespace collapsed;
    hyphens, dashes and slashes count as spaces, so "follow-up" matches
    "follow up". Composed first: "café" typed or pasted as "cafe" and a
    combining accent reads the same, and without it a post naming a lesson
    so was refused as a near miss of the very same title. Then folded to
    compatibility forms (NFKC), so fullwidth "Ａｓｋ", as an East Asian
    input method types it, is "ask", as a page shows it; symbols go first,
    so "™" is dropped, as before, not spelt out as "tm". And first of all
    read as the text it shows, as every field is (``sitekit.text.as_text``):
    "Use <em>the</em> gap" is "Use the gap" and "R&amp;D" is "R&D".
    """
    composed = unicodedata.normalize("NFC", as_text(statement)).casefold()
    text = "".join(char for char in composed if not _is_symbol(char))
    text = _CONNECTORS.sub(" ", unicodedata.normalize("NFKC", text).casefold())
    text = "".join(
        char for char in text if not unicodedata.category(char).startswith(("P", "S"))
    )
    return " ".join(text.split())


def _is_symbol(char: str) -> bool:
    return unicodedata.category(char).startswith("S")


@dataclass(frozen=True)
class Match:
    """What a statement resolved to: a known lesson, or a suggestion for one."""

    lesson: KnownLesson | None
    suggestion: KnownLesson | None = None


@dataclass
class Vocabulary:
    lessons: dict[str, KnownLesson] = field(default_factory=dict)
    path: str | None = None
    _names: dict[str, str] = field(default_factory=dict)  # normalised -> slug
    _themes: dict[str, str] = field(default_factory=dict)  # normalised -> theme

    def theme_as_first_spelt(self, theme: str | None) -> str | None:
        """The theme as the file first spells it: "career  moves" and "Career
        moves" are one theme, grouped and shown as one (they once stood as two
        groups that read the same), its spaces collapsed as a title's are."""
        if theme is None:
            return None
        theme = " ".join(theme.split())
        return self._themes.setdefault(normalise(theme) or theme, theme)

    def slug_for(self, statement: str) -> str | None:
        """The slug of the known lesson the statement names (by title, alias
        or slug), or None; near misses do not count. A statement without
        letters or digits ("?!", "🎉") names none: its normalised form is
        empty, as a title of symbols alone is."""
        key = normalise(statement)
        return self._names.get(key) if key else None

    def match(self, statement: str, near_miss_ratio: float = 0.85) -> Match:
        slug = self.slug_for(statement)
        if slug is not None:
            return Match(self.lessons[slug])
        key = normalise(statement)
        close = difflib.get_close_matches(key, self._names, n=1, cutoff=near_miss_ratio)
        if close:
            return Match(None, self.lessons[self._names[close[0]]])
        return Match(None)

    def near_duplicates(
        self, ratio: float = 0.85
    ) -> list[tuple[KnownLesson, KnownLesson]]:
        """Pairs of entries whose titles are suspiciously alike: difflib's
        ratio of their normalised titles reaches ``ratio``, in file order.

        Not every pair is compared (``resolve.alike``): only pairs whose
        titles share enough pieces, where edits could have moved them, to
        reach the ratio, found through an index. The pairs are those
        comparing every pair finds.
        """
        return self.near_duplicate_check(ratio)[0]

    def near_duplicate_check(
        self, ratio: float = 0.85
    ) -> tuple[list[tuple[KnownLesson, KnownLesson]], AlikeTitles]:
        """``near_duplicates``, and the check's work: whether it stopped at
        its budget (``resolve.alike.work_budget``) before every title."""
        lessons = list(self.lessons.values())
        titles = [normalise(lesson.title) for lesson in lessons]
        alike = alike_titles(titles, ratio)
        pairs = [(lessons[first], lessons[second]) for first, second in alike.pairs]
        return pairs, alike


def near_duplicate_findings(
    vocabulary: Vocabulary, ratio: float, of: str | None = None
) -> list[Finding]:
    """Entries of lessons.yml so alike that they are probably one lesson;
    and one line where there were too many alike to check them all. With
    ``of``, a slug, only the pairs that entry is in (`reflect lessons add`
    names those of the entry it adds)."""
    pairs, alike = vocabulary.near_duplicate_check(ratio)
    if of is not None:
        pairs = [pair for pair in pairs if of in (pair[0].slug, pair[1].slug)]
    found = [
        Finding(
            "near-duplicate-lessons",
            f"lessons {first.slug!r} and {second.slug!r} are nearly the same "
            f"({first.title!r}, {second.title!r}); merge them or make one an alias",
            vocabulary.path,
            second.line,
        )
        for first, second in pairs
    ]
    if alike.stopped and of is None:
        found.append(
            Finding(
                "near-duplicate-lessons",
                f"its {alike.titles:,} lessons' titles are too alike to compare "
                f"them all in a time in proportion to their number: only the "
                f"{alike.checked:,} shortest were checked for near-duplicates; "
                "make the titles say what sets each lesson apart",
                vocabulary.path,
            )
        )
    return found


def vocabulary_path(settings: Mapping[str, Any]) -> Path | None:
    """The site's lessons.yml, or None: turned off, or a symbolic link
    sourceguard leaves out (dangling, or to outside the content folder),
    whose ``outside-link`` finding says so. It was read and published all
    the same; now every lesson is the writer's own, as with no file."""
    name = settings.get("REFLECTIONS_VOCABULARY")
    if not name:
        return None
    path = Path(settings["PATH"]) / name
    if left_out_link(path, settings):
        return None
    return path


def load_vocabulary(path: Path | str | None) -> Vocabulary:
    """Read lessons.yml; a missing file is an empty vocabulary."""
    if path is None or not Path(path).exists():
        return Vocabulary(path=None if path is None else str(path))
    path = str(path)
    text = _read_text(path)
    try:
        check_events(yaml.parse(text, Loader=_LOADER))
        root = yaml.compose(text, Loader=_LOADER)
    except PersonYamlError as error:
        raise VocabularyError(error.problem, path, error.line) from None
    except (yaml.YAMLError, RecursionError) as error:
        problem = problem_of(error, text)
        raise VocabularyError(
            f"not valid YAML: {problem.problem}", path, problem.line
        ) from None
    _refuse_private_markers(root, path)
    vocabulary = Vocabulary(path=path)
    if root is None:
        return vocabulary
    if not isinstance(root, yaml.MappingNode):
        raise VocabularyError(
            "must be a mapping of lesson slugs to entries, like `aim-two-levels-up:`",
            path,
            _line(root),
        )
    for key_node, entry_node in root.value:
        _add_entry(vocabulary, key_node, entry_node)
    return vocabulary


def _read_text(path: str) -> str:
    """The file's text, or a VocabularyError naming the line of a bad byte."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise VocabularyError(
            f"cannot read the file ({error.strerror})", path
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise VocabularyError(
            f"not UTF-8 text: byte 0x{data[error.start]:02x} cannot be read; "
            "save the file as UTF-8",
            path,
            data.count(b"\n", 0, error.start) + 1,
        ) from None
    _refuse_unseen_line_breaks(text, path)
    return text


#: What YAML 1.1 (PyYAML, as the build reads the file) ends a line at
#: beyond \n and \r, where an editor shows one line; ruamel.yaml (YAML
#: 1.2, `reflect lessons add`) reads them as text.
_UNSEEN_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")


def _refuse_unseen_line_breaks(text: str, path: str) -> None:
    """A next-line, line or paragraph separator, pasted from a page into a
    title or description, ended the line for the build though not for the
    writer: "could not find expected ':'" a line below the one shown, every
    later line's number one too high, a comment's rest read as YAML."""
    found = _UNSEEN_LINE_BREAKS.search(text)
    if found is None:
        return
    line = len(re.findall("\r\n|\r|\n", text[: found.start()])) + 1
    raise VocabularyError(
        f"character U+{ord(found.group()):04X} ends a line for YAML though an "
        "editor shows none there; replace it with a space or a line break",
        path,
        line,
    )


def _refuse_private_markers(root: yaml.Node | None, path: str) -> None:
    """Every lesson field is published (descriptions on lesson pages and in
    reflections.json), so a private marker here is an error, not a note to
    hide: privacy fails closed. Decided on the values YAML loads, keys
    included, and on what their Markdown draws (``sitekit.drawn``), not on
    the lines as written: a marker split by a folded block's line break, a
    ``# [!private]`` line inside a ``|`` block (text, not a comment), one
    written with an escape or an HTML entity all count. YAML comments are
    never published, so a marker in one is no error."""
    pending = [] if root is None else [root]
    seen: set[int] = set()
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            value = str(node.value)
            if has_private_marker(value) or has_private_marker(as_read(value)):
                raise VocabularyError(
                    "a private marker in the lesson vocabulary: every field here "
                    "is published, so keep private notes in a post's [!private] "
                    "callout",
                    path,
                    _marker_line(node, value),
                )
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                pending.extend((value, key))


def _marker_line(node: yaml.ScalarNode, value: str) -> int:
    """The line of the value's first marker where the value keeps its line
    breaks (a ``|`` block), else the line the value starts on."""
    line = _line(node)
    if node.style == "|":
        for offset, text in enumerate(value.split("\n"), start=1):
            if has_private_marker(text) or has_private_marker(as_read(text)):
                return line + offset
    return line


def _add_entry(
    vocabulary: Vocabulary, key_node: yaml.Node, entry_node: yaml.Node
) -> None:
    path = vocabulary.path
    # The key as written: `null:` or `~:` is no empty slug, as a null title
    # is no title; YAML's reading of a key is not the writer's.
    _scalar(key_node, path, "a lesson slug")
    slug = key_node.value
    line = _line(key_node)
    if not _SLUG.match(slug):
        raise VocabularyError(
            f"lesson slug {slug!r} must be lower-case letters and digits joined by "
            "hyphens, like `aim-two-levels-up`",
            path,
            line,
        )
    if len(slug.encode("utf-8")) > MAX_PART_BYTES:
        raise VocabularyError(
            f"lesson slug {slug[:60]!r}… is {len(slug.encode('utf-8'))} bytes long; "
            f"its page is named with it, and a file system holds {MAX_PART_BYTES} "
            "bytes safely",
            path,
            line,
        )
    if slug in vocabulary.lessons:
        raise VocabularyError(
            f"lesson {slug!r} is defined twice (first on line "
            f"{vocabulary.lessons[slug].line})",
            path,
            line,
        )
    if not isinstance(entry_node, yaml.MappingNode):
        raise VocabularyError(
            f"lesson {slug!r} must be a mapping with at least a `title:`", path, line
        )
    values: dict[str, yaml.Node] = {}
    field_lines: dict[str, int | None] = {}
    for field_node, value_node in entry_node.value:
        name = _scalar(field_node, path, "a field name")
        if name not in FIELDS:
            raise VocabularyError(
                f"lesson {slug!r} has an unknown field {name!r}; the fields are "
                + ", ".join(FIELDS),
                path,
                _line(field_node),
            )
        if name in values:  # YAML keeps the last silently; the writer meant one
            raise VocabularyError(
                f"lesson {slug!r} gives {name!r} twice (first on line "
                f"{field_lines[name]}); keep one",
                path,
                _line(field_node),
            )
        values[name] = value_node
        field_lines[name] = _line(field_node)
    title = _scalar(values["title"], path, "a title") if "title" in values else ""
    if not title.strip():
        raise VocabularyError(f"lesson {slug!r} has no title", path, line)
    if shows_nothing(title):
        raise VocabularyError(
            f"lesson {slug!r} has a title that shows nothing "
            f"({why_nothing_shows(title)}); write the lesson as a short statement",
            path,
            _line(values["title"]),
        )
    lesson = KnownLesson(
        slug=slug,
        title=" ".join(title.split()),
        theme=vocabulary.theme_as_first_spelt(
            _optional_text(values.get("theme"), path, "a theme")
        ),
        aliases=tuple(alias for alias, _ in _alias_nodes(values.get("aliases"), path)),
        description=(
            _optional_text(values.get("description"), path, "a description") or ""
        ),
        line=line,
        cues=tuple(cue for cue, _ in _phrase_nodes(values.get("cues"), path, "cues")),
    )
    _refuse_site_file_links(lesson, values.get("description"), path)
    aliases = _alias_nodes(values.get("aliases"), path)
    for alias, node in aliases:
        if not normalise(alias):
            raise VocabularyError(
                f"lesson {slug!r}: the alias {alias!r} has no letters or digits, "
                "so no post can name the lesson by it; write it in words or "
                "remove it",
                path,
                _line(node),
            )
    names = [(lesson.title, values["title"]), (slug.replace("-", " "), key_node)]
    for name, node in [*names, *aliases]:
        if normalise(name):  # a title of symbols alone ("👍") names by its slug
            _claim(vocabulary, normalise(name), lesson, name, node)
    vocabulary.lessons[slug] = lesson


def _refuse_site_file_links(
    lesson: KnownLesson, node: yaml.Node | None, path: str | None
) -> None:
    """A description's ``{filename}`` link is never resolved; see
    ``descriptionlinks``."""
    written = site_file_link_in(lesson.description)
    if written is None or node is None:
        return
    raise VocabularyError(
        f"lesson {lesson.slug!r}: its description links {written!r}, which only "
        "a post or page can (Pelican gives it the target's address there); lesson "
        "pages and reflections.json would show it as written, naming the file: "
        "link the page's address instead, such as /2025/my-post/",
        path,
        _written_line(node, written),
    )


def _written_line(node: yaml.ScalarNode, written: str) -> int:
    """The line of ``written`` where the value keeps its line breaks (a ``|``
    block), else the line the value starts on."""
    line = _line(node)
    if node.style == "|":
        for offset, text in enumerate(node.value.split("\n"), start=1):
            if written in text:
                return line + offset
    return line


def _claim(
    vocabulary: Vocabulary, key: str, lesson: KnownLesson, name: str, node: yaml.Node
) -> None:
    owner = vocabulary._names.get(key)
    if owner is not None and owner != lesson.slug:
        raise VocabularyError(
            f"{name!r} (in lesson {lesson.slug!r}) is already the title, slug or alias "
            f"of lesson {owner!r} (line {vocabulary.lessons[owner].line}); a name can "
            "belong to one lesson only",
            vocabulary.path,
            _line(node),
        )
    vocabulary._names[key] = lesson.slug


def _alias_nodes(
    node: yaml.Node | None, path: str | None
) -> list[tuple[str, yaml.Node]]:
    return _phrase_nodes(node, path, "aliases")


def _phrase_nodes(
    node: yaml.Node | None, path: str | None, field_name: str
) -> list[tuple[str, yaml.Node]]:
    """The phrases of a list field (``aliases``, ``cues``), each with its node;
    a single phrase (``aliases: Do your homework``) is a list of one, read
    as one phrase, never as its characters. An absent field has none; a
    field or entry YAML reads as null, a number or true/false names none on
    purpose, and is refused at its line (quoted, ``"42"`` is a phrase)."""
    what = "an alias" if field_name == "aliases" else "a cue"
    if node is None:
        return []
    items = [node] if isinstance(node, yaml.ScalarNode) else None
    if items is None and not isinstance(node, yaml.SequenceNode):
        raise VocabularyError(
            f"{field_name} must be a list of phrases", path, _line(node)
        )
    phrases = []
    for item in items or node.value:
        phrase = " ".join(_scalar(item, path, what).split())
        if shows_nothing(phrase) or not item.tag.endswith(":str"):
            raise VocabularyError(
                f"{field_name}: {_not_a_phrase(item)} is not {what}; write "
                f"{what} as text (quoted if it is a number) or remove the line",
                path,
                _line(item),
            )
        phrases.append((phrase, item))
    return phrases


def _not_a_phrase(node: yaml.ScalarNode) -> str:
    """How the writer would name a YAML value that is no phrase."""
    kind = node.tag.rsplit(":", 1)[-1]
    if kind == "null" or not node.value.strip():
        return "an empty entry"
    if shows_nothing(node.value):
        return f"{node.value!r} ({why_nothing_shows(node.value)})"
    said = {"int": "a number", "float": "a number", "bool": "true or false"}
    return f"{node.value!r} ({said.get(kind, kind)} to YAML)"


def _scalar(node: yaml.Node, path: str | None, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise VocabularyError(f"expected {what} as plain text here", path, _line(node))
    if node.tag.endswith(":null"):
        return ""
    return node.value


def _optional_text(node: yaml.Node | None, path: str | None, what: str) -> str | None:
    if node is None:
        return None
    value = _scalar(node, path, what).strip()
    return None if shows_nothing(value) else value


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1
