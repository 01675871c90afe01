"""`claims actors import`: a user alias file overrides the automatic actor mapping."""

from __future__ import annotations

import json

from tests.test_cli import export, ingested, one_line_error  # noqa: F401  (fixture re-used)


def test_alias_file_json_and_csv_override_actors(ingested, tmp_path):
    (tmp_path / "aliases.json").write_text(json.dumps({"Mara Olsen": "Norway"}))
    result = ingested("actors", "import", str(tmp_path / "aliases.json"))
    assert result.exit_code == 0, result.stderr
    assert "1 alias(es) loaded" in result.stdout
    (tmp_path / "aliases.csv").write_text("name,actor\nWashington,Atlantis\n")
    assert ingested("actors", "import", str(tmp_path / "aliases.csv")).exit_code == 0
    by_speaker = {r["speaker"]["name"]: r["actor"]["name"] for r in export(ingested) if r["speaker"]}
    assert by_speaker["Mara Olsen"] == "Norway"
    assert by_speaker["Washington"] == "Atlantis"


def test_unreadable_alias_file_is_one_line(ingested, tmp_path):
    (tmp_path / "bad.csv").write_text("only-one-column\n")
    result = ingested("actors", "import", str(tmp_path / "bad.csv"))
    assert result.exit_code == 1
    assert "cannot read alias file" in one_line_error(result)
    missing = ingested("actors", "import", str(tmp_path / "missing.json"))
    assert missing.exit_code == 1
    assert "cannot read alias file" in one_line_error(missing)
