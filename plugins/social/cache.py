"""A cache of drawn cards, so an image is drawn again only when something it
depends on changes, and a damaged one is never published.

The key is a hash of everything that decides the image's bytes: what the
card shows, the bytes of both font files, the drawing code (``card.py``,
``typeface.py``, ``glyphs.py`` and ``png.py``), the Pillow, fontTools
(which says what a font can draw) and zlib versions and whether Pillow
has libraqm (which says what it can shape). Change any of them and
the key changes; change none and the build copies the stored PNG instead of
drawing it, whether or not Pelican's own content cache is in use.

Each stored file is named ``<key>.<digest>.png``, the digest being the
SHA-256 of its bytes, and a file is used only when its bytes still have
that digest: a truncated or otherwise damaged file (a full disk, a killed
build, a hand edit) is deleted with one warning and the card is drawn again.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Callable, Iterator
from dataclasses import asdict
from functools import partial
from pathlib import Path

import fontTools
import PIL

from sitekit.keptfiles import kept_name, whole_bytes
from sitekit.work import stream_work, work_ahead

from . import card as drawing
from . import glyphs, png, typeface
from .card import Card, Fonts

#: The modules whose code decides a card's bytes.
DRAWING_CODE = (drawing, typeface, glyphs, png)


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def store_png(folder: Path, key: str, data: bytes) -> Path:
    """``data`` stored as ``<key>.<digest>.png`` in ``folder``, whole or not
    at all: a reader never sees half a file (nor two processes storing the
    same card each other's)."""
    folder.mkdir(parents=True, exist_ok=True)
    stored = folder / kept_name(key, data, "png")
    partial_file = folder / f"{key}.{os.getpid()}.tmp"
    partial_file.write_bytes(data)
    partial_file.replace(stored)
    return stored


def draw_and_store(
    keyed_card: tuple[str, Card], draw: Callable, fonts: Fonts, folder: Path
) -> str:
    """Draw a card and store it; its stored file's name, which is all a
    worker drawing ahead hands back (the bytes stay on disk until the build
    writes the image, not in the build's memory)."""
    key, card = keyed_card
    return store_png(folder, key, draw(card, fonts=fonts)).name


class CardCache:
    """Drawn cards in ``folder``, one ``<key>.<digest>.png`` each.

    Made once per build: the font and code digests are worked out once, the
    folder is listed once, and ``used`` records this build's keys, so
    ``prune`` can drop the rest.
    """

    def __init__(self, folder: Path, fonts: Fonts, draw: Callable | None = None):
        self.folder = Path(folder)
        self.fonts = fonts
        self.draw = draw or drawing.draw_card
        self.inputs = {
            "pillow": PIL.__version__,
            "fonttools": fontTools.version,
            "zlib": zlib.ZLIB_RUNTIME_VERSION,
            "raqm": glyphs.layout_shapes(),
            "code": [file_digest(Path(module.__file__)) for module in DRAWING_CODE],
            "title_font": file_digest(fonts.title),
            "text_font": file_digest(fonts.text),
            "size": [drawing.WIDTH, drawing.HEIGHT],
        }
        self.stored: dict[str, Path] = {}
        if self.folder.is_dir():
            for path in self.folder.glob("*.png"):
                self.stored[path.name.split(".", 1)[0]] = path
        self.used: set[str] = set()
        self.drawn = 0
        # Cards being drawn ahead: the list they were started for, and
        # their stored files' names, in order, as the workers finish them.
        self._ahead: tuple[list[Card], Iterator[str]] | None = None

    def key(self, card: Card) -> str:
        data = json.dumps({**self.inputs, "card": asdict(card)}, sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()

    def draw_ahead(self, cards: list[Card]) -> None:
        """Start drawing the cards not stored yet, if other processes can
        (``sitekit.work.work_ahead``), each stored by the worker that drew
        it; ``pngs`` of the same cards then reads them. Otherwise nothing
        starts, and ``pngs`` draws them when their turn comes."""
        keys = [self.key(card) for card in cards]
        unstored = [n for n, key in enumerate(keys) if key not in self.stored]
        store = partial(
            draw_and_store, draw=self.draw, fonts=self.fonts, folder=self.folder
        )
        started = work_ahead(store, [(keys[n], cards[n]) for n in unstored])
        if started is not None:
            self._ahead = (list(cards), started)

    def pngs(self, cards: list[Card]) -> Iterator[bytes]:
        """Each card's PNG, in order, one at a time: a stored one read when
        its turn comes, the others drawn together (``sitekit.work``: in
        other processes, with fastbuild, perhaps started ahead) and each
        handed on as it is done, so no more than a few PNGs are held at
        once."""
        keys = [self.key(card) for card in cards]
        self.used.update(keys)
        unstored = {n for n, key in enumerate(keys) if key not in self.stored}
        draw = partial(self.draw, fonts=self.fonts)
        ahead, self._ahead = self._ahead, None
        missing = [(keys[n], cards[n]) for n in sorted(unstored)]
        if ahead is not None and ahead[0] == cards:
            drawn = (
                self._drawn_ahead(key, card, name)
                for (key, card), name in zip(missing, ahead[1], strict=True)
            )
        else:
            drawn = (
                self._kept(key, data)
                for (key, _), data in zip(
                    missing,
                    stream_work(draw, [card for _, card in missing]),
                    strict=True,
                )
            )
        for n, (key, card) in enumerate(zip(keys, cards, strict=True)):
            data = None if n in unstored else self._stored(key)
            if data is None:  # not stored, or damaged since the build started
                data = next(drawn) if n in unstored else self._kept(key, draw(card))
                self.drawn += 1
            yield data

    def _kept(self, key: str, data: bytes) -> bytes:
        self._store(key, data)
        return data

    def _drawn_ahead(self, key: str, card: Card, name: str) -> bytes:
        """A card a worker drew ahead and stored as ``name``, read back as
        any stored card is, and drawn here if it did not stay whole."""
        self.stored[key] = self.folder / name
        data = self._stored(key)
        return (
            data
            if data is not None
            else self._kept(key, self.draw(card, fonts=self.fonts))
        )

    def _stored(self, key: str) -> bytes | None:
        """The stored PNG of ``key``, if there is one and it is whole."""
        path = self.stored.get(key)
        if path is None:
            return None
        data = whole_bytes(path, key, "png", "a stored preview image")
        if data is None:
            del self.stored[key]
        return data

    def _store(self, key: str, data: bytes) -> None:
        self.stored[key] = store_png(self.folder, key, data)

    def prune(self) -> None:
        """Delete stored cards this build did not use: their inputs are gone."""
        for key, path in list(self.stored.items()):
            if key not in self.used:
                path.unlink(missing_ok=True)
                del self.stored[key]
