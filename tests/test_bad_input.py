"""The catalogue of bad input: one test per case, each through every front end.

Every case is tried the three ways an author meets it: a local build as
``make html`` runs Pelican (pelicanconf.py), a published build as ``make
publish`` does (publishconf.py: strict, feeds on) and ``reflect lint``. Each
ends in a one-line message naming the file (and line, where there is one),
a non-zero exit where the build cannot be trusted, and no traceback; no
private text and no control character reaches any output file.
docs/bad-input.md lists these cases.
"""

from __future__ import annotations

import html
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile import hostile_content, live_in_html
from imageserver import Served, picture, serving
from sitebuild import (
    PELICAN,
    REFLECT,
    ROOT,
    checkout_pythonpath,
    copy_content,
    copy_project,
    lint_in_process,
    output_files,
    read,
    run_make,
    run_pelican,
    snapshot,
)
from wpblog import new_blog

from sitekit.text import CONTROL_CHARACTERS as CONTROL_CHARACTER_TEXT

POST = "posts/2025-09-14-two-levels-up.md"
COMMENT = "comments/two-levels-up/2025-09-15-tom.md"
PAGE = "pages/about.md"
FIXTURES = Path(__file__).parent / "fixtures"


def break_line(content, prefix: str, replacement: str | None) -> None:
    path = content / POST
    lines = read(path).split("\n")
    for number, line in enumerate(lines):
        if line.startswith(prefix):
            if replacement is None:
                del lines[number]
            else:
                lines[number] = replacement
            break
    path.write_text("\n".join(lines), encoding="utf-8")


def test_an_unparseable_date_fails_the_build_naming_file_and_line(tmp_path):
    content = copy_content(tmp_path / "content")
    break_line(content, "Date:", "Date: the fourteenth of Smarch")

    result = run_pelican(content, tmp_path / "output")

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"{POST}:3:" in output
    assert "'the fourteenth of Smarch' is not a date" in output
    assert "Traceback" not in output


def test_a_post_without_a_title_fails_the_build_naming_the_file(tmp_path):
    content = copy_content(tmp_path / "content")
    break_line(content, "Title:", None)

    result = run_pelican(content, tmp_path / "output")

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"{POST}: no title" in output
    assert "Traceback" not in output


