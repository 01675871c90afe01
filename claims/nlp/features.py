"""What topics and disputes need from a claim's parse, read once from the spaCy ``Doc`` of its document.

:func:`read_claim_parse` turns the tokens of one claim (its sentence, content, cue, and the sentence
before it) into a plain :class:`claims.types.ClaimParse`: weighted topic features (content lemmas, event
terms, entities, the antecedent of an anaphoric reference), topic-label candidates and the stance words
(:mod:`claims.nlp.stance`). The ``claims_features`` component (:mod:`claims.nlp.components`) calls it for
every claim at ingest; :func:`parse_claims` reads claims stored without features (older databases) by
parsing their documents once.

Feature weights (no word lists about any particular event):

* the lemmas of the content words of the content (weight 1) and of the rest of the sentence (0.5; source
  and cue left out), weighted by part of speech (what a claim is about is mostly nouns);
* *event terms* ``ev:stem``: verbs and deverbal nouns brought to a common stem ("attacked", "the attack";
  "suspending", "suspension") with the lemmatizer's own verb index; a stance cue ("accused", "denied")
  is an event too, which the other side may answer;
* ``ent:name``: multi-word entity names;
* an anaphoric definite description ("the incident", "this move") or a bare "it" as the subject takes in
  the event terms of the previous sentence (``anaphor``; the previous sentence's offsets are kept).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from claims.nlp.lexemes import (
    conflict_data,
    doc_lists,
    ents_between,
    has_ancestor_in,
    lemma_of,
    light_verbs,
    noun_chunks_between,
    register_verb_exceptions,
    reporting_verbs,
    sentence_bounds,
    verb_index,
    word_feature,
)
from claims.nlp.stance import read_stance
from claims.types import ClaimParse, LabelCandidate

Offsets = tuple[int, int]


ENT_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}


NOMINAL_SUFFIXES = (
    ("ization", "ize"), ("isation", "ise"), ("ation", "ate"), ("ation", ""), ("ation", "e"), ("ition", "ite"),
    ("sion", "d"), ("sion", "de"), ("ssion", "t"), ("sion", "se"), ("tion", "te"), ("tion", ""), ("ment", ""),
    ("al", ""), ("al", "e"), ("ance", ""), ("ance", "e"), ("ence", "e"), ("ure", ""), ("ure", "e"),
    ("ing", ""), ("ing", "e"), ("ery", ""), ("ion", ""), ("ion", "e"),
)  # fmt: skip

SENTENCE_WEIGHT = 0.5


EVENT_WEIGHT = 1.5


POS_WEIGHT = {"NOUN": 1.0, "PROPN": 1.0, "VERB": 0.7, "ADJ": 0.5}


TIME_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}


TIME_WEIGHT = 0.3


STANCE_CUE_WEIGHT = 0.5


ENTITY_WEIGHT = 1.0


MAX_LABEL_WORDS = 6


# ------------------------------------------------------------------------------------------- lexicon


@lru_cache(maxsize=1)
def _shell_nouns() -> frozenset[str]:
    return frozenset(str(w).lower() for w in conflict_data().get("shell_nouns", []))


@lru_cache(maxsize=1)
def stance_verbs() -> frozenset[str]:
    data = conflict_data()
    return frozenset(str(w).lower() for key in ("blame_verbs", "denial_verbs") for w in data.get(key, []))


@lru_cache(maxsize=1)
def _anaphoric_determiners() -> frozenset[str]:
    return frozenset(str(w).lower() for w in conflict_data().get("anaphoric_determiners", []))


# ------------------------------------------------------------------------------------------ features


def event_stem(token: Any, verbs: frozenset[str]) -> str | None:
    """The event a verb or deverbal noun names, as a verb lemma ("suspension" -> "suspend"); None if none."""
    return _stems(token.doc, verbs)[token.i]


def _stems(doc: Any, verbs: frozenset[str]) -> list[str | None]:
    """:func:`_event_stem` of every token of ``doc``, computed once per document (and verb index)."""
    memo = doc_lists(doc).memo
    key = ("stems", id(verbs))
    found = memo.get(key)
    if found is None:
        found = memo[key] = _all_stems(doc, verbs)
    return found  # type: ignore[no-any-return]


def _all_stems(doc: Any, verbs: frozenset[str]) -> list[str | None]:
    """What :func:`_event_stem` gives for each token, read from the document's token lists."""
    lists = doc_lists(doc)
    try:
        lemmas, pos = lists.words.lemmas, lists.columns.pos
    except (AttributeError, TypeError):  # not a spaCy Doc
        return [_event_stem(t, verbs) for t in doc]
    light, reporting, shell = light_verbs(), reporting_verbs(), _shell_nouns()
    out: list[str | None] = []
    for i, lemma in enumerate(lemmas):
        p = pos[i]
        if p == "VERB":
            out.append(None if lemma in light or lemma in reporting else lemma)
        elif p != "NOUN" or not lemma.isalpha() or len(lemma) < 3:
            out.append(None)
        elif lemma in verbs and (lemma in shell or _has_event_use(doc[i])):
            out.append(lemma)
        else:
            out.append(_deverbal(lemma, verbs))
    return out


