"""Review: hand corrections, undo, speaker merges, topic moves, and what the disputes pipeline may replace.

Plain functions taking ``*, session``; they flush but never commit (the caller commits: one reviewer action,
one transaction). Every change is logged as :class:`~db.models.Correction` rows sharing an ``action_id``;
:func:`undo_last` reverts the newest action of a reviewer and logs that too (rows pointing at the rows they
revert with ``undone_correction_id``). Claims are guarded by their ``version`` and disputes by theirs: an
edit based on an old version raises :class:`~db.repository.StaleClaimError` and writes nothing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Float, Integer, delete, exists, func, or_, update
from sqlmodel import Session, col, select

from claims.errors import ClaimsError
from db import repository as repo
from db.models import (
    CLAIM_STATUSES,
    Actor,
    ActorAlias,
    Claim,
    ClaimTopic,
    Correction,
    Dispute,
    DisputeClaim,
    Speaker,
    SpeakerAlias,
    Topic,
    normalise_name,
    utcnow,
)

StaleClaimError = repo.StaleClaimError


class ReviewError(ClaimsError):
    """A correction that cannot be made (unknown id, bad value, nothing to undo...)."""


class Action:
    """One reviewer action: the corrections it writes share an ``action_id``."""

    def __init__(self, session: Session, reviewer: str) -> None:
        self.session = session
        self.reviewer = reviewer
        self.id = uuid.uuid4().hex
        self.rows: list[Correction] = []

    def log(
        self, entity: str, entity_id: int | None, name: str, old: object, new: object, *, undoes: int | None = None
    ) -> None:
        if _text(old) == _text(new) and undoes is None:
            return
        row = Correction(
            reviewer=self.reviewer,
            entity=entity,
            entity_id=int(entity_id or 0),
            field=name,
            old_value=_text(old),
            new_value=_text(new),
            action_id=self.id,
            undone_correction_id=undoes,
        )
        self.session.add(row)
        self.rows.append(row)

    def adopt_pending(self) -> None:
        """Give this action's id to corrections another function added to the session (repository calls)."""
        for obj in list(self.session.new):
            if isinstance(obj, Correction) and obj.action_id is None:
                obj.action_id = self.id
                self.rows.append(obj)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _claim(claim_id: int, session: Session, expected_version: int | None) -> Claim:
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise ReviewError(f"no claim with id {claim_id}")
    if expected_version is not None and claim.version != expected_version:
        raise StaleClaimError(
            f"claim {claim_id} was changed by someone else since you loaded it "
            f"(version {expected_version}, now {claim.version}); reload and try again"
        )
    return claim


def _set_claim(action: Action, claim: Claim, **changes: object) -> None:
    """Apply ``changes`` to a claim, logging each; the claim's version moves only when something changed
    (in this call or earlier in the same action: a topic move that only rewrote the membership)."""
    changed = False
    for name, value in changes.items():
        old = getattr(claim, name)
        if old != value:
            action.log("claim", claim.id, name, old, value)
            setattr(claim, name, value)
            changed = True
    if changed or any(row.entity == "claim" and row.entity_id == claim.id for row in action.rows):
        claim.updated_at = utcnow()  # an UPDATE: bumps the version
        action.session.add(claim)


def _mark_corrected(action: Action, claim: Claim, status: str | None) -> None:
    if not action.rows:
        return  # nothing changed: the claim is not "corrected" and keeps its version
    _set_claim(action, claim, status=status or "corrected")


# ----------------------------------------------------------------------------------------------- claims


@dataclass
class ReviewResult:
    action_id: str
    changes: int
    claim: Claim | None = None
    message: str = ""


def _result(action: Action, claim: Claim | None = None, message: str = "") -> ReviewResult:
    action.session.flush()
    if not action.rows and message:
        message += " (nothing changed)"
    return ReviewResult(action.id, len(action.rows), claim, message)


def set_claim_status(
    claim_id: int, status: str, *, session: Session, reviewer: str, expected_version: int | None = None
) -> ReviewResult:
    """Accept ("accepted"), reject ("rejected", not a claim) or otherwise set a claim's review status."""
    if status not in CLAIM_STATUSES:
        raise ReviewError(f"unknown status {status!r} (expected one of {', '.join(CLAIM_STATUSES)})")
    claim = _claim(claim_id, session, expected_version)
    action = Action(session, reviewer)
    _set_claim(action, claim, status=status)
    return _result(action, claim, f"claim {claim_id} {status}")


def set_claims_status(
    claim_ids: Iterable[int],
    status: str,
    *,
    session: Session,
    reviewer: str,
    expected_versions: dict[int, int] | None = None,
    only_unreviewed: bool = False,
) -> ReviewResult:
    """Accept or reject many claims as one action (one undo step). With ``expected_versions`` (id -> the
    version the reviewer saw) a claim changed meanwhile refuses the whole action; with ``only_unreviewed``
    claims someone reviewed meanwhile (status no longer "auto") are left as they are."""
    if status not in CLAIM_STATUSES:
        raise ReviewError(f"unknown status {status!r} (expected one of {', '.join(CLAIM_STATUSES)})")
    ids = list(dict.fromkeys(int(i) for i in claim_ids))
    if not ids:
        raise ReviewError("no claims to change")
    action = Action(session, reviewer)
    changed = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = {c.id: c for c in session.exec(select(Claim).where(col(Claim.id).in_(chunk))).all()}
        for claim_id in chunk:
            claim = rows.get(claim_id)
            if claim is None:
                raise ReviewError(f"no claim with id {claim_id}")
            if expected_versions is not None and claim_id in expected_versions:
                _claim(claim_id, session, expected_versions[claim_id])
            if only_unreviewed and claim.status != "auto":
                continue
            if claim.status != status:
                _set_claim(action, claim, status=status)
                changed += 1
    return _result(action, None, f"{changed} claim(s) {status}")


