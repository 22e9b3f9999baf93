"""Bad input found by trying every front end on hostile files, one test per
class of input that broke the promise of docs/bad-input.md: one line naming
the file (and line), never a traceback, a non-zero exit where the build
cannot be trusted, and lint saying what the build says.

Each case is tried the three ways an author meets it (``test_bad_input``'s
``run_everything``): a local build as ``make html`` runs Pelican, a
published build and ``reflect lint``.
"""

from __future__ import annotations

import ast
import os
import stat
import subprocess
from pathlib import Path

import pytest
from sitebuild import (
    PELICAN,
    REFLECT,
    copy_content,
    copy_project,
    lint_in_process,
    read,
    run_pelican,
)
from test_bad_input import (
    POST,
    Runs,
    assert_every_run_stops,
    beside,
    files_outside,
    replace_line,
    run_everything,
    shared_runs,
)

# --- A page's path --------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "field", "part"),
    [
        # "2025/./index.html" is the year's archive page: two pages for one
        # file, said only by the writer, naming no source; lint passed.
        ("Slug: .", "Slug", "."),
        # A hidden folder, which web servers and hosts commonly refuse to serve.
        ("Slug: .hidden", "Slug", ".hidden"),
        # With ARTICLE_LANG_SAVE_AS "{slug}-{lang}.html" the post was written
        # at the output's top as x.html, lint passing.
        ("Slug: two-levels-up\nLang: ../../x", "Lang", ".."),
    ],
    ids=["slug-dot", "slug-hidden", "lang-climbs"],
)
def test_a_field_that_makes_a_dot_part_in_a_pages_path_names_file_and_line(
    tmp_path, lines, field, part
):
    content = copy_content(tmp_path / "content")
    line = replace_line(content / POST, "Slug:", lines) + lines.count("\n")

    runs = run_everything(content, tmp_path)

    assert_every_run_stops(
        runs,
        (runs.html, runs.publish, runs.lint),
        f"{content / POST}:{line}: {field} gives the file name",
        f"the part {part!r}",
        absent=("two pages of this build would be written",),
    )
    assert files_outside(tmp_path, runs) == []
    runs.assert_no_traceback()


# --- A post's template ----------------------------------------------------------


@pytest.mark.parametrize("template", ["nope", "../../../../etc/passwd"])
def test_a_template_the_theme_does_not_have_names_file_and_line(tmp_path, template):
    """``Template:`` names the theme template a post is drawn with; one the
    theme does not have stopped the build with Pelican's traceback, and lint
    passed it."""
    content = copy_content(tmp_path / "content")
    line = replace_line(content / POST, "Modified:", f"Template: {template}")

    runs = run_everything(content, tmp_path)

    assert_every_run_stops(
        runs,
        (runs.html, runs.publish, runs.lint),
        f"{content / POST}:{line}: Template: the theme has no template {template!r}",
    )
    runs.assert_no_traceback()


@pytest.fixture(scope="module")
def read_as_before(tmp_path_factory):
    """The cases that must build without a word, each in a post of its own
    (and one new comment), one build for all: a word from any one of them
    fails its own test, as each looks for its own kind of message."""

    def write(content):
        template = beside(content, POST, "template-the-theme-has")
        replace_line(template, "Modified:", "Template: article")
        continued = beside(content, POST, "who-continued")
        replace_line(
            continued,
            "Who:",
            "Who: Graham, a director of supply chain planning\n    at a retailer",
        )
        dated = beside(content, POST, "dated-in-utc")
        replace_line(dated, "Date:", "Date: 2025-09-14 09:30 UTC")
        (content / NEW_COMMENT).write_text(
            "Author: Zed\nDate: 2025-09-19 08:00-08:00\n\nA comment.\n",
            encoding="utf-8",
        )
        return {}

    return shared_runs(tmp_path_factory, "read-as-before", write)


def test_a_template_the_theme_has_is_built(read_as_before):
    runs, _ = read_as_before

    for run in (runs.html, runs.lint):
        assert run.returncode == 0, runs.text(run)
        assert "Template:" not in runs.text(run)


