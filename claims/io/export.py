"""Exporting claims as JSONL or CSV.

One record per claim (see :func:`claim_record`); offsets are Python ``str`` indices into the document text
exactly as stored, end exclusive. JSONL is exact (control, format and bidi characters written as ``\\u``
escapes); CSV cells that a spreadsheet would take for a formula get a leading ``'`` unless ``raw_csv``
(see :mod:`claims.safe_text`). Files are written to a temporary file beside the target and renamed, so
a failed export never leaves a half-written file.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Literal

from sqlmodel import Session, col, select

from claims.safe_text import csv_row, json_dumps
from db import repository as repo
from db.models import Actor, ClaimTopic, Topic
from db.repository import ClaimFilter, ClaimRow, iter_claims_by_document, iter_export_rows

ExportFormat = Literal["jsonl", "csv"]

CSV_COLUMNS = (
    "id",
    "document_id",
    "document_external_id",
    "document_title",
    "sentence_start",
    "sentence_end",
    "content_start",
    "content_end",
    "content_text",
    "cue_start",
    "cue_end",
    "cue_text",
    "source_start",
    "source_end",
    "source_text",
    "speaker_id",
    "speaker_name",
    "actor_id",
    "actor_name",
    "actor_kind",
    "actor_parent",
    "kind",
    "confidence",
    "status",
    "topic_id",
    "topic_label",
)


def _span(text: str, start: int | None, end: int | None, *, with_text: bool = True) -> dict | None:
    if start is None or end is None:
        return None
    span: dict = {"start": start, "end": end}
    if with_text:
        span["text"] = text[start:end]
    return span


def actor_record(actor: Actor | None, actor_names: Mapping[int, str] | None = None) -> dict | None:
    """``{"id", "name", "kind", "parent"}`` of a claim's actor (``parent``: the parent's name, looked up
    in ``actor_names``, id -> name), or None."""
    if actor is None:
        return None
    return _actor_fields(actor.id, actor.name, actor.kind, actor.parent_id, actor_names)


def _actor_fields(
    actor_id: int | None, name: str, kind: str | None, parent_id: int | None, actor_names: Mapping[int, str] | None
) -> dict:
    parent = (actor_names or {}).get(parent_id) if parent_id is not None else None
    return {"id": actor_id, "name": name, "kind": kind, "parent": parent}


def claim_record(
    row: ClaimRow, text: str, *, topic: dict | None = None, actor_names: Mapping[int, str] | None = None
) -> dict:
    """The export record of one claim; ``text`` is its document's text, ``topic`` its topic
    (``{"id", "label"}``) or None when it is in none, ``actor_names`` every actor's name by id (for the
    actor's parent; :func:`db.repository.actor_names`)."""
    claim, document, speaker, actor = row
    return _record(
        claim,
        text,
        document={"id": document.id, "external_id": document.external_id, "title": document.title},
        speaker={"id": speaker.id, "name": speaker.name} if speaker else None,
        actor=actor_record(actor, actor_names),
        topic=topic,
    )


def _record(
    claim: Any, text: str, *, document: dict, speaker: dict | None, actor: dict | None, topic: dict | None
) -> dict:
    """The record of ``claim`` (a stored claim or a plain row with its columns by name)."""
    return {
        "id": claim.id,
        "document": document,
        "sentence": _span(text, claim.sentence_start, claim.sentence_end, with_text=False),
        "content": _span(text, claim.content_start, claim.content_end),
        "cue": _span(text, claim.cue_start, claim.cue_end),
        "source": _span(text, claim.source_start, claim.source_end),
        "speaker": speaker,
        "actor": actor,
        "kind": claim.kind,
        "confidence": round(min(1.0, max(0.0, claim.confidence)), 4),
        "status": claim.status,
        "topic": topic,
    }


def iter_claim_records(
    *, session: Session, filters: ClaimFilter | None = None, external_ids: Iterable[str] | None = None
) -> Iterator[dict]:
    """Export records of the stored claims, document by document: those of :func:`claim_record`, built from
    plain columns (:func:`db.repository.iter_export_rows`; loading ORM objects took most of the time)."""
    actor_names = repo.actor_names(session=session)
    for document, rows in iter_export_rows(filters, session=session, external_ids=external_ids):
        text = document.text
        doc = {"id": document.id, "external_id": document.external_id, "title": document.title}
        for r in rows:
            yield _record(
                r,
                text,
                document=dict(doc),
                speaker={"id": r.speaker_id, "name": r.speaker_name} if r.speaker_name is not None else None,
                actor=(
                    _actor_fields(r.actor_id, r.actor_name, r.actor_kind, r.actor_parent_id, actor_names)
                    if r.actor_name is not None
                    else None
                ),
                topic={"id": r.topic_id, "label": r.topic_label} if r.topic_id is not None else None,
            )


