"""Grouping claims into topics, on invented texts (fictional places and events)."""

from __future__ import annotations

import dataclasses

import pytest

from claims.analysis.facts import ClaimFacts, facts_from_analysis
from claims.analysis.topics import group_topics
from tests.dispute_support import make_claim
from tests.nlp_support import analyzer, nlp


def topic_of(topics, claim_id):  # type: ignore[no-untyped-def]
    return next(t for t in topics if claim_id in t.claim_ids)


def test_claim_facts_is_frozen_plain_data() -> None:
    text = "Valdoria said the dam was safe."
    c = make_claim(
        0, "d", text, sentence=text, content="the dam was safe", source="Valdoria", cue="said", actor="Valdoria"
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.actor = "Kestrania"  # type: ignore[misc]
    assert c.content_text == "the dam was safe" and c.cue_text == "said" and c.paragraph == 0


def test_facts_from_analysis() -> None:
    text = "Dam row\n\nThe Valdorian government said the dam on the Ister river was safe.\n\nThe weather was mild."
    analysis = analyzer().analyze(text)
    facts = facts_from_analysis("doc-1", analysis)
    assert [f.claim_id for f in facts] == list(range(len(analysis.claims)))
    for f, c in zip(facts, analysis.claims, strict=True):
        assert f.doc_id == "doc-1"
        assert f.content == (c.content.start, c.content.end)
        assert f.content_text == text[c.content.start : c.content.end]
        assert f.sentence_text == text[c.sentence.start : c.sentence.end]
        assert f.sentence_index is not None
        assert f.actor == (c.speaker.actor if c.speaker else None)
    assert facts_from_analysis("doc-2", analysis, first_id=10)[0].claim_id == 10
    with pytest.raises(ValueError):
        group_topics(facts + facts_from_analysis("doc-2", analysis), {"doc-1": text, "doc-2": text}, nlp=nlp())


def test_definite_description_refers_to_the_previous_sentence() -> None:
    text = (
        "Ferry disaster\n\n"
        "A ferry carrying 200 passengers sank off the coast of Morvia on Sunday.\n\n"
        "The Morvian navy blamed a sudden storm for the incident.\n\n"
        "Separately, the Morvian central bank raised interest rates by half a point.\n\n"
        "The finance minister said inflation would fall next year.\n\n"
        "Unions announced a general strike over pensions in the capital.\n\n"
        "The Kestranian coast guard said the ferry sank because it had been badly overloaded."
    )
    claims = [
        make_claim(
            0,
            "d",
            text,
            sentence="The Morvian navy blamed a sudden storm for the incident.",
            content="a sudden storm for the incident",
            source="The Morvian navy",
            cue="blamed",
            actor="Morvia",
        ),
        make_claim(
            1,
            "d",
            text,
            sentence="The finance minister said inflation would fall next year.",
            content="inflation would fall next year",
            source="The finance minister",
            cue="said",
            actor="Morvia",
        ),
        make_claim(
            2,
            "d",
            text,
            sentence="The Kestranian coast guard said the ferry sank because it had been badly overloaded.",
            content="the ferry sank because it had been badly overloaded",
            source="The Kestranian coast guard",
            cue="said",
            actor="Kestrania",
        ),
    ]
    topics = group_topics(claims, {"d": text}, nlp=nlp())
    assert topic_of(topics, 0) is topic_of(topics, 2)
    assert topic_of(topics, 1) is not topic_of(topics, 0)
    # without the antecedent sentence, nothing ties "the incident" to the ferry
    cut = text.replace("A ferry carrying 200 passengers sank off the coast of Morvia on Sunday.", "Nothing happened.")
    claims_cut = [
        make_claim(
            c.claim_id,
            "d",
            cut,
            sentence=c.sentence_text,
            content=c.content_text,
            source=None,
            actor=c.actor,
            speaker=c.speaker,
        )
        for c in claims
    ]
    topics_cut = group_topics(claims_cut, {"d": cut}, nlp=nlp())
    assert topic_of(topics_cut, 0) is not topic_of(topics_cut, 2)
    # the antecedent sentence, when it is a claim itself, joins the topic
    antecedent = make_claim(
        3,
        "d",
        text,
        sentence="A ferry carrying 200 passengers sank off the coast of Morvia on Sunday.",
        content="A ferry carrying 200 passengers sank off the coast of Morvia on Sunday",
    )
    topics = group_topics([*claims, antecedent], {"d": text}, nlp=nlp())
    assert topic_of(topics, 3) is topic_of(topics, 0)


def test_event_verb_and_event_noun_meet() -> None:
    """'suspended the talks' and 'the suspension of the talks' name one event."""
    text = (
        "Talks halted\n\n"
        "Valdoria said it suspended the trade talks with Kestrania.\n\n"
        "Tourism rose sharply in the northern provinces, officials said.\n\n"
        "Farmers protested against new water quotas in the south.\n\n"
        "Kestrania called the suspension of the trade talks a mistake."
    )
    claims = [
        make_claim(
            0,
            "d",
            text,
            sentence="Valdoria said it suspended the trade talks with Kestrania.",
            content="it suspended the trade talks with Kestrania",
            source="Valdoria",
            cue="said",
            actor="Valdoria",
        ),
        make_claim(
            1,
            "d",
            text,
            sentence="Tourism rose sharply in the northern provinces, officials said.",
            content="Tourism rose sharply in the northern provinces",
            source="officials",
            cue="said",
        ),
        make_claim(
            2,
            "d",
            text,
            sentence="Kestrania called the suspension of the trade talks a mistake.",
            content="the suspension of the trade talks a mistake",
            source="Kestrania",
            cue="called",
            actor="Kestrania",
        ),
    ]
    topics = group_topics(claims, {"d": text}, nlp=nlp())
    assert topic_of(topics, 0) is topic_of(topics, 2)
    assert topic_of(topics, 1) is not topic_of(topics, 0)
    label = topic_of(topics, 0).label
    assert 1 <= len(label.split()) <= 6
    assert all(word.lower() in text.lower() for word in label.split())


def test_topics_across_two_documents() -> None:
    t1 = (
        "Steel strike\n\n"
        "Workers at the Halvik steel plant walked out on Monday.\n\n"
        "The Valdorian labour ministry said the strike at the Halvik steel plant was illegal.\n\n"
        "Valdoria's football team won the regional cup final, the league said."
    )
    t2 = (
        "Plant stoppage continues\n\n"
        "Kestrania said the Halvik steel plant strike would delay its railway orders.\n\n"
        "Kestranian scientists said a new comet would be visible in the northern sky."
    )
    a = [
        make_claim(
            "a0",
            "one",
            t1,
            sentence="The Valdorian labour ministry said the strike at the Halvik steel plant was illegal.",
            content="the strike at the Halvik steel plant was illegal",
            source="The Valdorian labour ministry",
            cue="said",
            actor="Valdoria",
        ),
        make_claim(
            "a1",
            "one",
            t1,
            sentence="Valdoria's football team won the regional cup final, the league said.",
            content="Valdoria's football team won the regional cup final",
            source="the league",
            cue="said",
        ),
    ]
    b = [
        make_claim(
            "b0",
            "two",
            t2,
            sentence="Kestrania said the Halvik steel plant strike would delay its railway orders.",
            content="the Halvik steel plant strike would delay its railway orders",
            source="Kestrania",
            cue="said",
            actor="Kestrania",
        ),
        make_claim(
            "b1",
            "two",
            t2,
            sentence="Kestranian scientists said a new comet would be visible in the northern sky.",
            content="a new comet would be visible in the northern sky",
            source="Kestranian scientists",
            cue="said",
        ),
    ]
    topics = group_topics(a + b, {"one": t1, "two": t2}, nlp=nlp())
    strike = topic_of(topics, "a0")
    assert "b0" in strike.claim_ids
    assert "a1" not in strike.claim_ids and "b1" not in strike.claim_ids
    assert strike.doc_ids == ["one", "two"]
    assert all(t.status == "auto" for t in topics)
    assert sorted(cid for t in topics for cid in t.claim_ids) == ["a0", "a1", "b0", "b1"]


def test_same_sentence_claims_share_a_topic_and_empty_input() -> None:
    text = "Valdoria said the border was open, while Kestrania said it was closed."
    s = text
    claims = [
        make_claim(
            0, "d", text, sentence=s, content="the border was open", source="Valdoria", cue="said", actor="Valdoria"
        ),
        make_claim(
            1, "d", text, sentence=s, content="it was closed", source="Kestrania", cue="said", actor="Kestrania"
        ),
    ]
    topics = group_topics(claims, {"d": text}, nlp=nlp())
    assert len(topics) == 1 and topics[0].claim_ids == [0, 1]
    assert group_topics([], {}, nlp=nlp()) == []


def test_claims_without_document_text_use_their_sentence() -> None:
    c = ClaimFacts(
        claim_id=7, doc_id="x", content=(0, 10), sentence=(0, 40),
        content_text="the dam is safe", sentence_text="Valdoria said the dam is safe.",
        actor="Valdoria", speaker="Valdoria",
    )  # fmt: skip
    topics = group_topics([c], {}, nlp=nlp())
    assert topics[0].claim_ids == [7]


def _naive_linkage(n: int, sims: dict[tuple[int, int], float], threshold: float, share: float) -> list[list[int]]:
    """Average linkage by rescoring every pair of clusters after each merge (ties: the older pair first)."""
    clusters = {i: [i] for i in range(n)}
    next_name = n
    while True:
        best = None
        for x in clusters:
            for y in clusters:
                if x >= y:
                    continue
                links = [sims.get((min(a, b), max(a, b)), None) for a in clusters[x] for b in clusters[y]]
                links = [s for s in links if s is not None]
                if not links:
                    continue
                avg = sum(links) / (len(clusters[x]) * len(clusters[y]))
                key = (-((1 - share) * avg + share * max(links)), x, y)
                best = key if best is None or key < best else best
        if best is None or -best[0] < threshold:
            break
        _, x, y = best
        clusters[next_name] = clusters.pop(x) + clusters.pop(y)
        next_name += 1
    return sorted((sorted(m) for m in clusters.values()), key=lambda m: m[0])


def test_average_linkage_merges_as_rescoring_every_pair() -> None:
    import random

    from claims.analysis.topics import MAX_LINK_SHARE, average_linkage

    for seed in range(40):
        rng = random.Random(seed)
        n = rng.randint(2, 25)
        sims: dict[tuple[int, int], float] = {}
        for _ in range(rng.randint(1, 3 * n)):
            i, j = sorted(rng.sample(range(n), 2))
            sims[(i, j)] = rng.choice([0.45, 0.12, 0.3, round(rng.random(), 2)])
        assert average_linkage(n, sims, 0.2) == _naive_linkage(n, sims, 0.2, MAX_LINK_SHARE), seed


def test_single_links_across_documents_do_not_chain_topics() -> None:
    from claims.analysis.topics import average_linkage

    # two documents, each a run of claims strongly linked within it, one strong link between them
    sims = {(0, 1): 0.5, (2, 3): 0.5, (1, 2): 0.45}
    assert average_linkage(4, sims, 0.2) == [[0, 1, 2, 3]]
    assert average_linkage(4, sims, 0.2, within=["a", "a", "b", "b"]) == [[0, 1], [2, 3]]
    # one document: the strongest link lets the topic run on, as without documents
    assert average_linkage(4, sims, 0.2, within=["a"] * 4) == [[0, 1, 2, 3]]
    # across documents, claims similar on average still join
    dense = {(0, 2): 0.5, (0, 3): 0.4, (1, 2): 0.45, (1, 3): 0.5, (0, 1): 0.5, (2, 3): 0.5}
    assert average_linkage(4, dense, 0.2, within=["a", "a", "b", "b"]) == [[0, 1, 2, 3]]