def test_make_html_keeps_the_last_good_site_when_a_build_fails(tmp_path):
    content = copy_content(tmp_path / "content")
    output = tmp_path / "output"
    make = [
        "make",
        "--no-print-directory",
        "html",
        f"INPUTDIR={content}",
        f"OUTPUTDIR={output}",
        f"PELICANOPTS=--cache-path {tmp_path / 'cache'}",
    ]
    good = subprocess.run(make, cwd=ROOT, capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
    home_before = read(output / "index.html")

    break_line(content, "Date:", "Date: not a date")
    broken_source = read(content / POST)
    bad = subprocess.run(make, cwd=ROOT, capture_output=True, text=True)

    assert bad.returncode != 0
    assert "not a date" in bad.stdout + bad.stderr
    assert read(output / "index.html") == home_before
    assert not list(tmp_path.glob(".output.build-*"))
    assert read(content / POST) == broken_source


def test_a_date_too_large_for_a_calendar_fails_the_build_with_a_message(tmp_path):
    content = copy_content(tmp_path / "content")
    break_line(content, "Date:", "Date: 99999999999-01-01")

    result = run_pelican(content, tmp_path / "output")

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{POST}:3: Date: '99999999999-01-01' is not a date" in output


def test_a_date_on_the_calendars_last_day_builds_with_its_review_schedule(tmp_path):
    """The desk counts a review a week after a lesson is learned or reviewed;
    from 9999-12-31 that runs past Python's calendar, and ends on its last
    day instead of stopping every local build and desk command."""
    content = copy_content(tmp_path / "content")
    break_line(content, "Date:", "Date: 9999-12-31 23:59")
    reviews = content / "reviews.yml"
    reviews.write_text(
        read(reviews).replace(
            "learn-adjacent-functions:\n", "learn-adjacent-functions:\n  - 9999-12-31\n"
        ),
        encoding="utf-8",
    )

    runs = run_everything(content, tmp_path)

    assert runs.html.returncode == 0, runs.text(runs.html)
    assert runs.lint.returncode == 0, runs.text(runs.lint)
    runs.assert_no_traceback()


def test_a_setting_of_the_wrong_type_stops_the_build_and_names_it(tmp_path):
    result = run_pelican(
        ROOT / "content", tmp_path / "output", "-e", 'REFLECTIONS_RELATED_MAX="three"'
    )

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "setting REFLECTIONS_RELATED_MAX must be int" in output
    assert "Traceback" not in output
    assert not (tmp_path / "output").exists()


# --- Every front end at once -------------------------------------------------


@dataclass(frozen=True)
class Runs:
    """One content folder built locally, built for publishing, and linted."""

    html: subprocess.CompletedProcess
    publish: subprocess.CompletedProcess
    lint: subprocess.CompletedProcess
    html_output: Path
    publish_output: Path

    @property
    def outputs(self) -> list[Path]:
        return [self.html_output, self.publish_output]

    def text(self, run: subprocess.CompletedProcess) -> str:
        """What a run printed, without lint's ``warning:``/``error:`` tags,
        so one message reads the same from every front end."""
        said = run.stdout + run.stderr
        return said.replace(": warning: ", ": ").replace(": error: ", ": ")

    def assert_no_traceback(self) -> None:
        """No run printed a traceback, nor Pelican's "Could not process"
        after the line that said what is wrong: bad input reads as one line."""
        for run in (self.html, self.publish, self.lint):
            assert "Traceback" not in self.text(run), self.text(run)
            assert "Could not process" not in self.text(run), self.text(run)


def assert_every_run_stops(
    runs: Runs,
    which: tuple[subprocess.CompletedProcess, ...],
    *said: str,
    absent: tuple[str, ...] = (),
) -> None:
    """Each run of ``which`` exits non-zero, prints each of ``said`` and
    none of ``absent``."""
    for run in which:
        text = runs.text(run)
        assert run.returncode != 0, text
        for words in said:
            assert words in text, text
        for words in absent:
            assert words not in text, text


def run_everything(content: Path, tmp_path: Path, *pelican_args: str) -> Runs:
    html_output = tmp_path / "html"
    publish_output = tmp_path / "published"
    return Runs(
        html=run_pelican(content, html_output, *pelican_args),
        publish=run_pelican(
            content, publish_output, *pelican_args, conf="publishconf.py"
        ),
        lint=lint_in_process("lint", str(content)),
        html_output=html_output,
        publish_output=publish_output,
    )


TEXT_FILES = {".html", ".xml", ".json", ".txt", ".css", ".js"}


def assert_nowhere(runs: Runs, needle: bytes, text_only: bool = False) -> None:
    """``needle`` is in no file of either build (case-insensitively); with
    ``text_only``, in no text file (an image's bytes may hold anything)."""
    for output in runs.outputs:
        for path, data in output_files(output):
            if text_only and path.suffix not in TEXT_FILES:
                continue
            assert needle.lower() not in data.lower(), path


def replace_line(path: Path, prefix: str, replacement: str) -> int:
    """Replace the first line starting with ``prefix``; its number (from 1)."""
    lines = read(path).split("\n")
    number = next(n for n, line in enumerate(lines) if line.startswith(prefix))
    lines[number] = replacement
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


# --- Cases that share one build -----------------------------------------------
# A case that only warns, in every front end, stops no build and hides no
# other case's line. Such cases are written side by side into one copy of
# the content, each into a file of its own (a copy of the sample post,
# comment or page), which is built both ways and linted once for all of
# them; each test then reads its own file's line and looks for its own
# secret word. A case that stops a build keeps a content folder of its own:
# the first error would hide the next.


def beside(content: Path, where: str, name: str) -> Path:
    """A copy of the sample file ``where`` (POST, COMMENT or PAGE) named
    after ``name``, with a page address of its own, for one case to break."""
    source = content / where
    day = {POST: "2025-09-14-", COMMENT: "2025-09-15-"}.get(where, "")
    copy = source.with_name(f"{day}{name}.md")
    copy.write_bytes(source.read_bytes())
    if where == POST:
        replace_line(copy, "Slug:", f"Slug: {name}")
    elif where == PAGE:
        replace_line(copy, "Title:", f"Title: About {name}")
    return copy


def secret_word(index: int) -> str:
    """Case ``index``'s secret word; none is the start of another's."""
    return f"Zqxsecret{index:02d}x"


def line_saying(runs: Runs, run: subprocess.CompletedProcess, words: str) -> str:
    """The first line ``run`` printed that holds ``words``."""
    found = [line for line in runs.text(run).splitlines() if words in line]
    assert found, runs.text(run)
    return found[0]


def shared_runs(tmp_path_factory, name: str, write) -> tuple[Runs, dict]:
    """``write`` puts every case into one copy of the content and says
    where each is; that copy is then built both ways and linted."""
    folder = tmp_path_factory.mktemp(name)
    content = copy_content(folder / "content")
    cases = write(content)
    return run_everything(content, folder), cases


# --- Metadata, read as Markdown reads it ---------------------------------------


@pytest.mark.parametrize("indent", ["\t", "    "], ids=["a tab", "four spaces"])
def test_an_indented_metadata_line_is_reported_at_its_line(tmp_path, indent):
    """Markdown reads an indented line as more of the field above it: the
    build and lint say so at the line, and a published build refuses it."""
    content = copy_content(tmp_path / "content")
    line = replace_line(
        content / POST, "Category:", f"{indent}Category: Informational interviews"
    )

    runs = run_everything(content, tmp_path)

    message = (
        f"{content / POST}:{line}: this line is indented, so Markdown reads it as "
        "more of the Modified: field above it, not as a Category: field"
    )
    for run in (runs.html, runs.publish, runs.lint):
        assert message in runs.text(run), runs.text(run)
    assert runs.html.returncode == 0
    assert runs.lint.returncode == 0  # a warning: lint --strict fails on it
    assert runs.publish.returncode != 0
    runs.assert_no_traceback()


# --- Stories and asked questions ---------------------------------------------


def add_to_body(path: Path, text: str) -> int:
    """Append ``text`` to a post; the number of its first line."""
    before = read(path).rstrip("\n")
    path.write_text(f"{before}\n\n{text}", encoding="utf-8")
    return before.count("\n") + 3


@pytest.fixture(scope="module")
def published_with_a_warning(tmp_path_factory) -> tuple[Runs, dict]:
    """A story missing a part in a post of its own, a post with an empty
    body and a comment over the length limit: each is published, with a
    warning or without, so one build serves all three."""

    def write(content: Path) -> dict:
        story = beside(content, POST, "story-missing-a-part")
        line = add_to_body(
            story,
            "> [!story] The late truck\n> Situation: A truck was late.\n"
            "> Action: I called the carrier.\n",
        )
        (content / "posts" / "2026-11-02-empty.md").write_text(
            "Title: Nothing yet\nDate: 2026-11-02\n\n", encoding="utf-8"
        )
        comment = beside(content, COMMENT, "too-long")
        comment.write_text(
            read(comment) + "\n\n" + "Zqxlong words. " * 2000, encoding="utf-8"
        )
        return {"story": (story, line), "comment": comment}

    return shared_runs(tmp_path_factory, "published-with-a-warning", write)


def test_a_story_missing_a_part_is_a_warning_at_its_line(published_with_a_warning):
    """Shown with the parts it has, everywhere; lint and both builds say
    which part is missing."""
    runs, cases = published_with_a_warning
    post, line = cases["story"]

    message = f"{post}:{line}: story 'The late truck' has no Task or Result part"
    for run in (runs.html, runs.publish, runs.lint):
        assert message in runs.text(run), runs.text(run)
        assert run.returncode == 0
    for output in runs.outputs:
        assert "The late truck" in read(
            output / "2025" / "story-missing-a-part" / "index.html"
        )
    runs.assert_no_traceback()


@pytest.mark.parametrize("kind", ["story", "asked"])
def test_a_story_or_asked_callout_without_a_title_stops_the_build(tmp_path, kind):
    content = copy_content(tmp_path / "content")
    line = add_to_body(content / POST, f"> [!{kind}]\n> Some text.\n")

    runs = run_everything(content, tmp_path)

    for run in (runs.html, runs.publish, runs.lint):
        assert f"{content / POST}:{line}: {kind} callout without a " in runs.text(run)
        assert run.returncode != 0
    runs.assert_no_traceback()


# --- Private text ------------------------------------------------------------


@pytest.fixture(scope="module")
def private_text(tmp_path_factory) -> tuple[Runs, dict]:
    """Private Question: and Who: fields, each in a post of its own, and a
    private callout in the sample comment itself (whose public words must
    stay): one build, a secret word each."""

    def write(content: Path) -> dict:
        cases = {}
        for index, field in enumerate(["Question", "Who"]):
            post = beside(content, POST, f"private-{field.lower()}")
            secret = secret_word(index)
            replace_line(post, f"{field}:", f"{field}: > [!private] {secret} one")
            cases[field] = secret
        path = content / COMMENT
        cases[COMMENT] = secret_word(2)
        path.write_text(
            read(path) + f"\n\n> [!private] {cases[COMMENT]} in a comment\n",
            encoding="utf-8",
        )
        return cases

    return shared_runs(tmp_path_factory, "private-text", write)


@pytest.mark.parametrize("field", ["Question", "Who"])
def test_a_private_metadata_field_reaches_no_output_file(private_text, field):
    runs, cases = private_text

    assert runs.html.returncode == 0, runs.text(runs.html)
    assert runs.publish.returncode == 0, runs.text(runs.publish)
    assert runs.lint.returncode == 0, runs.text(runs.lint)
    assert (runs.publish_output / "reflections.json").exists()
    assert (runs.publish_output / "feeds" / "all.atom.xml").exists()
    assert_nowhere(runs, cases[field].encode())
    runs.assert_no_traceback()


def test_a_private_callout_in_a_comment_file_reaches_no_output_file(private_text):
    runs, cases = private_text

    assert runs.html.returncode == 0, runs.text(runs.html)
    assert runs.publish.returncode == 0, runs.text(runs.publish)
    assert runs.lint.returncode == 0, runs.text(runs.lint)
    assert "I climbed over the wall twice" in read(
        runs.publish_output / "2025" / "two-levels-up" / "index.html"
    )
    assert_nowhere(runs, cases[COMMENT].encode())
    runs.assert_no_traceback()


MISSPELT = {
    "a space after !": "[! private]",
    "a space before ]": "[!private ]",
    "a space after [": "[ !private]",
    "a letter missing": "[!privte]",
    "no exclamation mark": "[private]",
    "two letters swapped": "[!pirvate]",
    "a zero-width space": "[!pri\u200bvate]",
    "a soft hyphen": "[!pri\u00advate]",
    "fullwidth brackets": "\uff3b!private\uff3d",
    "a Cyrillic er": "[!\u0440rivate]",
    "a Greek rho": "[!\u03c1rivate]",
}


@pytest.fixture(scope="module")
def misspelt_markers(tmp_path_factory) -> tuple[Runs, dict]:
    """Each misspelt marker in a post of its own, one build for all."""

    def write(content: Path) -> dict:
        cases = {}
        for index, marker in enumerate(MISSPELT.values()):
            post = beside(content, POST, f"near-miss-{index}")
            secret = secret_word(index)
            quote = f"> {marker} {secret} near miss"
            post.write_text(read(post) + f"\n\n{quote}\n", encoding="utf-8")
            cases[marker] = post, read(post).split("\n").index(quote) + 1, secret
        return cases

    return shared_runs(tmp_path_factory, "misspelt", write)


@pytest.mark.parametrize("marker", MISSPELT.values(), ids=MISSPELT)
def test_a_misspelt_private_marker_hides_its_text_with_a_warning(
    misspelt_markers, marker
):
    """A marker a person reads as [!private], however it is spelt, hides its
    text; the warning names the line and shows the spelling found."""
    runs, cases = misspelt_markers
    post, line, secret = cases[marker]

    warning = f"{post}:{line}: {marker!r}"
    for run in (runs.html, runs.publish, runs.lint):
        assert "is taken as a private marker" in line_saying(runs, run, warning)
    assert runs.html.returncode == runs.publish.returncode == 0
    assert_nowhere(runs, secret.encode())
    runs.assert_no_traceback()


@pytest.mark.parametrize(
    "marker", ["[!private]", "[!pr\u0456vate]"], ids=["as written", "a lookalike"]
)
def test_a_private_title_stops_the_build_naming_file_and_line(tmp_path, marker):
    """A post needs a public title; one with a marker, even a lookalike one,
    is drawn into no preview image: the build stops first."""
    content = copy_content(tmp_path / "content")
    replace_line(content / POST, "Title:", f"Title: {marker} Zqxsecret title")

    runs = run_everything(content, tmp_path)

    message = f"{content / POST}:1: the title holds a private marker"
    for run in (runs.html, runs.publish, runs.lint):
        assert run.returncode != 0
        assert message in runs.text(run), runs.text(run)
    assert not runs.html_output.exists() or not any(
        b"zqxsecret" in data.lower() for _, data in output_files(runs.html_output)
    )
    runs.assert_no_traceback()


def test_a_private_marker_in_the_lesson_vocabulary_stops_the_build(tmp_path):
    content = copy_content(tmp_path / "content")
    vocabulary = content / "lessons.yml"
    lines = read(vocabulary).split("\n")
    number = next(n for n, line in enumerate(lines) if "description:" in line)
    lines.insert(number + 1, "    [!private] Zqxsecret about a lesson")
    vocabulary.write_text("\n".join(lines), encoding="utf-8")

    runs = run_everything(content, tmp_path)

    message = f"{vocabulary}:{number + 2}: a private marker in the lesson vocabulary"
    for run in (runs.html, runs.publish, runs.lint):
        assert run.returncode != 0
        assert message in runs.text(run), runs.text(run)
    assert not runs.html_output.exists()
    runs.assert_no_traceback()


# YAML a person writes, each hazard added after the file's last line: the
# text, how many lines into it the hazard is, and what the one line says.
PERSON_YAML_HAZARDS = {
    "an alias": (
        "\nzz-a: &laugh [Zqxa, Zqxa]\nzz-b: [*laugh, *laugh]\n",
        3,
        "an alias (*laugh) repeats another value",
    ),
    "lists nested thousands deep": (
        "\nzz-deep: " + "[" * 5000 + "]" * 5000 + "\n",
        2,
        "lists or mappings nested more than 10 deep",
    ),
    "a NUL": ("\nzz-nul:\n  title: a\x00b\n", 3, "character 0x0000"),
    "a tag": (
        "\nzz-tag:\n  title: !!bool maybe\n",
        3,
        "a tag (tag:yaml.org,2002:bool) tells YAML how to read a value",
    ),
}


@pytest.mark.parametrize(
    "text", ["? [a, {b: c}]\n: 1\n", "? {a: b}\n: 1\n", "x: !!python/name:os.system\n"]
)
def test_yaml_a_person_writes_refuses_keys_and_tags_it_cannot_hold(text):
    """A list or mapping as a key, or a tag: one PersonYamlError, never a
    KeyError or TypeError from deep in the loader."""
    from ruamel.yaml import YAML

    from sitekit.personyaml import PersonYamlError, load_person_yaml

    with pytest.raises(PersonYamlError):
        load_person_yaml(YAML(typ="rt"), text)


@pytest.mark.parametrize(
    ("hazard", "line", "says"),
    PERSON_YAML_HAZARDS.values(),
    ids=PERSON_YAML_HAZARDS.keys(),
)
@pytest.mark.parametrize("name", ["lessons.yml", "reviews.yml"])
def test_yaml_a_person_writes_is_read_safely_with_one_line_at_its_line(
    tmp_path, name, hazard, line, says
):
    """Every reader of lessons.yml and reviews.yml goes through
    sitekit.personyaml: no alias expands, no nesting costs seconds, a bad
    character is named on its line. A bad lessons.yml stops the build; a bad
    reviews.yml (local-only, read by the desk) is a warning."""
    content = copy_content(tmp_path / "content")
    path = content / name
    text = read(path)
    path.write_text(text + hazard, encoding="utf-8")
    number = text.count("\n") + line

    runs = run_everything(content, tmp_path)

    def lines_naming_the_file(run) -> list[str]:
        return [said for said in runs.text(run).splitlines() if str(path) in said]

    stops = name == "lessons.yml"
    for run in (
        (runs.html, runs.publish, runs.lint) if stops else (runs.html, runs.lint)
    ):
        assert (run.returncode != 0) is stops, runs.text(run)
        [said] = lines_naming_the_file(run)
        assert f"{path}:{number}: " in said and says in said, said
    runs.assert_no_traceback()


UNHIDEABLE = {
    "an HTML paragraph": (
        "notes.html",
        "<html><head><title>Notes</title></head>\n"
        "<body><p>[!private] Zqxsecret in HTML</p></body></html>",
        2,
    ),
    "HTML code": (
        "notes.html",
        "<html><head><title>Notes</title></head>\n<body>\n"
        "<pre><code>[!private] Zqxsecret in code</code></pre></body></html>",
        3,
    ),
    "a reST literal block": (
        "notes.rst",
        "Notes\n#####\n\nSome code::\n\n    [!private] Zqxsecret in code\n",
        6,
    ),
}


@pytest.mark.parametrize(
    ("name", "source", "line"), UNHIDEABLE.values(), ids=UNHIDEABLE
)
def test_a_private_marker_in_an_html_or_rest_body_stops_the_build(
    tmp_path, name, source, line
):
    """Pelican reads .html and .rst pages too, with readers that cannot hide
    text: a marker anywhere in the body, code included, stops the build."""
    content = copy_content(tmp_path / "content")
    page = content / "pages" / name
    page.write_text(source, encoding="utf-8")

    runs = run_everything(content, tmp_path)

    message = f"{page}:{line}: a private marker ('[!private]') in the body of this file"
    for run in (runs.html, runs.publish, runs.lint):
        assert run.returncode != 0
        assert message in runs.text(run), runs.text(run)
    assert not runs.html_output.exists()
    runs.assert_no_traceback()


OTHER_READERS_FIELDS = {
    "an .html post's tags": (
        "2025-10-01-html.html",
        "<html><head><title>An HTML post</title>\n"
        '<meta name="date" content="2025-10-01">\n'
        '<meta name="tags" content="fine, [!private] Zqxsecret">\n'
        '<meta name="category" content="zqxpublic">\n'
        "</head><body><p>Public.</p></body></html>",
        3,
    ),
    **{
        f"a .rst post's :{name}:": (
            f"2025-10-01-{name}.rst",
            "A reST post\n###########\n\n:date: 2025-10-01\n:tags: zqxpublic\n"
            f":{name}: Priya, [!privte] Zqxsecret\n\nPublic.\n",
            6,
        )
        for name in ("category", "authors")
    },
    "a .rst post's :tags:": (
        "2025-10-01-tags.rst",
        "A reST post\n###########\n\n:date: 2025-10-01\n:category: zqxpublic\n"
        ":tags: fine, [!privte] Zqxsecret\n\nPublic.\n",
        6,
    ),
}


@pytest.fixture(scope="module")
def other_readers_fields(tmp_path_factory) -> tuple[Runs, dict]:
    """Each post of another reader in one build, with secret and public
    words of its own, and a title of its own (the .rst posts shared one)."""

    def write(content: Path) -> dict:
        cases = {}
        for index, (name, source, _) in enumerate(OTHER_READERS_FIELDS.values()):
            secret, public = secret_word(index), f"zqxpublic{index:02d}x"
            source = source.replace("Zqxsecret", secret).replace("zqxpublic", public)
            source = source.replace("A reST post\n###########", f"Post {index}\n######")
            post = content / "posts" / name
            post.write_text(source, encoding="utf-8")
            cases[name] = post, secret, public
        return cases

    return shared_runs(tmp_path_factory, "other-readers", write)


@pytest.mark.parametrize(
    ("name", "source", "line"), OTHER_READERS_FIELDS.values(), ids=OTHER_READERS_FIELDS
)
def test_a_private_list_field_of_another_reader_is_withheld(
    other_readers_fields, name, source, line
):
    """Tags, categories and authors of .html and .rst posts go through the
    same check as Markdown fields: the field is dropped whole, so it reaches
    no tag or category page, feed, sitemap, search filter or JSON-LD."""
    runs, cases = other_readers_fields
    post, secret, public = cases[name]

    for run in (runs.html, runs.publish, runs.lint):
        assert run.returncode == 0, runs.text(run)
    if "privte" in source:
        warning = f"{post}:{line}: '[!privte]' is taken as a private marker"
        for run in (runs.html, runs.publish, runs.lint):
            assert warning in runs.text(run), runs.text(run)
    assert_nowhere(runs, secret.encode())
    published = b"".join(data for _, data in output_files(runs.publish_output))
    assert public.encode() in published  # the public field beside it is published
    runs.assert_no_traceback()


UNICODE_SPACES = ["\u00a0", "\u2003", "\u3000"]


@pytest.fixture(scope="module")
def unicode_space_quotes(tmp_path_factory) -> tuple[Runs, dict]:
    """Each private quote carried on past a line of spaces in a post or a
    comment of its own, one build for all."""

    def write(content: Path) -> dict:
        cases = {}
        for where in (POST, COMMENT):
            for space in UNICODE_SPACES:
                secret = secret_word(len(cases))
                path = beside(content, where, f"unicode-space-{len(cases)}")
                path.write_text(
                    read(path) + f"\n\n> [!private] Private start\n>{space}\n{space}\n"
                    f"{secret} Markdown carried on\n",
                    encoding="utf-8",
                )
                cases[where, space] = secret
        return cases

    return shared_runs(tmp_path_factory, "unicode-spaces", write)


@pytest.mark.parametrize("space", UNICODE_SPACES)
@pytest.mark.parametrize("where", [POST, COMMENT])
def test_a_line_of_unicode_spaces_does_not_end_a_private_quote(
    unicode_space_quotes, where, space
):
    """Markdown carries a quote on past a line of no-break or other Unicode
    spaces, and so does the hiding: the whole quote is private."""
    runs, cases = unicode_space_quotes

    for run in (runs.html, runs.publish, runs.lint):
        assert run.returncode == 0, runs.text(run)
    assert_nowhere(runs, cases[where, space].encode())
    runs.assert_no_traceback()


def test_a_lesson_named_with_a_combining_accent_is_the_known_lesson(tmp_path):
    """A title in lessons.yml with "é" and a post naming it with "e" and a
    combining accent (pasted, or typed on some keyboards) read the same; the
    publish build refused the post as a near miss of the very same title."""
    content = copy_content(tmp_path / "content")
    vocabulary = content / "lessons.yml"
    vocabulary.write_text(
        read(vocabulary) + "\norder-the-cafe-menu:\n  title: Order the caf\u00e9 menu\n"
        "  theme: Mindset\n",
        encoding="utf-8",
    )
    replace_line(
        content / POST,
        "Lessons:",
        "Lessons: Learn adjacent functions; Order the cafe\u0301 menu",
    )

    runs = run_everything(content, tmp_path)

    for run in (runs.html, runs.publish, runs.lint):
        assert run.returncode == 0, runs.text(run)
        assert "not in lessons.yml" not in runs.text(run)
    page = runs.html_output / "lessons" / "order-the-cafe-menu" / "index.html"
    assert "two-levels-up" in read(page)
    runs.assert_no_traceback()


@pytest.mark.parametrize(
    "later", ["ask for Intros", "Ask for íntros"], ids=["case", "an accent"]
)
def test_a_lesson_of_ones_own_spelt_two_ways_is_one_lesson_with_a_warning(
    tmp_path, later
):
    """Words that make one slug name one page: they merged silently, the
    page showing whichever spelling the newest post had. They are one
    lesson, shown as first spelt, and each other spelling is named."""
    content = copy_content(tmp_path / "content")
    first = content / "posts" / "2025-01-01-first-intro.md"
    first.write_text(
        "Title: First intro\nDate: 2025-01-01\nLessons: Ask for intros\n\nOne.\n",
        encoding="utf-8",
    )
    second = content / "posts" / "2025-02-01-second-intro.md"
    second.write_text(
        f"Title: Second intro\nDate: 2025-02-01\nLessons: {later}\n\nTwo.\n",
        encoding="utf-8",
    )

    runs = run_everything(content, tmp_path)

    message = (
        f"{second}:3: lesson {later!r} is the lesson 'Ask for intros' "
        f"({first}:3): their words make one slug, 'ask-for-intros'"
    )
    for run in (runs.html, runs.lint):
        assert run.returncode == 0, runs.text(run)
        assert message in runs.text(run), runs.text(run)
        assert runs.text(run).count("is the lesson 'Ask for intros'") == 1
    # A published build refuses a lesson not in lessons.yml, as before.
    assert runs.publish.returncode != 0
    assert "ad-hoc lesson 'Ask for intros'" in runs.text(runs.publish)
    page = read(runs.html_output / "lessons" / "ask-for-intros" / "index.html")
    assert "Ask for intros" in page and later not in page
    for post in ("first-intro", "second-intro"):
        assert later not in read(runs.html_output / "2025" / post / "index.html")
    runs.assert_no_traceback()


def test_a_post_with_more_lessons_than_allowed_is_an_error_at_its_line(tmp_path):
    """Each lesson costs pages and feeds: REFLECTIONS_MAX_LESSONS (30) bounds
    how many one post may name."""
    content = copy_content(tmp_path / "content")
    post = content / "posts" / "2025-10-01-many-lessons.md"
    callouts = "".join(f"\n> [!lesson] Lesson number {n}\n" for n in range(31))
    post.write_text(
        "Title: Many lessons\nDate: 2025-10-01\n\nA body.\n" + callouts,
        encoding="utf-8",
    )
    line = read(post).split("\n").index("> [!lesson] Lesson number 30") + 1

    runs = run_everything(content, tmp_path)

    message = f"{post}:{line}: this post names 31 lessons, more than the 30"
    for run in (runs.html, runs.publish, runs.lint):
        assert run.returncode != 0
        assert message in runs.text(run), runs.text(run)
    runs.assert_no_traceback()


@pytest.fixture(scope="module")
def fields_without_letters(tmp_path_factory) -> tuple[Runs, dict]:
    """Tags and Category without letters, each in a post of its own."""

    def write(content: Path) -> dict:
        cases = {}
        for field in ("Tags", "Category"):
            post = beside(content, POST, f"no-letters-{field.lower()}")
            cases[field] = post, replace_line(post, f"{field}:", f"{field}: \U0001f642")
        return cases

    return shared_runs(tmp_path_factory, "no-letters", write)


@pytest.mark.parametrize("field", ["Tags", "Category"])
def test_a_tag_or_category_without_letters_gets_a_slug_with_a_warning(
    fields_without_letters, field
):
    runs, cases = fields_without_letters
    post, line = cases[field]

    warning = f"{post}:{line}: {field}: '\U0001f642' has no letters or digits"
    for run in (runs.html, runs.publish, runs.lint):
        assert run.returncode == 0, runs.text(run)
        assert warning in runs.text(run), runs.text(run)
    folder = "tag" if field == "Tags" else "category"
    assert (runs.publish_output / folder / "u1f642" / "index.html").exists()
    runs.assert_no_traceback()


# --- Control characters ------------------------------------------------------


CONTROL_CHARACTERS = [(COMMENT, "\x08"), (POST, "\x0b"), (POST, "\x00"), (PAGE, "\x1b")]


@pytest.fixture(scope="module")
def control_characters(tmp_path_factory) -> tuple[Runs, dict]:
    """Each control character in a post, comment or page of its own."""

    def write(content: Path) -> dict:
        cases = {}
        for index, (where, character) in enumerate(CONTROL_CHARACTERS):
            path = beside(content, where, f"control-{index}")
            lines = read(path).split("\n")
            lines.insert(len(lines) - 1, f"A line with a {character}control character.")
            path.write_text("\n".join(lines), encoding="utf-8")
            cases[where, character] = path, len(lines) - 1, path.read_bytes()
        # References to them, in a Markdown post and in an HTML page.
        post = beside(content, POST, "references")
        lines = read(post).split("\n")
        lines[-1:-1] = [REFERENCES_IN_TEXT, "", REFERENCES_IN_HTML, ""]
        post.write_text("\n".join(lines), encoding="utf-8")
        cases["references"] = post, len(lines) - 4, post.read_bytes()
        page = content / "pages" / "references.html"
        page.write_text(REFERENCES_PAGE, encoding="utf-8")
        cases["references page"] = page, None, page.read_bytes()
        return cases

    return shared_runs(tmp_path_factory, "control-characters", write)


@pytest.mark.parametrize(("where", "character"), CONTROL_CHARACTERS)
def test_a_control_character_is_removed_with_a_warning(
    control_characters, where, character
):
    runs, cases = control_characters
    path, line, source = cases[where, character]

    warning = f"{path}:{line}: removed 1 control character(s) "
    for run in (runs.html, runs.publish, runs.lint):
        assert warning in runs.text(run), runs.text(run)
    assert runs.html.returncode == runs.publish.returncode == 0
    assert_nowhere(runs, character.encode(), text_only=True)
    assert path.read_bytes() == source  # the source is never changed
    runs.assert_no_traceback()


REFERENCES_IN_TEXT = "A bell &#7;, a dash &#150;, a name &bogus; and, in code, `&#7;`."
REFERENCES_IN_HTML = "<div>Raw &#xFFFE; HTML, with &#x1F600;.</div>"
REFERENCES_PAGE = (
    "<html><head><title>References</title></head>\n"
    "<body><p>A page &#0; of HTML &#150; written by hand.</p></body></html>\n"
)


def test_a_reference_to_a_control_character_is_removed_with_a_warning(
    control_characters,
):
    """As the character itself is (above): any reader, at its line where the
    reader has lines, and every other reference is one a browser reads
    without an error: the page still validates."""
    runs, cases = control_characters
    post, line, source = cases["references"]
    page, _, page_source = cases["references page"]

    warnings = (
        f"{post}:{line}: removed 1 character reference(s) to a control character "
        "or to no character (&#7;)",
        f"{post}:{line + 2}: removed 1 character reference(s) to a control "
        "character or to no character (&#xFFFE;)",
        f"{page}: removed 1 character reference(s) to a control character or to "
        "no character (&#0;)",
    )
    for run in (runs.html, runs.publish, runs.lint):
        for warning in warnings:
            assert warning in runs.text(run), runs.text(run)
    assert runs.html.returncode == runs.publish.returncode == 0
    for output in runs.outputs:
        shown = read(output / "2025" / "references" / "index.html")
        assert "A bell , a dash &#8211;, a name &amp;bogus; and" in shown
        assert "<code>&amp;#7;</code>" in shown  # code shows what was typed
        assert "Raw  HTML, with &#x1F600;." in shown
        assert "A page  of HTML &#8211; written" in read(
            output / "references" / "index.html"
        )
        for path, data in output_files(output):
            # Pages, feeds and data files (Pagefind's scripts are its own).
            if (
                path.suffix in {".html", ".xml", ".json"}
                and "pagefind" not in path.parts
            ):
                # Read as HTML (a feed's entry read as XML, then as HTML).
                seen = html.unescape(data.decode("utf-8"))
                if path.suffix == ".xml":
                    seen = html.unescape(seen)
                assert not CONTROL_CHARACTER_TEXT.search(seen), path
    assert (post.read_bytes(), page.read_bytes()) == (source, page_source)
    runs.assert_no_traceback()


def test_a_post_with_an_empty_body_is_published_with_its_feeds(
    published_with_a_warning,
):
    runs, _ = published_with_a_warning

    assert runs.html.returncode == 0, runs.text(runs.html)
    assert runs.publish.returncode == 0, runs.text(runs.publish)
    assert "Nothing yet" in read(runs.publish_output / "feeds" / "all.atom.xml")
    runs.assert_no_traceback()


# --- Symbolic links ----------------------------------------------------------


def test_a_static_file_linked_from_outside_is_never_copied(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "images" / "passwd").symlink_to("/etc/passwd")

    runs = run_everything(content, tmp_path)

    message = f"{content}/images/passwd: symbolic link to the file '/etc/passwd'"
    assert runs.html.returncode == 0
    assert message in runs.text(runs.html)
    assert not (runs.html_output / "images" / "passwd").exists()
    assert runs.publish.returncode != 0
    assert f"{message}, outside the content folder" in runs.text(runs.publish)
    assert not runs.publish_output.exists()
    assert message in runs.text(runs.lint)
    runs.assert_no_traceback()


def outside_content(tmp_path: Path) -> Path:
    """A folder beside the content folder, with a page and a folder of posts."""
    outside = tmp_path / "outside"
    (outside / "posts").mkdir(parents=True)
    (outside / "page.md").write_text("Title: Outside\n\nZqxsecret page.\n")
    (outside / "posts" / "2025-01-01-outside.md").write_text(
        "Title: Outside post\nDate: 2025-01-01\n\nZqxsecret post.\n"
    )
    return outside


def test_a_page_or_folder_linked_from_outside_is_not_published(tmp_path):
    content = copy_content(tmp_path / "content")
    outside = outside_content(tmp_path)
    (content / "pages" / "outside.md").symlink_to(outside / "page.md")
    (content / "posts" / "elsewhere").symlink_to(outside / "posts")

    runs = run_everything(content, tmp_path)

    assert runs.html.returncode == 0, runs.text(runs.html)
    for run in (runs.html, runs.lint):
        assert f"{content}/pages/outside.md: " in runs.text(run)
        assert f"{content}/posts/elsewhere: " in runs.text(run)
        assert f"to the folder '{outside / 'posts'}'" in runs.text(run)
    assert runs.publish.returncode != 0
    assert "outside the content folder" in runs.text(runs.publish)
    assert_nowhere(runs, b"zqxsecret")
    runs.assert_no_traceback()


def test_a_folder_named_in_allowed_outside_paths_is_published(tmp_path):
    content = copy_content(tmp_path / "content")
    outside = outside_content(tmp_path)
    (content / "pages" / "outside.md").symlink_to(outside / "page.md")

    result = run_pelican(
        content, tmp_path / "html", "-e", f'ALLOWED_OUTSIDE_PATHS=["{outside}"]'
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "symbolic link" not in result.stdout + result.stderr
    assert "Zqxsecret page." in read(tmp_path / "html" / "outside" / "index.html")


def test_a_broken_link_in_posts_is_reported_with_its_target(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "posts" / "2025-01-01-gone.md").symlink_to(tmp_path / "nowhere.md")

    runs = run_everything(content, tmp_path)

    message = (
        f"{content}/posts/2025-01-01-gone.md: broken symbolic link to "
        f"'{tmp_path / 'nowhere.md'}', which does not exist"
    )
    for run in (runs.html, runs.publish, runs.lint):
        assert message in runs.text(run), runs.text(run)
    assert "Could not process" not in runs.text(runs.html)
    assert runs.html.returncode == 0
    assert runs.publish.returncode != 0
    assert runs.lint.returncode == 0  # a warning: lint --strict fails on it
    runs.assert_no_traceback()


def test_a_link_that_loops_back_to_its_own_folder_is_left_out(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "posts" / "loop").symlink_to("..")

    runs = run_everything(content, tmp_path)

    message = f"{content}/posts/loop: symbolic link to '..', a folder that holds"
    for run in (runs.html, runs.publish, runs.lint):
        assert message in runs.text(run), runs.text(run)
    assert runs.html.returncode == 0
    assert runs.publish.returncode != 0
    assert "Processed 11 articles" in runs.text(runs.html)
    runs.assert_no_traceback()


# --- Files that cannot be read -----------------------------------------------


def test_a_lessons_file_that_is_not_utf8_names_file_and_line(tmp_path):
    content = copy_content(tmp_path / "content")
    vocabulary = content / "lessons.yml"
    vocabulary.write_bytes(vocabulary.read_bytes() + b"\n# caf\xe9\n")
    line = vocabulary.read_bytes().count(b"\n")

    runs = run_everything(content, tmp_path)

    message = f"{vocabulary}:{line}: not UTF-8 text: byte 0xe9"
    for run in (runs.html, runs.publish, runs.lint):
        assert run.returncode != 0
        assert message in runs.text(run), runs.text(run)
    runs.assert_no_traceback()


def test_reflect_lessons_names_a_lessons_file_that_is_not_utf8(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    copy_content(site / "content")
    (site / "pelicanconf.py").write_text(
        'PATH = "content"\nTIMEZONE = "UTC"\n'
        'PLUGINS = ["sourceguard", "comments", "postseries", "reflections"]\n'
    )
    (site / "content" / "lessons.yml").write_bytes(b"a-lesson:\n  title: caf\xe9\n")

    result = subprocess.run(
        [str(REFLECT), "lessons"], cwd=site, capture_output=True, text=True
    )

    assert result.returncode == 1
    assert "content/lessons.yml:2: not UTF-8 text: byte 0xe9" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


# --- Ignored without a word --------------------------------------------------


def test_a_comment_file_in_a_subfolder_is_reported(tmp_path):
    content = copy_content(tmp_path / "content")
    nested = content / "comments" / "two-levels-up" / "replies" / "late.md"
    nested.parent.mkdir()
    nested.write_text("Author: Late\nDate: 2025-10-01\n\nZqxsecret nested.\n")

    runs = run_everything(content, tmp_path)

    message = f"{nested}: comment files belong directly in a post's folder"
    for run in (runs.html, runs.publish, runs.lint):
        assert message in runs.text(run), runs.text(run)
    assert runs.html.returncode == 0
    assert runs.publish.returncode != 0  # COMMENTS_STRICT
    runs.assert_no_traceback()


# --- The output folder -------------------------------------------------------


def refusals(
    project: Path, output: Path, env: dict[str, str] | None = None, plain=True
) -> dict[str, subprocess.CompletedProcess]:
    """The project built into ``output`` by `make html`, `make publish` and
    (with ``plain``) a plain `pelican` run in the project folder."""
    settings = {
        "INPUTDIR": project / "content",
        "OUTPUTDIR": output,
        "CONFFILE": project / "pelicanconf.py",
        "PUBLISHCONF": project / "publishconf.py",
    }
    runs = {
        "make html": run_make("html", env=env, **settings),
        "make publish": run_make("publish", env=env, **settings),
    }
    if plain:
        runs["pelican"] = subprocess.run(
            [str(PELICAN), "content", "-s", "pelicanconf.py", "-o", str(output)],
            cwd=project,
            capture_output=True,
            text=True,
            env={
                "COLUMNS": "1000",
                "PATH": "/usr/bin:/bin",
                "PYTHONPATH": checkout_pythonpath(),
                **(env or {}),
            },
        )
    return runs


def assert_refused(runs: dict, message: str) -> None:
    for front_end, run in runs.items():
        said = run.stdout + run.stderr
        assert run.returncode != 0, (front_end, said)
        assert message in said, (front_end, said)
        assert "Traceback" not in said, (front_end, said)


def assert_untouched(before: dict[str, bytes], folder: Path) -> None:
    """Every file is there with its bytes, and nothing was added."""
    assert snapshot(folder) == before


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        ("content", "is the content folder"),
        (".", "is the project folder"),
        ("theme", "is the theme"),
        ("plugins", "is the plugin folder"),
        ("content/site", "lies inside the content folder"),
        ("theme/static/site", "lies inside the theme"),
        ("..", "holds the content folder"),
    ],
)
def test_an_output_folder_that_is_the_project_or_its_sources_is_refused(
    tmp_path, output, reason
):
    project = copy_project(tmp_path / "project")
    before = snapshot(tmp_path)

    runs = refusals(project, project / output)

    assert_refused(runs, reason)
    assert_refused(runs, "a build replaces everything in its output folder")
    assert_untouched(before, tmp_path)


def test_the_home_folder_as_output_folder_is_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents" / "cv.txt").write_text("mine")
    before = snapshot(tmp_path)

    runs = refusals(project, home, env={"HOME": str(home)})

    assert_refused(runs, f"the output folder {home} is the home folder")
    assert_untouched(before, tmp_path)


def test_the_root_folder_as_output_folder_is_refused():
    """Through the build command only: a plain `pelican` would write into /
    had the guard failed; the same rule is unit-tested on its own."""
    for target in ("html", "publish"):
        run = run_make(target, OUTPUTDIR="/")
        said = run.stdout + run.stderr
        assert run.returncode != 0
        assert "build: the output folder / is the root folder" in said
        assert "Traceback" not in said


def test_a_folder_that_no_build_of_the_site_made_is_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "plan.md").write_text("my plans")
    before = snapshot(tmp_path)

    runs = refusals(project, notes)

    assert_refused(runs, "notes holds files that no build of this site wrote")
    assert_untouched(before, tmp_path)


