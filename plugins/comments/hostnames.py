"""A site's host name as a comment shows it: "via xn--ggle-55da.example".

A Webmention names the site it came from ("via example.net", "on
example.net") and, without an author, takes the host for the author's
name. Written as it came, ``gооgle.example`` with two Cyrillic ``о``
reads as a site it is not. Browsers show such a name in its ASCII form
(``xn--...``); so does the page, for any host with a letter that is not a
plain Latin letter, an accent on it aside (``bücher.example`` is shown as
written). Names in other scripts are shown in their ASCII form too: the
page cannot tell a real one from a lookalike, as a browser's lists can.
"""

from __future__ import annotations

import unicodedata

from sitekit.uris import host_in_ascii


def shown_host(host: str) -> str:
    """``host`` as a reader is shown it: as written when each character is
    ASCII or an accented Latin letter, else its ASCII (IDNA) form."""
    if all(_reads_as_latin(character) for character in host):
        return host
    return host_in_ascii(host)  # as a browser names it (UTS #46)


def _reads_as_latin(character: str) -> bool:
    """ASCII, or a letter that is an ASCII letter with marks (``ü``)."""
    if character.isascii():
        return True
    base = unicodedata.normalize("NFD", character)[0]
    return base.isascii() and base.isalpha()
