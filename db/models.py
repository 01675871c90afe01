"""Database tables (SQLModel). All offsets are Python ``str`` indices into ``Document.text``, end exclusive.

No ``from __future__ import annotations`` here: SQLModel reads the annotations at class creation.
"""

import hashlib
import unicodedata
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import Column, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

ClaimStatus = Literal["auto", "accepted", "corrected", "rejected"]
CLAIM_STATUSES: tuple[str, ...] = ("auto", "accepted", "corrected", "rejected")
REVIEWED_STATUSES: tuple[str, ...] = ("accepted", "corrected", "rejected")
CLAIM_KINDS: tuple[str, ...] = ("direct", "indirect", "mixed", "unattributed")
ALIAS_SOURCES: tuple[str, ...] = ("user", "auto")
CORRECTION_ENTITIES: tuple[str, ...] = ("claim", "speaker", "actor", "alias", "dispute", "topic")
TOPIC_STATUSES: tuple[str, ...] = ("auto", "corrected")
DISPUTE_STATUSES: tuple[str, ...] = ("auto", "confirmed", "dismissed")


def utcnow() -> datetime:
    return datetime.now(UTC)


def normalise_name(name: str | None) -> str:
    """The comparison key of a person, organisation or alias name: NFKC, case-folded, single spaces,
    no surrounding punctuation ("  Ann  Lee, " and "ann lee" give the same key)."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = " ".join(text.split())
    return text.strip(" .,;:!?\"'“”‘’()[]-–—")


def is_proper_name(name: str) -> bool:
    """Every word written with a capital ("Dave Prentis", "Unison"), as a name is; not a description
    ("a spokesman")."""
    words = name.split()
    return bool(words) and all(w[:1].isupper() for w in words)


class Actor(SQLModel, table=True):
    """A side a claim speaks for: a country, a government body, a party, a company, a union, a person ...

    ``kind`` is one of :data:`claims.types.ACTOR_KINDS` (None: not known yet); ``parent_id`` the actor it
    belongs to ("White House" -> "United States"). ``kind_source`` / ``parent_source`` are "user" when a
    reviewer set the value (the pipeline never changes it then) and "auto" otherwise.
    """

    __tablename__ = "actor"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    iso_code: str | None = Field(default=None, max_length=3)
    kind: str | None = None
    kind_source: str = Field(default="auto", sa_column_kwargs={"server_default": "auto"})
    parent_id: int | None = Field(default=None, foreign_key="actor.id", index=True)
    parent_source: str = Field(default="auto", sa_column_kwargs={"server_default": "auto"})
    created_at: datetime = Field(default_factory=utcnow)


class ActorAlias(SQLModel, table=True):
    """A name (of a speaker, organisation or mention) that stands for an actor.

    ``source`` is "user" (given by hand: overrides the pipeline) or "auto". ``alias_key`` is the normalised
    form of ``alias`` and is what lookups use.
    """

    __tablename__ = "actor_alias"

    id: int | None = Field(default=None, primary_key=True)
    alias: str
    alias_key: str = Field(unique=True, index=True)
    actor_id: int = Field(foreign_key="actor.id", index=True)
    source: str = Field(default="user")
    created_at: datetime = Field(default_factory=utcnow)


class Speaker(SQLModel, table=True):
    """A person or body that makes claims; one row per normalised (name, organisation)."""

    __tablename__ = "speaker"
    __table_args__ = (UniqueConstraint("name_key", "organisation_key", name="uq_speaker_name_org"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str
    organisation: str | None = None
    name_key: str = Field(index=True)
    organisation_key: str = Field(default="")
    actor_id: int | None = Field(default=None, foreign_key="actor.id", index=True)
    # Set when a reviewer merged this speaker into another one (its claims moved there; new mentions of
    # this name resolve to the target).
    merged_into_id: int | None = Field(default=None, foreign_key="speaker.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)


class SpeakerAlias(SQLModel, table=True):
    """An earlier name of a speaker: a reviewer renamed it, and new mentions of the old name must still
    land on it (a name lookup that finds no speaker follows these)."""

    __tablename__ = "speaker_alias"
    __table_args__ = (UniqueConstraint("name_key", "organisation_key", name="uq_speaker_alias_name_org"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_key: str = Field(index=True)
    organisation_key: str = Field(default="")
    speaker_id: int = Field(foreign_key="speaker.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)


def content_hash(text: str) -> str:
    """The fingerprint ``Document.content_hash`` holds: SHA-256 of the text as UTF-8 (lone surrogates kept)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class Document(SQLModel, table=True):
    __tablename__ = "document"

    id: int | None = Field(default=None, primary_key=True)
    external_id: str = Field(unique=True, index=True)
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    author: str | None = None
    # Other input keys, as a JSON object.
    metadata_json: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    text: str = Field(sa_column=Column(Text, nullable=False))
    content_hash: str = Field(index=True)
    pipeline_version: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


_claim_version = Column("version", Integer, nullable=False, default=1)


# Claim columns the review app and ``claims list`` filter by (each has an index, see Claim).
FILTERED_COLUMNS = ("status", "kind", "speaker_id", "actor_id")