def _event_stem(token: Any, verbs: frozenset[str]) -> str | None:
    lemma = lemma_of(token)
    if token.pos_ == "VERB":
        if lemma in light_verbs() or lemma in reporting_verbs():
            return None
        return lemma
    if token.pos_ != "NOUN" or not lemma.isalpha() or len(lemma) < 3:
        return None
    if lemma in verbs and (lemma in _shell_nouns() or _has_event_use(token)):
        return lemma
    return _deverbal(lemma, verbs)


_DEVERBAL: dict[frozenset[str], dict[str, str | None]] = {}  # per verb index: lemma -> stem, as found


def _deverbal(lemma: str, verbs: frozenset[str]) -> str | None:
    known = _DEVERBAL.get(verbs)
    if known is None:
        if len(_DEVERBAL) > 8:
            _DEVERBAL.clear()
        known = _DEVERBAL[verbs] = {}
    if lemma not in known:
        if len(known) > 100_000:  # bounded: a long run sees an open vocabulary
            known.clear()
        known[lemma] = _find_deverbal(lemma, verbs)
    return known[lemma]


def _find_deverbal(lemma: str, verbs: frozenset[str]) -> str | None:
    for suffix, repl in NOMINAL_SUFFIXES:
        if lemma.endswith(suffix) and len(lemma) - len(suffix) >= 3:
            stem = lemma[: -len(suffix)] + repl
            if stem in verbs and stem not in light_verbs() and len(stem) >= 4:
                return stem
    return None


def _has_event_use(token: Any) -> bool:
    """A noun that is also a verb used as an event: with an 'on'/'against'/'by'/'of' complement ("strikes on X",
    "the collapse of the bridge")."""
    return any(
        ch.dep_ == "compound" or (ch.dep_ == "prep" and ch.lower_ in {"on", "against", "by", "of"})
        for ch in token.children
    )


def anaphoric_reference(
    content: Sequence[Any], rest: Sequence[Any], verbs: frozenset[str], earlier: frozenset[str] = frozenset()
) -> Any | None:
    """A token that refers back to an earlier event: a definite noun phrase without modifiers whose noun is
    a shell noun ('the incident'), a deverbal noun ('this decision') or repeats an event of the previous
    sentence (``earlier``: 'the collapse' after 'the collapse of the bridge'); or 'it' opening the content."""
    for t in list(content) + list(rest):
        if t.pos_ != "NOUN":
            continue
        lemma = lemma_of(t)
        if lemma in _shell_nouns() or _deverbal(lemma, verbs) or lemma in earlier:
            kids = list(t.children)
            dets = [k for k in kids if k.dep_ == "det" and k.lower_ in _anaphoric_determiners()]
            others = [
                k for k in kids if k.dep_ in {"amod", "compound", "nmod", "poss", "prep", "acl", "relcl", "nummod"}
            ]
            if dets and not others:
                return t
    words = [t for t in content if not (t.is_punct or t.is_quote or t.is_space)]
    # "It was ...": a bare 'it' as the subject of a copula opening the content names the event talked about
    if words and words[0].lower_ in {"it", "this"} and words[0].dep_ == "nsubj" and words[0].head.lemma_ == "be":
        if any(ch.dep_ in {"attr", "acomp"} for ch in words[0].head.children):
            return words[0]
    return None


