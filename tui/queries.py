"""Read queries of the review app: plain functions over an engine returning plain rows (no Textual here).

The app runs them in worker threads; each opens its own short session.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from sqlalchemy import Engine, exists, func, or_
from sqlmodel import Session, col, select

from db import repository as repo
from db.models import (
    CLAIM_STATUSES,
    Actor,
    ActorAlias,
    Claim,
    ClaimTopic,
    Dispute,
    DisputeClaim,
    Document,
    Speaker,
    Topic,
    normalise_name,
)

PAGE_SIZE = 200
SNIPPET = 160


@dataclass(frozen=True)
class ReviewFilter:
    document: str | None = None  # external id (exact) or part of it
    actor: str | None = None  # actor name (part of it) or alias
    speaker: str | None = None  # part of the speaker's name
    topic: str | None = None  # topic id or part of its label
    status: str | None = None
    kind: str | None = None
    disputed: bool = False
    search: str | None = None  # text in the content or source
    unreviewed: bool = False  # only claims nobody has reviewed yet (status "auto"): "hide reviewed"
    dispute: int | None = None  # only the claims of one dispute

    def describe(self) -> str:
        parts = [
            f"{name}={value}"
            for name, value in (
                ("document", self.document),
                ("actor", self.actor),
                ("speaker", self.speaker),
                ("topic", self.topic),
                ("status", self.status),
                ("kind", self.kind),
            )
            if value
        ]
        if self.disputed:
            parts.append("disputed")
        if self.dispute is not None:
            parts.append(f"dispute #{self.dispute}")
        if self.unreviewed:
            parts.append("unreviewed only")
        if self.search:
            parts.append(f"/{self.search}")
        return " ".join(parts)

    def with_(self, **changes) -> ReviewFilter:
        return replace(self, **changes)


@dataclass(frozen=True)
class ClaimListRow:
    id: int
    version: int
    document_id: int
    document: str
    speaker: str
    actor: str
    cue: str
    content: str
    kind: str
    confidence: float
    status: str
    topic: str


@dataclass
class ClaimDetail:
    id: int
    version: int
    document: str
    title: str | None
    text: str  # the passage shown (the claim's paragraph)
    offset: int  # where ``text`` starts in the document
    marks: list[tuple[str, int, int]]  # (role, start, end) as str indices into the document
    speaker: str | None
    actor: str | None
    source_text: str | None
    kind: str
    confidence: float
    status: str
    topic: str | None
    spans: dict[str, tuple[int, int] | None] = field(default_factory=dict)
    document_text: str = ""


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _contains(column, text: str):
    return func.lower(column).like(f"%{_escape_like(text.lower())}%", escape="\\")


def _claim_query(f: ReviewFilter, session: Session):
    # The smaller of two values: SQLite's two-argument MIN, PostgreSQL's LEAST (its MIN is an aggregate).
    smaller = func.min if session.get_bind().dialect.name == "sqlite" else func.least
    cue = func.substr(Document.text, col(Claim.cue_start) + 1, smaller(col(Claim.cue_end) - col(Claim.cue_start), 40))
    content = func.substr(
        Document.text, Claim.content_start + 1, smaller(Claim.content_end - Claim.content_start, SNIPPET)
    )
    query = (
        # sqlmodel's select() is typed for at most 4 columns (fastapi/sqlmodel#271); it takes any number.
        select(  # type: ignore[call-overload]
            Claim.id,
            Claim.version,
            Claim.document_id,
            Document.external_id,
            Speaker.name,
            Claim.source_text,
            Actor.name,
            cue,
            content,
            Claim.kind,
            Claim.confidence,
            Claim.status,
            Topic.label,
        )
        .join(Document, col(Claim.document_id) == Document.id)
        .outerjoin(Speaker, col(Claim.speaker_id) == Speaker.id)
        .outerjoin(Actor, col(Claim.actor_id) == Actor.id)
        .outerjoin(ClaimTopic, col(ClaimTopic.claim_id) == Claim.id)
        .outerjoin(Topic, col(Topic.id) == ClaimTopic.topic_id)
    )
    return _where(query, f, session, content)


def _where(query, f: ReviewFilter, session: Session, content=None):
    if f.document:
        ids = session.exec(select(Document.id).where(Document.external_id == f.document)).all()
        if not ids:
            ids = session.exec(select(Document.id).where(_contains(Document.external_id, f.document))).all()
        query = query.where(col(Claim.document_id).in_(ids or [-1]))
    if f.speaker:
        speakers = select(Speaker.id).where(_contains(Speaker.name, f.speaker))
        query = query.where(col(Claim.speaker_id).in_(speakers))
    if f.actor:
        actor_ids = set(session.exec(select(Actor.id).where(_contains(Actor.name, f.actor))).all())
        key = normalise_name(f.actor)
        actor_ids |= set(session.exec(select(ActorAlias.actor_id).where(ActorAlias.alias_key == key)).all())
        for actor in [session.get(Actor, i) for i in list(actor_ids)]:  # with the actors below them
            if actor is not None:
                actor_ids |= set(repo.actor_family(actor, session=session))
        query = query.where(col(Claim.actor_id).in_(actor_ids or {-1}))
    if f.topic:
        if f.topic.isdigit():
            topic_ids: list[int | None] = [int(f.topic)]
        else:
            topic_ids = list(session.exec(select(Topic.id).where(_contains(Topic.label, f.topic))).all())
        members = select(ClaimTopic.claim_id).where(col(ClaimTopic.topic_id).in_(topic_ids or [-1]))
        query = query.where(col(Claim.id).in_(members))
    if f.status:
        query = query.where(Claim.status == f.status)
    if f.unreviewed:
        query = query.where(Claim.status == "auto")
    if f.dispute is not None:
        members_of = select(DisputeClaim.claim_id).where(DisputeClaim.dispute_id == f.dispute)
        query = query.where(col(Claim.id).in_(members_of))
    if f.kind:
        query = query.where(Claim.kind == f.kind)
    if f.disputed:
        query = query.where(exists().where(col(DisputeClaim.claim_id) == Claim.id))
    if f.search:
        # Documents whose text has it first (a quick scan that leaves few or no claims to look at). The
        # source text is a span of the document's text, so those documents hold every match.
        documents = select(Document.id).where(_contains(Document.text, f.search))
        query = query.where(col(Claim.document_id).in_(documents))
        text = func.substr(Document.text, Claim.content_start + 1, Claim.content_end - Claim.content_start)
        query = query.where(or_(_contains(text, f.search), _contains(Claim.source_text, f.search)))
    return query


def list_claims(engine: Engine, f: ReviewFilter, *, offset: int = 0, limit: int = PAGE_SIZE) -> list[ClaimListRow]:
    """One page of claims in document order."""
    with Session(engine) as session:
        query = (
            _claim_query(f, session)
            .order_by(col(Claim.document_id), col(Claim.content_start), col(Claim.id))
            .offset(offset)
            .limit(limit)
        )
        return [
            ClaimListRow(
                id=r[0],
                version=r[1],
                document_id=r[2],
                document=r[3],
                speaker=r[4] or r[5] or "—",
                actor=r[6] or "—",
                cue=" ".join((r[7] or "").split()),
                content=" ".join((r[8] or "").split()),
                kind=r[9],
                confidence=r[10],
                status=r[11],
                topic=r[12] or "",
            )
            for r in session.exec(query).all()
        ]


def count_claims(engine: Engine, f: ReviewFilter) -> int:
    with Session(engine) as session:
        query = select(func.count(col(Claim.id)))
        if f.search:
            query = query.join(Document, col(Claim.document_id) == Document.id)
        return session.exec(_where(query, f, session)).one()


REVIEWED = tuple(s for s in CLAIM_STATUSES if s != "auto")


def count_reviewed(engine: Engine, f: ReviewFilter, total: int | None = None) -> int:
    """Of the claims matching ``f``, those reviewed (any status but "auto"). With ``total`` (the count of
    ``f``) a status filter answers without a query."""
    if f.unreviewed or f.status == "auto":
        return 0
    if f.status and total is not None:
        return total
    with Session(engine) as session:
        query = select(func.count(col(Claim.id))).where(col(Claim.status).in_(REVIEWED))
        if f.search:
            query = query.join(Document, col(Claim.document_id) == Document.id)
        return session.exec(_where(query, f, session)).one()


def count_progress(engine: Engine, f: ReviewFilter) -> tuple[int, int]:
    """(claims matching ``f``, of them reviewed)."""
    total = count_claims(engine, f)
    return total, count_reviewed(engine, f, total)


def unreviewed_claim_ids(engine: Engine, f: ReviewFilter) -> list[int]:
    """The ids of every claim matching ``f`` that nobody has reviewed yet (for a bulk accept or reject)."""
    with Session(engine) as session:
        query = select(Claim.id)
        if f.search:
            query = query.join(Document, col(Claim.document_id) == Document.id)
        query = _where(query, f.with_(unreviewed=True), session)
        return [int(i) for i in session.exec(query.order_by(col(Claim.id))).all() if i is not None]


def claim_row(engine: Engine, claim_id: int) -> ClaimListRow | None:
    """One row of the claims table (after a change)."""
    with Session(engine) as session:
        query = _claim_query(ReviewFilter(), session).where(Claim.id == claim_id)
        r = session.exec(query).first()
    if r is None:
        return None
    return ClaimListRow(
        r[0], r[1], r[2], r[3], r[4] or r[5] or "—", r[6] or "—", " ".join((r[7] or "").split()),
        " ".join((r[8] or "").split()), r[9], r[10], r[11], r[12] or "",
    )  # fmt: skip


def paragraph_bounds(text: str, start: int, end: int, limit: int = 1500) -> tuple[int, int]:
    begin = text.rfind("\n\n", 0, start)
    begin = 0 if begin == -1 else begin + 2
    stop = text.find("\n\n", end)
    stop = len(text) if stop == -1 else stop
    return max(begin, start - limit), min(stop, end + limit)


def claim_detail(engine: Engine, claim_id: int) -> ClaimDetail | None:
    with Session(engine) as session:
        row = session.exec(
            # sqlmodel's select() is typed for at most 4 columns (fastapi/sqlmodel#271); it takes any number.
            select(Claim, Document.external_id, Document.title, Document.text, Speaker.name, Actor.name, Topic.label)  # type: ignore[call-overload]
            .join(Document, col(Claim.document_id) == Document.id)
            .outerjoin(Speaker, col(Claim.speaker_id) == Speaker.id)
            .outerjoin(Actor, col(Claim.actor_id) == Actor.id)
            .outerjoin(ClaimTopic, col(ClaimTopic.claim_id) == Claim.id)
            .outerjoin(Topic, col(Topic.id) == ClaimTopic.topic_id)
            .where(Claim.id == claim_id)
        ).first()
        if row is None:
            return None
        claim, external_id, title, text, speaker, actor, topic = row
        marks = [("content", claim.content_start, claim.content_end)]
        if claim.source_start is not None and claim.source_end is not None:
            marks.append(("source", claim.source_start, claim.source_end))
        if claim.cue_start is not None and claim.cue_end is not None:
            marks.append(("cue", claim.cue_start, claim.cue_end))
        marks += [("cue", int(s), int(e)) for s, e in json.loads(claim.extra_cues_json or "[]")]
        begin, stop = paragraph_bounds(text, min(m[1] for m in marks), max(m[2] for m in marks))
        spans: dict[str, tuple[int, int] | None] = {
            role: (getattr(claim, f"{role}_start"), getattr(claim, f"{role}_end"))
            if getattr(claim, f"{role}_start") is not None
            else None
            for role in ("content", "source", "cue")
        }
        return ClaimDetail(
            id=claim.id,  # type: ignore[arg-type]
            version=claim.version,
            document=external_id,
            title=title,
            text=text[begin:stop],
            offset=begin,
            marks=marks,
            speaker=speaker,
            actor=actor,
            source_text=claim.source_text,
            kind=claim.kind,
            confidence=claim.confidence,
            status=claim.status,
            topic=topic,
            spans=spans,
            document_text=text,
        )


# ------------------------------------------------------------------------------------------------ pickers


def find_speakers(engine: Engine, text: str, limit: int = 30, *, exclude: int | None = None) -> list[tuple[int, str]]:
    """Speakers (not merged away) whose name contains ``text``, as (id, "Name (Organisation)"); without the
    speaker ``exclude`` (a speaker is not merged into itself)."""
    with Session(engine) as session:
        query = select(Speaker.id, Speaker.name, Speaker.organisation).where(col(Speaker.merged_into_id).is_(None))
        if exclude is not None:
            query = query.where(Speaker.id != exclude)
        if text.strip():
            query = query.where(_contains(Speaker.name, text.strip()))
        query = query.order_by(func.length(Speaker.name), Speaker.name).limit(limit)
        return [(i, f"{n} ({o})" if o else n) for i, n, o in session.exec(query).all() if i is not None]


def find_actors(engine: Engine, text: str, limit: int = 30) -> list[tuple[int, str]]:
    with Session(engine) as session:
        query = select(Actor.id, Actor.name)
        if text.strip():
            query = query.where(_contains(Actor.name, text.strip()))
        return [(i, n) for i, n in session.exec(query.order_by(Actor.name).limit(limit)).all() if i is not None]


def actor_detail(kind: str | None, parent: str | None) -> str:
    """An actor's kind and parent in a few words: "government, in United States"; "kind not set"."""
    parts = [kind or "kind not set"]
    if parent:
        parts.append(f"in {parent}")
    return ", ".join(parts)


