"""Bad input a second hunt found still accepted without a word: untrusted
text taken for what it claims to be, and a writer's intent lost in silence.
One test per class of input, each read the way docs/bad-input.md promises:
one line naming the file (and line), never a traceback."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from sitebuild import (
    REFLECT,
    build_site,
    copy_content,
    copy_project,
    lint_in_process,
    read,
    run_pelican,
)
from test_bad_input import (
    POST,
    Runs,
    beside,
    replace_line,
    shared_runs,
)
from test_input_hunt import pelican_build

from comments.mentions import MentionTarget, origin_of, site_origins
from comments.parse import CommentError, CommentReader
from reflect.mentions_import import import_mentions
from reflections.errors import VocabularyError
from reflections.resolve.vocabulary import load_vocabulary

SITE = "https://reflections.example.org"
OURS = site_origins(SITE)
POST_URL = "2025/two-levels-up/"

# --- A Webmention aimed at another site -----------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "https://elsewhere.example/2025/two-levels-up/",
        "http://reflections.example.org/2025/two-levels-up/",  # another scheme
        "https://reflections.example.org:8443/2025/two-levels-up/",
        "https://reflections.example.org@evil.example/2025/two-levels-up/",
        "https://reflections.example.org.evil.example/2025/two-levels-up/",
    ],
    ids=["host", "scheme", "port", "userinfo", "suffix"],
)
def test_a_mention_of_another_sites_page_with_the_same_path_is_not_this_post(target):
    mention = MentionTarget.from_address(target)
    assert not mention.on_site(OURS)
    assert not mention.names(POST_URL, OURS)
    assert not mention.names(POST_URL, site_origins(SITE + "/blog"))


@pytest.mark.parametrize(
    "target",
    [
        "https://reflections.example.org/2025/two-levels-up/",
        "HTTPS://Reflections.Example.ORG/2025/two-levels-up/",
        "https://reflections.example.org:443/2025/two-levels-up/",
    ],
)
def test_a_mention_of_this_sites_page_is_this_post_however_its_host_is_spelt(target):
    assert MentionTarget.from_address(target).names(POST_URL, OURS)
    moved = site_origins("https://new.example/blog", [SITE])
    assert MentionTarget.from_address(target).names(POST_URL, moved)


def test_a_local_build_without_an_absolute_siteurl_takes_a_mention_by_its_path():
    """A local SITEURL ("" or a path) names no host to compare."""
    other = MentionTarget.from_address("https://elsewhere.example/2025/two-levels-up/")
    assert origin_of("") == origin_of("/blog") == ""
    assert site_origins("", [SITE]) == site_origins("/blog") == frozenset()
    assert other.names(POST_URL, site_origins("/blog", [SITE]))


def test_a_published_build_refuses_a_mention_aimed_at_another_site(tmp_path, caplog):
    content = copy_content(tmp_path / "content")
    path = content / "comments/two-levels-up/mention-30411.json"
    entry = json.loads(path.read_text())
    entry["wm-target"] = "https://elsewhere.example/2025/two-levels-up/"
    path.write_text(json.dumps(entry))

    with pytest.raises(CommentError):
        build_site(tmp_path / "output", conf="publishconf.py", content=content)
    (line,) = [
        line for line in caplog.text.splitlines() if "is on another site" in line
    ]
    assert f"{path}: mention: its wm-target " in line
    assert "SITEURL 'https://reflections.example.org'" in line

    caplog.clear()
    site = build_site(tmp_path / "local", content=content)  # said, not stopped
    assert "Dana Whitfield" in read(site / "2025/two-levels-up/index.html")
    assert "is on another site" not in caplog.text


def test_reflect_mentions_import_skips_an_entry_aimed_at_another_site(tmp_path):
    export = tmp_path / "export.json"
    entry = {
        "type": "entry",
        "wm-id": 7,
        "wm-property": "like-of",
        "wm-source": "https://notes.example.net/7",
        "wm-target": "https://elsewhere.example/2025/two-levels-up/",
        "wm-received": "2025-09-20T08:00:00Z",
    }
    ours = {**entry, "wm-id": 8, "wm-target": SITE + "/2025/two-levels-up/"}
    export.write_text(json.dumps({"type": "feed", "children": [entry, ours]}))
    settings = {"ARTICLE_URL": "{date:%Y}/{slug}/", "SITEURL": SITE, "TIMEZONE": "UTC"}

    report = import_mentions(export, tmp_path / "comments", settings)

    assert [p.name for p in report.written] == ["mention-8.json"]
    (skipped,) = report.skipped
    assert skipped.located(export).startswith(f"{export}:1: entry 1: wm-target ")
    assert "is on another site than SITEURL" in skipped.reason


# --- A Webmention's fields of the wrong type ----------------------------------

MENTION = {
    "type": "entry",
    "wm-id": 900,
    "wm-property": "in-reply-to",
    "wm-source": "https://notes.example.net/42",
    "wm-target": SITE + "/2025/two-levels-up/",
    "wm-received": "2025-09-20T08:00:00Z",
    "url": "https://notes.example.net/42",
    "author": {"type": "card", "name": "Sam", "url": "https://notes.example.net/"},
    "content": {"html": "<p>Good point.</p>", "text": "Good point."},
}


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"author": "Sam"}, "author is a string, not an h-card object"),
        ({"author": ["Sam"]}, "author is a list, not an h-card object"),
        ({"author": {"name": 7}}, "author.name is a number, not text"),
        ({"author": {"name": "Sam", "url": {"u": 1}}}, "author.url is an object"),
        ({"author": {"name": "Sam", "url": "javascript:x"}}, "author.url 'javascript"),
        ({"content": "Good point."}, "content is a string, not an object"),
        ({"content": {"html": ["<p>x</p>"]}}, "content.html is a list, not text"),
        ({"content": {"text": True}}, "content.text is true or false, not text"),
        ({"url": 42}, "url a number is not an http(s) address"),
        ({"url": "ftp://notes.example.net/42"}, "url 'ftp://notes.example.net/42'"),
    ],
    ids=lambda value: None if isinstance(value, dict) else value.split(" ")[0],
)
def test_a_mention_field_of_the_wrong_type_is_named_and_the_mention_shown(
    tmp_path, changes, said
):
    folder = tmp_path / "comments" / "two-levels-up"
    folder.mkdir(parents=True)
    path = folder / "mention-900.json"
    path.write_text(json.dumps({**MENTION, **changes}))

    comments, findings = CommentReader("UTC").read_folder(tmp_path / "comments")

    assert [comment.id for comment in comments] == ["mention-900"]
    (finding,) = findings
    assert finding.path == str(path)
    assert finding.message.startswith(f"mention: {said}")
    assert finding.message.endswith("; shown without it")


def test_a_mention_with_every_field_right_is_shown_without_a_word(tmp_path):
    folder = tmp_path / "comments" / "two-levels-up"
    folder.mkdir(parents=True)
    (folder / "mention-900.json").write_text(json.dumps(MENTION))
    comments, findings = CommentReader("UTC").read_folder(tmp_path / "comments")
    assert len(comments) == 1 and findings == []


# A case that a local build and lint only warn of hides no other case's line
# there, so the three below share one local build and one lint; a publish
# build stops at the first, so each case keeps a publish build of its own.


def a_mention_content_that_is_a_string(content: Path) -> None:
    path = content / "comments/two-levels-up/mention-30411.json"
    entry = json.loads(path.read_text())
    entry["content"] = "A plain string, which the page would drop."
    path.write_text(json.dumps(entry))


def a_posts_comment_folder_that_is_a_file(content: Path) -> None:
    folder = content / "comments/how-resumes-get-read"
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    folder.write_text("Author: Sam\nDate: 2025-11-03\n\nWritten as a file.\n")
    (content / "comments/.gitkeep").write_text("")  # hidden: no one's


def a_folder_named_as_a_post_file(content: Path) -> None:
    folder = content / "posts" / "2026-02-01-half-written.md"
    folder.mkdir()
    (folder / "notes.txt").write_text("The post I meant to write.\n")
    (content / "posts" / ".cache.md").mkdir()  # hidden: Pelican skips it too


WARNED_LOCALLY = (
    a_mention_content_that_is_a_string,
    a_posts_comment_folder_that_is_a_file,
    a_folder_named_as_a_post_file,
)


@pytest.fixture(scope="module")
def warned_locally(tmp_path_factory):
    """One content folder with every case of ``WARNED_LOCALLY``, and the
    sample post modified at the minute it is dated, built as ``make html``
    builds it and linted."""
    folder = tmp_path_factory.mktemp("warned-locally")
    content = copy_content(folder / "content")
    for write in WARNED_LOCALLY:
        write(content)
    replace_line(content / POST, "Modified:", "Modified: 2025-09-14 09:30")
    html = run_pelican(content, folder / "html")
    return html, lint_in_process("lint", str(content)), folder / "html"


def runs_of(warned_locally, write, tmp_path: Path) -> Runs:
    """The shared local build and lint, and a publish build of this case's
    content alone."""
    html, lint, html_output = warned_locally
    content = copy_content(tmp_path / "content")
    write(content)
    output = tmp_path / "published"
    published = run_pelican(content, output, conf="publishconf.py")
    return Runs(html, published, lint, html_output, publish_output=output)


def test_a_mention_field_it_cannot_show_warns_locally_and_stops_a_publish(
    warned_locally, tmp_path
):
    runs = runs_of(warned_locally, a_mention_content_that_is_a_string, tmp_path)

    said = "mention: content is a string, not an object with html or text"
    assert (runs.html.returncode, runs.lint.returncode) == (0, 0)
    assert runs.publish.returncode != 0
    for run in (runs.html, runs.publish, runs.lint):
        output = run.stdout + run.stderr
        assert output.count(said) == 1, output
        assert "mention-30411.json" in output and "Traceback" not in output


# --- A plugin setting misspelt ------------------------------------------------

TYPOS = """
REFLECTIONS_MAX_LESONS = 3
SERIES_STRCT = True
REFLECTIONS_SOMETHING_ELSE = 1
HOME_BANNER = "a theme's own setting"
FEED_ALL_JSN = "feeds/all.json"
MY_OWN_SETTING = 1
"""


def test_a_misspelt_plugin_setting_is_named_at_its_line_with_the_one_meant(tmp_path):
    site = copy_project(tmp_path / "site")
    settings = site / "pelicanconf.py"
    settings.write_text(read(settings) + TYPOS)
    lines = read(settings).split("\n")
    first = lines.index("REFLECTIONS_MAX_LESONS = 3")

    built = pelican_build(site, tmp_path / "out")
    published = pelican_build(site, tmp_path / "published", "publishconf.py")
    linted = subprocess.run(
        [str(REFLECT), "lint"], cwd=site, capture_output=True, text=True
    )

    said = {
        first + 1: "REFLECTIONS_MAX_LESONS is no plugin's setting and is ignored; "
        "did you mean REFLECTIONS_MAX_LESSONS?",
        first + 2: "SERIES_STRCT is no plugin's setting and is ignored; "
        "did you mean SERIES_STRICT?",
        first + 3: "REFLECTIONS_SOMETHING_ELSE is no plugin's setting",
    }
    assert built.returncode == 0 and linted.returncode == 0, built.stderr
    for run in (built, linted):
        output = " ".join((run.stdout + run.stderr).split())
        for line, message in said.items():
            found = re.findall(
                rf"pelicanconf\.py:{line}: (?:warning: )?{re.escape(message)}", output
            )
            assert len(found) == 1, output
        for theirs in ("HOME_BANNER", "FEED_ALL_JSN", "MY_OWN_SETTING"):
            assert theirs not in output
    # A publish build stops at the first (``--fatal errors``), before
    # anything is read or written.
    output = " ".join((published.stdout + published.stderr).split())
    assert published.returncode != 0
    assert f"pelicanconf.py:{first + 1}: {said[first + 1]}" in output
    assert "Traceback" not in output and not (tmp_path / "published").exists()


def test_the_sample_sites_settings_name_no_unknown_plugin_setting():
    from sitebuild import ROOT

    from reflect.site import load_site
    from sitekit.declaration import misspelt_settings

    site = load_site(ROOT)
    assert misspelt_settings(site.settings, site.plugins) == []


# --- lessons.yml: aliases that are no phrase -----------------------------------


def _vocabulary(tmp_path, aliases: str):
    path = tmp_path / "lessons.yml"
    path.write_text(
        f"use-the-gap:\n  title: Use the gap\n  aliases:{aliases}\n  cues:\n"
        "    - the gap\n",
        encoding="utf-8",
    )
    return path


def test_aliases_given_as_one_string_are_one_alias_not_its_characters(tmp_path):
    vocabulary = load_vocabulary(_vocabulary(tmp_path, " Mind the gap"))
    assert vocabulary.lessons["use-the-gap"].aliases == ("Mind the gap",)
    assert vocabulary.slug_for("mind the gap") == "use-the-gap"
    assert vocabulary.slug_for("m") is None


@pytest.mark.parametrize(
    ("aliases", "line", "said"),
    [
        ("\n    - Mind the gap\n    - 42", 5, "'42' (a number to YAML)"),
        ("\n    - 1.5", 4, "'1.5' (a number to YAML)"),
        ("\n    - yes", 4, "'yes' (true or false to YAML)"),
        ("\n    - Mind the gap\n    -", 5, "an empty entry"),
        ("\n    - ~", 4, "an empty entry"),
        ("\n    - ''", 4, "an empty entry"),
        (" 42", 3, "'42' (a number to YAML)"),
        ("", 3, "an empty entry"),
    ],
    ids=[
        "number",
        "float",
        "bool",
        "dash-only",
        "tilde",
        "blank",
        "field-number",
        "field-null",
    ],
)
def test_an_alias_that_is_a_number_or_null_is_named_at_its_line(
    tmp_path, aliases, line, said
):
    path = _vocabulary(tmp_path, aliases)
    with pytest.raises(VocabularyError) as raised:
        load_vocabulary(path)
    assert str(raised.value) == (
        f"{path}:{line}: aliases: {said} is not an alias; write an alias as "
        "text (quoted if it is a number) or remove the line"
    )


def test_a_quoted_number_is_an_alias(tmp_path):
    vocabulary = load_vocabulary(_vocabulary(tmp_path, '\n    - "42"'))
    assert vocabulary.lessons["use-the-gap"].aliases == ("42",)


# --- A post changed before it was written ---------------------------------------


EARLIER_MODIFIED = ["2025-09-13 18:00", "2025-09-14 09:29", "2025-09-14 10:29+02:00"]


@pytest.fixture(scope="module")
def modified_earlier(tmp_path_factory):
    """Each earlier Modified: in a post of its own, one build for all: each
    is a warning, which stops no build and hides no other post's."""

    def write(content):
        cases = {}
        for index, modified in enumerate(EARLIER_MODIFIED):
            post = beside(content, POST, f"modified-earlier-{index}")
            line = replace_line(post, "Modified:", f"Modified: {modified}")
            cases[modified] = post.relative_to(content), line
        return cases

    return shared_runs(tmp_path_factory, "modified-earlier", write)


