"""How `reflect suggest` learns from the posts already tagged: a post that
reads like a lesson's posts is nearer that lesson, and the sentences that
make it so are shown. The posts here are written for these tests; none is in
the tuning or the evaluation set."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflect import lesson_association
from reflect.lesson_association import example, learn, sentence_terms
from reflect.prose import sentences, stems
from reflect.suggest_scoring import (
    LEARNED_SENSE_WEIGHT,
    MARGIN,
    OWN_WORDS_PASSAGE_WEIGHT,
    PASSAGE_WEIGHT,
    SENSE_WEIGHT,
    SIMILARITY_WEIGHT,
    suggest,
    tagged_example,
)
from reflections.resolve.vocabulary import load_vocabulary

VOCABULARY = load_vocabulary(Path(__file__).parent / "fixtures" / "suggest-lessons.yml")
LESSON = "tell-stories-with-numbers"


def post(body: str) -> str:
    return f"Title: A conversation\nDate: 2026-01-01 10:00\n\n{body}\n"


#: Tagged posts: three that tell a story's size in other words, three that
#: teach something else.
TAGGED = [
    (
        "The panel kept asking how big the project was. I gave the tonnage, "
        "the crew and the weeks saved, and the room leaned in.",
        [LESSON],
    ),
    (
        "My mentor circled every claim on my slides and wrote: how big? "
        "The tonnage, the crew size and the weeks saved went on top.",
        [LESSON],
    ),
    (
        "He said my examples had no size. Next time: the tonnage moved, how "
        "big the crew was, how many weeks we saved.",
        [LESSON],
    ),
    (
        "We walked the allotment and talked about beans and the weather.",
        [],
    ),
    (
        "I wrote to her the next morning to thank her for the hour.",
        ["follow-up-within-a-day"],
    ),
    (
        "She told me plainly that she wanted the team lead job, and said so.",
        ["say-what-you-want-out-loud"],
    ),
]
#: Told in the tagged posts' words, without any of the lesson's own.
PARAPHRASE = post(
    "We met at the depot.\n\nThe director asked how big the job was, so I "
    "said the tonnage, the crew and the weeks saved.\n\nThen we had tea."
)


def learned():
    return learn(example(sentences(post(text)), slugs) for text, slugs in TAGGED)


def test_a_post_like_a_lessons_tagged_posts_is_nearer_that_lesson():
    associations = learned()
    found = sentences(PARAPHRASE)
    near, shown = associations.similarity(LESSON, associations.read(found))
    far, _ = associations.similarity("follow-up-within-a-day", associations.read(found))
    typical, _, _ = associations.typical(associations.read(found))
    assert near > typical + MARGIN > far
    texts = [found[i].text for i in shown]
    assert any(text.startswith("The director asked how big") for text in texts)
    assert "We met at the depot." not in texts


def test_words_side_by_side_in_a_sentence_are_a_term_of_their_own():
    (said,) = sentences(post("The crew size doubled."))
    assert {"crew", "size", "crew size"} <= set(sentence_terms(said))
    assert "crew doubl" not in sentence_terms(said)  # "size" stands between


def test_a_pair_the_tagged_posts_use_brings_a_post_nearer_than_its_words_apart():
    # The same words; only the first says "weeks saved" as the tagged posts do.
    together = post("The director asked about the weeks saved by the crew.")
    apart = post("The director saved the crew, and asked about the weeks.")
    associations = learned()
    near, _ = associations.similarity(LESSON, associations.read(sentences(together)))
    far, _ = associations.similarity(LESSON, associations.read(sentences(apart)))
    assert near > far


def test_the_similarity_lifts_a_lesson_told_in_other_words_and_shows_why():
    def scores(**learning):
        found = suggest(PARAPHRASE, VOCABULARY, threshold=0, **learning)
        return {s.lesson.slug: s for s in found}

    alone = scores()[LESSON]  # hardly a word of the lesson's own
    found = sentences(PARAPHRASE)
    read = learned().read(found)
    near, _ = learned().similarity(LESSON, read)
    every_own = {  # each lesson's title and alias stems
        lesson.slug: set(stems(" ".join((lesson.title, *lesson.aliases))))
        for lesson in VOCABULARY.lessons.values()
    }
    own = every_own[LESSON]
    assert {"tell", "stori", "number"} <= own
    told, _ = learned().passage_similarity(LESSON, read)
    apart, _ = learned().passage_similarity(LESSON, read, own)
    typical, typical_passage, typical_apart = learned().typical(read, every_own)
    said = [found.index(sentence) for sentence in alone.evidence]
    around = learned().context_similarity(LESSON, read, said, own)
    lifted = scores(associations=learned())[LESSON]
    assert lifted.score == round(
        min(
            alone.score
            + SIMILARITY_WEIGHT * (near - typical - MARGIN)
            + PASSAGE_WEIGHT * (apart - typical_apart)
            + OWN_WORDS_PASSAGE_WEIGHT * (told - typical_passage)
            + SENSE_WEIGHT * (around - typical_passage),
            1,
        ),
        2,
    )
    assert lifted.score > alone.score + 0.3
    assert any("how big the job was" in s.text for s in lifted.evidence)


@pytest.fixture
def as_on_a_grown_site(monkeypatch):
    """These tests' site has learned three lessons; a post's typical
    similarity is a mean over ten at least (``FEWEST_FOR_TYPICAL``), so that a
    young site's few lessons do not set the bar for themselves. Here it is
    the plain mean of the three, as on a site that has learned ten or more."""
    monkeypatch.setattr(lesson_association, "FEWEST_FOR_TYPICAL", 1)


def test_a_post_unlike_a_lessons_posts_loses_a_little(as_on_a_grown_site):
    said = post("She told me to keep a running wins log.")
    alone = {s.lesson.slug: s.score for s in suggest(said, VOCABULARY)}
    learned_too = {
        s.lesson.slug: s.score
        for s in suggest(said, VOCABULARY, associations=learned(), threshold=0)
    }
    # No tagged post teaches it: the phrase evidence alone decides.
    assert learned_too["keep-a-running-wins-log"] == alone["keep-a-running-wins-log"]
    # The lesson's title said in another sense, in a post that shares a
    # few words with its tagged posts ("how big") but tells none of it:
    # the post reads less like them than like a lesson, typically.
    unlike = post(
        "We walked the allotment and talked about beans and the weather. "
        "His granddaughter tells stories with numbers: how big the marrow grew."
    )
    associations = learned()
    read = associations.read(sentences(unlike))
    similarity, _ = associations.similarity(LESSON, read)
    typical, _, _ = associations.typical(read)
    assert 0 < similarity < typical + MARGIN
    alone = {s.lesson.slug: s.score for s in suggest(unlike, VOCABULARY)}
    learned_too = {
        s.lesson.slug: s.score
        for s in suggest(unlike, VOCABULARY, associations=associations, threshold=0)
    }
    assert learned_too[LESSON] < alone[LESSON]
    assert LESSON not in {
        s.lesson.slug for s in suggest(unlike, VOCABULARY, associations=associations)
    }


def test_the_words_around_a_lessons_title_check_the_sense_it_is_said_in():
    # Both posts say the title; only the first says it among the words the
    # lesson's tagged posts tell it with.
    in_its_sense = post(
        "We met at the depot.\n\nThe director asked how big the job was, so I "
        "told stories with numbers: the tonnage, the crew and the weeks saved."
    )
    in_another = post(
        "We walked the allotment and talked about beans and the weather.\n\n"
        "His granddaughter tells stories with numbers and grows marrows."
    )
    associations = learned()

    def around_the_title(text: str) -> float:
        found = sentences(text)
        said = [i for i, s in enumerate(found) if "stori" in s.stems]
        read = associations.read(found)
        return associations.context_similarity(
            LESSON, read, said, {"tell", "stori", "number"}
        )

    # The words around the title add where they are the lesson's, and take
    # away where they are not, measured from the post's typical passage.
    def typical_passage(text: str) -> float:
        return associations.typical(associations.read(sentences(text)))[1]

    assert SENSE_WEIGHT > 0
    assert around_the_title(in_its_sense) > typical_passage(in_its_sense)
    assert around_the_title(in_another) < typical_passage(in_another)


def test_the_sense_check_leaves_out_the_lessons_own_words():
    # A tagged post that says the title: the words of the title, and the
    # pairs holding one, are what every post saying it shares, whatever
    # the sense, so they count for nothing in the sense check.
    associations = learn(
        [
            example(
                sentences(post("I told stories with numbers: the tonnage saved.")),
                [LESSON],
            ),
            *(example(sentences(post(text)), slugs) for text, slugs in TAGGED[3:]),
        ]
    )
    assert "stori number" in associations.told[LESSON]
    found = sentences(post("She tells stories with numbers."))
    read = associations.read(found)
    own = {"tell", "stori", "number"}
    assert associations.context_similarity(LESSON, read, [0], own) == 0.0
    assert associations.context_similarity(LESSON, read, [0], set()) > 0.0


#: A post in words of all three tagged lessons' posts, most of all of one.
MIXED = post(
    "The crew wrote to her the next morning: the weeks saved, the tonnage and "
    "the team lead job she wanted, said plainly."
)


def test_a_lesson_is_lifted_only_where_it_stands_out_among_the_lessons(
    as_on_a_grown_site,
):
    # The post reads a little like every lesson's posts: what they all share
    # is its typical similarity, and only a lesson well above it gains.
    associations = learned()
    read = associations.read(sentences(MIXED))
    typical, _, _ = associations.typical(read)
    similarity = {
        slug: associations.similarity(slug, read)[0] for slug in associations.centroids
    }
    assert min(similarity.values()) < typical < max(similarity.values())
    alone = {s.lesson.slug: s.score for s in suggest(MIXED, VOCABULARY, threshold=0)}
    lifted = {
        s.lesson.slug: s.score
        for s in suggest(MIXED, VOCABULARY, associations=associations, threshold=0)
    }
    for slug, near in similarity.items():
        if near > typical + MARGIN:
            assert lifted[slug] > alone.get(slug, 0)
        else:
            assert lifted.get(slug, 0) <= alone.get(slug, 0)


def test_a_posts_own_lessons_are_never_suggested_to_it():
    text, slugs = TAGGED[0]
    found = suggest(post(text), VOCABULARY, known=slugs, associations=learned())
    assert LESSON not in {s.lesson.slug for s in found}


#: The lesson told in one passage of a post that is mostly about other things.
LONG_POST = post(
    "We met at the depot at nine and walked the yard.\n\n"
    "She showed me the canteen, the car park and the new roof over bay four.\n\n"
    "Then the director asked how big the job was. I said the tonnage, the "
    "crew and the weeks saved.\n\n"
    "We had tea, and I caught the late bus home through the rain."
)


def test_the_passage_that_tells_a_lesson_is_found_in_a_post_about_other_things():
    associations = learned()
    found = sentences(LONG_POST)
    near, passage = associations.passage_similarity(LESSON, associations.read(found))
    far, _ = associations.passage_similarity(
        "follow-up-within-a-day", associations.read(found)
    )
    _, typical_passage, _ = associations.typical(associations.read(found))
    assert near > typical_passage > far
    assert "I said the tonnage, the crew and the weeks saved." in [
        found[i].text for i in passage
    ]
    # The whole post reads less like the lesson's posts than that passage
    # reads like the passages that tell it.
    assert associations.similarity(LESSON, associations.read(found))[0] < near


def test_each_tagged_post_lends_the_two_passages_nearest_its_lesson():
    # A tagged post that tells the lesson in its last two sentences, after
    # three about something else: its two passages nearest the lesson (the
    # last two sentences, and the third with the fourth) shape what the
    # lesson's passages look like, beside the other tagged posts'; its
    # first two sentences, about the garden alone, do not.
    assert lesson_association.TOLD_PER_POST == 2
    tagged = post(
        "We planted beans. The leeks bolted. "
        "The onions did well. Later he asked how big the crew was. "
        "I gave the tonnage and the weeks saved."
    )
    associations = learn(
        [
            example(sentences(tagged), [LESSON]),
            *(example(sentences(post(text)), slugs) for text, slugs in TAGGED),
        ]
    )
    told = associations.told[LESSON]
    assert "tonnag" in told
    assert "onion" in told
    assert "leek" not in told


#: A tagged post of a second lesson, in words near the first's.
LEAD_WITH_THE_RESULT = (
    "The panel asked what came of the job. I led with the result: the weeks "
    "saved came first, the story of the crew after.",
    ["lead-with-the-result"],
)
#: The paraphrase, with the lesson's title said outright.
NAMED = post(
    "We met at the depot.\n\nThe director asked how big the job was, and I "
    "told stories with numbers: the tonnage, the crew and the weeks saved."
)


@pytest.mark.parametrize(
    "tagged", [TAGGED[:3], [*TAGGED[:3], LEAD_WITH_THE_RESULT]], ids=["one", "two"]
)
def test_a_site_that_has_learned_one_or_two_lessons_still_gains_from_them(tagged):
    # A young site's typical similarity is made of the very lessons scored:
    # what it has learned must still lift a post that reads like them.
    associations = learn(
        example(sentences(post(text)), slugs) for text, slugs in tagged
    )

    def score(text: str, **learning) -> float:
        found = suggest(text, VOCABULARY, threshold=0, **learning)
        return {s.lesson.slug: s.score for s in found}.get(LESSON, 0.0)

    assert score(NAMED) == 1.0
    assert score(NAMED, associations=associations) == 1.0
    assert score(PARAPHRASE, associations=associations) >= score(PARAPHRASE)


def _with_the_title_said(text: str, slugs: list[str]):
    return tagged_example(post(text), slugs, VOCABULARY.lessons.values())


#: Tagged posts that say the title of *Tell stories with numbers*: two in
#: its sense (tagged with it), two in a gardener's (tagged with another
#: lesson, not with it: their writer read them and chose).
SAID_IN_BOTH_SENSES = [
    (
        "The panel asked how big the project was.\n\nI told stories with "
        "numbers: the tonnage, the crew and the weeks saved.",
        [LESSON],
    ),
    (
        "My mentor circled every claim on my slides.\n\nTell stories with "
        "numbers, she wrote: the crew size and the weeks saved on top.",
        [LESSON],
    ),
    (
        "We walked the allotment among the marrows.\n\nThe old gardener "
        "tells stories with numbers about beans and rain.\n\nI wrote to "
        "thank him the next morning.",
        ["follow-up-within-a-day"],
    ),
    (
        "At the allotment the beans were late.\n\nHis neighbour tells "
        "stories with numbers about the marrows and the weather.\n\nI wrote "
        "to thank her the next morning.",
        ["follow-up-within-a-day"],
    ),
]


def test_the_sense_check_learns_from_tagged_posts_that_say_the_title_in_another_sense():
    associations = learn(
        _with_the_title_said(text, slugs) for text, slugs in SAID_IN_BOTH_SENSES
    )
    own = {"tell", "stori", "number"}

    def learned_sense(text: str) -> float:
        found = sentences(post(text))
        said = [i for i, s in enumerate(found) if "stori" in s.stems]
        return associations.learned_sense(LESSON, associations.read(found), said, own)

    assert LEARNED_SENSE_WEIGHT > 0
    assert (
        learned_sense(
            "The director asked how big the job was.\n\nSo I told stories with "
            "numbers: the tonnage and the weeks saved."
        )
        > 0
    )
    assert (
        learned_sense(
            "The beans at the allotment were late.\n\nMy aunt tells stories "
            "with numbers about the marrows."
        )
        < 0
    )


def test_a_post_not_tagged_yet_says_nothing_of_the_sense_of_a_title():
    # Untagged, the gardeners' posts are posts not read yet, not examples
    # of another sense: with no example of one, the check adds nothing.
    associations = learn(
        _with_the_title_said(text, slugs if slugs == [LESSON] else [])
        for text, slugs in SAID_IN_BOTH_SENSES
    )
    assert LESSON in associations.in_sense
    assert LESSON not in associations.otherwise
    found = sentences(post("My aunt tells stories with numbers about marrows."))
    read = associations.read(found)
    assert associations.learned_sense(LESSON, read, [0], {"tell", "stori"}) == 0.0