def find_actors_detailed(engine: Engine, text: str, limit: int = 30) -> list[tuple[int, str, str]]:
    """Actors whose name contains ``text``, as (id, name, "kind, in parent") for the actor picker."""
    with Session(engine) as session:
        parent = select(Actor.id, Actor.name).subquery()
        query = select(Actor.id, Actor.name, Actor.kind, parent.c.name).outerjoin(
            parent, parent.c.id == Actor.parent_id
        )
        if text.strip():
            query = query.where(_contains(Actor.name, text.strip()))
        rows = session.exec(query.order_by(Actor.name).limit(limit)).all()
        return [(i, n, actor_detail(k, p)) for i, n, k, p in rows if i is not None]


def find_topics(engine: Engine, text: str, limit: int = 30) -> list[tuple[int, str]]:
    with Session(engine) as session:
        query = select(Topic.id, Topic.label)
        if text.strip():
            query = query.where(_contains(Topic.label, text.strip()))
        return [(i, n) for i, n in session.exec(query.order_by(Topic.label).limit(limit)).all() if i is not None]


# ----------------------------------------------------------------------------------------------- disputes


@dataclass(frozen=True)
class SideClaim:
    id: int
    speaker: str
    content: str
    status: str
    cue: str = ""


@dataclass(frozen=True)
class DisputeView:
    id: int
    version: int
    topic: str
    kind: str
    reason: str
    confidence: float
    status: str
    sides: tuple[tuple[str, tuple[SideClaim, ...]], ...]


