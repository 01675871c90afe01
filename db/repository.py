"""Queries and writes on the claims database: plain functions taking ``*, session``.

Functions here flush but never commit: the caller owns the transaction (one document, one transaction).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, cast

from sqlalchemy import CursorResult, bindparam, delete, func, insert, or_, update
from sqlalchemy import select as sa_select
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from claims.errors import ClaimsError
from claims.types import ACTOR_KINDS, ActorRef
from db.models import (
    Actor,
    ActorAlias,
    Claim,
    ClaimTopic,
    Correction,
    Document,
    Speaker,
    SpeakerAlias,
    Topic,
    is_proper_name,
    normalise_name,
    utcnow,
)

# ---------------------------------------------------------------------------------------------- actors


def find_actor(name: str, *, session: Session) -> Actor | None:
    """The actor called ``name`` (case-insensitively), else the one an alias of that name points to."""
    key = normalise_name(name)
    if not key:
        return None
    for actor in session.exec(select(Actor).where(func.lower(Actor.name) == name.strip().lower())):
        return actor
    alias = session.exec(select(ActorAlias).where(ActorAlias.alias_key == key)).first()
    return session.get(Actor, alias.actor_id) if alias else None


def get_or_create_actor(name: str, *, session: Session, iso_code: str | None = None) -> Actor:
    """The actor with exactly this name (case-insensitive), created when missing."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("an actor needs a name")
    # the exact name too: SQLite's lower() leaves non-ASCII letters ("Ñã") as they are
    actor = session.exec(
        select(Actor).where(or_(func.lower(Actor.name) == name.lower(), col(Actor.name) == name))
    ).first()
    if actor is None:
        actor = Actor(name=name, iso_code=iso_code)
        session.add(actor)
        session.flush()
    elif iso_code and not actor.iso_code:
        actor.iso_code = iso_code
        session.add(actor)
    return actor


def ensure_actor(ref: ActorRef, *, session: Session) -> Actor:
    """The actor row for a pipeline :class:`~claims.types.ActorRef` (see :func:`ensure_actor_id`)."""
    actor = session.get(Actor, ensure_actor_id(ref, session=session), populate_existing=True)
    assert actor is not None
    return actor


class _ActorState(NamedTuple):
    id: int
    kind: str | None
    kind_source: str
    parent_id: int | None
    parent_source: str


# Statements built once (with parameters): ingest runs them for every new name.
_ACTOR_BY_NAME = sa_select(
    col(Actor.id), col(Actor.kind), col(Actor.kind_source), col(Actor.parent_id), col(Actor.parent_source)
).where(or_(func.lower(Actor.name) == bindparam("lower_name"), col(Actor.name) == bindparam("exact_name")))
_ACTOR_PARENT = sa_select(col(Actor.parent_id)).where(col(Actor.id) == bindparam("actor_id"))
_SPEAKER_COLUMNS = (col(Speaker.id), col(Speaker.actor_id), col(Speaker.merged_into_id))
_SPEAKER_BY_KEY = sa_select(*_SPEAKER_COLUMNS).where(
    col(Speaker.name_key) == bindparam("name_key"), col(Speaker.organisation_key) == bindparam("org_key")
)
_SPEAKER_BY_ID = sa_select(*_SPEAKER_COLUMNS).where(col(Speaker.id) == bindparam("speaker_id"))
_ACTOR_INSERT = insert(Actor.__table__)  # type: ignore[attr-defined]
_SPEAKER_INSERT = insert(Speaker.__table__)  # type: ignore[attr-defined]


def ensure_actor_id(ref: ActorRef, *, session: Session) -> int:
    """The id of the actor row for a pipeline :class:`~claims.types.ActorRef`, its parents first, created
    when missing (with the table's own statements: ingest calls this for every new name).

    The pipeline only fills what is unknown: a kind or a parent already stored (above all one a reviewer
    set, ``kind_source``/``parent_source`` "user") is never changed, and no parent that would close a
    cycle is set.
    """
    parent_id = ensure_actor_id(ref.parent, session=session) if ref.parent is not None else None
    name = " ".join(ref.name.split())
    if not name:
        raise ValueError("an actor needs a name")
    # the exact name too: SQLite's lower() leaves non-ASCII letters ("Ñã") as they are
    found = session.execute(_ACTOR_BY_NAME, {"lower_name": name.lower(), "exact_name": name}).first()
    if found is None:  # a new actor is in no chain: it takes the kind and the parent as they are
        values = dict(name=name, kind=ref.kind, kind_source="auto", parent_id=parent_id, parent_source="auto")
        inserted = cast(CursorResult[Any], session.execute(_ACTOR_INSERT, {**values, "created_at": utcnow()}))
        return int(inserted.inserted_primary_key[0])  # type: ignore[index]
    actor = _ActorState(*found)
    changes: dict[str, object] = {}
    if actor.kind is None and actor.kind_source != "user":
        changes["kind"] = ref.kind
    if (
        parent_id is not None
        and actor.parent_id is None
        and actor.parent_source != "user"
        and actor.id not in _parent_chain(parent_id, session=session)
    ):
        changes["parent_id"] = parent_id
    if changes:
        session.execute(update(Actor.__table__).where(Actor.__table__.c.id == actor.id).values(**changes))  # type: ignore[attr-defined]
    return actor.id


