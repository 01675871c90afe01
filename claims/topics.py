"""Group claims into topics: the event or question they are about, within and across documents.

Input is plain data (:class:`ClaimFacts`, one per claim, with document offsets) and the document texts;
output is plain data (:class:`Topic`). spaCy is used inside (lemmas, entities, the parse) but never
crosses the interface: pass a loaded pipeline as ``nlp`` (``claims.pipeline.load_analyzer().nlp`` or
``spacy.load(...)``), or let the module load the default English model once.

How claims are grouped (no word lists about any particular event):

* every claim becomes a weighted bag of features: the lemmas of the content words of its content (weight
  1) and of the rest of its sentence (0.5; the source and cue left out), multi-word entity names, and
  *event terms*: verbs and deverbal nouns brought to a common stem ("attacked", "the attack"; "suspending",
  "suspension"), using the lemmatizer's own verb index;
* an anaphoric definite description ("the incident", "this move") or a bare "it" as the claim's subject
  takes in the event terms of the nearest preceding sentence and links the claim to the claims there;
* similarity = TF-IDF cosine over the collection, plus bonuses for claims in the same sentence, in
  adjacent sentences, for an anaphoric link and for an *exchange* (two actors each naming the other
  within two sentences);
* average-linkage agglomerative clustering with a fixed threshold.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from claims.rules import read_data_json
from claims.types import DocumentAnalysis

ClaimId = int | str
DocId = Hashable
Offsets = tuple[int, int]
ParseKey = Offsets | tuple[str, Offsets]  # a sentence's offsets, or ("__sentence__", offsets) for its own text

CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}
ENT_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
NOMINAL_SUFFIXES = (
    ("ization", "ize"), ("isation", "ise"), ("ation", "ate"), ("ation", ""), ("ation", "e"), ("ition", "ite"),
    ("sion", "d"), ("sion", "de"), ("ssion", "t"), ("sion", "se"), ("tion", "te"), ("tion", ""), ("ment", ""),
    ("al", ""), ("al", "e"), ("ance", ""), ("ance", "e"), ("ence", "e"), ("ure", ""), ("ure", "e"),
    ("ing", ""), ("ing", "e"), ("ery", ""), ("ion", ""), ("ion", "e"),
)  # fmt: skip

# similarity bonuses and the clustering threshold
SAME_SENTENCE = 0.45
ADJACENT_IN_PARAGRAPH = 0.12
ADJACENT_ACROSS_PARAGRAPHS = 0.04
ANAPHORA_LINK = 0.45
SAME_SPEAKER_NEARBY = 0.15
EXCHANGE = 0.45
CLUSTER_THRESHOLD = 0.2
MAX_LINK_SHARE = 0.5  # cluster similarity = (1 - share) * average link + share * strongest link
SENTENCE_WEIGHT = 0.5
EVENT_WEIGHT = 1.5
POS_WEIGHT = {"NOUN": 1.0, "PROPN": 1.0, "VERB": 0.7, "ADJ": 0.5}  # what a claim is about is mostly nouns
TIME_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}
TIME_WEIGHT = 0.3
STANCE_CUE_WEIGHT = 0.5
ENTITY_WEIGHT = 1.0


# ---------------------------------------------------------------------------------------------- data


@dataclass(frozen=True)
class ClaimFacts:
    """One claim as the topic and dispute steps see it. Offsets are into the document text, end exclusive."""

    claim_id: ClaimId
    doc_id: DocId
    content: Offsets
    sentence: Offsets
    content_text: str
    sentence_text: str
    cue: Offsets | None = None
    source: Offsets | None = None
    cue_text: str = ""
    speaker: str | None = None
    actor: str | None = None
    kind: str = "indirect"
    paragraph: int = 0
    sentence_index: int | None = None
    confidence: float = 1.0
    extra_cues: tuple[Offsets, ...] = ()

    @property
    def attributed(self) -> bool:
        return self.speaker is not None or self.kind != "unattributed"


@dataclass
class Topic:
    id: int
    label: str
    claim_ids: list[ClaimId]
    status: str = "auto"
    doc_ids: list[DocId] = field(default_factory=list)
    confidence: float = 0.0


def facts_from_analysis(doc_id: DocId, analysis: DocumentAnalysis, *, first_id: int = 0) -> list[ClaimFacts]:
    """The claims of one analysed document as :class:`ClaimFacts`; claim ids are positions in the list
    (plus ``first_id``: pass a running count when collecting several documents, as ids must be unique)."""
    text = analysis.text
    out = []
    for i, c in enumerate(analysis.claims):
        sentence_index = None
        for j, s in enumerate(analysis.sentences):
            if s.start <= c.sentence.start < s.end:
                sentence_index = j
                break
        sp = c.speaker
        out.append(
            ClaimFacts(
                claim_id=first_id + i,
                doc_id=doc_id,
                content=(c.content.start, c.content.end),
                sentence=(c.sentence.start, c.sentence.end),
                content_text=text[c.content.start : c.content.end],
                sentence_text=text[c.sentence.start : c.sentence.end],
                cue=(c.cue.start, c.cue.end) if c.cue else None,
                source=(c.source.start, c.source.end) if c.source else None,
                cue_text=text[c.cue.start : c.cue.end] if c.cue else "",
                speaker=sp.name if sp else None,
                actor=sp.actor if sp else None,
                kind=c.kind,
                paragraph=c.paragraph,
                sentence_index=sentence_index,
                confidence=c.confidence,
                extra_cues=tuple((e.start, e.end) for e in c.extra_cues),
            )
        )
    return out


# ---------------------------------------------------------------------------------------------- spaCy


@lru_cache(maxsize=1)
def default_nlp() -> Any:
    import spacy

    from claims.pipeline import choose_model

    return spacy.load(choose_model())


def _resolve_nlp(nlp: Any | None) -> Any:
    return nlp if nlp is not None else default_nlp()


_VERB_EXCEPTIONS: dict[int, dict[str, str]] = {}


def _register_verb_exceptions(nlp: Any) -> None:
    """Irregular verb forms ("sank" -> "sink") from the lemmatizer's tables, for forms the tagger mistags."""
    key = id(nlp.vocab)
    if key in _VERB_EXCEPTIONS:
        return
    table: dict[str, str] = {}
    try:
        exc = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
        for form, lemmas in dict(exc["verb"]).items():
            if lemmas:
                table[str(form)] = str(lemmas[0])
    except Exception:  # noqa: BLE001 - no rule lemmatizer: spaCy's lemmas as they are
        pass
    _VERB_EXCEPTIONS[key] = table


