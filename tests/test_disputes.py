"""Disputes between actors, on invented sentences (fictional countries and cities), and on the example article."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from claims.analysis.disputes import Dispute, find_disputes
from claims.analysis.facts import ClaimFacts, facts_from_analysis
from claims.analysis.sides import actors_of
from claims.analysis.stance import load_conflict_cues
from claims.analysis.topics import Topic, group_topics
from tests.dispute_support import make_claim
from tests.nlp_support import analyzer, nlp

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
V, K, L = "Valdoria", "Kestrania", "Lumeria"
S_MINISTRY = "Valdoria's interior ministry accused the construction company of negligence over the bridge collapse."


def run(text: str, claims: list[ClaimFacts], doc_id: str = "d") -> tuple[list[Topic], list[Dispute]]:
    texts = {doc_id: text}
    topics = group_topics(claims, texts, nlp=nlp())
    return topics, find_disputes(topics, claims, texts, nlp=nlp())


def one_topic(claims: list[ClaimFacts]) -> list[Topic]:
    return [Topic(id=0, label="test", claim_ids=[c.claim_id for c in claims])]


def test_conflict_cues_load_typed() -> None:
    cues = load_conflict_cues()
    assert "accuse" in cues.blame_verbs and "deny" in cues.denial_verbs and "falsely" in cues.falsity_words
    assert cues.kind_priority[0] == "mutual_blame"
    assert set(cues.kind_confidence) >= {"blame", "denial", "rebuttal", "polarity", "numbers", "mutual_blame"}


def test_blame_different_culprits() -> None:
    text = (
        "Fire guts warehouse in Halvik\n\n"
        "A warehouse at the port of Halvik burned down on Friday.\n\n"
        "Marrow blamed smugglers for the fire at the port, while Tessin accused the port authority of negligence."
    )
    sent = "Marrow blamed smugglers for the fire at the port, while Tessin accused the port authority of negligence."
    claims = [
        make_claim(
            0,
            "d",
            text,
            sentence=sent,
            content="smugglers for the fire at the port",
            source="Marrow",
            cue="blamed",
            actor=V,
        ),
        make_claim(
            1,
            "d",
            text,
            sentence=sent,
            content="the port authority of negligence",
            source="Tessin",
            cue="accused",
            actor=K,
        ),
    ]
    _, disputes = run(text, claims)
    assert len(disputes) == 1
    d = disputes[0]
    assert d.kind == "blame"
    assert d.sides == {V: [0], K: [1]}
    assert "smugglers" in d.reason and "the port authority" in d.reason
    assert 0 < d.confidence <= 1 and d.status == "auto"


def test_mutual_blame() -> None:
    text = (
        "Border talks collapse\n\n"
        "Valdoria said Kestrania failed to withdraw its troops from the border zone as promised.\n\n"
        "Kestrania said Valdoria refused to reopen the border crossings."
    )
    s1 = "Valdoria said Kestrania failed to withdraw its troops from the border zone as promised."
    s2 = "Kestrania said Valdoria refused to reopen the border crossings."
    claims = [
        make_claim(
            0,
            "d",
            text,
            sentence=s1,
            content="Kestrania failed to withdraw its troops from the border zone as promised",
            source="Valdoria",
            cue="said",
            actor=V,
        ),
        make_claim(
            1,
            "d",
            text,
            sentence=s2,
            content="Valdoria refused to reopen the border crossings",
            source="Kestrania",
            cue="said",
            actor=K,
        ),
    ]
    topics, disputes = run(text, claims)
    assert len(topics) == 1
    assert len(disputes) == 1 and disputes[0].kind == "mutual_blame"
    assert set(disputes[0].sides) == {V, K}


def test_mutual_blame_grouped_despite_different_words() -> None:
    """Two actors blaming each other in adjacent sentences form one exchange even with no shared words."""
    text = (
        "Valdoria said Kestrania did not deliver the promised grain shipments.\n\n"
        "Kestrania accused Valdoria of failing to pay for fuel, and of blocking rail traffic."
    )
    claims = [
        make_claim(
            0,
            "d",
            text,
            sentence="Valdoria said Kestrania did not deliver the promised grain shipments.",
            content="Kestrania did not deliver the promised grain shipments",
            source="Valdoria",
            cue="said",
            actor=V,
        ),
        make_claim(
            1,
            "d",
            text,
            sentence="Kestrania accused Valdoria of failing to pay for fuel, and of blocking rail traffic.",
            content="Valdoria of failing to pay for fuel, and of blocking rail traffic",
            source="Kestrania",
            cue="accused",
            actor=K,
        ),
    ]
    topics, disputes = run(text, claims)
    assert len(topics) == 1
    assert [d.kind for d in disputes] == ["mutual_blame"]


def test_denial() -> None:
    text = (
        "Reservoir scare\n\n"
        "Valdoria said rebels had poisoned the reservoir near Tessin.\n\n"
        "Kestrania dismissed the reports of a poisoned reservoir as baseless."
    )
    claims = [
        make_claim(
            0,
            "d",
            text,
            sentence="Valdoria said rebels had poisoned the reservoir near Tessin.",
            content="rebels had poisoned the reservoir near Tessin",
            source="Valdoria",
            cue="said",
            actor=V,
        ),
        make_claim(
            1,
            "d",
            text,
            sentence="Kestrania dismissed the reports of a poisoned reservoir as baseless.",
            content="the reports of a poisoned reservoir as baseless",
            source="Kestrania",
            cue="dismissed",
            actor=K,
        ),
    ]
    topics, disputes = run(text, claims)
    assert len(topics) == 1
    assert len(disputes) == 1 and disputes[0].kind == "denial"
    assert "baseless" in disputes[0].reason or "dismissed" in disputes[0].reason


def test_rebuttal_names_the_other_side() -> None:
    text = (
        "Airliner crash\n\n"
        "Valdoria accused Kestrania of shooting down the airliner.\n\n"
        "Kestrania said the accusations by Valdoria about the airliner were false and cynical."
    )
    claims = [
        make_claim(
            0,
            "d",
            text,
            sentence="Valdoria accused Kestrania of shooting down the airliner.",
            content="Kestrania of shooting down the airliner",
            source="Valdoria",
            cue="accused",
            actor=V,
        ),
        make_claim(
            1,
            "d",
            text,
            sentence="Kestrania said the accusations by Valdoria about the airliner were false and cynical.",
            content="the accusations by Valdoria about the airliner were false and cynical",
            source="Kestrania",
            cue="said",
            actor=K,
        ),
    ]
    topics, disputes = run(text, claims)
    assert len(topics) == 1
    assert len(disputes) == 1 and disputes[0].kind == "rebuttal"
    assert "false" in disputes[0].reason


def test_polarity() -> None:
    text = (
        "River crossing\n\n"
        "Valdoria said Kestranian troops crossed the river at dawn.\n\n"
        "Kestrania said its troops did not cross the river."
    )
    claims = [
        make_claim(
            0,
            "d",
            text,
            sentence="Valdoria said Kestranian troops crossed the river at dawn.",
            content="Kestranian troops crossed the river at dawn",
            source="Valdoria",
            cue="said",
            actor=V,
        ),
        make_claim(
            1,
            "d",
            text,
            sentence="Kestrania said its troops did not cross the river.",
            content="its troops did not cross the river",
            source="Kestrania",
            cue="said",
            actor=K,
        ),
    ]
    _, disputes = run(text, claims)
    assert len(disputes) == 1 and disputes[0].kind == "polarity"
    assert "cross" in disputes[0].reason


def test_numbers() -> None:
    text = (
        "Refinery blast\n\n"
        "Valdoria said 12 workers were killed in the refinery explosion.\n\n"
        "Kestrania said 45 workers were killed in the explosion at the refinery."
    )
    claims = [
        make_claim(
            0,
            "d",
            text,
            sentence="Valdoria said 12 workers were killed in the refinery explosion.",
            content="12 workers were killed in the refinery explosion",
            source="Valdoria",
            cue="said",
            actor=V,
        ),
        make_claim(
            1,
            "d",
            text,
            sentence="Kestrania said 45 workers were killed in the explosion at the refinery.",
            content="45 workers were killed in the explosion at the refinery",
            source="Kestrania",
            cue="said",
            actor=K,
        ),
    ]
    _, disputes = run(text, claims)
    assert len(disputes) == 1 and disputes[0].kind == "numbers"
    assert "12" in disputes[0].reason and "45" in disputes[0].reason


def test_agreement_is_not_a_dispute() -> None:
    text = (
        "Port fire\n\n"
        "Valdoria blamed smugglers for the fire at the port of Halvik.\n\n"
        "Kestrania also blamed smugglers for the fire and said 12 workers were hurt.\n\n"
        "Lumeria said 12 workers were hurt in the fire at the port."
    )
    claims = [
        make_claim(
            0,
            "d",
            text,
            sentence="Valdoria blamed smugglers for the fire at the port of Halvik.",
            content="smugglers for the fire at the port of Halvik",
            source="Valdoria",
            cue="blamed",
            actor=V,
        ),
        make_claim(
            1,
            "d",
            text,
            sentence="Kestrania also blamed smugglers for the fire and said 12 workers were hurt.",
            content="smugglers for the fire",
            source="Kestrania",
            cue="blamed",
            actor=K,
        ),
        make_claim(
            2,
            "d",
            text,
            sentence="Kestrania also blamed smugglers for the fire and said 12 workers were hurt.",
            content="12 workers were hurt",
            source="Kestrania",
            cue="said",
            actor=K,
        ),
        make_claim(
            3,
            "d",
            text,
            sentence="Lumeria said 12 workers were hurt in the fire at the port.",
            content="12 workers were hurt in the fire at the port",
            source="Lumeria",
            cue="said",
            actor=L,
        ),
    ]
    topics, disputes = run(text, claims)
    assert len(topics) == 1
    assert disputes == []
    assert find_disputes(one_topic(claims), claims, {"d": text}, nlp=nlp()) == []


def test_different_topics_are_not_a_dispute() -> None:
    text = (
        "News in brief\n\n"
        "Valdoria blamed smugglers for the fire at the port of Halvik.\n\n"
        "The harbour master's office was closed on Monday.\n\n"
        "Kestrania's wheat harvest is expected to be small this year.\n\n"
        "Kestrania said the drought had not reduced its wheat exports."
    )
    claims = [
        make_claim(
            0,
            "d",
            text,
            sentence="Valdoria blamed smugglers for the fire at the port of Halvik.",
            content="smugglers for the fire at the port of Halvik",
            source="Valdoria",
            cue="blamed",
            actor=V,
        ),
        make_claim(
            1,
            "d",
            text,
            sentence="Kestrania said the drought had not reduced its wheat exports.",
            content="the drought had not reduced its wheat exports",
            source="Kestrania",
            cue="said",
            actor=K,
        ),
    ]
    topics, disputes = run(text, claims)
    assert len(topics) == 2
    assert disputes == []


def test_each_side_speaking_for_itself_is_not_a_polarity_dispute() -> None:
    text = (
        "Summit plans\n\n"
        "Valdoria said it would not attend the water summit in Tessin.\n\n"
        "Kestrania said it would attend the water summit."
    )
    claims = [
        make_claim(0, "d", text, sentence="Valdoria said it would not attend the water summit in Tessin.",
                   content="it would not attend the water summit in Tessin", source="Valdoria", cue="said", actor=V),
        make_claim(1, "d", text, sentence="Kestrania said it would attend the water summit.",
                   content="it would attend the water summit", source="Kestrania", cue="said", actor=K),
    ]  # fmt: skip
    topics, disputes = run(text, claims)
    assert len(topics) == 1
    assert disputes == []


def test_same_actor_is_not_a_dispute() -> None:
    text = (
        "Bridge collapse\n\n"
        "Valdoria blamed rebels for the collapse of the Tessin bridge.\n\n"
        "Valdoria's interior ministry accused the construction company of negligence over the bridge collapse."
    )
    claims = [
        make_claim(
            0,
            "d",
            text,
            sentence="Valdoria blamed rebels for the collapse of the Tessin bridge.",
            content="rebels for the collapse of the Tessin bridge",
            source="Valdoria",
            cue="blamed",
            actor=V,
        ),
        make_claim(
            1,
            "d",
            text,
            sentence=S_MINISTRY,
            content="the construction company of negligence over the bridge collapse",
            source="Valdoria's interior ministry",
            cue="accused",
            actor=V,
        ),
    ]
    topics, disputes = run(text, claims)
    assert len(topics) == 1
    assert disputes == []


def test_claims_without_actor_take_no_side() -> None:
    text = (
        "Bridge collapse\n\n"
        "Valdoria blamed rebels for the collapse of the Tessin bridge.\n\n"
        "A local engineer blamed the construction company for the bridge collapse."
    )
    claims = [
        make_claim(
            0,
            "d",
            text,
            sentence="Valdoria blamed rebels for the collapse of the Tessin bridge.",
            content="rebels for the collapse of the Tessin bridge",
            source="Valdoria",
            cue="blamed",
            actor=V,
        ),
        make_claim(
            1,
            "d",
            text,
            sentence="A local engineer blamed the construction company for the bridge collapse.",
            content="the construction company for the bridge collapse",
            source="A local engineer",
            cue="blamed",
        ),
    ]
    assert find_disputes(one_topic(claims), claims, {"d": text}, nlp=nlp()) == []


def test_person_with_actor_counts_for_that_actor() -> None:
    """A claim whose speaker is a person carries that person's actor; the side is the actor."""
    text = (
        "Bridge collapse\n\n"
        "Valdoria blamed rebels for the collapse of the Tessin bridge.\n\n"
        "Kestrania's foreign minister Ilsa Brandt said Valdorian engineers were responsible for the collapse."
    )
    s2 = "Kestrania's foreign minister Ilsa Brandt said Valdorian engineers were responsible for the collapse."
    claims = [
        make_claim(
            0,
            "d",
            text,
            sentence="Valdoria blamed rebels for the collapse of the Tessin bridge.",
            content="rebels for the collapse of the Tessin bridge",
            source="Valdoria",
            cue="blamed",
            actor=V,
        ),
        make_claim(
            1,
            "d",
            text,
            sentence=s2,
            content="Valdorian engineers were responsible for the collapse",
            source="Kestrania's foreign minister Ilsa Brandt",
            cue="said",
            speaker="Ilsa Brandt",
            actor=K,
        ),
    ]
    _, disputes = run(text, claims)
    assert len(disputes) == 1 and disputes[0].kind == "blame"
    assert disputes[0].sides == {V: [0], K: [1]}


