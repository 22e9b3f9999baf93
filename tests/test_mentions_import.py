"""`reflect mentions import FILE`: a receiver's JF2 export becomes the
mention files the build reads; nothing else is written, nothing fetched."""

from __future__ import annotations

import json

import pytest
from sitebuild import CONTENT, ROOT, copy_project, run_reflect

from comments.mentions import MentionProblem
from reflect.mentions_import import entry_lines, import_mentions

EXPORT = ROOT / "tests" / "fixtures" / "webmention-export.jf2.json"
SETTINGS = {
    "ARTICLE_URL": "{date:%Y}/{slug}/",
    "SITEURL": "https://reflections.example.org",
    "TIMEZONE": "America/Chicago",
}


def test_an_export_becomes_the_sample_site_s_mention_files(tmp_path):
    report = import_mentions(EXPORT, tmp_path, SETTINGS)
    written = sorted(p.relative_to(tmp_path).as_posix() for p in report.written)
    assert written == sorted(
        p.relative_to(CONTENT / "comments").as_posix()
        for p in (CONTENT / "comments").glob("*/mention-*.json")
    )
    for path in report.written:
        sample = CONTENT / "comments" / path.relative_to(tmp_path)
        assert path.read_bytes() == sample.read_bytes()
    assert [str(skipped) for skipped in report.skipped] == [
        "entry 6: the receiver marks this mention private; left out"
    ]
    again = import_mentions(EXPORT, tmp_path, SETTINGS)
    assert again.written == [] and again.unchanged == 5


def test_an_entry_aimed_at_no_post_or_of_no_known_kind_is_skipped(tmp_path):
    export = tmp_path / "export.json"
    entry = json.loads(EXPORT.read_text())["children"][0]
    export.write_text(
        json.dumps(
            {
                "type": "feed",
                "children": [
                    {**entry, "wm-target": "https://reflections.example.org/about/"},
                    {**entry, "wm-property": "rsvp"},
                    {**entry, "wm-id": "../../etc"},
                    "not an entry",
                    {**entry, "wm-target": "https://reflections.example.org/2025/../"},
                    {**entry, "wm-id": 10**300},
                ],
            }
        )
    )
    report = import_mentions(export, tmp_path / "comments", SETTINGS)
    assert report.written == []
    assert [str(line).split(":")[0] for line in report.skipped] == [
        "entry 1",
        "entry 2",
        "entry 3",
        "entry 4",
        "entry 5",
        "entry 6",
    ]
    assert "wm-id has 301 digits" in report.skipped[5].reason
    assert "no post's address" in report.skipped[0].reason
    assert not (tmp_path / "comments").exists()


def test_a_mention_id_given_twice_is_written_once_and_the_repeat_named(tmp_path):
    """Two entries with one wm-id name one file: the summary said "2 written"
    of one file (or "1 written, 1 unchanged" when the two were alike). The
    first is imported; the repeat is skipped, named by its line."""
    entries = json.loads(EXPORT.read_text())["children"]
    first, other = entries[0], entries[1]
    repeat = {**other, "wm-id": first["wm-id"], "wm-target": first["wm-target"]}
    export = tmp_path / "export.json"
    export.write_text(
        json.dumps({"type": "feed", "children": [first, repeat]}, indent=2)
    )
    lines = export.read_text().split("\n")
    starts = [n for n, line in enumerate(lines, start=1) if line == "    {"]

    report = import_mentions(export, tmp_path / "comments", SETTINGS)

    (written,) = report.written
    assert written.name == f"mention-{first['wm-id']}.json"
    assert json.loads(written.read_text())["url"] == first["url"]
    assert report.unchanged == 0
    (skipped,) = report.skipped
    assert (skipped.number, skipped.line) == (2, starts[1])
    assert skipped.located(export) == (
        f"{export}:{starts[1]}: entry 2: wm-id {first['wm-id']} again: entry 1 "
        f"(line {starts[0]}) had it, and it was imported; this one is left out"
    )