def test_a_file_put_into_the_output_folder_by_hand_is_named(tmp_path):
    project = copy_project(tmp_path / "project")
    output = tmp_path / "output"
    first = run_make(
        "html",
        INPUTDIR=project / "content",
        OUTPUTDIR=output,
        CONFFILE=project / "pelicanconf.py",
    )
    assert first.returncode == 0, first.stdout + first.stderr
    (output / "CNAME").write_text("reflections.example.org\n")
    before = snapshot(tmp_path)

    runs = refusals(project, output)

    assert_refused(runs, f"{output}/CNAME: not written by the last build of this")
    assert_untouched(before, tmp_path)


def test_a_mount_point_as_output_folder_is_refused_by_the_build_command(tmp_path):
    """A rename cannot replace a mount point; a plain `pelican` writes in
    place and needs none."""
    project = copy_project(tmp_path / "project")
    mounted = tmp_path / "mounted"
    mounted.mkdir()
    fault = {
        "PYTHONPATH": checkout_pythonpath(str(FAULTS)),
        "FAULT_MOUNT_POINT": str(mounted),
    }
    runs = refusals(project, mounted, env=fault, plain=False)

    assert_refused(runs, f"the output folder {mounted} is a mount point")
    assert not list(mounted.iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mounted", "project"]


# --- Where files are written -------------------------------------------------


def files_outside(tmp_path: Path, runs: Runs) -> list[Path]:
    """Files written anywhere but the two builds' output and cache folders."""
    kept = {"content", "html", "published", "cache"}
    return [
        path
        for path in tmp_path.rglob("*")
        if path.is_file()
        and path.relative_to(tmp_path).parts[0] not in kept
        and not path.name.endswith(".marker.json")
    ]


def test_a_slug_that_climbs_out_stops_the_build_naming_file_and_line(tmp_path):
    content = copy_content(tmp_path / "content")
    line = replace_line(
        content / POST, "Slug:", "Slug: ../../escaped\nSave_as: safe/index.html"
    )

    runs = run_everything(content, tmp_path)

    message = f"{content / POST}:{line}: Slug: '../../escaped' climbs out of its"
    for run in (runs.html, runs.publish, runs.lint):
        assert run.returncode != 0
        assert message in runs.text(run), runs.text(run)
    assert files_outside(tmp_path, runs) == []
    runs.assert_no_traceback()


def test_a_slug_an_address_cannot_carry_stops_the_build_naming_file_and_line(
    tmp_path,
):
    content = copy_content(tmp_path / "content")
    line = replace_line(content / POST, "Slug:", 'Slug: say "hi" <now>')

    runs = run_everything(content, tmp_path)

    message = f"{content / POST}:{line}: Slug gives the file name"
    for run in (runs.html, runs.publish, runs.lint):
        assert run.returncode != 0, runs.text(run)
        assert message in runs.text(run), runs.text(run)
    assert not any('"' in path.name for path in tmp_path.rglob("*"))
    runs.assert_no_traceback()


@pytest.mark.parametrize(
    ("field", "says"),
    [
        ("Slug", "Slug gives the file name"),
        ("Tags", "the tag 'zzzzz"),
        ("Category", "the category 'zzzzz"),
    ],
)
def test_a_name_too_long_for_a_file_system_stops_the_build_naming_file_and_line(
    tmp_path, field, says
):
    """A slug, tag or category of 300 letters names a file of 300 bytes; the
    build stopped only as it wrote it, naming no source, and lint passed."""
    content = copy_content(tmp_path / "content")
    line = replace_line(content / POST, f"{field}:", f"{field}: {'z' * 300}")

    runs = run_everything(content, tmp_path)

    message = f"{content / POST}:{line}: {says}"
    assert_every_run_stops(
        runs, (runs.html, runs.publish, runs.lint), message, "bytes long"
    )
    runs.assert_no_traceback()


def test_a_static_file_keeps_a_long_name_the_file_system_holds(tmp_path):
    """Copied under its own name, which the content folder holds already."""
    content = copy_content(tmp_path / "content")
    name = "x" * 240 + ".png"
    (content / "images" / name).write_bytes(b"\x89PNG\r\n\x1a\n")

    result = run_pelican(content, tmp_path / "output")

    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "output" / "images" / name).exists()