# ---------------------------------------------------------------------------------------------- example


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def test_example_article_end_to_end() -> None:
    text = (REPO / "examples" / "seed_article.txt").read_text(encoding="utf-8")
    a = analyzer()
    analysis = a.analyze(text)
    facts = facts_from_analysis("example", analysis)
    topics = group_topics(facts, {"example": text}, nlp=a.nlp)
    # with the actors' parents, as the services pass them (the Russian Foreign Ministry is Russia's side)
    disputes = find_disputes(topics, facts, {"example": text}, nlp=a.nlp, actor_refs=actors_of(analysis.claims))
    by_id = {f.claim_id: f for f in facts}
    # every dispute is Russia against the United States
    for d in disputes:
        assert set(d.sides) == {"Russia", "United States"}
    assert 2 <= len(disputes) <= 3
    for t in topics:
        assert 1 <= len(t.label.split()) <= 6
    gold_path = SHARED / "eval" / "seed_gold.json"
    if not gold_path.exists():
        pytest.skip("../shared/eval/seed_gold.json is absent: the gold comparison is skipped")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    spans = {a["id"]: [(s["start"], s["end"]) for s in a["content"]] for a in gold["attributions"]}

    def matches(d: Dispute, g: dict) -> bool:
        return all(
            any(_overlaps(by_id[cid].content, sp) for cid in d.sides.get(actor, []) for gid in ids for sp in spans[gid])
            for actor, ids in g["sides"].items()
        )

    used: set[int] = set()
    for g in gold["disputes"]:
        hit = next((i for i, d in enumerate(disputes) if i not in used and matches(d, g)), None)
        assert hit is not None, f"gold dispute not found: {g['topic']}"
        used.add(hit)
    assert len(disputes) - len(used) <= 1


