"""The eighth privacy hunt: what a publish build carried that it should not.

Each case puts a private marker (or an unpublished page) where the earlier
hunts did not look, builds the sample site as ``make publish`` does and
searches every file it wrote, names included, for the case's sentinel
(compressed files decompressed). Beside each sits a public control in the
same place, which must be published, so each case can fail.

* A folder's name becomes a post's category (Pelican's
  ``USE_FOLDER_AS_CATEGORY``, and any field ``FILENAME_METADATA`` or
  ``PATH_METADATA`` reads from a path): those values never pass through a
  reader, so ``posts/[!private] clients/`` published a category page, its
  feeds and links named after the folder. A name cannot be hidden, so
  such a post is left out with an error naming it, as a marker in an
  abbreviation's definition leaves its file out.
* A static file is published under its own name, and its folder's: a
  marker in either (``images/[!private] offer/letter.txt``) was copied
  to the output as it stood, though the same marker in the file's text
  stops a publish build.
* A ``{filename}`` link from a published post to a draft resolved to the
  draft's address (``drafts/<slug>/``, a page the build does not write),
  and one to a file left out (a private title) kept the file's name in
  the link, both in the page and every feed. A published build now stops
  naming the link's file and line; a link to a hidden post, which is
  published, stays.
* ``lessons.yml`` was checked a line at a time as written, so a marker
  the loaded value holds but no line does was published on the lesson's
  page and in reflections.json: a ``# [!private]`` line inside a
  ``description: |`` block (taken for a YAML comment), a marker split by
  a folded block's line break, one written with an HTML entity that the
  description's Markdown draws as the marker.
* ``reflect import-wordpress`` handed the post's HTML to markdownify,
  which drops most attributes: ``<p title="[!private] …">`` (a marker the
  page shows, as a tooltip) became a public paragraph without it. A
  marker in an element's attribute now goes with the element's text into
  the Markdown, where the reader hides the blocks that hold it.
* A file outside ``STATIC_PATHS`` is copied because a page links it with
  ``{attach}`` or ``{static}``, and Pelican counts a draft's links too:
  a draft's attachment (its offer letter, say) was published whole by a
  build that writes no draft. Now only a published page's link does.
* A Webmention was left out as private only when ``wm-private`` was JSON
  ``true``: ``"true"``, ``1`` or any other value a receiver or a hand
  edit wrote showed the mention. Only ``false`` (or no such field) is
  public now: privacy fails closed.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from sitebuild import build_site, copy_content, output_files
from test_privacy_audit import _leaked, publish

from sourceguard import SourceLinkError
from sourceguard.staticcheck import PrivateStaticFileError

#: path under content/ -> text: the files the one shared build adds.
CASES: dict[str, str] = {}
PRIVATE: set[str] = set()
PUBLIC: set[str] = set()


def post(path: str, title: str, body: str, fields: str = "") -> str:
    date = re.search(r"(\d{4}-\d{2}-\d{2})", path).group(1)
    return (
        f"Title: {title}\nDate: {date}\nLessons: Learn adjacent functions\n"
        f"{fields}\n{body}\n"
    )


# ---- a folder name with a marker ---------------------------------------------
FOLDERS = {
    "plain": "[!private] zqxfolderplain",
    "fullwidth lookalike": "zqxfolderwide ［!privаte］",
    "slip": "zqxfolderslip [!privte]",
}
for index, folder in enumerate(FOLDERS.values()):
    path = f"posts/{folder}/2025-10-{index + 1:02d}-folder.md"
    CASES[path] = post(path, f"Folder post {index}", f"zqxfolderbody{index}x public.")
    # The post is left out whole: a name cannot be hidden.
    PRIVATE.update({re.search(r"zqx[a-z]+", folder).group(), f"zqxfolderbody{index}x"})
# The control: a folder without a marker still names its posts' category.
CASES["posts/zqxfolderpublic/2025-10-09-folder.md"] = post(
    "2025-10-09", "Folder post public", "zqxfolderpublicbody public."
)
PUBLIC.update({"zqxfolderpublic", "zqxfolderpublicbody"})

# A static file with a public name is copied under it (the control).
CASES["images/zqxstaticpublic/notes.txt"] = "A public note.\n"
PUBLIC.add("zqxstaticpublic")
# A link to a hidden post is a link to a published page (the control).
CASES["posts/2025-10-10-hidden.md"] = post(
    "2025-10-10",
    "A hidden post",
    "zqxhiddenbody.",
    "Slug: zqxhiddenslug\nStatus: hidden\n",
)
CASES["posts/2025-10-11-links-hidden.md"] = post(
    "2025-10-11",
    "Links a hidden post",
    "See [this]({filename}2025-10-10-hidden.md) zqxlinkshidden.",
)
PUBLIC.update({"zqxhiddenslug", "zqxlinkshidden"})

#: Posts and pages a published build does not write, each linked below.
UNPUBLISHED = {
    "posts/2025-10-03-zqxlinkdraftfile.md": "Title: A draft\nSlug: zqxlinkdraftslug\n"
    "Status: draft\nDate: 2025-10-03\n\nzqxlinkdraftbody\n",
    "pages/zqxlinkdraftpagefile.md": "Title: A draft page\n"
    "Slug: zqxlinkdraftpageslug\nStatus: draft\n\nzqxlinkdraftpagebody\n",
    "posts/2025-10-02-zqxlinkleftfile.md": "Title: [!private] Left out\n"
    "Slug: zqxlinkleftslug\nDate: 2025-10-02\n\nzqxlinkleftbody\n",
}
LINKER = (
    "Title: Links them\nDate: 2025-10-04\nLessons: Learn adjacent functions\n\n"
    "A public paragraph zqxlinker.\n\n"
    "See [a]({filename}2025-10-03-zqxlinkdraftfile.md),\n"
    "[b]({filename}/pages/zqxlinkdraftpagefile.md)\n"
    "and [c](|filename|2025-10-02-zqxlinkleftfile.md#part).\n"
)

# A draft's attachments and the files it links, outside STATIC_PATHS.
CASES["posts/2025-10-12-draft-attaches.md"] = post(
    "2025-10-12",
    "A draft that attaches",
    "See [a]({attach}draftfiles/zqxdraftattach.txt) and "
    "[b]({static}/other/zqxdraftstatic.txt).",
    "Status: draft\n",
)
CASES["posts/draftfiles/zqxdraftattach.txt"] = "zqxdraftattachbody\n"
CASES["other/zqxdraftstatic.txt"] = "zqxdraftstaticbody\n"
PRIVATE.update(
    {"zqxdraftattach", "zqxdraftattachbody", "zqxdraftstatic", "zqxdraftstaticbody"}
)
# The control: a published post's attachment is published.
CASES["posts/2025-10-13-attaches.md"] = post(
    "2025-10-13",
    "A post that attaches",
    "See [a]({attach}postfiles/zqxpostattach.txt).",
)
CASES["posts/postfiles/zqxpostattach.txt"] = "zqxpostattachbody\n"
PUBLIC.update({"zqxpostattach", "zqxpostattachbody"})

#: Static files named with a marker, in the file's name or a folder's.
PRIVATE_NAMES = {
    "file": "images/zqxstaticfile [!private].txt",
    "folder": "images/［!privаte］ zqxstaticfolder/notes.txt",
    "slip": "images/zqxstaticslip-[!pirvate]-notes.txt",
}


def sentinels(site: Path) -> dict[str, set[str]]:
    """Every sentinel in every file of ``site`` and in every file's name,
    with the files that hold it (``name:`` before a file named with it)."""
    found: dict[str, set[str]] = {}
    for path, data in output_files(site):
        name = path.relative_to(site).as_posix()
        for word in set(re.findall(rb"zqx[a-z0-9]+", data)):
            found.setdefault(word.decode(), set()).add(name)
        for word in set(re.findall(r"zqx[a-z0-9]+", name)):
            found.setdefault(word, set()).add(f"name:{name}")
    return found


class Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict[str, set[str]], list[str]]:
    folder = tmp_path_factory.mktemp("hunt8")
    content = copy_content(folder / "content")
    for path, text in CASES.items():
        written = content / path
        written.parent.mkdir(parents=True, exist_ok=True)
        written.write_text(text, encoding="utf-8")
    errors = Errors()
    logging.getLogger().addHandler(errors)
    try:
        site = publish(content, folder / "output")
    finally:
        logging.getLogger().removeHandler(errors)
    return site, sentinels(site), errors.messages


@pytest.mark.parametrize("sentinel", sorted(PUBLIC))
def test_the_public_controls_are_published(built, sentinel):
    _, found, _ = built
    assert sentinel in found


@pytest.mark.parametrize("sentinel", sorted(PRIVATE))
def test_hunted_private_text_reaches_no_published_file_or_name(built, sentinel):
    _, found, _ = built
    assert _leaked(found, sentinel) == set()


@pytest.mark.parametrize("folder", sorted(FOLDERS.values()))
def test_a_post_in_a_folder_named_with_a_marker_is_left_out_naming_it(built, folder):
    _, _, errors = built
    assert any(
        folder in message and "folder or file name" in message for message in errors
    ), errors


@pytest.mark.parametrize("kind", sorted(PRIVATE_NAMES))
def test_a_static_file_named_with_a_marker_stops_a_publish_build(
    tmp_path, caplog, kind
):
    content = copy_content(tmp_path / "content")
    name = PRIVATE_NAMES[kind]
    (content / name).parent.mkdir(parents=True, exist_ok=True)
    (content / name).write_text("A public note.\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(PrivateStaticFileError):
        publish(content, tmp_path / "output")
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("in its name" in message for message in errors), errors
    sentinel = re.search(r"zqx[a-z]+", name).group()
    assert _leaked(sentinels(tmp_path / "output"), sentinel) == set()


@pytest.fixture(scope="module")
def linked_unpublished(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("links")
    content = copy_content(folder / "content")
    for path, text in {**UNPUBLISHED, "posts/2025-10-04-links.md": LINKER}.items():
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        (content / path).write_text(text, encoding="utf-8")
    return folder, content


def test_a_link_to_a_draft_or_a_file_left_out_stops_a_publish_build(
    linked_unpublished, caplog
):
    folder, content = linked_unpublished
    with caplog.at_level(logging.ERROR), pytest.raises(SourceLinkError):
        publish(content, folder / "output")
    errors = [r.getMessage() for r in caplog.records if "the link" in r.getMessage()]
    assert [re.search(r"links\.md:\d+", message).group() for message in errors] == [
        "links.md:7",
        "links.md:8",
        "links.md:9",
    ], errors
    assert ["leads to a draft" in message for message in errors] == [
        True,
        True,
        False,
    ], errors
    assert "a post left out" in errors[2], errors
    found = sentinels(folder / "output")
    for sentinel in ("zqxlinkdraftslug", "zqxlinkdraftpageslug", "zqxlinkleftfile"):
        assert _leaked(found, sentinel) == set()


def test_a_local_build_writes_the_draft_and_warns_of_the_link(
    linked_unpublished, caplog
):
    folder, content = linked_unpublished
    with caplog.at_level(logging.WARNING):
        site = build_site(folder / "local", content=content, REFLECTIONS_STRICT=False)
    warned = [r.getMessage() for r in caplog.records if "the link" in r.getMessage()]
    assert len(warned) == 3, warned
    assert (site / "drafts" / "zqxlinkdraftslug" / "index.html").exists()


#: A lesson entry whose loaded value holds a marker no line shows, with
#: the line the error names (the entry's field starts on line 7).
VOCABULARY_CASES = {
    "a '#' line in a literal block": (
        "  description: |\n    Public.\n    # [!private] zqxvocabhash\n",
        9,
    ),
    "a folded line break": (
        "  description: >\n    Public [!pri\n    vate] zqxvocabfold\n",
        7,
    ),
    "an entity the page draws": (
        '  description: "Public [!priv&#97;te] zqxvocabentity"\n',
        7,
    ),
    "an alias split over lines": (
        "  aliases:\n    - Public [!pri\n      vate] zqxvocabalias\n",
        8,
    ),
}


@pytest.mark.parametrize("case", sorted(VOCABULARY_CASES))
def test_a_marker_in_a_loaded_lesson_field_is_refused_with_its_line(tmp_path, case):
    from reflections.errors import VocabularyError
    from reflections.resolve.vocabulary import load_vocabulary

    path = tmp_path / "lessons.yml"
    path.write_text(
        "kept-lesson:\n  title: Kept\n  theme: Mindset\n"
        "zqx-lesson:\n  title: Zqx lesson\n  theme: Mindset\n"
        + VOCABULARY_CASES[case][0],
        encoding="utf-8",
    )
    with pytest.raises(VocabularyError) as refused:
        load_vocabulary(path)
    assert "private marker" in str(refused.value)
    assert refused.value.line == VOCABULARY_CASES[case][1]


def test_a_comment_with_a_marker_in_lessons_yml_is_no_field(tmp_path):
    from reflections.resolve.vocabulary import load_vocabulary

    path = tmp_path / "lessons.yml"
    path.write_text(
        "# [!private] a note to myself\nkept-lesson:\n  title: Kept\n"
        "  theme: Mindset  # [!private] aside\n",
        encoding="utf-8",
    )
    assert "kept-lesson" in load_vocabulary(path).lessons


#: WordPress HTML with a marker in an attribute markdownify drops, and the
#: sentinels whose Markdown lines must carry a marker.
WORDPRESS_ATTRIBUTES = {
    "a paragraph's title": ('<p title="[!private] aside">Attr zqxwpa</p>', ["zqxwpa"]),
    "a span's data attribute, drawn": (
        '<p>Before <span data-note="[!priv&amp;#97;te]">then zqxwpb</span></p>',
        ["zqxwpb"],
    ),
    "a division around paragraphs": (
        '<div class="[!private]"><p>one zqxwpc</p>\n<p>two zqxwpd</p></div>',
        ["zqxwpc", "zqxwpd"],
    ),
    "an image's data attribute": (
        '<p><img src="https://e.example/a.png" alt="zqxwpe" data-x="[!private]"></p>',
        ["zqxwpe"],
    ),
    "a list item's class": (
        '<ul><li class="[!private]">item zqxwpf</li><li>public zqxwppublic</li></ul>',
        ["zqxwpf"],
    ),
}


@pytest.mark.parametrize("case", sorted(WORDPRESS_ATTRIBUTES))
def test_a_marker_in_an_imported_elements_attribute_stays_with_its_text(case):
    from reflect.wp_markdown import html_to_markdown
    from sitekit.markers import has_private_marker

    html, sentinels_marked = WORDPRESS_ATTRIBUTES[case]
    markdown = html_to_markdown(html)
    for sentinel in sentinels_marked:
        (line,) = [line for line in markdown.splitlines() if sentinel in line]
        assert has_private_marker(line), markdown
    for line in markdown.splitlines():
        if "zqxwppublic" in line:
            assert not has_private_marker(line), markdown


MENTION = {
    "type": "entry",
    "wm-id": 1,
    "wm-property": "in-reply-to",
    "wm-source": "https://elsewhere.example.net/1",
    "wm-target": "https://reflections.example.org/2025/two-levels-up/",
    "wm-received": "2025-12-22T10:15:40Z",
    "published": "2025-12-22T10:12:00Z",
    "url": "https://elsewhere.example.net/1",
    "content": {"text": "A reply."},
    "author": {"type": "card", "name": "Someone"},
}


@pytest.mark.parametrize("value", [True, "true", "True", 1, "yes", "false", 0, [], {}])
def test_a_mention_is_public_only_when_wm_private_is_false_or_absent(value):
    from comments.mentions import MentionProblem, mention_from_entry

    with pytest.raises(MentionProblem, match="private"):
        mention_from_entry(
            {**MENTION, "wm-private": value}, "1", "two-levels-up", "UTC"
        )


@pytest.mark.parametrize("value", [False, None, "absent"])
def test_a_mention_marked_public_is_shown(value):
    from comments.mentions import mention_from_entry

    entry = dict(MENTION) if value == "absent" else {**MENTION, "wm-private": value}
    assert mention_from_entry(entry, "1", "two-levels-up", "UTC") is not None