def _parent_chain(actor_id: int, *, session: Session) -> list[int]:
    """The ids of the actor, its parent, the parent's parent ... (as :func:`actor_chain`)."""
    chain = [actor_id]
    while len(chain) < 32:
        parent = session.execute(_ACTOR_PARENT, {"actor_id": chain[-1]}).scalar()
        if parent is None or parent in chain:
            break
        chain.append(parent)
    return chain


def actor_chain(actor: Actor, *, session: Session) -> list[Actor]:
    """The actor, its parent, the parent's parent ... (a cycle is cut where it repeats)."""
    chain = [actor]
    while chain[-1].parent_id is not None and len(chain) < 32:
        parent = session.get(Actor, chain[-1].parent_id)
        if parent is None or any(parent.id == a.id for a in chain):
            break
        chain.append(parent)
    return chain


def actor_ref(actor: Actor, *, session: Session) -> ActorRef:
    """The stored actor as plain data (kind "organisation" when unknown), with its parents."""
    chain = actor_chain(actor, session=session)
    ref: ActorRef | None = None
    for row in reversed(chain):
        kind = row.kind if row.kind in ACTOR_KINDS else "organisation"
        ref = ActorRef(row.name, kind, ref)  # type: ignore[arg-type]
    assert ref is not None
    return ref


def actor_refs(*, session: Session) -> dict[str, ActorRef]:
    """Every actor as plain data by name (one query), for dispute sides."""
    rows = {a.id: a for a in session.exec(select(Actor)).all()}
    out: dict[str, ActorRef] = {}

    def build(actor: Actor, seen: frozenset[int]) -> ActorRef:
        parent = rows.get(actor.parent_id) if actor.parent_id is not None else None
        kind = actor.kind if actor.kind in ACTOR_KINDS else "organisation"
        up = build(parent, seen | {actor.id or 0}) if parent is not None and parent.id not in seen else None
        return ActorRef(actor.name, kind, up)  # type: ignore[arg-type]

    for actor in rows.values():
        out[actor.name] = build(actor, frozenset())
    return out


def actor_family(actor: Actor, *, session: Session) -> list[int]:
    """The ids of ``actor`` and of every actor below it (children, their children ...), actor first."""
    children: dict[int, list[int]] = {}
    for child_id, parent_id in session.exec(select(Actor.id, Actor.parent_id).where(col(Actor.parent_id).is_not(None))):
        if child_id is not None and parent_id is not None:
            children.setdefault(parent_id, []).append(child_id)
    assert actor.id is not None
    out, todo = [actor.id], [actor.id]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in out:
                out.append(child)
                todo.append(child)
    return out


def actor_names(*, session: Session) -> dict[int, str]:
    """Every actor's name by id (one query)."""
    return {int(i): n for i, n in session.exec(select(Actor.id, Actor.name)).all() if i is not None}


def actor_parents(*, session: Session) -> dict[str, str]:
    """Actor name -> its parent's name, for every actor with a parent (one query)."""
    names = actor_names(session=session)
    rows = session.exec(select(Actor.name, Actor.parent_id).where(col(Actor.parent_id).is_not(None))).all()
    return {name: names[pid] for name, pid in rows if pid in names}


def learned_actors(*, session: Session) -> dict[str, int]:
    """Speaker name key -> the actor other documents gave that speaker, when it is not the speaker itself
    (a person's own side): "Unison's Dave Prentis" once, "Dave Prentis" keeps Unison. Where a name has
    several, the one with the most speakers rows wins (then the lowest id)."""
    rows = session.exec(
        select(Speaker.name_key, Speaker.actor_id, Actor.kind, Actor.name)
        .join(Actor, col(Actor.id) == Speaker.actor_id)
        .where(col(Speaker.merged_into_id).is_(None))
    ).all()
    counts: dict[str, dict[int, int]] = {}
    for name_key, actor_id, kind, actor_name in rows:
        if actor_id is None or kind == "person" or normalise_name(actor_name) == name_key:
            continue
        counts.setdefault(name_key, {})
        counts[name_key][actor_id] = counts[name_key].get(actor_id, 0) + 1
    return _most_common(counts)