def lemma_of(t: Any) -> str:
    """The token's lemma, lowercased, with irregular verb forms the tagger left alone brought to the base."""
    lemma = t.lemma_.lower()
    if t.pos_ in {"VERB", "AUX"}:
        return _VERB_EXCEPTIONS.get(id(t.vocab), {}).get(lemma, lemma)
    return lemma


@lru_cache(maxsize=8)
def _verb_index(nlp: Any) -> frozenset[str]:
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(table["verb"])
    except Exception:  # noqa: BLE001 - a pipeline without the rule lemmatizer: fall back to seen verbs
        return frozenset()


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    data = read_data_json("cues.json")
    verbs = set(data.get("verbs", {}))
    for key in data.get("verb_particles", {}):
        verbs.add(str(key).split()[0])
    return frozenset(v.lower() for v in verbs)


_SENT_END = re.compile(r"(?:[.!?…][\"”’)\]]*\s+|\n\s*\n)")
_PARSE_CACHE: OrderedDict[tuple[int, DocId, int], dict[ParseKey, Any]] = OrderedDict()
_PARSE_CACHE_DOCS = 64


def _previous_sentence(text: str, start: int, known: Sequence[Offsets]) -> Offsets | None:
    """The sentence before offset ``start``: a known claim sentence ending there, else found by punctuation."""
    j = start
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j <= 0:
        return None
    for s, e in known:
        if e <= start and j - 2 <= e <= j + 1 and s < e:
            return (s, e)
    window_start = max(0, j - 1000)
    begin = window_start
    for m in _SENT_END.finditer(text, window_start, max(window_start, j - 1)):
        begin = m.end()
    s = begin
    while s < j and text[s].isspace():
        s += 1
    return (s, j) if j - s >= 3 else None


