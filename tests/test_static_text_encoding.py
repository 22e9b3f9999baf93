"""A static file's encoding, told from its first bytes (``text_encoding``),
before it is read for private markers.

Every UTF-8 file (the theme's, most of the content's) has no NUL byte, and
UTF-16 and UTF-32 are told by where their NULs fall, so a head without a NUL
is UTF-8 or binary without looking at its units four ways. These tests hold
that to the reading of every unit it shortcuts, kept here as the reference.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitekit.staticmarkers import _PRINTABLE, _WIDE, BOMS, SNIFF, text_encoding


def every_unit_read(head: bytes) -> tuple[str | None, int]:
    """``text_encoding`` as it was until 2026-12-06."""
    for bom, name in BOMS:
        if head.startswith(bom):
            return name, len(bom)
    sample = head[:SNIFF]
    for width, name, place in _WIDE:
        units = [
            sample[at : at + width]
            for at in range(0, len(sample) // width * width, width)
        ]
        if len(units) < 4:
            continue
        ascii_units = sum(
            1
            for unit in units
            if unit[place] in _PRINTABLE
            and not any(unit[at] for at in range(width) if at != place)
        )
        if not any(unit[place] == 0 for unit in units) and ascii_units * 2 >= len(
            units
        ):
            return name, 0
    return None, 0


TEXT = "Notes on a call: ask twice, listen.\n[!private] é"
ENCODINGS = ["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-16"]

heads = st.one_of(
    st.binary(max_size=64),
    st.builds(
        lambda text, encoding, cut: text.encode(encoding)[:cut],
        st.text(max_size=40),
        st.sampled_from(ENCODINGS),
        st.integers(0, 200),
    ),
    st.builds(
        lambda head, noise: head + noise,
        st.sampled_from([TEXT.encode(encoding) for encoding in ENCODINGS]),
        st.binary(max_size=16),
    ),
)


@settings(max_examples=500, deadline=None)
@given(heads)
def test_a_head_s_encoding_is_told_as_reading_every_unit_tells_it(head):
    assert text_encoding(head) == every_unit_read(head)


def test_each_encoding_of_a_text_is_told_with_and_without_a_nul():
    for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        assert text_encoding(TEXT.encode(encoding)) == (encoding, 0)
    assert text_encoding(TEXT.encode("utf-8")) == (None, 0)
    assert text_encoding(bytes(range(1, 256)) * 20) == (None, 0)
