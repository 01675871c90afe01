"""`claims topics`, `claims disputes` (list, filters, --recompute, confirm, dismiss, reopen) and
`claims export disputes`, end to end with the real pipeline on the example article."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import Cli

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "seed_article.txt"


@pytest.fixture(scope="module")
def seeded_file(tmp_path_factory, real_analyzer) -> Path:
    """A database file with the example article ingested through `claims ingest` (which recomputes)."""
    import claims.cli.common

    path = tmp_path_factory.mktemp("cli-seeded") / "claims.db"
    saved = claims.cli.common.analyzer_factory
    claims.cli.common.analyzer_factory = lambda model: real_analyzer
    try:
        result = Cli(CliRunner(), f"sqlite:///{path}")("ingest", str(EXAMPLE))
    finally:
        claims.cli.common.analyzer_factory = saved
    assert result.exit_code == 0, result.output
    assert "topics and disputes updated" in result.stdout
    return path


@pytest.fixture
def cli(seeded_file, tmp_path, monkeypatch, real_analyzer) -> Cli:
    import claims.cli.common

    monkeypatch.setattr(claims.cli.common, "analyzer_factory", lambda model: real_analyzer)
    monkeypatch.delenv("CLAIMS_DB", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "claims.db"
    shutil.copy(seeded_file, path)
    return Cli(CliRunner(), f"sqlite:///{path}")


def exported(cli: Cli, *args: str) -> list[dict]:
    result = cli("export", "disputes", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def sides(dispute: dict) -> set[str]:
    """The sides the dispute's claims take (a White House claim is on the United States' side)."""
    return {c["side"] for c in dispute["claims"]}


# ------------------------------------------------------------------------------------------- end to end


def test_ingest_finds_the_convoy_dispute_russia_against_the_united_states(real_cli):
    result = real_cli("ingest", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    assert "topics and disputes updated" in result.stdout
    disputes = exported(real_cli)
    assert disputes, "no dispute found in the example article"
    for dispute in disputes:
        assert sides(dispute) == {"Russia", "United States"}
    assert any("convoy" in d["topic"]["label"] for d in disputes)


def test_ingest_finds_both_disputes_of_the_example_article(real_cli):
    assert real_cli("ingest", str(EXAMPLE)).exit_code == 0
    disputes = exported(real_cli)
    assert len(disputes) == 2
    assert all(sides(d) == {"Russia", "United States"} for d in disputes)


# ---------------------------------------------------------------------------------------------- listing


def test_disputes_table(cli):
    result = cli("disputes")
    assert result.exit_code == 0, result.output
    assert "dispute(s)" in result.stdout
    assert re.search(r"Russia \(\d+\)", result.stdout) and re.search(r"vs United States \(\d+\)", result.stdout)
    assert "auto" in result.stdout and "convoy" in result.stdout


def test_disputes_filters(cli):
    (dispute,) = [d for d in exported(cli) if "convoy" in d["topic"]["label"]]
    count = len(exported(cli))
    for args, expected in [
        (["--actor", "Russia"], count),
        (["--actor", "united states"], count),
        (["--actor", "France"], 0),
        (["--topic", "convoy"], 1),
        (["--topic", str(dispute["topic"]["id"])], 1),
        (["--status", "auto"], count),
        (["--status", "confirmed"], 0),
        (["--document", "seed_article"], count),
        (["--document", "nope"], 0),
    ]:
        result = cli("disputes", *args)
        assert result.exit_code == 0, (args, result.output)
        assert f"{expected} dispute(s)" in result.stdout, (args, result.stdout)
        assert len(exported(cli, *args)) == expected, args
    assert cli("disputes", "--status", "maybe").exit_code == 2


def test_confirm_dismiss_reopen_and_recompute(cli):
    (dispute,) = [d for d in exported(cli) if "convoy" in d["topic"]["label"]]
    ident = str(dispute["id"])
    result = cli("disputes", "confirm", ident, "--reviewer", "ann")
    assert result.exit_code == 0, result.output
    assert f"dispute {ident} confirmed" in result.stdout
    result = cli("disputes", "--recompute", "--status", "confirmed")
    assert result.exit_code == 0, result.output
    assert "topics and disputes recomputed" in result.stdout and "1 already reviewed" in result.stdout
    assert "1 dispute(s)" in result.stdout
    assert [d["id"] for d in exported(cli, "--status", "confirmed")] == [dispute["id"]]
    assert len(exported(cli)) == len(exported(cli, "--status", "confirmed")) + len(exported(cli, "--status", "auto"))

    assert cli("disputes", "dismiss", ident, "--expect-version", "1").exit_code == 1  # it is at version 2 now
    assert cli("disputes", "dismiss", ident, "--expect-version", "2").exit_code == 0
    assert exported(cli, "--status", "dismissed")[0]["id"] == dispute["id"]
    assert cli("disputes", "reopen", ident).exit_code == 0
    assert exported(cli, "--status", "dismissed") == []

    missing = cli("disputes", "confirm", "9999")
    assert missing.exit_code == 1 and "no dispute with id 9999" in missing.stderr
    assert "Traceback" not in missing.output


def test_topics_table(cli):
    result = cli("topics", "--several")
    assert result.exit_code == 0, result.output
    assert "topic(s)" in result.stdout and "convoy" in result.stdout
    assert re.search(r"Russia \(\d+\), United States \(\d+\)", result.stdout)
    assert "0 topic(s)" in cli("topics", "--actor", "France").stdout
    assert "1 topic(s)" in cli("topics", "--topic", "convoy").stdout
    assert "0 topic(s)" in cli("topics", "--document", "nope").stdout


# ----------------------------------------------------------------------------------------------- export


def test_export_json_claims_are_export_claims_records(cli):
    disputes = exported(cli)
    claims = cli("export", "claims")
    records = {r["id"]: r for r in map(json.loads, claims.stdout.splitlines())}
    for dispute in disputes:
        assert set(dispute) == {"id", "topic", "kind", "reason", "confidence", "status", "claims"}
        for record in dispute["claims"]:
            # an export claims record, with the side the claim takes in this dispute
            # (its topic is the dispute's: a claim of a linked topic of the same document is shown there)
            side = record.pop("side")
            topic = record.pop("topic")
            expected = dict(records[record["id"]])
            expected.pop("topic")
            # (known gap: a dispute record's actor carries no parent name yet; export claims does)
            expected["actor"] = {**expected["actor"], "parent": record["actor"]["parent"]}
            assert record == expected and topic == dispute["topic"]
            assert side in {record["actor"]["name"], record["actor"]["parent"]} or record["actor"]["parent"] is None


@pytest.mark.parametrize("fmt", ["json", "md", "html", "csv", "claimreview"])
def test_export_formats_to_a_file(cli, tmp_path, fmt):
    target = tmp_path / f"disputes.{fmt}"
    result = cli("export", "disputes", "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "written to" in result.stderr
    text = target.read_text(encoding="utf-8")
    disputes = exported(cli)
    claims = sum(len(d["claims"]) for d in disputes)
    if fmt == "json":
        assert json.loads(text) == disputes
    elif fmt == "md":
        assert text.startswith("# Disputed claims") and re.search(r"#### Russia \(\d+\)", text) is not None
    elif fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and re.search(r"Russia \(\d+\)", text) is not None
    elif fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(text)))) == claims
    else:
        reviews = json.loads(text)
        assert len(reviews) == claims
        assert {r["@type"] for r in reviews} == {"ClaimReview"}
        assert {r["reviewRating"]["alternateName"] for r in reviews} == {"Disputed"}


def test_export_disputes_bad_format(cli):
    assert cli("export", "disputes", "--format", "pdf").exit_code == 2


# ------------------------------------------------------------------------------------ topics and their claims


def test_topics_topic_shows_its_claims_and_list_filters_by_topic(cli):
    result = cli("topics", "--topic", "convoy")
    assert result.exit_code == 0, result.output
    assert "humanitarian aid convoy: 6 of 6 claim(s)" in result.stdout
    assert "the terrorists on the ground for the incident" in result.stdout
    listing = cli("list", "--topic", "convoy")
    assert listing.exit_code == 0 and "6 of 6 claim(s)" in listing.stdout
    assert "Damascus and Moscow" in listing.stdout and "Lausanne" not in listing.stdout
    assert "0 of 0 claim(s)" in cli("list", "--topic", "no such topic").stdout


def test_correct_topic_matches_existing_labels_as_topics_topic_does(cli):
    claim = json.loads(cli("export", "claims").stdout.splitlines()[0])["id"]
    result = cli("correct", str(claim), "--topic", "convoy")
    assert result.exit_code == 0, result.output
    assert "topic humanitarian aid convoy" in result.stdout  # the existing topic, not a new "convoy"
    assert "7 of 7 claim(s)" in cli("list", "--topic", "convoy").stdout
    several = cli("correct", str(claim), "--topic", "a")
    assert several.exit_code == 1 and "topics match 'a'" in several.stderr and "give the id" in several.stderr
    new = cli("correct", str(claim), "--topic", "a topic of its own")
    assert new.exit_code == 0 and "topic a topic of its own" in new.stdout


def test_disputes_stay_current_after_corrections(cli):
    """Rejecting every claim of one side ends the dispute at once (its topic's disputes are found again);
    undoing brings it back, and so does an alias that gives those claims back a side."""
    before = exported(cli)
    assert before
    dispute = before[0]
    side = next(iter(sorted({c["side"] for c in dispute["claims"]})))
    ids = [c["id"] for c in dispute["claims"] if c["side"] == side]
    for claim_id in ids:
        result = cli("correct", str(claim_id), "--reject")
        assert result.exit_code == 0, result.stderr
    assert "disputes updated" in result.stdout
    after = exported(cli)
    assert dispute["id"] not in {d["id"] for d in after} or all(
        side not in {c["side"] for c in d["claims"]} for d in after if d["id"] == dispute["id"]
    )
    assert len(after) == len(before) - 1
    for _ in ids:
        assert cli("undo").exit_code == 0
    assert len(exported(cli)) == len(before)