# ------------------------------------------------------------------- conflicts between sides of any kind

UNION, BOARD, PROF = "Harbour Porters Union", "Port Board", "Mira Solenne"


def test_evaluation_against_opposite_evaluation() -> None:
    text = (
        "Port closes night shift\n\n"
        "The Harbour Porters Union called the closure unjustified.\n\n"
        "The Port Board said the closure was fully justified."
    )
    claims = [
        make_claim(
            0,
            "d",
            text,
            sentence="The Harbour Porters Union called the closure unjustified.",
            content="the closure unjustified",
            source="The Harbour Porters Union",
            cue="called",
            actor=UNION,
        ),
        make_claim(
            1,
            "d",
            text,
            sentence="The Port Board said the closure was fully justified.",
            content="the closure was fully justified",
            source="The Port Board",
            cue="said",
            actor=BOARD,
        ),
    ]
    disputes = find_disputes(one_topic(claims), claims, {"d": text}, nlp=nlp())
    assert len(disputes) == 1 and "evaluation" in disputes[0].kinds
    assert set(disputes[0].sides) == {UNION, BOARD}


def test_same_evaluation_across_sides_is_agreement() -> None:
    text = (
        "Port opens shuttle\n\n"
        "The Harbour Porters Union said the shuttle was a sensible step.\n\n"
        "The Port Board said the shuttle was sensible."
    )
    claims = [
        make_claim(
            0,
            "d",
            text,
            sentence="The Harbour Porters Union said the shuttle was a sensible step.",
            content="the shuttle was a sensible step",
            source="The Harbour Porters Union",
            cue="said",
            actor=UNION,
        ),
        make_claim(
            1,
            "d",
            text,
            sentence="The Port Board said the shuttle was sensible.",
            content="the shuttle was sensible",
            source="The Port Board",
            cue="said",
            actor=BOARD,
        ),
    ]
    assert find_disputes(one_topic(claims), claims, {"d": text}, nlp=nlp()) == []