class Parses:
    """spaCy parses of the claims' sentences (and the sentence before each), cached per document."""

    def __init__(self, claims: Sequence[ClaimFacts], texts: Mapping[DocId, str], nlp: Any | None = None) -> None:
        self.nlp = _resolve_nlp(nlp)
        _register_verb_exceptions(self.nlp)
        self.texts = texts
        self.docs: dict[DocId, dict[ParseKey, Any]] = {}
        self.previous: dict[tuple[DocId, Offsets], Offsets | None] = {}
        by_doc: dict[DocId, set[Offsets]] = defaultdict(set)
        for c in claims:
            by_doc[c.doc_id].add(c.sentence)
        wanted: list[tuple[DocId, Offsets]] = []
        for doc_id, sentences in by_doc.items():
            text = self.text(doc_id)
            key = (id(self.nlp), doc_id, hash(text))
            cached = _PARSE_CACHE.get(key)
            if cached is None:
                cached = {}
                _PARSE_CACHE[key] = cached
                while len(_PARSE_CACHE) > _PARSE_CACHE_DOCS:
                    _PARSE_CACHE.popitem(last=False)
            else:
                _PARSE_CACHE.move_to_end(key)
            self.docs[doc_id] = cached
            known = sorted(sentences)
            spans = set(sentences)
            for s in sentences:
                prev = _previous_sentence(text, s[0], known) if text else None
                self.previous[(doc_id, s)] = prev
                if prev:
                    spans.add(prev)
            wanted.extend((doc_id, sp) for sp in sorted(spans) if sp not in cached)
        if wanted:
            disable = [name for name in getattr(self.nlp, "pipe_names", []) if name.startswith("claims_")]
            chunks = [self._span_text(d, sp) for d, sp in wanted]
            for (doc_id, sp), doc in zip(wanted, self.nlp.pipe(chunks, disable=disable), strict=True):
                self.docs[doc_id][sp] = doc

    def text(self, doc_id: DocId) -> str:
        return self.texts.get(doc_id, "") or ""

    def _span_text(self, doc_id: DocId, sp: Offsets) -> str:
        text = self.text(doc_id)
        return text[sp[0] : sp[1]] if text else ""

    def sentence(self, c: ClaimFacts) -> Any:
        doc = self.docs[c.doc_id].get(c.sentence)
        if doc is None or (not self.text(c.doc_id) and c.sentence_text):
            # no document text: parse the claim's own sentence text
            key = ("__sentence__", c.sentence)
            doc = self.docs[c.doc_id].get(key)
            if doc is None:
                doc = self.nlp(c.sentence_text, disable=self._disabled())
                self.docs[c.doc_id][key] = doc
        return doc

    def previous_sentence(self, c: ClaimFacts) -> Any | None:
        prev = self.previous.get((c.doc_id, c.sentence))
        return self.docs[c.doc_id].get(prev) if prev else None

    def previous_offsets(self, c: ClaimFacts) -> Offsets | None:
        return self.previous.get((c.doc_id, c.sentence))

    def _disabled(self) -> list[str]:
        return [name for name in getattr(self.nlp, "pipe_names", []) if name.startswith("claims_")]