def resolve_speaker(speaker: Speaker, *, session: Session) -> Speaker:
    """The speaker a merged speaker now stands for (following merges), else the speaker itself."""
    seen = {speaker.id}
    while speaker.merged_into_id is not None and speaker.merged_into_id not in seen:
        target = session.get(Speaker, speaker.merged_into_id)
        if target is None:
            break
        seen.add(target.id)
        speaker = target
    return speaker


def find_speaker(name_or_id: str | int, *, session: Session) -> Speaker | None:
    """A speaker by id, or by name (exact normalised name; the one with the most claims when several)."""
    if isinstance(name_or_id, int) or str(name_or_id).isdigit():
        found = session.get(Speaker, int(name_or_id))
        if found is not None:
            return found
    key = normalise_name(str(name_or_id))
    if not key:
        return None
    counts = (
        select(Speaker, func.count(col(Claim.id)))
        .outerjoin(Claim, col(Claim.speaker_id) == Speaker.id)
        .where(or_(col(Speaker.name_key) == key, func.lower(Speaker.name) == str(name_or_id).strip().lower()))
        .group_by(col(Speaker.id))
        .order_by(func.count(col(Claim.id)).desc(), col(Speaker.id))
    )
    row = session.exec(counts).first()
    if row is not None:
        return row[0]
    return repo.speaker_by_former_name(key, session=session)


def set_claim_speaker(
    claim_id: int,
    speaker: str | int,
    *,
    session: Session,
    reviewer: str,
    expected_version: int | None = None,
    create: bool = True,
) -> ReviewResult:
    """Set who made a claim: a known speaker (id or name), else a new one with that name. The claim's actor
    follows the speaker's actor when the speaker has one."""
    claim = _claim(claim_id, session, expected_version)
    row = find_speaker(speaker, session=session)
    if row is None:
        if not create or not str(speaker).strip():
            raise ReviewError(f"no speaker {speaker!r}")
        row = repo.get_or_create_speaker(str(speaker), session=session)
    row = resolve_speaker(row, session=session)
    action = Action(session, reviewer)
    changes: dict[str, object] = {"speaker_id": row.id}
    if row.actor_id is not None:
        changes["actor_id"] = row.actor_id
    _set_claim(action, claim, **changes)
    _mark_corrected(action, claim, None)
    return _result(action, claim, f"claim {claim_id}: speaker {row.name}")


def set_claim_actor(
    claim_id: int,
    actor: str | None,
    *,
    session: Session,
    reviewer: str,
    expected_version: int | None = None,
) -> ReviewResult:
    """Set the side a claim speaks for (an actor name or alias; a new actor when unknown; None: no side)."""
    claim = _claim(claim_id, session, expected_version)
    actor_id = None
    name = "none"
    if actor is not None and actor.strip():
        row = repo.find_actor(actor, session=session) or repo.get_or_create_actor(actor, session=session)
        actor_id, name = row.id, row.name
    action = Action(session, reviewer)
    _set_claim(action, claim, actor_id=actor_id)
    _mark_corrected(action, claim, None)
    return _result(action, claim, f"claim {claim_id}: actor {name}")


def set_claim_spans(
    claim_id: int,
    *,
    session: Session,
    reviewer: str,
    expected_version: int | None = None,
    content: tuple[int, int] | None = None,
    source: tuple[int, int] | None = None,
    cue: tuple[int, int] | None = None,
    clear: Iterable[str] = (),
) -> ReviewResult:
    """Change the content, source or cue span of a claim (str offsets into the document text); ``clear``
    names spans to remove ("source", "cue"; a claim always has content). None leaves a span as it is."""
    claim = _claim(claim_id, session, expected_version)
    text = session.exec(select(repo.Document.text).where(repo.Document.id == claim.document_id)).one()
    changes: dict[str, object] = {}
    for role in clear:
        if role not in ("source", "cue"):
            raise ReviewError(f"cannot clear the {role} span (a claim always has content)")
        changes[f"{role}_start"], changes[f"{role}_end"] = None, None
        if role == "source":
            changes["source_text"] = None
    for role, span in (("content", content), ("source", source), ("cue", cue)):
        if span is None:
            continue
        start, end = span
        if not 0 <= start <= end <= len(text) or (role == "content" and start == end):
            raise ReviewError(f"{role} span {start}-{end} is outside the document (0-{len(text)})")
        changes[f"{role}_start"], changes[f"{role}_end"] = start, end
        if role == "source":
            changes["source_text"] = text[start:end] or None
    action = Action(session, reviewer)
    _set_claim(action, claim, **changes)
    _mark_corrected(action, claim, None)
    return _result(action, claim, f"claim {claim_id}: spans changed")


def claim_topic(claim_id: int, *, session: Session) -> ClaimTopic | None:
    return session.get(ClaimTopic, claim_id)