@dataclass
class LearnedSides:
    """What stored documents and reviewers say about speakers' sides, for later documents.

    ``taught``: speaker name key -> the actor reviewers gave that speaker's claims (or the speaker) by hand,
    the strongest evidence; ``seen``: name key -> the actor other documents gave that speaker when it is not
    the speaker itself (:func:`learned_actors`); ``full_names``: a surname -> the name keys of the stored
    speakers named in full with it ("prentis" -> {"dave prentis"}), for a later "Prentis".
    """

    taught: dict[str, int] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)
    full_names: dict[str, set[str]] = field(default_factory=dict)

    def get(self, name_key: str) -> int | None:
        """The side learned for a name: a reviewer's first, else other documents'."""
        found = self.taught.get(name_key)
        return found if found is not None else self.seen.get(name_key)

    def full_name(self, surname_key: str) -> str | None:
        """The one stored speaker named in full with this surname (None: none, or several)."""
        names = self.full_names.get(surname_key, set())
        return next(iter(names)) if len(names) == 1 else None


def _most_common(counts: dict[str, dict[int, int]]) -> dict[str, int]:
    return {k: min(v, key=lambda a: (-v[a], a)) for k, v in counts.items()}


def learned_sides(*, session: Session) -> LearnedSides:
    """:class:`LearnedSides` from the stored speakers, claims and corrections (three queries)."""
    rows = session.exec(
        select(Speaker.name, Speaker.name_key, Speaker.actor_id).where(col(Speaker.merged_into_id).is_(None))
    ).all()
    full_names: dict[str, set[str]] = {}
    for name, name_key, _ in rows:
        words = name_key.split()
        if len(words) > 1 and is_proper_name(name):
            full_names.setdefault(words[-1], set()).add(name_key)
    taught: dict[str, dict[int, int]] = {}
    hand = session.exec(
        select(Speaker.name, Speaker.name_key, Claim.actor_id)
        .join(Speaker, col(Speaker.id) == Claim.speaker_id)
        .where(col(Claim.id).in_(hand_corrected_claims("actor_id")), col(Claim.actor_id).is_not(None))
    ).all()
    mapped = session.exec(
        select(Speaker.name, Speaker.name_key, Speaker.actor_id).where(
            col(Speaker.id).in_(hand_mapped_speakers()), col(Speaker.actor_id).is_not(None)
        )
    ).all()
    for name, name_key, actor_id in [*hand, *mapped]:
        if actor_id is not None and is_proper_name(name):  # "officials" corrected once teaches nothing
            taught.setdefault(name_key, {})
            taught[name_key][actor_id] = taught[name_key].get(actor_id, 0) + 1
    return LearnedSides(taught=_most_common(taught), seen=learned_actors(session=session), full_names=full_names)


def hand_mapped_speakers():
    """Ids of the speakers a reviewer mapped to an actor by hand (not by an alias), still standing."""
    return _standing_hand_corrections("speaker", "actor_id")


def alias_actor_id(name: str | None, *, session: Session, source: str | None = None) -> int | None:
    """The actor id an alias ``name`` maps to (optionally only aliases of one ``source``)."""
    key = normalise_name(name)
    if not key:
        return None
    query = select(ActorAlias.actor_id).where(ActorAlias.alias_key == key)
    if source is not None:
        query = query.where(ActorAlias.source == source)
    return session.exec(query).first()


def aliases_of_source(source: Literal["user", "auto"], *, session: Session) -> dict[str, int]:
    """Every alias of one source: normalised alias → actor id."""
    rows = session.exec(select(ActorAlias.alias_key, ActorAlias.actor_id).where(ActorAlias.source == source))
    return dict(rows.all())


@dataclass
class AliasResult:
    alias: ActorAlias
    actor: Actor
    speakers_updated: int = 0
    claims_updated: int = 0


def set_actor_alias(
    alias: str,
    actor_name: str,
    *,
    session: Session,
    source: Literal["user", "auto"] = "user",
    reviewer: str = "unknown",
) -> AliasResult:
    """Make ``alias`` (a speaker, organisation or mention name) stand for the actor ``actor_name``.

    A user alias replaces any earlier alias of that name and is applied at once: speakers whose name or
    organisation is the alias get the actor (a :class:`Correction` is recorded for each), and so do their
    claims, except claims whose actor was corrected by hand. An "auto" alias never replaces a user one.
    """
    key = normalise_name(alias)
    if not key:
        raise ValueError("an alias needs a name")
    actor = find_actor(actor_name, session=session) or get_or_create_actor(actor_name, session=session)
    assert actor.id is not None
    row = session.exec(select(ActorAlias).where(ActorAlias.alias_key == key)).first()
    if row is None:
        row = ActorAlias(alias=" ".join(alias.split()), alias_key=key, actor_id=actor.id, source=source)
    elif source == "user" or row.source == "auto":
        row.alias, row.actor_id, row.source = " ".join(alias.split()), actor.id, source
    session.add(row)
    session.flush()
    result = AliasResult(alias=row, actor=actor)
    if source != "user":
        return result

    speakers = session.exec(
        select(Speaker).where(or_(col(Speaker.name_key) == key, col(Speaker.organisation_key) == key))
    ).all()
    for speaker in speakers:
        if speaker.actor_id != actor.id:
            _record(session, reviewer, "speaker", speaker.id, "actor_id", speaker.actor_id, actor.id)
            speaker.actor_id = actor.id
            session.add(speaker)
            result.speakers_updated += 1
    if speakers:
        corrected_by_hand = hand_corrected_claims("actor_id")
        outcome = session.execute(
            update(Claim)
            .where(col(Claim.speaker_id).in_([s.id for s in speakers]))
            .where(or_(col(Claim.actor_id).is_(None), col(Claim.actor_id) != actor.id))
            .where(col(Claim.id).not_in(corrected_by_hand))
            .values(actor_id=actor.id, version=Claim.version + 1, updated_at=utcnow())
            .execution_options(synchronize_session="fetch")
        )
        result.claims_updated = outcome.rowcount or 0  # type: ignore[attr-defined]
    session.flush()
    return result


