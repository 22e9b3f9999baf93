"""Withheld fields: the one step every reader's metadata goes through.

Private fields and local-only fields are dropped the same way, by the site's
field rules, as each file is read: so a field a published build withholds
is in no page, feed, index or preview image, whichever reader read it. A
plugin names its local-only fields in its declaration (the desk's follow-up
dates, say); ``WITHHOLD_LOCAL_ONLY`` (publishconf.py) withholds them.
"""

from __future__ import annotations

from pathlib import Path

from sitebuild import build_site, copy_content, output_files

from sitekit.declaration import Declaration, gather_local_only_fields

POST = "posts/2025-09-14-two-levels-up.md"
WHO = b"graham, a director of supply chain planning"


def published_bytes(output: Path) -> bytes:
    return b"\n".join(data.lower() for _, data in output_files(output))


def test_a_plugins_local_only_fields_join_the_sites():
    settings = {"LOCAL_ONLY_FIELDS": ["Next-contact"]}

    gather_local_only_fields(
        [Declaration("desk", local_only_fields=("Follow-up", "Introduced-by"))],
        settings,
    )

    assert settings["LOCAL_ONLY_FIELDS"] == [
        "next-contact",
        "follow-up",
        "introduced-by",
    ]


def test_a_local_only_field_is_kept_locally_and_withheld_when_published(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "posts" / "2025-10-01-html.html").write_text(
        "<html><head><title>An HTML post</title>"
        '<meta name="date" content="2025-10-01">'
        '<meta name="who" content="Zqxlocal, met through Graham">'
        "</head><body><p>Public.</p></body></html>",
        encoding="utf-8",
    )
    local = build_site(tmp_path / "local", content=content, LOCAL_ONLY_FIELDS=["Who"])
    published = build_site(
        tmp_path / "published",
        conf="publishconf.py",
        content=content,
        LOCAL_ONLY_FIELDS=["Who"],
    )

    assert WHO in published_bytes(local)  # the control: a local build shows it
    assert b"zqxlocal" in published_bytes(local)
    assert WHO not in published_bytes(published)
    assert b"zqxlocal" not in published_bytes(published)
    assert b"about this conversation" in published_bytes(published)  # Role is kept
