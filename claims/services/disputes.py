"""Topics and disputes in the database: recompute them from the stored claims, and read them back.

:func:`recompute_disputes` (the full rebuild) turns the stored claims (rejected ones left out; the claim's
actor and speaker as they are now, so a reviewer's corrections win) with their stored parse features into
:class:`claims.analysis.facts.ClaimFacts`, groups them into topics across all documents
(:func:`claims.analysis.topics.group_topics`), finds the disputes
(:func:`claims.analysis.disputes.find_disputes`) and stores
both through :func:`db.review.replace_auto_topics_and_disputes`: automatic rows are replaced, a reviewer's
topic memberships and confirmed or dismissed disputes are kept. A claim a reviewer moved to a topic counts
in that topic when disputes are looked for.

Like :mod:`db.repository`, the functions here flush but never commit: the caller owns the transaction.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine, delete, func, or_, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col, select

from claims.io.export import atomic_writer
from claims.io.reports import ReportFormat, write_report
from claims.services.heap import fewer_collections
from claims.services.topics import (
    Progress,
    UpdateResult,
    dispute_inputs,
    load_claim_facts,
    mark_up_to_date,
    rebuild_index,
    update_topics,
    with_parses,
)
from db import repository as repo
from db.models import Actor, Claim, ClaimTopic, Dispute, DisputeClaim, Document, Speaker, Topic, utcnow
from db.review import DisputeInput, TopicInput, replace_auto_topics_and_disputes
from db.views import DisputeClaimView, DisputeFilter, DisputeView, TopicView

RECOMPUTE_ATTEMPTS = 4  # tries when other writers hold the database

DISPUTE_STATUSES = ("auto", "confirmed", "dismissed")


# ------------------------------------------------------------------------------------------- recompute


@dataclass
class RecomputeResult:
    claims: int = 0  # claims analysed
    documents: int = 0
    topics: int = 0  # topics found (stored ones with a reviewer's label included)
    disputes: int = 0  # disputes found
    disputes_stored: int = 0  # new automatic disputes written
    disputes_kept: int = 0  # found disputes left out because a reviewed dispute covers the same claims
    memberships_kept: int = 0  # claims whose corrected topic membership was left alone
    disputes_relinked: int = 0  # reviewed disputes whose claims a re-ingest replaced, given the new claims
    seconds: float = 0.0

    @property
    def summary(self) -> str:
        kept = f" ({self.disputes_kept} already reviewed)" if self.disputes_kept else ""
        return (
            f"{self.topics} topic(s), {self.disputes} dispute(s){kept} over {self.claims} claim(s) "
            f"in {self.documents} document(s)"
        )


def count_claims_for_disputes(*, session: Session) -> int:
    """How many claims a recompute would look at (every claim that is not rejected)."""
    return session.exec(select(func.count()).select_from(Claim).where(Claim.status != "rejected")).one()


def recompute_disputes(
    *,
    session: Session,
    nlp: Any | None = None,
    documents: Iterable[str] | None = None,
    progress: Progress | None = None,
) -> RecomputeResult:
    """Group all stored claims into topics again, find the disputes, and store both (flushed, not
    committed): the full rebuild (``claims topics --rebuild``, ``claims disputes --recompute``); after an
    ingest :func:`claims.services.topics.update_topics` does the incremental update instead.

    ``nlp``: a loaded spaCy pipeline, used only for claims stored without parse features (older databases;
    their features are read once and stored); None loads the default model when needed.
    ``documents``: recompute only over these documents (external ids); the automatic topic memberships and
    disputes of claims in other documents are carried over unchanged. By default every document is used,
    topics group claims across documents, and the topic index is rebuilt.
    ``progress(step, done, total)``: called as the work advances.
    """
    from claims.analysis.disputes import find_disputes
    from claims.analysis.stance import claim_stances
    from claims.analysis.topics import Topic as FoundTopic
    from claims.analysis.topics import group_topics

    started = time.perf_counter()
    now = utcnow()
    scope = None if documents is None else list(dict.fromkeys(documents))
    facts, texts = load_claim_facts(session=session, documents=scope)
    if progress:
        progress("claims", len(facts), len(facts))
    facts, _parsed = with_parses(facts, texts, session=session, nlp=nlp)
    result = RecomputeResult(claims=len(facts), documents=len(texts))
    stances = claim_stances(facts)  # read once, for the topics' bonuses and for the disputes
    found = group_topics(facts, progress=progress, stances=stances) if facts else []

    # A reviewer's topic membership wins: the claim counts in the reviewer's topic (matched by label).
    claim_ids = {f.claim_id for f in facts}
    corrected = {
        claim_id: label
        for claim_id, label in session.exec(
            select(ClaimTopic.claim_id, Topic.label)
            .join(Topic, col(Topic.id) == ClaimTopic.topic_id)
            .where(ClaimTopic.status == "corrected")
        ).all()
        if claim_id in claim_ids
    }
    by_label: dict[str, FoundTopic] = {}
    topics: list[FoundTopic] = []

    def topic_for(label: str, *, merge: bool) -> FoundTopic:
        key = label.lower()
        if key in by_label and not merge:  # two found topics with one label stay two topics
            n = 2
            while f"{label} ({n})".lower() in by_label:
                n += 1
            label, key = f"{label} ({n})", f"{label} ({n})".lower()
        if key not in by_label:
            by_label[key] = FoundTopic(id=len(topics), label=label, claim_ids=[])
            topics.append(by_label[key])
        return by_label[key]

    for label in dict.fromkeys(corrected.values()):
        topic_for(label, merge=True)
    reviewer_labels = {label.lower() for label in corrected.values()}
    for t in found:
        members = [cid for cid in t.claim_ids if cid not in corrected]
        if members:
            topic_for(t.label, merge=t.label.lower() in reviewer_labels).claim_ids.extend(members)
    for claim_id, label in corrected.items():
        by_label[label.lower()].claim_ids.append(claim_id)

    actor_refs = repo.actor_refs(session=session)
    disputes = find_disputes(topics, facts, actor_refs=actor_refs, stances=stances) if topics else []
    if progress:
        progress("disputes", len(topics), len(topics))
    topic_inputs = [TopicInput(key=str(t.id), label=t.label, claim_ids=[int(c) for c in t.claim_ids]) for t in topics]
    found_disputes = dispute_inputs(disputes)
    if scope is not None:
        kept_topics, kept_disputes = _outside_scope(scope, session=session)
        topic_inputs += kept_topics
        found_disputes += kept_disputes
    stored = replace_auto_topics_and_disputes(topic_inputs, found_disputes, session=session)
    result.disputes_relinked = _relink_orphaned_reviews(session=session)
    if scope is None:
        rebuild_index(facts, session=session, progress=progress)
        mark_up_to_date(session, now)
    result.topics = len(topics)
    result.disputes = len(disputes)
    result.disputes_stored = stored.disputes
    result.disputes_kept = stored.disputes_kept
    result.memberships_kept = stored.memberships_kept
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def _relink_orphaned_reviews(*, session: Session) -> int:
    """Give a reviewed dispute whose claims are gone (a changed document was re-ingested: its automatic claims
    were replaced by new rows) the claims of the new automatic dispute found in the same topic with the same
    kind (of several such, the one with the same reason: a topic may hold several disputes), so the
    reviewer's decision carries over; that automatic dispute is then dropped."""
    has_claims = select(DisputeClaim.dispute_id).distinct()
    orphans = session.exec(
        select(Dispute).where(Dispute.status != "auto", col(Dispute.id).not_in(has_claims)).order_by(col(Dispute.id))
    ).all()
    relinked = 0
    for orphan in orphans:
        candidates = session.exec(
            select(Dispute)
            .where(Dispute.status == "auto", Dispute.topic_id == orphan.topic_id, Dispute.kind == orphan.kind)
            .order_by(col(Dispute.id))
        ).all()
        if not candidates:
            continue
        fresh = next((d for d in candidates if d.reason == orphan.reason), candidates[0])
        reason, confidence = fresh.reason, fresh.confidence
        session.execute(
            update(DisputeClaim).where(col(DisputeClaim.dispute_id) == fresh.id).values(dispute_id=orphan.id)
        )
        session.execute(delete(Dispute).where(col(Dispute.id) == fresh.id))
        session.expunge(fresh)
        orphan.reason, orphan.confidence = reason, confidence
        orphan.version += 1
        orphan.updated_at = utcnow()
        session.add(orphan)
        session.flush()
        relinked += 1
    return relinked


