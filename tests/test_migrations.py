"""Schema migrations: a database made by the first schema (revision 0001) is upgraded to the newest one,
automatically or with ``claims db upgrade``, and keeps its data, above all the hand corrections."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from db import repository as repo
from db.engine import _alembic_config, current_revision, head_revision, make_engine, upgrade_database

FIRST = "0001"
TEXT = "Moscow said the talks would resume. Kyiv said they would not. The weather was calm."
WHEN = datetime(2024, 1, 2, 3, 4, 5)  # naive UTC, as revision 0001 stored times


@pytest.fixture
def old_url(backend, tmp_path, request) -> str:
    """The URL of a database at revision 0001 holding a document, claims and hand corrections."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'claims.db'}"
    else:
        url = request.getfixturevalue("empty_postgres_url")
    engine = make_engine(url, migrate=False)
    try:
        if engine.dialect.name == "postgresql":  # times must not depend on the server's zone
            with engine.begin() as connection:
                database = connection.exec_driver_sql("SELECT current_database()").scalar()
                connection.exec_driver_sql(f"ALTER DATABASE \"{database}\" SET timezone TO 'America/New_York'")
        with engine.begin() as connection:
            from alembic import command

            command.upgrade(_alembic_config(connection), FIRST)
        with engine.begin() as connection:
            fill_first_schema(connection)
        assert current_revision(engine) == FIRST
    finally:
        engine.dispose()
    return url


def fill_first_schema(connection: sa.Connection) -> None:
    """Rows written with the tables exactly as revision 0001 made them (reflected, not today's models)."""
    meta = sa.MetaData()
    meta.reflect(connection)
    t = meta.tables
    connection.execute(t["actor"].insert(), [{"id": 1, "name": "Russia", "iso_code": "RUS", "created_at": WHEN}])
    connection.execute(t["actor"].insert(), [{"id": 2, "name": "Ukraine", "iso_code": "UKR", "created_at": WHEN}])
    connection.execute(
        t["actor_alias"].insert(),
        [{"id": 1, "alias": "Kremlin", "alias_key": "kremlin", "actor_id": 1, "source": "user", "created_at": WHEN}],
    )
    speakers = [
        {"id": 1, "name": "Moscow", "name_key": "moscow", "organisation_key": "", "actor_id": 1},
        {"id": 2, "name": "Kyiv", "name_key": "kyiv", "organisation_key": "", "actor_id": 2},
    ]
    connection.execute(t["speaker"].insert(), [{**s, "organisation": None, "created_at": WHEN} for s in speakers])
    connection.execute(
        t["document"].insert(),
        [
            {
                "id": 1,
                "external_id": "talks",
                "title": "Talks",
                "metadata_json": "{}",
                "text": TEXT,
                "content_hash": "x" * 64,
                "pipeline_version": "0.1.0",
                "created_at": WHEN,
                "updated_at": WHEN,
            }
        ],
    )

    def claim(id_, content, source, status, speaker, actor, version):
        start, s = TEXT.index(content), TEXT.index(source)
        return {
            "id": id_,
            "document_id": 1,
            "sentence_start": s,
            "sentence_end": start + len(content),
            "content_start": start,
            "content_end": start + len(content),
            "cue_start": None,
            "cue_end": None,
            "extra_cues_json": "[]",
            "source_start": s,
            "source_end": s + len(source),
            "source_text": source,
            "speaker_id": speaker,
            "actor_id": actor,
            "kind": "indirect",
            "confidence": 0.7,
            "status": status,
            "pipeline_version": "0.1.0",
            "paragraph": 0,
            "version": version,
            "created_at": WHEN,
            "updated_at": WHEN,
        }

    connection.execute(
        t["claim"].insert(),
        [
            claim(1, "the talks would resume", "Moscow", "auto", 1, 1, 1),
            claim(2, "they would not", "Kyiv", "corrected", 2, 2, 3),
            claim(3, "The weather was calm", "The weather", "rejected", None, None, 2),
        ],
    )
    connection.execute(
        t["correction"].insert(),
        [
            {"id": 1, "reviewer": "ann", "created_at": WHEN, "entity": "claim", "entity_id": 2}
            | {"field": "actor_id", "old_value": "1", "new_value": "2"},
            {"id": 2, "reviewer": "ann", "created_at": WHEN, "entity": "claim", "entity_id": 2}
            | {"field": "status", "old_value": "auto", "new_value": "corrected"},
            {"id": 3, "reviewer": "bo", "created_at": WHEN, "entity": "claim", "entity_id": 3}
            | {"field": "status", "old_value": "auto", "new_value": "rejected"},
        ],
    )
    sync_id_sequences(connection)


