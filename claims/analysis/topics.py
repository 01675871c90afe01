"""Group claims into topics: the event or question they are about, within and across documents.

Input is plain data (:class:`ClaimFacts` with their parse features, :class:`claims.types.ClaimParse`,
read once at ingest by :mod:`claims.nlp.features`); output is plain data (:class:`Topic`). Nothing here
parses: claims without features are read first by :func:`claims.analysis.facts.ensure_parses` (which
:func:`group_topics` calls when given the document texts).

How claims are grouped (no word lists about any particular event):

* every claim is a weighted bag of features (content and sentence lemmas, event terms, entities, the
  antecedent's terms for an anaphoric reference; see :mod:`claims.nlp.features`); a word used as an event
  anywhere in the collection counts as that event wherever it occurs;
* similarity = TF-IDF cosine over the collection, plus bonuses for claims in the same sentence, in
  adjacent sentences, for an anaphoric link and for an *exchange* (two actors each naming the other
  within two sentences);
* up to :data:`EXACT_MAX_CLAIMS` claims every pair sharing a feature is compared; above, each claim is
  compared with its :data:`NEIGHBOURS` nearest neighbours only (sparse matrix products, in chunks);
* average-linkage agglomerative clustering with a fixed threshold over that sparse graph.

:func:`join_scores` scores a group of new claims against existing topics the same way (the incremental
path of :mod:`claims.services.topics`)."""

from __future__ import annotations

import functools
import heapq
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claims.analysis.facts import ClaimFacts, ClaimId, DocId, Offsets, ensure_parses
from claims.analysis.stance import Stance, claim_stances

# similarity bonuses and the clustering threshold
SAME_SENTENCE = 0.45


ADJACENT_IN_PARAGRAPH = 0.12


ADJACENT_ACROSS_PARAGRAPHS = 0.04


ANAPHORA_LINK = 0.45


SAME_SPEAKER_NEARBY = 0.15


EXCHANGE = 0.45


CLUSTER_THRESHOLD = 0.2


MAX_LINK_SHARE = 0.5  # cluster similarity = (1 - share) * average link + share * strongest link


EVENT_WEIGHT = 1.5


EXACT_MAX_CLAIMS = 1000  # above: nearest neighbours instead of every pair (all pairs grow with the square)


NEIGHBOURS = 12  # nearest neighbours per claim kept in the similarity graph (large collections)


MIN_NEIGHBOUR_SIMILARITY = 0.08  # weaker links are left out of the graph (large collections)


COMMON_FEATURE_SHARE = 0.02  # features in more than this share of claims do not propose neighbours


CHUNK_ROWS = 1000  # rows per sparse matrix product


Progress = Callable[[str, int, int], None]  # (step, done, total)


@dataclass
class Topic:
    id: int
    label: str
    claim_ids: list[ClaimId]
    status: str = "auto"
    doc_ids: list[DocId] = field(default_factory=list)
    confidence: float = 0.0


Vector = dict[str, float]


def claim_weights(claims: Sequence[ClaimFacts], events: Iterable[str] | None = None) -> list[dict[str, float]]:
    """The feature weights of each claim; a word used as an event anywhere in the collection (or in
    ``events``, stems without ``ev:``) counts as that event wherever it occurs ('the fire' beside 'fired')."""
    return weights_with_events([dict(c.parse.weights) if c.parse else {} for c in claims], events)


def weights_with_events(weights: list[dict[str, float]], events: Iterable[str] | None = None) -> list[dict[str, float]]:
    """:func:`claim_weights` of feature weights as stored (the dicts are changed in place and returned)."""
    known = set(events) if events is not None else set()
    known |= {k[3:] for w in weights for k in w if k.startswith("ev:")}
    for w in weights:
        for k, x in list(w.items()):
            if k in known and "ev:" + k not in w:
                w["ev:" + k] = x * EVENT_WEIGHT
    return weights


