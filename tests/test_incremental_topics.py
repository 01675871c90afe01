"""Topics and disputes as a by-product of ingest: parse features stored once, new claims joining topics
through the inverted index, nothing parsed again, reviewers' decisions kept, the 0005 -> 0006 upgrade.

Invented texts only (fictional places)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session, select

from claims.analysis.facts import ensure_parses
from claims.io.readers import Article
from claims.services.disputes import list_disputes, recompute_disputes
from claims.services.ingest import ingest_articles
from claims.services.topics import load_claim_facts, update_topics
from claims.types import ClaimParse
from db.engine import make_engine
from db.models import Claim, ClaimTerm, ClaimTopic, FeatureTerm, Topic
from db.review import set_claim_topic, set_dispute_status

DAM_A = (
    "Dam dispute\n\n"
    "Valdoria accused Kestrania of sabotaging the Ister dam on Monday, the Valdorian foreign ministry said.\n\n"
    "Kestrania denied sabotaging the Ister dam and said the accusations were false, its foreign minister said."
)
DAM_B = (
    "Ister dam\n\n"
    "The Valdorian foreign ministry said Kestrania had sabotaged the Ister dam before the floods.\n\n"
    "Separately, the Morvian central bank raised interest rates, the governor said."
)


EXAMPLE = (Path(__file__).resolve().parents[1] / "examples" / "seed_article.txt").read_text(encoding="utf-8")


class NoParse:
    """A spaCy pipeline stand-in that fails when asked to parse anything."""

    pipe_names: list[str] = []

    def pipe(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("parsed again")

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("parsed again")


@pytest.fixture
def db(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'claims.db'}")
    yield engine
    engine.dispose()


def add(engine, analyzer, doc_id: str, text: str) -> None:
    ingest_articles([Article(origin=doc_id, external_id=doc_id, text=text)], engine=engine, analyzer=analyzer)


def update(engine, nlp=None):  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        result = update_topics(session=session, nlp=nlp or NoParse())
        session.commit()
    return result


def topic_of(engine, claim_id: int) -> int | None:
    with Session(engine) as session:
        row = session.get(ClaimTopic, claim_id)
        return row.topic_id if row else None


def test_ingest_stores_parse_features(real_analyzer, db):
    add(db, real_analyzer, "a", DAM_A)
    with Session(db) as session:
        claims = session.exec(select(Claim)).all()
    assert claims and all(c.features_json for c in claims)
    parse = ClaimParse.from_dict(json.loads(claims[0].features_json or "{}"))
    assert parse.weights and parse.spans[0] == (claims[0].content_start, claims[0].content_end)
    assert ClaimParse.from_dict(parse.to_dict()) == parse


def test_kept_parse_data_is_given_back_unchanged():
    data = {"format": 3, "weights": {"dam": 1.0, "ev:build": 1.5}, "spans": [[4, 20], None]}
    kept = ClaimParse.from_dict(data, kept=True)
    fresh = ClaimParse.from_dict(data)
    assert kept.to_dict() is data  # the data it was read from, not built again
    assert fresh.to_dict() is not data and fresh.to_dict()["weights"] == data["weights"]
    assert kept == fresh  # the kept data is no field: equality and the fields are unchanged
    assert ClaimParse.from_dict(fresh.to_dict()) == fresh


def test_update_and_rebuild_never_parse_again(real_analyzer, db):
    add(db, real_analyzer, "a", EXAMPLE)
    result = update(db)  # NoParse raises if spaCy is called
    assert result.claims >= 2 and result.parsed == 0 and result.disputes >= 1
    with Session(db) as session:
        rebuilt = recompute_disputes(session=session, nlp=NoParse())
        session.commit()
    assert rebuilt.disputes == result.disputes


def test_new_claims_join_an_existing_topic_through_the_index(real_analyzer, db):
    add(db, real_analyzer, "a", DAM_A)
    update(db)
    with Session(db) as session:
        assert session.exec(select(ClaimTerm)).first() is not None
        assert session.exec(select(FeatureTerm).where(FeatureTerm.term == "ev:sabotage")).first() is not None
        first = session.exec(select(Claim.id).where(Claim.document_id == 1)).first()
        topics_before = len(session.exec(select(Topic)).all())
    result = update(db)
    assert result.claims == 0 and result.topics_touched == 0  # nothing changed: nothing to do
    add(db, real_analyzer, "b", DAM_B)
    result = update(db)
    assert result.joined >= 1, result
    with Session(db) as session:
        newcomers = session.exec(select(Claim.id).where(Claim.document_id == 2)).all()
        assert all(session.get(ClaimTopic, c) is not None for c in newcomers)  # every new claim is in a topic
        assert len(session.exec(select(Topic)).all()) > topics_before  # the bank claim opened a topic
    assert topic_of(db, first) in {topic_of(db, c) for c in newcomers}


def test_reviewer_decisions_survive_updates_and_rebuilds(real_analyzer, db):
    add(db, real_analyzer, "a", EXAMPLE)
    update(db)
    with Session(db) as session:
        dispute = list_disputes(session=session)[0]
        set_dispute_status(dispute.id, "dismissed", session=session, reviewer="ann")
        moved = dispute.claims[0].row.claim.id
        set_claim_topic(moved, "hand made topic", session=session, reviewer="ann")
        session.commit()
    add(db, real_analyzer, "b", DAM_B)
    update(db)
    for _ in range(2):
        with Session(db) as session:
            assert session.get(ClaimTopic, moved).status == "corrected"
            assert session.get(Topic, session.get(ClaimTopic, moved).topic_id).label == "hand made topic"
            statuses = {d.id: d.status for d in list_disputes(session=session)}
            assert statuses[dispute.id] == "dismissed"
            recompute_disputes(session=session, nlp=NoParse())
            session.commit()


def test_claims_without_stored_features_are_read_once(real_analyzer, db):
    add(db, real_analyzer, "a", EXAMPLE)
    with Session(db) as session:  # as a database from before revision 0006
        for claim in session.exec(select(Claim)).all():
            claim.features_json = None
            session.add(claim)
        session.commit()
    result = update(db, real_analyzer.nlp)
    assert result.parsed >= 2 and result.disputes >= 1
    with Session(db) as session:
        assert all(c.features_json for c in session.exec(select(Claim)).all())
        facts, texts = load_claim_facts(session=session)
    assert ensure_parses(facts, texts, NoParse()) == facts  # stored now: nothing to read


def test_upgrade_from_0005_keeps_claims_and_topics(tmp_path, real_analyzer):
    from alembic import command

    from db.engine import SCHEMA_HEAD, _alembic_config, current_revision

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    add(engine, real_analyzer, "a", DAM_A)
    update(engine)
    with Session(engine) as session:
        before = sorted((c.id, c.content_start, c.content_end) for c in session.exec(select(Claim)).all())
        memberships = len(session.exec(select(ClaimTopic)).all())
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # as upgrades run: table copies fire no cascades
        command.downgrade(_alembic_config(connection), "0005")
    engine.dispose()
    engine = make_engine(url)  # upgrades again
    try:
        assert current_revision(engine) == SCHEMA_HEAD
        with Session(engine) as session:
            claims = session.exec(select(Claim)).all()
            assert sorted((c.id, c.content_start, c.content_end) for c in claims) == before
            assert all(c.features_json is None for c in claims)
            assert len(session.exec(select(ClaimTopic)).all()) == memberships
    finally:
        engine.dispose()
