"""What the WordPress import wrote, so that a later run knows which files
are still as it left them.

``.reflect-import.json`` in the content folder maps each post and page the
import wrote (its path inside the content folder) to the SHA-256 of the
bytes written, and each WordPress post it wrote (its blog's address and
``wp:post_id``) to that path: one the writer has moved since is never
written again beside the writer's copy. A file whose bytes still have that
hash has not been touched since: a run with ``--download-images`` may
rewrite its image links. Any other file is the writer's, and is never
changed.

A hash, not a modification time: copying, checking out or touching a file
changes its time but not its bytes, and an edit that keeps the time (some
editors, ``git stash``) changes its bytes. The record holds no text of a
post, only paths, hashes and post numbers, and is safe to commit with the
content.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .file_replacing import replace_file

RECORD_NAME = ".reflect-import.json"
_VERSION = 1


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class ImportRecord:
    content: Path
    written: dict[str, str] = field(default_factory=dict)  # path -> sha256
    # A WordPress post's key (its blog's address and wp:post_id) -> the
    # path its file was written to: a post moved or deleted since is
    # never written again beside the writer's copy.
    posts: dict[str, str] = field(default_factory=dict)
    problem: str | None = None  # why an existing record could not be read

    @property
    def path(self) -> Path:
        return self.content / RECORD_NAME

    @classmethod
    def load(cls, content: Path) -> ImportRecord:
        """The record in ``content``; an empty one if there is none.

        A record that cannot be read counts as empty (every earlier file
        is then the writer's: nothing is rewritten), and says why.
        """
        record = cls(content)
        try:
            data = json.loads(record.path.read_text(encoding="utf-8"))
            written = data["files"] if data.get("version") == _VERSION else None
            if not isinstance(written, dict) or not all(
                isinstance(key, str) and isinstance(value, str)
                for key, value in written.items()
            ):
                raise ValueError("not a record this version of reflect writes")
            record.written = dict(written)
            posts = data.get("posts", {})
            if not isinstance(posts, dict) or not all(
                isinstance(key, str) and isinstance(value, str)
                for key, value in posts.items()
            ):
                raise ValueError("its posts are not a record this version writes")
            record.posts = dict(posts)
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError, KeyError) as error:
            record.problem = f"{record.path} cannot be read ({error})"
        return record

    def untouched(self, path: Path, data: bytes) -> bool:
        """Are ``data`` (the bytes of ``path`` now) the bytes the import wrote?"""
        return self.written.get(self._key(path)) == digest(data)

    def note(self, path: Path, data: bytes) -> None:
        self.written[self._key(path)] = digest(data)

    def note_post(self, post: str, path: Path) -> None:
        """``post`` (``WpExport.blog`` and ``wp:post_id``) is at ``path``."""
        self.posts[post] = self._key(path)

    def imported_as(self, post: str) -> Path | None:
        """Where an earlier run wrote ``post``, if one did."""
        written = self.posts.get(post)
        return self.content / written if written is not None else None

    def save(self) -> None:
        """Write the record whole or not at all (a temporary file, renamed)."""
        text = json.dumps(
            {
                "version": _VERSION,
                "files": dict(sorted(self.written.items())),
                "posts": dict(sorted(self.posts.items())),
            },
            indent=1,
        )
        write_atomically(self.path, (text + "\n").encode())

    def _key(self, path: Path) -> str:
        return path.resolve().relative_to(self.content.resolve()).as_posix()


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: a reader sees the old bytes or the new
    (``replace_file``, which every edit of a writer's file goes through:
    ``FileNotReplaced`` when it cannot)."""
    replace_file(path, data)
