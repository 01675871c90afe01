"""Ingest: reading inputs, storing documents and claims, re-ingest rules, failures."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from claims.io.readers import Article, Notice, Skipped, collect_files, iter_inputs
from claims.services.ingest import ingest, ingest_articles
from db import repository as repo
from db.models import Actor, Claim, Document, Speaker, content_hash
from tests.conftest import ARTICLE_A, ARTICLE_B, FakeAnalyzer


def run(paths, engine, analyzer, **kw):
    return ingest([str(p) for p in paths], engine=engine, analyzer=analyzer, **kw)


def documents(engine) -> dict[str, Document]:
    with Session(engine) as s:
        return {d.external_id: d for d in s.exec(select(Document)).all()}


def claims_of(engine, external_id: str) -> list[Claim]:
    with Session(engine) as s:
        doc = repo.find_document_by_external_id(external_id, session=s)
        return list(s.exec(select(Claim).where(Claim.document_id == doc.id).order_by(Claim.content_start)).all())


# -------------------------------------------------------------------------------------------- readers


def test_txt_file_is_one_article_with_its_name_as_id(tmp_path, engine, fake_analyzer):
    path = tmp_path / "harbour.txt"
    path.write_bytes(ARTICLE_A.replace("\n", "\r\n").encode())
    result = run([path], engine, fake_analyzer)
    assert (result.created, result.claims, result.skipped, result.exit_code) == (1, 2, [], 0)
    doc = documents(engine)["harbour"]
    assert doc.text == ARTICLE_A.replace("\n", "\r\n")  # exactly as read: no newline conversion
    assert doc.title == "Harbour talks stall" and doc.pipeline_version == "fake-1"
    for claim in claims_of(engine, "harbour"):
        assert doc.text[claim.content_start : claim.content_end] in ARTICLE_A


def test_jsonl_lines_are_articles_with_metadata(tmp_path, engine, fake_analyzer):
    path = tmp_path / "feed.jsonl"
    lines = [
        {
            "id": "a-1",
            "text": ARTICLE_A,
            "title": "Harbour",
            "url": "http://x/1",
            "publisher": "P",
            "section": "sea",
        },
        {"text": ARTICLE_B, "published": "2024-05-01", "author": "K. Lund"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    result = run([path], engine, fake_analyzer)
    assert result.created == 2 and result.exit_code == 0
    docs = documents(engine)
    a, b = docs["a-1"], docs["feed:2"]
    assert (a.title, a.url, a.publisher) == ("Harbour", "http://x/1", "P")
    assert json.loads(a.metadata_json) == {"section": "sea"}
    assert (b.published, b.author, b.title) == ("2024-05-01", "K. Lund", "Grain deal")


def test_directory_is_walked_recursively_and_other_files_are_skipped(tmp_path, engine, fake_analyzer):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "one.txt").write_text(ARTICLE_A)
    (tmp_path / "in" / "sub" / "two.TXT").write_text(ARTICLE_B)
    (tmp_path / "in" / "notes.md").write_text("# not an article")
    (tmp_path / "in" / ".hidden.txt").write_text(ARTICLE_B)
    result = run([tmp_path / "in"], engine, fake_analyzer)
    assert set(documents(engine)) == {"one", "two"}
    assert [(s.origin.endswith("notes.md"), "unknown extension" in s.reason) for s in result.skipped] == [(True, True)]
    assert result.exit_code == 1


def test_colliding_names_use_relative_paths(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text("x")
    (tmp_path / "a" / "solo.txt").write_text("x")
    files, skipped = collect_files([tmp_path])
    assert sorted(f.external_id for f in files) == ["a/report", "b/report", "solo"]
    assert skipped == []


def test_stdin_text_and_jsonl(engine, fake_analyzer):
    result = run(["-"], engine, fake_analyzer, stdin=io.BytesIO(ARTICLE_B.encode()))
    assert result.created == 1 and "stdin" in documents(engine)
    feed = json.dumps({"id": "s1", "text": ARTICLE_A}) + "\n"
    result = run(["-"], engine, fake_analyzer, stdin=io.BytesIO(feed.encode()))
    assert result.created == 1 and "s1" in documents(engine)


# --------------------------------------------------------------------------------------------- storage


def test_speakers_and_actors_are_mapped(tmp_path, engine, fake_analyzer, articles):
    run([articles], engine, fake_analyzer)
    with Session(engine) as s:
        assert {a.name for a in s.exec(select(Actor))} == {"Russia", "United States"}
        assert {sp.name for sp in s.exec(select(Speaker))} == {
            "Officials in Moscow",
            "Mara Olsen",
            "Washington",
        }
        rows = {r.claim.source_text: r for r in repo.list_claims(session=s)}
    assert rows["Officials in Moscow"].actor.name == "Russia"
    assert rows["Mara Olsen"].actor is None and rows["Mara Olsen"].claim.kind == "direct"
    assert rows[None].claim.kind == "unattributed" and rows[None].speaker is None
    # the same speaker in another document is the same row
    (tmp_path / "more.txt").write_text("Washington said more was coming.")
    run([tmp_path / "more.txt"], engine, fake_analyzer)
    with Session(engine) as s:
        assert len(s.exec(select(Speaker).where(Speaker.name == "Washington")).all()) == 1


def test_user_alias_overrides_pipeline_actor(tmp_path, engine, fake_analyzer, articles):
    with Session(engine) as s:
        repo.set_actor_alias("Officials in Moscow", "Atlantis", session=s)
        repo.set_actor_alias("Mara Olsen", "Norway", session=s)
        s.commit()
    run([articles], engine, fake_analyzer)
    with Session(engine) as s:
        actors = {r.claim.source_text: r.actor.name for r in repo.list_claims(session=s) if r.actor}
    assert actors == {
        "Officials in Moscow": "Atlantis",
        "Mara Olsen": "Norway",
        "Washington": "United States",
    }


def test_unchanged_reingest_does_nothing(engine, fake_analyzer, articles):
    run([articles], engine, fake_analyzer)
    before = {c.id: c.updated_at for c in claims_of(engine, "harbour")}
    analysed = len(fake_analyzer.analysed)
    result = run([articles], engine, fake_analyzer)
    assert (result.created, result.updated, result.unchanged, result.claims) == (0, 0, 2, 0)
    assert len(fake_analyzer.analysed) == analysed  # not even analysed again
    assert {c.id: c.updated_at for c in claims_of(engine, "harbour")} == before


def test_changed_reingest_keeps_hand_reviewed_claims(engine, fake_analyzer, articles):
    run([articles], engine, fake_analyzer)
    # (the in-memory engine shares one connection: read everything before opening the writing session)
    reviews = list(zip(claims_of(engine, "harbour"), ("accepted", "corrected"), strict=True))
    reviews.append((claims_of(engine, "grain")[0], "rejected"))
    with Session(engine) as s:
        for claim, status in reviews:
            repo.update_claim(claim.id, session=s, expected_version=1, reviewer="ann", status=status)
        s.commit()

    (articles / "harbour.txt").write_text("Update at noon.\n\n" + ARTICLE_A + "\n\nWashington said talks ended.")
    (articles / "grain.txt").write_text(ARTICLE_B + "\n\nMoscow said nothing new.")
    result = run([articles], engine, fake_analyzer)
    assert (result.updated, result.kept) == (2, 3)

    harbour = claims_of(engine, "harbour")
    text = documents(engine)["harbour"].text
    assert [c.status for c in harbour] == ["accepted", "corrected", "auto"]
    assert [text[c.content_start : c.content_end] for c in harbour] == [
        "the harbour talks would resume in spring",
        "We have no plans to leave the port",
        "talks ended",
    ]
    grain = claims_of(engine, "grain")
    # the rejected claim stays rejected: the pipeline's same claim is not added again
    assert sorted(c.status for c in grain) == ["auto", "auto", "rejected"]


def test_ingest_streams_articles(engine, fake_analyzer):
    pulled = []

    def articles():
        for i in range(5):
            pulled.append(i)
            yield Article(external_id=f"n{i}", text=f"Washington said deal {i} holds.", origin=f"n{i}")

    seen_when_stored = []
    ingest_articles(
        articles(),
        engine=engine,
        analyzer=fake_analyzer,
        on_document=lambda o, s: seen_when_stored.append(len(pulled)),
    )
    assert seen_when_stored == [1, 2, 3, 4, 5]


# -------------------------------------------------------------------------------------------- failures


def test_bad_inputs_are_skipped_with_reasons_and_good_ones_stored(tmp_path, engine, fake_analyzer):
    (tmp_path / "good.txt").write_text(ARTICLE_A)
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (tmp_path / "empty.txt").write_text("  \n\n ")
    (tmp_path / "latin.txt").write_bytes("Le ministère a déclaré que Montréal était prêt.".encode("cp1252"))
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "j1", "text": ARTICLE_B})
        + "\n{not json\n"
        + json.dumps({"id": "j3", "title": "no text"})
        + "\n[1, 2]\n"
        + json.dumps({"id": "j5", "text": " "})
        + "\n"
    )
    result = run(
        [tmp_path / f for f in ("good.txt", "binary.txt", "empty.txt", "latin.txt", "feed.jsonl", "missing.txt")],
        engine,
        fake_analyzer,
    )
    assert set(documents(engine)) == {"good", "latin", "j1"}
    assert "déclaré" in documents(engine)["latin"].text
    reasons = {s.origin.replace(str(tmp_path) + "/", ""): s.reason for s in result.skipped}
    assert reasons["binary.txt"].startswith("binary file")
    assert reasons["empty.txt"] == "empty"
    assert reasons["feed.jsonl:2"].startswith("invalid JSON")
    assert reasons["feed.jsonl:3"] == 'no "text" string'
    assert reasons["feed.jsonl:4"].startswith("expected a JSON object")
    assert reasons["feed.jsonl:5"] == "empty text"
    assert reasons["missing.txt"] == "no such file or directory"
    assert all("\n" not in str(s) for s in result.skipped)
    assert [n.origin.endswith("latin.txt") and "not valid UTF-8" in n.message for n in result.notices] == [True]
    assert result.exit_code == 1


def test_duplicate_ids_in_one_run_are_skipped(tmp_path, engine, fake_analyzer):
    path = tmp_path / "dup.jsonl"
    path.write_text(json.dumps({"id": "x", "text": ARTICLE_A}) + "\n" + json.dumps({"id": "x", "text": ARTICLE_B}))
    result = run([path], engine, fake_analyzer)
    assert result.created == 1 and "duplicate document id 'x'" in result.skipped[0].reason
    assert documents(engine)["x"].text == ARTICLE_A


def test_a_failing_document_is_not_half_written(tmp_path, engine, fake_analyzer, articles, monkeypatch):
    real_insert = repo._insert_claims

    def failing_insert(document, claims, *, session):
        if document.external_id == "harbour":
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        return real_insert(document, claims, session=session)

    monkeypatch.setattr(repo, "_insert_claims", failing_insert)
    result = run([articles], engine, fake_analyzer)
    assert set(documents(engine)) == {"grain"}
    assert len(claims_of(engine, "grain")) == 2
    (skipped,) = result.skipped
    assert skipped.origin.endswith("harbour.txt") and skipped.reason.startswith("database error: disk I/O error")
    with Session(engine) as s:
        assert s.exec(select(Speaker).where(Speaker.name == "Mara Olsen")).first() is None


def test_iter_inputs_reports_missing_paths_first(tmp_path):
    (tmp_path / "a.txt").write_text("Some text.")
    items = list(iter_inputs([tmp_path / "nope", tmp_path / "a.txt"]))
    assert isinstance(items[0], Skipped) and isinstance(items[1], Article)
    assert items[1].external_id == "a" and not any(isinstance(i, Notice) for i in items)


def test_content_hash_is_of_the_exact_text():
    assert content_hash("a\n") != content_hash("a\r\n") and len(content_hash("x")) == 64


@pytest.mark.parametrize("force", [True, False])
def test_force_reanalyses_unchanged_documents(engine, fake_analyzer, articles, force):
    run([articles], engine, fake_analyzer)
    result = run([articles], engine, fake_analyzer, force=force)
    assert result.updated == (2 if force else 0)
    assert len(claims_of(engine, "harbour")) == 2


class ExplodingAnalyzer(FakeAnalyzer):
    """Fails on any batch holding a text with "EXPLODE" in it (as a pipeline bug would)."""

    def pipe(self, texts, *, batch_size=16, n_process=1):
        batch = []
        for text in texts:
            batch.append(text)
            if len(batch) == batch_size:
                yield from self._run(batch)
                batch = []
        yield from self._run(batch)

    def _run(self, batch):
        if any("EXPLODE" in text for text in batch):
            raise RuntimeError("pipeline bug\nwith a second line")
        return [self._analyse(text) for text in batch]


def test_a_pipeline_failure_skips_only_that_document(tmp_path, engine):
    path = tmp_path / "feed.jsonl"
    texts = [ARTICLE_A, "Washington said EXPLODE now.", ARTICLE_B, "Moscow said it was fine."]
    path.write_text("".join(json.dumps({"id": f"t{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    result = run([path], engine, ExplodingAnalyzer(), batch_size=3)
    assert set(documents(engine)) == {"t0", "t2", "t3"}
    (skipped,) = result.skipped
    assert skipped.origin.endswith("feed.jsonl:2")
    assert skipped.reason == "analysis failed: RuntimeError: pipeline bug"


def test_capitalised_country_code_is_not_a_pronoun():
    from claims.services.ingest import is_bare_pronoun

    assert is_bare_pronoun("he") and is_bare_pronoun("They") and is_bare_pronoun("I")
    assert not is_bare_pronoun("US") and not is_bare_pronoun("UK")


def test_an_actor_named_with_non_ascii_capitals_is_found_again(engine) -> None:
    """SQLite's lower() leaves "Ñ" as it is: the exact name is looked up too, not inserted a second time."""
    from claims.types import ActorRef

    with Session(engine) as session:
        first = repo.ensure_actor_id(ActorRef("Ñandú Ärzte", "organisation"), session=session)
        again = repo.ensure_actor_id(ActorRef("Ñandú Ärzte", "organisation"), session=session)
        assert repo.get_or_create_actor("Ñandú Ärzte", session=session).id == first == again
        session.commit()