def hand_corrected_claims(field_name: str):
    """Ids of the claims whose ``field_name`` a reviewer set by hand and still stands: a correction that is
    no undo, was not undone, and was not made by an alias (an alias re-maps claims, it does not pin them)."""
    return _standing_hand_corrections("claim", field_name)


def _standing_hand_corrections(entity: str, field_name: str):
    """Ids of the ``entity`` rows whose ``field_name`` a reviewer set by hand, with the correction still
    standing (no undo, not undone, not made by an alias)."""
    undone = select(Correction.undone_correction_id).where(col(Correction.undone_correction_id).is_not(None))
    alias_actions = select(Correction.action_id).where(
        Correction.entity == "alias", col(Correction.action_id).is_not(None)
    )
    return select(Correction.entity_id).where(
        Correction.entity == entity,
        Correction.field == field_name,
        col(Correction.undone_correction_id).is_(None),
        col(Correction.id).not_in(undone),
        or_(col(Correction.action_id).is_(None), col(Correction.action_id).not_in(alias_actions)),
    )


class ActorSummary(NamedTuple):
    actor: Actor
    aliases: list[ActorAlias]
    speakers: int
    claims: int


def list_actors(*, session: Session) -> list[ActorSummary]:
    actors = session.exec(select(Actor).order_by(Actor.name)).all()
    aliases: dict[int, list[ActorAlias]] = {}
    for alias in session.exec(select(ActorAlias).order_by(ActorAlias.alias)):
        aliases.setdefault(alias.actor_id, []).append(alias)
    speakers = dict(
        session.exec(select(Speaker.actor_id, func.count()).group_by(col(Speaker.actor_id))).all()  # type: ignore[call-overload]
    )
    claims = dict(session.exec(select(Claim.actor_id, func.count()).group_by(col(Claim.actor_id))).all())  # type: ignore[call-overload]
    return [
        ActorSummary(actor, aliases.get(actor.id or 0, []), speakers.get(actor.id, 0), claims.get(actor.id, 0))
        for actor in actors
    ]


# -------------------------------------------------------------------------------------------- speakers


class SpeakerSummary(NamedTuple):
    speaker: Speaker
    actor: str | None  # the actor's name
    claims: int
    former_names: list[str]  # earlier names (renames) and the names of speakers merged into it
    merged_into: str | None  # for a merged speaker: the name of the speaker it now is


def list_speakers(
    *, session: Session, name: str | None = None, actor: str | None = None, merged: bool = False
) -> list[SpeakerSummary]:
    """Speakers with their actor, claim count and former names, most claims first. ``name``: part of the
    name; ``actor``: speakers of that actor (and the actors below it); ``merged``: merged-away speakers too."""
    query = select(Speaker)
    if not merged:
        query = query.where(col(Speaker.merged_into_id).is_(None))
    if name:
        query = query.where(col(Speaker.name_key).contains(normalise_name(name), autoescape=True))
    if actor:
        found = find_actor(actor, session=session)
        query = query.where(col(Speaker.actor_id).in_(actor_family(found, session=session) if found else [-1]))
    speakers = session.exec(query).all()
    counts = dict(
        session.exec(select(Claim.speaker_id, func.count()).group_by(col(Claim.speaker_id))).all()  # type: ignore[call-overload]
    )
    names = actor_names(session=session)
    by_id = {s.id: s for s in session.exec(select(Speaker)).all()}
    former: dict[int, list[str]] = {}
    for alias in session.exec(select(SpeakerAlias).order_by(col(SpeakerAlias.id))):
        former.setdefault(alias.speaker_id, []).append(alias.name)
    for other in by_id.values():
        if other.merged_into_id is not None:
            former.setdefault(other.merged_into_id, []).append(other.name)
    summaries = [
        SpeakerSummary(
            s,
            names.get(s.actor_id) if s.actor_id is not None else None,
            counts.get(s.id, 0),
            list(dict.fromkeys(n for n in former.get(s.id or 0, []) if n != s.name)),
            by_id[s.merged_into_id].name if s.merged_into_id in by_id else None,
        )
        for s in speakers
    ]
    return sorted(summaries, key=lambda x: (-x.claims, x.speaker.name.lower(), x.speaker.id or 0))


