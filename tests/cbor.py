"""Just enough CBOR (RFC 8949) to read Pagefind's filter and meta files.

Pagefind writes them as gzip, then a 12-byte signature, then CBOR made of
arrays, text strings and unsigned integers. This reads every definite-length
item of the major types (integers, byte and text strings, arrays, maps,
false/true/null and floats) and refuses the rest with a clear error.

Why not a library: tests/outputs.py, which uses this, is imported by
bench/run.py too, and the benchmark runs with the site's dependencies only
(requirements.txt), where a CBOR package would be a dependency the site
itself never uses. The subset is a few dozen lines; tests/test_outputs.py checks
it against the examples in RFC 8949, Appendix A.
"""

from __future__ import annotations

import struct
from typing import Any


class CborError(ValueError):
    """The bytes are not CBOR this module reads."""


def loads(data: bytes) -> Any:
    """The one CBOR item that ``data`` holds, and nothing after it."""
    item, end = _item(data, 0)
    if end != len(data):
        raise CborError(f"{len(data) - end} bytes after the item")
    return item


def _item(data: bytes, at: int) -> tuple[Any, int]:
    if at >= len(data):
        raise CborError("the data ends inside an item")
    major, info = data[at] >> 5, data[at] & 0x1F
    if major == 7:
        return _simple(data, at, info)
    value, at = _argument(data, at + 1, info)
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        if at + value > len(data):
            raise CborError("the data ends inside a string")
        raw = data[at : at + value]
        return (raw if major == 2 else raw.decode("utf-8")), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _item(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(value):
            key, at = _item(data, at)
            mapping[key], at = _item(data, at)
        return mapping, at
    raise CborError(f"tagged items (major type 6) are not read, at byte {at}")


def _argument(data: bytes, at: int, info: int) -> tuple[int, int]:
    if info < 24:
        return info, at
    if info > 27:
        raise CborError(f"indefinite or reserved length ({info}) at byte {at - 1}")
    size = 1 << (info - 24)
    if at + size > len(data):
        raise CborError("the data ends inside a length")
    return int.from_bytes(data[at : at + size], "big"), at + size


def _simple(data: bytes, at: int, info: int) -> tuple[Any, int]:
    if info in (20, 21, 22):
        return (False, True, None)[info - 20], at + 1
    formats = {25: ">e", 26: ">f", 27: ">d"}
    if info in formats:
        size = struct.calcsize(formats[info])
        if at + 1 + size > len(data):
            raise CborError("the data ends inside a float")
        return struct.unpack(formats[info], data[at + 1 : at + 1 + size])[0], (
            at + 1 + size
        )
    raise CborError(f"simple value {info} is not read, at byte {at}")
