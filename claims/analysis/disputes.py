"""Disputes: topics on which claims of two or more different actors (sides) conflict.

Input is plain data (topics from :func:`claims.analysis.topics.group_topics`,
:class:`~claims.analysis.facts.ClaimFacts` with their parse features, stances from
:mod:`claims.analysis.stance`); output is plain :class:`Dispute` records. Nothing here parses.

For each claim the parse of its own words (content and cue), read at ingest, gives a *stance*:

* blame targets: the object of a blame verb ("accused Y of", "blamed Y for", "blamed it on Y"), the
  subject of "is responsible / to blame / behind", the subject of a failure verb ("Y failed to",
  "Y refused to") or of a negated action ("Y did not deliver"), the predicate of "it was Y", the agent of a
  passive ("destroyed by Y"); each with the actors (countries) it names;
* denial words: "denied", "rejected", "falsely", "baseless", "not true" ...; a denial that names another
  actor rebuts that actor; a blame verb under a denial word ("falsely accuse") is the other side's
  accusation being rejected, not the speaker's own;
* predicates with their polarity and argument lemmas; numbers and dates with what they count.

Between two actors in one topic, the kinds of conflict (strongest first, see ``kind_priority``):
``mutual_blame`` (each blames the other), ``blame`` (they blame different agents), ``rebuttal`` (one calls
the other's claim false), ``denial`` (one denies what the other asserts), ``numbers`` (different figures
for the same thing), ``evaluation`` (one praises what the other condemns: "justified" / "unjustified"; or
one condemns the other side by name: "Brandl's plan is reckless"),
``polarity`` (the same predicate asserted and negated)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claims.analysis.facts import ClaimFacts, ClaimId, DocId, ensure_parses
from claims.analysis.pairs import SideIndex, StanceKeys, linking_pairs, side_pairs
from claims.analysis.sides import topic_sides
from claims.analysis.stance import ConflictCues, DisputeKind, Stance, Target, claim_stances, load_conflict_cues
from claims.analysis.topics import Topic
from claims.types import ActorRef


@dataclass
class Dispute:
    topic_id: int
    sides: dict[str, list[ClaimId]]
    kind: DisputeKind
    reason: str
    confidence: float
    status: str = "auto"
    kinds: list[str] = field(default_factory=list)  # every kind of conflict found, strongest first

    @property
    def actors(self) -> list[str]:
        return list(self.sides)

    @property
    def claim_ids(self) -> list[ClaimId]:
        return [cid for ids in self.sides.values() for cid in ids]


@dataclass
class _Signal:
    kind: str
    claims: set[ClaimId]
    text: str
    sides: tuple[str, ...] = ()  # the two sides between which it was read


TARGET_TEMPLATES = {
    "it was": "says it was '{t}'",
    "by": "says it was done by '{t}'",
    "responsible": "holds '{t}' responsible",
    "hold responsible": "holds '{t}' responsible",
    "fail": "says '{t}' failed",
}


EXPLICIT_BLAME = {"by", "responsible", "hold responsible", "fail"}


def _explicit(t: Target, cues: ConflictCues) -> bool:
    return t.via in EXPLICIT_BLAME or t.via in cues.blame_verbs or t.via.startswith("harm ")


def _phrase_for(t: Target) -> str:
    if t.via in TARGET_TEMPLATES:
        return TARGET_TEMPLATES[t.via].format(t=t.text)
    if t.via.startswith("not "):
        return f"says '{t.text}' did not {t.via[4:]}"
    if t.via.startswith("harm "):
        return f"says '{t.text}' did '{t.via[5:]}'"
    return f"{t.via}{'es' if t.via.endswith('s') else 's'} '{t.text}'"


def _describe(actor: str, targets: Sequence[Target]) -> str:
    parts: list[str] = []
    for t in targets:
        p = _phrase_for(t)
        if p not in parts:
            parts.append(p)
    return f"{actor} " + ", ".join(parts[:3])


def _near(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Claims in one sentence or in neighbouring paragraphs of one document."""
    return a.doc_id == b.doc_id and (a.sentence == b.sentence or abs(a.paragraph - b.paragraph) <= 1)