def set_claim_topic(
    claim_id: int,
    topic: int | str | None,
    *,
    session: Session,
    reviewer: str,
    expected_version: int | None = None,
) -> ReviewResult:
    """Move a claim to a topic (an id, or a label: an existing topic with that label or a new one; None:
    out of any topic). The membership becomes "corrected": recomputing topics keeps it."""
    claim = _claim(claim_id, session, expected_version)
    action = Action(session, reviewer)
    topic_row: Topic | None = None
    if isinstance(topic, int) or (isinstance(topic, str) and topic.isdigit()):
        topic_row = session.get(Topic, int(topic))
        if topic_row is None:
            raise ReviewError(f"no topic with id {topic}")
    elif isinstance(topic, str) and topic.strip():
        label = " ".join(topic.split())
        topic_row = session.exec(select(Topic).where(func.lower(Topic.label) == label.lower())).first()
        if topic_row is None:  # as `claims topics --topic` finds topics: by a part of the label
            found = session.exec(
                select(Topic)
                .where(func.lower(Topic.label).contains(label.lower(), autoescape=True))
                .order_by(col(Topic.id))
            ).all()
            if len(found) > 1:
                names = ", ".join(f"{t.id} {t.label!r}" for t in found[:5]) + (" ..." if len(found) > 5 else "")
                raise ReviewError(f"{len(found)} topics match {label!r} ({names}): give the id or the whole label")
            topic_row = found[0] if found else None
        if topic_row is None:
            topic_row = Topic(label=label, status="corrected")
            session.add(topic_row)
            session.flush()
            action.log("topic", topic_row.id, "label", None, label)
    membership = session.get(ClaimTopic, claim_id)
    old_topic = membership.topic_id if membership else None
    old_status = membership.status if membership else None
    if topic_row is None:
        # "out of any topic" is a hand decision too: kept as a corrected row pointing nowhere is not
        # possible (topic_id is required), so the membership is removed and the claim marked corrected.
        if membership is not None:
            session.delete(membership)
        action.log("claim", claim_id, "topic_id", old_topic, None)
        action.log("claim", claim_id, "topic_status", old_status, None)
    else:
        assert topic_row.id is not None  # got by id, found, or flushed: stored
        if membership is None:
            membership = ClaimTopic(claim_id=claim_id, topic_id=topic_row.id, status="corrected")
        membership.topic_id, membership.status = topic_row.id, "corrected"
        session.add(membership)
        action.log("claim", claim_id, "topic_id", old_topic, topic_row.id)
        action.log("claim", claim_id, "topic_status", old_status, "corrected")
    _mark_corrected(action, claim, None)
    label = topic_row.label if topic_row else "no topic"
    return _result(action, claim, f"claim {claim_id}: topic {label}")


# -------------------------------------------------------------------------------------- speakers, actors


def rename_speaker(speaker_id: int, name: str, *, session: Session, reviewer: str) -> ReviewResult:
    """Give a speaker another name. A name another speaker (same organisation) already has is refused:
    merge them instead."""
    speaker = session.get(Speaker, speaker_id)
    if speaker is None:
        raise ReviewError(f"no speaker with id {speaker_id}")
    name = " ".join(name.split())
    key = normalise_name(name)
    if not key:
        raise ReviewError("a speaker needs a name")
    clash = session.exec(
        select(Speaker).where(
            Speaker.name_key == key, Speaker.organisation_key == speaker.organisation_key, Speaker.id != speaker_id
        )
    ).first()
    if clash is not None:
        raise ReviewError(f"speaker {clash.id} is already called {clash.name!r}: merge the two instead")
    action = Action(session, reviewer)
    old_name, old_key = speaker.name, speaker.name_key
    for attr, value in (("name", name), ("name_key", key)):
        action.log("speaker", speaker_id, attr, getattr(speaker, attr), value)
        setattr(speaker, attr, value)
    session.add(speaker)
    if old_key != key:
        # Articles ingested later still call the speaker by the old name: keep that name pointing here.
        # Logged after the rename so that undo (newest first) drops the alias before restoring the name.
        _point_speaker_alias(action, old_name, old_key, speaker)
    return _result(action, None, f"speaker {speaker_id} renamed to {name}")


def _point_speaker_alias(action: Action, name: str, key: str, speaker: Speaker) -> None:
    session = action.session
    assert speaker.id is not None  # a stored speaker
    alias = session.exec(
        select(SpeakerAlias).where(
            SpeakerAlias.name_key == key, SpeakerAlias.organisation_key == speaker.organisation_key
        )
    ).first()
    if alias is None:
        alias = SpeakerAlias(name=name, name_key=key, organisation_key=speaker.organisation_key, speaker_id=speaker.id)
        session.add(alias)
        session.flush()
        action.log("speaker_alias", alias.id, "speaker_id", None, speaker.id)
    elif alias.speaker_id != speaker.id:
        action.log("speaker_alias", alias.id, "speaker_id", alias.speaker_id, speaker.id)
        alias.speaker_id = speaker.id
        session.add(alias)


def merge_speakers(source: str | int, target: str | int, *, session: Session, reviewer: str) -> ReviewResult:
    """Merge speaker ``source`` into ``target``: its claims move to the target (their hand-set actor is kept,
    otherwise they take the target's actor) and new mentions of its name resolve to the target."""
    a = find_speaker(source, session=session)
    b = find_speaker(target, session=session)
    if a is None or b is None:
        raise ReviewError(f"no speaker {source if a is None else target!r}")
    b = resolve_speaker(b, session=session)
    if a.id == b.id:
        raise ReviewError("cannot merge a speaker into itself")
    action = Action(session, reviewer)
    claims = session.exec(select(Claim).where(Claim.speaker_id == a.id)).all()
    for claim in claims:
        changes: dict[str, object] = {"speaker_id": b.id}
        if b.actor_id is not None and not _hand_set(claim, "actor_id", session):
            changes["actor_id"] = b.actor_id
        _set_claim(action, claim, **changes)
    # Speakers merged into the source earlier now point at the target directly.
    for earlier in session.exec(select(Speaker).where(Speaker.merged_into_id == a.id)).all():
        action.log("speaker", earlier.id, "merged_into_id", earlier.merged_into_id, b.id)
        earlier.merged_into_id = b.id
        session.add(earlier)
    action.log("speaker", a.id, "merged_into_id", a.merged_into_id, b.id)
    a.merged_into_id = b.id
    session.add(a)
    return _result(action, None, f"speaker {a.name!r} merged into {b.name!r}: {len(claims)} claim(s) moved")