def test_a_save_as_outside_the_output_folder_names_file_and_line(tmp_path):
    content = copy_content(tmp_path / "content")
    line = replace_line(content / POST, "Modified:", "Save_as: ../elsewhere.html")

    runs = run_everything(content, tmp_path)

    message = (
        f"{content / POST}:{line}: the page's path '../elsewhere.html' leaves the "
        "output folder"
    )
    for run in (runs.html, runs.publish, runs.lint):
        assert run.returncode != 0
        assert message in runs.text(run), runs.text(run)
    assert files_outside(tmp_path, runs) == []
    runs.assert_no_traceback()


@pytest.mark.parametrize(
    ("setting", "value"),
    [("SOCIAL_IMAGE_SAVE_AS", "../{slug}.png"), ("SEARCH_SAVE_AS", "/tmp/x.html")],
)
def test_a_save_as_setting_that_climbs_out_is_named(tmp_path, setting, value):
    content = copy_content(tmp_path / "content")

    runs = run_everything(content, tmp_path, "-e", f'{setting}="{value}"')

    message = f"setting {setting} = {value!r} climbs out of the output folder"
    for run in (runs.html, runs.publish):
        assert run.returncode != 0
        assert message in runs.text(run), runs.text(run)
    assert files_outside(tmp_path, runs) == []
    assert not runs.html_output.exists()
    runs.assert_no_traceback()


