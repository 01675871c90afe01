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

from claims.nlp.lexemes import doc_lists, lemma_of
from claims.nlp.rules import read_data_json
from claims.types import ParsedStance, StanceTarget

# "blame" | "mutual_blame" | "denial" | "rebuttal" | "refusal" | "polarity" | "numbers" | "evaluation"
DisputeKind = str


KINDS = ("mutual_blame", "blame", "rebuttal", "denial", "refusal", "numbers", "evaluation", "polarity")


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
    speech_nouns: frozenset[str] = frozenset()
    anaphoric_determiners: frozenset[str] = frozenset()
    call_verbs: frozenset[str] = frozenset()
    departure_verbs: frozenset[str] = frozenset()
    retention_words: frozenset[str] = frozenset()
    evaluative_verbs: frozenset[str] = frozenset()
    harm_words: frozenset[str] = frozenset()
    harm_valence: float = -1.4
    evaluation_valence: float = 0.0  # 0: off
    unit_words: frozenset[str] = frozenset()
    non_denial_idioms: tuple[tuple[str, ...], ...] = ()
    location_prepositions: frozenset[str] = frozenset()
    increment_words: frozenset[str] = frozenset()
    experiencer_verbs: frozenset[str] = frozenset()
    aim_nouns: frozenset[str] = frozenset()
    psych_verbs: frozenset[str] = frozenset()
    denied_harm_valence: float = -2.0
    invented_objects: frozenset[str] = frozenset()  # speech nouns and invented_things: what "made up" invents


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
        speech_nouns=_words(data, "speech_nouns"),
        anaphoric_determiners=_words(data, "anaphoric_determiners"),
        call_verbs=_words(data, "call_verbs"),
        departure_verbs=_words(data, "departure_verbs"),
        retention_words=_words(data, "retention_words"),
        evaluative_verbs=_words(data, "evaluative_verbs"),
        harm_words=_words(data, "harm_words"),
        harm_valence=float(data.get("harm_valence", -1.4)),
        evaluation_valence=float(data.get("evaluation_valence", 0.0)),
        unit_words=_words(data, "unit_words"),
        non_denial_idioms=tuple(tuple(p.split()) for p in sorted(_words(data, "non_denial_idioms"))),
        location_prepositions=_words(data, "location_prepositions"),
        increment_words=_words(data, "increment_words"),
        experiencer_verbs=_words(data, "experiencer_verbs"),
        aim_nouns=_words(data, "aim_nouns"),
        psych_verbs=_words(data, "psych_verbs"),
        denied_harm_valence=float(data.get("denied_harm_valence", -2.0)),
        invented_objects=_words(data, "speech_nouns") | _words(data, "invented_things"),
    )


@lru_cache(maxsize=1)
def sentiment_valence() -> dict[str, float]:
    """Word (lowercase) -> valence (-4 .. +4) from the opinion lexicon the vaderSentiment package ships
    (``vader_lexicon.txt``); empty when the package is not installed."""
    try:
        from importlib import resources

        raw = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    out: dict[str, float] = {}
    for line in raw.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                out[parts[0].strip().lower()] = float(parts[1])
            except ValueError:
                continue
    return out


_lemma = lemma_of  # (called for every claim token: no import per call)


def _falsity(t: Any, words: frozenset[str], invented: frozenset[str] = frozenset()) -> bool:
    """Whether ``t`` is a falsity word ("lied", "false", "made-up"). By the tagger's own lemma, not the mended
    one: the mending reads the form "lay" as the past of "lie", so "laying out the facts" was a denial."""
    if t.lemma_.lower() in words or t.lower_ in words or _hyphenated(t) in words:
        return True
    # a phrasal verb ("she made it up"): the verb with its particle, active ("is made up of" tells what a
    # thing consists of)
    if t.pos_ != "VERB" or any(ch.dep_ in {"auxpass", "nsubjpass"} or ch.lower_ == "of" for ch in t.children):
        return False
    if not any(ch.dep_ == "prt" and f"{t.lemma_.lower()} {ch.lower_}" in words for ch in t.children):
        return False
    # something said is invented ("she made it up", "made up the figures"), not a whole that parts constitute
    # ("the groups that made up the coalition") nor "made up her mind"
    objs = [ch for ch in t.children if ch.dep_ == "dobj"]
    if not objs:  # "to make up for lost time"; "accused her of making up" is read on "accused"
        return False
    return objs[0].pos_ == "PRON" or _lemma(objs[0]) in invented


