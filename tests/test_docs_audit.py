"""What a new user meets following the documentation, where the site did
not do what the pages say: each case found by trying the docs as written,
then with a plausible mistake, through the front ends a writer uses."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sitebuild import (
    PELICAN,
    checkout_pythonpath,
    copy_project,
    lint_in_process,
    run_pelican,
    snapshot,
)

DRAFT = "posts/2026-11-29-recruiting-lead-lunch.md"
WORDPRESS = Path(__file__).parent / "fixtures" / "wordpress-export.xml"


def post_linking(project: Path, body: str) -> str:
    """A published post whose body is ``body``; its path in the content."""
    name = "posts/2026-05-05-links.md"
    (project / "content" / name).write_text(
        "Title: Links elsewhere on the site\nDate: 2026-05-05 10:00\n"
        "Lessons: Learn adjacent functions\n\n" + body,
        encoding="utf-8",
    )
    return name


def test_a_link_to_a_missing_file_is_named_at_its_line_and_stops_publish(tmp_path):
    project = copy_project(tmp_path / "site")
    post = post_linking(
        project,
        "The scorecard:\n![card]({static}/images/scorecard.png)\n"
        "and [the first one]({filename}/posts/2025-09-14-two-levels-up.md),\n"
        "[the follow-up]({filename}/posts/2026-13-01-nope.md).\n",
    )

    lint = lint_in_process("lint", cwd=project)
    strict = lint_in_process("lint", "--strict", cwd=project)
    publish = run_pelican(project / "content", tmp_path / "out", conf="publishconf.py")

    said = lint.stdout + lint.stderr
    assert lint.returncode == 0, said
    assert (
        f"content/{post}:6: warning: the link '{{static}}/images/scorecard.png' "
        "leads to no file of the content folder"
    ) in said
    assert f"content/{post}:8: warning: the link '{{filename}}/posts/2026-13-01" in said
    assert "two-levels-up" not in said  # the link that works is no finding
    assert strict.returncode == 1
    assert f"content/{post}:8: error: the link" in strict.stdout
    published = publish.stdout + publish.stderr
    assert publish.returncode != 0, published
    assert f"{post}:6: the link '{{static}}/images/scorecard.png'" in published
    assert "Traceback" not in published
    assert not (tmp_path / "out" / "2026" / "links-elsewhere-on-the-site").exists()


def test_a_published_post_linking_a_draft_is_refused_by_publish(tmp_path):
    """The link became /drafts/<slug>/ in the published page and every
    feed: an address the published site does not have, naming the draft."""
    project = copy_project(tmp_path / "site")
    post = post_linking(project, f"Notes from [the lunch]({{filename}}/{DRAFT}).\n")

    local = lint_in_process("lint", cwd=project)
    publish = run_pelican(project / "content", tmp_path / "out", conf="publishconf.py")

    link = f"the link '{{filename}}/{DRAFT}' leads to a draft"
    assert f"content/{post}:5: warning: {link}" in local.stdout
    published = publish.stdout + publish.stderr
    assert publish.returncode != 0, published
    assert f"{post}:5: {link}" in published
    leaked = [
        path
        for path in (tmp_path / "out").rglob("*")
        if path.is_file() and b"recruiting-lead-lunch" in path.read_bytes()
    ]
    assert leaked == []


def test_a_draft_may_link_what_is_not_published_yet(tmp_path):
    project = copy_project(tmp_path / "site")
    draft = project / "content" / DRAFT
    later = "\nSee [a later post]({filename}later.md).\n"
    draft.write_text(draft.read_text(encoding="utf-8") + later, encoding="utf-8")

    strict = lint_in_process("lint", "--strict", cwd=project)

    assert "the link" not in strict.stdout, strict.stdout


def test_a_series_named_without_letters_gets_a_page_of_its_own(tmp_path):
    """`Series: 🙂` slugified to nothing: its page was written as
    `series/index.html`, the series folder's own index, linked as
    `/series//`, without a word. It is named as a tag is (`u1f642`), with the
    warning a tag gets."""
    project = copy_project(tmp_path / "site")
    for day in (1, 2):
        (project / "content" / "posts" / f"2026-02-0{day}-s.md").write_text(
            f"Title: Part {day}\nDate: 2026-02-0{day}\nSeries: \U0001f642\n"
            "Lessons: Learn adjacent functions\n\nText.\n",
            encoding="utf-8",
        )

    lint = lint_in_process("lint", "--strict", cwd=project)
    built = run_pelican(project / "content", tmp_path / "out")

    said = (
        "Series: '\U0001f642' has no letters or digits for its URL, "
        "so its page uses 'u1f642'"
    )
    assert f"content/posts/2026-02-01-s.md:3: warning: {said}" in lint.stdout
    assert lint.returncode == 0, lint.stdout
    assert built.returncode == 0, built.stdout + built.stderr
    assert f"posts/2026-02-01-s.md:3: {said}" in built.stdout + built.stderr
    series = tmp_path / "out" / "series"
    assert (series / "u1f642" / "index.html").is_file()
    assert not (series / "index.html").exists()
    part = (tmp_path / "out" / "2026" / "part-1" / "index.html").read_text("utf-8")
    assert 'href="/series/u1f642/"' in part
    assert "/series//" not in part


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("no-such-folder", "--content no-such-folder: no such folder"),
        ("pelicanconf.py", "--content pelicanconf.py: a file"),
        ("output", "--content output is the output folder (output), where posts/"),
        ("theme", "--content theme is the theme folder (theme), where posts/"),
        ("content/posts", "--content content/posts is inside the content folder"),
        (".", "--content . holds the content folder (content)"),
    ],
)
def test_import_wordpress_writes_only_into_a_content_folder(tmp_path, content, says):
    """`--content DIR` wrote the blog's posts/, pages/ and comments/ into
    whatever folder it named (the output folder, which the next build then
    refused as filled by hand; the theme; posts/posts/), and one not there
    stopped it with a traceback."""
    project = copy_project(tmp_path / "site")
    (project / "output").mkdir()
    before = snapshot(project)

    result = lint_in_process(
        "import-wordpress", str(WORDPRESS), "--content", content, cwd=project
    )

    assert result.returncode == 2, result.stdout + result.stderr
    assert f"reflect import-wordpress: {says}" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before


def test_an_about_page_setting_naming_no_page_is_a_warning_at_its_line(tmp_path):
    """`HOME_ABOUT_PAGE = "abuot"`: the home page lost its about text and its
    link to the About page without a word."""
    project = copy_project(tmp_path / "site")
    settings = project / "pelicanconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8") + '\nHOME_ABOUT_PAGE = "abuot"\n',
        encoding="utf-8",
    )
    line = settings.read_text(encoding="utf-8").count("\n")

    built = subprocess.run(
        [
            *(str(PELICAN), "content", "-o", str(tmp_path / "out")),
            *("-s", "pelicanconf.py", "--fatal", "errors", "--ignore-cache"),
            *("--cache-path", str(tmp_path / "cache")),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env={
            "COLUMNS": "1000",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": checkout_pythonpath(),
        },
    )

    said = built.stdout + built.stderr
    assert built.returncode == 0, said
    assert (
        f"pelicanconf.py:{line}: HOME_ABOUT_PAGE 'abuot' is the slug of no "
        "published page (the pages: 'about'), so the home page's introduction "
        "has no about text"
    ) in " ".join(said.split())


def test_two_published_posts_with_one_slug_name_the_one_with_the_comments(tmp_path):
    """Two years' posts with one slug have two addresses and one comments
    folder; the warning said the comments go to "the published one", when
    both are."""
    project = copy_project(tmp_path / "site")
    posts = project / "content" / "posts"
    first = posts / "2025-09-14-two-levels-up.md"
    again = first.read_text(encoding="utf-8").replace(
        "Date: 2025-09-14", "Date: 2026-09-14"
    )
    (posts / "2026-09-15-again.md").write_text(
        again.replace("Modified: 2025-09-21", "Modified: 2026-09-21"), encoding="utf-8"
    )

    lint = lint_in_process("lint", cwd=project)

    assert (
        "content/posts/2026-09-15-again.md: warning: two posts have the slug "
        "'two-levels-up', this one and content/posts/2025-09-14-two-levels-up.md; "
        "comments in comments/two-levels-up/ go to that one, none to this one"
    ) in lint.stdout
    assert "the published one" not in lint.stdout


def test_a_link_to_a_file_the_build_keeps_out_is_a_broken_link(tmp_path):
    """`{static}/reviews.yml` (the desk's log, never copied) and a hidden
    file became addresses nothing is written at, without a word."""
    project = copy_project(tmp_path / "site")
    (project / "content" / "images").mkdir(exist_ok=True)
    (project / "content" / "images" / ".notes.txt").write_text("mine\n")
    (project / "content" / "images" / "card.txt").write_text("a card\n")
    post = post_linking(
        project,
        "[the log]({static}/reviews.yml), [notes]({static}/images/.notes.txt)\n"
        "and [the card]({static}/images/card.txt).\n",
    )

    lint = lint_in_process("lint", cwd=project)
    publish = run_pelican(project / "content", tmp_path / "out", conf="publishconf.py")

    keeps_out = "leads to a file the build does not publish"
    for link in ("{static}/reviews.yml", "{static}/images/.notes.txt"):
        assert f"content/{post}:5: warning: the link '{link}' {keeps_out}" in (
            lint.stdout
        )
    assert "card.txt" not in lint.stdout
    assert publish.returncode != 0
    assert f"{post}:5: the link '{{static}}/reviews.yml' {keeps_out}" in (
        publish.stdout + publish.stderr
    )


def test_no_page_links_the_feeds_page_a_build_does_not_write(tmp_path):
    """`FEEDS_PAGE_SAVE_AS = ""` skips the feeds page, as the settings say;
    every page's footer still linked /feeds/, which no build wrote."""
    project = copy_project(tmp_path / "site")
    out = tmp_path / "out"

    built = run_pelican(project / "content", out, "-e", 'FEEDS_PAGE_SAVE_AS=""')

    assert built.returncode == 0, built.stdout + built.stderr
    assert not (out / "feeds" / "index.html").exists()
    assert (out / "feeds" / "all.atom.xml").is_file()
    linking = [
        page.relative_to(out).as_posix()
        for page in out.rglob("*.html")
        if 'href="/feeds/"' in page.read_text(encoding="utf-8")
    ]
    assert linking == []


def test_an_empty_code_stylesheet_setting_is_named_before_anything_is_built(tmp_path):
    """`CODE_STYLESHEET_SAVE_AS = ""` stopped the build as it wrote the
    stylesheet, saying that '' "leaves the output folder", with no line."""
    project = copy_project(tmp_path / "site")
    settings = project / "pelicanconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8") + '\nCODE_STYLESHEET_SAVE_AS = ""\n',
        encoding="utf-8",
    )
    line = settings.read_text(encoding="utf-8").count("\n")

    lint = lint_in_process("lint", cwd=project)
    built = run_pelican(
        project / "content", tmp_path / "out", "-e", 'CODE_STYLESHEET_SAVE_AS=""'
    )

    wanted = (
        "setting CODE_STYLESHEET_SAVE_AS must be a file's path in the output "
        "folder, such as 'theme/css/code.css', not ''"
    )
    assert lint.returncode == 2
    assert f"pelicanconf.py:{line}: {wanted}" in lint.stderr
    said = built.stdout + built.stderr
    assert built.returncode != 0
    assert wanted in said
    assert "leaves the output folder" not in said
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "setting", ["LESSON_SAVE_AS", "ARTICLE_SAVE_AS", "FEED_ALL_ATOM", "SEARCH_SAVE_AS"]
)
def test_a_save_as_setting_naming_a_folder_is_refused_at_its_line(tmp_path, setting):
    """`LESSON_SAVE_AS = "lessons/{slug}/"`, copied from its `_URL` twin:
    each lesson page was written as a file named `lessons/<slug>`, which the
    address `lessons/<slug>/` does not reach, without a word (a post's
    stopped the build with "File exists")."""
    project = copy_project(tmp_path / "site")
    settings = project / "pelicanconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8") + f'\n{setting} = "pages/{{slug}}/"\n',
        encoding="utf-8",
    )
    line = settings.read_text(encoding="utf-8").count("\n")

    lint = lint_in_process("lint", cwd=project)

    assert lint.returncode == 2
    assert (
        f"pelicanconf.py:{line}: setting {setting} = 'pages/{{slug}}/' ends in '/', "
        "a folder; it names the file written there, such as "
        "'pages/{slug}/index.html'"
    ) in lint.stderr


@pytest.mark.parametrize(
    ("export", "says"),
    [
        ("gone.jf2", "no such file"),
        ("content", "is a folder, not a JF2 export: name the file itself"),
    ],
)
def test_mentions_import_names_an_export_it_cannot_open_once(tmp_path, export, says):
    """It said `gone.jf2: [Errno 2] No such file or directory: 'gone.jf2'`."""
    project = copy_project(tmp_path / "site")

    result = lint_in_process("mentions", "import", export, cwd=project)

    assert result.returncode == 1
    assert result.stderr == f"reflect mentions import: {export}: {says}\n"


def test_reflect_new_names_a_date_it_cannot_read_as_the_desk_commands_do(tmp_path):
    """It said `invalid fromisoformat value: '2026-02-30'`, Python's name
    for the function, where `due --today` and `review done --on` say what a
    date is."""
    project = copy_project(tmp_path / "site")

    result = lint_in_process("new", "Coffee", "--date", "2026-02-30", cwd=project)

    assert result.returncode == 2
    assert "argument --date: '2026-02-30' is not a date (YYYY-MM-DD)" in result.stderr
    assert "fromisoformat" not in result.stderr
    assert not list((project / "content" / "posts").glob("*-coffee.md"))
