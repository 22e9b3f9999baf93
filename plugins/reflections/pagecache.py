"""Pages and feeds kept between builds, so a rebuild writes only what changed.

Pelican's content cache spares a rebuild the Markdown, but every page and
feed is still rendered and written, and that is most of a rebuild's time.
Each file the writer produces is kept under ``CACHE_PATH``, filed under a
key that digests everything it can show (fingerprint.py): the build, the
site as templates see it, and the values the file was written with.
Editing one post's body changes the key of that post's page, and of the
list pages and feeds that carry the post; every other file is reused.
Editing a title or a template changes them all.
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .contents import every_article, every_page
from .fingerprint import (
    Fingerprints,
    build_digest,
    digest,
    templates_show_other_bodies,
)

FOLDER = "reflections-pages"

logger = logging.getLogger(__name__)


class PageCache:
    """Files the writer produced, by key, kept as hard links.

    Links, not copies: creating files is most of what writing costs, and a
    link creates none. A kept file's name records its modification time and
    size, so one changed in place since (by a plugin that rewrites output
    files, say) is noticed and written again; and no file is ever written
    over a linked one, which would change the kept copy: the link is removed
    first (``make_room``).

    Which files a key stands for is in one index, ``index.json``: written
    when the build has finished, from what this process and the workers
    that rendered pages kept (each worker leaves an ``index-<pid>.json``).
    """

    def __init__(
        self,
        folder: Path,
        build: str,
        settings: Mapping[str, Any],
        *,
        load: bool,
        save: bool,
        whole_cards: bool = True,
    ):
        self.folder = folder
        self.build = build
        self.load = load
        self.save = save
        self.used: set[str] = set()
        self.fingerprints = Fingerprints(settings, whole_cards=whole_cards)
        self.index: dict[str, list[tuple[str, str]]] = (
            self._read_index() if load else {}
        )
        self.kept_here: dict[str, list[tuple[str, str]]] = {}
        self._folders_made: set[Path] = set()

    def _read_index(self) -> dict[str, list[tuple[str, str]]]:
        index: dict[str, list[tuple[str, str]]] = {}
        for path in sorted(self.folder.glob("index*.json")):
            try:
                index.update(json.loads(path.read_text("utf-8")))
            except (OSError, ValueError):
                continue  # a damaged index only costs a rendering
        return index

    def key(
        self,
        kind: str,
        name: str,
        context: Mapping[str, Any],
        values: Mapping[str, Any],
        *,
        posts_in_full: bool = False,
    ) -> str:
        """The key of a file written with ``values`` in ``context``."""
        site = digest(self.fingerprints.of_context(context))
        call = self.fingerprints.of_call(values, posts_in_full=posts_in_full)
        key = digest(self.build, site, kind, name, call)
        self.used.add(key)
        return key

    def kept(self, key: str) -> list[tuple[str, Path]] | None:
        """The files kept under ``key`` (output name, kept file), if all are
        still as they were written."""
        files = [
            (output, self.folder / kept) for output, kept in self.index.get(key, ())
        ]
        if not files or not all(_still_as_kept(kept) for _, kept in files):
            return None
        return files

    def restore(self, files: list[tuple[str, Path]], output_path: str) -> bool:
        """Link kept files into the output; False if one has gone since."""
        for output, kept in files:
            target = Path(output_path, output)
            if target.parent not in self._folders_made:
                target.parent.mkdir(parents=True, exist_ok=True)
                self._folders_made.add(target.parent)
            # Linked beside the target, then put in its place: whatever is
            # there (a linked file, or one a build without the cache wrote)
            # is replaced, never written into.
            partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
            partial.unlink(missing_ok=True)
            try:
                _link_or_copy(kept, partial)
            except FileNotFoundError:  # removed since the index was read
                return False
            partial.replace(target)
        return True

    def keep(self, key: str, written: list[str], output_path: str) -> None:
        """Keep freshly written files under ``key``."""
        if not self.save:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        files = []
        for number, path in enumerate(written):
            partial = self.folder / f"{key}-{number}.{os.getpid()}.partial"
            partial.unlink(missing_ok=True)
            _link_or_copy(Path(path), partial)
            stat = partial.stat()
            kept = f"{key}-{number}-{stat.st_mtime_ns}-{stat.st_size}"
            partial.replace(self.folder / kept)
            files.append((os.path.relpath(path, output_path), kept))
        self.index[key] = self.kept_here[key] = files

    def save_worker_index(self) -> None:
        """In a worker: leave what it kept for the build to gather."""
        if self.save and self.kept_here:
            _write_json(self.folder / f"index-{os.getpid()}.json", self.kept_here)

    def finish(self) -> None:
        """Write the index of what this build used, and remove the rest: the
        cache stays one build's size."""
        if not self.save or not self.folder.is_dir():
            return
        index = {**self._read_index(), **self.kept_here}
        index = {key: files for key, files in index.items() if key in self.used}
        _write_json(self.folder / "index.json", index)
        wanted = {kept for files in index.values() for _, kept in files}
        for path in self.folder.iterdir():
            if path.name not in {"index.json", "lock"} and path.name not in wanted:
                path.unlink(missing_ok=True)


