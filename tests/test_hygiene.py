"""The shared text hygiene and link rule, one behaviour at a time."""

from __future__ import annotations

from sitekit.hygiene import misspelt_private_markers, remove_control_characters
from sitekit.sourcepaths import LinkRule, is_refused
from sitekit.walkfindings import refused_links


def test_control_characters_are_removed_with_the_number_of_each_line():
    clean = remove_control_characters(["fine", "a\x00b\x08c", "tab\tstays\r"])

    assert clean.lines == ["fine", "abc", "tab\tstays\r"]
    assert [(f.line, f.rule) for f in clean.findings] == [(2, "control-character")]
    assert "U+0000, U+0008" in clean.findings[0].message


def test_only_misspelt_markers_are_reported_and_code_is_skipped():
    lines = ["[!private] fine", "[! private] misspelt", "[ !private] in code"]

    found = misspelt_private_markers(lines, "post.md", skip={2})

    assert [(d.path, d.line) for d in found] == [("post.md", 2)]


def test_links_outside_broken_or_looping_are_refused_and_allowed_ones_kept(tmp_path):
    content, outside, allowed = (tmp_path / n for n in ("content", "out", "ok"))
    for folder in (content / "posts", outside, allowed):
        folder.mkdir(parents=True)
    (outside / "secret.md").write_text("x")
    (allowed / "shared.md").write_text("x")
    (content / "posts" / "secret.md").symlink_to(outside / "secret.md")
    (content / "posts" / "gone.md").symlink_to(tmp_path / "nowhere")
    (content / "posts" / "loop").symlink_to("..")
    (content / "posts" / "shared.md").symlink_to(allowed / "shared.md")
    rule = LinkRule.from_settings(
        {"PATH": str(content), "ALLOWED_OUTSIDE_PATHS": [str(allowed)]}
    )

    refused = {link.path.name: link.reason for link in refused_links(rule)}

    assert refused == {"secret.md": "outside", "gone.md": "dangling", "loop": "loop"}
    assert not is_refused(content / "posts" / "shared.md", rule)
    assert is_refused(content / "posts" / "secret.md", rule)