class Claim(SQLModel, table=True):
    """One attributed (or unattributed) claim. ``version`` is bumped on every update (optimistic locking:
    a stale update raises ``sqlalchemy.orm.exc.StaleDataError``)."""

    __tablename__ = "claim"
    __table_args__ = (
        Index("ix_claim_document_status", "document_id", "status"),
        Index("ix_claim_document_order", "document_id", "content_start"),
        # Each filter's index ends in the display order (document, position): the first page of a filter
        # comes straight from the index instead of sorting every match (100k of a million claims).
        *(Index(f"ix_claim_{name}_order", name, "document_id", "content_start") for name in FILTERED_COLUMNS),
        Index("ix_claim_updated_at", "updated_at"),  # claims changed since topics were last brought up to date
    )
    __mapper_args__ = {"version_id_col": _claim_version}

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", ondelete="CASCADE")
    sentence_start: int
    sentence_end: int
    content_start: int
    content_end: int
    cue_start: int | None = None
    cue_end: int | None = None
    # Further pieces of a discontinuous cue, as a JSON list of [start, end].
    extra_cues_json: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))
    source_start: int | None = None
    source_end: int | None = None
    source_text: str | None = None
    speaker_id: int | None = Field(default=None, foreign_key="speaker.id", ondelete="SET NULL")
    actor_id: int | None = Field(default=None, foreign_key="actor.id", ondelete="SET NULL")
    kind: str
    confidence: float = 0.0
    status: str = "auto"
    pipeline_version: str = ""
    paragraph: int = 0
    # What topics and disputes need from the parse (claims.types.ClaimParse as JSON); NULL: not read yet.
    features_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    version: int = Field(default=1, sa_column=_claim_version)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Correction(SQLModel, table=True):
    """An audit record of one hand change to one field.

    ``entity`` is one of :data:`CORRECTION_ENTITIES`. Changes made by one reviewer action (e.g. setting a
    speaker, which also marks the claim corrected) share an ``action_id``; undo reverts one action and is
    itself logged: each undo row names the row it reverts in ``undone_correction_id``.
    """

    __tablename__ = "correction"
    __table_args__ = (
        Index("ix_correction_entity", "entity", "entity_id"),
        Index("ix_correction_reviewer", "reviewer", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    reviewer: str
    created_at: datetime = Field(default_factory=utcnow)
    entity: str
    entity_id: int
    field: str
    old_value: str | None = None
    new_value: str | None = None
    action_id: str | None = Field(default=None, index=True)
    undone_correction_id: int | None = Field(default=None, foreign_key="correction.id", index=True)


class Topic(SQLModel, table=True):
    """A story thread claims are grouped in (filled by the disputes pipeline; corrected by reviewers).

    ``status`` is "auto" (the pipeline may replace it) or "corrected" (made or renamed by a reviewer).
    """

    __tablename__ = "topic"

    id: int | None = Field(default=None, primary_key=True)
    label: str = Field(index=True)
    status: str = Field(default="auto", index=True)
    created_at: datetime = Field(default_factory=utcnow)


class ClaimTopic(SQLModel, table=True):
    """The topic a claim is in (at most one). "corrected" memberships are never replaced by the pipeline."""

    __tablename__ = "claim_topic"

    claim_id: int = Field(foreign_key="claim.id", primary_key=True, ondelete="CASCADE")
    topic_id: int = Field(foreign_key="topic.id", index=True, ondelete="CASCADE")
    status: str = Field(default="auto", index=True)


class Dispute(SQLModel, table=True):
    """Sources disagreeing within a topic. "confirmed"/"dismissed" are a reviewer's decisions and survive
    recomputation; ``version`` is bumped on every change (a stale review is refused)."""

    __tablename__ = "dispute"

    id: int | None = Field(default=None, primary_key=True)
    topic_id: int = Field(foreign_key="topic.id", index=True, ondelete="CASCADE")
    kind: str = ""
    reason: str = ""
    confidence: float = 0.0
    status: str = Field(default="auto", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = 1


class DisputeClaim(SQLModel, table=True):
    """A claim taking part in a dispute, on the side of ``side`` (an actor name)."""

    __tablename__ = "dispute_claim"

    dispute_id: int = Field(foreign_key="dispute.id", primary_key=True, ondelete="CASCADE")
    claim_id: int = Field(foreign_key="claim.id", primary_key=True, index=True, ondelete="CASCADE")
    side: str = ""


class FeatureTerm(SQLModel, table=True):
    """A topic feature (a lemma, ``ev:`` event, ``ent:`` entity) and how many claims have it (``df``)."""

    __tablename__ = "feature_term"
    __table_args__ = (UniqueConstraint("term", name="uq_feature_term_term"),)

    id: int | None = Field(default=None, primary_key=True)
    term: str
    df: int = 0


class ClaimTerm(SQLModel, table=True):
    """The inverted topic index: one of a claim's most distinctive features, with its TF-IDF weight."""

    __tablename__ = "claim_term"

    term_id: int = Field(foreign_key="feature_term.id", primary_key=True, ondelete="CASCADE")
    claim_id: int = Field(foreign_key="claim.id", primary_key=True, index=True, ondelete="CASCADE")
    weight: float = 0.0


class TopicState(SQLModel, table=True):
    """When topics were last brought up to date (one row): claims changed since are looked at again."""

    __tablename__ = "topic_state"

    id: int | None = Field(default=None, primary_key=True)
    updated_at: datetime | None = None
    claims: int = 0
