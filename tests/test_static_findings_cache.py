"""What a build found in each static file is kept between builds by the
file's bytes (``sitekit.staticfindings``): a file is read for markers
again only when its bytes, its kind or the reading code changed, and a
rebuild reports exactly what a cold build reports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sitebuild import copy_content, run_pelican

from sitekit import staticfindings
from sitekit.staticfindings import CACHE_FILE, CACHE_FOLDER, FindingCache
from sitekit.staticmarkers import static_file_findings

NOTE = "Agenda\n[!private] her salary was 90k\n"


class CountedReads:
    """``static_file_findings`` for one file, counting its calls."""

    def __init__(self, path: Path, shown: str, template: bool = False):
        self.path, self.shown, self.template, self.calls = path, shown, template, 0

    def __call__(self):
        self.calls += 1
        return static_file_findings(self.path, self.shown, template=self.template)


def find(folder: Path, path: Path, shown: str, template: bool = False):
    """One build's look at ``path``: its findings, and how often it was read."""
    cache = FindingCache(folder)
    read = CountedReads(path, shown, template)
    found = cache.findings(path, shown, template, read)
    cache.save()
    return found, read.calls


def test_a_file_unchanged_since_the_last_build_is_not_read_again(tmp_path):
    note = tmp_path / "notes.txt"
    note.write_text(NOTE)
    first, reads = find(tmp_path / "cache", note, "images/notes.txt")
    assert reads == 1 and first[0].line == 2
    again, reads = find(tmp_path / "cache", note, "images/notes.txt")
    assert reads == 0
    assert again == first


def test_a_changed_file_is_read_again(tmp_path):
    note = tmp_path / "notes.txt"
    note.write_text(NOTE)
    find(tmp_path / "cache", note, "notes.txt")
    note.write_text("Agenda\nA public line\n")
    found, reads = find(tmp_path / "cache", note, "notes.txt")
    assert reads == 1 and found == []
    note.write_text(NOTE)  # back to what the cache no longer holds
    found, reads = find(tmp_path / "cache", note, "notes.txt")
    assert reads == 1 and found[0].line == 2


def test_the_same_bytes_under_another_name_are_named_as_this_build_names_them(
    tmp_path,
):
    note = tmp_path / "images" / "notes.txt"
    note.parent.mkdir()
    note.write_text(NOTE)
    find(tmp_path / "cache", note, "images/notes.txt")
    copy = tmp_path / "extra" / "notes.txt"
    copy.parent.mkdir()
    copy.write_text(NOTE)
    found, reads = find(tmp_path / "cache", copy, "extra/notes.txt")
    assert reads == 0
    assert found == static_file_findings(copy, "extra/notes.txt")


def test_the_same_bytes_under_another_name_are_read_again(tmp_path):
    """How a file is read goes by its name: in a stylesheet ``[private]``
    is a selector, in a text file a marker."""
    stylesheet = tmp_path / "plan.css"
    stylesheet.write_text(".plan[private] { color: grey; }\n")
    assert find(tmp_path / "cache", stylesheet, "plan.css") == ([], 1)
    text = tmp_path / "plan.txt"
    text.write_bytes(stylesheet.read_bytes())
    found, reads = find(tmp_path / "cache", text, "plan.txt")
    assert reads == 1
    assert [finding.rule for finding in found] == ["private-marker-in-static-file"]


def test_a_file_read_as_a_template_is_kept_apart_from_the_same_as_a_static_file(
    tmp_path,
):
    note = tmp_path / "base.html"
    note.write_text("<p>[!private] 90k</p>\n")
    static, _ = find(tmp_path / "cache", note, "base.html")
    template, reads = find(tmp_path / "cache", note, "base.html", template=True)
    assert reads == 1
    assert "static file" in static[0].message
    assert "theme template" in template[0].message


def test_a_change_in_the_reading_code_reads_every_file_again(tmp_path, monkeypatch):
    note = tmp_path / "notes.txt"
    note.write_text(NOTE)
    find(tmp_path / "cache", note, "notes.txt")
    monkeypatch.setattr(staticfindings, "_reading_code", lambda: "another reading")
    _, reads = find(tmp_path / "cache", note, "notes.txt")
    assert reads == 1


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b"[]",
        b'{"format": 1, "code": "%s", "files": []}',
        b'{"format": 1, "code": "%s", "files": {"%s": [{"rule": 1}]}}',
        b'{"format": 1, "code": "%s", "files": {"%s": [{"rule": "r", "message": "m",'
        b' "line": "2", "path": "/etc/x"}]}}',
        b"\xff\xfe",
    ],
)
def test_a_damaged_cache_file_is_ignored_and_the_file_read_again(tmp_path, damage):
    note = tmp_path / "notes.txt"
    note.write_text(NOTE)
    cache = FindingCache(tmp_path / "cache")
    key = cache.key(note, False)
    (tmp_path / "cache" / CACHE_FOLDER).mkdir(parents=True)
    text = damage.replace(b"%s", cache.code.encode(), 1).replace(b"%s", key.encode())
    (tmp_path / "cache" / CACHE_FOLDER / CACHE_FILE).write_bytes(text)
    found, reads = find(tmp_path / "cache", note, "notes.txt")
    assert reads == 1 and found[0].line == 2
    # and written anew, whole
    stored = json.loads((tmp_path / "cache" / CACHE_FOLDER / CACHE_FILE).read_text())
    assert list(stored["files"]) == [key]


def test_entries_no_build_used_are_dropped(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"{name}\n")
        find(tmp_path / "cache", tmp_path / name, name)
    stored = json.loads((tmp_path / "cache" / CACHE_FOLDER / CACHE_FILE).read_text())
    assert len(stored["files"]) == 1


def test_a_rebuild_warns_of_a_static_file_as_a_cold_build_does(tmp_path):
    """Two local builds over one cache folder: the second reads nothing
    again and says the same line."""
    content = copy_content(tmp_path / "content")
    (content / "images" / "notes.txt").write_text(NOTE)
    said = []
    for n in range(2):
        result = run_pelican(content, tmp_path / f"out{n}")  # cache: tmp_path/cache
        assert result.returncode == 0, result.stderr
        said.append(
            [
                re.sub(r"^\[[0-9:]+\]", "", line).strip()  # the time it was said
                for line in (result.stdout + result.stderr).splitlines()
                if "notes.txt" in line
            ]
        )
    assert said[0] and said[0] == said[1]
    assert "notes.txt:2:" in said[0][0]
    assert (tmp_path / "cache" / CACHE_FOLDER / CACHE_FILE).is_file()


@pytest.mark.parametrize("library", ["cryptography", "pycryptodome"])
def test_installing_what_pypdf_decrypts_with_reads_every_file_again(
    tmp_path, monkeypatch, library
):
    """pypdf opens a PDF encrypted with AES (an owner password only, which
    every reader opens) only when cryptography or pycryptodome is
    installed; without, the PDF is unreadable. A finding kept from before
    one was installed said so still, where a cold build reads the PDF."""
    from importlib import metadata

    note = tmp_path / "notes.txt"
    note.write_text(NOTE)
    real = metadata.version

    def absent(name):
        if name == library:
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(metadata, "version", absent)
    find(tmp_path / "cache", note, "notes.txt")
    monkeypatch.setattr(
        metadata, "version", lambda name: "45.0.0" if name == library else real(name)
    )
    _, reads = find(tmp_path / "cache", note, "notes.txt")
    assert reads == 1