# --- A post's status ------------------------------------------------------------


def test_a_status_pelican_does_not_know_names_file_and_line(tmp_path):
    """Pelican dropped the post with a line naming its absolute path and no
    line, and lint gave another reason (no title, no date, or a path out of
    the output folder)."""
    content = copy_content(tmp_path / "content")
    line = replace_line(content / POST, "Modified:", "Status: publishd")

    runs = run_everything(content, tmp_path)

    assert_every_run_stops(
        runs,
        (runs.html, runs.publish, runs.lint),
        f"{content / POST}:{line}: Status: 'publishd' is none of published, "
        "draft, hidden; it is left out",
        absent=("Pelican leaves this file out", "Unknown status"),
    )
    runs.assert_no_traceback()


# --- Cases a local build and lint only warn of --------------------------------
# A field given twice, a comment file's name or field, a zone's name in a
# comment or a mention: a local build and lint warn and go on, so each case
# hides no other case's line there. They share one local build and one lint
# (``warned_locally``), each written into files of its own (a post of its
# own, a comment file of its own) and looking for its own file's line; a
# publish build stops at the first, so each keeps a publish build of its
# own content with that case alone (as ``test_input_hunt2``'s do).


def twice_slug(field: str) -> str:
    return f"{field.lower()}-given-twice"


def a_field_given_twice(field: str):
    def write(content: Path) -> str:
        path = beside(content, POST, twice_slug(field))
        given = next(line for line in read(path).split("\n") if line.startswith(field))
        first = replace_line(path, f"{field}:", f"{given}\n{field}: 2025-09-20 again")
        again = first + 1
        return (
            f"{path}:{again}: {field}: given again (first on line {first}); "
            "the first is kept"
        )

    return write


@pytest.mark.parametrize("field", ["Title", "Who", "Date", "Tags"])
def test_a_field_given_twice_keeps_the_first_with_a_warning_at_its_line(
    warned_locally, tmp_path, field
):
    """A second ``Title:`` or ``Who:`` became a list, and the build and lint
    stopped with a traceback (``'list' object has no attribute 'find'``);
    Pelican kept the first ``Date:`` or ``Tags:`` naming no line."""
    runs, message, published = runs_of(warned_locally, f"{field} twice", tmp_path)

    for run in (runs.html, runs.lint):
        assert run.returncode == 0, runs.text(run)
        assert message in runs.text(run), runs.text(run)
    assert_every_run_stops(runs, (runs.publish,), published)
    runs.assert_no_traceback()
    page = read(runs.html_output / "2025" / twice_slug(field) / "index.html")
    assert "2025-09-20 again" not in page


def test_an_indented_line_continues_a_field_as_one_value(read_as_before):
    """``Who:`` with an indented line under it became a list and stopped the
    build and lint with a traceback; its lines are one value, as a title's
    are."""
    runs, _ = read_as_before

    for run in (runs.html, runs.lint):
        assert run.returncode == 0, runs.text(run)
    runs.assert_no_traceback()
    page = read(runs.html_output / "2025" / "who-continued" / "index.html")
    assert "Graham, a director of supply chain planning at a retailer" in page


# --- A date with a time zone's name ---------------------------------------------

MENTION = "comments/two-levels-up/mention-30411.json"
NEW_COMMENT = "comments/two-levels-up/2025-09-19-zed.md"


def date_with_a_zone_name(content, where: str) -> tuple[str, str]:
    """Write a date ending in ``PST`` into a post, a comment or a mention;
    the file and what the message starts with."""
    if where == "post":
        line = replace_line(content / POST, "Date:", "Date: 2025-09-14 09:30 PST")
        return f"{content / POST}:{line}", "Date: '2025-09-14 09:30 PST' is not a date"
    if where == "comment":
        (content / NEW_COMMENT).write_text(
            "Author: Zed\nDate: 2025-09-19 08:00 PST\n\nA comment.\n", encoding="utf-8"
        )
        said = "Date: '2025-09-19 08:00 PST' is not a date"
        return f"{content / NEW_COMMENT}:2", said
    mention = content / MENTION
    mention.write_text(
        read(mention).replace("2025-09-19T21:40:00-04:00", "2025-09-19 21:40 PST"),
        encoding="utf-8",
    )
    return str(mention), "mention: published '2025-09-19 21:40 PST' is not a date"


