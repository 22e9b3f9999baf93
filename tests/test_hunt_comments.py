"""Comments and Webmentions under hostile or careless input: what a hunt
for defects found, each kept as the behaviour the site now has."""

from __future__ import annotations

from pathlib import Path

import pytest

from comments.parse import CommentReader
from comments.rules import BAD_COMMENT

HEAD = "Author: Eve\nDate: 2025-09-14 10:30\n\n"

# Bodies a reader sees nothing of, once the sanitiser has done its work.
BODIES_THAT_SHOW_NOTHING = {
    "no body": "",
    "only whitespace": "   \n\n\t  \n",
    "only a script": "<script>alert(1)</script>",
    "only an image": "<img src=https://evil.example/x.png>",
    "only an HTML comment": "<!-- hello -->",
    "only an empty link": "[](https://elsewhere.example/)",
    "only a non-breaking space": "&nbsp;",
    "only a zero-width space": "\u200b",
    "only a private note": "> [!private]\n> Call me on 555-0100.",
}


def read_comment(tmp_path: Path, text: str, name: str = "2025-09-14-eve"):
    path = tmp_path / "comments" / "two-levels-up" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return CommentReader("Europe/London").read(path)


@pytest.mark.parametrize(
    "body", BODIES_THAT_SHOW_NOTHING.values(), ids=BODIES_THAT_SHOW_NOTHING.keys()
)
def test_a_comment_whose_body_shows_nothing_is_reported_and_left_out(tmp_path, body):
    comment, findings = read_comment(tmp_path, HEAD + body + "\n")
    assert comment is None
    said = [f for f in findings if "shows no text" in f.message]
    assert len(said) == 1, findings
    assert said[0].rule == BAD_COMMENT
    assert said[0].path.endswith("2025-09-14-eve.md")


def test_a_comment_with_a_few_words_among_removed_markup_is_kept(tmp_path):
    comment, findings = read_comment(tmp_path, HEAD + "<script>x()</script>Yes.\n")
    assert comment is not None and comment.text == "Yes."
    assert findings == []