def _hand_set(claim: Claim, name: str, session: Session) -> bool:
    return (
        session.exec(
            select(Correction.id).where(
                Correction.entity == "claim", Correction.entity_id == claim.id, Correction.field == name
            )
        ).first()
        is not None
    )


def map_speaker_to_actor(speaker: str | int, actor: str, *, session: Session, reviewer: str) -> ReviewResult:
    """Say which side a speaker stands for: the speaker's actor, its claims' actor (except claims whose
    actor was set by hand), and a user alias of the speaker's name so later ingests agree."""
    row = find_speaker(speaker, session=session)
    if row is None:
        raise ReviewError(f"no speaker {speaker!r}")
    actor_row = repo.find_actor(actor, session=session) or repo.get_or_create_actor(actor, session=session)
    action = Action(session, reviewer)
    action.log("speaker", row.id, "actor_id", row.actor_id, actor_row.id)
    row.actor_id = actor_row.id
    session.add(row)
    for claim in session.exec(select(Claim).where(Claim.speaker_id == row.id)).all():
        if claim.actor_id != actor_row.id and not _hand_set(claim, "actor_id", session):
            _set_claim(action, claim, actor_id=actor_row.id)
    _upsert_alias(action, row.name, actor_row)
    return _result(action, None, f"speaker {row.name!r} → {actor_row.name}")


def _upsert_alias(action: Action, name: str, actor: Actor) -> None:
    session = action.session
    key = normalise_name(name)
    alias = session.exec(select(ActorAlias).where(ActorAlias.alias_key == key)).first()
    if alias is None:
        alias = ActorAlias(alias=" ".join(name.split()), alias_key=key, actor_id=actor.id, source="user")  # type: ignore[arg-type]
        session.add(alias)
        session.flush()
        action.log("alias", alias.id, "actor_id", None, actor.id)
        return
    action.log("alias", alias.id, "actor_id", alias.actor_id, actor.id)
    action.log("alias", alias.id, "source", alias.source, "user")
    alias.actor_id, alias.source = actor.id, "user"  # type: ignore[assignment]
    session.add(alias)


def _actor(name_or_id: str | int, session: Session, *, create: bool = False) -> Actor:
    if isinstance(name_or_id, int) or str(name_or_id).strip().isdigit():
        row = session.get(Actor, int(name_or_id))
    else:
        row = repo.find_actor(str(name_or_id), session=session)
        if row is None and create and str(name_or_id).strip():
            row = repo.get_or_create_actor(str(name_or_id), session=session)
    if row is None:
        raise ReviewError(f"no actor {name_or_id!r}")
    return row


def set_actor_kind(actor: str | int, kind: str, *, session: Session, reviewer: str) -> ReviewResult:
    """Set an actor's kind by hand (one of :data:`claims.types.ACTOR_KINDS`); the pipeline keeps it."""
    from claims.types import ACTOR_KINDS

    kind = kind.strip().lower()
    if kind not in ACTOR_KINDS:
        raise ReviewError(f"unknown kind {kind!r}: one of {', '.join(ACTOR_KINDS)}")
    row = _actor(actor, session)
    action = Action(session, reviewer)
    action.log("actor", row.id, "kind", row.kind, kind)
    action.log("actor", row.id, "kind_source", row.kind_source, "user")
    row.kind, row.kind_source = kind, "user"
    session.add(row)
    return _result(action, None, f"actor {row.name!r}: kind {kind}")


def set_actor_parent(actor: str | int, parent: str | int | None, *, session: Session, reviewer: str) -> ReviewResult:
    """Set (or, with None, clear) the actor ``actor`` belongs to, by hand; the pipeline keeps it. A parent
    unknown by name becomes a new actor; a parent below ``actor`` (a cycle) is refused."""
    row = _actor(actor, session)
    parent_row = _actor(parent, session, create=True) if parent is not None else None
    if parent_row is not None and any(a.id == row.id for a in repo.actor_chain(parent_row, session=session)):
        raise ReviewError(f"{parent_row.name!r} belongs to {row.name!r}: it cannot be its parent")
    action = Action(session, reviewer)
    new_id = parent_row.id if parent_row is not None else None
    action.log("actor", row.id, "parent_id", row.parent_id, new_id)
    action.log("actor", row.id, "parent_source", row.parent_source, "user")
    row.parent_id, row.parent_source = new_id, "user"
    session.add(row)
    where = parent_row.name if parent_row is not None else "no parent"
    return _result(action, None, f"actor {row.name!r} → {where}")


def add_alias(name: str, actor: str, *, session: Session, reviewer: str) -> ReviewResult:
    """``claims actors alias`` as an undoable action (see :func:`db.repository.set_actor_alias`)."""
    key = normalise_name(name)
    before = session.exec(select(ActorAlias).where(ActorAlias.alias_key == key)).first()
    old = (before.actor_id, before.source) if before else None
    # the repository re-maps the claims of the alias's speakers in bulk: note their actors first so that
    # the action logs each change and an undo puts every claim back
    claims_of_speakers = (
        select(Claim.id, Claim.actor_id)
        .join(Speaker, col(Claim.speaker_id) == col(Speaker.id))
        .where(or_(col(Speaker.name_key) == key, col(Speaker.organisation_key) == key))
    )
    actors_before = dict(session.exec(claims_of_speakers).all())  # type: ignore[call-overload]
    last_log = session.exec(select(func.max(Correction.id))).one() or 0
    result = repo.set_actor_alias(name, actor, session=session, source="user", reviewer=reviewer)
    action = Action(session, reviewer)
    action.adopt_pending()
    # the repository logs its speaker changes and flushes them: they are this action's too (undoable)
    for logged in session.exec(
        select(Correction).where(col(Correction.id) > last_log, col(Correction.action_id).is_(None))
    ).all():
        logged.action_id = action.id
        session.add(logged)
        action.rows.append(logged)
    for claim_id, actor_after in session.exec(claims_of_speakers).all():  # type: ignore[call-overload]
        if actors_before.get(claim_id) != actor_after:
            action.log("claim", claim_id, "actor_id", actors_before.get(claim_id), actor_after)
    if old is None:
        action.log("alias", result.alias.id, "actor_id", None, result.actor.id)
    else:
        action.log("alias", result.alias.id, "actor_id", old[0], result.actor.id)
        action.log("alias", result.alias.id, "source", old[1], "user")
    speakers = len({r.entity_id for r in action.rows if r.entity == "speaker"})
    claims = len({r.entity_id for r in action.rows if r.entity == "claim"})
    return _result(
        action,
        None,
        f"{result.alias.alias!r} → {result.actor.name}: {speakers} speaker(s) and {claims} claim(s) updated",
    )