def pair_signals(
    a: str,
    b: str,
    by_actor: Mapping[str, list[Stance]],
    cues: ConflictCues,
    side_of: Mapping[str, str] | None = None,
    *,
    strict: bool = False,
) -> list[_Signal]:
    """The conflicts between sides ``a`` and ``b``; ``side_of`` maps an actor a text names to its side.
    ``strict``: a denial counts only when it shares words with what the other side asserts, or answers that
    side's blame (not merely for being near it)."""
    sa, sb = by_actor[a], by_actor[b]
    signals: list[_Signal] = []
    to_side = side_of or {}

    def named(actors: Iterable[str]) -> set[str]:
        return {to_side.get(x, x) for x in actors}

    # blame targets: a criticism names no culprit (it is read below, as an evaluation)
    blamed_a = [(s, t, named(t.actors)) for s in sa for t in s.targets if t.via != "criticise"]
    blamed_b = [(s, t, named(t.actors)) for s in sb for t in s.targets if t.via != "criticise"]
    # mutual blame: each side holds the other responsible
    a_on_b = [(s, t) for s, t, who in blamed_a if b in who and a not in who]
    b_on_a = [(s, t) for s, t, who in blamed_b if a in who and b not in who]
    if a_on_b and b_on_a:
        signals.append(
            _Signal(
                "mutual_blame",
                {s.claim.claim_id for s, _ in a_on_b + b_on_a},
                f"{_describe(a, [t for _, t in a_on_b])}; {_describe(b, [t for _, t in b_on_a])}",
            )
        )
    # blame: both name someone responsible, and not the same one
    ta = [(s, t) for s, t, who in blamed_a if a not in who]
    tb = [(s, t) for s, t, who in blamed_b if b not in who]
    if ta and tb and any(_explicit(t, cues) for _, t in ta + tb):
        lemmas_a = set().union(*(t.lemmas for _, t in ta))
        lemmas_b = set().union(*(t.lemmas for _, t in tb))
        actors_a = set().union(*(named(t.actors) for _, t in ta))
        actors_b = set().union(*(named(t.actors) for _, t in tb))
        if not (lemmas_a & lemmas_b) and not (actors_a & actors_b):
            signals.append(
                _Signal(
                    "blame",
                    {s.claim.claim_id for s, _ in ta + tb},
                    f"{_describe(a, [t for _, t in ta])}; {_describe(b, [t for _, t in tb])}",
                )
            )
    # rebuttal: one calls the other's claim false, naming it
    for x, y, sx in ((a, b, sa), (b, a, sb)):
        rebutting = [s for s in sx if y in named(s.rebuts)]
        if rebutting:
            words = ", ".join(f"'{w}'" for s in rebutting for w in s.denials[:2])
            signals.append(_Signal("rebuttal", {s.claim.claim_id for s in rebutting}, f"{x} rebuts {y}: {words}"))
    # denial: one denies what the other asserts (sharing words with it)
    for x, y, sx, sy in ((a, b, sa, sb), (b, a, sb, sa)):
        for s in sx:
            if not s.denials or y in named(s.rebuts):
                continue
            asserting = [
                o
                for o in sy
                if not o.denials
                and (
                    (s.lemmas & o.lemmas) - cues.speech_nouns
                    or x in named(o.blamed_actors())
                    or o.claim.claim_id in s.answers
                )
            ]
            if asserting:
                words = ", ".join(f"'{w}'" for w in s.denials[:2])
                signals.append(
                    _Signal(
                        "denial",
                        {s.claim.claim_id} | {o.claim.claim_id for o in asserting},
                        f"{x} denies ({words}) what {y} says",
                    )
                )
                break
    # refusal: one calls for an action the other refuses or says will not happen ("urged X to resign" /
    # "X will stay")
    for x, y, sx, sy in ((a, b, sa, sb), (b, a, sb, sa)):
        pairs = [(s, o, s.calls & o.refusals) for s in sx if s.calls for o in sy if o.refusals]
        pairs = [(s, o, acts) for s, o, acts in pairs if acts]
        if pairs:
            acts = sorted({act for *_, shared in pairs for act in shared}, key=lambda w: (w == "leave", w))
            signals.append(
                _Signal(
                    "refusal",
                    {c.claim.claim_id for s, o, _ in pairs for c in (s, o)},
                    f"{x} calls for '{acts[0]}', {y} refuses",
                )
            )
    # numbers: different figures for the same thing
    for s in sa:
        for o in sb:
            for key in s.numbers.keys() & o.numbers.keys():
                if not (s.numbers[key] & o.numbers[key]):
                    what = key.split(":", 1)[1]
                    signals.append(
                        _Signal(
                            "numbers",
                            {s.claim.claim_id, o.claim.claim_id},
                            f"{a} says {'/'.join(sorted(s.numbers[key]))} ({what}); "
                            f"{b} says {'/'.join(sorted(o.numbers[key]))}",
                        )
                    )
    # evaluation: one praises what the other condemns ("the closure was justified" / "unjustified")
    done: set[tuple[ClaimId, ClaimId]] = set()
    for s in sa:
        for o in sb:
            for pol, said_of in s.evaluations:
                for pol2, said_of2 in o.evaluations:
                    shared = said_of & said_of2
                    if pol != pol2 and shared and (s.claim.claim_id, o.claim.claim_id) not in done:
                        done.add((s.claim.claim_id, o.claim.claim_id))
                        good, bad = (a, b) if pol > 0 else (b, a)
                        what = ", ".join(sorted(shared))
                        text = f"{good} speaks well of '{what}', {bad} ill"
                        signals.append(_Signal("evaluation", {s.claim.claim_id, o.claim.claim_id}, text))
    # criticism: one condemns the other side by name ("Brandl's plan is reckless") where that side speaks
    for x, y, sx in ((a, b, sa), (b, a, sb)):
        critical = [(s, t) for s in sx for t in s.targets if t.via == "criticise" and y in named(t.actors)]
        if critical and x not in named(critical[0][1].actors):
            signals.append(
                _Signal(
                    "evaluation", {s.claim.claim_id for s, _ in critical}, f"{x} speaks ill of '{critical[0][1].text}'"
                )
            )
    # polarity: the same predicate asserted by one and negated by the other
    for s in sa:
        for o in sb:
            for lemma, neg, args in s.predicates:
                for lemma2, neg2, args2 in o.predicates:
                    if lemma == lemma2 and neg != neg2 and (args & args2):
                        pos_actor, neg_actor = (b, a) if neg else (a, b)
                        about = ", ".join(sorted(args & args2))
                        text = f"{pos_actor} says '{lemma}', {neg_actor} says not '{lemma}' ({about})"
                        signals.append(_Signal("polarity", {s.claim.claim_id, o.claim.claim_id}, text))
    return signals


