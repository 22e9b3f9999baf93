"""A cache of drawn cards, so an image is drawn again only when something it
depends on changes.

The key is a hash of everything that decides the image's bytes: what the
card shows, the bytes of both font files, the drawing code (``card.py``)
and the Pillow version. Change any of them and the key changes; change
none and the build copies the stored PNG instead of drawing it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import asdict
from functools import partial
from pathlib import Path

import PIL

from sitekit.work import map_work

from . import card as drawing
from .card import Card, Fonts


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class CardCache:
    """Drawn cards in ``folder``, one ``<key>.png`` each.

    Made once per build: the font and code digests are worked out once and
    ``used`` records this build's keys, so ``prune`` can drop the rest.
    """

    def __init__(self, folder: Path, fonts: Fonts, draw: Callable | None = None):
        self.folder = Path(folder)
        self.fonts = fonts
        self.draw = draw or drawing.draw_card
        self.inputs = {
            "pillow": PIL.__version__,
            "code": file_digest(Path(drawing.__file__)),
            "title_font": file_digest(fonts.title),
            "text_font": file_digest(fonts.text),
            "size": [drawing.WIDTH, drawing.HEIGHT],
        }
        self.used: set[str] = set()
        self.drawn = 0

    def key(self, card: Card) -> str:
        data = json.dumps({**self.inputs, "card": asdict(card)}, sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()

    def pngs(self, cards: list[Card]) -> list[bytes]:
        """Each card's PNG; the cards no stored PNG has are drawn together
        (``sitekit.work.map_work``: in other processes, with fastbuild)."""
        keys = [self.key(card) for card in cards]
        self.used.update(keys)
        found = {
            key: stored.read_bytes()
            for key in keys
            if (stored := self.folder / f"{key}.png").exists()
        }
        missing = [
            (key, card)
            for key, card in zip(keys, cards, strict=True)
            if key not in found
        ]
        drawn = map_work(partial(self.draw, fonts=self.fonts), [c for _, c in missing])
        self.drawn += len(drawn)
        for (key, _), data in zip(missing, drawn, strict=True):
            self.folder.mkdir(parents=True, exist_ok=True)
            stored = self.folder / f"{key}.png"
            partial_file = stored.with_suffix(f".{os.getpid()}.tmp")
            partial_file.write_bytes(data)
            partial_file.replace(stored)  # a reader never sees half a file
            found[key] = data
        return [found[key] for key in keys]

    def prune(self) -> None:
        """Delete stored cards this build did not use: their inputs are gone."""
        if not self.folder.is_dir():
            return
        for stored in self.folder.glob("*.png"):
            if stored.stem not in self.used:
                stored.unlink(missing_ok=True)