def remove_alias(name: str, *, session: Session, reviewer: str) -> ReviewResult:
    """``claims actors unalias``: forget the alias ``name`` (later ingests map the name automatically
    again); speakers and claims keep the actor they have. Undoable: :func:`undo_last` restores the alias."""
    key = normalise_name(name)
    alias = session.exec(select(ActorAlias).where(ActorAlias.alias_key == key)).first() if key else None
    if alias is None:
        raise ReviewError(f"no alias {name!r} (see `claims actors list`)")
    actor = session.get(Actor, alias.actor_id)
    action = Action(session, reviewer)
    saved = json.dumps({"alias": alias.alias, "actor_id": alias.actor_id, "source": alias.source})
    action.log("alias", alias.id, "deleted", saved, None)
    session.delete(alias)
    where = actor.name if actor else f"actor {alias.actor_id}"
    return _result(action, None, f"alias {alias.alias!r} → {where} removed")


# ---------------------------------------------------------------------------------------------- disputes


def set_dispute_status(
    dispute_id: int, status: str, *, session: Session, reviewer: str, expected_version: int | None = None
) -> ReviewResult:
    """Confirm ("confirmed") or dismiss ("dismissed") a dispute; "auto" hands it back to the pipeline."""
    if status not in ("auto", "confirmed", "dismissed"):
        raise ReviewError(f"unknown dispute status {status!r}")
    dispute = session.get(Dispute, dispute_id)
    if dispute is None:
        raise ReviewError(f"no dispute with id {dispute_id}")
    if expected_version is not None and dispute.version != expected_version:
        raise StaleClaimError(
            f"dispute {dispute_id} was changed by someone else since you loaded it; reload and try again"
        )
    action = Action(session, reviewer)
    _set_dispute(action, dispute, status)
    return _result(action, None, f"dispute {dispute_id} {status}")


def _set_dispute(action: Action, dispute: Dispute, status: str) -> None:
    if dispute.status == status:
        return  # nothing changes: no log, no new version
    action.log("dispute", dispute.id, "status", dispute.status, status)
    dispute.status = status
    dispute.version += 1
    dispute.updated_at = utcnow()
    action.session.add(dispute)


# -------------------------------------------------------------------------------------------------- undo


@dataclass
class UndoResult:
    action_id: str
    undone_action_id: str
    reverted: int
    claim_ids: list[int] = field(default_factory=list)
    message: str = ""


def last_undoable_action(*, session: Session, reviewer: str) -> str | None:
    """The newest action of ``reviewer`` that is not an undo and was not undone."""
    undone = select(Correction.undone_correction_id).where(col(Correction.undone_correction_id).is_not(None))
    return session.exec(
        select(Correction.action_id)
        .where(
            Correction.reviewer == reviewer,
            col(Correction.undone_correction_id).is_(None),
            col(Correction.action_id).is_not(None),
            col(Correction.id).not_in(undone),
        )
        .order_by(col(Correction.id).desc())
        .limit(1)
    ).first()


def undo_last(*, session: Session, reviewer: str) -> UndoResult:
    """Revert the newest action of ``reviewer``; the undo is logged as corrections of its own.

    Refused (nothing written) when something it changed was changed again since by someone else."""
    action_id = last_undoable_action(session=session, reviewer=reviewer)
    if action_id is None:
        raise ReviewError(f"nothing to undo for {reviewer}")
    return undo_action(action_id, session=session, reviewer=reviewer)


