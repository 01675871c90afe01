"""Which claims of two sides can conflict at all: an index over the stances of a topic's sides, so that the
dispute rules (:func:`claims.analysis.disputes.pair_signals`) look only at the pairs of sides and the
claims that can give a signal, not at every pair of claims of a topic.

The index is exact, not a heuristic: a stance is left out of a comparison only when no rule could use it,
so the disputes found are those of comparing everything (a test compares both on generated topics). What
each rule needs, and so what the index keeps for a side ``a`` compared with a side ``b``:

* blame and mutual blame: stances with a target (always kept);
* rebuttal and denial: stances with a denial word (always kept); a stance of ``a`` without one when it
  shares a lemma or a document with a denial of ``b`` (what the denial may answer; a stance of ``a``
  blaming ``b``, which a denial of ``b`` also answers, has a target);
* refusal: stances calling for an act another refuses (shared act);
* numbers: stances sharing a figure key; evaluations: stances sharing an evaluated lemma; polarity:
  stances sharing a predicate lemma and an argument with the opposite negation.

A rule added to the dispute rules that reads another part of a stance must add its keys here.
Pure logic on plain data: no parse."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claims.analysis.stance import Stance

PredicateKey = tuple[str, bool, str]


def _shared(x: Collection[Any], y: Collection[Any]) -> list[Any]:
    """The keys in both ``x`` and ``y`` (sets or mappings), looked up from the smaller one."""
    if len(x) > len(y):
        x, y = y, x
    return [k for k in x if k in y]


@dataclass
class StanceKeys:
    """What the dispute rules compare in one stance."""

    always: bool  # a target or a denial word: every comparison may use it
    denies: bool
    lemmas: frozenset[str]
    doc: Hashable
    numbers: frozenset[str]
    evaluated: frozenset[str]
    predicates: frozenset[PredicateKey]
    opposite: frozenset[PredicateKey]  # the same predicates with the other negation
    calls: frozenset[str] = frozenset()
    refusals: frozenset[str] = frozenset()

    @classmethod
    def of(cls, s: Stance) -> StanceKeys:
        preds = {(lemma, neg, arg) for lemma, neg, args in s.predicates for arg in args}
        return cls(
            always=bool(s.targets or s.denials),
            denies=bool(s.denials),
            lemmas=s.lemmas,
            doc=s.claim.doc_id,
            numbers=frozenset(s.numbers),
            evaluated=frozenset(w for _pol, about in s.evaluations for w in about),
            predicates=frozenset(preds),
            opposite=frozenset((lemma, not neg, arg) for lemma, neg, arg in preds),
            calls=s.calls,
            refusals=s.refusals,
        )

    def may_conflict(self, other: StanceKeys) -> bool:
        """Whether two single stances of different sides can give a signal."""
        return (
            self.always
            or other.always
            or bool(_shared(self.numbers, other.numbers))
            or bool(_shared(self.evaluated, other.evaluated))
            or bool(_shared(self.predicates, other.opposite))
            or bool(self.calls & other.refusals)
            or bool(self.refusals & other.calls)
        )


@dataclass
class SideIndex:
    """The stances of one side of a topic, indexed by what the dispute rules compare."""

    stances: Sequence[Stance]
    always: list[int] = field(default_factory=list)  # positions kept in every comparison
    blames: bool = False  # a stance names someone responsible
    named: set[str] = field(default_factory=set)  # sides the side's targets name
    rebuts: set[str] = field(default_factory=set)  # sides the side's denials name
    asserting_lemmas: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))  # no denial
    asserting_docs: dict[Hashable, list[int]] = field(default_factory=lambda: defaultdict(list))
    denial_lemmas: set[str] = field(default_factory=set)
    denial_docs: set[Hashable] = field(default_factory=set)
    numbers: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    evaluated: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    predicates: dict[PredicateKey, list[int]] = field(default_factory=lambda: defaultdict(list))
    opposite: set[PredicateKey] = field(default_factory=set)
    calls: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    refusals: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def of(cls, stances: Sequence[Stance], keys: Sequence[StanceKeys], side_of: Mapping[str, str]) -> SideIndex:
        index = cls(stances)
        for p, (s, k) in enumerate(zip(stances, keys, strict=True)):
            if k.always:
                index.always.append(p)
            index.blames = index.blames or bool(s.targets)
            for t in s.targets:
                index.named.update(side_of.get(x, x) for x in t.actors)
            index.rebuts.update(side_of.get(x, x) for x in s.rebuts)
            if k.denies:
                index.denial_lemmas |= k.lemmas
                index.denial_docs.add(k.doc)
            else:
                for w in k.lemmas:
                    index.asserting_lemmas[w].append(p)
                index.asserting_docs[k.doc].append(p)
            for key in k.numbers:
                index.numbers[key].append(p)
            for w in k.evaluated:
                index.evaluated[w].append(p)
            for pk in k.predicates:
                index.predicates[pk].append(p)
            index.opposite |= k.opposite
            for act in k.calls:
                index.calls[act].append(p)
            for act in k.refusals:
                index.refusals[act].append(p)
        return index

    def against(self, other: SideIndex) -> list[Stance]:
        """This side's stances a comparison with ``other`` may use, in their order."""
        keep = set(self.always)
        for w in _shared(other.denial_lemmas, self.asserting_lemmas):
            keep.update(self.asserting_lemmas[w])
        for d in _shared(other.denial_docs, self.asserting_docs):
            keep.update(self.asserting_docs[d])
        for key in _shared(self.numbers, other.numbers):
            keep.update(self.numbers[key])
        for w in _shared(self.evaluated, other.evaluated):
            keep.update(self.evaluated[w])
        for pk in _shared(self.predicates, other.opposite):
            keep.update(self.predicates[pk])
        for act in _shared(self.calls, other.refusals):
            keep.update(self.calls[act])
        for act in _shared(self.refusals, other.calls):
            keep.update(self.refusals[act])
        return [self.stances[p] for p in sorted(keep)]