def idf_of(df: Mapping[str, int], n: int) -> Callable[[str], float]:
    """Smoothed inverse document frequency over ``n`` claims; unseen features count as seen once."""

    def idf(k: str) -> float:
        return math.log((1 + n) / (1 + df.get(k, 1))) + 1.0

    return idf


def tfidf(weights: Sequence[Mapping[str, float]], idf: Callable[[str], float] | None = None) -> list[Vector]:
    """Unit TF-IDF vectors; by default with the document frequencies of ``weights`` themselves."""
    if idf is None:
        df: dict[str, int] = defaultdict(int)
        for w in weights:
            for k in w:
                df[k] += 1
        idf = idf_of(df, len(weights))
    idf_once = functools.cache(idf)  # each feature's idf computed once (the same values)
    vectors = []
    for w in weights:
        v = {k: (1 + math.log(x)) * idf_once(k) if x >= 1 else x * idf_once(k) for k, x in w.items() if x > 0}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({k: x / norm for k, x in v.items()})
    return vectors


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b[k] for k, x in a.items() if k in b)


def _all_pair_cosines(vectors: Sequence[Vector]) -> dict[tuple[int, int], float]:
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


def _neighbour_cosines(
    vectors: Sequence[Vector], *, progress: Progress | None = None, k: int = NEIGHBOURS
) -> dict[tuple[int, int], float]:
    """Each claim's ``k`` most similar claims (sparse nearest neighbours): candidates come from a product
    of the TF-IDF matrix without its most common features, their similarity from the full vectors."""
    import numpy as np
    from scipy import sparse

    n = len(vectors)
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, v in enumerate(vectors):
        for key, x in v.items():
            rows.append(i)
            cols.append(vocab.setdefault(key, len(vocab)))
            vals.append(x)
    full = sparse.csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)), dtype=np.float32)
    df = np.bincount(full.indices, minlength=len(vocab))
    keep = df <= max(50, int(COMMON_FEATURE_SHARE * n))
    pruned = full[:, np.flatnonzero(keep)].tocsr()
    pruned_t = pruned.T.tocsr()
    sims: dict[tuple[int, int], float] = {}
    for start in range(0, n, CHUNK_ROWS):
        stop = min(n, start + CHUNK_ROWS)
        block = (pruned[start:stop] @ pruned_t).tocsr()
        pairs_i: list[int] = []
        pairs_j: list[int] = []
        for r in range(stop - start):
            lo, hi = block.indptr[r], block.indptr[r + 1]
            cand, score = block.indices[lo:hi], block.data[lo:hi]
            i = start + r
            mask = cand != i
            cand, score = cand[mask], score[mask]
            if len(cand) > k:
                top = np.argpartition(-score, k)[:k]
                cand = cand[top]
            pairs_i.extend([i] * len(cand))
            pairs_j.extend(cand.tolist())
        if pairs_i:
            exact = np.asarray(full[pairs_i].multiply(full[pairs_j]).sum(axis=1)).ravel()
            for i, j, s in zip(pairs_i, pairs_j, exact.tolist(), strict=True):
                if s >= MIN_NEIGHBOUR_SIMILARITY:
                    sims[(i, j) if i < j else (j, i)] = s
        if progress:
            progress("neighbours", stop, n)
    return sims


def _order_in_doc(claims: Sequence[ClaimFacts]) -> list[int]:
    """Each claim's sentence position within its document (given index, else rank of sentence start)."""
    by_doc: dict[DocId, set[int]] = defaultdict(set)
    for c in claims:
        by_doc[c.doc_id].add(c.sentence[0])
    ranks = {d: {s: r for r, s in enumerate(sorted(starts))} for d, starts in by_doc.items()}
    return [c.sentence_index if c.sentence_index is not None else ranks[c.doc_id][c.sentence[0]] for c in claims]