def undo_action(action_id: str, *, session: Session, reviewer: str) -> UndoResult:
    rows = session.exec(
        select(Correction).where(Correction.action_id == action_id).order_by(col(Correction.id).desc())
    ).all()
    if not rows:
        raise ReviewError(f"no correction action {action_id}")
    action = Action(session, reviewer)
    claim_ids: list[int] = []
    done: list[Correction] = []
    descriptions: dict[int | None, str] = {}
    loaded = _prefetch(rows, session)  # held: the session's identity map keeps only weak references
    for row in rows:
        if row.entity == "alias" and row.field == "deleted":
            _restore_alias(row, session)
            action.log(row.entity, row.entity_id, row.field, row.new_value, row.old_value, undoes=row.id)
            done.append(row)
            continue
        target = _entity(row, session)
        if target is None:  # the row is gone (e.g. an automatic claim replaced by a later ingest)
            continue
        current = _current(row, target, session)
        if current != row.new_value:
            raise StaleClaimError(
                f"cannot undo: {row.entity} {row.entity_id} {row.field} was changed again since "
                f"(now {current!r}, expected {row.new_value!r})"
            )
        # described before the change is reverted (an alias it made is deleted); a bulk action's message names
        # only its first few changes, so the rest are not looked up
        description = _describe(row, session) if len(descriptions) < DESCRIBED_MAX else ""
        _apply(row, target, row.old_value, session)
        action.log(row.entity, row.entity_id, row.field, row.new_value, row.old_value, undoes=row.id)
        done.append(row)
        descriptions[row.id] = description
        if row.entity == "claim" and row.entity_id not in claim_ids:
            claim_ids.append(row.entity_id)
    for claim_id in claim_ids:
        claim = session.get(Claim, claim_id)
        if claim is not None:
            claim.updated_at = utcnow()
            session.add(claim)
    session.flush()
    parts = [
        descriptions.get(row.id) or (_describe(row, session) if row.field == "deleted" else "")
        for row in reversed(done)
    ]
    parts = list(dict.fromkeys(p for p in parts if p))
    more = max(len(parts), len(done) if len(descriptions) >= DESCRIBED_MAX else 0) - UNDO_SHOWN
    shown = "; ".join(parts[:UNDO_SHOWN]) + (f"; and {more} more" if more > 0 else "")
    when = rows[-1].created_at.strftime("%Y-%m-%d %H:%M") if rows and rows[-1].created_at else ""
    who = rows[-1].reviewer if rows else reviewer
    message = f"undone ({who}{', ' + when if when else ''}): {shown or 'nothing left to revert'}"
    del loaded
    return UndoResult(action.id, action_id, len(action.rows), claim_ids, message)


UNDO_SHOWN = 4  # changes named in an undo's message (then "and N more")
DESCRIBED_MAX = 16  # changes of one action described at most (a bulk action may hold thousands)


def _restore_alias(row: Correction, session: Session) -> None:
    saved = json.loads(row.old_value or "{}")
    key = normalise_name(saved.get("alias"))
    if session.get(ActorAlias, row.entity_id) is not None or (
        key and session.exec(select(ActorAlias).where(ActorAlias.alias_key == key)).first() is not None
    ):
        raise StaleClaimError(f"cannot undo: the alias {saved.get('alias')!r} was made again since")
    if session.get(Actor, saved.get("actor_id")) is None:
        raise StaleClaimError(f"cannot undo: the actor of the alias {saved.get('alias')!r} is gone")
    session.add(
        ActorAlias(
            id=row.entity_id,
            alias=saved["alias"],
            alias_key=key,
            actor_id=saved["actor_id"],
            source=saved.get("source", "user"),
        )
    )
    session.flush()


def _name(model, value: str | None, session: Session) -> str:
    """An id in a correction shown by name ("Russia" for actor 3); "none" for no value."""
    if value is None:
        return "none"
    if model is None or not str(value).isdigit():
        return repr(value) if not str(value).replace(".", "").isdigit() else str(value)
    row = session.get(model, int(value))
    name = getattr(row, "name", None) or getattr(row, "label", None)
    return repr(name) if name else f"{model.__tablename__} {value}"


_ID_FIELDS = {"actor_id": Actor, "speaker_id": Speaker, "topic_id": Topic, "parent_id": Actor}


def _describe(row: Correction, session: Session) -> str:
    """What undoing ``row`` does, for a person: "claim 12: actor back to 'Russia' (was 'United States')"."""
    if row.entity == "alias":
        if row.field == "deleted":
            saved = json.loads(row.old_value or "{}")
            return f"alias {saved.get('alias')!r} restored"
        alias = session.get(ActorAlias, row.entity_id)
        label = repr(alias.alias) if alias is not None else f"alias {row.entity_id}"
        if row.field == "actor_id" and row.old_value is None:
            return f"alias {label} removed"
        if row.field == "source":
            return ""
    if row.entity == "speaker_alias" and row.old_value is None:
        return "former speaker name forgotten"
    if row.entity == "topic" and row.field == "label" and row.old_value is None:
        return f"new topic {row.new_value!r} removed (if empty)"
    if row.entity == "claim" and row.field in ("topic_status", "updated_at"):
        return ""
    model: Any = _ENTITY_MODELS.get(row.entity)
    target = session.get(model, row.entity_id) if model is not None else None
    what = f"{row.entity} {row.entity_id}"
    if row.entity in ("speaker", "actor") and target is not None and getattr(target, "name", None):
        what = f"{row.entity} {target.name!r}"
    elif row.entity == "alias" and target is not None:
        what = f"alias {target.alias!r}"
    field_model = _ENTITY_MODELS.get("topic") if row.field == "topic_id" else _ID_FIELDS.get(row.field)
    name = row.field.removesuffix("_id")
    return (
        f"{what}: {name} back to {_name(field_model, row.old_value, session)} "
        f"(was {_name(field_model, row.new_value, session)})"
    )


_ENTITY_MODELS = {
    "claim": Claim,
    "speaker": Speaker,
    "speaker_alias": SpeakerAlias,
    "alias": ActorAlias,
    "actor": Actor,
    "dispute": Dispute,
    "topic": Topic,
}


def _prefetch(rows: Sequence[Correction], session: Session) -> list[Claim]:
    """Load the claims an action changed in a few queries (a bulk action's undo then makes no query, and no
    autoflush, per claim)."""
    ids = sorted({row.entity_id for row in rows if row.entity == "claim"})
    loaded: list[Claim] = []
    for start in range(0, len(ids), 500):
        loaded += session.exec(select(Claim).where(col(Claim.id).in_(ids[start : start + 500]))).all()
    return loaded


def _entity(row: Correction, session: Session):
    model = _ENTITY_MODELS.get(row.entity)
    if model is None:
        raise ReviewError(f"cannot undo a change of {row.entity}")
    return session.get(model, row.entity_id)


