"""Storage: engine, migrations, repository functions."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel, select

from db import repository as repo
from db.engine import DatabaseError, DatabaseURLError, current_revision, head_revision, make_engine
from db.models import Actor, Claim, Correction, Document, Speaker, normalise_name
from tests.conftest import REPO

TEXT = "Intro line.\n\nThe mayor said the bridge is safe. Critics said it is not.\n\nEnd."


def make_claim(text: str, content: str, *, source: str | None = None, cue: str | None = None, **kw) -> Claim:
    start = text.index(content)
    fields = dict(
        document_id=0,
        sentence_start=start,
        sentence_end=start + len(content),
        content_start=start,
        content_end=start + len(content),
        kind="indirect",
        confidence=0.5,
    )
    if source:
        s = text.index(source)
        fields.update(source_start=s, source_end=s + len(source), source_text=source)
    if cue:
        c = text.index(cue)
        fields.update(cue_start=c, cue_end=c + len(cue))
    fields.update(kw)
    return Claim(**fields)


def store(session: Session, external_id: str, text: str, claims: list[Claim]) -> repo.DocumentWrite:
    from claims.services.ingest import content_hash

    doc = Document(external_id=external_id, text=text, content_hash=content_hash(text))
    write = repo.add_document_with_claims(doc, claims, session=session)
    session.commit()
    return write


# ----------------------------------------------------------------------------------------------- engine


def test_schema_head_constant_is_the_newest_migration():
    from db.engine import SCHEMA_HEAD

    assert SCHEMA_HEAD == head_revision()


def test_opening_an_up_to_date_database_does_not_import_alembic(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    make_engine(url).dispose()  # created and migrated here
    code = (
        "import sys; from db.engine import make_engine; make_engine(sys.argv[1]).dispose(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    done = subprocess.run([sys.executable, "-c", code, url], capture_output=True, text=True, cwd=REPO, check=True)
    assert done.stdout.strip() == "[]"


def test_in_memory_engine_is_migrated_to_head(engine):
    assert current_revision(engine) == head_revision() == "0006"
    names = set(sa.inspect(engine).get_table_names())
    assert {"document", "claim", "speaker", "actor", "actor_alias", "correction", "alembic_version"} <= names


def test_file_database_uses_wal_and_foreign_keys(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_foreign_keys_are_enforced(session):
    session.add(Claim(document_id=999, sentence_start=0, sentence_end=1, content_start=0, content_end=1, kind="x"))
    with pytest.raises(IntegrityError):
        session.commit()


def test_migration_matches_models(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    assert diff == []


def test_claim_columns_are_indexed(engine):
    indexed = {tuple(ix["column_names"]) for ix in sa.inspect(engine).get_indexes("claim")}
    assert ("document_id", "content_start") in indexed
    for column in ("speaker_id", "actor_id", "status", "kind"):  # leading column, then the display order
        assert (column, "document_id", "content_start") in indexed


def test_a_filtered_first_page_is_read_in_order_from_an_index():
    engine = make_engine("sqlite://")  # EXPLAIN QUERY PLAN is SQLite's
    with engine.connect() as connection:
        for column, value in (("status", "'accepted'"), ("kind", "'direct'"), ("actor_id", "3")):
            plan = connection.exec_driver_sql(
                f"EXPLAIN QUERY PLAN SELECT id FROM claim WHERE {column} = {value} "
                "ORDER BY document_id, content_start, id LIMIT 200"
            ).all()
            details = " ".join(str(row[-1]) for row in plan)
            assert f"ix_claim_{column}_order" in details and "TEMP B-TREE" not in details, details
    engine.dispose()


def test_database_made_without_alembic_is_stamped(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    plain = sa.create_engine(url)
    SQLModel.metadata.create_all(plain)
    plain.dispose()
    engine = make_engine(url)
    assert current_revision(engine) == head_revision()
    engine.dispose()


@pytest.mark.parametrize("url", ["not a url", "nosuchdb://x/y"])
def test_bad_url_gives_one_line_error(url):
    with pytest.raises(DatabaseURLError) as info:
        make_engine(url)
    assert "\n" not in str(info.value) and url in str(info.value)


def test_unopenable_database_gives_one_line_error(tmp_path):
    with pytest.raises(DatabaseError) as info:
        make_engine(f"sqlite:///{tmp_path / 'missing' / 'x.db'}")
    assert "\n" not in str(info.value)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database file" * 100)
    with pytest.raises(DatabaseError) as info:
        make_engine(f"sqlite:///{garbage}")
    assert "\n" not in str(info.value)


# -------------------------------------------------------------------------------------- actors, speakers


def test_normalise_name():
    assert normalise_name("  Mara   OLSEN, ") == normalise_name("mara olsen") == "mara olsen"
    assert normalise_name(None) == ""


def test_get_or_create_actor_is_idempotent_and_case_insensitive(session):
    a = repo.get_or_create_actor("Russia", session=session, iso_code="RU")
    b = repo.get_or_create_actor("russia", session=session)
    assert a.id == b.id and b.iso_code == "RU"
    assert len(session.exec(select(Actor)).all()) == 1


def test_get_or_create_speaker_normalises_name_and_organisation(session):
    a = repo.get_or_create_speaker("Mara Olsen", "Port Authority", session=session)
    b = repo.get_or_create_speaker("  mara  olsen ", "port authority", session=session)
    c = repo.get_or_create_speaker("Mara Olsen", None, session=session)
    assert a.id == b.id != c.id
    assert a.name == "Mara Olsen"


def test_speaker_name_and_organisation_are_unique_in_the_database(session):
    session.add(Speaker(name="A", name_key="a", organisation_key=""))
    session.add(Speaker(name="a", name_key="a", organisation_key=""))
    with pytest.raises(IntegrityError):
        session.commit()


def test_find_actor_by_name_or_alias(session):
    russia = repo.get_or_create_actor("Russia", session=session)
    repo.set_actor_alias("the Kremlin", "Russia", session=session)
    assert repo.find_actor("RUSSIA", session=session).id == russia.id
    assert repo.find_actor("kremlin", session=session) is None
    assert repo.find_actor("The Kremlin", session=session).id == russia.id


# ------------------------------------------------------------------------------------------- documents


def test_add_document_created_then_unchanged(session):
    first = store(session, "d1", TEXT, [make_claim(TEXT, "the bridge is safe", source="The mayor")])
    assert first.status == "created" and first.claims_written == 1
    again = store(session, "d1", TEXT, [make_claim(TEXT, "the bridge is safe"), make_claim(TEXT, "it is not")])
    assert again.status == "unchanged" and again.claims_written == 0
    assert len(session.exec(select(Claim)).all()) == 1
    assert repo.find_document_by_external_id("d1", session=session).id == first.document.id


def test_changed_document_replaces_auto_claims_and_keeps_reviewed_ones(session):
    write = store(
        session,
        "d1",
        TEXT,
        [
            make_claim(TEXT, "the bridge is safe", source="The mayor", cue="said"),
            make_claim(TEXT, "it is not", source="Critics"),
            make_claim(TEXT, "Intro line"),
        ],
    )
    claims = session.exec(select(Claim).order_by(Claim.content_start)).all()
    intro, mayor, critics = claims
    mayor.status = "accepted"
    critics.status = "rejected"
    session.add_all([mayor, critics])
    session.commit()

    new_text = "A new first paragraph.\n\n" + TEXT + " More."
    new_claims = [
        make_claim(new_text, "the bridge is safe", kind="direct"),  # overlaps the accepted claim: dropped
        make_claim(new_text, "More"),
    ]
    write = store(session, "d1", new_text, new_claims)
    assert write.status == "updated"
    assert (write.claims_kept, write.claims_unanchored, write.claims_written) == (2, 0, 1)

    stored = session.exec(select(Claim).where(Claim.document_id == write.document.id)).all()
    by_status = {c.status: c for c in stored}
    assert sorted(c.status for c in stored) == ["accepted", "auto", "rejected"]
    kept = by_status["accepted"]
    assert new_text[kept.content_start : kept.content_end] == "the bridge is safe"
    assert new_text[kept.source_start : kept.source_end] == "The mayor"
    assert new_text[kept.cue_start : kept.cue_end] == "said"
    assert kept.kind == "indirect"
    assert new_text[by_status["rejected"].content_start : by_status["rejected"].content_end] == "it is not"
    assert new_text[by_status["auto"].content_start : by_status["auto"].content_end] == "More"
    assert write.document.text == new_text


def test_reviewed_claim_whose_text_vanished_is_kept_and_counted(session):
    store(session, "d1", TEXT, [make_claim(TEXT, "it is not", status="corrected")])
    write = store(session, "d1", "Entirely different.", [])
    assert write.claims_kept == 1 and write.claims_unanchored == 1
    assert session.exec(select(Claim)).one().status == "corrected"


# ---------------------------------------------------------------------------------------------- claims


@pytest.fixture
def populated(session):
    russia = repo.get_or_create_actor("Russia", session=session)
    mayor = repo.get_or_create_speaker("The mayor", session=session, actor_id=russia.id)
    critics = repo.get_or_create_speaker("Critics", session=session)
    store(
        session,
        "d1",
        TEXT,
        [
            make_claim(TEXT, "the bridge is safe", source="The mayor", speaker_id=mayor.id, actor_id=russia.id),
            make_claim(TEXT, "it is not", source="Critics", speaker_id=critics.id, kind="direct"),
        ],
    )
    store(
        session,
        "d2",
        "Nobody said anything.",
        [make_claim("Nobody said anything.", "anything", kind="mixed")],
    )
    return session


def test_list_claims_filters(populated):
    session = populated
    assert len(repo.list_claims(session=session)) == 3
    assert [r.document.external_id for r in repo.list_claims(repo.ClaimFilter(document="d2"), session=session)] == [
        "d2"
    ]
    (row,) = repo.list_claims(repo.ClaimFilter(speaker="mayor"), session=session)
    assert row.speaker.name == "The mayor" and row.actor.name == "Russia"
    assert len(repo.list_claims(repo.ClaimFilter(actor="russia"), session=session)) == 1
    assert repo.list_claims(repo.ClaimFilter(actor="Atlantis"), session=session) == []
    assert len(repo.list_claims(repo.ClaimFilter(kind="direct"), session=session)) == 1
    assert len(repo.list_claims(repo.ClaimFilter(status="auto"), session=session)) == 3
    assert len(repo.list_claims(session=session, limit=2)) == 2
    assert repo.count_claims(repo.ClaimFilter(document="d1"), session=session) == 2


def test_get_claim(populated):
    claim_id = repo.list_claims(repo.ClaimFilter(speaker="critics"), session=populated)[0].claim.id
    row = repo.get_claim(claim_id, session=populated)
    assert row.claim.source_text == "Critics" and row.document.external_id == "d1" and row.actor is None
    assert repo.get_claim(12345, session=populated) is None


def test_iter_claims_by_document(populated):
    docs = [(doc.external_id, len(rows)) for doc, rows in repo.iter_claims_by_document(session=populated)]
    assert docs == [("d1", 2), ("d2", 1)]
    only = [doc.external_id for doc, _ in repo.iter_claims_by_document(session=populated, external_ids=["d2"])]
    assert only == ["d2"]


def test_stats(populated):
    s = repo.stats(session=populated)
    assert (s.documents, s.claims, s.speakers, s.actors) == (2, 3, 2, 1)
    assert s.by_kind == {"indirect": 1, "direct": 1, "mixed": 1}
    assert s.by_status == {"auto": 3}
    assert s.top_actors == [("Russia", 1)]


def test_user_alias_applies_to_existing_speakers_and_claims(populated):
    session = populated
    result = repo.set_actor_alias("critics", "United States", session=session, reviewer="ann")
    session.commit()
    assert (result.speakers_updated, result.claims_updated) == (1, 1)
    (row,) = repo.list_claims(repo.ClaimFilter(speaker="critics"), session=session)
    assert row.actor.name == "United States" and row.speaker.actor_id == row.actor.id
    assert row.claim.version == 2
    correction = session.exec(select(Correction)).one()
    assert (correction.entity, correction.field, correction.reviewer) == ("speaker", "actor_id", "ann")
    # an automatic alias never replaces a user one
    repo.set_actor_alias("critics", "Russia", session=session, source="auto")
    assert repo.alias_actor_id("Critics", session=session) == row.actor.id


def test_user_alias_leaves_hand_corrected_actor_alone(populated):
    session = populated
    row = repo.list_claims(repo.ClaimFilter(speaker="mayor"), session=session)[0]
    other = repo.get_or_create_actor("Atlantis", session=session)
    repo.update_claim(row.claim.id, session=session, expected_version=1, reviewer="ann", actor_id=other.id)
    session.commit()
    result = repo.set_actor_alias("the mayor", "United States", session=session)
    session.commit()
    assert result.claims_updated == 0
    assert repo.get_claim(row.claim.id, session=session).actor.name == "Atlantis"


def test_update_claim_records_corrections_and_checks_version(populated):
    session = populated
    claim = repo.list_claims(session=session)[0].claim
    updated = repo.update_claim(claim.id, session=session, expected_version=1, reviewer="ann", content_end=10)
    session.commit()
    assert updated.status == "corrected" and updated.version == 2
    fields = [c.field for c in repo.corrections_for("claim", claim.id, session=session)]
    assert fields == ["content_end", "status"]
    with pytest.raises(repo.StaleClaimError):
        repo.update_claim(claim.id, session=session, expected_version=1, reviewer="bob", status="accepted")


def test_concurrent_update_is_detected(engine):
    with Session(engine) as s:
        store(s, "d1", TEXT, [make_claim(TEXT, "it is not")])
    with Session(engine) as first, Session(engine) as second:
        a = first.exec(select(Claim)).one()
        b = second.exec(select(Claim)).one()
        a.status = "accepted"
        first.add(a)
        first.commit()
        b.status = "rejected"
        second.add(b)
        with pytest.raises(StaleDataError):
            second.commit()


def test_document_metadata_is_json(session):
    doc = Document(external_id="m", text="x", content_hash="h", metadata_json=json.dumps({"section": "world"}))
    repo.add_document_with_claims(doc, [], session=session)
    session.commit()
    assert json.loads(repo.find_document_by_external_id("m", session=session).metadata_json) == {"section": "world"}
