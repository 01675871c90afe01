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


def test_progress_counts_unreviewed_ids_and_dispute_filter(stored):
    everything = [row.id for row in queries.list_claims(stored, ReviewFilter())]
    assert queries.count_progress(stored, ReviewFilter()) == (4, 0)
    with Session(stored) as session:
        review.set_claim_status(everything[0], "accepted", session=session, reviewer="ann")
        review.set_claim_status(everything[1], "rejected", session=session, reviewer="ann")
        session.commit()
    assert queries.count_progress(stored, ReviewFilter()) == (4, 2)
    assert queries.count_progress(stored, ReviewFilter(status="accepted")) == (1, 1)
    assert queries.count_progress(stored, ReviewFilter(status="auto")) == (2, 0)
    unreviewed = ReviewFilter(unreviewed=True)
    assert [r.id for r in queries.list_claims(stored, unreviewed)] == everything[2:]
    assert queries.unreviewed_claim_ids(stored, ReviewFilter()) == sorted(everything[2:])
    [dispute] = queries.list_disputes(stored)
    members = {c.id for _side, claims in dispute.sides for c in claims}
    assert {r.id for r in queries.list_claims(stored, ReviewFilter(dispute=dispute.id))} == members
    assert queries.count_claims(stored, ReviewFilter(dispute=dispute.id)) == 2
    assert all(c.cue == "said" for _side, claims in dispute.sides for c in claims)


def test_pickers_show_actor_kind_and_parent_and_leave_out_the_speaker(stored):
    with Session(stored) as session:
        review.set_actor_kind("Russia", "country", session=session, reviewer="ann")
        review.set_actor_parent("United States", "Western alliance", session=session, reviewer="ann")  # new
        session.commit()
    rows = {name: detail for _i, name, detail in queries.find_actors_detailed(stored, "")}
    assert rows["Russia"] == "country" and rows["United States"].endswith(", in Western alliance")
    assert rows["Western alliance"] == "kind not set"
    actors = {row.name: row for row in queries.list_actor_rows(stored)}
    assert actors["United States"].parent == "Western alliance"
    assert (actors["Russia"].kind, actors["Russia"].kind_source) == ("country", "user")
    [(olsen, _label)] = queries.find_speakers(stored, "olsen")
    assert queries.find_speakers(stored, "olsen", exclude=olsen) == []


def test_bulk_status_is_one_undoable_action_and_cleared_spans_are_cleared(stored):
    ids = [row.id for row in queries.list_claims(stored, ReviewFilter())]
    with Session(stored) as session:
        review.set_claim_status(ids[0], "rejected", session=session, reviewer="ann")
        result = review.set_claims_status(ids, "accepted", session=session, reviewer="ann", only_unreviewed=True)
        session.commit()
    assert result.message == "3 claim(s) accepted"
    with Session(stored) as session:
        assert [session.get(Claim, i).status for i in ids] == ["rejected", "accepted", "accepted", "accepted"]
        with pytest.raises(review.StaleClaimError):  # a version the reviewer did not see: nothing written
            review.set_claims_status(
                ids[1:2], "rejected", session=session, reviewer="ann", expected_versions={ids[1]: 1}
            )
        session.rollback()
        undone = review.undo_last(session=session, reviewer="ann")
        session.commit()
        assert sorted(undone.claim_ids) == sorted(ids[1:])
        assert [session.get(Claim, i).status for i in ids] == ["rejected", "auto", "auto", "auto"]
    [olsen] = queries.list_claims(stored, ReviewFilter(speaker="olsen"))
    with Session(stored) as session:
        review.set_claim_spans(olsen.id, clear=["cue"], session=session, reviewer="ann")
        session.commit()
        claim = session.get(Claim, olsen.id)
        assert (claim.cue_start, claim.cue_end, claim.status) == (None, None, "corrected")
        with pytest.raises(review.ReviewError):
            review.set_claim_spans(olsen.id, clear=["content"], session=session, reviewer="ann")
        session.rollback()
        review.undo_last(session=session, reviewer="ann")
        session.commit()
        assert session.get(Claim, olsen.id).cue_start is not None