def _current(row: Correction, target, session: Session) -> str | None:
    if row.entity == "claim" and row.field in ("topic_id", "topic_status"):
        membership = session.get(ClaimTopic, row.entity_id)
        if membership is None:
            return None
        return _text(membership.topic_id if row.field == "topic_id" else membership.status)
    return _text(getattr(target, row.field))


def _convert(model, name: str, value: str | None) -> object:
    if value is None:
        return None
    column_type = model.__table__.columns[name].type
    if isinstance(column_type, Integer):
        return int(value)
    if isinstance(column_type, Float):
        return float(value)
    return value


def _apply(row: Correction, target, value: str | None, session: Session) -> None:
    if row.entity == "claim" and row.field in ("topic_id", "topic_status"):
        membership = session.get(ClaimTopic, row.entity_id)
        if row.field == "topic_id":
            if value is None:
                if membership is not None:
                    session.delete(membership)
                    session.flush()
            elif membership is None:
                session.add(ClaimTopic(claim_id=row.entity_id, topic_id=int(value), status="auto"))
                session.flush()
            else:
                membership.topic_id = int(value)
                session.add(membership)
        elif membership is not None and value is not None:
            membership.status = value
            session.add(membership)
        return
    if row.entity in ("alias", "speaker_alias") and row.field in ("actor_id", "speaker_id") and value is None:
        session.delete(target)  # the alias was made by this action
        session.flush()
        return
    if row.entity == "topic" and row.field == "label" and value is None:
        # A topic the action made: its memberships were reverted first (newest first), so it is gone
        # unless something else has been put in it since.
        in_use = session.exec(select(ClaimTopic.claim_id).where(ClaimTopic.topic_id == target.id)).first()
        disputed = session.exec(select(Dispute.id).where(Dispute.topic_id == target.id)).first()
        if in_use is None and disputed is None:
            session.delete(target)
            session.flush()
        return
    if row.entity == "dispute":
        target.version += 1
        target.updated_at = utcnow()
    setattr(target, row.field, _convert(type(target), row.field, value))
    session.add(target)


def corrections(*, session: Session, reviewer: str | None = None) -> Iterable[Correction]:
    """The correction log, oldest first (streamed)."""
    query = select(Correction).order_by(col(Correction.id))
    if reviewer:
        query = query.where(Correction.reviewer == reviewer)
    return session.exec(query.execution_options(yield_per=1000))


def correction_record(row: Correction) -> dict:
    return {
        "id": row.id,
        "time": row.created_at.isoformat() if row.created_at else None,
        "reviewer": row.reviewer,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "field": row.field,
        "old_value": row.old_value,
        "new_value": row.new_value,
        "action_id": row.action_id,
        "undone_correction_id": row.undone_correction_id,
    }


# ------------------------------------------------------------------------------- topics and disputes (auto)


@dataclass
class TopicInput:
    """A topic found by the pipeline: ``key`` names it within one :func:`replace_auto_topics_and_disputes`
    call (disputes refer to it), ``claim_ids`` are its claims."""

    key: str
    label: str
    claim_ids: Sequence[int] = ()


@dataclass
class DisputeInput:
    """A disagreement found by the pipeline in the topic ``topic_key``: ``sides`` maps a side (actor name)
    to the ids of its claims."""

    topic_key: str
    kind: str
    reason: str
    confidence: float
    sides: dict[str, Sequence[int]] = field(default_factory=dict)


@dataclass
class ReplaceResult:
    topics: int = 0
    memberships: int = 0
    memberships_kept: int = 0  # claims whose corrected membership was left alone
    disputes: int = 0
    disputes_kept: int = 0  # new disputes dropped because a reviewed dispute covers the same claims
    topic_ids: dict[str, int] = field(default_factory=dict)


def replace_auto_topics_and_disputes(
    topics: Iterable[TopicInput], disputes: Iterable[DisputeInput], *, session: Session
) -> ReplaceResult:
    """Replace the pipeline's topics and disputes with new ones, keeping every reviewer decision.

    Deleted: "auto" memberships, "auto" disputes, and "auto" topics nothing reviewed refers to. Kept as is:
    "corrected" topics and memberships, "confirmed" and "dismissed" disputes (with their claims and topic).
    A new topic with the label of a kept topic is that topic; a claim with a corrected membership stays where
    the reviewer put it; a new dispute over the same claims as a reviewed one is dropped.
    """
    session.execute(delete(ClaimTopic).where(col(ClaimTopic.status) == "auto"))
    auto_disputes = select(Dispute.id).where(col(Dispute.status) == "auto")
    session.execute(delete(DisputeClaim).where(col(DisputeClaim.dispute_id).in_(auto_disputes)))
    session.execute(delete(Dispute).where(col(Dispute.status) == "auto"))
    referenced = or_(
        exists().where(col(ClaimTopic.topic_id) == Topic.id),
        exists().where(col(Dispute.topic_id) == Topic.id),
    )
    session.execute(
        delete(Topic).where(col(Topic.status) == "auto", ~referenced).execution_options(synchronize_session=False)
    )
    session.expire_all()

    result = ReplaceResult()
    by_label: dict[str, int] = {}
    for topic_id, label in session.exec(select(Topic.id, Topic.label)).all():
        by_label[label.lower()] = topic_id  # type: ignore[assignment]
    corrected = set(session.exec(select(ClaimTopic.claim_id)).all())
    topics = list(topics)
    fresh: dict[str, str] = {}  # lowercased label -> label, of the topics to create (first spelling wins)
    for topic in topics:
        key = topic.label.lower()
        if key not in by_label and key not in fresh:
            fresh[key] = topic.label
    now = utcnow()
    # in bulk, ids back in order: a hundred thousand topics one flush at a time took minutes
    new_ids = _insert_returning_ids(
        session, Topic, [{"label": label, "status": "auto", "created_at": now} for label in fresh.values()]
    )
    by_label.update(zip(fresh, new_ids, strict=True))
    result.topics += len(new_ids)
    memberships: list[dict[str, object]] = []
    for topic in topics:
        topic_id = by_label[topic.label.lower()]
        result.topic_ids[topic.key] = topic_id
        for claim_id in dict.fromkeys(topic.claim_ids):
            if claim_id in corrected:
                result.memberships_kept += 1
                continue
            memberships.append({"claim_id": claim_id, "topic_id": topic_id, "status": "auto"})
            corrected.add(claim_id)
    for start in range(0, len(memberships), BULK_ROWS):
        session.execute(_table(ClaimTopic).insert(), memberships[start : start + BULK_ROWS])
    result.memberships += len(memberships)

    rows = session.exec(
        select(DisputeClaim.dispute_id, DisputeClaim.claim_id).join(Dispute, col(Dispute.id) == DisputeClaim.dispute_id)
    ).all()
    members: dict[int, set[int]] = {}
    for dispute_id, claim_id in rows:
        members.setdefault(dispute_id, set()).add(claim_id)
    reviewed = {frozenset(ids) for ids in members.values()}
    wanted: list[tuple[int, DisputeInput, dict[int, str]]] = []
    for dispute in disputes:
        topic_id = result.topic_ids.get(dispute.topic_key)
        if topic_id is None:
            raise ReviewError(f"dispute names unknown topic key {dispute.topic_key!r}")
        claim_sides = {cid: side for side, ids in dispute.sides.items() for cid in ids}
        if frozenset(claim_sides) in reviewed:
            result.disputes_kept += 1
            continue
        wanted.append((topic_id, dispute, claim_sides))
    result.disputes += _insert_disputes(session, wanted)
    session.flush()
    return result