def side_pairs(sides: Sequence[str], index: Mapping[str, SideIndex]) -> list[tuple[str, str]]:
    """The pairs of ``sides`` (in the order of all pairs, ``sides[i]`` before ``sides[j]`` for i < j) whose
    stances can give a signal: both name someone responsible, one names or rebuts the other, or they
    share a key of the index."""
    position = {s: k for k, s in enumerate(sides)}
    pairs: set[tuple[int, int]] = set()

    def add(a: str, b: str) -> None:
        if a != b and a in position and b in position:
            x, y = position[a], position[b]
            pairs.add((x, y) if x < y else (y, x))

    blaming = [s for s in sides if index[s].blames]
    for k, a in enumerate(blaming):
        for b in blaming[k + 1 :]:
            add(a, b)
    by_key: dict[tuple[str, Any], set[str]] = defaultdict(set)
    for s in sides:
        ix = index[s]
        for other in ix.named | ix.rebuts:
            add(s, other)
        for w in ix.denial_lemmas:
            by_key[("denial lemma", w)].add(s)
        for d in ix.denial_docs:
            by_key[("denial doc", d)].add(s)
        for key in ix.numbers:
            by_key[("number", key)].add(s)
        for w in ix.evaluated:
            by_key[("evaluated", w)].add(s)
        for pk in ix.predicates:
            by_key[("predicate", pk)].add(s)
        for act in ix.refusals:
            by_key[("refusal", act)].add(s)
    for s in sides:
        ix = index[s]
        looked_up: tuple[tuple[str, Collection[Any]], ...] = (
            ("denial lemma", ix.asserting_lemmas),
            ("denial doc", ix.asserting_docs),
            ("number", ix.numbers),
            ("evaluated", ix.evaluated),
        )
        for kind, keys in looked_up:
            for key in keys:
                for other in by_key.get((kind, key), ()):
                    add(s, other)
        for pk in ix.opposite:
            for other in by_key.get(("predicate", pk), ()):
                add(s, other)
        for act in ix.calls:
            for other in by_key.get(("refusal", act), ()):
                add(s, other)
    return [(sides[x], sides[y]) for x, y in sorted(pairs)]


def linking_pairs(
    sides: Sequence[str], stances: Sequence[Stance], keys: Sequence[StanceKeys], side_of: Mapping[str, str]
) -> list[tuple[int, int]]:
    """The pairs (i < j, in order) of one document's claims (``sides[i]``: claim i's side) that can give
    a signal linking two topics: one names the other's side (blames or rebuts it), denies what shares its
    words, or they share a figure, evaluation or predicate key. (Two claims merely each naming someone
    responsible do not link topics; see ``LINKING_KINDS`` in :mod:`claims.analysis.disputes`.)"""
    pairs: set[tuple[int, int]] = set()
    of_side: dict[str, list[int]] = defaultdict(list)
    by_key: dict[tuple[str, Any], list[int]] = defaultdict(list)
    for i, (side, k) in enumerate(zip(sides, keys, strict=True)):
        of_side[side].append(i)
        for w in k.lemmas:
            by_key[("lemma", w)].append(i)
        for key in k.numbers:
            by_key[("number", key)].append(i)
        for w in k.evaluated:
            by_key[("evaluated", w)].append(i)
        for pk in k.predicates:
            by_key[("predicate", pk)].append(i)
        for act in k.refusals:
            by_key[("refusal", act)].append(i)
    position = {s.claim.claim_id: i for i, s in enumerate(stances)}

    def add(i: int, found: Iterable[int]) -> None:
        for j in found:
            if j != i:
                pairs.add((i, j) if i < j else (j, i))

    for i, (s, k) in enumerate(zip(stances, keys, strict=True)):
        for named in {side_of.get(x, x) for t in s.targets for x in t.actors} | {side_of.get(x, x) for x in s.rebuts}:
            add(i, of_side.get(named, ()))
        if k.denies:
            for w in k.lemmas:
                add(i, by_key.get(("lemma", w), ()))
            add(i, [position[c] for c in s.answers if c in position])  # a denial answering a claim before it
        for act in k.calls:
            add(i, by_key.get(("refusal", act), ()))
        for key in k.numbers:
            add(i, by_key.get(("number", key), ()))
        for w in k.evaluated:
            add(i, by_key.get(("evaluated", w), ()))
        for pk in k.opposite:
            add(i, by_key.get(("predicate", pk), ()))
    return sorted(pairs)