@pytest.mark.parametrize(
    "modified", EARLIER_MODIFIED, ids=["day-before", "minute-before", "zone-before"]
)
def test_modified_earlier_than_date_warns_at_modifieds_line(modified_earlier, modified):
    runs, cases = modified_earlier
    post, line = cases[modified]

    assert (runs.html.returncode, runs.publish.returncode) == (0, 0)
    assert runs.lint.returncode == 0
    for run in (runs.html, runs.publish, runs.lint):
        output = " ".join((run.stdout + run.stderr).split())
        assert output.count(f"{post}:{line}: ") == 1, output
        said = re.search(
            rf"{re.escape(f'{post}:{line}: ')}(?:warning: )?(Modified: [^;]*) is "
            r"earlier than Date: 2025-09-14 09:30; check both",
            output,
        )
        assert said, output
    if "+02:00" in modified:  # said where the post's Date is, too
        assert said[1] == "Modified: 2025-09-14 10:29 (in Date's zone 2025-09-14 03:29)"


def test_modified_on_or_after_date_is_said_nothing_of(warned_locally):
    """Read in the local build and lint that ``warned_locally`` shares (its
    sample post's Modified: is its Date), where no other case dates a post."""
    html, lint, _ = warned_locally
    for run in (html, lint):
        assert "is earlier than Date" not in run.stdout + run.stderr