def a_zone_name_in(where: str):
    def write(content: Path) -> str:
        place, says = date_with_a_zone_name(content, where)
        return f"{place}: {says}"

    return write


DATEUTILS_WARNING = ("UnknownTimezoneWarning", "warnings.warn")  # never shown


def test_a_date_with_a_time_zone_name_in_a_post_is_refused_naming_the_file(tmp_path):
    """dateutil drops a zone's name it does not know (``PST``) and warns
    through Python's warnings: the date was read in the site's TIMEZONE,
    hours off, with two lines of dateutil's source naming no file. A name
    stands for different offsets in different places, so it is refused,
    as a date that cannot be read is, in every front end. A post that
    cannot be dated stops every build."""
    content = copy_content(tmp_path / "content")
    message = a_zone_name_in("post")(content)

    runs = run_everything(content, tmp_path)

    assert_every_run_stops(
        runs,
        (runs.html, runs.publish, runs.lint),
        message,
        "'PST' is a name",
        absent=DATEUTILS_WARNING,
    )
    for run in (runs.html, runs.lint):
        assert message in runs.text(run), runs.text(run)
        assert "warnings.warn" not in runs.text(run)
    runs.assert_no_traceback()


@pytest.mark.parametrize("where", ["comment", "mention"])
def test_a_date_with_a_time_zone_name_is_refused_naming_the_file(
    warned_locally, tmp_path, where
):
    """As in a post; a comment or a mention is left out with a warning, and
    a publish build stops."""
    runs, message, published = runs_of(warned_locally, f"zone in {where}", tmp_path)

    assert_every_run_stops(
        runs, (runs.publish,), published, "'PST' is a name", absent=DATEUTILS_WARNING
    )
    for run in (runs.html, runs.lint):
        assert message in runs.text(run), runs.text(run)
        assert "warnings.warn" not in runs.text(run)
    runs.assert_no_traceback()


def test_a_date_with_an_offset_or_utc_is_read_as_before(read_as_before):
    runs, _ = read_as_before

    assert runs.html.returncode == 0, runs.text(runs.html)
    assert runs.lint.returncode == 0, runs.text(runs.lint)
    assert "is not a date" not in runs.text(runs.html) + runs.text(runs.lint)


# --- Comment files ---------------------------------------------------------------


EXTENSIONS = ["2025-09-19-zed.markdown", "2025-09-19-zed.MD", "mention-9.JSON"]


def a_comment_file_named(name: str):
    def write(content: Path) -> str:
        folder = content / "comments" / "two-levels-up"
        (folder / name).write_text("Author: Zed\nDate: 2025-09-19\n\nHi.\n")
        (folder / "notes.txt").write_text("My notes.\n")
        (folder / ".DS_Store").write_bytes(b"\0\0")
        (folder / "2025-09-15-tom.md~").write_text("Author: Tom\n")
        return f"{folder / name}: comment files are named <id>.md or <id>.json"

    return write


@pytest.mark.parametrize("name", EXTENSIONS)
def test_a_comment_file_named_with_another_extension_is_named(
    warned_locally, tmp_path, name
):
    """Comments are read from ``<id>.md`` and ``<id>.json``: one saved as
    ``.markdown`` or ``.MD`` was left out without a word. A ``notes.txt``,
    hidden files and editor litter are no comments and stay unmentioned."""
    runs, message, published = runs_of(warned_locally, name, tmp_path)

    for run in (runs.html, runs.lint):
        assert run.returncode == 0, runs.text(run)
        assert message in runs.text(run), runs.text(run)
        for other in ("notes.txt", ".DS_Store", "tom.md~"):
            assert other not in runs.text(run)
    assert_every_run_stops(runs, (runs.publish,), published)
    runs.assert_no_traceback()