def _as_complement(t: Any) -> Any | None:
    """The preposition "as" when adjective ``t`` (or the first of its conjuncts) is what a verb calls its
    object through it ("described their proposal as unworkable and misguided"; the parser hangs the
    adjective on "as"); else None."""
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    head = t.head
    if t.pos_ == "ADJ" and t.dep_ in {"amod", "acomp", "pobj"} and head.lower_ == "as" and head.dep_ == "prep":
        return head
    return None


PERSONAL_PRONOUNS = frozenset({"i", "you", "he", "she", "we", "they", "me", "him", "her", "us", "them", "who"})


def _personal(t: Any) -> bool:
    """A person or a group of people: a personal pronoun, or a person's or a people's name."""
    if t.pos_ == "PRON":
        return t.lower_ in PERSONAL_PRONOUNS
    return t.ent_type_ in {"PERSON", "NORP"}


def _ents_between(doc: Any, lo: int, hi: int) -> list[Any]:
    from claims.nlp.lexemes import ents_between

    return ents_between(doc, lo, hi)


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    from claims.nlp.lexemes import reporting_verbs

    return reporting_verbs()


def _hyphenated(t: Any) -> str:
    """ "cherry-picked" as one word ("cherry-pick"), when spaCy split it at the hyphen; else ""."""
    doc = t.doc
    if t.i >= 2 and doc[t.i - 1].text == "-":
        return f"{doc[t.i - 2].lower_}-{_lemma(t)}"
    return ""


def _negated(t: Any) -> bool:
    """Whether the parse negates ``t`` (read once per token: the readers ask it several times)."""
    memo = doc_lists(t.doc).memo
    key = ("negated", t.i)
    if key not in memo:
        memo[key] = _negated_here(t)
    return memo[key]  # type: ignore[no-any-return]


def _negated_here(t: Any) -> bool:
    if any(ch.dep_ == "neg" or ch.lower_ in {"not", "n't", "never"} for ch in t.children):
        return True
    # "is no longer France": "no" on the adverb "longer"
    if any(
        ch.dep_ == "advmod" and ch.lower_ == "longer" and any(g.lower_ == "no" for g in ch.children)
        for ch in t.children
    ):
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


MULTIPLIERS = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000}


def _number_value_of(x: float) -> str:
    return str(round(x, 6)).rstrip("0").rstrip(".") if "." in str(round(x, 6)) else str(round(x))


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
    refers_back: bool = False
    refers_back_both: bool = False
    calls: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)