def list_disputes(engine: Engine, limit: int = 500) -> list[DisputeView]:
    with Session(engine) as session:
        disputes = session.exec(
            select(Dispute, Topic.label)
            .join(Topic, col(Topic.id) == Dispute.topic_id)
            .order_by(Topic.label, col(Dispute.id))
            .limit(limit)
        ).all()
        ids = [d.id for d, _ in disputes]
        members: dict[int, dict[str, list[SideClaim]]] = {}
        rows = session.exec(
            # sqlmodel's select() is typed for at most 4 columns (fastapi/sqlmodel#271); it takes any number.
            select(  # type: ignore[call-overload]
                DisputeClaim.dispute_id,
                DisputeClaim.side,
                Claim.id,
                Speaker.name,
                Claim.source_text,
                func.substr(Document.text, Claim.content_start + 1, Claim.content_end - Claim.content_start),
                Claim.status,
                func.substr(Document.text, col(Claim.cue_start) + 1, col(Claim.cue_end) - col(Claim.cue_start)),
            )
            .join(Claim, col(Claim.id) == DisputeClaim.claim_id)
            .join(Document, col(Document.id) == Claim.document_id)
            .outerjoin(Speaker, col(Speaker.id) == Claim.speaker_id)
            .where(col(DisputeClaim.dispute_id).in_(ids or [-1]))
            .order_by(DisputeClaim.side, col(Claim.document_id), col(Claim.content_start))
        ).all()
        for dispute_id, side, claim_id, speaker, source, content, status, cue in rows:
            members.setdefault(dispute_id, {}).setdefault(side or "—", []).append(
                SideClaim(
                    claim_id,
                    speaker or source or "—",
                    " ".join((content or "").split()),
                    status,
                    " ".join((cue or "").split()),
                )
            )
        return [
            DisputeView(
                id=d.id,  # type: ignore[arg-type]
                version=d.version,
                topic=label,
                kind=d.kind,
                reason=d.reason,
                confidence=d.confidence,
                status=d.status,
                sides=tuple((side, tuple(claims)) for side, claims in sorted(members.get(d.id, {}).items())),  # type: ignore[arg-type]
            )
            for d, label in disputes
        ]