def sync_id_sequences(connection: sa.Connection) -> None:
    """PostgreSQL: move each id sequence past the ids written by hand (as a database that made those rows
    itself would be), so that later inserts do not collide with them."""
    if connection.dialect.name != "postgresql":
        return
    meta = sa.MetaData()
    meta.reflect(connection)
    for name, table in meta.tables.items():
        if "id" in table.c and name != "alembic_version":
            connection.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), COALESCE((SELECT MAX(id) FROM {name}), 0) + 1,"
                " false) WHERE pg_get_serial_sequence('{name}', 'id') IS NOT NULL".replace("{name}", name)
            )


def check_kept(engine) -> None:
    """Everything written at revision 0001 is there, unchanged, read through today's models."""
    from sqlmodel import Session

    with Session(engine) as session:
        rows = {row.claim.id: row for row in repo.list_claims(session=session)}
        assert sorted(rows) == [1, 2, 3]
        corrected, rejected = rows[2], rows[3]
        assert corrected.claim.status == "corrected" and corrected.claim.version == 3
        assert corrected.speaker is not None and corrected.speaker.name == "Kyiv"  # not nulled by a rebuild
        assert corrected.actor is not None and corrected.actor.name == "Ukraine"
        assert rejected.claim.status == "rejected" and rejected.speaker is None
        assert rows[1].speaker.name == "Moscow" and rows[1].actor.name == "Russia"
        assert TEXT[corrected.claim.content_start : corrected.claim.content_end] == "they would not"
        fields = [
            (c.reviewer, c.field, c.old_value, c.new_value) for c in repo.corrections_for("claim", 2, session=session)
        ]
        assert fields == [("ann", "actor_id", "1", "2"), ("ann", "status", "auto", "corrected")]
        assert [c.new_value for c in repo.corrections_for("claim", 3, session=session)] == ["rejected"]
        assert repo.find_actor("Kremlin", session=session).name == "Russia"
        assert corrected.claim.created_at == WHEN.replace(tzinfo=UTC)  # the same instant, whatever the zone
        assert corrected.document.created_at == WHEN.replace(tzinfo=UTC)


def test_opening_an_old_database_upgrades_it_and_keeps_hand_corrections(old_url, backend, tmp_path):
    upgrades = []
    engine = make_engine(old_url, on_upgrade=upgrades.append)
    try:
        assert current_revision(engine) == head_revision() != FIRST
        assert [(u.before, u.after) for u in upgrades] == [(FIRST, head_revision())]
        check_kept(engine)
        with engine.connect() as connection:  # the upgraded schema is the one the models describe
            from alembic.autogenerate import compare_metadata
            from alembic.runtime.migration import MigrationContext
            from sqlmodel import SQLModel

            assert compare_metadata(MigrationContext.configure(connection), SQLModel.metadata) == []
    finally:
        engine.dispose()
    if backend == "sqlite":  # the file as it was is kept beside it
        backup = tmp_path / f"claims.db.bak-{FIRST}"
        assert upgrades[0].backup == backup
        with sqlite3.connect(backup) as old:
            assert old.execute("SELECT version_num FROM alembic_version").fetchone() == (FIRST,)
            assert old.execute("SELECT status FROM claim ORDER BY id").fetchall() == [
                ("auto",),
                ("corrected",),
                ("rejected",),
            ]
    else:
        assert upgrades[0].backup is None
    again = []
    make_engine(old_url, on_upgrade=again.append).dispose()
    assert again == []  # nothing left to do