def test_evaluation_words_read_at_ingest_with_negation() -> None:
    from claims.nlp.stance import read_stance

    doc = nlp()("The board said the fine was not fair.")
    own = [t for t in doc if t.i >= 4]
    (polarity, about), *_ = read_stance(doc, own).evaluations
    assert polarity == -1 and "fine" in about


def test_conflict_across_topics_of_one_document_is_found() -> None:
    """A denial the topics put apart from the claim it answers: compared as one topic."""
    text = (
        "Porters strike over pay\n\n"
        "The Harbour Porters Union said the pay offer was unfair to porters.\n\n"
        "Weather delayed two ferries on Tuesday.\n\n"
        "The Port Board said the pay offer was fair."
    )
    claims = [
        make_claim(
            0,
            "d",
            text,
            sentence="The Harbour Porters Union said the pay offer was unfair to porters.",
            content="the pay offer was unfair to porters",
            source="The Harbour Porters Union",
            cue="said",
            actor=UNION,
        ),
        make_claim(
            1,
            "d",
            text,
            sentence="The Port Board said the pay offer was fair.",
            content="the pay offer was fair",
            source="The Port Board",
            cue="said",
            actor=BOARD,
        ),
    ]
    apart = [Topic(id=0, label="a", claim_ids=[0]), Topic(id=1, label="b", claim_ids=[1])]
    disputes = find_disputes(apart, claims, {"d": text}, nlp=nlp())
    assert len(disputes) == 1 and set(disputes[0].sides) == {UNION, BOARD}
    # the same two claims in two documents are not tied together by this
    other = text.replace("Port Board", "Port Boards")
    claims[1] = make_claim(
        1,
        "e",
        other,
        sentence="The Port Boards said the pay offer was fair.",
        content="the pay offer was fair",
        source="The Port Boards",
        cue="said",
        actor=BOARD,
    )
    assert find_disputes(apart, claims, {"d": text, "e": other}, nlp=nlp()) == []