def event_terms(tokens: Iterable[Any], verbs: frozenset[str]) -> list[str]:
    return [stem for t in tokens if (stem := event_stem(t, verbs))]


def norm_entity(text: str) -> str:
    text = re.sub(r"^(the|a|an)\s+", "", text.strip().lower())
    return re.sub(r"\s+", " ", re.sub(r"['’]s$", "", text))


def _tokens_in(doc: Any, span: Offsets) -> list[Any]:
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    if found is not None:
        return list(found)
    return [t for t in doc if span[0] <= t.idx < span[1]]


def claim_tokens(
    tokens: Sequence[Any], content: Offsets, cues: Sequence[Offsets], source: Offsets | None
) -> tuple[list[Any], list[Any], list[Any]]:
    """(content tokens, cue tokens, other tokens of the sentence outside source and cue)."""
    inside, cue, rest = [], [], []
    for t in tokens:
        start = t.idx
        end = start + len(t.text)
        if content[0] <= start and end <= content[1]:
            inside.append(t)
        elif any(s <= start and end <= e for s, e in cues):
            cue.append(t)
        elif source and source[0] <= start and end <= source[1]:
            continue
        else:
            rest.append(t)
    return inside, cue, rest


def _previous_sentence(doc: Any, first: Any | None) -> list[Any]:
    """The tokens of the sentence before the one starting at token ``first``."""
    if first is None:
        return []
    i = first.i - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0:
        return []
    bounds = sentence_bounds(doc, i)
    if bounds is None:  # no sentence boundaries set
        return []
    return [t for t in doc[bounds[0] : bounds[1]] if not t.is_space]


def _add_antecedent(prev: Sequence[Any], weights: dict[str, float], verbs: frozenset[str]) -> None:
    """Take in the event of the previous sentence: its main event (verb or event noun) and participants
    at full weight, its other events and nouns at less."""
    ids = {t.i for t in prev}
    main = [t for t in prev if t.dep_ == "ROOT" or t.head.i not in ids]
    main = [t for t in main if not t.is_punct] or main
    core: set[int] = set()
    for root in main:
        stem = event_stem(root, verbs)
        if stem:
            weights["ev:" + stem] += EVENT_WEIGHT
        for ch in root.children:
            if ch.dep_ in {"nsubj", "nsubjpass", "dobj"}:
                core.add(ch.i)
                core.update(g.i for g in ch.children if g.dep_ == "compound")
    roots = {t.i for t in main}
    for t in prev:
        f = word_feature(t)
        stem = event_stem(t, verbs)
        if stem and t.i not in roots:
            weights["ev:" + stem] += 0.5 * EVENT_WEIGHT
        if f and t.pos_ in {"NOUN", "PROPN"}:
            weights[f] += 1.0 if t.i in core else 0.3


def _token_reading(t: Any, verbs: frozenset[str]) -> tuple[str | None, float, str | None]:
    """A token's topic feature, the weight factor of its part of speech (or time expression) and its event."""
    factor = TIME_WEIGHT if t.ent_type_ in TIME_ENTS else POS_WEIGHT.get(t.pos_, 1.0)
    return word_feature(t), factor, event_stem(t, verbs)


def _readings(doc: Any, verbs: frozenset[str]) -> list[tuple[str | None, float, str | None]]:
    """:func:`_token_reading` of every token of ``doc``, computed once per document (and verb index)."""
    memo = doc_lists(doc).memo
    key = ("readings", id(verbs))
    found = memo.get(key)
    if found is None:
        lists = doc_lists(doc)
        try:
            words, pos = lists.words, lists.columns.pos
        except (AttributeError, TypeError):  # not a spaCy Doc
            found = [_token_reading(t, verbs) for t in doc]
        else:
            stems = _stems(doc, verbs)
            found = [
                (feature, TIME_WEIGHT if ent in TIME_ENTS else POS_WEIGHT.get(p, 1.0), stem)
                for feature, ent, p, stem in zip(words.features, words.ent_types, pos, stems, strict=True)
            ]
        memo[key] = found
    return found  # type: ignore[no-any-return]


