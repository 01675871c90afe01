"""Disputes: topics on which claims of two or more different actors (sides) conflict.

Input is plain data (topics from :func:`claims.topics.group_topics`, :class:`~claims.topics.ClaimFacts`,
document texts); output is plain :class:`Dispute` records. The conflict words live in
``claims/data/conflict_cues.json`` (:func:`load_conflict_cues`); this module holds the logic.

For each claim the parse of its own words (content and cue) gives a *stance*:

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
for the same thing), ``polarity`` (the same predicate asserted and negated).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from claims.rules import read_data_json
from claims.topics import (
    ClaimFacts,
    ClaimId,
    DocId,
    Parses,
    Topic,
    _actor_aliases,
    _word_feature,
    actors_in,
    claim_tokens,
    lemma_of,
    reporting_verbs,
)

DisputeKind = str  # "blame" | "mutual_blame" | "denial" | "rebuttal" | "polarity" | "numbers"
KINDS = ("mutual_blame", "blame", "rebuttal", "denial", "numbers", "polarity")
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12,
}  # fmt: skip
SELF_PRONOUNS = {"i", "we", "it", "they", "he", "she", "you"}
TRUTH_WORDS = {"true", "correct", "accurate", "case", "fact", "right"}


# ---------------------------------------------------------------------------------------------- data


@dataclass(frozen=True)
class ConflictCues:
    """``claims/data/conflict_cues.json``: words that signal conflict (lemmas, lowercase)."""

    blame_verbs: frozenset[str]
    blame_on_prepositions: frozenset[str]
    responsibility_words: frozenset[str]
    failure_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    falsity_words: frozenset[str]
    negators: frozenset[str]
    light_verbs: frozenset[str]
    shell_nouns: frozenset[str]
    kind_priority: tuple[str, ...]
    kind_confidence: dict[str, float]


def _words(data: Mapping[str, Any], key: str) -> frozenset[str]:
    values = data.get(key, [])
    if not isinstance(values, list):
        raise ValueError(f"conflict cues: {key}: expected a list of strings")
    return frozenset(str(v).strip().lower() for v in values if str(v).strip())


@lru_cache(maxsize=4)
def load_conflict_cues(path: str | None = None) -> ConflictCues:
    data = read_data_json("conflict_cues.json", path)
    priority = tuple(str(k) for k in data.get("kind_priority", KINDS))
    unknown = set(priority) - set(KINDS)
    if unknown:
        raise ValueError(f"conflict cues: unknown kinds in kind_priority: {sorted(unknown)}")
    conf = data.get("kind_confidence", {})
    if not isinstance(conf, dict):
        raise ValueError("conflict cues: kind_confidence: expected an object")
    return ConflictCues(
        blame_verbs=_words(data, "blame_verbs"),
        blame_on_prepositions=_words(data, "blame_on_prepositions"),
        responsibility_words=_words(data, "responsibility_words"),
        failure_verbs=_words(data, "failure_verbs"),
        denial_verbs=_words(data, "denial_verbs"),
        falsity_words=_words(data, "falsity_words"),
        negators=_words(data, "negators"),
        light_verbs=_words(data, "light_verbs"),
        shell_nouns=_words(data, "shell_nouns"),
        kind_priority=priority + tuple(k for k in KINDS if k not in priority),
        kind_confidence={str(k): float(v) for k, v in conf.items()},
    )


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

    def blamed_actors(self) -> set[str]:
        return {a for t in self.targets for a in t.actors}


# ---------------------------------------------------------------------------------------------- stance


def _negated(t: Any, cues: ConflictCues) -> bool:
    if any(ch.dep_ == "neg" or ch.lower_ in {"not", "n't", "never"} for ch in t.children):
        return True
    # "No X were expected": a negative determiner on the subject
    for ch in t.children:
        if ch.dep_ in {"nsubj", "nsubjpass"} and any(
            g.dep_ == "det" and g.lower_ in {"no", "neither"} for g in ch.children
        ):
            return True
    return False


def _phrase(t: Any, *, drop_preps: frozenset[str] = frozenset()) -> list[Any]:
    """The subtree of ``t`` without relative clauses and the given prepositional attachments."""
    skip: set[int] = set()
    for ch in t.children:
        if ch.dep_ in {"relcl", "acl", "punct", "appos"} or (ch.dep_ == "prep" and ch.lower_ in drop_preps):
            skip.update(w.i for w in ch.subtree)
    return [w for w in t.subtree if w.i not in skip]


def _coordinated(t: Any) -> list[Any]:
    out = [t]
    for ch in t.children:
        if ch.dep_ == "conj":
            out.extend(_coordinated(ch))
    return out


def _subject(t: Any) -> Any | None:
    """The subject of verb ``t``, climbing through xcomp/pcomp/conj/acomp to the governing clause."""
    seen = 0
    while t is not None and seen < 6:
        seen += 1
        for ch in t.children:
            if ch.dep_ in {"nsubj", "nsubjpass"}:
                return ch
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.pos_ == "VERB":
            # "accused Y of failing": the object of the governing verb fails
            objs = [c for c in t.head.head.children if c.dep_ == "dobj"]
            return objs[0] if objs else None
        if t.dep_ in {"xcomp", "conj", "acomp", "advcl", "ccomp"} and t.head is not t:
            if t.dep_ in {"advcl", "ccomp"}:
                return None
            t = t.head
            continue
        return None
    return None


class _StanceReader:
    def __init__(self, cues: ConflictCues, aliases: Mapping[str, str]) -> None:
        self.cues = cues
        self.aliases = aliases

    def target(self, tokens: Sequence[Any], via: str) -> Target | None:
        tokens = sorted({w.i: w for w in tokens}.values(), key=lambda w: w.i)
        while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in {"cc", "prep"}):
            tokens.pop()
        if not tokens:
            return None
        text = "".join(w.text_with_ws for w in tokens).strip()
        lemmas = frozenset(lemma_of(w) for w in tokens if w.pos_ in {"NOUN", "PROPN", "ADJ", "NUM"} and not w.is_stop)
        return Target(text=text, via=via, lemmas=lemmas, actors=frozenset(actors_in(text, self.aliases)))

    def falsified(self, t: Any) -> bool:
        """A word under a denial: 'falsely accuse', 'baseless accusations', 'denied blaming'."""
        if any(lemma_of(ch) in self.cues.falsity_words for ch in t.children):
            return True
        head = t.head
        for _ in range(3):
            if head is t or head is None:
                break
            if lemma_of(head) in self.cues.denial_verbs:
                return True
            t, head = head, head.head
        return False

    def read(self, c: ClaimFacts, doc: Any, own: Sequence[Any], speaker_actor: str | None) -> Stance:
        cues = self.cues
        st = Stance(claim=c)
        own_ids = {t.i for t in own}
        st.lemmas = frozenset(f for t in own if (f := _word_feature(t)))
        for t in own:
            lemma = lemma_of(t)
            if t.pos_ == "VERB" and lemma in cues.blame_verbs:
                if self.falsified(t):
                    st.denials.append(t.text)
                    continue
                if _negated(t, cues):
                    continue
                self._blame_verb(t, st)
            elif lemma in cues.responsibility_words and t.pos_ in {"ADJ", "ADP", "VERB", "NOUN"}:
                self._responsibility(t, st)
            if t.pos_ in {"VERB", "AUX"} and lemma in cues.failure_verbs and not _negated(t, cues):
                subj = _subject(t)
                if subj is not None:
                    self._add(st, [w for x in _coordinated(subj) for w in _phrase(x)], "fail")
            elif t.pos_ == "VERB" and _negated(t, cues) and lemma not in reporting_verbs():
                subj = _subject(t)
                if subj is not None:
                    tgt = self.target([w for x in _coordinated(subj) for w in _phrase(x)], "not " + lemma)
                    if tgt and tgt.actors and tgt.actors != {speaker_actor}:
                        st.targets.append(tgt)
            if lemma == "be" and not _negated(t, cues):
                subj = [ch for ch in t.children if ch.dep_ == "nsubj" and ch.lower_ in {"it", "this", "that"}]
                attrs = [ch for ch in t.children if ch.dep_ == "attr"]
                if subj and attrs:
                    self._add(st, [w for x in _coordinated(attrs[0]) for w in _phrase(x)], "it was")
            if t.dep_ == "agent" and t.head.pos_ == "VERB" and lemma_of(t.head) not in reporting_verbs():
                for ob in t.children:
                    if ob.dep_ == "pobj":
                        self._add(st, [w for x in _coordinated(ob) for w in _phrase(x)], "by")
            # denials
            if lemma in cues.denial_verbs and t.pos_ == "VERB" and not _negated(t, cues):
                st.denials.append(t.text)
            elif lemma in cues.falsity_words or t.lower_ in cues.falsity_words:
                st.denials.append(t.text)
            elif lemma in TRUTH_WORDS and t.pos_ in {"ADJ", "NOUN"}:
                head = t.head if t.dep_ in {"acomp", "attr"} else None
                if head is not None and _negated(head, cues):
                    st.denials.append(f"not {t.text}")
            # predicates and numbers
            if t.pos_ == "VERB" and lemma not in cues.light_verbs and lemma not in reporting_verbs():
                args = set()
                for ch in t.children:
                    if ch.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"}:
                        args |= {lemma_of(w) for w in _phrase(ch) if w.pos_ in {"NOUN", "PROPN"}}
                    elif ch.dep_ == "prep":
                        for ob in ch.children:
                            if ob.dep_ == "pobj":
                                args.add(lemma_of(ob))
                subj = _subject(t)
                # "we will not attend" / "it will attend": each speaker talks about itself, no contradiction
                if subj is not None and subj.pos_ == "PRON" and subj.lower_ in SELF_PRONOUNS:
                    continue
                st.predicates.append((lemma, _negated(t, cues), frozenset(args)))
        self._numbers(doc, own_ids, st)
        if st.denials:
            mentioned = actors_in(" ".join(t.text for t in own), self.aliases)
            st.rebuts = {a for a in mentioned if a != speaker_actor}
        return st

    def _add(self, st: Stance, tokens: list[Any], via: str) -> None:
        tgt = self.target(tokens, via)
        if tgt is not None and (tgt.lemmas or tgt.actors):
            st.targets.append(tgt)

    def _blame_verb(self, t: Any, st: Stance) -> None:
        via = lemma_of(t)
        preps = {ch.lower_: ch for ch in t.children if ch.dep_ == "prep"}
        on = [p for name, p in preps.items() if name in self.cues.blame_on_prepositions]
        if on and "for" not in preps:
            for ob in on[0].children:
                if ob.dep_ == "pobj":
                    self._add(st, [w for x in _coordinated(ob) for w in _phrase(x)], via)
            return
        for ch in t.children:
            if ch.dep_ in {"dobj", "nsubjpass"}:
                self._add(
                    st, [w for x in _coordinated(ch) for w in _phrase(x, drop_preps=frozenset({"for", "of"}))], via
                )
                return

    def _responsibility(self, t: Any, st: Stance) -> None:
        head = t.head
        if t.dep_ in {"acomp", "attr", "prep", "xcomp"} and head is not t:
            if lemma_of(head) == "hold":  # "held Y responsible"
                objs = [ch for ch in head.children if ch.dep_ == "dobj"]
                if objs:
                    self._add(st, [w for x in _coordinated(objs[0]) for w in _phrase(x)], "hold responsible")
                return
            if _negated(head, self.cues):
                return
            subj = _subject(head)
            if subj is not None and subj.pos_ != "PRON":
                self._add(st, [w for x in _coordinated(subj) for w in _phrase(x)], "responsible")
        elif t.dep_ == "oprd":
            objs = [ch for ch in head.children if ch.dep_ == "dobj"]
            if objs:
                self._add(st, [w for x in _coordinated(objs[0]) for w in _phrase(x)], "hold responsible")

    def _numbers(self, doc: Any, own_ids: set[int], st: Stance) -> None:
        out: dict[str, set[str]] = defaultdict(set)
        for t in doc:
            if t.i not in own_ids or not (t.like_num and t.pos_ == "NUM") or t.ent_type_ in {"DATE", "TIME", "ORDINAL"}:
                continue
            if t.dep_ not in {"nummod", "quantmod", "compound"} and not any(ch.isdigit() for ch in t.text):
                continue  # "one of the groups": a pronoun-like number
            value = _number_value(t)
            if value is None:
                continue
            head = t.head
            while head.pos_ == "NUM" and head is not head.head:
                head = head.head
            if head.pos_ in {"NOUN", "PROPN"}:
                key = lemma_of(head)
            else:
                subj = [ch for ch in head.children if ch.dep_ in {"nsubj", "nsubjpass"}]
                key = lemma_of(subj[0]) if subj else lemma_of(head)
            out["n:" + key].add(value)
        for ent in doc.ents:
            if ent.label_ != "DATE" or not all(w.i in own_ids for w in ent):
                continue
            verb = ent.root.head
            while verb.pos_ not in {"VERB", "AUX"} and verb is not verb.head:
                verb = verb.head
            if verb.pos_ == "VERB" and any(ch.isdigit() for ch in ent.text):  # relative dates do not compare
                out["d:" + lemma_of(verb)].add(ent.text.lower())
        st.numbers = dict(out)


def _number_value(t: Any) -> str | None:
    text = t.text.lower().replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return str(float(text)).rstrip("0").rstrip(".")
    if text in NUMBER_WORDS:
        return str(NUMBER_WORDS[text])
    return None


def claim_stances(
    claims: Sequence[ClaimFacts],
    texts: Mapping[DocId, str],
    *,
    nlp: Any | None = None,
    parses: Parses | None = None,
    cues: ConflictCues | None = None,
) -> dict[ClaimId, Stance]:
    """The stance of every attributed claim with an actor (blame targets, denials, polarity, numbers)."""
    parses = parses or Parses(claims, texts, nlp)
    reader = _StanceReader(cues or load_conflict_cues(), _actor_aliases(claims))
    out: dict[ClaimId, Stance] = {}
    for c in claims:
        if not c.actor:
            continue
        doc = parses.sentence(c)
        if parses.text(c.doc_id):
            content, cue, _rest = claim_tokens(c, doc)
        else:
            content, cue = list(doc), []
        out[c.claim_id] = reader.read(c, doc, sorted(content + cue, key=lambda t: t.i), c.actor)
    return out


# ---------------------------------------------------------------------------------------------- conflicts


@dataclass
class _Signal:
    kind: str
    claims: set[ClaimId]
    text: str


TARGET_TEMPLATES = {
    "it was": "says it was '{t}'",
    "by": "says it was done by '{t}'",
    "responsible": "holds '{t}' responsible",
    "hold responsible": "holds '{t}' responsible",
    "fail": "says '{t}' failed",
}
EXPLICIT_BLAME = {"by", "responsible", "hold responsible", "fail"}


def _explicit(t: Target, cues: ConflictCues) -> bool:
    return t.via in EXPLICIT_BLAME or t.via in cues.blame_verbs


def _phrase_for(t: Target) -> str:
    if t.via in TARGET_TEMPLATES:
        return TARGET_TEMPLATES[t.via].format(t=t.text)
    if t.via.startswith("not "):
        return f"says '{t.text}' did not {t.via[4:]}"
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


def _pair_signals(a: str, b: str, by_actor: Mapping[str, list[Stance]], cues: ConflictCues) -> list[_Signal]:
    sa, sb = by_actor[a], by_actor[b]
    signals: list[_Signal] = []
    # mutual blame: each side holds the other responsible
    a_on_b = [(s, t) for s in sa for t in s.targets if b in t.actors and a not in t.actors]
    b_on_a = [(s, t) for s in sb for t in s.targets if a in t.actors and b not in t.actors]
    if a_on_b and b_on_a:
        signals.append(
            _Signal(
                "mutual_blame",
                {s.claim.claim_id for s, _ in a_on_b + b_on_a},
                f"{_describe(a, [t for _, t in a_on_b])}; {_describe(b, [t for _, t in b_on_a])}",
            )
        )
    # blame: both name someone responsible, and not the same one
    ta = [(s, t) for s in sa for t in s.targets if a not in t.actors]
    tb = [(s, t) for s in sb for t in s.targets if b not in t.actors]
    if ta and tb and any(_explicit(t, cues) for _, t in ta + tb):
        lemmas_a = set().union(*(t.lemmas for _, t in ta))
        lemmas_b = set().union(*(t.lemmas for _, t in tb))
        actors_a = set().union(*(t.actors for _, t in ta))
        actors_b = set().union(*(t.actors for _, t in tb))
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
        rebutting = [s for s in sx if y in s.rebuts]
        if rebutting:
            words = ", ".join(f"'{w}'" for s in rebutting for w in s.denials[:2])
            signals.append(_Signal("rebuttal", {s.claim.claim_id for s in rebutting}, f"{x} rebuts {y}: {words}"))
    # denial: one denies what the other asserts (sharing words with it)
    for x, y, sx, sy in ((a, b, sa, sb), (b, a, sb, sa)):
        for s in sx:
            if not s.denials or y in s.rebuts:
                continue
            asserting = [
                o
                for o in sy
                if not o.denials and (s.lemmas & o.lemmas or x in o.blamed_actors() or _near(s.claim, o.claim))
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


def find_disputes(
    topics: Sequence[Topic],
    claims: Sequence[ClaimFacts],
    texts: Mapping[DocId, str],
    *,
    nlp: Any | None = None,
    cues: ConflictCues | None = None,
) -> list[Dispute]:
    """The disputes among ``topics``: at most one per topic, between the actors whose claims conflict.

    Each side lists every claim of that actor in the topic. Claims without an actor take no side.
    """
    cues = cues or load_conflict_cues()
    attributed = [c for c in claims if c.actor]
    if not attributed:
        return []
    stances = claim_stances(attributed, texts, nlp=nlp, cues=cues)
    by_id = {c.claim_id: c for c in claims}
    disputes = []
    for topic in topics:
        members = [by_id[cid] for cid in topic.claim_ids if cid in by_id]
        by_actor: dict[str, list[Stance]] = defaultdict(list)
        for c in members:
            if c.actor and c.claim_id in stances:
                by_actor[c.actor].append(stances[c.claim_id])
        actors = sorted(by_actor)
        if len(actors) < 2:
            continue
        signals: list[_Signal] = []
        involved: list[str] = []
        for i, a in enumerate(actors):
            for b in actors[i + 1 :]:
                found = _pair_signals(a, b, by_actor, cues)
                if found:
                    signals.extend(found)
                    for x in (a, b):
                        if x not in involved:
                            involved.append(x)
        if not signals:
            continue
        kinds = sorted({s.kind for s in signals}, key=cues.kind_priority.index)
        evidence = {cid for s in signals for cid in s.claims}
        base = cues.kind_confidence.get(kinds[0], 0.6)
        conf = min(0.95, base + 0.05 * (len(kinds) - 1))
        claim_conf = [by_id[cid].confidence for cid in evidence if cid in by_id]
        if claim_conf:
            conf *= 0.7 + 0.3 * (sum(claim_conf) / len(claim_conf))
        first_actor = next(
            (actor for actor in (by_id[cid].actor for cid in topic.claim_ids if cid in evidence) if actor in involved),
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
        disputes.append(
            Dispute(
                topic_id=topic.id,
                sides=sides,
                kind=kinds[0],
                reason="; ".join(reasons),
                confidence=round(conf, 3),
                kinds=kinds,
            )
        )
    return disputes
