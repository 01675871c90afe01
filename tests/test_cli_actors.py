"""`claims actors kind|set-parent|list`: a reviewer sets an actor's kind and parent; both survive a
re-ingest, and the export carries them."""

from __future__ import annotations

from tests.test_cli import export, ingested, one_line_error  # noqa: F401  (fixture re-used)


def test_kind_and_parent_by_hand_survive_reingest(ingested, articles):
    records = [r for r in export(ingested) if r["actor"]]
    assert records and all(set(r["actor"]) == {"id", "name", "kind", "parent"} for r in records)
    name = records[0]["actor"]["name"]
    result = ingested("actors", "kind", name, "campaign")
    assert result.exit_code == 0, result.stderr
    result = ingested("actors", "set-parent", name, "Atlantis")
    assert result.exit_code == 0, result.stderr
    assert ingested("ingest", str(articles), "--force").exit_code == 0
    actor = next(r["actor"] for r in export(ingested) if r["actor"] and r["actor"]["name"] == name)
    assert (actor["kind"], actor["parent"]) == ("campaign", "Atlantis")
    listing = ingested("actors", "list")
    assert listing.exit_code == 0
    lines = listing.stdout.splitlines()
    atlantis = next(k for k, line in enumerate(lines) if " Atlantis " in line)
    assert any(f"└ {name}" in line for line in lines[atlantis + 1 :])  # shown under its parent
    assert "campaign (set)" in listing.stdout


def test_bad_kind_and_parent_cycle_are_one_line_errors(ingested):
    name = next(r["actor"]["name"] for r in export(ingested) if r["actor"])
    bad = ingested("actors", "kind", name, "planet")
    assert bad.exit_code == 1 and "unknown kind" in one_line_error(bad)
    assert ingested("actors", "set-parent", name, "Atlantis").exit_code == 0  # a new actor Atlantis
    cycle = ingested("actors", "set-parent", "Atlantis", name)
    assert cycle.exit_code == 1 and "cannot be its parent" in one_line_error(cycle)
    assert ingested("actors", "set-parent", name, "--clear").exit_code == 0
    missing = ingested("actors", "kind", "Nowhere Land", "party")
    assert missing.exit_code == 1 and "no actor" in one_line_error(missing)
