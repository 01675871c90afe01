"""Export records: exact shape, offsets, CSV flattening, atomic writes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlmodel import Session

from claims.io.export import CSV_COLUMNS, atomic_writer, export_claims, flatten, iter_claim_records
from claims.services.ingest import ingest

RECORD_KEYS = [
    "id",
    "document",
    "sentence",
    "content",
    "cue",
    "source",
    "speaker",
    "actor",
    "kind",
    "confidence",
    "status",
    "topic",
]


@pytest.fixture
def stored(engine, fake_analyzer, articles):
    ingest([articles], engine=engine, analyzer=fake_analyzer)
    with Session(engine) as session:
        yield session


def test_records_have_the_exact_shape_and_offsets(stored):
    records = list(iter_claim_records(session=stored))
    assert len(records) == 4
    for record in records:
        assert list(record) == RECORD_KEYS
        assert list(record["document"]) == ["id", "external_id", "title"]
        assert list(record["sentence"]) == ["start", "end"]
        assert list(record["content"]) == ["start", "end", "text"]
        for role in ("cue", "source"):
            assert record[role] is None or list(record[role]) == ["start", "end", "text"]
        assert record["speaker"] is None or list(record["speaker"]) == ["id", "name"]
        assert record["actor"] is None or list(record["actor"]) == ["id", "name", "kind", "parent"]
        assert 0 <= record["confidence"] <= 1 and record["status"] == "auto"
    by_source = {r["source"]["text"] if r["source"] else None: r for r in records}
    moscow = by_source["Officials in Moscow"]
    assert moscow["content"]["text"] == "the harbour talks would resume in spring"
    assert moscow["cue"]["text"] == "said" and moscow["actor"]["name"] == "Russia"
    assert moscow["document"]["external_id"] == "harbour" and moscow["document"]["title"] == "Harbour talks stall"
    from tests.conftest import ARTICLE_A

    c = moscow["content"]
    assert ARTICLE_A[c["start"] : c["end"]] == c["text"]
    assert by_source[None]["kind"] == "unattributed" and by_source[None]["speaker"] is None


def test_csv_flattens_records(stored):
    stream = io.StringIO()
    assert export_claims(stream, session=stored, fmt="csv") == 4
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    olsen = next(r for r in rows if r["speaker_name"] == "Mara Olsen")
    assert olsen["document_external_id"] == "harbour" and olsen["content_text"] == "We have no plans to leave the port"
    assert int(olsen["content_end"]) - int(olsen["content_start"]) == len(olsen["content_text"])
    assert olsen["actor_id"] == "" and olsen["kind"] == "direct"


def test_flatten_of_missing_roles_gives_empty_columns():
    record = {
        "id": 1,
        "document": {"id": 2, "external_id": "d", "title": None},
        "sentence": {"start": 0, "end": 3},
        "content": {"start": 0, "end": 3, "text": "abc"},
        "cue": None,
        "source": None,
        "speaker": None,
        "actor": None,
        "kind": "unattributed",
        "confidence": 0.5,
        "status": "auto",
    }
    flat = flatten(record)
    assert flat["cue_start"] is None and flat["speaker_name"] is None and flat["document_external_id"] == "d"
    assert list(flat) == list(CSV_COLUMNS)


def test_jsonl_file_is_written_atomically(stored, tmp_path):
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "claims.jsonl"
    assert export_claims(target, session=stored, fmt="jsonl") == 4
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert records == list(iter_claim_records(session=stored))
    assert [p.name for p in target.parent.iterdir()] == ["claims.jsonl"]


def test_failed_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_writer(target) as stream:
        stream.write("half")
        raise RuntimeError("boom")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def _records_through_orm(session, filters=None, external_ids=None):
    """The export records as claim_record builds them from ORM rows (the reference for the column path)."""
    from claims.io.export import claim_record, claim_topics
    from db import repository as repo

    names = repo.actor_names(session=session)
    out = []
    for document, rows in repo.iter_claims_by_document(filters, session=session, external_ids=external_ids):
        topics = claim_topics([row.claim.id for row in rows], session=session)
        out.extend(claim_record(r, document.text, topic=topics.get(r.claim.id), actor_names=names) for r in rows)
    return out


def test_records_are_those_of_claim_record_with_topics_parents_and_filters(engine, fake_analyzer, articles):
    from claims.services.disputes import recompute_after_change
    from db import repository as repo
    from db.models import Actor

    ingest([articles], engine=engine, analyzer=fake_analyzer)
    recompute_after_change(engine)
    with Session(engine) as session:
        russia = session.exec(repo.select(Actor).where(Actor.name == "Russia")).one()
        parent = Actor(name="Eurasia", kind="organisation")
        session.add(parent)
        session.flush()
        russia.parent_id = parent.id
        session.commit()
    with Session(engine) as session:
        records = list(iter_claim_records(session=session))
        assert any(r["topic"] for r in records) and any(r["actor"] and r["actor"]["parent"] for r in records)
        assert records == _records_through_orm(session)
        for filters in (
            repo.ClaimFilter(actor="Russia"),
            repo.ClaimFilter(document="harbour"),
            repo.ClaimFilter(kind="x"),
        ):
            assert list(iter_claim_records(session=session, filters=filters)) == _records_through_orm(session, filters)
        ids = [records[0]["document"]["external_id"]]
        assert list(iter_claim_records(session=session, external_ids=ids)) == _records_through_orm(session, None, ids)