def test_a_path_setting_that_climbs_out_names_the_settings_file_and_line(tmp_path):
    """Set in pelicanconf.py, the setting is named at its line there, as a
    path setting too long on its own is."""
    value = "../{slug}.png"
    project = project_with(tmp_path, "SOCIAL_IMAGE_SAVE_AS", value)
    conf = project / "pelicanconf.py"
    line = read(conf).rstrip("\n").count("\n") + 1  # project_with's last line

    runs = run_project(project, tmp_path)

    assert_every_run_stops(
        runs,
        (runs.html, runs.publish, runs.lint),
        f"{conf}:{line}: setting SOCIAL_IMAGE_SAVE_AS = {value!r} climbs out of "
        "the output folder",
    )
    assert not runs.html_output.exists()
    runs.assert_no_traceback()


LONG_WORDS = " ".join(["word"] * 30)  # 149 bytes: a name the URL keeps,
# which a setting that doubles it makes over the 255 a file system holds


def project_with(tmp_path: Path, setting: str, value: str) -> Path:
    """A copy of the project whose pelicanconf.py (and so publishconf.py)
    sets ``setting``; for the builds and for ``reflect lint`` alike."""
    project = copy_project(tmp_path / "project")
    conf = project / "pelicanconf.py"
    conf.write_text(read(conf) + f"\n{setting} = {value!r}\n", encoding="utf-8")
    return project