# --- A file where a folder belongs ----------------------------------------------


def test_a_comments_path_that_is_a_file_is_named(tmp_path):
    (tmp_path / "comments").write_text("Author: Sam\n\nA comment.\n")
    comments, findings = CommentReader("UTC").read_folder(tmp_path / "comments")
    assert comments == []
    (finding,) = findings
    assert finding.path == str(tmp_path / "comments")
    assert finding.message.startswith("is a file; comments are read from a folder")


def test_a_posts_comment_folder_that_is_a_file_is_named_locally_and_stops_a_publish(
    warned_locally, tmp_path
):
    runs = runs_of(warned_locally, a_posts_comment_folder_that_is_a_file, tmp_path)

    assert (runs.html.returncode, runs.lint.returncode) == (0, 0)
    assert runs.publish.returncode != 0
    for run in (runs.html, runs.publish, runs.lint):
        output = " ".join((run.stdout + run.stderr).split())
        assert output.count("comments/how-resumes-get-read: ") == 1, output
        assert "a post's comments go in a folder named after its slug" in output
        assert ".gitkeep" not in output


def test_a_folder_named_as_a_post_file_is_named(warned_locally, tmp_path):
    runs = runs_of(warned_locally, a_folder_named_as_a_post_file, tmp_path)

    assert (runs.html.returncode, runs.lint.returncode) == (0, 0)
    assert runs.publish.returncode != 0
    for run in (runs.html, runs.publish, runs.lint):
        output = " ".join((run.stdout + run.stderr).split())
        assert output.count("posts/2026-02-01-half-written.md: ") == 1, output
        assert "a folder named as a .md file: no post or page is read" in output
        assert ".cache.md" not in output
