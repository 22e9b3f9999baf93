"""An attacker who is also a careless writer, against a published build.

Each case writes a post the way a hurried writer might (a draft in
another language, a marker in its `Status:`, a local-only field spelt
with a space or a lookalike letter, a marker written with an HTML
entity) and looks for its sentinel in every file ``make publish`` would
write: pages, listings, every feed, JSON, the sitemap, the search index
(decompressed) and the preview images. Beside each sits a public control
in the same place, which must be published, so each case can fail.

One site holds every case (built once, as the other integration tests
do); a case that needs builds of its own (the cache) builds them.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from outputs import differences
from sitebuild import build_site, copy_content, output_files

#: (file name, text): the posts and pages each case writes.
CASES: dict[str, tuple[str, str]] = {}


def case(name: str, path: str, text: str) -> None:
    CASES[name] = (path, text)


# ---- drafts in another language --------------------------------------------
case(
    "draft translation",
    "posts/2025-10-01-draft-fr.md",
    "Title: Un brouillon\nDate: 2025-10-01\nSlug: draft-translated\nLang: fr\n"
    "Translation: true\nStatus: draft\n\nzqxdrafttranslation un brouillon.\n",
)
case(
    "draft page translation",
    "pages/draft-fr.md",
    "Title: Une page\nSlug: draft-page\nLang: fr\nTranslation: true\n"
    "Status: draft\n\nzqxdraftpagetranslation une page.\n",
)
case(
    "public translation",
    "posts/2025-10-02-public-fr.md",
    "Title: Une traduction\nDate: 2025-10-02\nSlug: two-levels-up\nLang: fr\n"
    "Translation: true\nLessons: Learn adjacent functions\n\n"
    "zqxpublictranslation publiée.\n",
)

# ---- a marker in the field that keeps a post unpublished --------------------
# Dropping a private Status: whole, as any private field is dropped, would
# publish the draft: the file is left out with an error instead.
case(
    "private status",
    "posts/2025-10-03-status.md",
    "Title: A status\nDate: 2025-10-03\nSlug: private-status\n"
    "Status: draft [!private] until she agrees\n\nzqxstatusmarkdown body.\n",
)
case(
    "misspelt private status",
    "posts/2025-10-04-status.md",
    "Title: A status\nDate: 2025-10-04\nSlug: misspelt-status\n"
    "Status: hidden ［!privte］\n\nzqxstatusmisspelt body.\n",
)
case(
    "private page status",
    "pages/status.md",
    "Title: A page status\nSlug: page-status\nStatus: [!private] draft\n\n"
    "zqxstatuspage body.\n",
)
case(
    "private html status",
    "posts/2025-10-05-status.html",
    '<html><head><title>An HTML status</title><meta name="date" '
    'content="2025-10-05"><meta name="status" content="draft [!private]">'
    "</head><body><p>zqxstatushtml body.</p></body></html>",
)
case(
    "private rst status",
    "posts/2025-10-06-status.rst",
    "A reST status\n#############\n\n:date: 2025-10-06\n"
    ":status: draft [!private]\n\nzqxstatusrst body.\n",
)
case(
    "private title",
    "posts/2025-10-08-title.md",
    "Title: [!private] A zqxtitlesecretword title\nDate: 2025-10-08\n"
    "Slug: private-title\n\nzqxtitlebody body.\n",
)
case(
    "public status",
    "posts/2025-10-07-status.md",
    "Title: A status\nDate: 2025-10-07\nSlug: public-status\n"
    "Status: published\n\nzqxstatuspublic body.\n",
)

# A status spelt with lookalike letters is no status Pelican knows: it
# skips the file with an error, rather than publish it.
LOOKALIKE_STATUSES = {
    "Cyrillic a": "dr\u0430ft",
    "fullwidth": "\uff48\uff49\uff44\uff44\uff45\uff4e",
}
for index, status in enumerate(LOOKALIKE_STATUSES.values()):
    case(
        f"lookalike status {index}",
        f"posts/2025-10-{index + 10}-lookalike.md",
        f"Title: Lookalike {index}\nDate: 2025-10-{index + 10}\n"
        f"Slug: lookalike-{index}\nStatus: {status}\n\nzqxlookalike{index}x body.\n",
    )

# ---- a header line Markdown does not read as a field -----------------------
# Python-Markdown's metadata ends at the first line whose name is not ASCII
# letters, digits, `-` or `_`; that line and the rest of the header become
# the body's first paragraph, a local-only field among them.
HEADER_LINES = {
    "a name with a space": "Follow up: 2026-12-01 call her zqxheaderspace",
    "a Cyrillic letter": "F\u043ellow-up: 2026-12-01 call her zqxheadercyrillic",
    "a Unicode hyphen": "FOLLOW\u2010UP: 2026-12-01 call her zqxheaderhyphen",
    "a zero-width space": "\u200bNext-contact: zqxheaderzerowidth",
    "a dotless i": "\u0131ntroduced-by: Marcus zqxheaderdotless",
    "a fullwidth name": "\uff26\uff4f\uff4c\uff4c\uff4f\uff57-up: zqxheaderfullwidth",
    "a right-to-left mark": "\u200fFollow-up: 2026-12-01 zqxheaderrtl",
}
for index, (name, line) in enumerate(HEADER_LINES.items()):
    case(
        f"header line with {name}",
        f"posts/2025-11-{index + 1:02d}-header.md",
        f"Title: A header {index}\nDate: 2025-11-{index + 1:02d}\n"
        f"Slug: header-{index}\n{line}\n\nzqxheaderbody{index}x public.\n",
    )
case(
    "field after a line that is not one",
    "posts/2025-11-20-header.md",
    "Title: A header after\nDate: 2025-11-20\nSlug: header-after\n"
    "Who (roughly): Graham zqxheaderwhonote\n"
    "Follow-up: 2026-12-01 send the article zqxheaderafter\n\n"
    "zqxheaderafterbody public.\n",
)
case(
    "header line that is public",
    "posts/2025-11-21-header.md",
    "Title: A public header\nDate: 2025-11-21\nSlug: header-public\n"
    "Who (roughly): Graham zqxheaderpublicline\n\nzqxheaderpublicbody.\n",
)

# ---- a marker a reader sees only once the page is drawn --------------------
# Markdown decodes entities and draws inline tags and emphasis: each of
# these shows `[!private]` on the page, so each is a marker.
AS_DRAWN = {
    "an entity": "[!priv&#97;te]",
    "a named entity": "&lsqb;!private&rsqb;",
    "a hex entity": "[!pr&#x69;v&#x61;te]",
    "an empty span": "[!pri<span></span>vate]",
    "an inline comment": "[!pri<!-- x -->vate]",
    "bold letters": "[!p**r**i**v**ate]",
    "underscored letters": "[!p__r__i__v__ate]",
    "a line break inside the word": "[!priva\nte]",
}
for index, (name, marker) in enumerate(AS_DRAWN.items()):
    case(
        f"marker drawn from {name}",
        f"posts/2025-12-{index + 1:02d}-drawn.md",
        f"Title: Drawn {index}\nDate: 2025-12-{index + 1:02d}\nSlug: drawn-{index}\n\n"
        f"zqxdrawnpublic{index}x before.\n\n{marker} zqxdrawn{index}x she said.\n\n"
        f"- an item\n- {marker} zqxdrawnitem{index}x\n",
    )


# And in a field, whose text every page shows with its character
# references read and its tags removed (sitekit.text).
DRAWN_FIELDS = ("Who", "Role", "Question", "Tags", "Summary", "Met", "Format")
case(
    "markers drawn in fields",
    "posts/2025-12-11-drawn-fields.md",
    "Title: Drawn fields\nDate: 2025-12-11\nSlug: drawn-fields\n"
    + "".join(
        f"{name}: {'[!priv&#97;te]' if index % 2 else '[!pri<i></i>vate]'} "
        f"zqxdrawnfield{name.lower()}\n"
        for index, name in enumerate(DRAWN_FIELDS)
    )
    + "\nzqxdrawnfieldspublic body.\n",
)

# The same in the body of an `.html` or `.rst` file: those readers cannot
# hide a block, so the file is left out with an error naming it.
DRAWN_ELSEWHERE = {
    "html entity": (
        "posts/2025-12-12-drawn.html",
        "<html><head><title>Drawn HTML</title>"
        '<meta name="date" content="2025-12-12"></head>'
        "<body><p>[!priv&#97;te] zqxdrawnhtmlentity</p></body></html>",
    ),
    "html tag": (
        "posts/2025-12-13-drawn.html",
        "<html><head><title>Drawn tag</title>"
        '<meta name="date" content="2025-12-13"></head>'
        "<body><p>[!pri<b></b>vate] zqxdrawnhtmltag</p></body></html>",
    ),
    "rst emphasis": (
        "posts/2025-12-14-drawn.rst",
        "Drawn reST\n##########\n\n:date: 2025-12-14\n\n"
        "[!p*r*i*v*ate] zqxdrawnrstemphasis\n",
    ),
}
for name, (path, text) in DRAWN_ELSEWHERE.items():
    case(f"marker drawn in {name}", path, text)

# ---- what Markdown keeps apart from the block that holds the marker --------
# A footnote is written below its paragraph, a definition below its term:
# both belong to the private block they were written for.
case(
    "footnote of a private paragraph",
    "posts/2025-12-10-notes.md",
    "Title: Notes\nDate: 2025-12-10\nSlug: notes-apart\n\n"
    "zqxapartpublic: a public claim[^shared].\n\n"
    "[!private] She told me her salary[^salary] and more[^shared].\n\n"
    "In a list:\n\n- one\n- [!private] her title[^title]\n\n"
    "[^salary]: 95,000 zqxfootnotesalary a year.\n"
    "[^title]: zqxfootnotetitle\n"
    "[^shared]: zqxfootnoteshared, public as well.\n\n"
    "Her manager [!private]\n:   zqxdefinitionone\n:   zqxdefinitiontwo\n\n"
    "A public term\n:   zqxdefinitionpublic\n",
)


# ---- drafts and hidden posts, with everything a post can carry -------------
def unlisted(status: str, day: str) -> str:
    return (
        f"Title: An unlisted {status} zqx{status}title\nDate: 2025-12-{day}\n"
        f"Slug: unlisted-{status}\nStatus: {status}\nTags: zqx{status}tag\n"
        f"Category: zqx{status}category\nSeries: zqx{status}series\n"
        f"Lessons: Learn adjacent functions\nWho: zqx{status}who\n"
        f"Question: zqx{status}question?\n\n"
        f"A body zqx{status}body.\n\n"
        f"> [!story] A story zqx{status}story\n"
        f"> Situation: zqx{status}situation\n> Task: t\n> Action: a\n> Result: r\n\n"
        f"> [!asked] What zqx{status}asked?\n> An answer.\n\n"
        f"> [!lesson] Prepare targeted questions\n> zqx{status}lessonnote\n"
    )


case("draft post", "posts/2025-12-20-unlisted-draft.md", unlisted("draft", "20"))
case("hidden post", "posts/2025-12-21-unlisted-hidden.md", unlisted("hidden", "21"))
UNLISTED_FIELDS = (
    *("title", "tag", "category", "series", "who", "question", "body"),
    *("story", "situation", "asked", "lessonnote"),
)
COMMENT = "Author: A reader zqx{0}commenter\nDate: 2025-12-22 08:00\n\nzqx{0}comment.\n"

PUBLIC = {
    "zqxdrawnfieldspublic",
    *("zqxapartpublic", "zqxfootnoteshared", "zqxdefinitionpublic"),
    *(f"zqxdrawnpublic{index}x" for index in range(len(AS_DRAWN))),
    *("zqxpublictranslation", "zqxstatuspublic"),
    *("zqxheaderpublicline", "zqxheaderpublicbody", "zqxheaderafterbody"),
    *(f"zqxheaderbody{index}x" for index in range(len(HEADER_LINES))),
}
PRIVATE = {
    *("zqxdrafttranslation", "zqxdraftpagetranslation"),
    *("zqxstatusmarkdown", "zqxstatusmisspelt", "zqxstatuspage"),
    *("zqxstatushtml", "zqxstatusrst", "zqxtitlesecretword", "zqxtitlebody"),
    *(line.rsplit(" ", 1)[1] for line in HEADER_LINES.values()),
    # The line Markdown stopped at goes with the paragraph it starts.
    *("zqxheaderafter", "zqxheaderwhonote"),
    *(f"zqxlookalike{index}x" for index in range(len(LOOKALIKE_STATUSES))),
    *("zqxfootnotesalary", "zqxfootnotetitle"),
    *("zqxdrawnhtmlentity", "zqxdrawnhtmltag", "zqxdrawnrstemphasis"),
    *(f"zqxdrawnfield{name.lower()}" for name in DRAWN_FIELDS),
    *("zqxdefinitionone", "zqxdefinitiontwo"),
    *(f"zqxdrawn{index}x" for index in range(len(AS_DRAWN))),
    *(f"zqxdrawnitem{index}x" for index in range(len(AS_DRAWN))),
}


@contextmanager
def logged_errors() -> Iterator[list[str]]:
    messages: list[str] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = lambda record: messages.append(record.getMessage())
    logging.getLogger().addHandler(handler)
    try:
        yield messages
    finally:
        logging.getLogger().removeHandler(handler)


def write_cases(content: Path) -> None:
    for path, text in CASES.values():
        (content / path).write_text(text, encoding="utf-8")
    for status in ("draft", "hidden"):
        folder = content / "comments" / f"unlisted-{status}"
        folder.mkdir()
        (folder / "2025-12-22-reader.md").write_text(COMMENT.format(status))
        mention(folder, 99000 + len(status), f"/2025/unlisted-{status}/", status)
    # A mention the receiver marks private, and one with a marker: on a
    # public post, both left out (errors in a strict build, so not here).
    posted = content / "comments" / "two-levels-up"
    mention(posted, 99100, "/2025/two-levels-up/", "wmprivate", private=True)
    mention(posted, 99101, "/2025/two-levels-up/", "[!private] wmmarker")
    # A marker its HTML draws: an entity, an empty tag inside it.
    for number, marker in ((99102, "[!priv&#97;te]"), (99103, "[!pri<b></b>vate]")):
        mention(posted, number, "/2025/two-levels-up/", f"wmdrawn{number}")
        path = posted / f"mention-{number}.json"
        data = json.loads(path.read_text())
        data["content"] = {
            "html": f"<p>{marker} zqxwmdrawn{number}mention replied</p>",
            "text": f"zqxwmdrawn{number}mention replied",
        }
        path.write_text(json.dumps(data))


def mention(
    folder: Path, number: int, target: str, who: str, private: bool = False
) -> None:
    name = who.rsplit(" ", 1)
    sentinel = f"zqx{name[-1]}mention"
    data = {
        "type": "entry",
        "wm-id": number,
        "wm-property": "in-reply-to",
        "wm-source": f"https://elsewhere.example.net/{number}",
        "wm-target": f"https://reflections.example.org{target}",
        "wm-received": "2025-12-22T10:15:40Z",
        "wm-private": private,
        "published": "2025-12-22T10:12:00Z",
        "url": f"https://elsewhere.example.net/{number}",
        "content": {"text": f"{' '.join(name[:-1])} {sentinel} replied"},
        "author": {"type": "card", "name": f"Someone {sentinel}author"},
    }
    (folder / f"mention-{number}.json").write_text(json.dumps(data))


def publish(content: Path, output: Path, **overrides) -> Path:
    # Ad-hoc lessons are errors in a strict build; these posts need none.
    return build_site(
        output,
        conf="publishconf.py",
        content=content,
        REFLECTIONS_STRICT=False,
        DESK_STRICT=False,
        COMMENTS_STRICT=False,
        **overrides,
    )


def sentinels(site: Path) -> dict[str, set[str]]:
    """Every sentinel in every file of ``site`` (compressed ones
    decompressed), with the files that hold it."""
    found: dict[str, set[str]] = {}
    for path, data in output_files(site):
        for word in set(re.findall(rb"zqx[a-z0-9]+", data)):
            found.setdefault(word.decode(), set()).add(
                path.relative_to(site).as_posix()
            )
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict[str, set[str]], list[str]]:
    folder = tmp_path_factory.mktemp("audit")
    content = copy_content(folder / "content")
    write_cases(content)
    with logged_errors() as errors:
        site = publish(content, folder / "output")
    return site, sentinels(site), errors


def _leaked(found: dict[str, set[str]], sentinel: str) -> set[str]:
    # Pagefind's word index keeps stems: "zqxdrafttranslation" may be stored
    # cut short, so a stem of four letters or more counts too.
    return {
        path
        for word, paths in found.items()
        if word == sentinel or (sentinel.startswith(word) and len(word) > 7)
        for path in paths
    }


@pytest.mark.parametrize("sentinel", sorted(PUBLIC))
def test_the_public_controls_are_published(built, sentinel):
    _, found, _ = built
    assert sentinel in found


@pytest.mark.parametrize("sentinel", sorted(PRIVATE))
def test_audited_private_text_reaches_no_published_file(built, sentinel):
    _, found, _ = built
    assert _leaked(found, sentinel) == set()


def test_a_publish_build_writes_no_draft_in_any_language(built):
    site, _, _ = built
    assert not (site / "drafts").exists()


@pytest.mark.parametrize(
    "name",
    [
        "private status",
        "misspelt private status",
        "private page status",
        "private html status",
        "private rst status",
    ],
)
def test_a_private_status_leaves_the_file_out_with_an_error_naming_it(built, name):
    _, _, errors = built
    path = CASES[name][0]
    assert any(path in error and "status" in error.lower() for error in errors), errors


# ---- a post that becomes private after a build ------------------------------
TWO_LEVELS_UP = "posts/2025-09-14-two-levels-up.md"
PEER = "posts/2025-10-05-peer-product-manager.md"
#: A sentence of the first post that becomes private, and a phrase of the
#: second, whose whole text goes when it becomes a draft.
BECOMES_PRIVATE = "I have been an operations analyst for six years."
BECOMES_DRAFT = "Ayesha and I started working the same year."


def test_a_post_made_private_after_a_build_is_rebuilt_as_a_cold_build(tmp_path):
    content = copy_content(tmp_path / "content")
    cache = {
        "CACHE_PATH": str(tmp_path / "cache"),
        "LOAD_CONTENT_CACHE": True,
        "CACHE_CONTENT": True,
    }
    first = publish(content, tmp_path / "first" / "site", **cache)
    assert any(BECOMES_PRIVATE.encode() in data for _, data in output_files(first))
    assert any(BECOMES_DRAFT.encode() in data for _, data in output_files(first))

    # The writer marks a paragraph private and turns a post back into a draft.
    post = content / TWO_LEVELS_UP
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace(BECOMES_PRIVATE, f"[!private] {BECOMES_PRIVATE}"))
    peer = content / PEER
    peer.write_text(
        peer.read_text(encoding="utf-8").replace("\n\n", "\nStatus: draft\n\n", 1)
    )
    # A published post that links a draft stops a publish build (its page
    # would carry the draft's address), so the writer unlinks it too.
    screening = content / "posts" / "2026-03-08-what-hiring-managers-screen-for.md"
    screening.write_text(
        screening.read_text(encoding="utf-8").replace(
            "[October]({filename}/posts/2025-10-05-peer-product-manager.md)", "October"
        )
    )

    rebuilt = publish(content, tmp_path / "rebuilt" / "site", **cache)
    cold = publish(
        content,
        tmp_path / "cold" / "site",
        CACHE_PATH=str(tmp_path / "cold-cache"),
    )
    for _, data in output_files(rebuilt):
        assert BECOMES_PRIVATE.encode() not in data
        assert BECOMES_DRAFT.encode() not in data
    assert differences(cold, rebuilt) == []


@pytest.mark.parametrize("field", UNLISTED_FIELDS)
def test_a_draft_with_comments_and_mentions_is_in_no_published_file(built, field):
    _, found, _ = built
    assert _leaked(found, f"zqxdraft{field}") == set()
    assert _leaked(found, "zqxdraftcomment") == set()
    assert _leaked(found, "zqxdraftcommenter") == set()
    assert _leaked(found, "zqxdraftmention") == set()


@pytest.mark.parametrize("field", UNLISTED_FIELDS)
def test_a_hidden_post_is_on_its_own_page_alone(built, field):
    # Not in a listing, feed, JSON file, the sitemap, the search index, the
    # lesson pages or the story and question banks; its comments and
    # mentions neither (no comment feed holds them).
    _, found, _ = built
    own = {"2025/unlisted-hidden/index.html"}
    for sentinel in (f"zqxhidden{field}", "zqxhiddencomment", "zqxhiddenmention"):
        assert _leaked(found, sentinel) <= own
    assert _leaked(found, "zqxhiddenbody") == own
    assert _leaked(found, "zqxhiddenmention") == own


@pytest.mark.parametrize(
    "sentinel",
    [
        *("zqxwmprivatemention", "zqxwmmarkermention"),
        *("zqxwmdrawn99102mention", "zqxwmdrawn99103mention"),
    ],
)
def test_a_private_mention_is_in_no_published_file(built, sentinel):
    _, found, _ = built
    assert _leaked(found, sentinel) == set()
    assert _leaked(found, f"{sentinel}author") == set()


# ---- local-only stories, however their marker is spelt ---------------------
STORY_PARTS = "> Situation: {s}situation\n> Task: t\n> Action: a\n> Result: {s}result"
STORIES = {
    "as written": "> [!story] A story {s}title\n" + STORY_PARTS,
    "a Cyrillic letter": "> [!st\u043ery] A story {s}title\n" + STORY_PARTS,
    "fullwidth brackets": "> \uff3b\uff01story\uff3d A story {s}title\n" + STORY_PARTS,
    "a zero-width space": "> [!st\u200bory] A story {s}title\n" + STORY_PARTS,
    "capitals and spaces": "> [ ! STORY ] A story {s}title\n" + STORY_PARTS,
    "a quote after a blank line": (
        "> [!story] A story {s}title\n> Situation: {s}situation\n> Task: t\n"
        "> Action: a\n\n> Result: {s}result"
    ),
    "in a list": "- An item\n\n    > [!story] A story {s}title\n"
    "    > Situation: {s}situation\n    > Task: t\n\n    > Result: {s}result",
}


@pytest.fixture(scope="module")
def stories_built(tmp_path_factory) -> dict[str, set[str]]:
    folder = tmp_path_factory.mktemp("stories")
    content = copy_content(folder / "content")
    for index, story in enumerate(STORIES.values()):
        (content / "posts" / f"2025-10-{index + 1:02d}-story.md").write_text(
            f"Title: Stories {index}\nDate: 2025-10-{index + 1:02d}\n"
            f"Slug: stories-{index}\nLessons: Learn adjacent functions\n\n"
            f"zqxstorypublic{index}x before.\n\n"
            + story.format(s=f"zqxstory{index}x")
            + f"\n\nzqxstoryafter{index}x after.\n",
            encoding="utf-8",
        )
    site = publish(content, folder / "output", REFLECTIONS_STORIES_LOCAL_ONLY=True)
    return sentinels(site)


@pytest.mark.parametrize("index", range(len(STORIES)), ids=list(STORIES))
def test_a_local_only_story_reaches_no_published_file(stories_built, index):
    assert f"zqxstorypublic{index}x" in stories_built
    assert f"zqxstoryafter{index}x" in stories_built
    for part in ("title", "situation", "result"):
        assert _leaked(stories_built, f"zqxstory{index}x{part}") == set()


def test_a_publish_build_after_a_local_one_on_the_same_cache_has_no_local_field(
    tmp_path,
):
    # The writer's `make html` fills the content cache with the desk's
    # fields and the post's local-only story; `make publish` then reads the
    # same cache folder.
    content = copy_content(tmp_path / "content")
    post = content / TWO_LEVELS_UP
    follow_up = "Follow-up: 2025-09-20 zqxcachedfollowup send the notes\n"
    story = STORIES["as written"].format(s="zqxcachedstory")
    post.write_text(
        post.read_text(encoding="utf-8").replace("Who:", follow_up + "Who:", 1)
        + f"\n{story}\n"
    )
    cache = {
        "CACHE_PATH": str(tmp_path / "cache"),
        "LOAD_CONTENT_CACHE": True,
        "CACHE_CONTENT": True,
        "REFLECTIONS_STORIES_LOCAL_ONLY": True,
    }
    local = build_site(tmp_path / "local" / "site", content=content, **cache)
    # The desk shows the follow-up, the post its story.
    assert {"zqxcachedfollowup", "zqxcachedstorytitle"} <= set(sentinels(local))

    published = publish(content, tmp_path / "published" / "site", **cache)
    cold = publish(
        content,
        tmp_path / "cold" / "site",
        CACHE_PATH=str(tmp_path / "cold-cache"),
        REFLECTIONS_STORIES_LOCAL_ONLY=True,
    )
    for sentinel in ("zqxcachedfollowup", "zqxcachedstorytitle"):
        assert _leaked(sentinels(published), sentinel) == set()
    assert differences(cold, published) == []


@pytest.mark.parametrize(
    "slug",
    [
        *("private-title", "private-status", "misspelt-status"),
        *("an-html-status", "a-rest-status", "draft-translated"),
    ],
)
def test_a_post_left_out_has_no_page_and_no_preview_image(built, slug):
    # Its card would draw its title: there is none, and no file names it.
    site, _, _ = built
    written = [path.relative_to(site).as_posix() for path, _ in output_files(site)]
    assert not [name for name in written if slug in name]
    assert "2025/public-status/preview.png" in written  # the control has one


@pytest.mark.parametrize("name", list(DRAWN_ELSEWHERE))
def test_a_drawn_marker_in_another_readers_body_leaves_the_file_out(built, name):
    _, _, errors = built
    path = DRAWN_ELSEWHERE[name][0]
    assert any(path in error and "private marker" in error for error in errors)
