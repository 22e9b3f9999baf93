"""Whole sites are compared as tests/outputs.py says: byte for byte, but for
what Pagefind writes in the order of a hash map, which is compared decoded."""

from __future__ import annotations

import gzip
import shutil

import cbor
import pytest
from outputs import differences

# RFC 8949, Appendix A: (encoded, decoded).
RFC_EXAMPLES = [
    ("00", 0),
    ("17", 23),
    ("1818", 24),
    ("1903e8", 1000),
    ("1a000f4240", 1000000),
    ("1b000000e8d4a51000", 1000000000000),
    ("20", -1),
    ("3903e7", -1000),
    ("60", ""),
    ("6449455446", "IETF"),
    ("62c3bc", "\u00fc"),
    ("4401020304", b"\x01\x02\x03\x04"),
    ("80", []),
    ("8301820203820405", [1, [2, 3], [4, 5]]),
    ("a26161016162820203", {"a": 1, "b": [2, 3]}),
    ("f4", False),
    ("f5", True),
    ("f6", None),
    ("f93e00", 1.5),
    ("fa47c35000", 100000.0),
    ("fb3ff199999999999a", 1.1),
]


@pytest.mark.parametrize(("encoded", "decoded"), RFC_EXAMPLES)
def test_the_cbor_reader_reads_the_rfcs_examples(encoded, decoded):
    assert cbor.loads(bytes.fromhex(encoded)) == decoded


@pytest.mark.parametrize("encoded", ["9fff", "c11a514b67b0", "8301", "0000", "fb3ff1"])
def test_the_cbor_reader_refuses_what_it_does_not_read(encoded):
    with pytest.raises(cbor.CborError):
        cbor.loads(bytes.fromhex(encoded))


def encode(item) -> bytes:
    """The CBOR of arrays, text and unsigned integers, as Pagefind writes."""

    def head(major: int, value: int) -> bytes:
        if value < 24:
            return bytes([major << 5 | value])
        size = next(n for n in (1, 2, 4, 8) if value < 1 << (8 * n))
        info = {1: 24, 2: 25, 4: 26, 8: 27}[size]
        return bytes([major << 5 | info]) + value.to_bytes(size, "big")

    if isinstance(item, int):
        return head(0, item)
    if isinstance(item, str):
        data = item.encode()
        return head(3, len(data)) + data
    return head(4, len(item)) + b"".join(encode(part) for part in item)


def rewrite(path, change) -> None:
    """Decode a Pagefind file, let ``change`` edit it, write it back."""
    data = gzip.decompress(path.read_bytes())
    item = cbor.loads(data[12:])
    change(item)
    path.write_bytes(gzip.compress(data[:12] + encode(item)))


@pytest.fixture
def two_copies(site, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(site, first)
    shutil.copytree(site, second)
    assert differences(first, second) == []
    return first, second


def lesson_filter(folder):
    return next(
        path
        for path in (folder / "pagefind" / "filter").glob("*.pf_filter")
        if b"lesson" in gzip.decompress(path.read_bytes())[:40]
    )


def test_a_filters_values_in_another_order_and_under_another_hash_compare_equal(
    two_copies,
):
    first, second = two_copies
    path = lesson_filter(second)
    rewrite(path, lambda item: item[1].reverse())
    path.rename(path.with_name("en_0123abc.pf_filter"))
    meta = next((second / "pagefind").glob("pagefind.*.pf_meta"))
    rewrite(meta, lambda item: item[3].reverse())
    meta.rename(meta.with_name("pagefind.en_0123456789.pf_meta"))
    assert differences(first, second) == []


@pytest.mark.parametrize(
    "change",
    [
        "reversed bytes",
        "two values' pages swapped",
        "one value's pages reversed",
        "a value renamed",
    ],
)
def test_a_filter_file_that_says_something_else_differs(two_copies, change):
    first, second = two_copies
    path = lesson_filter(second)
    if change == "reversed bytes":
        data = gzip.decompress(path.read_bytes())
        path.write_bytes(gzip.compress(data[:12] + data[12:][::-1]))
        with pytest.raises(cbor.CborError):
            differences(first, second)
        return

    def edit(item):
        values = item[1]
        if change == "two values' pages swapped":
            one, two = next((a, b) for a in values for b in values if a[1] != b[1])
            one[1], two[1] = two[1], one[1]
        elif change == "one value's pages reversed":
            value = next(v for v in values if len(v[1]) > 1)
            value[1].reverse()
        else:
            values[0][0] += " (renamed)"

    rewrite(path, edit)
    assert differences(first, second) == ["pagefind/filter/lesson.pf_filter"]


def test_a_meta_file_that_names_other_pages_differs(two_copies):
    first, second = two_copies
    meta = next((second / "pagefind").glob("pagefind.*.pf_meta"))

    def swap_pages(item):
        pages = item[1]
        pages[0], pages[1] = pages[1], pages[0]

    rewrite(meta, swap_pages)
    assert differences(first, second) == ["pagefind/pagefind.pf_meta"]