def claim_topics(claim_ids: list[int], *, session: Session) -> dict[int, dict]:
    """The topic (``{"id", "label"}``) of each of these claims that is in one."""
    out: dict[int, dict] = {}
    for start in range(0, len(claim_ids), 500):
        chunk = claim_ids[start : start + 500]
        for claim_id, topic_id, label in session.exec(
            select(ClaimTopic.claim_id, Topic.id, Topic.label)
            .join(Topic, col(Topic.id) == ClaimTopic.topic_id)
            .where(col(ClaimTopic.claim_id).in_(chunk))
        ):
            out[claim_id] = {"id": topic_id, "label": label}
    return out


def flatten(record: dict) -> dict:
    """A record as one flat CSV row (``document_external_id``, ``content_start``, ...; None → empty)."""
    flat: dict = {}
    for key, value in record.items():
        if isinstance(value, dict):
            for sub, item in value.items():
                flat[f"{key}_{sub}"] = item
        elif value is None and key in ("cue", "source", "speaker", "actor", "topic"):
            continue
        else:
            flat[key] = value
    return {column: flat.get(column) for column in CSV_COLUMNS}


def write_records(records: Iterable[dict], stream: IO[str], fmt: ExportFormat, *, raw_csv: bool = False) -> int:
    count = 0
    if fmt == "jsonl":
        for record in records:
            stream.write(json_dumps(record) + "\n")
            count += 1
    elif fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow(csv_row(flatten(record), raw=raw_csv))
            count += 1
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return count


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode(target: Path) -> int:
    """The permissions a plain ``open(target, "w")`` would leave: a replaced file keeps its mode, a new one
    gets 0666 less the umask (not the 0600 of a temporary file)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_current_umask()


@contextmanager
def atomic_writer(path: str | Path) -> Iterator[IO[str]]:
    """A text stream whose content replaces ``path`` only when the block ends without an error. The file
    gets the permissions of :func:`new_file_mode`."""
    target = Path(path)
    fd, temp = tempfile.mkstemp(dir=target.parent or Path("."), prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.chmod(temp, new_file_mode(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def export_claims(
    output: str | Path | IO[str],
    *,
    session: Session,
    fmt: ExportFormat = "jsonl",
    filters: ClaimFilter | None = None,
    raw_csv: bool = False,
) -> int:
    """Write every (filtered) claim to ``output`` (a path, written atomically, or an open text stream).
    Returns the number of records. ``raw_csv``: CSV cells exactly as stored (no formula neutralisation)."""
    records = iter_claim_records(session=session, filters=filters)
    if isinstance(output, str | Path):
        with atomic_writer(output) as stream:
            return write_records(records, stream, fmt, raw_csv=raw_csv)
    return write_records(records, output, fmt, raw_csv=raw_csv)


REVIEWED = ("accepted", "corrected", "rejected")


def iter_training_records(*, session: Session, partial: bool = False) -> Iterator[dict]:
    """Reviewers' work as gold articles (the JSONL format ``claims train --from-corrections`` and ``claims
    evaluate`` read): per document, its text and the attributions of its accepted and corrected claims (a
    rejected claim is no attribution; unattributed sentences never are).

    Only documents whose claims were all reviewed count, since a gold article must hold every attribution
    it has; with ``partial``, any document with a reviewed claim, its unreviewed claims taken as they are.
    """
    for document, rows in iter_claims_by_document(session=session):
        claims = [row.claim for row in rows if row.claim.kind != "unattributed"]
        reviewed = [c for c in claims if c.status in REVIEWED]
        if not reviewed or (not partial and len(reviewed) < len(claims)):
            continue
        text = document.text
        attributions = []
        for claim in claims:
            if claim.status == "rejected":
                continue
            cues = [(claim.cue_start, claim.cue_end)] if claim.cue_start is not None else []
            cues += [(int(a), int(b)) for a, b in json.loads(claim.extra_cues_json or "[]")]
            attributions.append(
                {
                    "source": [_span(text, claim.source_start, claim.source_end)]
                    if claim.source_start is not None
                    else [],
                    "cue": [_span(text, a, b) for a, b in cues],
                    "content": [_span(text, claim.content_start, claim.content_end)],
                }
            )
        yield {"article": document.external_id, "text": text, "attributions": attributions}


def export_training(output: str | Path | IO[str], *, session: Session, partial: bool = False) -> int:
    """Write :func:`iter_training_records` as JSONL to ``output`` (a path, written atomically, or a stream);
    returns the number of articles."""
    records = iter_training_records(session=session, partial=partial)
    if isinstance(output, str | Path):
        with atomic_writer(output) as stream:
            return write_records(records, stream, "jsonl")
    return write_records(records, output, "jsonl")
