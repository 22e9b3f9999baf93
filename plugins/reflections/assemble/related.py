"""Related reflections: other posts ranked by shared lessons, then recency.

Counting shared lessons against every other post is quadratic, and a blog of
reflections grows by a post a week for years. Posts sharing two or more
lessons are found by intersecting the lessons' post sets; the rest of the
list is filled from the posts sharing one lesson, newest first, stopping as
soon as it is full.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import combinations

from ..model import PostRecord


def related_posts(
    posts: Sequence[PostRecord], limit: int
) -> dict[str, tuple[PostRecord, ...]]:
    """Map each post's key to up to ``limit`` related posts, best first."""
    if limit <= 0:
        return {post.key: () for post in posts}
    newest_first = sorted(posts, key=lambda post: (-post.date.timestamp(), post.key))
    rank = {post.key: position for position, post in enumerate(newest_first)}
    by_key = {post.key: post for post in posts}
    lessons_of = {
        post.key: frozenset(lesson.slug for lesson in post.lessons) for post in posts
    }
    members: dict[str, set[str]] = defaultdict(set)
    by_lesson: dict[str, list[str]] = defaultdict(list)  # newest first
    for post in newest_first:
        for slug in lessons_of[post.key]:
            members[slug].add(post.key)
            by_lesson[slug].append(post.key)

    related: dict[str, tuple[PostRecord, ...]] = {}
    by_rank = rank.__getitem__
    for post in posts:
        own = lessons_of[post.key]
        # A post sharing k lessons is in k*(k-1)/2 of the pairwise
        # intersections: count them in C, then rank tier by tier.
        pairs: Counter[str] = Counter()
        for first, second in combinations(sorted(own), 2):
            pairs.update(members[first] & members[second])
        pairs.pop(post.key, None)
        chosen: list[str] = []
        for count in sorted(set(pairs.values()), reverse=True):
            tier = [key for key, seen in pairs.items() if seen == count]
            chosen += heapq.nsmallest(limit - len(chosen), tier, key=by_rank)
            if len(chosen) >= limit:
                break
        if len(chosen) < limit:
            seen = {*chosen, post.key}
            for key in heapq.merge(*(by_lesson[slug] for slug in own), key=by_rank):
                if key not in seen:
                    seen.add(key)
                    chosen.append(key)
                    if len(chosen) == limit:
                        break
        related[post.key] = tuple(by_key[key] for key in chosen)
    return related