def label_candidates(tokens: Sequence[Any], verbs: frozenset[str]) -> tuple[LabelCandidate, ...]:
    """Phrases of the claim's words that could name its topic (noun phrases, "the attack on X", a verb and
    its object), each with what it takes to score it against a topic's features later."""
    if not tokens:
        return ()
    allowed = {t.i for t in tokens}
    doc = tokens[0].doc
    lists = doc_lists(doc)
    columns = lists.columns
    pos, dep = columns.pos, columns.dep
    stems = _stems(doc, verbs)
    lo, hi = min(allowed), max(allowed) + 1
    kids, lower = lists.children(), columns.lower
    candidates: list[list[int]] = []  # token positions
    chunks = noun_chunks_between(doc, lo, hi)
    for chunk in chunks:
        words = [
            i
            for i in range(chunk.start, chunk.end)
            if i in allowed and dep[i] not in {"det", "poss"} and pos[i] != "PRON"
        ]
        if words:
            candidates.append(words)
            for prep in kids[chunk.root.i]:
                if dep[prep] == "prep" and lower[prep] in {"on", "of", "against", "in", "over"}:
                    obj = [o for o in kids[prep] if dep[o] == "pobj"]
                    if obj:
                        candidates.append(
                            [
                                i
                                for i in range(chunk.start, obj[0] + 1)
                                if i in allowed and dep[i] not in {"det", "poss"}
                            ]
                        )
    for t in tokens:
        v = t.i
        if pos[v] == "VERB" and stems[v]:
            for o in kids[v]:
                if dep[o] not in {"dobj", "nsubjpass"}:
                    continue
                span = []
                for w in doc[o].subtree:  # a label of at most four words: stop reading a longer subtree
                    if w.i in allowed and dep[w.i] not in {"det", "poss"}:
                        span.append(w.i)
                        if len(span) > 4:
                            break
                if span and len(span) <= 4:
                    candidates.append(sorted([v, *span]))
    out: list[LabelCandidate] = []
    seen: set[str] = set()
    features = lists.words.features
    flags = lists.flags

    def keys(i: int) -> tuple[str, ...]:  # token i's topic feature and event, as a label word's keys
        f, stem = features[i], stems[i]
        if f:
            return (f, "ev:" + stem) if stem else (f,)
        return ("ev:" + stem,) if stem else ()

    for words in candidates:
        if not words or len(words) > MAX_LABEL_WORDS or flags.punct[words[-1]]:
            continue
        text = _join_at(lists.text, flags, words)
        low = text.lower()
        if not text or low in seen:
            continue
        seen.add(low)
        inside = set(words)
        head = next((w for w in words if not has_ancestor_in(doc, w, inside)), None)
        out.append(
            LabelCandidate(
                text=text,
                features=tuple(keys(w) for w in words),
                penalised=any(pos[w] == "PRON" or doc[w].like_num for w in words),
                event_head=bool(head is not None and pos[head] == "NOUN" and stems[head]),
            )
        )
    return tuple(out)


def _join_at(text: str, flags: Any, words: Sequence[int]) -> str:
    """What :func:`_join` gives for the tokens at positions ``words``, read from the document's text and
    offsets (a token's trailing whitespace is the text up to the next token)."""
    starts, ends = flags.starts, flags.ends
    out = []
    for n, i in enumerate(words):
        out.append(text[starts[i] : ends[i]])
        if n + 1 < len(words):
            out.append(text[ends[i] : starts[i + 1]] if words[n + 1] == i + 1 else " ")
    return "".join(out).strip()


def _join(words: Sequence[Any]) -> str:
    """The words as written: their own spacing between neighbours, one space across a gap."""
    out = []
    for n, w in enumerate(words):
        out.append(w.text)
        if n + 1 < len(words):
            out.append(w.whitespace_ if words[n + 1].i == w.i + 1 else " ")
    return "".join(out).strip()


