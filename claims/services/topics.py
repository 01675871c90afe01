"""Topics and disputes kept up to date as claims arrive, and rebuilt from scratch on demand.

:func:`update_topics` (run after every ingest, re-analysis or correction) looks only at the claims changed
since the last update: a new claim is grouped with the other new claims (:func:`claims.analysis.topics.cluster`),
then each group joins the existing topic it fits best, found through the inverted index over the stored
parse features (``feature_term`` / ``claim_term``: candidates are the claims sharing the group's most
distinctive features), or opens a new topic; a rejected claim keeps its place but counts in no dispute.
Only topics that gained, lost or changed claims have their disputes found again. Nothing is parsed when
the claims carry their parse features (every claim ingested since revision 0006 does); older claims are
read once and stored.

:func:`rebuild_index` fills the index from the stored features (done by a full rebuild,
:func:`claims.services.disputes.recompute_disputes`).

Like :mod:`db.repository`, the functions here flush but never commit: the caller owns the transaction.
"""

from __future__ import annotations

import heapq
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

import orjson
from sqlalchemy import bindparam, delete, func, insert
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from claims.analysis.facts import ClaimFacts, ensure_parses, needs_parse
from claims.analysis.topics import (
    CLUSTER_THRESHOLD,
    claim_weights,
    cluster,
    idf_of,
    join_scores,
    tfidf,
    topic_label,
    weights_with_events,
)
from claims.analysis.topics import (
    Topic as FoundTopic,
)
from claims.types import ClaimParse
from db import repository as repo
from db.models import Actor, Claim, ClaimTerm, ClaimTopic, Document, FeatureTerm, Speaker, Topic, TopicState, utcnow
from db.review import DisputeInput, replace_auto_disputes

INDEXED_TERMS = 8  # a claim's most distinctive features put in the index
QUERY_TERMS = 12  # a new group's most distinctive features looked up
MAX_POSTINGS_SHARE = 0.05  # features of more than this share of the claims propose no candidates
MIN_POSTINGS_CAP = 200
CANDIDATES_PER_GROUP = 40  # best-matching indexed claims per group whose topics are scored
POSTINGS_PER_TERM = 100  # a looked-up feature's claims of highest weight that propose candidates
CHUNK = 500  # ids per IN (...) query

_FACT_FIELDS = (
    "id", "document_id", "sentence_start", "sentence_end", "content_start", "content_end", "cue_start", "cue_end",
    "source_start", "source_end", "source_text", "kind", "paragraph", "confidence", "extra_cues_json",
    "features_json",
)  # fmt: skip

Progress = Callable[[str, int, int], None]


@dataclass
class UpdateResult:
    claims: int = 0  # new claims placed in topics
    joined: int = 0  # of them, claims that joined an existing topic
    topics_created: int = 0
    topics_touched: int = 0  # topics whose disputes were found again
    disputes: int = 0  # disputes found in those topics
    disputes_stored: int = 0
    parsed: int = 0  # claims whose parse features had to be read (stored before revision 0006)
    seconds: float = 0.0
    touched: set[int] = field(default_factory=set)

    @property
    def summary(self) -> str:
        return (
            f"{self.claims} new claim(s) in topics ({self.joined} joined existing ones, {self.topics_created} new "
            f"topic(s)); {self.disputes} dispute(s) in {self.topics_touched} updated topic(s)"
        )


# ----------------------------------------------------------------------------------------- loading


