"""A claim's stance as its parse shows it, read from the tokens of its own words (content and cue): whom
it blames, what it denies, the predicates it asserts or negates and the figures it gives.

Only what the parse says is read here, as plain :class:`claims.types.ParsedStance`; which actors (sides)
the targets name is resolved later from the stored texts (:mod:`claims.analysis.stance`), since that
depends on the claims collected and on reviewers' corrections. The conflict words live in
``claims/data/conflict_cues.json`` (:func:`load_conflict_cues`)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from claims.nlp.rules import read_data_json
from claims.types import ParsedStance, StanceTarget

DisputeKind = str  # "blame" | "mutual_blame" | "denial" | "rebuttal" | "polarity" | "numbers" | "evaluation"


KINDS = ("mutual_blame", "blame", "rebuttal", "denial", "numbers", "evaluation", "polarity")


NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12,
}  # fmt: skip


SELF_PRONOUNS = {"i", "we", "it", "they", "he", "she", "you"}


TRUTH_WORDS = {"true", "correct", "accurate", "case", "fact", "right"}


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
    positive_evaluations: frozenset[str]
    negative_evaluations: frozenset[str]
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
        positive_evaluations=_words(data, "positive_evaluations"),
        negative_evaluations=_words(data, "negative_evaluations"),
        kind_priority=priority + tuple(k for k in KINDS if k not in priority),
        kind_confidence={str(k): float(v) for k, v in conf.items()},
    )


def _lemma(t: Any) -> str:
    from claims.nlp.lexemes import lemma_of

    return lemma_of(t)


def _ents_between(doc: Any, lo: int, hi: int) -> list[Any]:
    from claims.nlp.lexemes import ents_between

    return ents_between(doc, lo, hi)


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    from claims.nlp.lexemes import reporting_verbs

    return reporting_verbs()


def _negated(t: Any) -> bool:
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
        if t.dep_ in {"xcomp", "conj", "acomp", "advcl", "ccomp"} and t.head.i != t.i:
            if t.dep_ in {"advcl", "ccomp"}:
                return None
            t = t.head
            continue
        return None
    return None


def _number_value(t: Any) -> str | None:
    text = t.text.lower().replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return str(float(text)).rstrip("0").rstrip(".")
    if text in NUMBER_WORDS:
        return str(NUMBER_WORDS[text])
    return None


@dataclass
class _Reading:
    targets: list[StanceTarget] = field(default_factory=list)
    denials: list[str] = field(default_factory=list)
    predicates: list[tuple[str, bool, tuple[str, ...]]] = field(default_factory=list)


class StanceReader:
    def __init__(self, cues: ConflictCues) -> None:
        self.cues = cues

    def target(self, tokens: Sequence[Any], via: str, *, needs_other_actor: bool = False) -> StanceTarget | None:
        tokens = sorted({w.i: w for w in tokens}.values(), key=lambda w: w.i)
        while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in {"cc", "prep"}):
            tokens.pop()
        if not tokens:
            return None
        text = "".join(w.text_with_ws for w in tokens).strip()
        lemmas = tuple(
            sorted({_lemma(w) for w in tokens if w.pos_ in {"NOUN", "PROPN", "ADJ", "NUM"} and not w.is_stop})
        )
        return StanceTarget(text=text, via=via, lemmas=lemmas, needs_other_actor=needs_other_actor)

    def falsified(self, t: Any) -> bool:
        """A word under a denial: 'falsely accuse', 'baseless accusations', 'denied blaming'."""
        if any(_lemma(ch) in self.cues.falsity_words for ch in t.children):
            return True
        head = t.head
        for _ in range(3):
            if head is None or head.i == t.i:
                break
            if _lemma(head) in self.cues.denial_verbs:
                return True
            t, head = head, head.head
        return False

    def read(self, doc: Any, own: Sequence[Any]) -> ParsedStance:
        from claims.nlp.lexemes import word_feature

        cues = self.cues
        reporting = _reporting_verbs()
        st = _Reading()
        for t in own:
            lemma = _lemma(t)
            if t.pos_ == "VERB" and lemma in cues.blame_verbs:
                if self.falsified(t):
                    st.denials.append(t.text)
                    continue
                if _negated(t):
                    continue
                self._blame_verb(t, st)
            elif lemma in cues.responsibility_words and t.pos_ in {"ADJ", "ADP", "VERB", "NOUN"}:
                self._responsibility(t, st)
            if t.pos_ in {"VERB", "AUX"} and lemma in cues.failure_verbs and not _negated(t):
                subj = _subject(t)
                if subj is not None:
                    self._add(st, [w for x in _coordinated(subj) for w in _phrase(x)], "fail")
            elif t.pos_ == "VERB" and _negated(t) and lemma not in reporting:
                subj = _subject(t)
                if subj is not None:
                    tgt = self.target(
                        [w for x in _coordinated(subj) for w in _phrase(x)], "not " + lemma, needs_other_actor=True
                    )
                    if tgt:
                        st.targets.append(tgt)
            if lemma == "be" and not _negated(t):
                subj = [ch for ch in t.children if ch.dep_ == "nsubj" and ch.lower_ in {"it", "this", "that"}]
                attrs = [ch for ch in t.children if ch.dep_ == "attr"]
                if subj and attrs:
                    self._add(st, [w for x in _coordinated(attrs[0]) for w in _phrase(x)], "it was")
            if t.dep_ == "agent" and t.head.pos_ == "VERB" and _lemma(t.head) not in reporting:
                for ob in t.children:
                    if ob.dep_ == "pobj":
                        self._add(st, [w for x in _coordinated(ob) for w in _phrase(x)], "by")
            # denials
            if lemma in cues.denial_verbs and t.pos_ == "VERB" and not _negated(t):
                st.denials.append(t.text)
            elif lemma in cues.falsity_words or t.lower_ in cues.falsity_words:
                st.denials.append(t.text)
            elif lemma in TRUTH_WORDS and t.pos_ in {"ADJ", "NOUN"}:
                head = t.head if t.dep_ in {"acomp", "attr"} else None
                if head is not None and _negated(head):
                    st.denials.append(f"not {t.text}")
            # predicates
            if t.pos_ == "VERB" and lemma not in cues.light_verbs and lemma not in reporting:
                args = set()
                for ch in t.children:
                    if ch.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"}:
                        args |= {_lemma(w) for w in _phrase(ch) if w.pos_ in {"NOUN", "PROPN"}}
                    elif ch.dep_ == "prep":
                        for ob in ch.children:
                            if ob.dep_ == "pobj":
                                args.add(_lemma(ob))
                subj = _subject(t)
                # "we will not attend" / "it will attend": each speaker talks about itself, no contradiction
                if subj is not None and subj.pos_ == "PRON" and subj.lower_ in SELF_PRONOUNS:
                    continue
                st.predicates.append((lemma, _negated(t), tuple(sorted(args))))
        own_ids = {t.i for t in own}
        return ParsedStance(
            targets=tuple(st.targets),
            denials=tuple(st.denials),
            predicates=tuple(st.predicates),
            numbers=self._numbers(doc, own, own_ids),
            lemmas=tuple(sorted({f for t in own if (f := word_feature(t))})),
            own_text=" ".join(t.text for t in own),
            evaluations=self._evaluations(own),
        )

    def _evaluations(self, own: Sequence[Any]) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """What the claim praises (+1) or condemns (-1): evaluative words with what they are said of."""
        cues = self.cues
        out: list[tuple[int, tuple[str, ...]]] = []
        for t in own:
            lemma, lower = _lemma(t), t.lower_
            if lemma in cues.positive_evaluations or lower in cues.positive_evaluations:
                polarity = 1
            elif (
                lemma in cues.negative_evaluations
                or lower in cues.negative_evaluations
                or (t.pos_ == "ADJ" and (lemma in cues.falsity_words or lower in cues.falsity_words))
            ):
                polarity = -1
            else:
                continue
            if t.pos_ not in {"ADJ", "NOUN", "VERB"}:
                continue
            about, negated = self._evaluated(t)
            lemmas = tuple(
                sorted({_lemma(w) for w in about if w.pos_ in {"NOUN", "PROPN"} and not w.is_stop and w is not t})
            )
            if lemmas:
                out.append((-polarity if negated else polarity, lemmas))
        return tuple(out)

    def _evaluated(self, t: Any) -> tuple[list[Any], bool]:
        """The words of what evaluative word ``t`` is said of, and whether the evaluation is negated."""
        negated = _negated(t) or any(ch.lower_ in {"not", "never", "no"} for ch in t.children)
        head = t.head
        # "fair and affordable": the first conjunct's place
        while t.dep_ == "conj" and head is not t:
            t, head = head, head.head
        if t.dep_ == "amod" and head.pos_ in {"NOUN", "PROPN"}:
            return _phrase(head), negated
        own_subject = [ch for ch in t.children if ch.dep_ in {"nsubj", "nsubjpass"}]
        if own_subject:  # "the closure was justified" read as a passive
            return _phrase(own_subject[0]), negated
        if t.dep_ in {"acomp", "attr", "oprd", "ccomp", "xcomp"} and head is not t:
            negated = negated or _negated(head)
            objs = [ch for ch in head.children if ch.dep_ == "dobj"]
            if objs:  # "called the closure unjustified"
                return _phrase(objs[0]), negated
            subj = _subject(head)
            if subj is not None:  # "the closure was justified"
                return _phrase(subj), negated
        if t.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "as":  # "dismissed the payment as a gimmick"
            verb = head.head
            objs = [ch for ch in verb.children if ch.dep_ == "dobj"]
            if objs:
                return _phrase(objs[0]), negated
        if t.pos_ == "VERB":
            objs = [ch for ch in t.children if ch.dep_ == "dobj"]
            if objs:  # "undervalued a player"
                return _phrase(objs[0]), negated
        return [], negated

    def _add(self, st: _Reading, tokens: list[Any], via: str) -> None:
        tgt = self.target(tokens, via)
        if tgt is not None and (tgt.lemmas or tgt.text):
            st.targets.append(tgt)

    def _blame_verb(self, t: Any, st: _Reading) -> None:
        via = _lemma(t)
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

    def _responsibility(self, t: Any, st: _Reading) -> None:
        head = t.head
        if t.dep_ in {"acomp", "attr", "prep", "xcomp"} and head.i != t.i:
            if _lemma(head) == "hold":  # "held Y responsible"
                objs = [ch for ch in head.children if ch.dep_ == "dobj"]
                if objs:
                    self._add(st, [w for x in _coordinated(objs[0]) for w in _phrase(x)], "hold responsible")
                return
            if _negated(head):
                return
            subj = _subject(head)
            if subj is not None and subj.pos_ != "PRON":
                self._add(st, [w for x in _coordinated(subj) for w in _phrase(x)], "responsible")
        elif t.dep_ == "oprd":
            objs = [ch for ch in head.children if ch.dep_ == "dobj"]
            if objs:
                self._add(st, [w for x in _coordinated(objs[0]) for w in _phrase(x)], "hold responsible")

    def _numbers(self, doc: Any, own: Sequence[Any], own_ids: set[int]) -> dict[str, tuple[str, ...]]:
        out: dict[str, set[str]] = defaultdict(set)
        for t in own:
            if not (t.like_num and t.pos_ == "NUM") or t.ent_type_ in {"DATE", "TIME", "ORDINAL"}:
                continue
            if t.dep_ not in {"nummod", "quantmod", "compound"} and not any(ch.isdigit() for ch in t.text):
                continue  # "one of the groups": a pronoun-like number
            value = _number_value(t)
            if value is None:
                continue
            head = t.head
            while head.pos_ == "NUM" and head.i != head.head.i:  # spaCy makes a new Token per access: compare positions
                head = head.head
            if head.pos_ in {"NOUN", "PROPN"}:
                key = _lemma(head)
            else:
                subj = [ch for ch in head.children if ch.dep_ in {"nsubj", "nsubjpass"}]
                key = _lemma(subj[0]) if subj else _lemma(head)
            out["n:" + key].add(value)
        if own:
            lo, hi = min(own_ids), max(own_ids) + 1
            for ent in _ents_between(doc, lo, hi):
                if ent.label_ != "DATE" or ent.start < lo or ent.end > hi or not all(w.i in own_ids for w in ent):
                    continue
                verb = ent.root.head
                while verb.pos_ not in {"VERB", "AUX"} and verb.i != verb.head.i:
                    verb = verb.head
                if verb.pos_ == "VERB" and any(ch.isdigit() for ch in ent.text):  # relative dates do not compare
                    out["d:" + _lemma(verb)].add(ent.text.lower())
        return {k: tuple(sorted(v)) for k, v in out.items()}


_READERS: dict[int, StanceReader] = {}


def _reader(cues: ConflictCues) -> StanceReader:
    reader = _READERS.get(id(cues))
    if reader is None or reader.cues is not cues:
        reader = _READERS[id(cues)] = StanceReader(cues)
    return reader


def read_stance(doc: Any, own: Sequence[Any], cues: ConflictCues | None = None) -> ParsedStance:
    """The stance of the claim whose own tokens (content and cue, in order) are ``own``."""
    return _reader(cues or load_conflict_cues()).read(doc, own)