def speaker_by_former_name(name_key: str, org_key: str | None = None, *, session: Session) -> Speaker | None:
    """The speaker renamed away from this normalised name (any organisation when ``org_key`` is None;
    the newest redirect first)."""
    query = select(Speaker).join(SpeakerAlias, col(SpeakerAlias.speaker_id) == Speaker.id)
    query = query.where(SpeakerAlias.name_key == name_key)
    if org_key is not None:
        query = query.where(SpeakerAlias.organisation_key == org_key)
    return session.exec(query.order_by(col(SpeakerAlias.id).desc())).first()


def former_name_keys(*, session: Session) -> set[str]:
    """The normalised names that speakers were renamed away from."""
    return set(session.exec(select(SpeakerAlias.name_key)).all())


def get_or_create_speaker(
    name: str,
    organisation: str | None = None,
    *,
    session: Session,
    actor_id: int | None = None,
    check_former_names: bool = True,
) -> Speaker:
    """The speaker with this normalised (name, organisation), created when missing (see
    :func:`get_or_create_speaker_ids`)."""
    speaker_id, _ = get_or_create_speaker_ids(
        name, organisation, session=session, actor_id=actor_id, check_former_names=check_former_names
    )
    speaker = session.get(Speaker, speaker_id, populate_existing=True)
    assert speaker is not None
    return speaker


def get_or_create_speaker_ids(
    name: str,
    organisation: str | None = None,
    *,
    session: Session,
    actor_id: int | None = None,
    check_former_names: bool = True,
) -> tuple[int, int | None]:
    """(id, actor id) of the speaker with this normalised (name, organisation), created when missing (with
    the table's own statements: ingest calls this for every new name).

    A given ``actor_id`` is stored on a new speaker, and on an existing one that has none yet. A caller that
    knows the name is no former name (:func:`former_name_keys`) may skip that lookup. A speaker a reviewer
    merged into another one stands for the target.
    """
    name_key, org_key = normalise_name(name), normalise_name(organisation)
    if not name_key:
        raise ValueError("a speaker needs a name")
    found = session.execute(_SPEAKER_BY_KEY, {"name_key": name_key, "org_key": org_key}).first()
    row: tuple[int, int | None, int | None] | None = tuple(found) if found is not None else None  # type: ignore[assignment]
    if row is None and check_former_names:  # a name renamed away from still means the renamed speaker
        former = speaker_by_former_name(name_key, org_key, session=session)
        if former is not None and former.id is not None:
            row = (former.id, former.actor_id, former.merged_into_id)
    if row is None:
        values = dict(
            name=" ".join(name.split()),
            organisation=" ".join(organisation.split()) if organisation else None,
            name_key=name_key,
            organisation_key=org_key,
            actor_id=actor_id,
            created_at=utcnow(),
        )
        inserted = cast(CursorResult[Any], session.execute(_SPEAKER_INSERT, values))
        row = (int(inserted.inserted_primary_key[0]), actor_id, None)  # type: ignore[index]
    for _ in range(20):  # merged by a reviewer (db.review.merge_speakers): the name now means the target
        if row[2] is None:
            break
        target = session.execute(_SPEAKER_BY_ID, {"speaker_id": row[2]}).first()
        if target is None:
            break
        row = tuple(target)  # type: ignore[assignment]
    speaker_id, speaker_actor, _ = row
    if actor_id is not None and speaker_actor is None:
        table = Speaker.__table__  # type: ignore[attr-defined]
        session.execute(update(table).where(table.c.id == speaker_id).values(actor_id=actor_id))
        speaker_actor = actor_id
    return speaker_id, speaker_actor


# ------------------------------------------------------------------------------------------- documents


def find_document_by_external_id(external_id: str, *, session: Session) -> Document | None:
    return session.exec(select(Document).where(Document.external_id == external_id)).first()


def document_hash(external_id: str, *, session: Session) -> str | None:
    """The stored content hash of a document (without loading its text), or None when it is not stored."""
    return session.exec(select(Document.content_hash).where(Document.external_id == external_id)).first()


@dataclass
class DocumentWrite:
    """What :func:`add_document_with_claims` did."""

    document: Document
    status: Literal["created", "updated", "unchanged"]
    claims_written: int = 0
    claims_kept: int = 0  # hand-reviewed claims carried over from the earlier text
    claims_unanchored: int = 0  # of those, how many could not be found again in the new text


_DOCUMENT_FIELDS = (
    "title",
    "url",
    "publisher",
    "published",
    "author",
    "metadata_json",
    "text",
    "content_hash",
    "pipeline_version",
)