def loads(text: str) -> Any:
    """``json.loads`` of stored JSON, through orjson (several times faster on the features of many claims;
    the same values), falling back to the standard module for what orjson refuses (NaN, huge integers)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def load_claim_facts(
    *,
    session: Session,
    documents: Iterable[str] | None = None,
    claim_ids: Sequence[int] | None = None,
    attributed_only: bool = False,
) -> tuple[list[ClaimFacts], dict[Any, str]]:
    """The stored claims (not rejected) as :class:`ClaimFacts` with their stored parse features
    (``claim_id`` = claim id, ``doc_id`` = document id) and the texts of their documents. ``documents``:
    only these external ids; ``claim_ids``: only these claims; ``attributed_only``: only the claims with an
    actor (the only ones a dispute looks at; decoding the others' features took time)."""
    fields = [getattr(Claim, f) for f in _FACT_FIELDS]
    query = (
        sa_select(*fields, col(Speaker.name).label("speaker_name"), col(Actor.name).label("actor_name"))
        .select_from(Claim)
        .join(Document, col(Document.id) == Claim.document_id)
        .outerjoin(Speaker, col(Speaker.id) == Claim.speaker_id)
        .outerjoin(Actor, col(Actor.id) == Claim.actor_id)
        .where(col(Claim.status) != "rejected")
        .order_by(col(Claim.document_id), col(Claim.sentence_start), col(Claim.content_start), col(Claim.id))
    )
    if attributed_only:
        query = query.where(col(Actor.name).is_not(None))
    if documents is not None:
        query = query.where(col(Document.external_id).in_(list(documents)))
    if claim_ids is not None:
        rows = [
            row for chunk in _chunks(list(claim_ids)) for row in session.execute(query.where(col(Claim.id).in_(chunk)))
        ]
        rows.sort(key=lambda r: (r.document_id, r.sentence_start, r.content_start, r.id))
    else:
        rows = list(session.execute(query.execution_options(yield_per=5000)))
    doc_ids = sorted({row.document_id for row in rows})
    texts: dict[Any, str] = {}
    for chunk in _chunks(doc_ids):
        texts.update(session.exec(select(Document.id, Document.text).where(col(Document.id).in_(chunk))).all())
    facts = []
    for claim in rows:  # columns, not ORM objects: a tenth of the memory and time on a rebuild
        speaker, actor = claim.speaker_name, claim.actor_name
        text = texts[claim.document_id]
        cue = (claim.cue_start, claim.cue_end) if claim.cue_start is not None and claim.cue_end is not None else None
        source = (
            (claim.source_start, claim.source_end)
            if claim.source_start is not None and claim.source_end is not None
            else None
        )
        facts.append(
            ClaimFacts(
                claim_id=claim.id or 0,
                doc_id=claim.document_id,
                content=(claim.content_start, claim.content_end),
                sentence=(claim.sentence_start, claim.sentence_end),
                content_text=text[claim.content_start : claim.content_end],
                sentence_text=text[claim.sentence_start : claim.sentence_end],
                cue=cue,
                source=source,
                cue_text=text[cue[0] : cue[1]] if cue else "",
                speaker=speaker or claim.source_text,
                actor=actor,
                kind=claim.kind,
                paragraph=claim.paragraph,
                confidence=claim.confidence,
                extra_cues=(
                    tuple((int(s), int(e)) for s, e in loads(claim.extra_cues_json))
                    if claim.extra_cues_json and claim.extra_cues_json != "[]"
                    else ()
                ),
                parse=ClaimParse.from_dict(loads(claim.features_json)) if claim.features_json else None,
            )
        )
    return facts, texts


def with_parses(
    facts: Sequence[ClaimFacts], texts: dict[Any, str], *, session: Session, nlp: Any | None
) -> tuple[list[ClaimFacts], int]:
    """The claims with parse features; those stored without (or for other spans) are read once and the
    features stored. Returns the claims and how many were read."""
    missing = {f.claim_id for f in facts if needs_parse(f)}
    if not missing:
        return list(facts), 0
    done = ensure_parses(facts, texts, nlp)
    rows = [
        {"b_id": f.claim_id, "b_json": json.dumps(f.parse.to_dict(), ensure_ascii=False)}
        for f in done
        if f.claim_id in missing and f.parse is not None
    ]
    table = Claim.__table__  # type: ignore[attr-defined]
    session.connection().execute(
        table.update().where(table.c.id == bindparam("b_id")).values(features_json=bindparam("b_json")), rows
    )
    return done, len(rows)


# ------------------------------------------------------------------------------------------- index


def _table(model: Any) -> Any:
    """A model's table: rows inserted through it skip the ORM's bulk-insert bookkeeping (several times
    slower on ten thousand rows)."""
    return model.__table__


def _term_ids(terms: Iterable[str], *, session: Session) -> dict[str, tuple[int, int]]:
    """term -> (id, df) of the stored features among ``terms``."""
    out: dict[str, tuple[int, int]] = {}
    for chunk in _chunks(sorted(set(terms))):
        for term_id, term, df in session.exec(
            select(FeatureTerm.id, FeatureTerm.term, FeatureTerm.df).where(col(FeatureTerm.term).in_(chunk))
        ):
            out[term] = (term_id, df)  # type: ignore[assignment]
    return out


def _index_claims(
    claim_ids: Sequence[int],
    vectors: Sequence[dict[str, float]],
    known: dict[str, tuple[int, int]],
    *,
    session: Session,
    progress: Progress | None = None,
) -> None:
    """Count the claims' features in the document frequencies and put their most distinctive ones in the
    index (``known``: the stored terms, updated here)."""
    counts: dict[str, int] = defaultdict(int)
    for v in vectors:
        for term in v:
            counts[term] += 1
    new_terms = [t for t in counts if t not in known]
    if new_terms:
        # numbered here (not read back by term: that query cost more than the insert on a rebuild)
        first = (session.exec(select(func.max(FeatureTerm.id))).one() or 0) + 1
        rows = [{"id": first + k, "term": t, "df": counts[t]} for k, t in enumerate(new_terms)]
        for chunk in _chunks(rows, 5000):
            session.execute(_table(FeatureTerm).insert(), list(chunk))
        known.update((t, (first + k, counts[t])) for k, t in enumerate(new_terms))
    fresh = set(new_terms)  # a set: a list made this loop quadratic (minutes on a rebuild)
    old = [{"b_id": known[t][0], "b_n": n} for t, n in counts.items() if t not in fresh]
    if old:
        table = FeatureTerm.__table__  # type: ignore[attr-defined]
        session.connection().execute(
            table.update().where(table.c.id == bindparam("b_id")).values(df=table.c.df + bindparam("b_n")), old
        )
    postings: list[dict[str, Any]] = []
    for n, (claim_id, v) in enumerate(zip(claim_ids, vectors, strict=True), start=1):
        for term, weight in heapq.nlargest(INDEXED_TERMS, v.items(), key=lambda kv: kv[1]):
            postings.append({"term_id": known[term][0], "claim_id": claim_id, "weight": round(weight, 4)})
        if len(postings) >= 5000 or n == len(claim_ids):  # stored as they come: memory stays flat
            session.execute(_table(ClaimTerm).insert(), postings)
            postings = []
            if progress:
                progress("index", n, len(claim_ids))


def rebuild_index(facts: Sequence[ClaimFacts], *, session: Session, progress: Progress | None = None) -> None:
    """Refill the topic index from the claims' stored features (every other entry is dropped)."""
    session.execute(delete(ClaimTerm))
    session.execute(delete(FeatureTerm))
    weights = claim_weights(facts)
    vectors = tfidf(weights)
    known: dict[str, tuple[int, int]] = {}
    # in one go: every term inserted once with its document frequency (no update per term and chunk)
    _index_claims([int(f.claim_id) for f in facts], vectors, known, session=session, progress=progress)
    _state(session).claims = len(facts)


def _state(session: Session) -> TopicState:
    state = session.get(TopicState, 1)
    if state is None:
        state = TopicState(id=1, updated_at=None, claims=0)
        session.add(state)
    return state


def mark_up_to_date(session: Session, when: Any = None) -> None:
    state = _state(session)
    state.updated_at = when or utcnow()
    session.add(state)
    session.flush()


# ------------------------------------------------------------------------------------------ update


def _changed_claims(since: Any, *, session: Session) -> list[tuple[int, str, int | None, str | None]]:
    """(claim id, status, topic id, membership status) of the claims changed since ``since`` and of the
    claims that are in no topic and not rejected."""
    base = select(Claim.id, Claim.status, ClaimTopic.topic_id, ClaimTopic.status).outerjoin(
        ClaimTopic, col(ClaimTopic.claim_id) == Claim.id
    )
    rows: list[tuple[int, str, int | None, str | None]] = []
    if since is not None:
        rows = [tuple(r) for r in session.exec(base.where(col(Claim.updated_at) >= since))]  # type: ignore[misc]
    # the claims in no topic: NOT IN over the membership table (an OR with the time, or NOT EXISTS per claim,
    # read every claim one at a time: most of an update's time on a million claims)
    orphans = session.exec(
        select(Claim.id, Claim.status).where(
            col(Claim.status) != "rejected", col(Claim.id).not_in(select(ClaimTopic.claim_id))
        )
    ).all()
    seen = {(row[0], row[2]) for row in rows}
    rows += [(int(cid or 0), status, None, None) for cid, status in orphans if (cid, None) not in seen]
    return rows


def update_topics(*, session: Session, nlp: Any | None = None, threshold: float = CLUSTER_THRESHOLD) -> UpdateResult:
    """Bring topics and disputes up to date with the claims changed since the last update (flushed, not
    committed). See the module documentation."""
    started = time.perf_counter()
    now = utcnow()
    state = _state(session)
    result = UpdateResult()
    since = state.updated_at
    if since is not None and since.tzinfo is None:  # SQLite keeps no zone: stored times are UTC
        since = since.replace(tzinfo=UTC)
    changed = _changed_claims(since, session=session)
    new_ids: list[int] = []
    for claim_id, status, topic_id, _membership in changed:
        if topic_id is not None:
            # a rejected claim keeps its place (no dispute counts it: load_claim_facts leaves it out), so that
            # undoing the rejection brings back exactly the disputes it was in
            result.touched.add(topic_id)
        elif status != "rejected":
            new_ids.append(claim_id)
    known: dict[Any, ClaimFacts] = {}
    if new_ids:
        facts, texts = load_claim_facts(session=session, claim_ids=new_ids)
        facts, result.parsed = with_parses(facts, texts, session=session, nlp=nlp)
        _place(facts, session=session, threshold=threshold, result=result)
        known = {f.claim_id: f for f in facts}
    if result.touched:
        _update_disputes(sorted(result.touched), session=session, nlp=nlp, result=result, known=known)
    mark_up_to_date(session, now)
    result.topics_touched = len(result.touched)
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def _place(facts: list[ClaimFacts], *, session: Session, threshold: float, result: UpdateResult) -> None:
    """Group the new claims, let each group join its best existing topic or open a new one, index them."""
    clusters, _sims, weights = cluster(facts, threshold=threshold)
    state = _state(session)
    known = _term_ids({k for w in weights for k in w}, session=session)
    local_df: dict[str, int] = defaultdict(int)
    for w in weights:
        for k in w:
            local_df[k] += 1
    n = state.claims + len(facts)
    df = {k: known.get(k, (0, 0))[1] + local_df[k] for k in local_df}
    idf = idf_of(df, n)
    vectors = tfidf(weights, idf)
    cap = max(MIN_POSTINGS_CAP, int(MAX_POSTINGS_SHARE * n))

    # candidates: indexed claims sharing a group's most distinctive (not too common) features
    group_terms: list[dict[int, float]] = []
    for members in clusters:
        total: dict[str, float] = defaultdict(float)
        for i in members:
            for k, x in vectors[i].items():
                total[k] += x
        usable = [(k, x) for k, x in total.items() if k in known and known[k][1] <= cap]
        usable.sort(key=lambda kv: -kv[1])
        group_terms.append({known[k][0]: x for k, x in usable[:QUERY_TERMS]})
    wanted = sorted({t for g in group_terms for t in g})
    postings: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for chunk in _chunks(wanted):
        # each term's strongest postings only: a term in thousands of claims would otherwise bring them all
        rank = func.row_number().over(partition_by=col(ClaimTerm.term_id), order_by=col(ClaimTerm.weight).desc())
        ranked = (
            sa_select(col(ClaimTerm.term_id), col(ClaimTerm.claim_id), col(ClaimTerm.weight), rank.label("rank"))
            .where(col(ClaimTerm.term_id).in_(chunk))
            .subquery()
        )
        for term_id, claim_id, weight in session.execute(
            sa_select(ranked.c.term_id, ranked.c.claim_id, ranked.c.weight).where(ranked.c.rank <= POSTINGS_PER_TERM)
        ):
            postings[term_id].append((claim_id, weight))
    candidates: list[list[int]] = []
    for terms in group_terms:
        score: dict[int, float] = defaultdict(float)
        for term_id, x in terms.items():
            for claim_id, weight in postings.get(term_id, ()):
                score[claim_id] += x * weight
        candidates.append(sorted(score, key=lambda c: -score[c])[:CANDIDATES_PER_GROUP])
    found_ids = sorted({c for cs in candidates for c in cs})
    topic_of: dict[int, int] = {}
    features: dict[int, dict[str, float]] = {}
    for chunk in _chunks(found_ids):
        for found_id, topic_id, features_json in session.exec(
            select(Claim.id, ClaimTopic.topic_id, Claim.features_json)
            .join(ClaimTopic, col(ClaimTopic.claim_id) == Claim.id)
            .where(col(Claim.id).in_(chunk), Claim.status != "rejected")
        ):
            topic_of[found_id or 0] = topic_id
            if features_json:
                features[found_id or 0] = loads(features_json).get("weights", {})
    sizes: dict[int, int] = {}
    for chunk in _chunks(sorted(set(topic_of.values()))):
        sizes.update(
            session.exec(  # type: ignore[call-overload]
                select(ClaimTopic.topic_id, func.count())
                .where(col(ClaimTopic.topic_id).in_(chunk))
                .group_by(col(ClaimTopic.topic_id))
            ).all()
        )
    known_events = {k[3:] for w in weights for k in w if k.startswith("ev:")}
    found_ids = [c for c in found_ids if c in features]
    found_vectors = dict(
        zip(found_ids, tfidf(claim_weights_of([features[c] for c in found_ids], known_events), idf), strict=True)
    )

    memberships: list[dict[str, Any]] = []
    new_topics: list[tuple[str, list[int]]] = []
    for members, cands in zip(clusters, candidates, strict=True):
        by_topic: dict[int, list[dict[str, float]]] = defaultdict(list)
        for c in cands:
            if c in found_vectors and c in topic_of:
                by_topic[topic_of[c]].append(found_vectors[c])
        scores = join_scores([vectors[i] for i in members], by_topic, sizes)
        best = max(scores, key=lambda t: scores[t], default=None)
        ids = [int(facts[i].claim_id) for i in members]
        if best is not None and scores[best] >= threshold:
            memberships.extend({"claim_id": c, "topic_id": best, "status": "auto"} for c in ids)
            result.touched.add(best)
            result.joined += len(ids)
        else:
            label = topic_label([facts[i] for i in members], [weights[i] for i in members])
            new_topics.append((label, ids))
    for topic_id, ids in _create_topics(new_topics, session=session):
        memberships.extend({"claim_id": c, "topic_id": topic_id, "status": "auto"} for c in ids)
        result.touched.add(topic_id)
        result.topics_created += 1
    for chunk in _chunks(memberships, 5000):
        session.execute(_table(ClaimTopic).insert(), list(chunk))
    _index_claims([int(f.claim_id) for f in facts], vectors, known, session=session)
    state.claims = n
    result.claims += len(facts)


def claim_weights_of(weights: Sequence[dict[str, float]], events: set[str]) -> list[dict[str, float]]:
    """Stored feature weights with the words used as events among the new claims counted as events."""
    return weights_with_events([dict(w) for w in weights], events)


def _create_topics(new: list[tuple[str, list[int]]], *, session: Session) -> list[tuple[int, list[int]]]:
    """Store new automatic topics; a label in use gets a number ("label (2)"), a reviewer's topic with the
    label is that topic."""
    if not new:
        return []
    wanted = {label for label, _ in new}
    taken: dict[str, tuple[int, str]] = {}
    for chunk in _chunks(sorted(wanted)):
        for topic_id, label, status in session.exec(
            select(Topic.id, Topic.label, Topic.status).where(col(Topic.label).in_(chunk))
        ):
            taken[label] = (topic_id, status)  # type: ignore[assignment]
    used = set(taken)
    numbered: dict[str, int] = {}
    out: list[tuple[int, list[int]]] = []
    rows: list[tuple[str, list[int]]] = []
    for label, ids in new:
        if label in taken and taken[label][1] == "corrected":
            out.append((taken[label][0], ids))
            continue
        final = label
        if final in used:
            n = numbered.get(label, 1)
            while True:
                n += 1
                final = f"{label} ({n})"
                if final not in used and not session.exec(select(Topic.id).where(Topic.label == final)).first():
                    break
            numbered[label] = n
        used.add(final)
        rows.append((final, ids))
    if rows:
        now = utcnow()
        topic_ids = session.scalars(
            insert(Topic).returning(col(Topic.id), sort_by_parameter_order=True),
            [{"label": label, "status": "auto", "created_at": now} for label, _ in rows],
        ).all()
        out.extend((int(tid or 0), ids) for tid, (_, ids) in zip(topic_ids, rows, strict=True))
    return out


def dispute_inputs(disputes: Iterable[Any]) -> list[DisputeInput]:
    """Found disputes (:class:`claims.analysis.disputes.Dispute`) as the rows :mod:`db.review` stores."""
    return [
        DisputeInput(
            topic_key=str(d.topic_id),
            kind=d.kind,
            reason=d.reason,
            confidence=d.confidence,
            sides={side: [int(c) for c in cs] for side, cs in d.sides.items()},
        )
        for d in disputes
    ]


def _update_disputes(
    topic_ids: Sequence[int],
    *,
    session: Session,
    nlp: Any | None,
    result: UpdateResult,
    known: dict[Any, ClaimFacts] | None = None,
) -> None:
    """Find the disputes of these topics again (over all their claims, a reviewer's moves included);
    ``known``: claims already read, by id."""
    from claims.analysis.disputes import find_disputes

    known = known or {}

    members: dict[int, list[int]] = defaultdict(list)
    for chunk in _chunks(list(topic_ids)):
        for claim_id, topic_id in session.exec(
            select(ClaimTopic.claim_id, ClaimTopic.topic_id).where(col(ClaimTopic.topic_id).in_(chunk))
        ):
            members[topic_id].append(claim_id)
    ids = sorted({c for cs in members.values() for c in cs})
    # the new claims were read (features parsed from JSON) by the caller: read only the other members; and
    # only the claims with an actor: find_disputes passes over the others (they take no side)
    facts, texts = load_claim_facts(session=session, claim_ids=[c for c in ids if c not in known], attributed_only=True)
    facts += [known[c] for c in ids if c in known and known[c].actor]
    facts.sort(key=lambda f: (f.doc_id, f.sentence[0], f.content[0], f.claim_id))  # type: ignore[arg-type,return-value]
    attributed, parsed = with_parses(facts, texts, session=session, nlp=nlp)
    result.parsed += parsed
    present = {f.claim_id for f in facts}
    topics = [FoundTopic(id=t, label="", claim_ids=[c for c in cs if c in present]) for t, cs in members.items()]
    disputes = find_disputes(topics, attributed, actor_refs=repo.actor_refs(session=session))
    stored = replace_auto_disputes(topic_ids, dispute_inputs(disputes), session=session)
    result.disputes += len(disputes)
    result.disputes_stored += stored
