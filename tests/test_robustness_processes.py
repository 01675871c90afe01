"""Real ``claims ingest`` processes (the real pipeline), on SQLite and on PostgreSQL when one is given:
killed half-way (SIGKILL, Ctrl-C) and run again, and two of them ingesting into one database at once.
Whatever happens, no document is half stored, nothing is lost and nothing is duplicated.

The corpus is invented here: small articles with quotations, "according to" and reported speech.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

from claims.services.ingest import ingest
from db.engine import make_engine
from tests.conftest import REPO

N_ARTICLES = 160
PEOPLE = ["Mara Olsen", "Tomas Berg", "Ines Varga", "Paul Okafor", "Lena Fischer", "Omar Haddad"]
ROLES = ["a spokeswoman for the port authority", "the harbour minister", "a senior official", "an analyst"]
PLACES = ["Moscow", "Washington", "Kyiv", "Berlin", "Ankara", "Warsaw"]
THINGS = ["the ferry talks", "the grain deal", "the bridge repairs", "the border crossing", "the fishing quota"]


def invented_articles(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        person, role, place, thing = rng.choice(PEOPLE), rng.choice(ROLES), rng.choice(PLACES), rng.choice(THINGS)
        paragraphs = [
            f"Update {i} on {thing}",
            f"Officials in {place} said {thing} would resume in spring.",
            f"“We have no plans to leave the port,” said {person}, {role}.",
            f"{rng.choice(PLACES)} denied that {thing} had failed, according to {person}.",
            f"The weather was calm on day {i}.",
        ]
        articles.append({"id": f"a{i:04d}", "title": paragraphs[0], "text": "\n\n".join(paragraphs)})
    return articles


def write_jsonl(path: Path, articles: list[dict]) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return path


def claims_process(url: str, *args: str, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "CLAIMS_DB"}
    env["PYTHONUNBUFFERED"] = "1"
    with log.open("wb") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "claims.cli", "--db", url, *args],
            cwd=REPO,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl-C for it alone
        )


def snapshot(url: str) -> dict:
    """What is stored: claims per document, duplicates, speakers and actors (by name)."""
    engine = make_engine(url, migrate=False)
    try:
        with engine.connect() as c:
            per_doc = dict(
                c.execute(
                    sa.text(
                        "SELECT d.external_id, count(c.id) FROM document d LEFT JOIN claim c ON c.document_id = d.id "
                        "GROUP BY d.external_id"
                    )
                ).all()
            )
            documents = c.execute(sa.text("SELECT count(*) FROM document")).scalar()
            duplicate_claims = c.execute(
                sa.text(
                    "SELECT count(*) FROM (SELECT document_id, content_start, content_end, source_start, kind "
                    "FROM claim GROUP BY document_id, content_start, content_end, source_start, kind "
                    "HAVING count(*) > 1) AS d"
                )
            ).scalar()
            speakers = Counter(r[0] for r in c.execute(sa.text("SELECT name_key FROM speaker")).all())
            actors = Counter(r[0] for r in c.execute(sa.text("SELECT lower(name) FROM actor")).all())
    finally:
        engine.dispose()
    return {
        "per_doc": per_doc,
        "documents": documents,
        "duplicate_claims": duplicate_claims,
        "speakers": speakers,
        "actors": actors,
    }


def stored_documents(url: str) -> int:
    engine = make_engine(url, migrate=False)
    try:
        with engine.connect() as c:
            return c.execute(sa.text("SELECT count(*) FROM document")).scalar() or 0
    except sa.exc.OperationalError:  # the file is being created
        return 0
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def reference(tmp_path_factory, real_analyzer) -> tuple[Path, dict]:
    """The corpus, and what one uninterrupted ingest stores for it (in-process, the same pipeline)."""
    folder = tmp_path_factory.mktemp("corpus")
    corpus = write_jsonl(folder / "corpus.jsonl", invented_articles(N_ARTICLES))
    url = f"sqlite:///{folder / 'reference.db'}"
    engine = make_engine(url)
    try:
        result = ingest([corpus], engine=engine, analyzer=real_analyzer)
        assert result.created == N_ARTICLES and not result.skipped
    finally:
        engine.dispose()
    return corpus, snapshot(url)


@pytest.fixture
def db_url(backend, tmp_path, request) -> str:
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'claims.db'}"
        make_engine(url).dispose()
        return url
    return request.getfixturevalue("postgres_url")


def assert_complete(url: str, expected: dict) -> None:
    got = snapshot(url)
    assert got["documents"] == N_ARTICLES
    assert got["per_doc"] == expected["per_doc"]  # every document with exactly its claims
    assert got["duplicate_claims"] == 0
    assert got["speakers"] == expected["speakers"]  # each once
    assert got["actors"] == expected["actors"]


@pytest.mark.parametrize("how", ["SIGKILL", "SIGINT"])
def test_killed_ingest_leaves_whole_documents_and_a_rerun_finishes(how, backend, db_url, reference, tmp_path):
    if how == "SIGINT" and backend != "sqlite":
        pytest.skip("Ctrl-C is checked on SQLite; SIGKILL on both backends")
    corpus, expected = reference
    proc = claims_process(db_url, "ingest", str(corpus), "--batch-size", "4", log=tmp_path / "first.log")
    deadline = time.monotonic() + 180
    try:
        while stored_documents(db_url) < 3:
            assert proc.poll() is None, (tmp_path / "first.log").read_text()
            assert time.monotonic() < deadline, "no document stored in time"
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, getattr(signal, how))
        proc.wait(timeout=60)
    log = (tmp_path / "first.log").read_text()
    assert "Traceback" not in log, log

    partial = snapshot(db_url)
    assert 0 < partial["documents"] < N_ARTICLES, "the ingest was not interrupted half-way"
    for external_id, count in partial["per_doc"].items():  # no half-stored document
        assert count == expected["per_doc"][external_id], external_id

    again = claims_process(db_url, "ingest", str(corpus), log=tmp_path / "second.log")
    assert again.wait(timeout=300) == 0, (tmp_path / "second.log").read_text()
    summary = (tmp_path / "second.log").read_text()
    assert f"{N_ARTICLES - partial['documents']} document(s) stored" in summary
    assert f"{partial['documents']} unchanged" in summary
    assert_complete(db_url, expected)


def test_two_processes_ingesting_at_once_lose_and_duplicate_nothing(backend, db_url, reference, tmp_path):
    corpus, expected = reference
    articles = invented_articles(N_ARTICLES)
    # Overlapping halves, in opposite orders: both processes want the same documents and speakers.
    first = write_jsonl(tmp_path / "first.jsonl", articles[: N_ARTICLES * 3 // 4])
    second = write_jsonl(tmp_path / "second.jsonl", list(reversed(articles[N_ARTICLES // 4 :])))
    procs = [
        claims_process(db_url, "ingest", str(path), "--batch-size", "4", log=tmp_path / f"{path.stem}.log")
        for path in (first, second)
    ]
    for proc, path in zip(procs, (first, second), strict=True):
        assert proc.wait(timeout=300) == 0, (tmp_path / f"{path.stem}.log").read_text()
    assert_complete(db_url, expected)
    # and a third run has nothing left to do
    third = claims_process(db_url, "ingest", str(corpus), log=tmp_path / "third.log")
    assert third.wait(timeout=300) == 0
    assert f"0 document(s) stored (0 new, 0 updated), {N_ARTICLES} unchanged" in (tmp_path / "third.log").read_text()
