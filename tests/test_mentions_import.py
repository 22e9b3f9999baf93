"""`reflect mentions import FILE`: a receiver's JF2 export becomes the
mention files the build reads; nothing else is written, nothing fetched."""

from __future__ import annotations

import json

import pytest
from sitebuild import CONTENT, ROOT, run_reflect

from comments.mentions import MentionProblem
from reflect.mentions_import import import_mentions

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
    assert report.skipped == [
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
    assert [line.split(":")[0] for line in report.skipped] == [
        "entry 1",
        "entry 2",
        "entry 3",
        "entry 4",
        "entry 5",
        "entry 6",
    ]
    assert "wm-id has 301 digits" in report.skipped[5]
    assert "no post's address" in report.skipped[0]
    assert not (tmp_path / "comments").exists()


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
