"""The index of conflicting pairs (claims.analysis.pairs) finds exactly the disputes of comparing every pair.

Topics are generated from invented actors and words: claims with random stances (targets, denials,
predicates, figures, evaluations), several documents and paragraphs, sides with parents."""

from __future__ import annotations

import random

import pytest

from claims.analysis.disputes import find_disputes
from claims.analysis.facts import ClaimFacts
from claims.analysis.pairs import StanceKeys
from claims.analysis.stance import claim_stances
from claims.analysis.topics import Topic
from claims.types import ActorRef, ClaimParse, ParsedStance, StanceTarget

ACTORS = ["Norvale", "Ostrand", "Quillport", "Bramholt", "Sefton Union", "Vexley Group", "Marrow Party"]
WORDS = ["harbour", "levy", "strike", "convoy", "tariff", "bridge", "permit", "flood", "audit", "ferry"]
VIAS = ["accuse", "blame", "by", "responsible", "fail", "it was", "not deliver"]


def _refs() -> dict[str, ActorRef]:
    norvale = ActorRef("Norvale", "country")
    return {
        "Norvale": norvale,
        "Ostrand": ActorRef("Ostrand", "country"),
        "Quillport": ActorRef("Quillport", "government", norvale),
        "Bramholt": ActorRef("Bramholt", "government", ActorRef("Ostrand", "country")),
        "Sefton Union": ActorRef("Sefton Union", "organisation"),
        "Vexley Group": ActorRef("Vexley Group", "company"),
        "Marrow Party": ActorRef("Marrow Party", "party", norvale),
    }


def _stance(rng: random.Random) -> ParsedStance:
    def words(k: int) -> tuple[str, ...]:
        return tuple(rng.sample(WORDS, rng.randint(0, k)))

    targets = []
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
        name = rng.choice([*ACTORS, "the " + rng.choice(WORDS)])
        via = rng.choice(VIAS)
        targets.append(StanceTarget(name, via, words(2), needs_other_actor=via.startswith("not ")))
    denials = tuple(rng.sample(["denied", "false", "baseless"], rng.choice([0, 0, 0, 1])))
    predicates = tuple((rng.choice(WORDS[:4]), rng.random() < 0.3, words(2)) for _ in range(rng.randint(0, 2)))
    numbers = {f"count:{w}": (str(rng.randint(1, 4)),) for w in words(1)} if rng.random() < 0.3 else {}
    evaluations = tuple((rng.choice([1, -1]), words(2)) for _ in range(rng.choice([0, 0, 1])))
    own = " and ".join(rng.sample(ACTORS, rng.choice([0, 0, 1]))) or "they"
    return ParsedStance(
        targets=tuple(targets),
        denials=denials,
        predicates=predicates,
        numbers=numbers,
        lemmas=words(3),
        own_text=f"{own} said so",
        evaluations=evaluations,
        refers_back=bool(denials) and rng.random() < 0.5,
        calls=tuple(rng.sample(["resign", "leave", "reopen"], rng.choice([0, 0, 0, 1]))),
        refusals=tuple(rng.sample(["resign", "leave", "reopen"], rng.choice([0, 0, 0, 1]))),
    )


def generated_topics(seed: int, n_claims: int = 160, n_topics: int = 4) -> tuple[list[Topic], list[ClaimFacts]]:
    rng = random.Random(seed)
    claims = []
    for i in range(n_claims):
        doc = f"doc{rng.randrange(6)}"
        paragraph = rng.randrange(8)
        start = paragraph * 100 + rng.randrange(3) * 30
        actor = rng.choice([*ACTORS, None])
        content = (start + 5, start + 25)
        claims.append(
            ClaimFacts(
                claim_id=i,
                doc_id=doc,
                content=content,
                sentence=(start, start + 30),
                content_text="x" * 20,
                sentence_text="x" * 30,
                speaker=f"{actor} spokesperson" if actor else None,
                actor=actor,
                paragraph=paragraph,
                confidence=round(rng.random(), 2),
                parse=ClaimParse(weights={"w": 1.0}, stance=_stance(rng), spans=(content, None)),
            )
        )
    topics = [Topic(id=k, label=f"t{k}", claim_ids=[]) for k in range(n_topics)]
    for c in claims:
        topics[rng.randrange(n_topics)].claim_ids.append(c.claim_id)
    return topics, claims


@pytest.mark.parametrize("n_topics", [4, 60])
@pytest.mark.parametrize("seed", range(8))
def test_indexed_pairs_find_the_disputes_of_all_pairs(seed: int, n_topics: int) -> None:
    """Few big topics, and many small ones (which the conflicts between claims of one document link)."""
    topics, claims = generated_topics(seed, n_topics=n_topics)
    refs = _refs()
    brute = find_disputes(topics, claims, actor_refs=refs, exhaustive=True)
    indexed = find_disputes(topics, claims, actor_refs=refs)
    assert indexed == brute
    assert brute, "the generated topics hold disputes"


def test_generated_topics_cover_every_kind() -> None:
    """The identity check means something: across the seeds the disputes use every kind of conflict."""
    kinds: set[str] = set()
    for seed in range(12):
        topics, claims = generated_topics(seed)
        for d in find_disputes(topics, claims, actor_refs=_refs(), exhaustive=True):
            kinds.update(d.kinds)
    assert kinds >= {"mutual_blame", "blame", "rebuttal", "denial", "numbers", "evaluation", "polarity"}


def test_stances_without_shared_keys_cannot_conflict() -> None:
    topics, claims = generated_topics(0)
    stances = claim_stances(claims)
    keys = {cid: StanceKeys.of(s) for cid, s in stances.items()}
    plain = [k for k in keys.values() if not k.always]
    assert plain
    a = plain[0]
    assert not a.may_conflict(
        StanceKeys(False, False, frozenset(), "d", frozenset(), frozenset(), frozenset(), frozenset())
    )
    assert a.may_conflict(StanceKeys(True, True, frozenset(), "d", frozenset(), frozenset(), frozenset(), frozenset()))