def test_rebuttal_calling_figures_wrong() -> None:
    text = (
        "Porters' figures disputed\n\n"
        "The Harbour Porters Union said pay had fallen by 6%.\n\n"
        "The Port Board said the figures were simply wrong."
    )
    claims = [
        make_claim(
            0,
            "d",
            text,
            sentence="The Harbour Porters Union said pay had fallen by 6%.",
            content="pay had fallen by 6%",
            source="The Harbour Porters Union",
            cue="said",
            actor=UNION,
        ),
        make_claim(
            1,
            "d",
            text,
            sentence="The Port Board said the figures were simply wrong.",
            content="the figures were simply wrong",
            source="The Port Board",
            cue="said",
            actor=BOARD,
        ),
    ]
    disputes = find_disputes(one_topic(claims), claims, {"d": text}, nlp=nlp())
    assert len(disputes) == 1 and set(disputes[0].sides) == {UNION, BOARD}


TWO_QUARRELS = (
    "Flood relief row\n\n"
    "Valdoria said the curfew was justified.\n\n"
    "Kestrania said the curfew was unjustified.\n\n"
    "The Harbour Porters Union said the pay offer was unfair to porters.\n\n"
    "The Port Board said the pay offer was fair."
)


def _claims_of(text: str, pieces: list[tuple[str, str, str, str]]) -> list[ClaimFacts]:
    """Claims (sentence, content, source, actor) of one document, cue "said", numbered in order."""
    return [
        make_claim(i, "d", text, sentence=s, content=c, source=src, cue="said", actor=a)
        for i, (s, c, src, a) in enumerate(pieces)
    ]