def run_project(project: Path, tmp_path: Path) -> Runs:
    content = project / "content"
    html_output, publish_output = tmp_path / "html", tmp_path / "published"
    return Runs(
        html=run_pelican(content, html_output, conf=str(project / "pelicanconf.py")),
        publish=run_pelican(
            content, publish_output, conf=str(project / "publishconf.py")
        ),
        lint=lint_in_process("--project", str(project), "lint", str(content)),
        html_output=html_output,
        publish_output=publish_output,
    )


@pytest.mark.parametrize(
    ("setting", "value", "field", "says"),
    [
        ("LESSON_SAVE_AS", "lessons/{slug}-{slug}.html", "Lessons", "lesson 'Learn"),
        ("LESSON_FEED_ATOM", "feeds/{slug}/{slug}-{slug}.xml", "Lessons", "lesson"),
        ("SERIES_SAVE_AS", "series/{slug}-{slug}.html", "Series", "the series"),
        ("TAG_FEED_ATOM", "feeds/{slug}-{slug}.atom.xml", "Tags", "the tag"),
        ("CATEGORY_FEED_ATOM", "feeds/{slug}-{slug}.xml", "Category", "the category"),
    ],
)
def test_a_path_setting_that_makes_a_writers_text_too_long_names_file_and_line(
    tmp_path, setting, value, field, says
):
    """A lesson's URL (``lessons/{slug}/``) was checked, the files custom
    settings make of the same slug were not: the build stopped only as it
    wrote one (``File name too long``), naming no source, and lint passed."""
    project = project_with(tmp_path, setting, value)
    post = project / "content" / POST
    text = f"Learn {LONG_WORDS}"
    if field == "Series":
        line = replace_line(post, "Modified:", f"Series: {text}")
    else:
        line = replace_line(post, f"{field}:", f"{field}: {text}")

    runs = run_project(project, tmp_path)

    message = f"{post}:{line}: {says}"
    assert_every_run_stops(
        runs,
        (runs.html, runs.publish, runs.lint),
        message,
        f"{setting} makes it",
        "bytes long",
        absent=("File name too long",),
    )
    assert not runs.html_output.exists()
    runs.assert_no_traceback()


@pytest.mark.parametrize("slug_from", ["Slug", "Title"])
def test_a_comment_feed_a_path_setting_makes_too_long_names_the_post(
    tmp_path, slug_from
):
    """A post's comment feed is named by its slug: a setting that makes more
    of it stopped the build as the feed was written, naming no source. A
    post without a Slug line is named at its title, which makes its slug."""
    project = project_with(
        tmp_path, "COMMENT_FEED_ATOM", "feeds/comments/{slug}-{slug}.atom.xml"
    )
    content = project / "content"
    slug = "-".join(["word"] * 30)
    if slug_from == "Slug":
        line = replace_line(content / POST, "Slug:", f"Slug: {slug}")
        advice = "; give the post a shorter Slug"
    else:
        break_line(content, "Slug:", None)
        line = replace_line(content / POST, "Title:", f"Title: {slug.title()}")
        advice = "; give the post a shorter title, or a Slug line"
    (content / "comments" / "two-levels-up").rename(content / "comments" / slug)
    for mention in (content / "comments" / slug).glob("mention-*.json"):
        mention.unlink()  # each names the post's old address

    runs = run_project(project, tmp_path)

    message = f"{content / POST}:{line}: the post's comment feed is too long"
    assert_every_run_stops(
        runs,
        (runs.html, runs.publish, runs.lint),
        message,
        "COMMENT_FEED_ATOM makes it",
        advice,
        absent=("File name too long",),
    )
    runs.assert_no_traceback()


def test_a_preview_image_a_path_setting_makes_too_long_names_the_post(tmp_path):
    """A post's preview image is named by its slug: a setting that makes more
    of it than the post's own page does stopped the build as the image was
    written (``File name too long``), naming no source. ``reflect lint``
    draws no image, and passed: it measures the name as the build does."""
    project = project_with(
        tmp_path, "SOCIAL_IMAGE_SAVE_AS", "{date:%Y}/{slug}/{slug}-{slug}.png"
    )
    content = project / "content"
    slug = "-".join(["word"] * 30)
    line = replace_line(content / POST, "Slug:", f"Slug: {slug}")
    (content / "comments" / "two-levels-up").rename(content / "comments" / slug)
    for mention in (content / "comments" / slug).glob("mention-*.json"):
        mention.unlink()  # each names the post's old address

    runs = run_project(project, tmp_path)

    message = f"{content / POST}:{line}: the preview image's name is too long"
    assert_every_run_stops(
        runs,
        (runs.html, runs.publish, runs.lint),
        message,
        "SOCIAL_IMAGE_SAVE_AS makes it",
        "give the post a shorter Slug",
        absent=("File name too long",),
    )
    assert not runs.html_output.exists()
    runs.assert_no_traceback()