def read_claim_parse(
    doc: Any,
    *,
    sentence: Offsets,
    content: Offsets,
    cue: Offsets | None = None,
    source: Offsets | None = None,
    extra_cues: Sequence[Offsets] = (),
    verbs: frozenset[str] | None = None,
    base: int = 0,
) -> ClaimParse:
    """The :class:`ClaimParse` of one claim whose offsets (into the document text) are given; ``doc`` is
    the parse of the document, or of the claim's sentence alone when ``base`` is that sentence's start."""
    verbs = verbs if verbs is not None else verb_index_of(doc)

    def local(span: Offsets) -> Offsets:
        return (span[0] - base, span[1] - base)

    sentence_tokens = _tokens_in(doc, local(sentence))
    cues = [local(c) for c in ([cue] if cue else []) + list(extra_cues)]
    own, cue_tokens, rest = claim_tokens(sentence_tokens, local(content), cues, local(source) if source else None)
    weights: dict[str, float] = defaultdict(float)

    readings = _readings(doc, verbs)

    def add(tokens: Sequence[Any], w: float) -> None:
        for t in tokens:
            f, factor, stem = readings[t.i]
            if f:
                weights[f] += w * factor
            if stem:
                weights["ev:" + stem] += w * EVENT_WEIGHT

    add(own, 1.0)
    add(rest, SENTENCE_WEIGHT)
    for t in cue_tokens:
        lemma = lemma_of(t)
        if lemma in stance_verbs():
            weights["ev:" + lemma] += STANCE_CUE_WEIGHT * EVENT_WEIGHT
    region = {t.i for t in own} | {t.i for t in rest}
    content_ids = {t.i for t in own}
    if sentence_tokens:
        lo, hi = sentence_tokens[0].i, sentence_tokens[-1].i + 1
        for ent in ents_between(doc, lo, hi):
            if ent.label_ in ENT_LABELS and len(ent) > 1 and all(t.i in region for t in ent):
                w = 1.0 if all(t.i in content_ids for t in ent) else SENTENCE_WEIGHT
                weights["ent:" + norm_entity(ent.text)] += w * ENTITY_WEIGHT
    prev = _previous_sentence(doc, sentence_tokens[0] if sentence_tokens else None)
    previous = (prev[0].idx + base, prev[-1].idx + len(prev[-1].text) + base) if prev else None
    earlier = frozenset(event_terms(prev, verbs))
    anaphor = False
    if prev and anaphoric_reference(own, rest, verbs, earlier) is not None:
        anaphor = True
        _add_antecedent(prev, weights, verbs)
    own_and_cue = sorted(own + cue_tokens, key=lambda t: t.i)
    return ClaimParse(
        weights=dict(weights),
        anaphor=anaphor,
        previous=previous,
        labels=label_candidates(own + cue_tokens + rest, verbs),
        stance=read_stance(doc, own_and_cue),
        spans=(content, cue),
    )


def verb_index_of(doc: Any) -> frozenset[str]:
    """The verb index of the pipeline that made ``doc`` (kept per vocabulary)."""
    return _VERB_INDEX_BY_VOCAB.get(id(doc.vocab), frozenset())


_VERB_INDEX_BY_VOCAB: dict[int, frozenset[str]] = {}


def prepare(nlp: Any) -> frozenset[str]:
    """Read the pipeline's lemmatizer tables once (verb index, irregular verbs); returns the verb index."""
    register_verb_exceptions(nlp)
    verbs = verb_index(nlp)
    _VERB_INDEX_BY_VOCAB[id(nlp.vocab)] = verbs
    return verbs


def parse_disabled(nlp: Any) -> list[str]:
    """Our pipeline components, left out when a text is parsed only for its features (the segmenter stays:
    sentence boundaries must be the ones the claims were found with)."""
    from claims.nlp.segment import SEGMENTER

    return [name for name in getattr(nlp, "pipe_names", []) if name.startswith("claims_") and name != SEGMENTER]
