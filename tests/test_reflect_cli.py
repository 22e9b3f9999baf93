"""The `reflect` command, through its real entry points."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sitebuild import CONTENT, ROOT, build_site, read
from wpblog import build_blog

from reflect.cli import main

REFLECT = Path(sys.executable).parent / "reflect"
WXR = Path(__file__).parent / "fixtures" / "wordpress-export.xml"
SETTINGS = (
    'PATH = "content"\nARTICLE_PATHS = ["posts"]\nPAGE_PATHS = ["pages"]\n'
    'PLUGINS = ["sourceguard", "comments", "postseries", "reflections"]\n'
    # The sample's Webmentions are aimed at the sample site's addresses.
    'ARTICLE_URL = "{date:%Y}/{slug}/"\n'
)


@pytest.fixture
def blog(tmp_path, monkeypatch):
    """An empty site folder with a pelicanconf.py, as the working directory."""
    (tmp_path / "pelicanconf.py").write_text(SETTINGS + 'TIMEZONE = "UTC"\n')
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def sample_blog(blog):
    """The site folder with a copy of the sample content."""
    shutil.rmtree(blog / "content")
    shutil.copytree(CONTENT, blog / "content")
    return blog


def reflect(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run the installed console script, as a user does."""
    return subprocess.run(
        [str(REFLECT), *args], cwd=cwd, capture_output=True, text=True
    )


def test_the_console_script_is_installed_with_help_for_every_subcommand(blog):
    for command in ([], ["new"], ["lint"], ["lessons"], ["import-wordpress"]):
        result = reflect(*command, "--help", cwd=blog)
        assert result.returncode == 0, command
        assert result.stdout.startswith("usage: reflect")


def test_unknown_subcommands_and_options_print_the_usage_line(blog):
    for arguments in (["frobnicate"], ["lint", "--bogus"], []):
        result = reflect(*arguments, cwd=blog)
        assert result.returncode == 2
        assert result.stderr.startswith("usage: reflect")


def test_new_writes_a_dated_post_from_the_template_and_prints_its_path(blog, capsys):
    code = main(
        [
            "new",
            "Lunch with a data lead",
            "--date",
            "2026-11-30",
            "--category",
            "Mentoring",
        ]
    )
    path = blog / "content" / "posts" / "2026-11-30-lunch-with-a-data-lead.md"
    assert code == 0
    assert capsys.readouterr().out.strip() == str(path.relative_to(blog))
    text = read(path)
    assert text.startswith(
        "Title: Lunch with a data lead\nSlug: lunch-with-a-data-lead\n"
    )
    assert "Date: 2026-11-30" in text and "Category: Mentoring" in text
    for prompt in (
        "## What I prepared",
        "## Their story",
        "## What surprised me",
        "> [!lesson]",
        "## What I will do next",
        "Question:",
    ):
        assert prompt in text


def test_new_defaults_to_today(blog):
    assert main(["new", "Today's talk"]) == 0
    assert (
        blog / "content" / "posts" / f"{date.today():%Y-%m-%d}-todays-talk.md"
    ).exists()