CONVOY = [
    ("Valdoria said the curfew was justified.", "the curfew was justified", "Valdoria", V),
    ("Kestrania said the curfew was unjustified.", "the curfew was unjustified", "Kestrania", K),
]
PAY = [
    (
        "The Harbour Porters Union said the pay offer was unfair to porters.",
        "the pay offer was unfair to porters",
        "The Harbour Porters Union",
        UNION,
    ),
    ("The Port Board said the pay offer was fair.", "the pay offer was fair", "The Port Board", BOARD),
]


def test_two_separate_conflicts_in_one_topic_are_two_disputes() -> None:
    """Two pairs of sides with nothing in common, quarrelling in one topic: each pair is a dispute."""
    claims = _claims_of(TWO_QUARRELS, CONVOY + PAY)
    disputes = find_disputes(one_topic(claims), claims, {"d": TWO_QUARRELS}, nlp=nlp())
    by_pair = {frozenset(d.sides): d for d in disputes}
    assert len(disputes) == 2 and set(by_pair) == {frozenset({V, K}), frozenset({UNION, BOARD})}
    assert all(d.kind == "evaluation" and d.topic_id == 0 for d in disputes)
    assert sorted(by_pair[frozenset({V, K})].claim_ids) == [0, 1]
    assert sorted(by_pair[frozenset({UNION, BOARD})].claim_ids) == [2, 3]
    # found again the same way (a reviewer's decision is kept by the claims a dispute holds)
    again = find_disputes(one_topic(claims), claims, {"d": TWO_QUARRELS}, nlp=nlp())
    assert [(d.sides, d.kind, d.reason) for d in again] == [(d.sides, d.kind, d.reason) for d in disputes]


def test_conflicts_sharing_a_side_stay_one_dispute() -> None:
    """One side at odds with two others in one topic is one dispute of three sides, not two."""
    text = TWO_QUARRELS + "\n\nLumeria said the curfew was unjustified."
    lumeria = ("Lumeria said the curfew was unjustified.", "the curfew was unjustified", "Lumeria", L)
    claims = _claims_of(text, [*CONVOY, lumeria])
    disputes = find_disputes(one_topic(claims), claims, {"d": text}, nlp=nlp())
    assert len(disputes) == 1 and set(disputes[0].sides) == {V, K, L}


def _lexicon_case(union_says: str, board_says: str, board: str = BOARD) -> list[Dispute]:
    text = f"Harbour ferry row\n\nThe Harbour Porters Union said {union_says}.\n\nThe Port Board said {board_says}."
    claims = _claims_of(
        text,
        [
            (f"The Harbour Porters Union said {union_says}.", union_says, "The Harbour Porters Union", UNION),
            (f"The Port Board said {board_says}.", board_says, "The Port Board", board),
        ],
    )
    return find_disputes(one_topic(claims), claims, {"d": text}, nlp=nlp())


def test_opinion_words_of_the_sentiment_lexicon_evaluate() -> None:
    """Adjectives the conflict cues do not list, rated by the opinion lexicon: opposite ones about one thing
    are a dispute; the same opinion, or one side saying both, is not; nor are opinions of different things."""
    from claims.nlp.stance import read_stance

    doc = nlp()("The union said the new ferry timetable was horrible.")
    own = [t for t in doc if t.i >= 3]
    assert [(p, "timetable" in about) for p, about in read_stance(doc, own).evaluations] == [(-1, True)]
    off = replace(load_conflict_cues(), evaluation_valence=0.0)
    assert read_stance(doc, own, off).evaluations == ()

    (dispute,) = _lexicon_case("the new ferry timetable was horrible", "the new ferry timetable was wonderful")
    assert dispute.kind == "evaluation" and set(dispute.sides) == {UNION, BOARD}
    assert "timetable" in dispute.reason
    assert _lexicon_case("the new ferry timetable was wonderful", "the new ferry timetable was great") == []
    assert _lexicon_case("the new ferry timetable was horrible", "the new ferry timetable was wonderful", UNION) == []
    assert _lexicon_case("the new ferry timetable was horrible", "the harbour canteen was wonderful") == []
