"""Group claims into topics: the event or question they are about, within and across documents.

Input is plain data (:class:`ClaimFacts`, one per claim, with document offsets) and the document texts;
output is plain data (:class:`Topic`). spaCy is used inside (lemmas, entities, the parse) but never
crosses the interface: pass a loaded pipeline as ``nlp`` (``claims.nlp.pipeline.load_analyzer().nlp`` or
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
* average-linkage agglomerative clustering with a fixed threshold."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claims.analysis.facts import (
    ENT_LABELS,
    ClaimFacts,
    ClaimId,
    DocId,
    Offsets,
    Parses,
    anaphoric_reference,
    claim_tokens,
    event_stem,
    event_terms,
    lemma_of,
    stance_verbs,
    verb_index,
    word_feature,
)
from claims.analysis.stance import claim_stances

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


@dataclass
class Topic:
    id: int
    label: str
    claim_ids: list[ClaimId]
    status: str = "auto"
    doc_ids: list[DocId] = field(default_factory=list)
    confidence: float = 0.0


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
            f = word_feature(t)
            if f:
                weights[f] += w * (TIME_WEIGHT if t.ent_type_ in TIME_ENTS else POS_WEIGHT.get(t.pos_, 1.0))
            stem = event_stem(t, verbs)
            if stem:
                weights["ev:" + stem] += w * EVENT_WEIGHT

    add(content, 1.0)
    add(rest, SENTENCE_WEIGHT)
    for t in cue:  # a stance cue ("accused", "denied") is itself an event the other side may answer
        lemma = lemma_of(t)
        if lemma in stance_verbs():
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
        f = word_feature(t)
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


def similarity_graph(
    claims: Sequence[ClaimFacts], features: list[ClaimFeatures], parses: Parses
) -> dict[tuple[int, int], float]:
    """Pairwise similarity: TF-IDF cosine plus the bonuses for structure within a document."""
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
                feat = word_feature(w)
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
    verbs = verb_index(parses.nlp)
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
