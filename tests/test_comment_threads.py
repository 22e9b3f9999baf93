"""Replies nest under the comment they answer, in date order, up to a depth."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from itertools import pairwise
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comments.model import Comment, CommentNode, CommentThread
from comments.thread import build_thread, loop_members

TITLE = "Two levels up"
START = datetime(2025, 9, 14, 9, 0, tzinfo=timezone(timedelta(hours=-5)))


def comment(id: str, minute: int, reply_to: str | None = None) -> Comment:
    """A comment posted ``minute`` minutes after START."""
    return Comment(
        id=id,
        post_slug="two-levels-up",
        author=f"Reader {id}",
        date=START + timedelta(minutes=minute),
        html=f"<p>Comment {id}.</p>",
        text=f"Comment {id}.",
        reply_to=reply_to,
        path=f"comments/two-levels-up/{id}.md",
    )


def displayed(nodes) -> list[tuple[str, int]]:
    """(id, depth) of every comment, in the order the page shows them."""
    shown = []
    for node in nodes:
        shown.append((node.comment.id, node.depth))
        shown += displayed(node.replies)
    return shown


def ids(nodes) -> list[str]:
    return [node.comment.id for node in nodes]


def chain(length: int) -> list[Comment]:
    """c1, then c2 answering c1, c3 answering c2, ..., an hour apart."""
    return [
        comment(f"c{n}", 60 * n, reply_to=f"c{n - 1}" if n > 1 else None)
        for n in range(1, length + 1)
    ]


def thread_of(count: int) -> CommentThread:
    return CommentThread(TITLE, (), count, ())


def test_top_level_comments_come_in_date_order():
    thread, _ = build_thread(
        TITLE, [comment("b", 20), comment("c", 30), comment("a", 10)]
    )

    assert ids(thread.roots) == ["a", "b", "c"]


def test_replies_nest_under_the_comment_they_answer_in_date_order():
    comments = [
        comment("late-reply", 50, reply_to="first"),
        comment("second", 20),
        comment("early-reply", 30, reply_to="first"),
        comment("first", 10),
    ]

    thread, diagnostics = build_thread(TITLE, comments)

    assert ids(thread.roots) == ["first", "second"]
    assert ids(thread.roots[0].replies) == ["early-reply", "late-reply"]
    assert thread.roots[1].replies == []
    assert diagnostics == []


def test_depth_counts_from_one_at_the_top():
    thread, _ = build_thread(TITLE, chain(4))

    assert displayed(thread.roots) == [("c1", 1), ("c2", 2), ("c3", 3), ("c4", 4)]


def test_nesting_stops_at_the_maximum_depth():
    thread, _ = build_thread(TITLE, chain(8), max_depth=5)

    assert [depth for _, depth in displayed(thread.roots)] == [1, 2, 3, 4, 5, 5, 5, 5]


def test_a_chain_of_replies_longer_than_pythons_stack_is_threaded_in_order():
    """An imported thread can run to thousands of replies, each answering
    the one before; threading it must not recurse once per reply."""
    comments = chain(5000)

    thread, findings = build_thread(TITLE, comments, max_depth=5)

    assert findings == []
    shown = displayed(thread.roots)  # five levels deep, then flat
    assert [id for id, _ in shown] == [c.id for c in comments]
    assert [depth for _, depth in shown] == [1, 2, 3, 4] + [5] * 4996


def test_a_reply_at_the_deepest_level_comes_right_after_the_comment_it_answers():
    comments = chain(8)
    answers = {c.id: c.reply_to for c in comments}

    thread, _ = build_thread(TITLE, comments, max_depth=5)

    shown = [id for id, _ in displayed(thread.roots)]
    assert shown == [c.id for c in comments]
    for before, after in pairwise(shown[4:]):
        assert answers[after] == before


def test_two_replies_at_the_deepest_level_each_follow_their_own_thread():
    comments = [
        *chain(2),
        comment("first", 200, reply_to="c2"),
        comment("second", 300, reply_to="c2"),
        comment("to-first", 400, reply_to="first"),
    ]

    thread, _ = build_thread(TITLE, comments, max_depth=2)

    assert displayed(thread.roots) == [
        ("c1", 1),
        ("c2", 2),
        ("first", 2),
        ("to-first", 2),
        ("second", 2),
    ]


def test_a_reply_to_no_comment_is_shown_at_the_top_and_reported():
    comments = [comment("a", 10), comment("orphan", 20, reply_to="deleted")]

    thread, findings = build_thread(TITLE, comments)

    assert displayed(thread.roots) == [("a", 1), ("orphan", 1)]
    [finding] = findings
    assert finding.rule == "bad-comment"
    assert finding.path == "comments/two-levels-up/orphan.md"
    assert "'deleted' names no comment" in finding.message


@pytest.mark.parametrize(
    "written",
    [
        "2025-09-15-tom.md",
        "comment-2025-09-15-tom",
        "2025-09-15-Tom",
        "#comment-2025-09-15-tom",
    ],
)
def test_a_reply_to_written_as_the_file_or_the_anchor_says_which_id_it_meant(
    written, tmp_path
):
    """The file's name, the permalink's anchor or another case: the warning
    said only that it names no comment, at no line."""
    source = tmp_path / "reply.md"
    source.write_text(
        f"Author: R\nDate: 2025-09-20 10:00\nReply-To: {written}\n\nAgreed.\n"
    )
    comments = [
        comment("2025-09-15-tom", 10),
        replace(comment("reply", 20, reply_to=written), path=str(source)),
    ]

    _, [finding] = build_thread(TITLE, comments)

    assert finding.line == 3
    assert finding.message == (
        f"Reply-To: {written!r} names no comment on this post; shown as a new "
        "comment; did you mean '2025-09-15-tom'? (an id is the comment file's "
        "name without .md)"
    )


def test_a_reply_dated_before_the_comment_it_answers_is_shown_with_a_warning(
    tmp_path,
):
    """A year typed wrong: the reply stays under what it answers, and the
    warning names its Date: line. A Webmention's date is another site's."""
    source = tmp_path / "reply.md"
    source.write_text("Author: R\nDate: 2024-09-14 09:05\nReply-To: tom\n\nYes.\n")
    mention = replace(
        comment("liked", -60, reply_to="tom"), kind="reply", target="https://x/"
    )
    comments = [
        comment("tom", 10),
        replace(comment("reply", -10, reply_to="tom"), path=str(source)),
        comment("same-minute", 10, reply_to="tom"),
        mention,
    ]

    thread, [finding] = build_thread(TITLE, comments)

    assert displayed(thread.roots) == [
        ("tom", 1),
        ("liked", 2),
        ("reply", 2),
        ("same-minute", 2),
    ]
    assert (finding.rule, finding.path, finding.line) == (
        "comment-before-post",
        str(source),
        2,
    )
    assert finding.message == (
        "Date: 2025-09-14 08:50 is before the comment it answers "
        "(2025-09-14 09:10); is the year right? It is shown as written"
    )


def test_a_loop_of_replies_puts_both_comments_at_the_top_and_reports_each():
    comments = [comment("a", 10, reply_to="b"), comment("b", 20, reply_to="a")]

    thread, diagnostics = build_thread(TITLE, comments)

    assert displayed(thread.roots) == [("a", 1), ("b", 1)]
    assert sorted(d.path for d in diagnostics) == [
        "comments/two-levels-up/a.md",
        "comments/two-levels-up/b.md",
    ]
    assert all("loop" in d.message for d in diagnostics)


def test_a_comment_replying_to_itself_is_a_loop():
    thread, diagnostics = build_thread(TITLE, [comment("a", 10, reply_to="a")])

    assert displayed(thread.roots) == [("a", 1)]
    assert len(diagnostics) == 1


def test_a_reply_to_a_member_of_a_loop_still_nests_under_it():
    comments = [
        comment("a", 10, reply_to="b"),
        comment("b", 20, reply_to="a"),
        comment("c", 30, reply_to="a"),
    ]

    thread, diagnostics = build_thread(TITLE, comments)

    assert displayed(thread.roots) == [("a", 1), ("c", 2), ("b", 1)]
    assert len(diagnostics) == 2


def test_the_thread_counts_every_comment_however_deep():
    thread, _ = build_thread(TITLE, [*chain(8), comment("aside", 5)], max_depth=5)

    assert thread.count == 9


def test_newest_lists_every_comment_newest_first():
    comments = [comment("a", 10), comment("c", 30, reply_to="a"), comment("b", 20)]

    thread, _ = build_thread(TITLE, comments)

    assert [c.id for c in thread.newest] == ["c", "b", "a"]


def test_a_post_without_comments_has_an_empty_thread():
    thread, diagnostics = build_thread(TITLE, [])

    assert (thread.roots, thread.count, thread.newest) == ((), 0, ())
    assert diagnostics == []


def test_nodes_are_comment_nodes_holding_the_comment_itself():
    original = comment("a", 10)

    thread, _ = build_thread(TITLE, [original])

    assert thread.roots == (CommentNode(original, 1),)


@pytest.mark.parametrize(
    ("count", "heading"),
    [
        (0, "No thoughts yet on “Two levels up”"),
        (1, "One thought on “Two levels up”"),
        (3, "3 thoughts on “Two levels up”"),
    ],
)
def test_the_heading_counts_thoughts_the_way_wordpress_does(count, heading):
    assert thread_of(count).heading == heading


@pytest.mark.parametrize(
    ("count", "label"), [(0, "0 comments"), (1, "1 comment"), (2, "2 comments")]
)
def test_the_count_label_is_singular_only_for_one(count, label):
    assert thread_of(count).count_label == label


def test_the_heading_uses_the_posts_title_given_to_build_thread():
    thread, _ = build_thread("Q&A at the offsite", [comment("a", 10)])

    assert thread.heading == "One thought on “Q&A at the offsite”"


def test_the_post_authors_replies_are_marked_whatever_the_case_or_spacing():
    from dataclasses import replace

    reader = comment("a", 10)
    mine = replace(comment("b", 20, reply_to="a"), author="  priya ")
    thread, _ = build_thread(TITLE, [reader, mine], author_names=["Priya"])
    (root,) = thread.roots
    assert (root.by_post_author, root.replies[0].by_post_author) == (False, True)


def test_the_post_authors_name_with_a_combining_accent_is_theirs():
    from dataclasses import replace

    mine = replace(comment("b", 20), author="Jose\u0301")
    thread, _ = build_thread(TITLE, [mine], author_names=["Jos\u00e9"])
    assert thread.roots[0].by_post_author


def test_without_author_names_no_reply_is_marked():
    thread, _ = build_thread(TITLE, [comment("a", 10)])
    assert not thread.roots[0].by_post_author


# --- Loops of replies, found in one pass ---------------------------------------


class CountedReplies(Mapping):
    """comment id -> the id it answers, counting every look-up (``in``
    looks up too)."""

    def __init__(self, reply_to: dict[str, str | None]):
        self.reply_to = reply_to
        self.lookups = 0

    def __getitem__(self, key: str) -> str | None:
        self.lookups += 1
        return self.reply_to[key]

    def __iter__(self):
        return iter(self.reply_to)

    def __len__(self) -> int:
        return len(self.reply_to)


LONG = 20_000


@pytest.mark.parametrize(
    ("shape", "reply_to", "on_loop"),
    [
        (
            "a chain",
            {f"c{n}": f"c{n - 1}" if n > 1 else None for n in range(1, LONG + 1)},
            0,
        ),
        (
            "a chain from a missing comment",
            {f"c{n}": f"c{n - 1}" for n in range(1, LONG + 1)},
            0,
        ),
        ("one loop", {f"c{n}": f"c{(n + 1) % LONG}" for n in range(LONG)}, LONG),
        (
            "a chain into a loop",
            {
                **{f"c{n}": f"c{n - 1}" for n in range(1, LONG)},
                "c0": f"c{LONG - 1}",
                **{f"r{n}": f"r{n - 1}" if n else "c5" for n in range(LONG)},
            },
            LONG,
        ),
    ],
)
def test_loops_are_found_with_a_look_up_or_two_per_comment(shape, reply_to, on_loop):
    """Walking up to the top from every comment looked up Reply-To a number
    of times quadratic in a chain's length: 200 million look-ups for a
    20,000-comment chain. Each comment's Reply-To is looked up once now, and
    whether it is a comment once (``in``), whatever the shape."""
    counted = CountedReplies(reply_to)

    members = loop_members(counted)

    assert len(members) == on_loop
    assert counted.lookups <= 2 * len(reply_to) + 1, shape


def naive_loop_members(reply_to: dict[str, str | None]) -> set[str]:
    """The definition: following Reply-To from a comment comes back to it."""
    members = set()
    for start in reply_to:
        current = reply_to[start]
        for _ in range(len(reply_to)):
            if current == start:
                members.add(start)
                break
            if current not in reply_to:
                break
            current = reply_to[current]
    return members


@given(
    st.dictionaries(
        st.sampled_from("abcdefghij"),
        st.none() | st.sampled_from("abcdefghijkl"),
        max_size=10,
    )
)
def test_loop_members_are_the_comments_a_reply_chain_leads_back_to(reply_to):
    assert loop_members(reply_to) == naive_loop_members(reply_to)


def test_a_loop_of_twenty_thousand_replies_is_reported_once_each():
    comments = [comment(f"c{n}", n, reply_to=f"c{(n + 1) % LONG}") for n in range(LONG)]

    thread, findings = build_thread(TITLE, comments, max_depth=5)

    assert len(findings) == LONG
    assert len(thread.roots) == LONG
    assert all("makes a loop of replies" in f.message for f in findings)


# --- Comments that share an id ------------------------------------------------
# The reader keeps one comment per id (test_comment_files.py); the walk must
# end and place every comment it is given once all the same.


@contextmanager
def at_most_nodes(limit: int) -> Iterator[None]:
    """Fail, rather than run for ever, when the walk makes more nodes than
    there are comments: it has come round again."""
    made = 0

    def counted(*args, **kwargs) -> CommentNode:
        nonlocal made
        made += 1
        assert made <= limit, f"more than {limit} nodes: the walk goes round"
        return CommentNode(*args, **kwargs)

    with patch("comments.thread.CommentNode", counted):
        yield


def every_node(nodes) -> list[CommentNode]:
    found = []
    for node in nodes:
        found.append(node)
        found += every_node(node.replies)
    return found


def test_a_loop_hidden_by_a_shared_id_is_walked_once():
    """x.md answers y, y.md answers x, and a later reply Webmention x.json
    answers nothing: the latest x answers nothing, so no loop is seen, and
    the walk pulled x's replies (y), y's (x.md), x's again, for ever."""
    comments = [
        comment("x", 10, reply_to="y"),
        comment("y", 20, reply_to="x"),
        replace(comment("x", 30), kind="reply", path="comments/two-levels-up/x.json"),
    ]

    with at_most_nodes(len(comments)):
        thread, _ = build_thread(TITLE, comments)

    assert sorted(node.comment.path for node in every_node(thread.roots)) == sorted(
        c.path for c in comments
    )


@given(
    st.lists(
        st.tuples(
            st.sampled_from("abcd"),
            st.none() | st.sampled_from("abcde"),
            st.integers(0, 5),
        ),
        max_size=12,
    ),
    st.integers(1, 4),
)
def test_any_replies_with_shared_ids_are_each_placed_once(replies, max_depth):
    comments = [
        replace(comment(id, minute, reply_to), path=f"{id}-{number}")
        for number, (id, reply_to, minute) in enumerate(replies)
    ]

    with at_most_nodes(len(comments)):
        thread, _ = build_thread(TITLE, comments, max_depth=max_depth)

    placed = every_node(thread.roots)
    assert sorted(node.comment.path for node in placed) == sorted(
        c.path for c in comments
    )
    assert all(1 <= node.depth <= max_depth for node in placed)
