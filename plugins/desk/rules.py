"""The rules the desk checks local-only fields against (``sitekit.rules``).

They are warnings at both levels: what they catch is left off the desk,
and none of it is ever published. A publish build does not read local-only
fields at all, so only local builds and ``reflect lint`` report them;
``DESK_STRICT`` (set by publishconf.py) puts them at their publish level
for ``reflect lint --strict``.
"""

from __future__ import annotations

from sitekit.rules import Rule, declare_rules

RULES: tuple[Rule, ...] = declare_rules(
    Rule(
        "bad-follow-up",
        "a `Follow-up:` without a date that can be read, or with nothing to do "
        "after it (it is left off the desk), or with its done mark `[x]` after "
        "the date (it stays open)",
        "warning",
        "warning",
    ),
    Rule(
        "date-before-conversation",
        "a `Follow-up:` or `Next-contact:` dated before the conversation it "
        "comes from, as a year typed wrong would be (it is kept as written)",
        "warning",
        "warning",
    ),
    Rule(
        "bad-next-contact",
        "a `Next-contact:` that is neither a date nor an interval such as "
        "`3 months` (the default interval is used)",
        "warning",
        "warning",
    ),
    Rule(
        "near-miss-person",
        "a person in `Introduced-by:` or `Introduced:` spelt almost like someone "
        "named in `Who:`",
        "warning",
        "warning",
    ),
    Rule(
        "field-off-the-desk",
        "an `Introduced-by:`, `Introduced:` or `Next-contact:` on a post whose "
        "`Who:` names no one, or any of the desk's fields on a page (it is left "
        "off the desk)",
        "warning",
        "warning",
    ),
    Rule(
        "bad-reviews-file",
        "a `reviews.yml` that cannot be read, or an entry that names no lesson or "
        "holds a date that cannot be read (it is ignored)",
        "warning",
        "warning",
    ),
)
(
    BAD_FOLLOW_UP,
    DATE_BEFORE_CONVERSATION,
    BAD_NEXT_CONTACT,
    NEAR_MISS_PERSON,
    FIELD_OFF_THE_DESK,
    BAD_REVIEWS_FILE,
) = (rule.name for rule in RULES)
