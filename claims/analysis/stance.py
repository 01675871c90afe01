"""A claim's stance with its sides: the parse-level stance read at ingest
(:class:`claims.types.ParsedStance`, :mod:`claims.nlp.stance`) with the actors its targets and denials
name, resolved here from the stored texts against the claims' actors (so a reviewer's corrected actor
counts). Pure logic on plain data: no parse."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from claims.analysis.facts import ClaimFacts, ClaimId, actor_aliases, actors_in
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
    if st.denials:
        st.rebuts = {a for a in actors_in(parsed.own_text, aliases) if a != c.actor}
    return st


def claim_stances(claims: Sequence[ClaimFacts], *, aliases: Mapping[str, str] | None = None) -> dict[ClaimId, Stance]:
    """The stance of every attributed claim with an actor (blame targets, denials, polarity, numbers).
    ``aliases`` (lowercase name -> actor): by default those of the claims given (see ``actor_aliases``)."""
    names = actor_aliases(claims) if aliases is None else aliases
    return {c.claim_id: stance_of(c, names) for c in claims if c.actor}