# ----------------------------------------------------------------------------------------------- speakers


@dataclass(frozen=True)
class SpeakerRow:
    id: int
    name: str
    organisation: str
    actor: str
    claims: int
    merged_into: str


@dataclass(frozen=True)
class ActorRow:
    id: int
    name: str
    aliases: str
    speakers: int
    kind: str = ""  # "" when not known yet
    kind_source: str = "auto"
    parent: str = ""  # the parent's name
    parent_id: int | None = None


def list_speakers(engine: Engine, limit: int = 2000) -> list[SpeakerRow]:
    with Session(engine) as session:
        counts = (
            select(Claim.speaker_id, func.count(col(Claim.id)).label("n")).group_by(col(Claim.speaker_id)).subquery()
        )
        target = select(Speaker.id, Speaker.name).subquery()
        rows = session.exec(
            # sqlmodel's select() is typed for at most 4 columns (fastapi/sqlmodel#271); it takes any number.
            select(Speaker.id, Speaker.name, Speaker.organisation, Actor.name, counts.c.n, target.c.name)  # type: ignore[call-overload]
            .outerjoin(Actor, col(Actor.id) == Speaker.actor_id)
            .outerjoin(counts, counts.c.speaker_id == Speaker.id)
            .outerjoin(target, target.c.id == Speaker.merged_into_id)
            .order_by(func.coalesce(counts.c.n, 0).desc(), Speaker.name)
            .limit(limit)
        ).all()
        return [SpeakerRow(i, n, o or "", a or "—", c or 0, m or "") for i, n, o, a, c, m in rows]