BULK_ROWS = 5000  # rows per bulk insert


def _table(model: object) -> Any:
    return model.__table__  # type: ignore[attr-defined]


def _insert_returning_ids(session: Session, model: object, rows: list[dict[str, object]]) -> list[int]:
    """Insert rows through the model's table, returning their new ids in the order of ``rows``."""
    table = _table(model)
    ids: list[int] = []
    for start in range(0, len(rows), BULK_ROWS):
        chunk = rows[start : start + BULK_ROWS]
        ids.extend(
            int(i) for i in session.scalars(table.insert().returning(table.c.id, sort_by_parameter_order=True), chunk)
        )
    return ids


def _insert_disputes(session: Session, wanted: Sequence[tuple[int, DisputeInput, dict[int, str]]]) -> int:
    """Store automatic disputes (topic id, dispute, claim -> side) in bulk; returns how many."""
    now = utcnow()
    ids = _insert_returning_ids(
        session,
        Dispute,
        [
            {
                "topic_id": topic_id,
                "kind": dispute.kind,
                "reason": dispute.reason,
                "confidence": float(dispute.confidence),
                "status": "auto",
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
            for topic_id, dispute, _sides in wanted
        ],
    )
    links = [
        {"dispute_id": dispute_id, "claim_id": claim_id, "side": side}
        for dispute_id, (_t, _d, claim_sides) in zip(ids, wanted, strict=True)
        for claim_id, side in claim_sides.items()
    ]
    for start in range(0, len(links), BULK_ROWS):
        session.execute(_table(DisputeClaim).insert(), links[start : start + BULK_ROWS])
    return len(ids)


def replace_auto_disputes(topic_ids: Sequence[int], disputes: Iterable[DisputeInput], *, session: Session) -> int:
    """Replace the pipeline's disputes in these topics only (``topic_key`` of each dispute: a topic id),
    keeping every reviewer decision: confirmed and dismissed disputes stay, and a new dispute over the same
    claims as a reviewed one is dropped. Returns how many disputes were written."""
    ids = list(topic_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        auto = select(Dispute.id).where(col(Dispute.status) == "auto", col(Dispute.topic_id).in_(chunk))
        session.execute(delete(DisputeClaim).where(col(DisputeClaim.dispute_id).in_(auto)))
        session.execute(
            delete(Dispute)
            .where(col(Dispute.status) == "auto", col(Dispute.topic_id).in_(chunk))
            .execution_options(synchronize_session=False)
        )
    wanted = list(disputes)
    claim_ids = sorted({cid for d in wanted for cs in d.sides.values() for cid in cs})
    members: dict[int, set[int]] = {}
    for start in range(0, len(claim_ids), 500):
        chunk = claim_ids[start : start + 500]
        involved = select(DisputeClaim.dispute_id).where(col(DisputeClaim.claim_id).in_(chunk))
        for dispute_id, claim_id in session.exec(
            select(DisputeClaim.dispute_id, DisputeClaim.claim_id).where(col(DisputeClaim.dispute_id).in_(involved))
        ):
            members.setdefault(dispute_id, set()).add(claim_id)
    reviewed = {frozenset(c) for c in members.values()}
    new: list[tuple[int, DisputeInput, dict[int, str]]] = []
    for dispute in wanted:
        claim_sides = {cid: side for side, cids in dispute.sides.items() for cid in cids}
        if frozenset(claim_sides) not in reviewed:
            new.append((int(dispute.topic_key), dispute, claim_sides))
    written = _insert_disputes(session, new)
    session.flush()
    return written


def bump_claims(claim_ids: Iterable[int], *, session: Session) -> None:
    """Bump the version of claims (so open review screens see them as changed)."""
    ids = list(claim_ids)
    if ids:
        session.execute(
            update(Claim).where(col(Claim.id).in_(ids)).values(version=Claim.version + 1, updated_at=utcnow())
        )