def test_one_mention_id_aimed_at_two_posts_is_imported_for_each(tmp_path):
    """The repeat was keyed on the file's name alone: an entry with the
    first's wm-id aimed at another post was skipped, its message saying it
    "was imported" of the other post's file. Each post's folder holds its
    own file, so both are written and neither overwrites the other."""
    entries = json.loads(EXPORT.read_text())["children"]
    first, other = entries[0], entries[3]
    assert first["wm-target"] != other["wm-target"]
    export = tmp_path / "export.json"
    export.write_text(
        json.dumps(
            {"type": "feed", "children": [first, {**other, "wm-id": first["wm-id"]}]}
        )
    )

    report = import_mentions(export, tmp_path / "comments", SETTINGS)

    name = f"mention-{first['wm-id']}.json"
    assert report.written == [
        tmp_path / "comments" / "two-levels-up" / name,
        tmp_path / "comments" / "ruth-quarterly-check-in" / name,
    ]
    assert [json.loads(path.read_text())["url"] for path in report.written] == [
        first["url"],
        other["url"],
    ]
    assert report.skipped == []


def test_an_identical_repeat_is_not_counted_as_unchanged(tmp_path):
    entry = json.loads(EXPORT.read_text())["children"][0]
    export = tmp_path / "export.json"
    export.write_text(json.dumps({"children": [entry, entry, entry]}))

    report = import_mentions(export, tmp_path / "comments", SETTINGS)

    assert len(report.written) == 1 and report.unchanged == 0
    assert [(s.number, s.line) for s in report.skipped] == [(2, 1), (3, 1)]


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ('{"children": [{"a": 1},\n {"b": [2, 3]},\n\n "x"]}', [1, 2, 4]),
        ('{"name": {"children": [9]},\n"children":\n[\n1, 2\n]}', [4, 4]),
        ('{"children": [1], "children": [2,\n3]}', [1, 2]),
        ("{}", []),
        ("[1, 2]", []),
    ],
)
def test_each_entry_is_found_at_its_line(text, lines):
    assert entry_lines(text) == lines


def test_reflect_mentions_import_names_a_repeated_id_in_its_summary(tmp_path):
    site = copy_project(tmp_path / "site")
    entry = json.loads(EXPORT.read_text())["children"][0]
    export = tmp_path / "export.json"
    export.write_text(json.dumps({"children": [entry, entry]}, indent=1))
    for existing in (site / "content" / "comments").glob("*/mention-*.json"):
        existing.unlink()

    done = run_reflect("--project", str(site), "mentions", "import", str(export))

    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith("1 written, 0 unchanged, 1 skipped")
    assert f"{export}:" in done.stderr and "entry 2: wm-id" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_subpath_site_maps_targets_under_its_path(tmp_path):
    export = tmp_path / "export.json"
    entry = json.loads(EXPORT.read_text())["children"][0]
    entry["wm-target"] = "https://example.org/blog/2025/two-levels-up/"
    export.write_text(json.dumps({"children": [entry]}))
    settings = {**SETTINGS, "SITEURL": "https://example.org/blog"}
    (path,) = import_mentions(export, tmp_path, settings).written
    assert path == tmp_path / "two-levels-up" / "mention-30411.json"


@pytest.mark.parametrize("text", ["[1, 2]", "{not json", '{"children": 3}'])
def test_an_export_that_is_not_a_jf2_feed_is_refused(tmp_path, text):
    export = tmp_path / "export.json"
    export.write_text(text)
    with pytest.raises(MentionProblem):
        import_mentions(export, tmp_path, SETTINGS)


def test_reflect_mentions_import_reports_a_bad_file_in_one_line(tmp_path):
    bad = tmp_path / "export.json"
    bad.write_text("{not json")
    done = run_reflect("mentions", "import", str(bad))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "not JSON" in done.stderr
    assert "Traceback" not in done.stderr


def test_reflect_with_no_command_lists_the_commands():
    done = run_reflect()
    assert done.returncode == 2
    for command in ("new", "lint", "lessons", "suggest", "mentions"):
        assert f"    {command}" in done.stderr