def _sides_in_topic(names: set[str], actors: Mapping[str, ActorRef]) -> dict[str, str]:
    """Actor (and ancestor) name -> the name of the side it takes in one topic."""
    refs = [actors.get(n) or ActorRef(n, "organisation") for n in sorted(names)]
    sides = topic_sides(refs)
    out: dict[str, str] = {}
    above: dict[str, set[str]] = defaultdict(set)  # an actor above a side -> the sides below it
    for ref in refs:
        side = sides[ref.name]
        chain = ref.chain()
        at = next(k for k, node in enumerate(chain) if node.name == side.name)
        for node in chain[: at + 1]:
            out.setdefault(node.name, side.name)
        for node in chain[at + 1 :]:
            above[node.name].add(side.name)
    for name, below in above.items():
        if len(below) == 1 and name not in out:
            out[name] = next(iter(below))  # "the United States" named against the White House's side
    return out


# Kinds that tie two claims of different sides to one dispute when the topics put them apart: each names
# what the other side said or did, or says the opposite about the same thing.
LINKING_KINDS = frozenset({"mutual_blame", "rebuttal", "denial", "refusal", "numbers", "polarity", "evaluation"})


TopicSignals = tuple[dict[str, list[Stance]], list[_Signal], list[str], dict[str, str]]


