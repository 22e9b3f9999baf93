"""WordPress's own shortcodes, as WordPress showed them.

WordPress keeps ``[gallery]``, ``[embed]``, ``[video]`` and ``[audio]`` in
a post and expands them when it shows the post; Pelican's importer code
expands only ``[caption]``, so the others were published as their
bracketed text. Here a gallery becomes its images (the attachments its
``ids`` name, or else the images attached to the post, from the export's
attachment items), and an embed, a video or an audio a link to what it
showed. A shortcode of a plugin (``[contact-form-7]``) cannot be shown
without the plugin: it stays as its text, and the summary names it.

Every pattern reads a bounded stretch from each ``[``, so a post of
thousands of ``[gallery`` that never close costs time in proportion to it.
``[[gallery]]`` is WordPress's way to write the text ``[gallery]``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_ATTRIBUTES = r"[^\[\]]{0,2000}"
_MEDIA = re.compile(
    r"(?<!\[)\[(?P<name>embed|video|audio)(?P<attributes>"
    + _ATTRIBUTES
    + r")\](?:(?P<inner>[^\[]{0,2000})\[/(?P=name)\])?"
)
_GALLERY = re.compile(r"(?<!\[)\[gallery(?P<attributes>" + _ATTRIBUTES + r")\]")
_ESCAPED = re.compile(
    r"\[(\[(?:gallery|embed|video|audio|caption)\b" + _ATTRIBUTES + r"\])\]"
)
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
#: A plugin's shortcode, told from bracketed prose (``[sic]``) by a closing
#: tag or an attribute: ``[/name]``, ``[name key=``.
_OTHER = re.compile(r"\[/([a-z][\w-]{0,60})\]|\[([a-z][\w-]{0,60})\s+[\w-]+\s*=")
_EXPANDED = {"gallery", "embed", "video", "audio", "caption", "wp_caption"}
_MEDIA_SOURCES = ("src", "mp4", "m4v", "webm", "ogv", "mp3", "ogg", "wav", "m4a")


@dataclass
class Attachments:
    """The export's attachment items: each one's address by its
    ``wp:post_id``, and those attached to each post, in export order."""

    by_id: dict[str, str] = field(default_factory=dict)
    by_post: dict[str, list[str]] = field(default_factory=dict)

    def add(self, attachment_id: str, post_id: str, url: str) -> None:
        if attachment_id:
            self.by_id[attachment_id] = url
        if post_id and post_id != "0":
            self.by_post.setdefault(post_id, []).append(url)


def expand_shortcodes(text: str, post_id: str, attachments: Attachments) -> str:
    """The post's HTML with its galleries, embeds, videos and audios as
    WordPress showed them."""

    def gallery(match: re.Match) -> str:
        ids = _attributes(match.group("attributes")).get("ids", "")
        if ids:
            wanted = [part.strip() for part in ids.split(",")]
            urls = [attachments.by_id[i] for i in wanted if i in attachments.by_id]
        else:
            urls = attachments.by_post.get(post_id, [])
        return "".join(
            f'\n\n<p><img src="{html.escape(url)}" /></p>\n\n' for url in urls
        )

    def media(match: re.Match) -> str:
        attributes = _attributes(match.group("attributes"))
        url = (match.group("inner") or "").strip() or next(
            (attributes[name] for name in _MEDIA_SOURCES if attributes.get(name)), ""
        )
        if not url:
            return ""
        address = html.escape(url)
        return f'\n\n<p><a href="{address}">{address}</a></p>\n\n'

    text = _GALLERY.sub(gallery, text)
    text = _MEDIA.sub(media, text)
    return _ESCAPED.sub(r"\1", text)


def other_shortcodes(text: str) -> set[str]:
    """The names of the shortcodes in ``text`` that stay as their text."""
    names = {closing or opening for closing, opening in _OTHER.findall(text)}
    return names - _EXPANDED


def _attributes(text: str) -> dict[str, str]:
    return {
        name.lower(): next((v for v in values if v), "")
        for name, *values in _ATTRIBUTE.findall(text)
    }
