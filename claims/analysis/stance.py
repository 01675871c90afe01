"""A claim's stance with its sides: the parse-level stance read at ingest
(:class:`claims.types.ParsedStance`, :mod:`claims.nlp.stance`) with the actors its targets and denials
name, resolved here from the stored texts against the claims' actors (so a reviewer's corrected actor
counts). Pure logic on plain data: no parse."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from claims.analysis.facts import AliasMatcher, ClaimFacts, ClaimId, DocId, actor_aliases, actors_in
from claims.nlp.stance import KINDS, ConflictCues, DisputeKind, load_conflict_cues

__all__ = ["KINDS", "ConflictCues", "DisputeKind", "Stance", "Target", "claim_stances", "load_conflict_cues"]


@dataclass(frozen=True)
class Target:
    """Who or what a claim holds responsible, and how ("accuse", "fail", "it was", "by")."""

    text: str
    via: str
    lemmas: frozenset[str]
    actors: frozenset[str]


@dataclass
class Stance:
    claim: ClaimFacts
    targets: list[Target] = field(default_factory=list)
    denials: list[str] = field(default_factory=list)  # the words that deny
    rebuts: set[str] = field(default_factory=set)  # actors whose claim this one calls false
    predicates: list[tuple[str, bool, frozenset[str]]] = field(default_factory=list)
    numbers: dict[str, set[str]] = field(default_factory=dict)
    lemmas: frozenset[str] = frozenset()
    evaluations: list[tuple[int, frozenset[str]]] = field(default_factory=list)
    answers: set[ClaimId] = field(default_factory=set)  # the claims a denial that refers back answers
    calls: frozenset[str] = frozenset()  # actions the claim calls for ("resign", "leave")
    refusals: frozenset[str] = frozenset()  # actions it says will not happen ("leave" for "he will stay")

    def blamed_actors(self) -> set[str]:
        return {a for t in self.targets for a in t.actors}


def stance_of(c: ClaimFacts, aliases: Mapping[str, str]) -> Stance:
    """The stance of one claim with stored parse features (see :func:`claims.analysis.facts.ensure_parses`)."""
    if c.parse is None:
        raise ValueError(f"claim {c.claim_id!r} has no parse features (see claims.analysis.facts.ensure_parses)")
    parsed = c.parse.stance
    st = Stance(claim=c, denials=list(parsed.denials), lemmas=frozenset(parsed.lemmas))
    for t in parsed.targets:
        actors = frozenset(actors_in(t.text, aliases))
        if t.needs_other_actor:
            if not actors or actors == {c.actor}:
                continue
        elif not (t.lemmas or actors):
            continue
        st.targets.append(Target(text=t.text, via=t.via, lemmas=frozenset(t.lemmas), actors=actors))
    st.predicates = [(lemma, neg, frozenset(args)) for lemma, neg, args in parsed.predicates]
    st.numbers = {k: set(v) for k, v in parsed.numbers.items()}
    st.evaluations = [(polarity, frozenset(about)) for polarity, about in parsed.evaluations]
    st.calls, st.refusals = frozenset(parsed.calls), frozenset(parsed.refusals)
    if st.denials:
        st.rebuts = {a for a in actors_in(parsed.own_text, aliases) if a != c.actor}
    return st


# A denial that refers back answers a claim at most this many paragraphs before it.
ANSWER_PARAGRAPHS = 2


def answered_claims(c: ClaimFacts, claims: Sequence[ClaimFacts], *, speakers: int = 1) -> list[ClaimFacts]:
    """The claims a denial that refers back ("rejected that account", "the accusation was false") answers:
    those of the other speaker nearest before it in its document (in its sentence or the paragraphs just
    before), ``claims`` being the claims of that document in text order; with ``speakers=2`` ("disputed both
    critiques") those of the two other speakers nearest before it."""
    before = [
        o
        for o in claims
        if o.actor
        and o.actor != c.actor
        and o.content[0] < c.content[0]
        and c.paragraph - ANSWER_PARAGRAPHS <= o.paragraph <= c.paragraph
    ]
    out: list[ClaimFacts] = []
    while before and speakers > 0:
        last = before[-1]
        out = [o for o in before if o.actor == last.actor and o.paragraph == last.paragraph] + out
        before = [o for o in before if o.actor != last.actor]
        speakers -= 1
    return out


def claim_stances(claims: Sequence[ClaimFacts], *, aliases: Mapping[str, str] | None = None) -> dict[ClaimId, Stance]:
    """The stance of every attributed claim with an actor (blame targets, denials, polarity, numbers).
    ``aliases`` (lowercase name -> actor): by default those of the claims given (see ``actor_aliases``)."""
    names = AliasMatcher(actor_aliases(claims) if aliases is None else aliases)  # indexed once for every claim
    out = {c.claim_id: stance_of(c, names) for c in claims if c.actor}
    by_doc: dict[DocId, list[ClaimFacts]] = defaultdict(list)
    for c in sorted(claims, key=lambda c: c.content[0]):
        by_doc[c.doc_id].append(c)
    for st in out.values():
        c = st.claim
        if c.parse is not None and c.parse.stance.refers_back:
            answered = answered_claims(c, by_doc[c.doc_id], speakers=2 if c.parse.stance.refers_back_both else 1)
            st.answers = {o.claim_id for o in answered}
            st.rebuts |= {o.actor for o in answered if o.actor}
    return out