def recompute_after_change(engine: Engine, *, nlp: Any | None = None) -> tuple[UpdateResult | None, str]:
    """Bring topics and disputes up to date in a transaction of its own after claims changed (an ingest, a
    re-analysis, a correction): the incremental update (:func:`claims.services.topics.update_topics`), at
    any database size. Returns the result (None when not done) and a one-line message; a database busy
    with other writers is retried a few times, then reported."""
    from db.engine import one_line

    for attempt in range(1, RECOMPUTE_ATTEMPTS + 1):
        with fewer_collections(), Session(engine) as session:
            try:
                result = update_topics(session=session, nlp=nlp)
                session.commit()
                return result, f"topics and disputes updated: {result.summary}"
            except (OperationalError, IntegrityError) as exc:
                session.rollback()
                if attempt == RECOMPUTE_ATTEMPTS:
                    return None, f"topics and disputes not updated ({one_line(exc)}): run `claims topics --rebuild`"
            time.sleep(random.uniform(0.05, 0.2) * attempt)
    return None, "topics and disputes not updated"  # pragma: no cover - the loop always returns


def _outside_scope(scope: Sequence[str], *, session: Session) -> tuple[list[TopicInput], list[DisputeInput]]:
    """The automatic memberships and disputes of claims outside the documents ``scope``, as inputs that store
    them again unchanged."""
    inside = (
        select(Claim.id)
        .join(Document, col(Document.id) == Claim.document_id)
        .where(col(Document.external_id).in_(list(scope)))
    )
    topics: dict[int, TopicInput] = {}

    def topic_input(topic_id: int, label: str) -> TopicInput:
        if topic_id not in topics:
            topics[topic_id] = TopicInput(key=f"kept-{topic_id}", label=label, claim_ids=[])
        return topics[topic_id]

    memberships = session.exec(
        select(ClaimTopic.claim_id, Topic.id, Topic.label)
        .join(Topic, col(Topic.id) == ClaimTopic.topic_id)
        .where(ClaimTopic.status == "auto", col(ClaimTopic.claim_id).not_in(inside))
    ).all()
    for claim_id, topic_id, label in memberships:
        topic_input(topic_id, label).claim_ids.append(claim_id)  # type: ignore[arg-type,attr-defined]
    members: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for dispute_id, claim_id, side in session.exec(
        select(DisputeClaim.dispute_id, DisputeClaim.claim_id, DisputeClaim.side)
        .join(Dispute, col(Dispute.id) == DisputeClaim.dispute_id)
        .where(Dispute.status == "auto")
    ).all():
        members[dispute_id].append((claim_id, side))
    inside_ids = set(session.exec(inside).all())
    disputes = []
    for dispute, label in session.exec(
        select(Dispute, Topic.label).join(Topic, col(Topic.id) == Dispute.topic_id).where(Dispute.status == "auto")
    ).all():
        claims = members.get(dispute.id or 0, [])
        if not claims or any(cid in inside_ids for cid, _ in claims):
            continue
        sides: dict[str, list[int]] = defaultdict(list)
        for cid, side in claims:
            sides[side].append(cid)
        disputes.append(
            DisputeInput(
                topic_key=topic_input(dispute.topic_id, label).key,
                kind=dispute.kind,
                reason=dispute.reason,
                confidence=dispute.confidence,
                sides=dict(sides),
            )
        )
    return list(topics.values()), disputes