def _topic_signals(
    group: Sequence[Topic],
    by_id: Mapping[ClaimId, ClaimFacts],
    stances: Mapping[ClaimId, Stance],
    actor_refs: Mapping[str, ActorRef],
    cues: ConflictCues,
    keys: Mapping[ClaimId, StanceKeys] | None = None,
) -> TopicSignals:
    """The stances of a group of topics by side, the conflicts between its sides, the sides involved in
    them and which side each actor takes. With ``keys`` (each stance's, :class:`StanceKeys`) only the
    pairs of sides and the stances that can conflict are compared (:mod:`claims.analysis.pairs`: the same
    signals); without, every pair of sides with all their stances."""
    members = [by_id[cid] for t in group for cid in t.claim_ids if cid in by_id]
    side_of = _sides_in_topic({c.actor for c in members if c.actor}, actor_refs)
    by_actor: dict[str, list[Stance]] = defaultdict(list)
    for c in members:
        if c.actor and c.claim_id in stances:
            by_actor[side_of.get(c.actor, c.actor)].append(stances[c.claim_id])
    actors = sorted(by_actor)
    signals: list[_Signal] = []
    involved: list[str] = []
    if keys is None:
        pairs = [(a, b) for i, a in enumerate(actors) for b in actors[i + 1 :]]
    else:
        index = {a: SideIndex.of(ss, [keys[s.claim.claim_id] for s in ss], side_of) for a, ss in by_actor.items()}
        pairs = side_pairs(actors, index)
    for a, b in pairs:
        compared = by_actor if keys is None else {a: index[a].against(index[b]), b: index[b].against(index[a])}
        found = pair_signals(a, b, compared, cues, side_of)
        for sig in found:
            sig.sides = (a, b)
        if found:
            signals.extend(found)
            for x in (a, b):
                if x not in involved:
                    involved.append(x)
    return by_actor, signals, involved, side_of


def _linked_topics(
    topics: Sequence[Topic],
    by_id: Mapping[ClaimId, ClaimFacts],
    stances: Mapping[ClaimId, Stance],
    actor_refs: Mapping[str, ActorRef],
    cues: ConflictCues,
    keys: Mapping[ClaimId, StanceKeys] | None = None,
) -> tuple[list[list[int]], list[TopicSignals]]:
    """Topics grouped where two of them hold claims of one document that conflict between two sides (a
    denial in one paragraph of an accusation the topics put elsewhere): each group is compared as one topic.
    Claims of one document only: across documents a topic is what ties claims to one event. Two topics that
    each hold a dispute of their own are two disputes and stay apart, unless they hold one dispute that the
    topics cut in two (:func:`_one_dispute_cut_in_two`). Returns the groups (positions in
    ``topics``) and what :func:`_topic_signals` found in each topic alone. ``keys``: see there."""
    topic_of: dict[ClaimId, int] = {}
    for k, t in enumerate(topics):
        for cid in t.claim_ids:
            topic_of.setdefault(cid, k)
    parent = list(range(len(topics)))
    alone = [_topic_signals([t], by_id, stances, actor_refs, cues, keys) for t in topics]
    disputed = [bool(found[1]) for found in alone]
    # the pairs of sides in conflict in each group of topics
    conflicts = [{frozenset(sig.sides) for sig in found[1]} for found in alone]

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    by_doc: dict[DocId, list[ClaimFacts]] = defaultdict(list)
    for cid in topic_of:
        c = by_id.get(cid)
        if c is not None and c.actor and cid in stances:
            by_doc[c.doc_id].append(c)
    for members in by_doc.values():
        if len({topic_of[c.claim_id] for c in members}) < 2:
            continue
        side_of = _sides_in_topic({c.actor for c in members if c.actor}, actor_refs)
        if keys is None:
            candidates: Iterable[tuple[int, int]] = (
                (i, j) for i in range(len(members)) for j in range(i + 1, len(members))
            )
        else:
            candidates = linking_pairs(
                [side_of.get(c.actor or "", c.actor or "") for c in members],
                [stances[c.claim_id] for c in members],
                [keys[c.claim_id] for c in members],
                side_of,
            )
        for i, j in candidates:
            x, y = members[i], members[j]
            kx, ky = root(topic_of[x.claim_id]), root(topic_of[y.claim_id])
            sx, sy = side_of.get(x.actor or "", x.actor), side_of.get(y.actor or "", y.actor)
            if kx == ky or sx is None or sy is None or sx == sy:
                continue
            pair = {sx: [stances[x.claim_id]], sy: [stances[y.claim_id]]}
            found = pair_signals(sx, sy, pair, cues, side_of, strict=True)
            if not any(sig.kind in LINKING_KINDS for sig in found):
                continue
            answered_x = {root(topic_of[c]) for c in stances[x.claim_id].answers if c in topic_of}
            answered_y = {root(topic_of[c]) for c in stances[y.claim_id].answers if c in topic_of}
            answers_other = ky in answered_x or kx in answered_y  # a reply to what was said in the other topic
            if (
                disputed[kx]
                and disputed[ky]
                and not _one_dispute_cut_in_two(found, {sx, sy}, conflicts[kx], conflicts[ky], answers_other)
            ):
                continue
            low, high = min(kx, ky), max(kx, ky)
            parent[high] = low
            disputed[low] = disputed[low] or disputed[high]
            conflicts[low] = conflicts[low] | conflicts[high]
    groups: dict[int, list[int]] = defaultdict(list)
    for k in range(len(topics)):
        groups[root(k)].append(k)
    return [groups[k] for k in sorted(groups)], alone


