"""Corrections, undo, merges, topic moves, and what later pipeline runs must keep (db.review, CLI)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlmodel import Session, select

from claims.services.ingest import ingest
from db import review
from db.models import (
    Actor,
    Claim,
    ClaimTopic,
    Correction,
    Dispute,
    DisputeClaim,
    Document,
    Speaker,
    SpeakerAlias,
    Topic,
)
from tests.conftest import ARTICLE_A


def claims_by_source(engine) -> dict[str | None, Claim]:
    with Session(engine) as session:
        return {c.source_text: c for c in session.exec(select(Claim).order_by(Claim.id)).all()}


def log(engine) -> list[Correction]:
    with Session(engine) as session:
        return list(session.exec(select(Correction).order_by(Correction.id)).all())


@pytest.fixture
def stored(engine, fake_analyzer, articles):
    ingest([articles], engine=engine, analyzer=fake_analyzer)
    return engine


def change(engine, fn):
    with Session(engine) as session:
        result = fn(session)
        session.commit()
        return result


# ------------------------------------------------------------------------------------------ corrections


def test_status_change_is_logged_and_undo_is_a_logged_correction(stored):
    claim = claims_by_source(stored)["Mara Olsen"]
    change(
        stored, lambda s: review.set_claim_status(claim.id, "rejected", session=s, reviewer="ann", expected_version=1)
    )
    after = claims_by_source(stored)["Mara Olsen"]
    assert after.status == "rejected" and after.version == 2
    [row] = log(stored)
    assert (row.reviewer, row.entity, row.entity_id, row.field, row.old_value, row.new_value) == (
        "ann", "claim", claim.id, "status", "auto", "rejected",
    )  # fmt: skip
    undo = change(stored, lambda s: review.undo_last(session=s, reviewer="ann"))
    assert undo.claim_ids == [claim.id]
    assert claims_by_source(stored)["Mara Olsen"].status == "auto"
    first, second = log(stored)
    assert second.undone_correction_id == first.id and (second.old_value, second.new_value) == ("rejected", "auto")
    with pytest.raises(review.ReviewError, match="nothing to undo"):
        change(stored, lambda s: review.undo_last(session=s, reviewer="ann"))


def test_undo_reverts_a_whole_action_and_only_the_reviewers_own(stored):
    claim = claims_by_source(stored)["Mara Olsen"]
    change(stored, lambda s: review.set_claim_speaker(claim.id, "Port Authority", session=s, reviewer="ann"))
    other = claims_by_source(stored)["Washington"]
    change(stored, lambda s: review.set_claim_status(other.id, "accepted", session=s, reviewer="bob"))
    change(stored, lambda s: review.undo_last(session=s, reviewer="ann"))
    now = claims_by_source(stored)
    assert now["Mara Olsen"].speaker_id == claim.speaker_id and now["Mara Olsen"].status == "auto"
    assert now["Washington"].status == "accepted"


def test_stale_edit_is_refused_and_writes_nothing(stored):
    claim = claims_by_source(stored)["Mara Olsen"]
    change(
        stored, lambda s: review.set_claim_status(claim.id, "accepted", session=s, reviewer="bob", expected_version=1)
    )
    with pytest.raises(review.StaleClaimError, match="changed by someone else"):
        change(
            stored, lambda s: review.set_claim_actor(claim.id, "Norway", session=s, reviewer="ann", expected_version=1)
        )
    assert claims_by_source(stored)["Mara Olsen"].actor_id is None
    assert [c.reviewer for c in log(stored)] == ["bob"]


def test_undo_is_refused_when_someone_changed_it_again(stored):
    claim = claims_by_source(stored)["Mara Olsen"]
    change(stored, lambda s: review.set_claim_status(claim.id, "accepted", session=s, reviewer="ann"))
    change(stored, lambda s: review.set_claim_status(claim.id, "rejected", session=s, reviewer="bob"))
    with pytest.raises(review.StaleClaimError, match="changed again"):
        change(stored, lambda s: review.undo_last(session=s, reviewer="ann"))
    assert claims_by_source(stored)["Mara Olsen"].status == "rejected"


def test_topic_move_spans_and_actor(stored):
    claim = claims_by_source(stored)["Mara Olsen"]
    change(stored, lambda s: review.set_claim_topic(claim.id, "Harbour", session=s, reviewer="ann"))
    with Session(stored) as s:
        membership = s.get(ClaimTopic, claim.id)
        assert membership.status == "corrected" and s.get(Topic, membership.topic_id).label == "Harbour"
    start = ARTICLE_A.index("We have")
    change(
        stored,
        lambda s: review.set_claim_spans(claim.id, content=(start, start + 7), session=s, reviewer="ann"),
    )
    change(stored, lambda s: review.set_claim_actor(claim.id, "Norway", session=s, reviewer="ann"))
    after = claims_by_source(stored)["Mara Olsen"]
    assert (after.content_start, after.content_end, after.status) == (start, start + 7, "corrected")
    with pytest.raises(review.ReviewError, match="outside"):
        change(stored, lambda s: review.set_claim_spans(claim.id, content=(5, 10**6), session=s, reviewer="ann"))
    for _ in range(3):
        change(stored, lambda s: review.undo_last(session=s, reviewer="ann"))
    with Session(stored) as s:
        assert s.get(ClaimTopic, claim.id) is None
        restored = s.get(Claim, claim.id)
        assert (restored.content_start, restored.actor_id, restored.status) == (claim.content_start, None, "auto")


# ------------------------------------------------------------------------------------ speakers, actors


def test_merge_speakers_moves_claims_and_survives_reingest(stored, fake_analyzer, articles):
    result = change(stored, lambda s: review.merge_speakers("Washington", "Mara Olsen", session=s, reviewer="ann"))
    assert "1 claim(s) moved" in result.message
    with Session(stored) as s:
        washington = s.exec(select(Speaker).where(Speaker.name == "Washington")).one()
        olsen = s.exec(select(Speaker).where(Speaker.name == "Mara Olsen")).one()
        assert washington.merged_into_id == olsen.id
    (articles / "grain.txt").write_text("Grain deal\n\nWashington said the deal was unfair.", encoding="utf-8")
    ingest([articles], engine=stored, analyzer=fake_analyzer)
    with Session(stored) as s:
        fresh = s.exec(select(Claim).where(Claim.source_text == "Washington")).one()
        assert fresh.speaker_id == olsen.id  # the merged name resolves to the target
    change(stored, lambda s: review.undo_last(session=s, reviewer="ann"))
    with Session(stored) as s:
        assert s.get(Speaker, washington.id).merged_into_id is None


def test_map_speaker_to_actor_rename_and_alias(stored, fake_analyzer, articles):
    change(stored, lambda s: review.map_speaker_to_actor("Mara Olsen", "Norway", session=s, reviewer="ann"))
    with Session(stored) as s:
        norway = s.exec(select(Actor).where(Actor.name == "Norway")).one()
        assert claims_by_source(stored)["Mara Olsen"].actor_id == norway.id
    ingest([articles], engine=stored, analyzer=fake_analyzer, force=True)
    assert claims_by_source(stored)["Mara Olsen"].actor_id == norway.id  # an auto claim, re-made: alias holds
    speaker_id = claims_by_source(stored)["Mara Olsen"].speaker_id
    change(stored, lambda s: review.rename_speaker(speaker_id, "Mara K. Olsen", session=s, reviewer="ann"))
    with pytest.raises(review.ReviewError, match="merge"):
        change(stored, lambda s: review.rename_speaker(speaker_id, "Washington", session=s, reviewer="ann"))
    change(stored, lambda s: review.add_alias("Officials in Moscow", "Russia", session=s, reviewer="ann"))
    change(stored, lambda s: review.undo_last(session=s, reviewer="ann"))
    change(stored, lambda s: review.undo_last(session=s, reviewer="ann"))
    with Session(stored) as s:
        assert s.get(Speaker, speaker_id).name == "Mara Olsen"


def test_renamed_speaker_keeps_its_old_name_for_later_articles(stored, fake_analyzer, articles):
    speaker_id = claims_by_source(stored)["Washington"].speaker_id
    change(stored, lambda s: review.rename_speaker(speaker_id, "US government", session=s, reviewer="ann"))
    (articles / "grain.txt").write_text("Grain deal\n\nWashington said the deal was unfair.", encoding="utf-8")
    ingest([articles], engine=stored, analyzer=fake_analyzer)
    with Session(stored) as s:
        fresh = s.exec(select(Claim).where(Claim.source_text == "Washington")).one()
        assert fresh.speaker_id == speaker_id  # filed under the renamed speaker, not a new "Washington"
        assert s.exec(select(Speaker).where(Speaker.name == "Washington")).first() is None
        assert review.find_speaker("Washington", session=s).id == speaker_id
    # Undo drops the redirect with the name; renaming there and back again is allowed.
    change(stored, lambda s: review.undo_last(session=s, reviewer="ann"))
    with Session(stored) as s:
        assert s.get(Speaker, speaker_id).name == "Washington"
        assert s.exec(select(SpeakerAlias)).all() == []
    change(stored, lambda s: review.rename_speaker(speaker_id, "US", session=s, reviewer="ann"))
    change(stored, lambda s: review.rename_speaker(speaker_id, "Washington", session=s, reviewer="ann"))
    with Session(stored) as s:
        assert s.get(Speaker, speaker_id).name == "Washington"
        assert {(a.name, a.speaker_id) for a in s.exec(select(SpeakerAlias)).all()} == {
            ("Washington", speaker_id),
            ("US", speaker_id),
        }


def test_undoing_a_topic_move_removes_the_topic_it_made(stored):
    claim = claims_by_source(stored)["Mara Olsen"]
    other = claims_by_source(stored)["Washington"]
    change(stored, lambda s: review.set_claim_topic(claim.id, "Harbour", session=s, reviewer="ann"))
    change(stored, lambda s: review.undo_last(session=s, reviewer="ann"))
    with Session(stored) as s:
        assert s.exec(select(Topic).where(Topic.label == "Harbour")).first() is None
    # A topic someone else has since put a claim in stays.
    change(stored, lambda s: review.set_claim_topic(claim.id, "Harbour", session=s, reviewer="ann"))
    with Session(stored) as s:
        harbour = s.exec(select(Topic).where(Topic.label == "Harbour")).one()
    change(stored, lambda s: review.set_claim_topic(other.id, harbour.id, session=s, reviewer="bob"))
    change(stored, lambda s: review.undo_last(session=s, reviewer="ann"))
    with Session(stored) as s:
        assert s.get(Topic, harbour.id) is not None and s.get(ClaimTopic, claim.id) is None
        assert s.get(ClaimTopic, other.id).topic_id == harbour.id


# ------------------------------------------------------------------------ what later runs must keep


def test_reingest_keeps_reviewed_claims_and_their_corrections(stored, fake_analyzer, articles):
    by_source = claims_by_source(stored)
    for source, status in (("Mara Olsen", "accepted"), ("Officials in Moscow", "rejected")):
        change(
            stored, lambda s, c=by_source[source], st=status: review.set_claim_status(c.id, st, session=s, reviewer="a")
        )
    change(stored, lambda s: review.set_claim_actor(by_source["Washington"].id, "Canada", session=s, reviewer="a"))
    (articles / "harbour.txt").write_text("Update.\n\n" + ARTICLE_A, encoding="utf-8")
    (articles / "grain.txt").write_text("New intro.\n\n" + (articles / "grain.txt").read_text(), encoding="utf-8")
    result = ingest([articles], engine=stored, analyzer=fake_analyzer)
    assert result.updated == 2 and result.kept == 3
    after = claims_by_source(stored)
    assert after["Mara Olsen"].status == "accepted" and after["Officials in Moscow"].status == "rejected"
    with Session(stored) as s:
        assert s.get(Actor, after["Washington"].actor_id).name == "Canada"
        text = s.get(Document, after["Mara Olsen"].document_id).text
    assert text[after["Mara Olsen"].content_start : after["Mara Olsen"].content_end].startswith("We have")


def test_reanalyse_keeps_reviewed_claims(stored, fake_analyzer):
    from claims.services.review import reanalyse

    by_source = claims_by_source(stored)
    change(
        stored,
        lambda s: review.set_claim_speaker(by_source["Mara Olsen"].id, "Port Authority", session=s, reviewer="a"),
    )
    change(stored, lambda s: review.set_claim_topic(by_source["Washington"].id, "Grain", session=s, reviewer="a"))
    assert reanalyse(engine=stored, analyzer=fake_analyzer).documents == 0  # same pipeline version
    with Session(stored) as s:
        for doc in s.exec(select(Document)).all():
            doc.pipeline_version = "old"
            s.add(doc)
        s.commit()
    result = reanalyse(engine=stored, analyzer=fake_analyzer)
    assert (result.documents, result.kept, result.failed) == (2, 2, [])
    after = claims_by_source(stored)
    with Session(stored) as s:
        assert s.get(Speaker, after["Mara Olsen"].speaker_id).name == "Port Authority"
        assert s.get(ClaimTopic, after["Washington"].id).status == "corrected"
        assert {d.pipeline_version for d in s.exec(select(Document)).all()} == {"fake-1"}
    assert len(after) == 4  # nothing duplicated
    assert reanalyse(engine=stored, analyzer=fake_analyzer, everything=True).documents == 2


def _disputes(session) -> dict[str, tuple[str, frozenset[int]]]:
    out = {}
    for d in session.exec(select(Dispute)).all():
        ids = frozenset(session.exec(select(DisputeClaim.claim_id).where(DisputeClaim.dispute_id == d.id)).all())
        out[d.reason] = (d.status, ids)
    return out


def test_recomputing_topics_and_disputes_keeps_reviewer_decisions(stored):
    c = claims_by_source(stored)
    moscow, olsen, washington = c["Officials in Moscow"].id, c["Mara Olsen"].id, c["Washington"].id
    first = change(
        stored,
        lambda s: review.replace_auto_topics_and_disputes(
            [review.TopicInput("t1", "Ports", [moscow, olsen, washington])],
            [
                review.DisputeInput("t1", "contradiction", "kept", 0.7, {"Russia": [moscow], "US": [washington]}),
                review.DisputeInput("t1", "contradiction", "dropped", 0.4, {"Russia": [moscow], "Norway": [olsen]}),
            ],
            session=s,
        ),
    )
    assert (first.topics, first.memberships, first.disputes) == (1, 3, 2)
    with Session(stored) as s:
        ids = {reason: d.id for d in s.exec(select(Dispute)).all() for reason in [d.reason]}
    change(stored, lambda s: review.set_dispute_status(ids["kept"], "confirmed", session=s, reviewer="a"))
    change(stored, lambda s: review.set_claim_topic(olsen, "Harbour people", session=s, reviewer="a"))
    second = change(
        stored,
        lambda s: review.replace_auto_topics_and_disputes(
            [review.TopicInput("x", "Grain", [moscow, olsen, washington])],
            [review.DisputeInput("x", "contradiction", "again", 0.9, {"Russia": [moscow], "US": [washington]})],
            session=s,
        ),
    )
    assert (second.memberships, second.memberships_kept, second.disputes_kept) == (2, 1, 1)
    with Session(stored) as s:
        disputes = _disputes(s)
        assert disputes == {"kept": ("confirmed", frozenset({moscow, washington}))}
        assert s.get(Topic, s.get(ClaimTopic, olsen).topic_id).label == "Harbour people"
        assert s.get(Topic, s.get(ClaimTopic, moscow).topic_id).label == "Grain"
        # the topic of the confirmed dispute is kept; the other auto topic is gone once unused
        labels = {t.label for t in s.exec(select(Topic)).all()}
        assert labels == {"Ports", "Harbour people", "Grain"}


def test_two_reviewed_disputes_of_one_topic_stay_apart_through_recompute_and_relink(stored):
    """A topic holding two disputes: each keeps its own reviewer decision when found again, and when its
    claims are replaced (a re-ingest) each takes the claims of the new dispute with its reason."""
    from sqlmodel import delete

    from claims.services.disputes import _relink_orphaned_reviews

    c = claims_by_source(stored)
    moscow, olsen, washington = c["Officials in Moscow"].id, c["Mara Olsen"].id, c["Washington"].id

    def found(session, a=(moscow, washington), b=(moscow, olsen), order=1):
        return review.replace_auto_topics_and_disputes(
            [review.TopicInput("t1", "Ports", [moscow, olsen, washington])],
            [
                review.DisputeInput("t1", "denial", "Russia vs US", 0.7, {"Russia": [a[0]], "US": [a[1]]}),
                review.DisputeInput("t1", "denial", "Russia vs Norway", 0.6, {"Russia": [b[0]], "Norway": [b[1]]}),
            ][::order],
            session=session,
        )

    assert change(stored, found).disputes == 2
    with Session(stored) as s:
        ids = {d.reason: d.id for d in s.exec(select(Dispute)).all()}
    change(stored, lambda s: review.set_dispute_status(ids["Russia vs US"], "confirmed", session=s, reviewer="a"))
    change(stored, lambda s: review.set_dispute_status(ids["Russia vs Norway"], "dismissed", session=s, reviewer="a"))
    again = change(stored, found)
    assert (again.disputes, again.disputes_kept) == (0, 2)
    with Session(stored) as s:
        assert _disputes(s) == {
            "Russia vs US": ("confirmed", frozenset({moscow, washington})),
            "Russia vs Norway": ("dismissed", frozenset({moscow, olsen})),
        }

    # the reviewed disputes lose their claims (as a re-ingest does), the pipeline finds both again over
    # other claim rows, in the other order: each decision goes to the dispute with its reason
    def reingested(session):
        session.execute(delete(DisputeClaim))
        return found(session, a=(olsen, washington), b=(olsen, moscow), order=-1)

    change(stored, reingested)
    assert change(stored, lambda s: _relink_orphaned_reviews(session=s)) == 2
    with Session(stored) as s:
        assert _disputes(s) == {
            "Russia vs US": ("confirmed", frozenset({olsen, washington})),
            "Russia vs Norway": ("dismissed", frozenset({olsen, moscow})),
        }
        assert {d.id for d in s.exec(select(Dispute)).all()} == set(ids.values())


# -------------------------------------------------------------------------------------------------- CLI


def test_cli_correct_undo_merge_and_export(cli, articles):
    assert cli("ingest", str(articles)).exit_code == 0
    engine_url = cli.db_url
    from db.engine import make_engine

    engine = make_engine(engine_url)
    claim = claims_by_source(engine)["Mara Olsen"]
    run = cli("correct", str(claim.id), "--speaker", "Port Authority", "--actor", "Norway", "--topic", "Harbour",
              "--accept", "--reviewer", "ann")  # fmt: skip
    assert run.exit_code == 0, run.output
    after = claims_by_source(engine)["Mara Olsen"]
    assert after.status == "accepted"
    stale = cli("correct", str(claim.id), "--reject", "--expect-version", "1", "--reviewer", "bob")
    assert stale.exit_code == 1 and "changed by someone else" in stale.output
    assert cli("correct", str(claim.id)).exit_code == 2
    assert cli("undo", "--reviewer", "ann").exit_code == 0
    merged = cli("speakers", "merge", "Washington", "Officials in Moscow", "--reviewer", "ann")
    assert merged.exit_code == 0 and "merged into" in merged.output
    assert cli("speakers", "merge", "Nobody", "Washington").exit_code == 1
    renamed = cli("speakers", "rename", "Mara Olsen", "M. Olsen", "--reviewer", "ann")
    assert renamed.exit_code == 0 and "renamed to M. Olsen" in renamed.output
    missing = cli("speakers", "rename", "Nobody", "Somebody")
    assert missing.exit_code == 1 and "no speaker 'Nobody'" in missing.output

    lines = cli("export", "corrections", "--format", "jsonl").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert {r["field"] for r in records} >= {"speaker_id", "actor_id", "topic_id", "status", "merged_into_id", "name"}
    assert any(r["undone_correction_id"] for r in records) and all(r["reviewer"] == "ann" for r in records)
    out = cli("export", "corrections", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == len(records) and rows[0]["reviewer"] == "ann"
    engine.dispose()


def test_cli_reanalyse(cli, articles):
    assert cli("ingest", str(articles)).exit_code == 0
    run = cli("reanalyse", "--all")
    assert run.exit_code == 0 and "2 document(s) re-analysed" in run.output
    run = cli("reanalyse", "--document", "harbour")
    assert "1 document(s) re-analysed" in run.output


def test_cli_and_db_modules_do_not_import_textual():
    import subprocess
    import sys

    from tests.conftest import REPO

    code = (
        "import sys\n"
        "import claims.cli, claims.services.review, db.review, tui.queries\n"
        "from typer.testing import CliRunner\n"
        "r = CliRunner().invoke(claims.cli.app, ['review', '--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual imported'\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr


def test_undoing_an_alias_puts_back_the_actors_of_its_claims(stored):
    before = claims_by_source(stored)["Mara Olsen"].actor_id
    change(stored, lambda s: review.add_alias("Mara Olsen", "Atlantis", session=s, reviewer="ann"))
    with Session(stored) as s:
        atlantis = s.exec(select(Actor).where(Actor.name == "Atlantis")).one()
    assert claims_by_source(stored)["Mara Olsen"].actor_id == atlantis.id
    assert any(r.entity == "claim" and r.field == "actor_id" and r.new_value == str(atlantis.id) for r in log(stored))
    change(stored, lambda s: review.undo_last(session=s, reviewer="ann"))
    assert claims_by_source(stored)["Mara Olsen"].actor_id == before