# ---------------------------------------------------------------------------------------------- reading


def _actor_name(name: str, *, session: Session) -> str:
    from claims.nlp.actors import resolve_actor

    actor = repo.find_actor(name, session=session)
    return actor.name if actor else (resolve_actor(name) or " ".join(name.split()))


def _topic_condition(topic: str):
    topic = topic.strip()
    label = func.lower(Topic.label).contains(topic.lower(), autoescape=True)
    if topic.isdigit():
        return or_(col(Topic.id) == int(topic), label)
    return label


def list_disputes(filters: DisputeFilter | None = None, *, session: Session) -> list[DisputeView]:
    """The stored disputes (filtered), ordered by topic label and id, each with its claims by side."""
    f = filters or DisputeFilter()
    query = select(Dispute, Topic.label).join(Topic, col(Topic.id) == Dispute.topic_id)
    if f.ids is not None:
        query = query.where(col(Dispute.id).in_(list(f.ids)))
    if f.status:
        query = query.where(Dispute.status == f.status)
    if f.topic:
        query = query.where(_topic_condition(f.topic))
    if f.actor:
        name = _actor_name(f.actor, session=session).lower()
        query = query.where(
            col(Dispute.id).in_(select(DisputeClaim.dispute_id).where(func.lower(DisputeClaim.side) == name))
        )
    if f.document:
        in_document = (
            select(DisputeClaim.dispute_id)
            .join(Claim, col(Claim.id) == DisputeClaim.claim_id)
            .join(Document, col(Document.id) == Claim.document_id)
            .where(Document.external_id == f.document)
        )
        query = query.where(col(Dispute.id).in_(in_document))
    found = session.exec(query.order_by(func.lower(Topic.label), col(Dispute.id))).all()
    views = {
        dispute.id: DisputeView(
            id=dispute.id,  # type: ignore[arg-type]
            topic_id=dispute.topic_id,
            topic_label=label,
            kind=dispute.kind,
            reason=dispute.reason,
            confidence=dispute.confidence,
            status=dispute.status,
            version=dispute.version,
            created_at=dispute.created_at,
            updated_at=dispute.updated_at,
        )
        for dispute, label in found
    }
    ids = list(views)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.exec(
            select(DisputeClaim.dispute_id, DisputeClaim.side, Claim, Document, Speaker, Actor)  # type: ignore[call-overload]
            .join(Claim, col(Claim.id) == DisputeClaim.claim_id)
            .join(Document, col(Document.id) == Claim.document_id)
            .outerjoin(Speaker, col(Speaker.id) == Claim.speaker_id)
            .outerjoin(Actor, col(Actor.id) == Claim.actor_id)
            .where(col(DisputeClaim.dispute_id).in_(chunk))
            .order_by(col(DisputeClaim.dispute_id), col(Claim.document_id), col(Claim.content_start), col(Claim.id))
        ).all()
        for dispute_id, side, claim, document, speaker, actor in rows:
            views[dispute_id].claims.append(DisputeClaimView(side, repo.ClaimRow(claim, document, speaker, actor)))
    parents = repo.actor_parents(session=session) if views else {}
    for view in views.values():
        view.parents = {side: parents[side] for side in {c.side for c in view.claims} if side in parents}
    for view in views.values():  # sides in the order of their first claim; claims grouped by side
        order = list(dict.fromkeys(c.side for c in view.claims))
        view.claims.sort(key=lambda c: order.index(c.side))
    return list(views.values())