LONG_LITERAL = "x" * 300  # longer than any name a file system holds


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("LESSON_SAVE_AS", LONG_LITERAL + "/{slug}.html"),
        ("ARTICLE_SAVE_AS", "{date:%Y}/" + LONG_LITERAL + "-{slug}/index.html"),
        ("TAG_FEED_ATOM", "feeds/{slug}" + LONG_LITERAL + ".xml"),
        ("SEARCH_SAVE_AS", "search/" + LONG_LITERAL + ".html"),
        (
            "PAGINATION_PATTERNS",
            [(1, "{url}", "{save_as}"), (2, "{base_name}/p{number}/", LONG_LITERAL)],
        ),
    ],
)
def test_a_path_setting_too_long_on_its_own_names_the_settings_file_and_line(
    tmp_path, setting, value
):
    """A part of a path setting's own text, with no slug in it yet, longer
    than a file system holds: no post's text makes it so, and no post is
    named; the setting is, at its line in pelicanconf.py, before anything
    is written or read."""
    project = project_with(tmp_path, setting, value)
    conf = project / "pelicanconf.py"
    line = read(conf).rstrip("\n").count("\n") + 1  # project_with's last line

    runs = run_project(project, tmp_path)

    assert_every_run_stops(
        runs,
        (runs.html, runs.publish, runs.lint),
        f"{conf}:{line}: setting {setting} = ",
        "bytes long before any slug is put in; a file system holds 255",
        absent=("File name too long", "content/posts"),
    )
    assert not runs.html_output.exists()
    runs.assert_no_traceback()


@pytest.mark.parametrize("name_bytes", [240, 300])
def test_an_output_folder_whose_name_a_file_system_cannot_hold_is_one_line(
    tmp_path, name_bytes
):
    """300 bytes is more than any name; 240 fits, but not the names a build
    makes beside it (``.output.preview-<name>-XXXXXXXX``, the lock, the
    marker). Both ``make html`` and a plain ``pelican`` run stopped at the
    first of them with ``File name too long``."""
    project = copy_project(tmp_path / "project")
    output = tmp_path / ("o" * name_bytes)

    runs = refusals(project, output)

    assert_refused(runs, f"has a part {name_bytes} bytes long")
    for run in runs.values():
        said = run.stdout + run.stderr
        assert "File name too long" not in said and "Traceback" not in said, said
    assert [path.name for path in tmp_path.iterdir()] == ["project"]


def test_a_known_lesson_a_path_setting_makes_too_long_names_lessons_yml(tmp_path):
    """A slug of lessons.yml is at most 200 bytes; the settings may make a
    longer name of it, reported at its entry."""
    project = project_with(tmp_path, "LESSON_SAVE_AS", "lessons/{slug}-{slug}.html")
    lessons = project / "content" / "lessons.yml"
    slug = "-".join(["word"] * 30)
    lessons.write_text(
        read(lessons) + f"\n{slug}:\n  title: Words {slug}\n", encoding="utf-8"
    )
    line = read(lessons).split("\n").index(f"{slug}:") + 1
    replace_line(project / "content" / POST, "Lessons:", f"Lessons: Words {slug}")

    runs = run_project(project, tmp_path)

    message = f"{lessons}:{line}: lesson 'Words word-word"
    assert_every_run_stops(
        runs, (runs.html, runs.publish, runs.lint), message, "LESSON_SAVE_AS makes it"
    )
    runs.assert_no_traceback()


def test_a_lesson_the_default_settings_name_within_bounds_is_built(tmp_path):
    """The same long lesson under the default settings names a page of
    fewer than 200 bytes: the check refuses only what cannot be written."""
    content = copy_content(tmp_path / "content")
    replace_line(content / POST, "Lessons:", f"Lessons: Learn {LONG_WORDS}")

    result = run_pelican(content, tmp_path / "output")

    assert result.returncode == 0, result.stdout + result.stderr
    slug = "learn-" + "-".join(["word"] * 30)
    assert (tmp_path / "output" / "lessons" / slug / "index.html").exists()


def test_names_a_file_system_holds_are_built_and_unused_lessons_not_measured(
    tmp_path,
):
    """The limits are what a file system holds: a tag whose feed's name is
    between a page's 200 bytes and a file system's 255 is built, as it was
    before names were measured; and a lesson of lessons.yml no post names
    gets no page or feed, so a custom setting that would make its name too
    long refuses nothing."""
    project = project_with(tmp_path, "LESSON_SAVE_AS", "lessons/{slug}-{slug}.html")
    lessons = project / "content" / "lessons.yml"
    unused = "-".join(["word"] * 30)
    lessons.write_text(
        read(lessons) + f"\n{unused}:\n  title: Words {unused}\n", encoding="utf-8"
    )
    tag = " ".join(["word"] * 39)  # a 194-byte slug: its feed's name is 203
    replace_line(project / "content" / POST, "Tags:", f"Tags: {tag}")

    runs = run_project(project, tmp_path)

    for run in (runs.html, runs.publish, runs.lint):
        assert run.returncode == 0, runs.text(run)
    feeds = list((runs.publish_output / "feeds").rglob("word-word-*"))
    assert feeds and all(len(feed.name.encode()) > 200 for feed in feeds)
    runs.assert_no_traceback()


def test_two_posts_for_one_page_name_both_source_files(tmp_path):
    content = copy_content(tmp_path / "content")
    twin = content / "posts" / "2025-10-01-twin.md"
    twin.write_text(
        "Title: Another call\nSlug: two-levels-up\nDate: 2025-10-01\n"
        "Lessons: Learn adjacent functions\n\nA second conversation.\n",
        encoding="utf-8",
    )
    output = tmp_path / "made"

    runs = run_everything(content, tmp_path)
    make = run_make(
        "html",
        INPUTDIR=content,
        OUTPUTDIR=output,
        PELICANOPTS=f"--cache-path {tmp_path / 'cache'}",
    )

    message = (
        f"{twin}:2: would be written to 2025/two-levels-up/index.html, as "
        f"{content / POST} is; give one of them another Slug"
    )
    for run in (runs.html, runs.publish, runs.lint, make):
        said = run.stdout + run.stderr
        assert run.returncode != 0
        assert message in runs.text(run), said
        assert ".output.build-" not in said and "Traceback" not in said
    assert not output.exists()


# --- The machine -------------------------------------------------------------

FAULTS = Path(__file__).parent / "faults"


def faulty(errno_name: str, path_holds: str) -> dict[str, str]:
    """Environment for tests/faults/sitecustomize.py: opening a file for
    writing whose path holds ``path_holds`` fails with ``errno_name``."""
    return {
        "PYTHONPATH": checkout_pythonpath(str(FAULTS)),
        "FAULT_ERRNO": errno_name,
        "FAULT_PATH": path_holds,
    }


def test_a_full_disk_stops_the_build_with_one_line(tmp_path):
    content = copy_content(tmp_path / "content")
    output = tmp_path / "output"
    make = {
        "INPUTDIR": content,
        "OUTPUTDIR": output,
        "PELICANOPTS": f"--cache-path {tmp_path / 'cache'}",
    }
    assert run_make("html", **make).returncode == 0
    before = snapshot(output)
    full = faulty("ENOSPC", "/about/index.html")

    built = run_make("html", env=full, **make)
    plain = run_pelican(content, tmp_path / "plain", env=full)

    reason = "No space left on device (the disk is full: free some space"
    for run, shown in ((built, "output"), (plain, "plain")):
        said = run.stdout + run.stderr
        assert run.returncode != 0
        assert f"Build stopped: {shown}/about/index.html: {reason}" in said, said
        assert "Traceback" not in said
    assert "the last good site is left as it was" in built.stderr
    assert snapshot(output) == before
    assert not list(tmp_path.glob(".output.build-*"))


def test_a_full_disk_while_copying_an_image_stops_the_build(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "images" / "photo.png").write_bytes(b"\x89PNG not really")

    run = run_pelican(content, tmp_path / "output", env=faulty("ENOSPC", "photo.png"))

    said = run.stdout + run.stderr
    assert run.returncode != 0
    assert "a static file could not be copied: output/images/photo.png: No space" in (
        said
    )
    assert "Traceback" not in said


def test_a_read_only_file_system_stops_the_build_before_it_writes(tmp_path):
    content = copy_content(tmp_path / "content")
    locked = tmp_path / "readonly"
    read_only = faulty("EROFS", str(locked))

    built = run_make(
        "html",
        env=read_only,
        INPUTDIR=content,
        OUTPUTDIR=locked / "output",
        PELICANOPTS=f"--cache-path {tmp_path / 'cache'}",
    )
    plain = run_pelican(content, locked / "output", env=read_only)

    reason = "Read-only file system (the file system is read-only: build into"
    assert f"build: {locked}/.output.lock: {reason}" in built.stderr, built.stderr
    assert "Build stopped:" in plain.stdout + plain.stderr
    assert f".output.marker.json.partial: {reason}" in plain.stdout + plain.stderr
    for run in (built, plain):
        assert run.returncode != 0
        assert "Traceback" not in run.stdout + run.stderr
    assert not (locked / "output").exists()