def _write_json(path: Path, data: Any) -> None:
    """Whole or not at all: a reader never sees half a file."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_text(json.dumps(data), "utf-8")
    partial.replace(path)


_KEPT = re.compile(r"[0-9a-f]{40}-[0-9]+-(?P<mtime>[0-9]+)-(?P<size>[0-9]+)")


def make_room(path: Path | str) -> None:
    """Remove a linked output file before it is written again."""
    try:
        if os.stat(path).st_nlink > 1:  # noqa: PTH116 - one call, no Path object
            os.unlink(path)  # noqa: PTH108
    except FileNotFoundError:
        pass


def _still_as_kept(path: Path) -> bool:
    match = _KEPT.fullmatch(path.name)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return False
    return (
        match is not None
        and stat.st_mtime_ns == int(match["mtime"])
        and stat.st_size == int(match["size"])
    )


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link, or a copy where the two folders are on different disks."""
    try:
        os.link(source, target)
    except OSError as error:
        if error.errno not in {errno.EXDEV, errno.EPERM, errno.EMLINK}:
            raise
        shutil.copyfile(source, target)


_active: PageCache | None = None
_lock: Any = None


def start_build(generators: list[Any]) -> None:
    """Open the page cache once every context is ready, before any output."""
    global _active, _lock
    _active = None
    if _lock is not None:  # a build before this one in the process failed
        _lock.close()
        _lock = None
    settings = generators[0].settings if generators else {}
    load = bool(settings.get("LOAD_CONTENT_CACHE"))
    save = bool(settings.get("CACHE_CONTENT"))
    if not settings.get("REFLECTIONS_PAGE_CACHE") or not (load or save):
        return
    folder = Path(settings["CACHE_PATH"]) / FOLDER
    _lock = _lock_folder(folder)
    if _lock is None:
        logger.warning("another build is using %s; this one renders every page", folder)
        return
    envs = [generator.env for generator in generators if hasattr(generator, "env")]
    # Pelican's templates for posts and pages, and any a post names itself.
    own_templates = {"article.html", "page.html"} | {
        f"{content.template}.html"
        for generator in generators
        for content in _contents(generator)
    }
    for generator in generators:
        for content in _contents(generator):
            place_attached_files(content)
    _active = PageCache(
        folder,
        build_digest(settings, [env.loader for env in envs]),
        settings,
        load=load,
        save=save,
        whole_cards=bool(settings.get("TEMPLATE_PAGES"))
        or any(templates_show_other_bodies(env, own_templates) for env in envs),
    )


def _contents(generator: Any) -> list[Any]:
    if hasattr(generator, "hidden_articles"):
        return list(every_article(generator))
    if hasattr(generator, "hidden_pages"):
        return list(every_page(generator))
    return []


def place_attached_files(content: Any) -> None:
    """Pelican moves a file linked with ``{attach}`` next to the post when it
    renders the post's body; a reused page does not, so it is done here."""
    if "attach}" in getattr(content, "_content", "") or "attach|" in getattr(
        content, "_content", ""
    ):
        content.get_content(content.get_siteurl())


def _lock_folder(folder: Path) -> Any:
    """The cache folder for this build alone, or None if another has it."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = (folder / "lock").open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def active() -> PageCache | None:
    return _active


def finish_build(*_: Any) -> None:
    """Forget what this build did not use; only a finished build may."""
    global _active, _lock
    if _active is not None:
        _active.finish()
    _active = None
    if _lock is not None:
        _lock.close()  # which lets the lock go
        _lock = None