def get_dispute(dispute_id: int, *, session: Session) -> DisputeView | None:
    found = list_disputes(DisputeFilter(ids=(dispute_id,)), session=session)
    return found[0] if found else None


def list_topics(
    *,
    session: Session,
    actor: str | None = None,
    topic: str | None = None,
    document: str | None = None,
    with_single: bool = True,
) -> list[TopicView]:
    """Topics with their claim, document and dispute counts and the actors in them (filtered: topics with a
    claim of ``actor``, matching ``topic`` (id or part of the label), with a claim in ``document``)."""
    rows = session.exec(
        select(ClaimTopic.topic_id, ClaimTopic.status, Claim.document_id, Document.external_id, Actor.name)  # type: ignore[call-overload]
        .join(Claim, col(Claim.id) == ClaimTopic.claim_id)
        .join(Document, col(Document.id) == Claim.document_id)
        .outerjoin(Actor, col(Actor.id) == Claim.actor_id)
    ).all()
    members: dict[int, list[tuple[str, int, str, str | None]]] = defaultdict(list)
    for topic_id, status, doc_id, external_id, actor_name in rows:
        members[topic_id].append((status, doc_id, external_id, actor_name))
    disputes = dict(
        session.exec(select(Dispute.topic_id, func.count()).group_by(col(Dispute.topic_id))).all()  # type: ignore[call-overload]
    )
    query = select(Topic)
    if topic:
        query = query.where(_topic_condition(topic))
    wanted_actor = _actor_name(actor, session=session).lower() if actor else None
    views = []
    for t in session.exec(query.order_by(col(Topic.id))).all():
        claims = members.get(t.id or 0, [])
        if not claims and not disputes.get(t.id or 0):
            continue
        actors: dict[str, int] = {}
        for _status, _doc, _ext, name in claims:
            if name:
                actors[name] = actors.get(name, 0) + 1
        if wanted_actor and wanted_actor not in {a.lower() for a in actors}:
            continue
        if document and document not in {ext for _s, _d, ext, _a in claims}:
            continue
        if not with_single and len(claims) < 2:
            continue
        views.append(
            TopicView(
                id=t.id,  # type: ignore[arg-type]
                label=t.label,
                status=t.status,
                claims=len(claims),
                documents=len({d for _s, d, _e, _a in claims}),
                actors=dict(sorted(actors.items(), key=lambda kv: (-kv[1], kv[0]))),
                disputes=disputes.get(t.id or 0, 0),
                corrected=sum(1 for s, *_ in claims if s == "corrected"),
            )
        )
    return views


def export_disputes(
    output: str | Path | IO[str],
    *,
    session: Session,
    fmt: ReportFormat = "json",
    filters: DisputeFilter | None = None,
    raw_csv: bool = False,
) -> int:
    """Write the (filtered) disputes to ``output`` (a path, written atomically, or an open text stream).
    ``raw_csv``: CSV cells exactly as stored (no formula neutralisation)."""
    views = list_disputes(filters, session=session)
    if isinstance(output, str | Path):
        with atomic_writer(output) as stream:
            return write_report(views, stream, fmt, raw_csv=raw_csv)
    return write_report(views, output, fmt, raw_csv=raw_csv)