def test_a_cache_that_is_a_file_is_one_line(tmp_path):
    content = copy_content(tmp_path / "content")
    (tmp_path / "cache").write_text("not a folder")

    runs = run_everything(content, tmp_path)
    built = run_make(
        "html",
        INPUTDIR=content,
        OUTPUTDIR=tmp_path / "made",
        PELICANOPTS=f"--cache-path {tmp_path / 'cache'}",
    )

    message = f"the cache folder {tmp_path / 'cache'} is a file; move it away"
    for run in (runs.html, runs.publish, built):
        said = run.stdout + run.stderr
        assert run.returncode != 0
        assert message in said, said
        assert "Traceback" not in said
    assert (tmp_path / "cache").read_text() == "not a folder"


# --- Files published that nobody meant to ------------------------------------


def test_static_folders_publish_no_hidden_files_or_editor_litter(tmp_path):
    content = copy_content(tmp_path / "content")
    litter = [
        "images/.env",
        "images/.git/config",
        "images/.DS_Store",
        "images/trip/._photo.jpg",
        "images/photo.jpg~",
        "images/#notes.md#",
        "images/Thumbs.db",
        "downloads/.secret/key.txt",
        "downloads/cv.pdf.swp",
    ]
    published = ["images/photo.jpg", "downloads/cv.pdf", "extra/.htaccess"]
    for name in (*litter, *published):
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(f"zqxsecret {name}")
    static = '["images", "downloads", "extra/.htaccess"]'

    runs = run_everything(content, tmp_path, "-e", f"STATIC_PATHS={static}")

    for output in runs.outputs:
        for name in published:
            assert (output / name).is_file(), name
        names = sorted(p.relative_to(output).as_posix() for p in output.rglob("*"))
        assert [n for n in names if n.startswith(("images", "downloads"))] == [
            "downloads",
            "downloads/cv.pdf",
            "images",
            "images/photo.jpg",
        ]
    runs.assert_no_traceback()


# --- Untrusted text: cost and markup ------------------------------------------


def test_a_chain_of_replies_deeper_than_pythons_stack_is_built(tmp_path):
    """An imported or hand-made thread of 1,200 replies, each answering the
    one before (Python stops recursing at 1,000)."""
    content = copy_content(tmp_path / "content")
    folder = content / "comments" / "two-levels-up"
    for number in range(1, 1201):
        reply = f"Reply-To: 9-chain-{number - 1:04}\n" if number > 1 else ""
        (folder / f"9-chain-{number:04}.md").write_text(
            f"Author: Reader {number}\nDate: 2025-10-01 09:00\n{reply}\n"
            f"Reply number {number}.\n",
            encoding="utf-8",
        )

    runs = run_everything(content, tmp_path)

    for run in (runs.html, runs.lint):
        assert run.returncode == 0, runs.text(run)
    page = read(runs.html_output / "2025" / "two-levels-up" / "index.html")
    assert "Reply number 1200." in page
    runs.assert_no_traceback()


def test_two_comment_files_with_one_id_are_one_line_naming_both(tmp_path):
    """``x.md`` answering ``y``, ``y.md`` answering ``x``, and a later reply
    Webmention ``x.json``: both x files were comment ``x``, the later one
    hid the loop, and the build walked x's and y's replies for ever."""
    content = copy_content(tmp_path / "content")
    folder = content / "comments" / "two-levels-up"
    for name, answers in (("x", "y"), ("y", "x")):
        (folder / f"{name}.md").write_text(
            f"Author: Reader {name}\nDate: 2025-10-01 09:00\nReply-To: {answers}\n"
            f"\nComment {name}.\n",
            encoding="utf-8",
        )
    mention = folder / "x.json"
    mention.write_text(
        read(folder / "mention-30411.json").replace("2025-09-19", "2025-10-02"),
        encoding="utf-8",
    )

    runs = run_everything(content, tmp_path)

    message = (
        f"{folder / 'x.md'}: has the comment id 'x' of {mention}, read first and kept"
    )
    for run in (runs.html, runs.publish, runs.lint):
        assert runs.text(run).count(message) == 1, runs.text(run)
    assert runs.html.returncode == 0
    assert runs.publish.returncode != 0  # COMMENTS_STRICT
    assert runs.lint.returncode == 0
    page = read(runs.html_output / "2025" / "two-levels-up" / "index.html")
    assert "Comment y." in page and "Comment x." not in page
    runs.assert_no_traceback()


def test_a_comment_longer_than_the_limit_is_cut_with_a_warning(
    published_with_a_warning,
):
    runs, cases = published_with_a_warning
    path = cases["comment"]

    warning = f"{path}: the comment is longer than COMMENTS_MAX_LENGTH (20,000"
    for run in (runs.html, runs.publish, runs.lint):
        assert warning in runs.text(run), runs.text(run)
    assert runs.html.returncode == runs.publish.returncode == runs.lint.returncode == 0
    page = read(runs.publish_output / "2025" / "two-levels-up" / "index.html")
    assert "Zqxlong words. […]</p>" in page
    assert page.count("Zqxlong") < 2000
    runs.assert_no_traceback()


SLOW_MARKDOWN = ["[" * 50_000, "1. " * 2000 + "deep", "<a " * 10_000, "``a`" * 10_000]


@pytest.fixture(scope="module")
def slow_markdown_comments(tmp_path_factory) -> tuple[Runs, dict]:
    """Each body in a comment of its own on the sample post, one build."""

    def write(content: Path) -> dict:
        cases = {}
        for index, body in enumerate(SLOW_MARKDOWN):
            path = beside(content, COMMENT, f"slow-markdown-{index}")
            before = f"Zqxbefore{index:02d}x."
            path.write_text(
                read(path) + f"\n\n{before}\n\n" + body + "\n", encoding="utf-8"
            )
            cases[body] = path, before
        return cases

    return shared_runs(tmp_path_factory, "slow-markdown", write)


@pytest.mark.parametrize(
    "body",
    SLOW_MARKDOWN,
    ids=["50,000 [", "nested lists", "unclosed tags", "backtick pairs"],
)
def test_a_comment_markdown_reads_slowly_is_shown_as_text_with_a_warning(
    slow_markdown_comments, body
):
    """Each took Python-Markdown minutes, or its stack (see test_comment_cost)."""
    runs, cases = slow_markdown_comments
    path, before = cases[body]

    warning = f"{path}: 1 paragraph(s) hold more markup than Markdown reads"
    for run in (runs.html, runs.publish, runs.lint):
        assert warning in runs.text(run), runs.text(run)
    assert runs.html.returncode == runs.publish.returncode == runs.lint.returncode == 0
    page = read(runs.publish_output / "2025" / "two-levels-up" / "index.html")
    assert f"<p>{before}</p>" in page
    runs.assert_no_traceback()


def test_markup_in_every_field_is_shown_as_text_and_never_runs(tmp_path):
    """Raw and entity-encoded markup in each metadata field, lessons.yml
    field, callout statement and comment field (tests/test_escaping.py looks
    at each page kind)."""
    content = hostile_content(tmp_path / "content")

    runs = run_everything(
        content, tmp_path, "-e", "REFLECTIONS_STRICT=false", "COMMENTS_STRICT=false"
    )

    assert runs.html.returncode == runs.publish.returncode == 0, runs.text(runs.publish)
    for output in runs.outputs:
        live = {
            path.name: live_in_html(data.decode())
            for path, data in output_files(output)
            if path.suffix == ".html" and live_in_html(data.decode())
        }
        assert live == {}
    post = read(runs.publish_output / "2026" / "hostile-fields" / "index.html")
    assert "&lt;img src=x onerror=alert(101)&gt;too" in post  # the title, as text
    runs.assert_no_traceback()


def test_an_imported_image_that_is_not_a_raster_image_is_refused_and_named(
    tmp_path,
):
    site = tmp_path / "site"
    site.mkdir()
    new_blog(site)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    files = {
        "/badge.svg": Served(svg, "image/svg+xml"),
        "/page.png": Served(b"<!doctype html><script>alert(2)</script>", "image/png"),
        "/slow.png": Served(picture("PNG", "teal"), "image/png", 0.4),
        "/good.jpg": Served(picture("JPEG", "wheat")),
    }
    with serving(files) as server:
        images = "".join(
            f'<img src="{server.address}{name}" alt="x" />\n\n' for name in files
        )
        export = tmp_path / "export.xml"
        export.write_text(
            read(FIXTURES / "wordpress-surprises.xml").replace(
                "Her advice was", images + "Her advice was"
            )
        )
        command = [str(REFLECT), "import-wordpress", str(export)]
        result = subprocess.run(
            [*command, "--download-images", "--image-time-limit", "1.5"],
            cwd=site,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert result.returncode == 0, result.stderr
    for name, reason in [
        ("/badge.svg", "not a PNG, JPEG, GIF or WebP image (an SVG drawing)"),
        ("/page.png", "not a PNG, JPEG, GIF or WebP image (an HTML page)"),
        ("/slow.png", "took longer than 1.5 s; stopped"),
    ]:
        assert f"  {server.address}{name}: {reason}" in result.stdout
    assert sorted(p.name for p in (site / "content" / "images").iterdir()) == [
        "good.jpg"
    ]
    built = run_pelican(site / "content", tmp_path / "html")
    assert built.returncode == 0, built.stdout + built.stderr
    assert not any(b"alert(" in data for _, data in output_files(tmp_path / "html"))
    assert "Traceback" not in result.stdout + result.stderr