COMMENTED_TWICE = "comment-field-given-twice"  # a post of its own, for its page


def a_comment_field_given_twice(content: Path) -> str:
    beside(content, POST, COMMENTED_TWICE)
    comment = content / "comments" / COMMENTED_TWICE / "2025-09-19-zed.md"
    comment.parent.mkdir()
    comment.write_text(
        "Author: Zed\nAuthor: Yan\nDate: 2025-09-19 08:00\n\nHello from Zed.\n",
        encoding="utf-8",
    )
    return f"{comment}:2: Author: given again (first on line 1); the first is kept"


def test_a_comment_field_given_twice_keeps_the_first_with_a_warning(
    warned_locally, tmp_path
):
    """Markdown read both lines as one value: ``Author: Zed`` and ``Author:
    Yan`` showed as "Zed Yan", two dates made one, without a word."""
    runs, message, published = runs_of(warned_locally, "comment twice", tmp_path)

    for run in (runs.html, runs.lint):
        assert run.returncode == 0, runs.text(run)
        assert message in runs.text(run), runs.text(run)
    assert_every_run_stops(runs, (runs.publish,), published)
    page = read(runs.html_output / "2025" / COMMENTED_TWICE / "index.html")
    assert "Zed Yan" not in page
    assert "Zed" in page
    runs.assert_no_traceback()


WARNED_LOCALLY = {
    **{
        f"{field} twice": a_field_given_twice(field)
        for field in ("Title", "Who", "Date", "Tags")
    },
    "zone in comment": a_zone_name_in("comment"),
    "zone in mention": a_zone_name_in("mention"),
    **{name: a_comment_file_named(name) for name in EXTENSIONS},
    "comment twice": a_comment_field_given_twice,
}


# The shared local build, its lint and the local build's output folder.
LocalRuns = tuple[subprocess.CompletedProcess, subprocess.CompletedProcess, Path]


@pytest.fixture(scope="module")
def warned_locally(tmp_path_factory) -> tuple[LocalRuns, dict[str, str]]:
    """Every case of ``WARNED_LOCALLY`` in one content folder, built as
    ``make html`` builds it and linted; what each case's message says."""
    folder = tmp_path_factory.mktemp("warned-locally")
    content = copy_content(folder / "content")
    said = {case: write(content) for case, write in WARNED_LOCALLY.items()}
    html = run_pelican(content, folder / "html")
    lint = lint_in_process("lint", str(content))
    return (html, lint, folder / "html"), said


def runs_of(warned_locally, case: str, tmp_path: Path) -> tuple[Runs, str, str]:
    """The shared local build and lint with a publish build of ``case``
    alone; the message the shared runs must print, and the publish build's
    (the same words, naming its own content folder)."""
    (html, lint, html_output), said = warned_locally
    content = copy_content(tmp_path / "content")
    published = WARNED_LOCALLY[case](content)
    output = tmp_path / "published"
    publish = run_pelican(content, output, conf="publishconf.py")
    runs = Runs(html, publish, lint, html_output, output)
    return runs, said[case], published


# --- Where a command writes -----------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [("due", "--ics"), ("prep", "--person", "Owen", "--output")],
    ids=["due-ics", "prep-output"],
)
def test_a_command_never_replaces_a_device_or_a_pipe(tmp_path, command):
    """``--ics`` and ``--output`` write a new file and rename it over the
    path: given ``/dev/full`` (to see a full disk), ``reflect due`` replaced
    the device with a calendar, as a file of its own. A pipe stands in for
    every path that is neither a file nor a folder: one line, exit status
    2, the pipe left a pipe."""
    site = copy_project(tmp_path / "site")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)

    refused = subprocess.run(
        [str(REFLECT), *command, str(pipe)], cwd=site, capture_output=True, text=True
    )

    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert refused.stderr.strip().splitlines() == [refused.stderr.strip()]
    assert "is not a file" in refused.stderr
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_reflect_new_writes_a_title_and_category_on_their_own_lines(tmp_path):
    """A line break in ``reflect new``'s title or ``--category`` (pasted,
    or a shell's ``$'...'``) started a metadata line of its own: ``Hello\\n
    Slug: evil`` gave the post a second ``Slug:`` the build obeyed. Each
    value is kept as one line, its words as they were."""
    site = copy_project(tmp_path / "site")

    made = subprocess.run(
        [str(REFLECT), "new", "Hello\nSlug: evil", "--category", "Talks\r\nTags: x"],
        cwd=site,
        capture_output=True,
        text=True,
    )

    assert made.returncode == 0, made.stderr
    post = next((site / "content" / "posts").glob("*-hello-slug-evil.md"))
    head = read(post).split("\n")[:4]
    assert head[0] == "Title: Hello Slug: evil"
    assert head[1] == "Slug: hello-slug-evil"
    assert head[3] == "Category: Talks Tags: x"
    assert not any(line.startswith("Tags: x") for line in read(post).split("\n"))