def claim_tokens(c: ClaimFacts, doc: Any) -> tuple[list[Any], list[Any], list[Any]]:
    """(content tokens, cue tokens, other tokens of the sentence outside source and cue)."""
    base = c.sentence[0]
    cues = [c.cue] if c.cue else []
    cues += list(c.extra_cues)
    content, cue, rest = [], [], []
    for t in doc:
        start = base + t.idx
        end = start + len(t.text)
        if c.content[0] <= start and end <= c.content[1]:
            content.append(t)
        elif any(s <= start and end <= e for s, e in cues):
            cue.append(t)
        elif c.source and c.source[0] <= start and end <= c.source[1]:
            continue
        else:
            rest.append(t)
    return content, cue, rest


# ---------------------------------------------------------------------------------------------- features


def event_stem(token: Any, verbs: frozenset[str]) -> str | None:
    """The event a verb or deverbal noun names, as a verb lemma ("suspension" -> "suspend"); None if none."""
    lemma = lemma_of(token)
    if token.pos_ == "VERB":
        if lemma in _light_verbs() or lemma in reporting_verbs():
            return None
        return lemma
    if token.pos_ != "NOUN" or not lemma.isalpha() or len(lemma) < 3:
        return None
    if lemma in verbs and (lemma in _shell_nouns() or _has_event_use(token)):
        return lemma
    return _deverbal(lemma, verbs)


def _deverbal(lemma: str, verbs: frozenset[str]) -> str | None:
    for suffix, repl in NOMINAL_SUFFIXES:
        if lemma.endswith(suffix) and len(lemma) - len(suffix) >= 3:
            stem = lemma[: -len(suffix)] + repl
            if stem in verbs and stem not in _light_verbs() and len(stem) >= 4:
                return stem
    return None


def _has_event_use(token: Any) -> bool:
    """A noun that is also a verb used as an event: with an 'on'/'against'/'by'/'of' complement ("strikes on X",
    "the collapse of the bridge")."""
    return any(
        ch.dep_ == "compound" or (ch.dep_ == "prep" and ch.lower_ in {"on", "against", "by", "of"})
        for ch in token.children
    )


@lru_cache(maxsize=1)
def _conflict_data() -> dict[str, Any]:
    return read_data_json("conflict_cues.json")


@lru_cache(maxsize=1)
def _light_verbs() -> frozenset[str]:
    return frozenset(str(w).lower() for w in _conflict_data().get("light_verbs", []))


@lru_cache(maxsize=1)
def _shell_nouns() -> frozenset[str]:
    return frozenset(str(w).lower() for w in _conflict_data().get("shell_nouns", []))


@lru_cache(maxsize=1)
def _stance_verbs() -> frozenset[str]:
    data = _conflict_data()
    return frozenset(str(w).lower() for key in ("blame_verbs", "denial_verbs") for w in data.get(key, []))


@lru_cache(maxsize=1)
def _anaphoric_determiners() -> frozenset[str]:
    return frozenset(str(w).lower() for w in _conflict_data().get("anaphoric_determiners", []))


def _word_feature(t: Any) -> str | None:
    if t.is_stop or t.is_punct or t.is_space or t.like_num or t.pos_ not in CONTENT_POS:
        return None
    lemma = lemma_of(t).strip()
    if len(lemma) < 2 or not any(ch.isalpha() for ch in lemma):
        return None
    if t.pos_ == "VERB" and (lemma in reporting_verbs() or lemma in _light_verbs()):
        return None
    return lemma


def anaphoric_reference(
    content: Sequence[Any], rest: Sequence[Any], verbs: frozenset[str], earlier: frozenset[str] = frozenset()
) -> Any | None:
    """A token that refers back to an earlier event: a definite noun phrase without modifiers whose noun is
    a shell noun ('the incident'), a deverbal noun ('this decision') or repeats an event of the previous
    sentence (``earlier``: 'the collapse' after 'the collapse of the bridge'); or 'it' opening the content."""
    for t in list(content) + list(rest):
        lemma = lemma_of(t)
        if t.pos_ == "NOUN" and (lemma in _shell_nouns() or _deverbal(lemma, verbs) or lemma in earlier):
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