MODALS = frozenset({"will", "would", "shall", "should", "must", "may", "might", "can", "could", "ought"})
ANAPHORIC_PRONOUNS = frozenset({"it", "that", "this", "these", "those", "them"})


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
        if any(_falsity(ch, self.cues.falsity_words, self.cues.invented_objects) for ch in t.children):
            return True
        head = t.head
        for _ in range(3):
            if head is None or head.i == t.i:
                break
            if _lemma(head) in self.cues.denial_verbs:
                return True
            t, head = head, head.head
        return False

    def may_be_falsity(self, i: int, lemma: str, p: str, lower: list[str]) -> bool:
        """False when token ``i`` cannot be a falsity word (:func:`_falsity`), read from the document's lists:
        a word that is no verb, whose lemma (the tagger's: only verbs are mended) and form are no falsity word
        and that follows no hyphen."""
        if p in {"VERB", "AUX"}:
            return True
        words = self.cues.falsity_words
        return lemma in words or lower[i] in words or (i >= 2 and lower[i - 1] == "-")

    def read(self, doc: Any, own: Sequence[Any]) -> ParsedStance:
        cues = self.cues
        reporting = _reporting_verbs()
        st = _Reading()
        lists = doc_lists(doc)
        columns, words = lists.columns, lists.words
        pos, lemmas, lower = columns.pos, words.lemmas, columns.lower
        for t in own:
            i = t.i
            lemma, p = lemmas[i], pos[i]
            if p == "VERB" and lemma in cues.blame_verbs:
                if self.falsified(t):
                    st.denials.append(t.text)
                    continue
                if _negated(t):
                    continue
                self._blame_verb(t, st)
            elif lemma in cues.responsibility_words and p in {"ADJ", "ADP", "VERB", "NOUN"}:
                self._responsibility(t, st)
            if p in {"VERB", "AUX"} and lemma in cues.failure_verbs and not _negated(t):
                subj = _subject(t)
                if subj is not None:
                    self._add(st, [w for x in _coordinated(subj) for w in _phrase(x)], "fail")
            elif p == "VERB" and _negated(t) and lemma not in reporting and lemma not in cues.psych_verbs:
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
                if subj and attrs and not self.evaluative_attribute(attrs[0]):
                    self._add(st, [w for x in _coordinated(attrs[0]) for w in _phrase(x)], "it was")
            if (
                t.dep_ == "agent"
                and t.head.pos_ == "VERB"
                and _lemma(t.head) not in reporting
                and _lemma(t.head) not in cues.psych_verbs  # "were not surprised by the delay": no agent of an act
            ):
                for ob in t.children:
                    if ob.dep_ == "pobj":
                        self._add(st, [w for x in _coordinated(ob) for w in _phrase(x)], "by")
            # harmful acts: the agent of a harmful or wrongful act, when it names another side
            if (
                p == "VERB"
                and (lemma not in reporting or t.dep_ != "ROOT")  # "guards had attacked the pickets", not the cue
                and lemma not in cues.failure_verbs
                and not _negated(t)
                and self.reported_act(t)
                and self.harmful(t)
            ):
                if self.under_negation(st, t, t):
                    continue
                subj = [ch for ch in t.children if ch.dep_ == "nsubj" and ch.pos_ != "PRON"]
                if subj:
                    tgt = self.target(
                        [w for x in _coordinated(subj[0]) for w in _phrase(x)], "harm " + lemma, needs_other_actor=True
                    )
                    if tgt:
                        st.targets.append(tgt)
            # denials
            if (
                lemma in cues.denial_verbs
                and p == "VERB"
                and not _negated(t)
                and not self.personal_passive(t)
                and not self.personal_object(t)
                and not self.withheld(t)
            ):
                st.denials.append(t.text)
                objs = [ch for ch in t.children if ch.dep_ in {"dobj", "nsubjpass"}]
                if objs and self.refers_back(objs[0]):
                    st.refers_back = True
                    st.refers_back_both = any(ch.dep_ == "det" and ch.lower_ == "both" for ch in objs[0].children)
            elif self.may_be_falsity(i, lemma, p, lower) and self.denying_falsity(t):
                st.denials.append(t.text)
                if self.said_of_something_said(t):
                    st.refers_back = True
            elif p == "ADJ" and self.dismissal(t):
                st.denials.append(t.text)
                st.refers_back = True
            elif p == "NOUN" and self.denied_harm(t):
                st.denials.append("no " + t.text)
            elif lemma in TRUTH_WORDS and p in {"ADJ", "NOUN"}:
                head = t.head if t.dep_ in {"acomp", "attr"} else None
                if head is not None and _negated(head):
                    st.denials.append(f"not {t.text}")
                    if self.said_of_something_said(t):
                        st.refers_back = True
            # calls and refusals
            if lemma in cues.call_verbs and p == "VERB" and not _negated(t):
                for v in self.called_actions(t):
                    st.calls.extend(self.actions(v))
            elif p in {"VERB", "AUX"} and self.modal_call(t):
                st.calls.extend(self.actions(t))
            if p == "VERB" and lemma not in reporting and _negated(t):
                st.refusals.extend(self.actions(t))
            elif p == "NOUN" and lemma in cues.aim_nouns and self.no_intention(t):
                for v in self.intended_actions(t):  # "has no plans to open a camp", "no intention of leaving"
                    st.refusals.extend(self.actions(v))
            elif p == "VERB" and lemma in {"refuse", "decline"} and not _negated(t):
                for ch in t.children:
                    if ch.dep_ == "xcomp":
                        st.refusals.extend(self.actions(ch))
            elif (lemma == "stand" or lemma in cues.retention_words) and self.retention(t):
                st.refusals.append("leave")
            # predicates
            if p == "VERB" and lemma not in cues.light_verbs and lemma not in reporting:
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
                failed = t.dep_ == "xcomp" and _lemma(t.head) in cues.failure_verbs  # "failed to discover"
                st.predicates.append((lemma, _negated(t) or failed, tuple(sorted(args))))
            elif lemma == "be" and p in {"AUX", "VERB"}:
                copula = self.copula_predicate(t)  # "France is no longer France" / "France will always be France"
                if copula is not None:
                    st.predicates.append(copula)
        own_ids = {t.i for t in own}
        features = words.features
        evaluations = self._evaluations(own, st.targets)  # before the targets are taken: it adds criticisms
        return ParsedStance(
            refers_back=st.refers_back,
            calls=tuple(dict.fromkeys(st.calls)),
            refusals=tuple(dict.fromkeys(st.refusals)),
            refers_back_both=st.refers_back_both,
            targets=tuple(st.targets),
            denials=tuple(st.denials),
            predicates=tuple(st.predicates),
            numbers=self._numbers(doc, own, own_ids),
            lemmas=tuple(sorted({f for t in own if (f := features[t.i])})),
            own_text=" ".join(t.text for t in own),
            evaluations=evaluations,
        )

    # --- harmful acts, answers, calls and refusals ------------------------------------------------------

    def evaluative_attribute(self, attr: Any) -> bool:
        """ "It was good news", "it was a great day": an evaluation of something, not who or what it was."""
        cues = self.cues
        for ch in attr.children:
            if ch.dep_ != "amod":
                continue
            if _lemma(ch) in cues.positive_evaluations or _lemma(ch) in cues.negative_evaluations:
                return True
            if cues.evaluation_valence and abs(self.valence(ch)) >= cues.evaluation_valence:
                return True
        return False

    def withheld(self, t: Any) -> bool:
        """A denial verb meaning "withhold" ("was denied bail", "denied them entry", "a privilege they have been
        denied"): a passive that keeps its object, or a verb with a recipient; nothing said is denied."""
        if any(ch.dep_ == "dative" for ch in t.children):
            return True
        passive = any(ch.dep_ in {"auxpass", "nsubjpass"} for ch in t.children)
        return passive and (any(ch.dep_ == "dobj" for ch in t.children) or t.dep_ in {"relcl", "acl"})

    def denied_harm(self, t: Any) -> bool:
        """Harm said not to be there: "causes no significant harm", "there were no injuries", "no crime was
        committed" (a noun of harm with "no"). A negated verb is not read so: in political news "did not attack
        the plan", "did not block the bill", "did not push for it", "does not condone violence" deny no harm
        done (measured on PolNeAR train: such readings added disputes that none of its gold holds)."""
        if t.pos_ != "NOUN" or not self.gravely_harmful(t):
            return False
        return any(ch.dep_ == "det" and ch.lower_ == "no" for ch in t.children)

    def gravely_harmful(self, t: Any) -> bool:
        """A word of harm by ``harm_words`` or rated at or below ``denied_harm_valence``."""
        return _lemma(t) in self.cues.harm_words or self.valence(t) <= self.cues.denied_harm_valence

    def no_intention(self, t: Any) -> bool:
        """An aim noun said not to be there: "no plans", "does not have any plans"."""
        if any(ch.dep_ == "det" and ch.lower_ == "no" for ch in t.children):
            return True
        return t.dep_ == "dobj" and t.head.pos_ in {"VERB", "AUX"} and _negated(t.head)

    def intended_actions(self, t: Any) -> list[Any]:
        """The acts an aim noun is of: "plans to open", "intention of leaving"."""
        out = []
        for ch in t.children:
            if ch.dep_ in {"acl", "relcl"} and ch.pos_ in {"VERB", "AUX"}:
                if any(a.lower_ == "to" and a.dep_ == "aux" for a in ch.children):
                    out.append(ch)
            elif ch.dep_ == "prep" and ch.lower_ in {"of", "to", "for"}:
                out.extend(ob for ob in ch.children if ob.dep_ == "pcomp" and ob.pos_ == "VERB")
        return out

    def copula_predicate(self, t: Any) -> tuple[str, bool, tuple[str, ...]] | None:
        """What a copula says a thing is ("France is no longer France"): ("be <attribute>", negated, the
        subject's nouns), so that the same attribute asserted and negated of the same thing is a
        contradiction. Not of a pronoun ("it is not a problem": each speaker may mean another thing)."""
        subj = [ch for ch in t.children if ch.dep_ == "nsubj"]
        attrs = [ch for ch in t.children if ch.dep_ in {"attr", "acomp"} and ch.pos_ in {"NOUN", "PROPN", "ADJ"}]
        if not subj or not attrs or subj[0].pos_ == "PRON" or subj[0].lower_ in {"this", "that", "there"}:
            return None
        args = tuple(sorted({_lemma(w) for w in _phrase(subj[0]) if w.pos_ in {"NOUN", "PROPN"}}))
        if not args:
            return None
        return (f"be {_lemma(attrs[0])}", _negated(t), args)

    def valence(self, t: Any) -> float:
        lexicon = sentiment_valence()
        values = [v for w in (t.lower_, _lemma(t)) if (v := lexicon.get(w)) is not None]
        return min(values) if values else 0.0

    def harmful_word(self, t: Any) -> bool:
        return _lemma(t) in self.cues.harm_words or self.valence(t) <= self.cues.harm_valence

    def harmful(self, t: Any) -> bool:
        """A verb of a harmful or wrongful act ("fired", "rammed") or one whose object is one ("opened fire",
        "resorted to unprovoked firing")."""
        if _lemma(t) in self.cues.experiencer_verbs:
            return False  # "France had lost its identity", "the town suffered losses": its subject undergoes it
        if self.harmful_word(t):
            return True
        for ch in t.children:
            if ch.dep_ == "dobj" and ch.pos_ == "NOUN" and self.harmful_word(ch):
                return True
            if ch.dep_ == "prep":
                if any(ob.dep_ in {"pobj", "pcomp"} and self.harmful_word(ob) for ob in ch.children):
                    return ch.lower_ in {"to", "with"}
        return False

    def reported_act(self, t: Any) -> bool:
        """A verb telling what was done (past or perfect, no modal, not an infinitive): "had fired", "opened"."""
        if t.tag_ not in {"VBD", "VBN"} or t.dep_ in {"amod", "xcomp", "acl", "relcl", "pcomp"}:
            return False
        return not any(ch.dep_ == "aux" and (ch.lower_ in MODALS or ch.lower_ == "to") for ch in t.children)

    def idiom(self, t: Any) -> bool:
        """Whether ``t`` is inside a phrase of ``non_denial_idioms`` ("don't get me wrong")."""
        doc = t.doc
        for phrase in self.cues.non_denial_idioms:
            n = len(phrase)
            for start in range(max(0, t.i - n + 1), min(t.i, len(doc) - n) + 1):
                words = doc[start : start + n]
                if all(
                    w.lower_ == p or w.lemma_.lower() == p or _lemma(w) == p for w, p in zip(words, phrase, strict=True)
                ):
                    return True
        return False

    def location_lie(self, t: Any) -> bool:
        """ "The town lies on the river", "the answer lies in the figures": "lie" telling where a thing is (a
        present form, a locative preposition or adverb, a subject that is not a person)."""
        if t.lemma_.lower() != "lie" or t.pos_ != "VERB" or t.tag_ not in {"VB", "VBZ", "VBP", "VBG"}:
            return False
        if not any(ch.dep_ in {"prep", "advmod"} and ch.lower_ in self.cues.location_prepositions for ch in t.children):
            return False
        subj = [ch for ch in t.children if ch.dep_ in {"nsubj", "nsubjpass"}]
        if not subj and t.dep_ == "acl":
            subj = [t.head]  # "the papers lying on the desk"
        return bool(subj) and not any(_personal(x) or x.ent_type_ == "ORG" for x in subj)

    def denying_falsity(self, t: Any) -> bool:
        """A falsity word that denies something: not in an idiom ("don't get me wrong"), not "lie" of a place,
        and, modifying a noun, only a speech noun without an indefinite article ("baseless accusations", not
        "a false report" someone filed or "the wrong path")."""
        cues = self.cues
        if not _falsity(t, cues.falsity_words, cues.invented_objects) or self.idiom(t) or self.location_lie(t):
            return False
        if t.dep_ == "amod" and t.head.pos_ in {"NOUN", "PROPN"} and t.head.i != t.i:
            noun = t.head
            if _lemma(noun) not in self.cues.speech_nouns:
                return False
            return not any(ch.dep_ == "det" and ch.lower_ in {"a", "an"} for ch in noun.children)
        return True

    def dismissal(self, t: Any) -> bool:
        """A negative evaluation said of something said ("this is extremely irresponsible", "the accusation
        is outrageous"), not of an extraposed clause ("it is outrageous to misrepresent ...")."""
        cues = self.cues
        if t.pos_ != "ADJ" or t.head.i == t.i or (t.dep_ not in {"acomp", "attr"} and _as_complement(t) is None):
            return False
        if _lemma(t) not in cues.negative_evaluations and t.lower_ not in cues.negative_evaluations:
            return False
        if _negated(t) or _negated(t.head):
            return False
        as_ = _as_complement(t)
        if as_ is not None and _negated(as_.head):  # "did not describe the plan as unrealistic"
            return False
        if any(ch.dep_ in {"xcomp", "ccomp", "csubj"} for w in (t, t.head) for ch in w.children):
            return False
        return self.said_of_something_said(t)

    def negated_above(self, t: Any) -> str:
        """Whether a clause of ``t`` is under a negated verb or "no": "denied" when what ``t`` says of Y is
        denied ("did not see evidence that Y was behind it", "there is no proof that Y did it"), "unsaid" when
        it is only not said ("has not accused Y of being behind it", "did not say that Y did it"), else ""."""
        w = t
        through_noun = False  # "did not see evidence that ...": the clause of a noun the negated verb takes
        for _ in range(5):
            head = w.head
            if head.i == w.i:
                return ""
            if head.pos_ in {"VERB", "AUX"} and _negated(head):
                if w.dep_ not in {"ccomp", "xcomp", "dobj", "acl", "prep", "pobj", "pcomp"}:
                    return ""
                lemma = _lemma(head)
                said = lemma in _reporting_verbs() or lemma in self.cues.blame_verbs
                return "unsaid" if said and not through_noun else "denied"
            through_noun = through_noun or (head.pos_ == "NOUN" and w.dep_ in {"acl", "ccomp"})
            if head.pos_ == "NOUN" and any(ch.dep_ == "det" and ch.lower_ == "no" for ch in head.children):
                return "denied"
            w = head
        return ""

    def under_negation(self, st: _Reading, clause: Any, word: Any) -> bool:
        """Whether ``clause`` is under a negation (:meth:`negated_above`); a denied one adds "not <word>" to the
        denials ("no evidence that Y did it" denies the blame; "has not accused Y" only leaves it unsaid)."""
        above = self.negated_above(clause)
        if above == "denied":
            st.denials.append(f"not {word.text}")
        return bool(above)

    def personal_object(self, t: Any) -> bool:
        """A denial verb said of a person ("voters reject establishment Republicans", "dismissed him as a
        rival"): a rejection of someone, not a denial of something said."""
        return any(ch.dep_ == "dobj" and _personal(ch) for ch in t.children)

    def personal_passive(self, t: Any) -> bool:
        """A denial verb said of a person ("she was dismissed"): a sacking, not a denial."""
        return any(
            ch.dep_ == "nsubjpass"
            and ((ch.pos_ == "PRON" and ch.lower_ not in ANAPHORIC_PRONOUNS) or ch.ent_type_ == "PERSON")
            for ch in t.children
        )

    def refers_back(self, t: Any) -> bool:
        """A phrase that names something said before only by a pronoun or a speech noun: "that account",
        "the allegations", "his claims", "it", "what she said"."""
        if t.pos_ == "PRON" and t.lower_ in ANAPHORIC_PRONOUNS:
            return t.tag_ != "WDT"  # not the relative "that" of "an answer that the documents contradict"
        if t.lower_ == "what" or any(w.lower_ == "what" for w in t.subtree if w.i < t.i or w.head.i == t.i):
            reporting = _reporting_verbs()
            return any(w.pos_ == "VERB" and _lemma(w) in reporting for w in t.subtree)
        if _lemma(t) in self.cues.speech_nouns and t.pos_ == "NOUN":
            if any(
                ch.dep_ in {"acl", "relcl", "appos", "ccomp"} or (ch.dep_ == "prep" and ch.lower_ in {"of", "about"})
                for ch in t.children
            ):
                return False  # "the reports of a poisoned reservoir": says what was said
            return any(
                (ch.dep_ == "det" and ch.lower_ in self.cues.anaphoric_determiners) or ch.dep_ == "poss"
                for ch in t.children
            )
        return False

    def said_of_something_said(self, t: Any) -> bool:
        """Whether falsity word ``t`` is said of something said before ("the accusation was false", "that is
        not true", "called the story faulty", "what she said is wrong")."""
        head = t.head
        while t.dep_ == "conj" and head is not t:
            t, head = head, head.head
        if t.dep_ == "amod" and head.pos_ == "NOUN":
            return self.refers_back(head)
        candidates = [ch for ch in t.children if ch.dep_ in {"nsubj", "nsubjpass", "csubj"}]
        if t.pos_ == "VERB":  # "she made it up", "he invented the story"
            candidates += [ch for ch in t.children if ch.dep_ == "dobj"]
        if t.dep_ in {"acomp", "attr", "oprd", "xcomp", "ccomp", "advmod"} and head is not t:
            candidates += [ch for ch in head.children if ch.dep_ in {"nsubj", "nsubjpass", "csubj", "dobj"}]
        if (t.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "as") or _as_complement(t) is not None:
            candidates += [ch for ch in head.head.children if ch.dep_ == "dobj"]
        if head.dep_ == "ccomp" and any(ch.lower_ == "what" for ch in head.head.children):
            candidates.append(head.head)  # "what she said was wrong" parsed as "what she said [that it] was wrong"
        return any(self.refers_back(c) for c in candidates)

    def actions(self, v: Any) -> list[str]:
        """The action a verb names, and "leave" when it is a departure ("resign", "step down")."""
        lemma = _lemma(v)
        if lemma == "go" and any(
            ch.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in ch.children) for ch in v.children
        ):
            return []  # "is not going to be easy": the future, not a departure
        names = [lemma] + [f"{lemma} {ch.lower_}" for ch in v.children if ch.dep_ == "prt"]
        out = [n for n in names if n != lemma or lemma not in self.cues.light_verbs or lemma == "go"]
        if any(n in self.cues.departure_verbs for n in names):
            out.append("leave")
        return out

    def called_actions(self, t: Any) -> list[Any]:
        """The actions a call verb asks for: "urged X to resign", "called on X to quit"."""

        def infinitive(w: Any) -> bool:
            return w.pos_ in {"VERB", "AUX"} and any(a.lower_ == "to" and a.dep_ == "aux" for a in w.children)

        out = [ch for ch in t.children if ch.dep_ in {"xcomp", "ccomp"} and infinitive(ch)]
        for ch in t.children:
            if ch.dep_ in {"prep", "dobj"}:
                out.extend(w for w in ch.subtree if infinitive(w))
        return out

    def modal_call(self, t: Any) -> bool:
        """ "X should go", "X must resign": a call for the action."""
        return any(ch.dep_ == "aux" and ch.lower_ in {"should", "must"} for ch in t.children) and not _negated(t)

    def retention(self, t: Any) -> bool:
        """ "he will stay", "retained the full confidence", "stands by him", "is going nowhere"."""
        lemma = _lemma(t)
        if lemma == "stand" and any(ch.dep_ == "prep" and ch.lower_ == "by" for ch in t.children):
            return not _negated(t)
        if lemma in self.cues.retention_words and t.pos_ in {"VERB", "NOUN", "ADV"}:
            if t.pos_ == "VERB" and any(ch.dep_ in {"attr", "acomp", "oprd"} for ch in t.children):
                return False  # "he remains the second choice", "stay calm": a copula, not staying in a post
            return not _negated(t)
        return False

    def _evaluations(
        self, own: Sequence[Any], criticised: list[StanceTarget] | None = None
    ) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """What the claim praises (+1) or condemns (-1): evaluative words with what they are said of. A
        condemnation of a named one ("Brandl's plan is reckless", "called Brandl incompetent") is added to
        ``criticised`` as a target ("criticise"), counting when it names another side."""
        cues = self.cues
        out: list[tuple[int, tuple[str, ...]]] = []
        if not own:
            return ()
        columns = doc_lists(own[0].doc).columns
        all_lemmas, pos, lowers = doc_lists(own[0].doc).words.lemmas, columns.pos, columns.lower
        for t in own:
            i = t.i
            lemma, lower, p = all_lemmas[i], lowers[i], pos[i]
            if lemma in cues.positive_evaluations or lower in cues.positive_evaluations:
                polarity = 1
            elif (
                lemma in cues.negative_evaluations
                or lower in cues.negative_evaluations
                or (p == "ADJ" and self.may_be_falsity(i, lemma, p, lowers) and _falsity(t, cues.falsity_words))
            ):
                polarity = -1
            elif p == "ADJ" and cues.evaluation_valence and abs(v := self.valence(t)) >= cues.evaluation_valence:
                polarity = 1 if v > 0 else -1  # an opinion word of the sentiment lexicon ("disgusting", "fantastic")
            else:
                continue
            if p not in {"ADJ", "NOUN", "VERB"}:
                continue
            if p == "VERB" and t.tag_ != "VBN" and lemma not in cues.evaluative_verbs:
                continue  # "correct the errors": a verb, not the adjective
            about, negated = self._evaluated(t)
            lemmas = tuple(
                sorted({_lemma(w) for w in about if w.pos_ in {"NOUN", "PROPN"} and not w.is_stop and w is not t})
            )
            if lemmas:
                out.append((-polarity if negated else polarity, lemmas))
                named = [w for w in about if w.pos_ == "PROPN" and w is not t]
                if criticised is not None and not negated and polarity < 0 and named:
                    tgt = self.target(named, "criticise", needs_other_actor=True)
                    if tgt:
                        criticised.append(tgt)
        return tuple(out)

    def _evaluated(self, t: Any) -> tuple[list[Any], bool]:
        """The words of what evaluative word ``t`` is said of, and whether the evaluation is negated."""
        negated = _negated(t) or any(ch.lower_ in {"not", "never", "no"} for ch in t.children)
        head = t.head
        # "fair and affordable": the first conjunct's place
        while t.dep_ == "conj" and head is not t:
            t, head = head, head.head
        if t.dep_ == "amod" and head.pos_ in {"NOUN", "PROPN"}:
            if head.dep_ in {"attr", "oprd"} and head.head.i != head.i:  # "Brexit is a great thing": both
                of_what, neg = self._evaluated(head)
                return _phrase(head) + of_what, negated or neg
            return _phrase(head), negated
        if t.pos_ == "VERB":
            objs = [ch for ch in t.children if ch.dep_ == "dobj"]
            if objs:  # "undervalued a player", "opposes the plan"
                return _phrase(objs[0]), negated
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
        if (t.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "as") or _as_complement(t) is not None:
            # "dismissed the payment as a gimmick", "described their proposal as unworkable"
            verb = head.head
            objs = [ch for ch in verb.children if ch.dep_ == "dobj"]
            if objs:
                return _phrase(objs[0]), negated or _negated(verb)
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
            if self.under_negation(st, head, t):
                return
            subj = _subject(head)
            if subj is not None and subj.pos_ != "PRON":
                self._add(st, [w for x in _coordinated(subj) for w in _phrase(x)], "responsible")
        elif t.dep_ == "oprd":
            objs = [ch for ch in head.children if ch.dep_ == "dobj"]
            if objs:
                self._add(st, [w for x in _coordinated(objs[0]) for w in _phrase(x)], "hold responsible")

    def _unit_of(self, unit: Any) -> str:
        """What a unit counts ("40% of the company": company; "crime had risen 22%": crime)."""
        for ch in unit.children:
            if ch.dep_ == "prep" and ch.lower_ == "of":
                objs = [ob for ob in ch.children if ob.dep_ == "pobj"]
                if objs:
                    return _lemma(objs[0])
        verb = unit.head
        for _ in range(3):
            if verb.pos_ in {"VERB", "AUX"} or verb.i == verb.head.i:
                break
            verb = verb.head
        subj = _subject(verb) if verb.pos_ in {"VERB", "AUX"} else None
        return _lemma(subj) if subj is not None else ""

    def not_a_total(self, t: Any) -> bool:
        """A figure that counts nothing to compare: an addition ("5,500 more pages"), a person's age ("said
        Renee Gold, 83"), a figure the reporting verb takes."""
        cues = self.cues
        doc = t.doc
        if t.head.i != t.i and any(
            ch.lower_ in cues.increment_words
            and ch.dep_ in {"amod", "det"}
            and not (ch.i + 1 < len(doc) and doc[ch.i + 1].lower_ == "than")  # "more than 5,000": a total
            for ch in t.head.children
        ):
            return True
        if t.dep_ in {"appos", "npadvmod"} and _personal(t.head):
            return True

        def aim(w: Any) -> bool:  # "its goal of releasing 4,000 pages", "the goal was to move 9,000 containers"
            if w.pos_ == "NOUN" and _lemma(w) in cues.aim_nouns:
                return True
            return w.pos_ in {"AUX", "VERB"} and any(
                ch.dep_ == "nsubj" and _lemma(ch) in cues.aim_nouns for ch in w.children
            )

        w = t.head
        for _ in range(4):
            if aim(w):
                return True
            if w.i == w.head.i:
                break
            w = w.head
        return t.head.i != t.i and t.head.pos_ == "VERB" and _lemma(t.head) in _reporting_verbs()

    def _numbers(self, doc: Any, own: Sequence[Any], own_ids: set[int]) -> dict[str, tuple[str, ...]]:
        out: dict[str, set[str]] = defaultdict(set)
        pos = doc_lists(doc).columns.pos
        for t in own:
            if pos[t.i] != "NUM" or not t.like_num or t.ent_type_ in {"DATE", "TIME", "ORDINAL"}:
                continue
            if t.dep_ not in {"nummod", "quantmod", "compound"} and not any(ch.isdigit() for ch in t.text):
                continue  # "one of the groups": a pronoun-like number
            if t.lower_ in MULTIPLIERS and any(
                ch.pos_ == "NUM" and ch.dep_ in {"compound", "nummod"} for ch in t.children
            ):
                continue  # "2 million": counted with its number
            value = _number_value(t)
            if value is None or self.not_a_total(t):
                continue
            if t.head.lower_ in MULTIPLIERS and t.head.i != t.i and t.dep_ in {"compound", "nummod"}:
                value = _number_value_of(float(value) * MULTIPLIERS[t.head.lower_])
            head = t.head
            top = t
            while head.pos_ == "NUM" and head.i != head.head.i:  # spaCy makes a new Token per access: compare positions
                top, head = head, head.head
            money = any(ch.tag_ == "$" for ch in (*top.children, *t.children))
            if head.pos_ in {"NOUN", "PROPN"} and _lemma(head) not in self.cues.unit_words:
                key = _lemma(head)
            elif money:  # "lost £1.5 million", "a profit of £2 million": the money of the subject
                key = "money:" + self._unit_of(top)
            elif head.pos_ in {"NOUN", "PROPN", "SYM"} or head.lower_ in self.cues.unit_words:
                key = _lemma(head) + ":" + self._unit_of(head)  # "22%" of what
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
                if verb.pos_ == "VERB" and (
                    _lemma(verb) in self.cues.light_verbs or _lemma(verb) in _reporting_verbs()
                ):
                    continue  # "going into the 1970s", "said on 3 May", "said X, 59": dates of no event compared
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