def add_document_with_claims(
    document: Document, claims: Sequence[Claim], *, session: Session, force: bool = False
) -> DocumentWrite:
    """Store a document and its claims (``document_id`` on the claims is filled in here).

    Same external id and same content hash as a stored document: nothing is written ("unchanged"; unless
    ``force``). Changed text: the document is updated, its "auto" claims are replaced, and its hand-reviewed
    claims (accepted, corrected, rejected) are kept, moved to where their text now is; a new claim whose
    content overlaps a kept claim's content is dropped (the reviewer's decision stands).
    """
    existing = find_document_by_external_id(document.external_id, session=session)
    if existing is None:
        session.add(document)
        session.flush()
        written = _insert_claims(document, claims, session=session)
        return DocumentWrite(document, "created", claims_written=written)
    if existing.content_hash == document.content_hash and not force:
        return DocumentWrite(existing, "unchanged")

    old_text = existing.text
    for name in _DOCUMENT_FIELDS:
        setattr(existing, name, getattr(document, name))
    existing.updated_at = utcnow()
    session.add(existing)
    session.execute(delete(Claim).where(col(Claim.document_id) == existing.id, col(Claim.status) == "auto"))
    kept = session.exec(select(Claim).where(Claim.document_id == existing.id)).all()
    unanchored = 0
    for claim in kept:
        if old_text != existing.text and not _reanchor(claim, old_text, existing.text):
            unanchored += 1
        session.add(claim)
    fresh = [c for c in claims if not any(_content_overlaps(c, k) for k in kept)]
    written = _insert_claims(existing, fresh, session=session)
    session.flush()
    return DocumentWrite(existing, "updated", written, len(kept), unanchored)


def _content_overlaps(a: Claim, b: Claim) -> bool:
    return a.content_start < b.content_end and b.content_start < a.content_end


_SPAN_FIELDS = ("sentence", "content", "cue", "source")


def _reanchor(claim: Claim, old_text: str, new_text: str) -> bool:
    """Shift a claim's offsets to where its text is in ``new_text`` (the occurrence nearest the old place)."""
    starts = [getattr(claim, f"{f}_start") for f in _SPAN_FIELDS if getattr(claim, f"{f}_start") is not None]
    ends = [getattr(claim, f"{f}_end") for f in _SPAN_FIELDS if getattr(claim, f"{f}_end") is not None]
    extra = [tuple(s) for s in json.loads(claim.extra_cues_json or "[]")]
    begin, end = min(starts + [s for s, _ in extra]), max(ends + [e for _, e in extra])
    snippet = old_text[begin:end]
    if not snippet:
        return False
    found, at = [], new_text.find(snippet)
    while at != -1:
        found.append(at)
        at = new_text.find(snippet, at + 1)
    if not found:
        return False
    delta = min(found, key=lambda pos: abs(pos - begin)) - begin
    if delta:
        for name in _SPAN_FIELDS:
            for edge in ("start", "end"):
                value = getattr(claim, f"{name}_{edge}")
                if value is not None:
                    setattr(claim, f"{name}_{edge}", value + delta)
        claim.extra_cues_json = json.dumps([[s + delta, e + delta] for s, e in extra])
    return True


_CLAIM_COLUMNS = [c.name for c in Claim.__table__.columns if c.name != "id"]  # type: ignore[attr-defined]


def _insert_claims(document: Document, claims: Iterable[Claim], *, session: Session) -> int:
    now = utcnow()
    rows = []
    for claim in claims:
        row = {name: getattr(claim, name) for name in _CLAIM_COLUMNS}
        row.update(document_id=document.id, version=1, created_at=now, updated_at=now)
        rows.append(row)
    if rows:
        # the table's own insert: the ORM's bulk insert spends longer checking the rows than storing them
        session.execute(Claim.__table__.insert(), rows)  # type: ignore[attr-defined]
    return len(rows)


# ---------------------------------------------------------------------------------------------- claims


class ClaimRow(NamedTuple):
    claim: Claim
    document: Document
    speaker: Speaker | None
    actor: Actor | None


@dataclass(frozen=True)
class ClaimFilter:
    document: str | None = None  # external id
    speaker: str | None = None  # part of the speaker's name
    actor: str | None = None  # actor name or alias
    kind: str | None = None
    status: str | None = None
    topic: str | None = None  # a topic id, or part of its label (as `claims topics --topic`)
    topic_ids: tuple[int, ...] | None = None  # only claims in these topics


def topic_condition(topic: str):
    """Topics whose id is ``topic`` or whose label contains it (case-insensitive)."""
    topic = topic.strip()
    label = func.lower(Topic.label).contains(topic.lower(), autoescape=True)
    return or_(col(Topic.id) == int(topic), label) if topic.isdigit() else label