def event_terms(doc: Any, verbs: frozenset[str], *, root_only: bool = False) -> list[str]:
    out = []
    for t in doc:
        if root_only and t.dep_ != "ROOT" and t.pos_ != "NOUN":
            continue
        stem = event_stem(t, verbs)
        if stem:
            out.append(stem)
    return out


@dataclass
class ClaimFeatures:
    claim: ClaimFacts
    weights: dict[str, float]
    tokens: list[Any]
    anaphor: bool = False
    mentions: frozenset[str] = frozenset()


def claim_features(c: ClaimFacts, parses: Parses, verbs: frozenset[str]) -> ClaimFeatures:
    doc = parses.sentence(c)
    if parses.text(c.doc_id):
        content, cue, rest = claim_tokens(c, doc)
    else:
        content, cue, rest = list(doc), [], []
    weights: dict[str, float] = defaultdict(float)

    def add(tokens: Sequence[Any], w: float) -> None:
        for t in tokens:
            f = _word_feature(t)
            if f:
                weights[f] += w * (TIME_WEIGHT if t.ent_type_ in TIME_ENTS else POS_WEIGHT.get(t.pos_, 1.0))
            stem = event_stem(t, verbs)
            if stem:
                weights["ev:" + stem] += w * EVENT_WEIGHT

    add(content, 1.0)
    add(rest, SENTENCE_WEIGHT)
    for t in cue:  # a stance cue ("accused", "denied") is itself an event the other side may answer
        lemma = lemma_of(t)
        if lemma in _stance_verbs():
            weights["ev:" + lemma] += STANCE_CUE_WEIGHT * EVENT_WEIGHT
    region = {t.i for t in content} | {t.i for t in rest}
    for ent in doc.ents:
        if ent.label_ in ENT_LABELS and len(ent) > 1 and all(t.i in region for t in ent):
            w = 1.0 if all(t in content for t in ent) else SENTENCE_WEIGHT
            weights["ent:" + _norm_entity(ent.text)] += w * ENTITY_WEIGHT
    anaphor = False
    prev = parses.previous_sentence(c)
    earlier = frozenset(event_terms(prev, verbs)) if prev is not None else frozenset()
    ref = anaphoric_reference(content, rest, verbs, earlier)
    if ref is not None and prev is not None:
        anaphor = True
        _add_antecedent(prev, weights, verbs)
    return ClaimFeatures(c, dict(weights), content + cue + rest, anaphor)


def _add_antecedent(prev: Any, weights: dict[str, float], verbs: frozenset[str]) -> None:
    """Take in the event of the previous sentence: its main event (verb or event noun) and participants
    at full weight, its other events and nouns at less."""
    main = [t for t in prev if t.dep_ == "ROOT"]
    core: set[int] = set()
    for root in main:
        stem = event_stem(root, verbs)
        if stem:
            weights["ev:" + stem] += EVENT_WEIGHT
        for ch in root.children:
            if ch.dep_ in {"nsubj", "nsubjpass", "dobj"}:
                core.add(ch.i)
                core.update(g.i for g in ch.children if g.dep_ == "compound")
    for t in prev:
        f = _word_feature(t)
        stem = event_stem(t, verbs)
        if stem and t.dep_ != "ROOT":
            weights["ev:" + stem] += 0.5 * EVENT_WEIGHT
        if f and t.pos_ in {"NOUN", "PROPN"}:
            weights[f] += 1.0 if t.i in core else 0.3


def share_event_nouns(features: Sequence[ClaimFeatures]) -> None:
    """A word used as an event anywhere in the collection ('the fire' beside 'fired', 'the depot fire')
    counts as that event wherever it occurs."""
    events = {k[3:] for f in features for k in f.weights if k.startswith("ev:")}
    for f in features:
        for k, w in list(f.weights.items()):
            if k in events and "ev:" + k not in f.weights:
                f.weights["ev:" + k] = w * EVENT_WEIGHT