# Kinds that tie two claims themselves, not merely their sides (a rebuttal naming the other side, mutual blame).
CLAIM_LINKING_KINDS = frozenset({"denial", "refusal", "numbers", "polarity", "evaluation"})


def _one_dispute_cut_in_two(
    found: Sequence[_Signal],
    pair: set[str],
    here: set[frozenset[str]],
    there: set[frozenset[str]],
    answers_other: bool,
) -> bool:
    """Whether two topics of one document that each hold a dispute hold one dispute that the topics cut in
    two: each holds a conflict between the two sides of the pair of claims that links them, and nothing else,
    and the two claims conflict themselves (one denies what the other says, gives another figure for it, says
    the opposite of it) or one answers what was said in the other topic (``answers_other``), not only their
    sides (a rebuttal of the other side on another matter)."""
    if not (here == there == {frozenset(pair)}):
        return False
    return answers_other or any(sig.kind in CLAIM_LINKING_KINDS for sig in found)


def separate_conflicts(signals: Sequence[_Signal]) -> list[list[_Signal]]:
    """The signals of one topic split into its separate conflicts: two pairs of sides are one conflict when
    a claim gives a signal in both (the Kremlin's denial answering both Kyiv and Washington), else each pair
    is a dispute of its own (a topic holding a quarrel between two ministries and another between two
    parties). Signals read without their sides (``sides`` empty) stay together. In order of the first signal
    of each conflict."""
    pairs: list[tuple[str, ...]] = list(dict.fromkeys(sig.sides for sig in signals))
    parent = list(range(len(pairs)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    position = {pair: k for k, pair in enumerate(pairs)}
    first_with: dict[object, int] = {}  # a claim or a side -> the first pair it is in
    for sig in signals:
        k = position[sig.sides]
        for key in [*sig.claims, *(("side", x) for x in sig.sides)]:
            x, y = root(first_with.setdefault(key, k)), root(k)
            if x != y:
                parent[max(x, y)] = min(x, y)
    if () in position:  # without sides: nothing to tell apart
        for k in range(len(pairs)):
            x, y = root(k), root(position[()])
            parent[max(x, y)] = min(x, y)
    parts: dict[int, list[_Signal]] = defaultdict(list)
    for sig in signals:
        parts[root(position[sig.sides])].append(sig)
    return [parts[k] for k in sorted(parts)]


def _dispute(
    group: Sequence[Topic],
    signals: Sequence[_Signal],
    by_actor: Mapping[str, list[Stance]],
    involved_in_topic: Sequence[str],
    side_of: Mapping[str, str],
    by_id: Mapping[ClaimId, ClaimFacts],
    cues: ConflictCues,
) -> Dispute:
    """One dispute of a group of topics from the signals of one conflict (see :func:`separate_conflicts`)."""
    in_signals = {x for sig in signals for x in sig.sides}
    involved = [x for x in involved_in_topic if x in in_signals] or list(involved_in_topic)
    kinds = sorted({s.kind for s in signals}, key=cues.kind_priority.index)
    evidence = {cid for s in signals for cid in s.claims}
    base = cues.kind_confidence.get(kinds[0], 0.6)
    conf = min(0.95, base + 0.05 * (len(kinds) - 1))
    claim_conf = [by_id[cid].confidence for cid in evidence if cid in by_id]
    if claim_conf:
        conf *= 0.7 + 0.3 * (sum(claim_conf) / len(claim_conf))
    first_actor = next(
        (
            side
            for side in (
                side_of.get(by_id[cid].actor or "", by_id[cid].actor)
                for t in group
                for cid in t.claim_ids
                if cid in evidence
            )
            if side in involved
        ),
        involved[0],
    )
    ordered = [first_actor] + [x for x in involved if x != first_actor]
    sides = {x: [s.claim.claim_id for s in by_actor[x]] for x in ordered}
    reasons = []
    for k in kinds:
        for s in signals:
            if s.kind == k and s.text not in reasons:
                reasons.append(s.text)
                break
    # the dispute is shown on the topic of the group that holds most of its evidence
    topic = max(group, key=lambda t: sum(cid in evidence for cid in t.claim_ids))
    return Dispute(
        topic_id=topic.id,
        sides=sides,
        kind=kinds[0],
        reason="; ".join(reasons),
        confidence=round(conf, 3),
        kinds=kinds,
    )


def find_disputes(
    topics: Sequence[Topic],
    claims: Sequence[ClaimFacts],
    texts: Mapping[DocId, str] | None = None,
    *,
    nlp: Any | None = None,
    cues: ConflictCues | None = None,
    actor_refs: Mapping[str, ActorRef] | None = None,
    aliases: Mapping[str, str] | None = None,
    exhaustive: bool = False,
    stances: Mapping[ClaimId, Stance] | None = None,
) -> list[Dispute]:
    """The disputes among ``topics``: in each topic one per separate conflict (:func:`separate_conflicts`),
    between the sides whose claims conflict.

    ``actor_refs`` gives an actor's kind and parent chain by name; in each topic a claim's side is then the
    highest actor of its chain that the other sides do not share (:func:`claims.analysis.sides.topic_sides`:
    the Kremlin and the White House are Russia and the United States). Without it each actor is a side.
    Each side lists every claim of that side in the topic. Claims without an actor take no side. Claims
    without parse features are read first from ``texts`` (see :func:`claims.analysis.facts.ensure_parses`);
    ``aliases`` (lowercase name -> actor) default to those of the claims given; ``stances``: the claims'
    stances when already read with those aliases (:func:`claims.analysis.stance.claim_stances`).

    Only the pairs of sides and of claims that can conflict are compared, found through an index over
    their stances (:mod:`claims.analysis.pairs`); ``exhaustive`` compares every pair instead (the same
    disputes, in time growing with the square of a topic's claims: a check on the index).
    """
    cues = cues or load_conflict_cues()
    attributed = [c for c in claims if c.actor]
    if not attributed:
        return []
    attributed = ensure_parses(attributed, texts or {}, nlp)
    if stances is None:
        stances = claim_stances(attributed, aliases=aliases)
    by_id = {c.claim_id: c for c in claims}
    by_id.update((c.claim_id, c) for c in attributed)
    keys = None if exhaustive else {cid: StanceKeys.of(s) for cid, s in stances.items()}
    groups, alone = _linked_topics(topics, by_id, stances, actor_refs or {}, cues, keys)
    disputes = []
    for positions in groups:
        group = [topics[k] for k in positions]
        if len(positions) == 1:
            by_actor, signals, involved, side_of = alone[positions[0]]
        else:
            by_actor, signals, involved, side_of = _topic_signals(group, by_id, stances, actor_refs or {}, cues, keys)
        for part in separate_conflicts(signals):
            disputes.append(_dispute(group, part, by_actor, involved, side_of, by_id, cues))
    return disputes