def _claim_conditions(f: ClaimFilter, *, session: Session) -> list:
    """The filter as conditions on the claim table alone (subqueries, no joins), so that counting needs
    no join and SQLite can pick the index of the most selective filter."""
    conditions: list = []
    if f.document is not None:
        conditions.append(col(Claim.document_id).in_(select(Document.id).where(Document.external_id == f.document)))
    if f.speaker:
        speakers = select(Speaker.id).where(col(Speaker.name_key).contains(normalise_name(f.speaker), autoescape=True))
        conditions.append(col(Claim.speaker_id).in_(speakers))
    if f.actor:
        actor = find_actor(f.actor, session=session)
        # an actor's side: its own claims and those of the actors below it (Russia: the Kremlin's too)
        ids = actor_family(actor, session=session) if actor else [-1]
        conditions.append(col(Claim.actor_id).in_(ids) if len(ids) > 1 else Claim.actor_id == ids[0])
    if f.kind:
        conditions.append(Claim.kind == f.kind)
    if f.status:
        conditions.append(Claim.status == f.status)
    if f.topic:
        topics = select(Topic.id).where(topic_condition(f.topic))
        conditions.append(col(Claim.id).in_(select(ClaimTopic.claim_id).where(col(ClaimTopic.topic_id).in_(topics))))
    if f.topic_ids is not None:
        members = select(ClaimTopic.claim_id).where(col(ClaimTopic.topic_id).in_(f.topic_ids))
        conditions.append(col(Claim.id).in_(members))
    return conditions


def _claim_rows(filters: ClaimFilter | None, *, session: Session, with_text: bool):
    query = (
        select(Claim, Document, Speaker, Actor)
        .join(Document, col(Claim.document_id) == Document.id)
        .outerjoin(Speaker, col(Claim.speaker_id) == Speaker.id)
        .outerjoin(Actor, col(Claim.actor_id) == Actor.id)
        .options(defer(Claim.features_json))  # type: ignore[arg-type]  # topic features: not listed or exported
    )
    if not with_text:
        query = query.options(defer(Document.text))  # type: ignore[arg-type]
    for condition in _claim_conditions(filters or ClaimFilter(), session=session):
        query = query.where(condition)
    return query.order_by(col(Claim.document_id), col(Claim.content_start), col(Claim.id))


def list_claims(
    filters: ClaimFilter | None = None, *, session: Session, limit: int | None = None, offset: int = 0
) -> list[ClaimRow]:
    """Claims with their document, speaker and actor, in document order (document text not loaded)."""
    query = _claim_rows(filters, session=session, with_text=False).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [ClaimRow(*row) for row in session.exec(query).all()]


def count_claims(filters: ClaimFilter | None = None, *, session: Session) -> int:
    # On the claim table alone: joining and sorting a million rows only to count them took seconds.
    query = select(func.count(col(Claim.id)))
    for condition in _claim_conditions(filters or ClaimFilter(), session=session):
        query = query.where(condition)
    return session.exec(query).one()


def get_claim(claim_id: int, *, session: Session) -> ClaimRow | None:
    row = session.exec(
        select(Claim, Document, Speaker, Actor)
        .join(Document, col(Claim.document_id) == Document.id)
        .outerjoin(Speaker, col(Claim.speaker_id) == Speaker.id)
        .outerjoin(Actor, col(Claim.actor_id) == Actor.id)
        .where(Claim.id == claim_id)
    ).first()
    return ClaimRow(*row) if row else None


def iter_claims_by_document(
    filters: ClaimFilter | None = None, *, session: Session, external_ids: Iterable[str] | None = None
) -> Iterator[tuple[Document, list[ClaimRow]]]:
    """Each document (with its text) and its claims, one document at a time (never the whole corpus)."""
    query = select(Document.id, Document.external_id).order_by(col(Document.id))
    wanted = set(external_ids) if external_ids is not None else None
    for doc_id, external_id in session.exec(query).all():
        if wanted is not None and external_id not in wanted:
            continue
        if filters and filters.document is not None and filters.document != external_id:
            continue
        rows = session.exec(
            _claim_rows(filters, session=session, with_text=True).where(Claim.document_id == doc_id)
        ).all()
        document = session.get(Document, doc_id)
        assert document is not None
        yield document, [ClaimRow(*row) for row in rows]
        session.expunge_all()


class ExportDocument(NamedTuple):
    id: int
    external_id: str
    title: str | None
    text: str