def _norm_entity(text: str) -> str:
    text = re.sub(r"^(the|a|an)\s+", "", text.strip().lower())
    return re.sub(r"\s+", " ", re.sub(r"['’]s$", "", text))


# ---------------------------------------------------------------------------------------------- grouping


def _tfidf(features: list[ClaimFeatures]) -> tuple[list[dict[str, float]], dict[str, float]]:
    df: dict[str, int] = defaultdict(int)
    for f in features:
        for k in f.weights:
            df[k] += 1
    n = len(features)
    idf = {k: math.log((1 + n) / (1 + d)) + 1.0 for k, d in df.items()}
    vectors = []
    for f in features:
        v = {k: (1 + math.log(w)) * idf[k] if w >= 1 else w * idf[k] for k, w in f.weights.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({k: x / norm for k, x in v.items()})
    return vectors, idf


def _cosines(vectors: list[dict[str, float]]) -> dict[tuple[int, int], float]:
    index: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(vectors):
        for k in v:
            index[k].append(i)
    sims: dict[tuple[int, int], float] = defaultdict(float)
    for k, members in index.items():
        if len(members) < 2:
            continue
        for a in range(len(members)):
            i = members[a]
            wi = vectors[i][k]
            for b in range(a + 1, len(members)):
                j = members[b]
                sims[(i, j)] += wi * vectors[j][k]
    return sims


def _order_in_doc(claims: Sequence[ClaimFacts]) -> dict[int, int]:
    """Each claim's sentence position within its document (given index, else rank of sentence start)."""
    by_doc: dict[DocId, set[int]] = defaultdict(set)
    for c in claims:
        by_doc[c.doc_id].add(c.sentence[0])
    ranks = {d: {s: r for r, s in enumerate(sorted(starts))} for d, starts in by_doc.items()}
    out = {}
    for i, c in enumerate(claims):
        out[i] = c.sentence_index if c.sentence_index is not None else ranks[c.doc_id][c.sentence[0]]
    return out


def _actor_aliases(claims: Sequence[ClaimFacts]) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for c in claims:
        if c.actor:
            aliases[c.actor.lower()] = c.actor
            if c.speaker and len(c.speaker) > 2:
                aliases.setdefault(c.speaker.lower(), c.actor)
    return aliases


def actors_in(text: str, aliases: Mapping[str, str]) -> set[str]:
    """Countries (actors) a piece of text names: by the actor resolver's marks, or by a known alias."""
    from claims.actors import default_resolver

    found = {m.country for m in default_resolver().marks(text) if m.priority == 0}
    low = text.lower()
    for alias, actor in aliases.items():
        if re.search(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", low):
            found.add(actor)
    return found


def similarity_graph(
    claims: Sequence[ClaimFacts], features: list[ClaimFeatures], parses: Parses
) -> dict[tuple[int, int], float]:
    """Pairwise similarity: TF-IDF cosine plus the bonuses for structure within a document."""
    from claims.disputes import claim_stances

    vectors, _ = _tfidf(features)
    sims = _cosines(vectors)
    order = _order_in_doc(claims)
    stances = claim_stances(claims, parses.texts, parses=parses)
    blames: list[set[str]] = []
    for c in claims:
        st = stances.get(c.claim_id) if c.actor else None
        blames.append({a for a in st.blamed_actors() if a != c.actor} if st else set())
    by_doc: dict[DocId, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        by_doc[c.doc_id].append(i)
    for members in by_doc.values():
        for a in range(len(members)):
            i = members[a]
            ci = claims[i]
            for b in range(a + 1, len(members)):
                j = members[b]
                cj = claims[j]
                key = (i, j) if i < j else (j, i)
                gap = abs(order[i] - order[j])
                bonus = 0.0
                if ci.sentence == cj.sentence or _overlap(ci.content, cj.content):
                    bonus += SAME_SENTENCE
                elif gap == 1:
                    bonus += ADJACENT_IN_PARAGRAPH if ci.paragraph == cj.paragraph else ADJACENT_ACROSS_PARAGRAPHS
                if gap <= 1 and ci.speaker and ci.speaker == cj.speaker and ci.paragraph == cj.paragraph:
                    bonus += SAME_SPEAKER_NEARBY
                later, earlier = (ci, cj) if order[i] > order[j] else (cj, ci)
                later_f = features[i] if later is ci else features[j]
                if later_f.anaphor and parses.previous_offsets(later) == earlier.sentence:
                    bonus += ANAPHORA_LINK
                # an exchange: two actors, close together, each blaming the other
                if gap <= 2 and ci.actor and cj.actor and ci.actor != cj.actor:
                    if cj.actor in blames[i] and ci.actor in blames[j]:
                        bonus += EXCHANGE
                if bonus:
                    sims[key] = sims.get(key, 0.0) + bonus
    return sims


def _overlap(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def average_linkage(
    n: int, sims: Mapping[tuple[int, int], float], threshold: float, max_share: float = MAX_LINK_SHARE
) -> list[list[int]]:
    """Agglomerative clustering over a sparse similarity graph; the similarity of two clusters mixes the
    average link (which keeps unrelated claims apart) and the strongest link (which lets a topic run on
    from sentence to sentence)."""
    import heapq

    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    best: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in sims.items():
        sums[i][j] = sums[i].get(j, 0.0) + s
        sums[j][i] = sums[i][j]
        best[i][j] = best[j][i] = sums[i][j]

    def score(x: int, y: int) -> float:
        avg = sums[x][y] / (len(members[x]) * len(members[y]))
        return (1 - max_share) * avg + max_share * best[x][y]

    heap = [(-score(i, j), i, j) for i in sums for j in sums[i] if i < j]
    heapq.heapify(heap)
    next_id = n
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        if -neg < threshold:
            break
        c = next_id
        next_id += 1
        members[c] = members.pop(a) + members.pop(b)
        merged: dict[int, float] = {}
        strongest: dict[int, float] = {}
        for old in (a, b):
            for k, s in sums.pop(old, {}).items():
                if k in (a, b):
                    continue
                merged[k] = merged.get(k, 0.0) + s
                strongest[k] = max(strongest.get(k, 0.0), best[old][k])
                sums[k].pop(old, None)
                best[k].pop(old, None)
            best.pop(old, None)
        sums[c] = merged
        best[c] = strongest
        for k, s in merged.items():
            sums[k][c] = s
            best[k][c] = strongest[k]
            heapq.heappush(heap, (-score(c, k), min(c, k), max(c, k)))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


# ---------------------------------------------------------------------------------------------- labels


def topic_label(indices: Sequence[int], features: list[ClaimFeatures], verbs: frozenset[str]) -> str:
    """A short phrase naming what the claims are about: the noun phrase or verb phrase that best covers them."""
    mass: dict[str, float] = defaultdict(float)
    for i in indices:
        for k in features[i].weights:
            mass[k] += 1.0
    best, best_score = "", -1.0
    seen: set[str] = set()
    for i in indices:
        f = features[i]
        allowed = {t.i for t in f.tokens}
        if not f.tokens:
            continue
        doc = f.tokens[0].doc
        candidates = []
        for chunk in doc.noun_chunks:
            words = [t for t in chunk if t.i in allowed and t.dep_ not in {"det", "poss"} and t.pos_ != "PRON"]
            if words:
                candidates.append(words)
                # "the attack on X": a noun and its prepositional complement
                head = chunk.root
                for prep in head.children:
                    if prep.dep_ == "prep" and prep.lower_ in {"on", "of", "against", "in", "over"}:
                        obj = [o for o in prep.children if o.dep_ == "pobj"]
                        if obj:
                            span = [
                                t
                                for t in doc[chunk.start : obj[0].i + 1]
                                if t.i in allowed and t.dep_ not in {"det", "poss"}
                            ]
                            candidates.append(span)
        for t in f.tokens:
            if t.pos_ == "VERB" and event_stem(t, verbs):
                objs = [o for o in t.children if o.dep_ in {"dobj", "nsubjpass"}]
                for o in objs:
                    span = [w for w in o.subtree if w.i in allowed and w.dep_ not in {"det", "poss"}]
                    if span and len(span) <= 4:
                        candidates.append(sorted([t, *span], key=lambda w: w.i))
        for words in candidates:
            if not words or len(words) > 6 or words[-1].is_punct:
                continue
            text = _join(words)
            if not text or text.lower() in seen:
                continue
            seen.add(text.lower())
            score = 0.0
            for w in words:
                feat = _word_feature(w)
                if feat:
                    score += mass.get(feat, 0.0)
                stem = event_stem(w, verbs)
                if stem:
                    score += 1.5 * mass.get("ev:" + stem, 0.0)
            if any(w.pos_ == "PRON" or w.like_num for w in words):
                score *= 0.5
            score /= math.sqrt(len(words))
            inside = {w.i for w in words}
            heads = [w for w in words if not any(a.i in inside for a in w.ancestors)]
            if heads and heads[0].pos_ == "NOUN" and event_stem(heads[0], verbs):
                score *= 1.5
            if len(words) == 1:
                score *= 0.7
            if score > best_score:
                best, best_score = text, score
    return _tidy(best) or "untitled"


def _join(words: Sequence[Any]) -> str:
    """The words as written: their own spacing between neighbours, one space across a gap."""
    out = []
    for n, w in enumerate(words):
        out.append(w.text)
        if n + 1 < len(words):
            out.append(w.whitespace_ if words[n + 1].i == w.i + 1 else " ")
    return "".join(out).strip()


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([,.;:!?’'])", r"\1", text)
    text = text.strip(" “”\"'‘’,.;:")
    return text


# ---------------------------------------------------------------------------------------------- API


def group_topics(
    claims: Sequence[ClaimFacts],
    texts: Mapping[DocId, str],
    *,
    nlp: Any | None = None,
    threshold: float = CLUSTER_THRESHOLD,
) -> list[Topic]:
    """Group claims about the same event or question into topics (within and across documents).

    Every claim lands in exactly one topic (a topic may hold a single claim). Topic ids number the topics
    from 0 in order of their first claim.
    """
    if not claims:
        return []
    ids = [c.claim_id for c in claims]
    if len(set(ids)) != len(ids):
        raise ValueError("claim ids must be unique across the claims given (see facts_from_analysis(first_id=...))")
    parses = Parses(claims, texts, nlp)
    verbs = _verb_index(parses.nlp)
    features = [claim_features(c, parses, verbs) for c in claims]
    share_event_nouns(features)
    sims = similarity_graph(claims, features, parses)
    clusters = average_linkage(len(claims), sims, threshold)
    topics = []
    for n, members in enumerate(clusters):
        pair_sims = [sims.get((a, b), 0.0) for x, a in enumerate(members) for b in members[x + 1 :]]
        conf = sum(pair_sims) / len(pair_sims) if pair_sims else 0.0
        doc_ids: list[DocId] = []
        for i in members:
            if claims[i].doc_id not in doc_ids:
                doc_ids.append(claims[i].doc_id)
        topics.append(
            Topic(
                id=n,
                label=topic_label(members, features, verbs),
                claim_ids=[claims[i].claim_id for i in members],
                doc_ids=doc_ids,
                confidence=round(min(1.0, conf), 3),
            )
        )
    return topics