def test_reflect_new_refuses_a_control_character_in_a_title(tmp_path):
    site = copy_project(tmp_path / "site")
    before = sorted((site / "content" / "posts").iterdir())

    refused = subprocess.run(
        [str(REFLECT), "new", "Hello\x1b[31m red"],
        cwd=site,
        capture_output=True,
        text=True,
    )

    assert refused.returncode != 0
    assert refused.stderr.strip().splitlines() == [refused.stderr.strip()]
    assert "control character" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert sorted((site / "content" / "posts").iterdir()) == before


# --- Pelican's own settings -----------------------------------------------------


def pelican_build(
    site: Path, output: Path, conf: str = "pelicanconf.py"
) -> subprocess.CompletedProcess:
    """Pelican run directly on a copy of the project, as a user without
    `make` runs it: the site's settings, ``--fatal errors``, no cache."""
    return subprocess.run(
        [
            str(PELICAN),
            *("content", "-s", conf, "-o", str(output)),
            *("--fatal", "errors", "--ignore-cache"),
        ],
        cwd=site,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "1000"},
    )


def pelican_build_and_lint(
    site: Path, output: Path
) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
    """The same copy built by Pelican directly and checked by `reflect lint`."""
    return pelican_build(site, output), lint_in_process("lint", cwd=site)


@pytest.mark.parametrize(
    "line",
    [
        'FEED_MAX_ITEMS = "x"',
        'DEFAULT_PAGINATION = "10"',
        "DEFAULT_PAGINATION = -3",
        'TIMEZONE = "Mars/Olympus"',
        "DEFAULT_DATE_FORMAT = 5",
        'DEFAULT_LANG = "../x"',
        'MARKDOWN = "x"',
        'MARKDOWN = {"extensions": ["nope.ext"]}',
        'JINJA_ENVIRONMENT = {"nope": 1}',
        'SUMMARY_MAX_LENGTH = "x"',
        # Every post said only "Could not process" in the build.
        'DEFAULT_DATE = "someday"',
        "DEFAULT_DATE = (2026, 13, 1)",
        # The copy of each source was written outside the output folder.
        'OUTPUT_SOURCES = True\nOUTPUT_SOURCES_EXTENSION = "/../../../escaped.txt"',
    ],
)
def test_a_pelican_setting_that_cannot_work_stops_at_start_naming_it(tmp_path, line):
    """Pelican checks few of its own settings: these stopped the build with
    a traceback as a page was written, or failed every post naming no
    setting, and lint with a traceback (or passed)."""
    site = copy_project(tmp_path / "site")
    settings = site / "pelicanconf.py"
    settings.write_text(read(settings) + f"\n{line}\n", encoding="utf-8")
    name = line.split("\n")[-1].split(" =")[0]

    built, linted = pelican_build_and_lint(site, tmp_path / "out")

    for run in (built, linted):
        said = run.stdout + run.stderr
        assert run.returncode != 0, said
        assert f"setting {name} must be" in said, said
        assert "[bad-setting]" in said, said
        assert "Traceback" not in said, said
    assert not (tmp_path / "out").exists()
    assert not list(tmp_path.rglob("escaped.txt"))