def test_claims_db_upgrade_command(old_url, backend, tmp_path, monkeypatch):
    from claims.cli import app

    monkeypatch.delenv("CLAIMS_DB", raising=False)
    result = CliRunner().invoke(app, ["--db", old_url, "db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert f"upgraded from {FIRST} to {head_revision()}" in result.stdout
    if backend == "sqlite":
        assert f"claims.db.bak-{FIRST}" in result.stdout
    engine = make_engine(old_url)
    try:
        check_kept(engine)
    finally:
        engine.dispose()
    result = CliRunner().invoke(app, ["--db", old_url, "db", "upgrade"])
    assert result.exit_code == 0 and "already at the newest revision" in result.stdout


def test_any_command_upgrades_an_old_database_and_says_so(old_url, backend, monkeypatch):
    from claims.cli import app

    monkeypatch.delenv("CLAIMS_DB", raising=False)
    result = CliRunner().invoke(app, ["--db", old_url, "list", "--status", "corrected"])
    assert result.exit_code == 0, result.output
    assert f"database schema upgraded from {FIRST} to {head_revision()}" in result.stderr
    assert "they would not" in result.stdout and "Kyiv" in result.stdout


def test_every_revision_upgrades_and_downgrades_cleanly(backend, tmp_path, request):
    """Walk the whole chain up, down to 0001 and up again on an empty database."""
    from alembic import command

    url = f"sqlite:///{tmp_path / 'walk.db'}" if backend == "sqlite" else request.getfixturevalue("empty_postgres_url")
    engine = make_engine(url, migrate=False)
    try:
        for target in ("head", FIRST, "head"):
            with engine.begin() as connection:
                step = command.upgrade if target == "head" else command.downgrade
                step(_alembic_config(connection), target)
            assert current_revision(engine) == (head_revision() if target == "head" else FIRST)
    finally:
        engine.dispose()


def test_a_database_from_a_newer_claims_is_refused_in_one_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'future.db'}"
    make_engine(url).dispose()
    with sqlite3.connect(tmp_path / "future.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    from claims.cli import app

    result = CliRunner().invoke(app, ["--db", url, "stats"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "revision '9999', unknown to this version of claims" in lines[0], result.stderr


def test_two_processes_opening_a_new_database_at_once(backend, tmp_path, request):
    """Both processes migrate (or wait for the other): no 'table already exists', one schema."""
    import subprocess
    import sys

    from tests.conftest import REPO

    url = f"sqlite:///{tmp_path / 'race.db'}" if backend == "sqlite" else request.getfixturevalue("empty_postgres_url")
    code = "import sys; from db.engine import make_engine; make_engine(sys.argv[1]).dispose()"
    procs = [
        subprocess.Popen([sys.executable, "-c", code, url], cwd=REPO, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    for proc in procs:
        _, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, stderr
    engine = make_engine(url, migrate=False)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_actor_kinds_migration_from_0005_keeps_actors_aliases_and_corrections(old_url, backend):
    """0005 -> head: the actors, aliases and corrections stay; countries (with an ISO code) get kind
    "country", others no kind yet; a reviewer's kind and parent are then kept over a re-ingest."""
    from alembic import command
    from sqlmodel import Session

    from claims.types import ActorRef
    from db import review

    engine = make_engine(old_url, migrate=False)
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "sqlite":  # table rebuilds must not null foreign keys
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            command.upgrade(_alembic_config(connection), "0005")
        with engine.begin() as connection:
            meta = sa.MetaData()
            meta.reflect(connection)
            connection.execute(
                meta.tables["actor"].insert(), [{"id": 3, "name": "Clinton campaign", "created_at": WHEN}]
            )
            connection.execute(
                meta.tables["actor_alias"].insert(),
                [
                    {"id": 2, "alias": "Robby Mook", "alias_key": "robby mook", "actor_id": 3, "source": "user"}
                    | {"created_at": WHEN}
                ],
            )
            sync_id_sequences(connection)
        upgrade = upgrade_database(engine)  # as opening the database does (foreign keys off for rebuilds)
        assert upgrade is not None and (upgrade.before, upgrade.after) == ("0005", head_revision())
        check_kept(engine)
        with Session(engine) as session:
            kinds = {a.actor.name: (a.actor.kind, a.actor.parent_id) for a in repo.list_actors(session=session)}
            assert kinds == {
                "Russia": ("country", None),
                "Ukraine": ("country", None),
                "Clinton campaign": (None, None),
            }
            assert repo.find_actor("Robby Mook", session=session).name == "Clinton campaign"
            review.set_actor_kind("Clinton campaign", "campaign", session=session, reviewer="ann")
            review.set_actor_parent("Clinton campaign", "Democratic Party", session=session, reviewer="ann")
            session.commit()
            # the pipeline later says otherwise: the hand-set kind and parent win
            repo.ensure_actor(
                ActorRef("Clinton campaign", "organisation", ActorRef("Ukraine", "country")), session=session
            )
            session.commit()
            actor = repo.find_actor("Clinton campaign", session=session)
            assert (actor.kind, repo.actor_ref(actor, session=session).names()) == (
                "campaign",
                ("Clinton campaign", "Democratic Party"),
            )
            fields = [(c.field, c.new_value) for c in repo.corrections_for("actor", actor.id, session=session)]
            assert ("kind", "campaign") in fields and ("parent_source", "user") in fields
    finally:
        engine.dispose()