def iter_export_rows(
    filters: ClaimFilter | None = None, *, session: Session, external_ids: Iterable[str] | None = None
) -> Iterator[tuple[ExportDocument, list[Any]]]:
    """What :func:`iter_claims_by_document` gives, as plain columns (no ORM objects) with each claim's topic,
    from one streamed query: each document (with its text) and its claims' rows, in the same order. A row
    has the claim's columns by name and ``speaker_id``, ``speaker_name``, ``actor_id``, ``actor_name``,
    ``actor_kind``, ``actor_parent_id``, ``topic_id``, ``topic_label``."""
    wanted = set(external_ids) if external_ids is not None else None
    query = (
        sa_select(
            *(col(getattr(Claim, name)) for name in _EXPORT_CLAIM_COLUMNS),
            col(Document.external_id).label("document_external_id"),
            col(Document.title).label("document_title"),
            col(Speaker.name).label("speaker_name"),
            col(Actor.name).label("actor_name"),
            col(Actor.kind).label("actor_kind"),
            col(Actor.parent_id).label("actor_parent_id"),
            col(Topic.id).label("topic_id"),
            col(Topic.label).label("topic_label"),
        )
        .select_from(Claim)
        .join(Document, col(Claim.document_id) == Document.id)
        .outerjoin(Speaker, col(Claim.speaker_id) == Speaker.id)
        .outerjoin(Actor, col(Claim.actor_id) == Actor.id)
        .outerjoin(ClaimTopic, col(ClaimTopic.claim_id) == Claim.id)
        .outerjoin(Topic, col(Topic.id) == ClaimTopic.topic_id)
    )
    for condition in _claim_conditions(filters or ClaimFilter(), session=session):
        query = query.where(condition)
    query = query.order_by(col(Claim.document_id), col(Claim.content_start), col(Claim.id))
    current: list[Any] = []
    for row in session.execute(query.execution_options(yield_per=2000)):
        if wanted is not None and row.document_external_id not in wanted:
            continue
        if current and current[0].document_id != row.document_id:
            yield _export_document(current[0], session=session), current
            current = []
        current.append(row)
    if current:
        yield _export_document(current[0], session=session), current


_EXPORT_CLAIM_COLUMNS = (
    "id",
    "document_id",
    "sentence_start",
    "sentence_end",
    "content_start",
    "content_end",
    "cue_start",
    "cue_end",
    "source_start",
    "source_end",
    "speaker_id",
    "actor_id",
    "kind",
    "confidence",
    "status",
)


def _export_document(row: Any, *, session: Session) -> ExportDocument:
    text = session.execute(sa_select(col(Document.text)).where(col(Document.id) == row.document_id)).scalar_one()
    return ExportDocument(row.document_id, row.document_external_id, row.document_title, text)


def update_claim(claim_id: int, *, session: Session, expected_version: int, reviewer: str, **changes: object) -> Claim:
    """Change fields of a claim by hand, recording a :class:`Correction` per changed field.

    ``expected_version`` is the version the reviewer saw; if the claim changed since, a
    :class:`StaleClaimError` is raised and nothing is written. Changing anything other than ``status``
    sets the status to "corrected" (unless a status is given).
    """
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise LookupError(f"no claim with id {claim_id}")
    if claim.version != expected_version:
        raise StaleClaimError(f"claim {claim_id} was changed by someone else (version {claim.version})")
    unknown = set(changes) - set(_CLAIM_COLUMNS) | ({"version", "document_id", "created_at"} & set(changes))
    if unknown:
        raise ValueError(f"cannot change {', '.join(sorted(unknown))}")
    if set(changes) - {"status"} and "status" not in changes:
        changes["status"] = "corrected"
    for name, value in changes.items():
        old = getattr(claim, name)
        if old != value:
            _record(session, reviewer, "claim", claim_id, name, old, value)
            setattr(claim, name, value)
    claim.updated_at = utcnow()
    session.add(claim)
    session.flush()
    return claim


class StaleClaimError(ClaimsError):
    """The claim changed since the reviewer loaded it (optimistic locking)."""


def _record(session: Session, reviewer: str, entity: str, entity_id, name: str, old, new) -> None:
    session.add(
        Correction(
            reviewer=reviewer,
            entity=entity,
            entity_id=entity_id,
            field=name,
            old_value=None if old is None else str(old),
            new_value=None if new is None else str(new),
        )
    )


def corrections_for(entity: str, entity_id: int, *, session: Session) -> list[Correction]:
    return list(
        session.exec(
            select(Correction)
            .where(Correction.entity == entity, Correction.entity_id == entity_id)
            .order_by(col(Correction.id))
        ).all()
    )


# ----------------------------------------------------------------------------------------------- stats


@dataclass
class Stats:
    documents: int
    claims: int
    by_kind: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    speakers: int = 0
    actors: int = 0
    aliases: int = 0
    top_actors: list[tuple[str, int]] = field(default_factory=list)


def stats(*, session: Session, top: int = 10) -> Stats:
    def count(model) -> int:
        return session.exec(select(func.count()).select_from(model)).one()

    by_kind = dict(session.exec(select(Claim.kind, func.count()).group_by(Claim.kind)).all())  # type: ignore[call-overload]
    by_status = dict(session.exec(select(Claim.status, func.count()).group_by(Claim.status)).all())  # type: ignore[call-overload]
    top_actors = session.exec(
        select(Actor.name, func.count(col(Claim.id)))
        .join(Claim, col(Claim.actor_id) == Actor.id)
        .group_by(Actor.name)
        .order_by(func.count(col(Claim.id)).desc(), Actor.name)
        .limit(top)
    ).all()
    return Stats(
        documents=count(Document),
        claims=count(Claim),
        by_kind=by_kind,
        by_status=by_status,
        speakers=count(Speaker),
        actors=count(Actor),
        aliases=count(ActorAlias),
        top_actors=[(name, n) for name, n in top_actors],
    )