def _overlap(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def structure_bonuses(
    claims: Sequence[ClaimFacts], stances: Mapping[ClaimId, Stance] | None = None
) -> dict[tuple[int, int], float]:
    """Similarity bonuses for the structure within a document: claims in one sentence or neighbouring
    sentences, by the same speaker, linked by an anaphoric reference, or an exchange of blame. Only claims
    at most two sentences apart get one."""
    order = _order_in_doc(claims)
    stances = claim_stances(claims) if stances is None else stances
    blames: list[set[str]] = []
    for c in claims:
        st = stances.get(c.claim_id) if c.actor else None
        blames.append({a for a in st.blamed_actors() if a != c.actor} if st else set())
    by_doc: dict[DocId, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        by_doc[c.doc_id].append(i)
    bonuses: dict[tuple[int, int], float] = {}
    for members in by_doc.values():
        members.sort(key=lambda i: order[i])
        for a, i in enumerate(members):
            ci = claims[i]
            for j in members[a + 1 :]:
                gap = order[j] - order[i]
                if gap > 2:
                    break
                cj = claims[j]
                bonus = 0.0
                if ci.sentence == cj.sentence or _overlap(ci.content, cj.content):
                    bonus += SAME_SENTENCE
                elif gap == 1:
                    bonus += ADJACENT_IN_PARAGRAPH if ci.paragraph == cj.paragraph else ADJACENT_ACROSS_PARAGRAPHS
                if gap <= 1 and ci.speaker and ci.speaker == cj.speaker and ci.paragraph == cj.paragraph:
                    bonus += SAME_SPEAKER_NEARBY
                later, earlier = (cj, ci) if gap > 0 else (None, None)
                if later is not None and earlier is not None and later.parse and later.parse.anaphor:
                    if later.parse.previous == earlier.sentence:
                        bonus += ANAPHORA_LINK
                # an exchange: two actors, close together, each blaming the other
                if ci.actor and cj.actor and ci.actor != cj.actor and cj.actor in blames[i] and ci.actor in blames[j]:
                    bonus += EXCHANGE
                if bonus:
                    bonuses[(i, j) if i < j else (j, i)] = bonus
    return bonuses


def similarity_graph(
    claims: Sequence[ClaimFacts],
    vectors: Sequence[Vector],
    *,
    progress: Progress | None = None,
    stances: Mapping[ClaimId, Stance] | None = None,
) -> dict[tuple[int, int], float]:
    """Pairwise similarity (sparse): TF-IDF cosine plus the bonuses for structure within a document."""
    if len(vectors) <= EXACT_MAX_CLAIMS:
        sims = _all_pair_cosines(vectors)
    else:
        sims = _neighbour_cosines(vectors, progress=progress)
    for key, bonus in structure_bonuses(claims, stances).items():
        sims[key] = sims.get(key, 0.0) + bonus
    return sims


def average_linkage(
    n: int,
    sims: Mapping[tuple[int, int], float],
    threshold: float,
    max_share: float = MAX_LINK_SHARE,
    *,
    progress: Progress | None = None,
    within: Sequence[Any] | None = None,
) -> list[list[int]]:
    """Agglomerative clustering over a sparse similarity graph; the similarity of two clusters mixes the
    average link (which keeps unrelated claims apart) and the strongest link (which lets a topic run on
    from sentence to sentence). ``within``: each item's document; given, the strongest link counts only
    between two clusters of one and the same document (a topic runs on within a document), and clusters
    are as similar as the better of their average link and that mix: across documents topics join on
    their average link alone, so that single links do not chain them into one topic of everything.

    Clusters merge in order of similarity (ties: the older pair first, as numbered by creation). A merge
    keeps the larger cluster's links and adds the smaller one's (cost: the smaller cluster's links, so a big
    topic does not make each claim joining it cost all its links); the pairs of the larger cluster whose
    similarity fell with its size stay in the heap and are scored again when they come up (a merge only
    lowers them), so the merges are those of recomputing every pair after each merge."""
    members: dict[int, list[int]] = {i: [i] for i in range(n)}  # by slot: the storage of a cluster
    name = list(range(n))  # slot -> the cluster's number (a merged cluster gets the next one)
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    best: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in sims.items():
        sums[i][j] = sums[i].get(j, 0.0) + s
        sums[j][i] = sums[i][j]
        best[i][j] = best[j][i] = sums[i][j]
    home: list[Any] = list(within) if within is not None else []  # slot -> its one document, None: several

    def score(x: int, y: int) -> float:
        avg = sums[x][y] / (len(members[x]) * len(members[y]))
        if within is None:
            return (1 - max_share) * avg + max_share * best[x][y]
        if home[x] is None or home[x] != home[y]:
            return avg
        return max(avg, (1 - max_share) * avg + max_share * best[x][y])

    def entry(x: int, y: int) -> tuple[float, int, int, int, int]:
        nx, ny = name[x], name[y]
        return (-score(x, y), nx, ny, x, y) if nx < ny else (-score(x, y), ny, nx, y, x)

    heap = [entry(i, j) for i in sums for j in sums[i] if i < j]
    heapq.heapify(heap)
    next_name = n
    merges = 0
    while heap:
        top = heapq.heappop(heap)
        neg, _, _, x, y = top
        if x not in members or y not in members or y not in sums[x]:
            continue
        if -neg < threshold:
            break
        current = entry(x, y)
        if current != top:  # the pair changed since it was pushed (its score fell): score it again
            heapq.heappush(heap, current)
            continue
        big, small = (x, y) if len(members[x]) >= len(members[y]) else (y, x)
        members[big].extend(members.pop(small))
        if within is not None and home[big] != home[small]:
            home[big] = None
        name[big] = next_name
        next_name += 1
        links, strongest = sums[big], best[big]
        del links[small], strongest[small]
        for k, s in sums.pop(small).items():
            if k == big:
                continue
            old = best[small][k]
            links[k] = links[k] + s if k in links else s
            strongest[k] = max(strongest[k], old) if k in strongest else old
            del sums[k][small], best[k][small]
            sums[k][big] = links[k]
            best[k][big] = strongest[k]
            heapq.heappush(heap, entry(big, k))  # a pair whose similarity may have risen: scored now
        best.pop(small)
        merges += 1
        if progress and merges % 1000 == 0:
            progress("clustering", merges, n)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def topic_label(members: Sequence[ClaimFacts], weights: Sequence[Mapping[str, float]] | None = None) -> str:
    """A short phrase naming what the claims are about: the candidate phrase (noun phrase, "the attack on
    X", a verb and its object) whose words best cover the features of the claims."""
    mass: dict[str, float] = defaultdict(float)
    for i, c in enumerate(members):
        for k in weights[i] if weights is not None else (c.parse.weights if c.parse else {}):
            mass[k] += 1.0
    best, best_score = "", -1.0
    seen: set[str] = set()
    for c in members:
        for cand in c.parse.labels if c.parse else ():
            if cand.text.lower() in seen:
                continue
            seen.add(cand.text.lower())
            score = 0.0
            for keys in cand.features:
                for key in keys:
                    score += (1.5 if key.startswith("ev:") else 1.0) * mass.get(key, 0.0)
            if cand.penalised:
                score *= 0.5
            score /= math.sqrt(len(cand.features))
            if cand.event_head:
                score *= 1.5
            if len(cand.features) == 1:
                score *= 0.7
            if score > best_score:
                best, best_score = cand.text, score
    return _tidy(best) or "untitled"


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([,.;:!?’'])", r"\1", text)
    text = text.strip(" “”\"'‘’,.;:")
    return text


def cluster(
    claims: Sequence[ClaimFacts],
    *,
    threshold: float = CLUSTER_THRESHOLD,
    events: Iterable[str] | None = None,
    progress: Progress | None = None,
    stances: Mapping[ClaimId, Stance] | None = None,
) -> tuple[list[list[int]], dict[tuple[int, int], float], list[dict[str, float]]]:
    """Cluster claims with parse features: (clusters as index lists, the similarity graph, the weights).
    ``stances``: the claims' stances when already read (:func:`claims.analysis.stance.claim_stances`)."""
    weights = claim_weights(claims, events)
    vectors = tfidf(weights)
    sims = similarity_graph(claims, vectors, progress=progress, stances=stances)
    # large collections: a single link across documents does not chain topics together
    within = [c.doc_id for c in claims] if len(claims) > EXACT_MAX_CLAIMS else None
    return average_linkage(len(claims), sims, threshold, progress=progress, within=within), sims, weights


def group_topics(
    claims: Sequence[ClaimFacts],
    texts: Mapping[DocId, str] | None = None,
    *,
    nlp: Any | None = None,
    threshold: float = CLUSTER_THRESHOLD,
    progress: Progress | None = None,
    stances: Mapping[ClaimId, Stance] | None = None,
) -> list[Topic]:
    """Group claims about the same event or question into topics (within and across documents).

    Every claim lands in exactly one topic (a topic may hold a single claim). Topic ids number the topics
    from 0 in order of their first claim. Claims without parse features are read first from ``texts``
    (with ``nlp``, or the default model). ``stances``: those of the claims (with their features), when
    already read (:func:`claims.analysis.stance.claim_stances`; :func:`claims.analysis.disputes.find_disputes`
    can take the same).
    """
    if not claims:
        return []
    ids = [c.claim_id for c in claims]
    if len(set(ids)) != len(ids):
        raise ValueError("claim ids must be unique across the claims given (see facts_from_analysis(first_id=...))")
    claims = ensure_parses(claims, texts or {}, nlp)
    clusters, sims, weights = cluster(claims, threshold=threshold, progress=progress, stances=stances)
    # a topic's confidence: the mean similarity over all pairs of its claims (the graph's links inside it)
    cluster_of = [0] * len(claims)
    for n, members in enumerate(clusters):
        for i in members:
            cluster_of[i] = n
    inside = [0.0] * len(clusters)
    for (a, b), s in sorted(sims.items()):
        if cluster_of[a] == cluster_of[b]:
            inside[cluster_of[a]] += s
    topics = []
    for n, members in enumerate(clusters):
        pairs = len(members) * (len(members) - 1) // 2
        conf = inside[n] / pairs if pairs else 0.0
        doc_ids: list[DocId] = list(dict.fromkeys(claims[i].doc_id for i in members))
        topics.append(
            Topic(
                id=n,
                label=topic_label([claims[i] for i in members], [weights[i] for i in members]),
                claim_ids=[claims[i].claim_id for i in members],
                doc_ids=doc_ids,
                confidence=round(min(1.0, conf), 3),
            )
        )
        if progress and n % 1000 == 0:
            progress("labels", n, len(clusters))
    return topics


def join_scores(
    group: Sequence[Vector],
    members: Mapping[Any, Sequence[Vector]],
    sizes: Mapping[Any, int],
    max_share: float = MAX_LINK_SHARE,
) -> dict[Any, float]:
    """How well a group of new claims (their vectors) fits each existing topic: the same cluster similarity
    as :func:`average_linkage`, over the topic members found (``members``; ``sizes``: all members, those not
    found count as not similar)."""
    out: dict[Any, float] = {}
    for topic, vectors in members.items():
        total, strongest = 0.0, 0.0
        for a in group:
            for b in vectors:
                s = cosine(a, b)
                total += s
                strongest = max(strongest, s)
        avg = total / (len(group) * max(sizes.get(topic, len(vectors)), len(vectors)))
        out[topic] = (1 - max_share) * avg + max_share * strongest
    return out