# --- reflect import-wordpress ---------------------------------------------------

EXPORT = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>T</title><link>https://old.example.com</link>
<wp:wxr_version>1.2</wp:wxr_version>
<item><title>A post</title><dc:creator>sam</dc:creator>
<content:encoded><![CDATA[Words.]]></content:encoded><wp:post_id>1</wp:post_id>
<wp:post_date>2019-04-13 10:02:11</wp:post_date><wp:post_name>a-post</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
{comments}
</item></channel></rss>
"""


def wp_comment(number: int, date: str) -> str:
    return (
        f"<wp:comment><wp:comment_id>{number}</wp:comment_id>"
        f"<wp:comment_author>Reader {number}</wp:comment_author>"
        f"<wp:comment_date>{date}</wp:comment_date>"
        "<wp:comment_content>Hello.</wp:comment_content>"
        "<wp:comment_approved>1</wp:comment_approved></wp:comment>"
    )


def test_an_imported_comment_without_a_date_is_dated_as_its_post_and_named(
    tmp_path,
):
    """A comment whose date cannot be read was dated 1970-01-01 without a
    word, shown on the post as written decades before it. It is dated as
    its post and named, as an undated post is."""
    site = copy_project(tmp_path / "site")
    export = tmp_path / "export.xml"
    export.write_text(
        EXPORT.format(
            comments=wp_comment(7, "never")
            + wp_comment(8, "")
            + wp_comment(9, "2019-04-14 08:00:00")
        ),
        encoding="utf-8",
    )

    result = subprocess.run(
        [str(REFLECT), "import-wordpress", str(export)],
        cwd=site,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    comments = sorted((site / "content" / "comments" / "a-post").iterdir())
    dates = sorted(
        line for path in comments for line in read(path).split("\n") if "Date:" in line
    )
    assert dates == [
        "Date: 2019-04-13 10:02",
        "Date: 2019-04-13 10:02",
        "Date: 2019-04-14 08:00",
    ]
    assert "2 comment(s) had no date that could be read" in result.stderr
    named = result.stdout.split("could be read (2): change their Date: line\n")[1]
    assert sorted(
        line.strip().rsplit("/", 1)[-1] for line in named.splitlines()[:2]
    ) == [
        "2019-04-13-reader-7-7.md",
        "2019-04-13-reader-8-8.md",
    ]


@pytest.mark.parametrize(
    "line", ['ARTICLE_URL = "{nope}/"', 'PAGE_SAVE_AS = "{nope}/index.html"']
)
def test_a_path_setting_no_post_can_fill_in_names_the_setting(tmp_path, line):
    """Pelican fills the address in when a plugin first asks for it: a
    field no post has stopped the build and lint with ``KeyError: 'nope'``
    and a traceback, naming neither setting nor post."""
    site = copy_project(tmp_path / "site")
    settings = site / "pelicanconf.py"
    settings.write_text(read(settings) + f"\n{line}\n", encoding="utf-8")
    name = line.split(" =")[0]

    built, linted = pelican_build_and_lint(site, tmp_path / "out")

    for run in (built, linted):
        said = run.stdout + run.stderr
        assert run.returncode != 0, said
        value = ast.literal_eval(line.split(" = ")[1])
        assert f"setting {name} = {value!r} names {{nope}}" in said, said
        assert ".md: setting" in said.replace(": error: ", ": "), said
        assert "[unfillable-path-setting]" in said, said
        assert "Traceback" not in said, said


def test_a_plugin_pelican_cannot_import_is_one_line_without_a_traceback(tmp_path):
    site = copy_project(tmp_path / "site")
    settings = site / "pelicanconf.py"
    settings.write_text(
        read(settings) + '\nPLUGINS = PLUGINS + ["reflectionz"]\n', encoding="utf-8"
    )

    built = pelican_build(site, tmp_path / "out")

    said = built.stdout + built.stderr
    assert built.returncode != 0, said
    assert "Cannot load plugin `reflectionz`" in said, said
    assert "Traceback" not in said, said
    assert not (tmp_path / "out").exists()
