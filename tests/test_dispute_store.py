"""Recomputing and reading topics and disputes (claims.services.disputes) over stored claims.

The example article is ingested once per module with the real pipeline (loaded once per test session); each
test works on its own copy of that database file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlmodel import Session, select

from claims.services.disputes import (
    DisputeFilter,
    list_disputes,
    list_topics,
    load_claim_facts,
    recompute_after_change,
    recompute_disputes,
)
from claims.services.ingest import ingest
from db.engine import make_engine
from db.models import Actor, Claim, ClaimTopic, Dispute, DisputeClaim, Topic
from db.review import set_claim_actor, set_claim_status, set_claim_topic, set_dispute_status

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "seed_article.txt"
OTHER = "Grain deal\n\nWashington said the grain deal was fair.\n\nMoscow said the grain deal was unfair.\n"


@pytest.fixture(scope="module")
def seeded_file(tmp_path_factory, real_analyzer) -> Path:
    path = tmp_path_factory.mktemp("seeded") / "seed.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        ingest([EXAMPLE], engine=engine, analyzer=real_analyzer)
    finally:
        engine.dispose()
    return path


@pytest.fixture
def db(seeded_file, tmp_path, real_analyzer):
    path = tmp_path / "claims.db"
    shutil.copy(seeded_file, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture
def nlp(real_analyzer):
    return real_analyzer.nlp


def recompute(engine, nlp, **kw):
    with Session(engine) as session:
        result = recompute_disputes(session=session, nlp=nlp, **kw)
        session.commit()
    return result


def disputes(engine, filters: DisputeFilter | None = None):
    with Session(engine) as session:
        return list_disputes(filters, session=session)


def convoy(engine):
    """The dispute about the aid convoy (Russia against the United States)."""
    found = [d for d in disputes(engine) if "convoy" in d.topic_label]
    assert len(found) == 1, [(d.topic_label, d.sides_label) for d in disputes(engine)]
    return found[0]


# ------------------------------------------------------------------------------------------------ facts


def test_claim_facts_follow_corrections_and_leave_out_rejected_claims(db):
    with Session(db) as session:
        facts, texts = load_claim_facts(session=session)
        assert len(facts) == session.exec(select(Claim)).all().__len__()
        first, second = facts[0], facts[1]
        text = texts[first.doc_id]
        assert first.content_text == text[first.content[0] : first.content[1]]
        assert first.sentence_text == text[first.sentence[0] : first.sentence[1]]
        assert first.actor == "Russia" and first.speaker
        set_claim_actor(first.claim_id, "Narnia", session=session, reviewer="ann")
        set_claim_status(second.claim_id, "rejected", session=session, reviewer="ann")
        session.commit()
        again, _ = load_claim_facts(session=session)
    by_id = {f.claim_id: f for f in again}
    assert by_id[first.claim_id].actor == "Narnia"  # the reviewer's actor wins
    assert second.claim_id not in by_id and len(again) == len(facts) - 1


# ------------------------------------------------------------------------------------------- recompute


def test_recompute_stores_topics_and_the_convoy_dispute(db, nlp):
    result = recompute(db, nlp)
    assert result.claims == 17 and result.documents == 1 and result.disputes >= 1
    dispute = convoy(db)
    assert list(dispute.sides) == ["Russia", "United States"]
    assert dispute.status == "auto" and dispute.kind and dispute.reason and 0 < dispute.confidence <= 1
    with Session(db) as session:
        for member in dispute.claims:
            # the claim's actor is its side or below it (the White House speaks on the United States' side)
            actor, chain = member.row.actor, []
            while actor is not None and len(chain) < 10:
                chain.append(actor.name)
                actor = session.get(Actor, actor.parent_id) if actor.parent_id else None
            assert member.side in chain
        assert session.exec(select(ClaimTopic)).all()  # every claim lands in a topic
        topics = list_topics(session=session)
    assert sum(t.claims for t in topics) == 17
    assert any(t.disputes == 1 and "convoy" in t.label for t in topics)
    # recomputing again replaces the automatic rows: nothing doubles
    recompute(db, nlp)
    assert len(disputes(db)) == result.disputes
    with Session(db) as session:
        assert len(session.exec(select(ClaimTopic)).all()) == 17


@pytest.mark.parametrize("status", ["confirmed", "dismissed"])
def test_a_reviewed_dispute_survives_recompute_and_reingest(db, nlp, real_analyzer, status):
    recompute(db, nlp)
    dispute = convoy(db)
    with Session(db) as session:
        set_dispute_status(dispute.id, status, session=session, reviewer="ann")
        session.commit()
    result = recompute(db, nlp)
    assert result.disputes_kept == 1  # found again, but the reviewed one stands
    again = convoy(db)
    assert (again.id, again.status) == (dispute.id, status)
    assert {m.row.claim.id for m in again.claims} == {m.row.claim.id for m in dispute.claims}

    # re-ingesting the article (its automatic claims become new rows) keeps the decision too
    ingest([EXAMPLE], engine=db, analyzer=real_analyzer, force=True)
    result = recompute(db, nlp)
    assert result.disputes_relinked == 1
    after = convoy(db)
    assert (after.id, after.status) == (dispute.id, status)
    assert after.sides_label == dispute.sides_label
    assert len(after.claims) == len(dispute.claims)  # the new claim rows (SQLite may reuse the old ids)
    with Session(db) as session:
        assert len(session.exec(select(Dispute).where(Dispute.topic_id == after.topic_id)).all()) == 1


def test_a_corrected_topic_membership_survives_recompute_and_reingest(db, nlp, real_analyzer):
    recompute(db, nlp)
    moved = convoy(db).claims[0].row.claim.id
    with Session(db) as session:
        set_claim_topic(moved, "Who hit the convoy", session=session, reviewer="ann")
        session.commit()
    result = recompute(db, nlp)
    assert result.memberships_kept == 1
    ingest([EXAMPLE], engine=db, analyzer=real_analyzer, force=True)
    recompute(db, nlp)
    with Session(db) as session:
        membership = session.get(ClaimTopic, moved)
        assert membership is not None and membership.status == "corrected"
        assert session.get(Topic, membership.topic_id).label == "Who hit the convoy"
        assert session.exec(select(ClaimTopic).where(ClaimTopic.claim_id == moved)).all() == [membership]
        labels = [t.label for t in list_topics(session=session)]
    assert "Who hit the convoy" in labels
    # the moved claim counts in its new topic: it takes no side in the convoy dispute any more
    assert moved not in {m.row.claim.id for m in convoy(db).claims}


def test_rejected_claims_take_no_side(db, nlp):
    recompute(db, nlp)
    dispute = convoy(db)
    rejected = dispute.claims[0].row.claim.id
    with Session(db) as session:
        set_claim_status(rejected, "rejected", session=session, reviewer="ann")
        session.commit()
    recompute(db, nlp)
    with Session(db) as session:
        assert session.exec(select(DisputeClaim).where(DisputeClaim.claim_id == rejected)).all() == []
        assert session.get(ClaimTopic, rejected) is None


def test_recompute_limited_to_some_documents_keeps_the_others(db, nlp, real_analyzer, tmp_path):
    recompute(db, nlp)
    before = convoy(db)
    other = tmp_path / "grain.txt"
    other.write_text(OTHER, encoding="utf-8")
    ingest([other], engine=db, analyzer=real_analyzer)
    result = recompute(db, nlp, documents=["grain"])
    assert result.documents == 1 and result.claims == 2
    after = convoy(db)  # the example article's dispute is carried over
    assert after.sides_label == before.sides_label and after.reason == before.reason
    with Session(db) as session:
        assert len(session.exec(select(ClaimTopic)).all()) == 19


def test_update_after_change_finds_what_the_full_recompute_finds(db, nlp):
    result, message = recompute_after_change(db, nlp=nlp)
    assert result is not None and result.disputes >= 1 and message.startswith("topics and disputes updated")
    incremental = sorted((d.topic_label, d.kind, d.sides_label) for d in disputes(db))
    recompute(db, nlp)
    assert sorted((d.topic_label, d.kind, d.sides_label) for d in disputes(db)) == incremental
    again, _ = recompute_after_change(db, nlp=nlp)  # nothing changed since: nothing to do
    assert again is not None and again.claims == 0 and again.topics_touched == 0


def test_recompute_of_an_empty_database(tmp_path, nlp):
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        result = recompute(engine, nlp)
        assert (result.claims, result.topics, result.disputes) == (0, 0, 0)
    finally:
        engine.dispose()


# -------------------------------------------------------------------------------------------- filters


def test_dispute_filters(db, nlp):
    recompute(db, nlp)
    dispute = convoy(db)
    everything = disputes(db)
    assert [d.id for d in disputes(db, DisputeFilter(actor="Russia"))] == [d.id for d in everything]
    assert dispute.id in {d.id for d in disputes(db, DisputeFilter(actor="the Kremlin"))}  # a name for Russia
    assert disputes(db, DisputeFilter(actor="France")) == []
    assert [d.id for d in disputes(db, DisputeFilter(topic="CONVOY"))] == [dispute.id]
    assert [d.id for d in disputes(db, DisputeFilter(topic=str(dispute.topic_id)))] == [dispute.id]
    assert disputes(db, DisputeFilter(topic="no such topic")) == []
    assert disputes(db, DisputeFilter(document="seed_article")) == everything
    assert disputes(db, DisputeFilter(document="nope")) == []
    assert disputes(db, DisputeFilter(status="confirmed")) == []
    with Session(db) as session:
        set_dispute_status(dispute.id, "confirmed", session=session, reviewer="ann")
        session.commit()
    assert [d.id for d in disputes(db, DisputeFilter(status="confirmed"))] == [dispute.id]
    assert dispute.id not in {d.id for d in disputes(db, DisputeFilter(status="auto"))}


def test_topic_filters(db, nlp):
    recompute(db, nlp)
    with Session(db) as session:
        every = list_topics(session=session)
        assert list_topics(session=session, actor="France") == []
        russian = list_topics(session=session, actor="Russia")
        assert russian and all("Russia" in t.actors for t in russian)
        assert len(list_topics(session=session, document="seed_article")) == len(every)
        assert list_topics(session=session, document="nope") == []
        several = list_topics(session=session, with_single=False)
        assert all(t.claims > 1 for t in several)
        assert [t.label for t in list_topics(session=session, topic="convoy")] == [convoy(db).topic_label]
