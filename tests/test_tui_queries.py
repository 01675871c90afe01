"""The review app's queries (tui.queries) on both backends: the same rows from SQLite and PostgreSQL.

These are the only database reads the app makes, so running them on PostgreSQL covers the app there."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from claims.services.ingest import ingest
from db import review
from db.models import Claim, ClaimTopic, Dispute, DisputeClaim, Topic
from tui import queries
from tui.queries import ReviewFilter


@pytest.fixture
def stored(engine, fake_analyzer, articles):
    ingest([articles], engine=engine, analyzer=fake_analyzer)
    with Session(engine) as session:
        by_source = {c.source_text: c.id for c in session.exec(select(Claim)).all()}
        topic = Topic(label="Port and grain", status="auto")
        session.add(topic)
        session.flush()
        moscow, washington = by_source["Officials in Moscow"], by_source["Washington"]
        for claim_id in (moscow, washington):
            session.add(ClaimTopic(claim_id=claim_id, topic_id=topic.id, status="auto"))
        dispute = Dispute(topic_id=topic.id, kind="blame", reason="who is to blame", confidence=0.7)
        session.add(dispute)
        session.flush()
        session.add(DisputeClaim(dispute_id=dispute.id, claim_id=moscow, side="Russia"))
        session.add(DisputeClaim(dispute_id=dispute.id, claim_id=washington, side="United States"))
        session.commit()
    return engine


def sources(rows) -> list[str]:
    return [row.speaker for row in rows]


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (ReviewFilter(), ["Washington", "—", "Officials in Moscow", "Mara Olsen"]),
        (ReviewFilter(document="harbour"), ["Officials in Moscow", "Mara Olsen"]),
        (ReviewFilter(actor="russia"), ["Officials in Moscow"]),
        (ReviewFilter(speaker="olsen"), ["Mara Olsen"]),
        (ReviewFilter(topic="grain"), ["Washington", "Officials in Moscow"]),
        (ReviewFilter(kind="unattributed"), ["—"]),
        (ReviewFilter(disputed=True), ["Washington", "Officials in Moscow"]),
        (ReviewFilter(search="PLANS TO"), ["Mara Olsen"]),
        (ReviewFilter(search="100%_"), []),  # LIKE wildcards are taken literally
        (ReviewFilter(status="accepted"), []),
    ],
)
def test_filters_list_and_count_the_same_claims(stored, f, expected):
    rows = queries.list_claims(stored, f)
    assert sources(rows) == expected
    assert queries.count_claims(stored, f) == len(expected)


def test_rows_detail_and_pickers(stored):
    [row] = queries.list_claims(stored, ReviewFilter(speaker="olsen"))
    assert (row.actor, row.cue, row.kind, row.status) == ("—", "said", "direct", "auto")
    assert row.content == "We have no plans to leave the port"
    assert queries.claim_row(stored, row.id) == row
    detail = queries.claim_detail(stored, row.id)
    assert detail is not None and detail.text.startswith("“We have no plans")
    roles = {role: detail.document_text[start:end] for role, start, end in detail.marks}
    assert roles["source"] == "Mara Olsen" and roles["cue"] == "said"
    assert [name for _, name in queries.find_speakers(stored, "ols")] == ["Mara Olsen"]
    assert "Russia" in [name for _, name in queries.find_actors(stored, "rus")]
    assert [label for _, label in queries.find_topics(stored, "port")] == ["Port and grain"]
    assert not queries.database_is_empty(stored)


def test_disputes_speakers_and_actors(stored):
    [dispute] = queries.list_disputes(stored)
    assert (dispute.topic, dispute.kind, dispute.status) == ("Port and grain", "blame", "auto")
    assert {side: [c.speaker for c in claims] for side, claims in dispute.sides} == {
        "Russia": ["Officials in Moscow"],
        "United States": ["Washington"],
    }
    with Session(stored) as session:
        washington = review.find_speaker("Washington", session=session)
        washington_id = washington.id if washington else None
        review.merge_speakers("Washington", "Mara Olsen", session=session, reviewer="ann")
        session.commit()
    speakers = {row.name: row for row in queries.list_speakers(stored)}
    assert speakers["Mara Olsen"].claims == 2 and speakers["Washington"].merged_into == "Mara Olsen"
    assert speakers["Washington"].id == washington_id
    actors = {row.name: row for row in queries.list_actor_rows(stored)}
    assert actors["Russia"].speakers >= 1