def test_new_refuses_to_overwrite_an_existing_file(blog, capsys):
    path = blog / "content" / "posts" / "2026-11-30-taken.md"
    path.parent.mkdir(parents=True)
    path.write_text("My own words.\n")
    assert main(["new", "Taken", "--date", "2026-11-30"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert read(path) == "My own words.\n"


@pytest.mark.parametrize(
    "title", ["word " * 1000, "学" * 300], ids=["a thousand words", "another script"]
)
def test_new_cuts_a_slug_too_long_for_a_file_name(blog, capsys, title):
    """A file system holds 255 bytes in a name; the title is kept whole."""
    assert main(["new", title, "--date", "2026-11-30"]) == 0
    [path] = (blog / "content" / "posts").glob("*.md")
    assert len(path.name.encode("utf-8")) <= 255
    slug = path.stem.removeprefix("2026-11-30-")
    assert f"\nSlug: {slug}\n" in read(path)
    assert f"Title: {' '.join(title.split())}" in read(path)


def test_a_new_post_builds_once_written(blog):
    main(["new", "A first try", "--date", "2026-11-30"])
    site = build_site(blog / "output", content=blog / "content")
    assert (site / "2026" / "a-first-try" / "index.html").exists()


def test_lint_passes_the_sample_content(sample_blog, capsys):
    assert main(["lint"]) == 0
    assert capsys.readouterr().out.strip().endswith("0 error(s), 0 warning(s)")


BROKEN_POST = """Title: Broken
Date: 2026-11-01
Lessons: Prepare targeted question

> [!lesson]
> A note without a statement.
"""


def write_post(blog, name: str, text: str) -> Path:
    path = blog / "content" / "posts" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_lint_reports_errors_as_file_line_level_message_and_exits_1(
    sample_blog, capsys
):
    write_post(sample_blog, "2026-11-01-broken.md", BROKEN_POST)
    assert main(["lint"]) == 1
    out = capsys.readouterr().out
    assert (
        "content/posts/2026-11-01-broken.md:5: error: "
        "lesson callout without a statement" in out
    )


def test_lint_warns_of_near_misses_ad_hoc_lessons_and_posts_without_lessons(
    sample_blog, capsys
):
    write_post(
        sample_blog,
        "2026-11-01-typo.md",
        "Title: Typo\nDate: 2026-11-01\nLessons: Prepare targeted question\n\nBody.\n",
    )
    write_post(
        sample_blog,
        "2026-11-02-new.md",
        "Title: New\nDate: 2026-11-02\nLessons: Budget for the unexpected\n\nBody.\n",
    )
    write_post(
        sample_blog, "2026-11-03-none.md", "Title: None\nDate: 2026-11-03\n\nBody.\n"
    )
    assert main(["lint"]) == 0
    out = capsys.readouterr().out
    assert (
        "2026-11-01-typo.md:3: warning: lesson 'Prepare targeted question' is not in "
        "lessons.yml; did you mean 'Prepare targeted questions'?"
    ) in out
    assert (
        "2026-11-02-new.md:3: warning: ad-hoc lesson 'Budget for the unexpected'" in out
    )
    assert "2026-11-03-none.md: warning: this post teaches no lessons" in out
    assert main(["lint", "--strict"]) == 1
    assert "2026-11-01-typo.md:3: error:" in capsys.readouterr().out


def test_lint_checks_comments_and_the_vocabulary(sample_blog, capsys):
    comments = sample_blog / "content" / "comments"
    (comments / "no-such-post").mkdir()
    (comments / "no-such-post" / "x.md").write_text(
        "Author: A\nDate: 2026-01-01\n\nHi.\n"
    )
    (comments / "two-levels-up" / "y.md").write_text(
        "Author: B\nDate: 2026-01-02\nReply-To: ghost\n\nHi.\n"
    )
    (comments / "two-levels-up" / "z.md").write_text("Date: 2026-01-03\n\nHi.\n")
    vocabulary = sample_blog / "content" / "lessons.yml"
    vocabulary.write_text(
        read(vocabulary)
        + "\nprepare-targeted-question:\n  title: Prepare a targeted question\n"
    )
    main(["lint", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    messages = {
        (p["path"], p["level"], p["message"].split(":")[0]) for p in report["problems"]
    }
    assert (
        "content/comments/no-such-post/x.md",
        "warning",
        "comment for a post that does not exist",
    ) in messages
    assert any(
        path.endswith("y.md") and "Reply-To" in text for path, _, text in messages
    )
    assert any(path.endswith("z.md") for path, _, _ in messages)
    assert any(
        p["path"] == "content/lessons.yml" and "nearly the same" in p["message"]
        for p in report["problems"]
    )
    assert report["errors"] == 0 and report["warnings"] >= 4


def test_lint_names_a_missing_folder(blog, capsys):
    assert main(["lint", "no-such-folder"]) != 0
    assert "no such folder: no-such-folder" in capsys.readouterr().err


def test_lint_of_a_folder_without_posts_or_pages_checks_nothing_and_says_so(
    sample_blog, monkeypatch, capsys
):
    """`reflect lint .` in content/posts/ read no file and passed: "0 files
    checked: 0 error(s)", exit status 0."""
    monkeypatch.chdir(sample_blog / "content" / "posts")

    status = main(["lint", "."])

    said = capsys.readouterr()
    assert status == 2
    assert "files checked" not in said.out
    assert (
        "reflect lint: . holds none of the folders posts and pages are read from "
        "('posts', 'pages': ARTICLE_PATHS, PAGE_PATHS), so nothing would be "
        "checked; `reflect lint` checks "
    ) in said.err


def test_lint_of_a_post_file_says_lint_checks_a_folder(sample_blog, capsys):
    """It said "no such folder" of a file that is there."""
    post = "content/posts/2025-09-14-two-levels-up.md"

    status = main(["lint", post])

    said = capsys.readouterr().err
    assert status == 2
    assert "no such folder" not in said
    assert (
        f"reflect lint: {post} is a file; lint checks every post and page of a "
        "content folder: `reflect lint` checks content"
    ) in said


def test_lint_of_a_malformed_vocabulary_is_an_error_at_its_line(sample_blog, capsys):
    (sample_blog / "content" / "lessons.yml").write_text(
        "a:\n  title: A\n  colour: blue\n"
    )
    assert main(["lint"]) == 1
    assert "content/lessons.yml:3: error: lesson 'a' has an unknown field 'colour'" in (
        capsys.readouterr().out
    )


def test_lessons_prints_the_table_csv_and_json(sample_blog, capsys):
    assert main(["lessons"]) == 0
    table = capsys.readouterr().out
    assert "19 lessons from 11 reflections" in table
    assert "Interview two" in table
    main(["lessons", "--format", "csv"])
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["lesson", "theme", "posts", "first learned", "last reinforced"]
    assert len(rows) == 20
    assert rows[1][:3] == ["Interview two levels up", "Networking", "3"]
    main(["lessons", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data[0]["first_learned"] == "2025-09-14"


def all_text(folder: Path) -> str:
    return "\n".join(read(path) for path in folder.rglob("*.md"))


def test_import_wordpress_writes_posts_pages_drafts_and_threaded_comments(blog, capsys):
    assert main(["import-wordpress", str(WXR)]) == 0
    summary = capsys.readouterr().out
    assert "Posts: 2 (1 as drafts); pages: 1; comments: 3; images: 0." in summary
    assert "2 spam or unapproved comment(s)" in summary and "1 pingback(s)" in summary
    content = blog / "content"
    post = read(content / "posts" / "2019-04-13-coffee-with-a-plant-manager.md")
    for expected in (
        "Title: Coffee with a plant manager",
        "Date: 2019-04-13 10:02",
        "Category: Informational interviews",
        "Tags: manufacturing, operations",
        "## What she told me",
        "- Learn the line before you manage it",
        "![A stack of pallets](https://hallway.example.com/wp-content/uploads/2019/04/pallets.jpg)",
        "**three hundred people**",
    ):
        assert expected in post, expected
    assert "\n\nShe runs a plant" in post  # paragraphs kept apart
    draft = read(
        content / "posts" / "2019-05-02-half-written-my-first-mock-interview.md"
    )
    assert "Status: draft" in draft
    assert read(content / "pages" / "about.md").startswith("Title: About\n")
    thread = content / "comments" / "coffee-with-a-plant-manager"
    replies = {path.stem: read(path) for path in thread.glob("*.md")}
    assert set(replies) == {
        "2019-04-14-dev-patel-7",
        "2019-04-14-sam-8",
        "2019-04-15-dev-patel-9",
    }
    assert "Reply-To: 2019-04-14-dev-patel-7" in replies["2019-04-14-sam-8"]
    assert "Reply-To: 2019-04-14-sam-8" in replies["2019-04-15-dev-patel-9"]
    everything = all_text(content)
    for secret in (
        "dev.private@mail.example.net",
        "203.0.113.17",
        "sam@hallway",
        "198.51.100.4",
        "Cheap Watches",
        "moderation queue",
        "Another Blog",
    ):
        assert secret not in everything


def test_import_wordpress_never_overwrites_and_says_what_it_skipped(blog, capsys):
    main(["import-wordpress", str(WXR)])
    capsys.readouterr()
    page = blog / "content" / "pages" / "about.md"
    page.write_text("Title: About\n\nMy edited page.\n")
    assert main(["import-wordpress", str(WXR)]) == 0
    summary = capsys.readouterr().out
    assert "Files written: 0; skipped because they exist: 6." in summary
    assert "skipped content/pages/about.md" in summary
    assert read(page) == "Title: About\n\nMy edited page.\n"


def test_an_imported_blog_builds_with_its_comments(blog):
    main(["import-wordpress", str(WXR)])
    site = build_blog(blog)
    page = read(site / "2019" / "coffee-with-a-plant-manager" / "index.html")
    assert "3 thoughts on “Coffee with a plant manager”" in page
    assert 'id="comment-2019-04-15-dev-patel-9"' in page
    assert (site / "about" / "index.html").exists()
    assert (
        site / "drafts" / "half-written-my-first-mock-interview" / "index.html"
    ).exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<html><body>not xml", "not an XML file"),
        (
            '<?xml version="1.0"?><rss version="2.0"><channel/></rss>',
            "not a WordPress export",
        ),
        ("", "not an XML file"),
    ],
)
def test_a_file_that_is_not_a_wordpress_export_writes_nothing(blog, text, message):
    export = blog / "export.xml"
    export.write_text(text)
    result = reflect("import-wordpress", str(export), cwd=blog)
    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list((blog / "content").rglob("*")) == []


def test_the_command_reads_the_projects_own_settings():
    result = reflect("lessons", "--format", "json", cwd=ROOT)
    assert result.returncode == 0
    assert len(json.loads(result.stdout)) == 19


def test_reflect_outside_a_project_refuses_with_one_line_and_writes_nothing(tmp_path):
    elsewhere = tmp_path / "downloads"
    elsewhere.mkdir()
    (elsewhere / "notes.md").write_text("Title: Not a post\n\nHello.\n")
    for command in (["lint"], ["new", "x"], ["lessons"]):
        result = reflect(*command, cwd=elsewhere)
        assert result.returncode == 2, command
        assert result.stderr.startswith("reflect: no pelicanconf.py in ")
        assert "--project DIR" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert result.stdout == ""
    assert sorted(p.name for p in elsewhere.iterdir()) == ["notes.md"]


def test_reflect_finds_its_project_from_a_folder_inside_it(blog):
    inside = blog / "content"
    result = reflect("new", "Walk with a recruiter", "--date", "2026-11-30", cwd=inside)
    assert result.returncode == 0, result.stderr
    written = blog / "content" / "posts" / "2026-11-30-walk-with-a-recruiter.md"
    assert written.exists()
    assert not list(inside.glob("*.md"))


def test_project_names_the_site_folder_from_anywhere(blog, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    result = reflect(
        "--project",
        str(blog),
        "new",
        "Remote call",
        "--date",
        "2026-12-01",
        cwd=elsewhere,
    )
    assert result.returncode == 0, result.stderr
    assert (blog / "content" / "posts" / "2026-12-01-remote-call.md").exists()
    refused = reflect("--project", str(elsewhere), "lint", cwd=blog)
    assert refused.returncode == 2
    assert "has no pelicanconf.py" in refused.stderr


def test_new_writes_into_the_first_of_article_paths(blog):
    (blog / "pelicanconf.py").write_text(
        'PATH = "content"\nARTICLE_PATHS = ["writing", "old"]\nTIMEZONE = "UTC"\n'
        'PLUGINS = ["sourceguard", "comments", "postseries", "reflections"]\n'
    )
    result = reflect("new", "Mock panel", "--date", "2026-12-02", cwd=blog / "content")
    assert result.returncode == 0, result.stderr
    assert (blog / "content" / "writing" / "2026-12-02-mock-panel.md").exists()


def test_new_refuses_a_slug_another_post_has(blog, capsys):
    assert main(["new", "Coffee with Ana", "--date", "2026-11-01"]) == 0
    capsys.readouterr()
    assert main(["new", "Coffee with Ana", "--date", "2026-12-01"]) == 1
    message = capsys.readouterr().err
    assert "the slug 'coffee-with-ana' is taken by" in message
    assert "2026-11-01-coffee-with-ana.md" in message
    assert not (blog / "content" / "posts" / "2026-12-01-coffee-with-ana.md").exists()


def test_new_refuses_a_slug_set_by_another_posts_slug_line(blog, capsys):
    posts = blog / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "2025-01-01-old.md").write_text(
        "Title: Something else\nSlug: panel-day\nDate: 2025-01-01\n\nBody.\n"
    )
    assert main(["new", "Panel day", "--date", "2026-12-01"]) == 1
    assert "taken by content/posts/2025-01-01-old.md" in capsys.readouterr().err


def test_lint_flags_every_prompt_left_over_from_new(blog, capsys):
    main(["new", "Unfinished", "--date", "2026-11-30"])
    capsys.readouterr()
    assert main(["lint"]) == 0
    out = capsys.readouterr().out
    flagged = re.findall(r"2026-11-30-unfinished\.md:(\d+): warning: placeholder", out)
    assert len(flagged) == 13
    assert ":6: warning: placeholder from `reflect new` left in: 'One or two" in out
    assert main(["lint", "--strict"]) == 1
    assert "unfinished.md:7: error: placeholder" in capsys.readouterr().out


def test_a_lesson_prompt_left_from_new_is_a_placeholder_not_a_lesson(blog, capsys):
    """The lesson callout's prompt is reported once, as a placeholder to
    replace: never as an ad-hoc lesson to `lessons add`, never a lesson."""
    main(["new", "Unfinished", "--date", "2026-11-30"])
    capsys.readouterr()
    post = blog / "content" / "posts" / "2026-11-30-unfinished.md"
    prompt = 'Write the lesson as a short statement, like "Aim two levels up"'
    line = read(post).splitlines().index(f"> [!lesson] {prompt}")
    main(["lint"])
    out = capsys.readouterr().out
    at_the_callout = [
        said for said in out.splitlines() if f"unfinished.md:{line + 1}:" in said
    ]
    assert len(at_the_callout) == 1
    assert "placeholder from `reflect new` left in" in at_the_callout[0]
    assert "lessons add" not in out and "ad-hoc" not in out
    main(["lessons", "--format", "json"])
    assert "Write the lesson" not in capsys.readouterr().out
    # Written in the writer's words, it is a lesson like any other.
    post.write_text(read(post).replace(prompt, "Aim two levels up"), encoding="utf-8")
    main(["lint"])
    assert 'lessons add "Aim two levels up" --theme THEME' in capsys.readouterr().out


def test_lint_leaves_prompts_in_private_notes_alone(blog, capsys):
    write_post(
        blog,
        "2026-11-30-done.md",
        "Title: Done\nDate: 2026-11-30\nLessons: Ask for the scorecard\n\n"
        "> [!private]\n> What did you not expect to hear?\n\nMy own words.\n",
    )
    main(["lint", "--strict"])
    assert "placeholder" not in capsys.readouterr().out


def test_a_post_without_lessons_is_a_warning_even_when_strict_with_a_hint(blog, capsys):
    write_post(blog, "2026-11-30-plain.md", "Title: Plain\nDate: 2026-11-30\n\nX.\n")
    assert main(["lint", "--strict"]) == 0
    out = capsys.readouterr().out
    assert "2026-11-30-plain.md: warning: this post teaches no lessons" in out
    assert "(`reflect suggest` proposes some)" in out


def test_an_ad_hoc_lesson_warning_names_lessons_add_and_the_publish_refusal(
    sample_blog, capsys
):
    write_post(
        sample_blog,
        "2026-11-02-new.md",
        "Title: New\nDate: 2026-11-02\nLessons: Budget for the unexpected\n\nBody.\n",
    )
    main(["lint"])
    out = capsys.readouterr().out
    assert (
        "2026-11-02-new.md:3: warning: ad-hoc lesson 'Budget for the unexpected' is "
        "not in lessons.yml; a publish build refuses this post until you add it with "
        '`reflect lessons add "Budget for the unexpected" --theme THEME`'
    ) in out
    assert main(["lint", "--strict"]) == 1
    capsys.readouterr()
    assert (
        main(["lessons", "add", "Budget for the unexpected", "--theme", "Mindset"]) == 0
    )
    assert capsys.readouterr().out.strip() == (
        "content/lessons.yml: added 'budget-for-the-unexpected'"
    )
    assert main(["lint", "--strict"]) == 0


def test_lessons_add_keeps_the_files_comments_order_and_layout(sample_blog, capsys):
    vocabulary = sample_blog / "content" / "lessons.yml"
    before = read(vocabulary)
    code = main(
        [
            "lessons",
            "add",
            "Sleep on an offer",
            "--theme",
            "Career moves",
            "--alias",
            "Never accept on the call",
            "--alias",
            "Take a night",
            "--description",
            "Say *thank you* and ask for a day.",
        ]
    )
    assert code == 0
    assert read(vocabulary) == before + (
        "\nsleep-on-an-offer:\n"
        "  title: Sleep on an offer\n"
        "  theme: Career moves\n"
        "  aliases:\n"
        "    - Never accept on the call\n"
        "    - Take a night\n"
        "  description: |\n"
        "    Say *thank you* and ask for a day.\n"
    )


def test_lessons_add_keeps_windows_line_endings_and_a_bom(sample_blog, capsys):
    """lessons.yml kept with CRLF line endings and a byte order mark came
    back with LF and no BOM: every line of the file changed."""
    vocabulary = sample_blog / "content" / "lessons.yml"
    kept = "\ufeff" + read(vocabulary).replace("\n", "\r\n")
    vocabulary.write_bytes(kept.encode("utf-8"))

    status = main(["lessons", "add", "Sleep on an offer", "--theme", "Career moves"])

    assert status == 0, capsys.readouterr().err
    after = vocabulary.read_bytes().decode("utf-8")
    assert after.startswith(kept)
    assert after[len(kept) :] == (
        "\r\nsleep-on-an-offer:\r\n  title: Sleep on an offer\r\n"
        "  theme: Career moves\r\n"
    )


@pytest.mark.parametrize(
    ("title", "alias", "message"),
    [
        ("Prepare targeted questions", None, "already names the lesson"),
        ("Something new", "Do your homework", "'Do your homework' already names"),
        ("!!!", None, "has no letters or digits"),
    ],
)
def test_lessons_add_refuses_a_name_another_lesson_has(
    sample_blog, title, alias, message
):
    vocabulary = sample_blog / "content" / "lessons.yml"
    before = read(vocabulary)
    args = ["lessons", "add", title, "--theme", "Mindset"]
    result = reflect(*args, *(["--alias", alias] if alias else []), cwd=sample_blog)
    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert read(vocabulary) == before


def test_lessons_add_refuses_to_edit_a_broken_lessons_file(sample_blog):
    vocabulary = sample_blog / "content" / "lessons.yml"
    vocabulary.write_text("a:\n  title: [unclosed\n")
    result = reflect("lessons", "add", "New one", "--theme", "Mindset", cwd=sample_blog)
    assert result.returncode == 1
    assert result.stderr.startswith("reflect lessons add: content/lessons.yml:")
    assert read(vocabulary) == "a:\n  title: [unclosed\n"


def test_lessons_add_refuses_a_number_too_long_for_python_in_one_line(sample_blog):
    """The build reads a title of 5,000 digits as text; the round trip that
    adds an entry would read it as a number Python refuses to make."""
    vocabulary = sample_blog / "content" / "lessons.yml"
    vocabulary.write_text("a:\n  title: " + "9" * 5000 + "\n")
    before = read(vocabulary)
    result = reflect("lessons", "add", "New one", "--theme", "Mindset", cwd=sample_blog)
    assert result.returncode == 1
    assert "lessons.yml is not valid YAML: a value cannot be read" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert read(vocabulary) == before


def test_lessons_add_starts_a_lessons_file_when_there_is_none(blog):
    assert (
        main(["lessons", "add", "Ask for the scorecard", "--theme", "Interviewing"])
        == 0
    )
    assert read(blog / "content" / "lessons.yml") == (
        "ask-for-the-scorecard:\n"
        "  title: Ask for the scorecard\n"
        "  theme: Interviewing\n"
    )


def test_a_settings_file_that_cannot_be_read_is_named_in_one_line(blog):
    (blog / "pelicanconf.py").write_text('PATH = "content"\nTIMEZONE = (\n')
    result = reflect("lint", cwd=blog)
    assert result.returncode == 2
    assert result.stderr.startswith("reflect: ")
    assert "pelicanconf.py cannot be read (SyntaxError" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