def list_actor_rows(engine: Engine) -> list[ActorRow]:
    with Session(engine) as session:
        aliases: dict[int, list[str]] = {}
        for alias, actor_id, source in session.exec(
            select(ActorAlias.alias, ActorAlias.actor_id, ActorAlias.source).order_by(ActorAlias.alias)
        ).all():
            aliases.setdefault(actor_id, []).append(alias if source == "user" else f"{alias} (auto)")
        speakers = dict(
            session.exec(select(Speaker.actor_id, func.count()).group_by(col(Speaker.actor_id))).all()  # type: ignore[call-overload]
        )
        names = repo.actor_names(session=session)
        rows = session.exec(
            # sqlmodel's select() is typed for at most 4 columns (fastapi/sqlmodel#271); it takes any number.
            select(Actor.id, Actor.name, Actor.kind, Actor.kind_source, Actor.parent_id).order_by(Actor.name)  # type: ignore[call-overload]
        ).all()
        return [
            ActorRow(
                i,
                n,
                ", ".join(aliases.get(i, [])),
                speakers.get(i, 0),
                k or "",
                ks or "auto",
                names.get(p, "") if p else "",
                p,
            )
            for i, n, k, ks, p in rows
            if i is not None  # an id: never None
        ]


def database_is_empty(engine: Engine) -> bool:
    with Session(engine) as session:
        return session.exec(select(Claim.id).limit(1)).first() is None
