"""The ``claims`` command line (with the fake analyzer; see test_cli_real.py for the real pipeline)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from claims.io.evaluate import score
from tests.conftest import ARTICLE_A, ARTICLE_B

RECORD_KEYS = [
    "id",
    "document",
    "sentence",
    "content",
    "cue",
    "source",
    "speaker",
    "actor",
    "kind",
    "confidence",
    "status",
    "topic",
]


def one_line_error(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output + result.stderr
    return lines[0]


def export(cli, *args) -> list[dict]:
    result = cli("export", "claims", "--format", "jsonl", *args)
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def ingested(cli, articles):
    result = cli("ingest", str(articles))
    assert result.exit_code == 0, result.stderr
    return cli


# ----------------------------------------------------------------------------------------------- ingest


def test_ingest_then_reingest(cli, articles):
    result = cli("ingest", str(articles))
    assert result.exit_code == 0
    assert "2 document(s) stored (2 new, 0 updated), 0 unchanged, 4 claim(s)" in result.stdout
    again = cli("ingest", str(articles), "--jobs", "1", "--batch-size", "4")
    assert again.exit_code == 0 and "0 document(s) stored" in again.stdout and "2 unchanged" in again.stdout


def test_ingest_with_skipped_inputs_exits_1_and_stores_good_ones(cli, articles, tmp_path):
    (articles / "bad.bin").write_bytes(b"\x00\x01")
    (tmp_path / "zero.txt").write_bytes(b"\x00binary")
    result = cli("ingest", str(articles), str(tmp_path / "zero.txt"), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 3
    assert any("missing.txt: no such file or directory" in line for line in skipped)
    assert any("bad.bin: unknown extension" in line for line in skipped)
    assert any("zero.txt: binary file" in line for line in skipped)
    assert len(export(cli)) == 4


def test_ingest_without_paths_is_a_usage_error(cli):
    assert cli("ingest").exit_code == 2
    assert cli("ingest", "x.txt", "--jobs", "0").exit_code == 2


def test_ingest_stdin(cli):
    result = cli("ingest", "-", input=ARTICLE_B.encode())
    assert result.exit_code == 0, result.stderr
    assert {r["document"]["external_id"] for r in export(cli)} == {"stdin"}


def test_ingest_unchanged_does_not_load_the_pipeline(cli, articles, monkeypatch):
    import claims.cli.common

    assert cli("ingest", str(articles)).exit_code == 0

    def no_loading(model):
        raise AssertionError("the pipeline should not be loaded")

    monkeypatch.setattr(claims.cli.common, "analyzer_factory", no_loading)
    assert cli("ingest", str(articles)).exit_code == 0


def test_missing_model_is_one_line(cli, articles, monkeypatch):
    import claims.cli.common
    from claims.errors import ModelNotFoundError

    def missing(model):
        raise ModelNotFoundError(f"spaCy pipeline {model!r} is not installed")

    monkeypatch.setattr(claims.cli.common, "analyzer_factory", missing)
    result = cli("--model", "xx_nothing", "ingest", str(articles))
    assert result.exit_code == 1
    assert one_line_error(result) == "error: spaCy pipeline 'xx_nothing' is not installed"


# ------------------------------------------------------------------------------------------ list, show


@pytest.fixture
def wide_out(monkeypatch):
    """Render the command's Rich output on a wide (optionally colour) console; returns the buffer."""
    from rich.console import Console

    import claims.cli.common

    buffer = io.StringIO()

    def use(colour: bool = False) -> io.StringIO:
        console = Console(file=buffer, width=220, force_terminal=colour, color_system="standard" if colour else None)
        monkeypatch.setattr(claims.cli.common, "out", console)
        return buffer

    return use


def test_list_and_filters(ingested, wide_out):
    buffer = wide_out()
    result = ingested("list")
    assert result.exit_code == 0
    for expected in (
        "Officials in Moscow",
        "Mara Olsen",
        "Washington",
        "Russia",
        "United States",
        "harbour",
        "indirect",
        "direct",
        "unattributed",
        "We have no plans to leave the port",
        "0.90",
        "auto",
    ):
        assert expected in buffer.getvalue()
    assert "4 of 4 claim(s)" in buffer.getvalue()

    def listing(*args: str) -> str:
        buffer.seek(0)
        buffer.truncate()
        assert ingested("list", *args).exit_code == 0
        return buffer.getvalue()

    assert "1 of 1 claim(s)" in listing("--actor", "russia")
    assert "2 of 2 claim(s)" in listing("--document", "grain")
    only_olsen = listing("--speaker", "olsen", "--kind", "direct")
    assert "1 of 1 claim(s)" in only_olsen and "Washington" not in only_olsen
    assert "0 of 0 claim(s)" in listing("--status", "accepted")
    assert "1 of 4 claim(s)" in listing("--limit", "1")
    assert ingested("list", "--kind", "rumour").exit_code == 2


def test_show_marks_source_cue_and_content(ingested):
    claim = next(r for r in export(ingested) if r["speaker"] and r["speaker"]["name"] == "Mara Olsen")
    result = ingested("show", str(claim["id"]))
    assert result.exit_code == 0
    for expected in ("Mara Olsen", "direct", "0.90", "auto", "harbour", "We have no plans to leave the port"):
        assert expected in result.stdout
    # piped (no colour): the roles are marked in the text itself
    assert (
        "«We have no plans to leave the port,»" in result.stdout
        or "«We have no plans to leave the port»" in result.stdout
    )
    assert "{said} [source: Mara Olsen]" in result.stdout
    assert "legend: [source: …]  {cue}  «content»" in result.stdout


def test_show_styles_in_colour(ingested, wide_out):
    claim = next(r for r in export(ingested) if r["source"] and r["source"]["text"] == "Officials in Moscow")
    buffer = wide_out(colour=True)
    assert ingested("show", str(claim["id"])).exit_code == 0
    rendered = buffer.getvalue()
    assert "\x1b[1;36mOfficials in Moscow" in rendered  # source: bold cyan
    assert "\x1b[1;35msaid" in rendered  # cue: bold magenta
    assert "\x1b[4;32mthe harbour talks" in rendered  # content: green underline


def test_show_unknown_claim(ingested):
    result = ingested("show", "9999")
    assert result.exit_code == 1 and one_line_error(result) == "error: no claim with id 9999"


# ---------------------------------------------------------------------------------------------- export


def test_export_jsonl_exact_shape(ingested):
    records = export(ingested)
    assert len(records) == 4
    texts = {"harbour": ARTICLE_A, "grain": ARTICLE_B}
    for record in records:
        assert list(record) == RECORD_KEYS
        assert list(record["topic"]) == ["id", "label"]  # the ingest put every claim in a topic
        text = texts[record["document"]["external_id"]]
        for role in ("content", "cue", "source"):
            if record[role] is not None:
                assert text[record[role]["start"] : record[role]["end"]] == record[role]["text"]
        assert text[record["sentence"]["start"] : record["sentence"]["end"]]


def test_export_csv_to_file(ingested, tmp_path):
    target = tmp_path / "claims.csv"
    result = ingested("export", "claims", "--format", "csv", "-o", str(target))
    assert result.exit_code == 0 and "4 claim(s) written" in result.stderr
    rows = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert len(rows) == 4
    assert {
        "document_external_id",
        "content_start",
        "content_end",
        "content_text",
        "speaker_name",
        "actor_name",
    } <= set(rows[0])
    assert sorted(r["document_external_id"] for r in rows) == ["grain", "grain", "harbour", "harbour"]


def test_export_to_missing_folder_is_one_line(ingested, tmp_path):
    result = ingested("export", "claims", "-o", str(tmp_path / "no" / "such" / "out.jsonl"))
    assert result.exit_code == 1 and one_line_error(result).startswith("error: cannot write or read")


# -------------------------------------------------------------------------------------------- evaluate


@pytest.fixture
def gold_file(tmp_path):
    def at(text, part):
        start = text.index(part)
        return [{"start": start, "end": start + len(part), "text": part}]

    gold = {
        "article": "harbour",
        "text": ARTICLE_A,
        "attributions": [
            {
                "source": at(ARTICLE_A, "Officials in Moscow"),
                "cue": at(ARTICLE_A, "said"),
                "content": at(ARTICLE_A, "the harbour talks would resume in spring"),
            },
            {
                "source": at(ARTICLE_A, "Mara Olsen, a spokeswoman for the port authority"),
                "cue": at(ARTICLE_A, "said"),
                "content": at(ARTICLE_A, "“We have no plans to leave the port,”"),
            },
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    return path


def test_evaluate_stored_claims(ingested, gold_file):
    result = ingested("evaluate", str(gold_file), "--json")
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)
    golds = [json.loads(gold_file.read_text())]
    assert scores == {"documents_stored": 1} | score(golds, export(ingested))
    assert scores["documents"] == 1 and scores["attribution"]["tp"] == 2
    # only documents in the gold count: grain's claim is not a prediction
    assert scores["attribution"]["pred"] == 2 and scores["source_exact"]["tp"] == 1
    table = ingested("evaluate", str(gold_file))
    assert table.exit_code == 0 and "who said what" in table.stdout and "attribution F1=1.000" in table.stdout


def test_evaluate_matches_gold_by_text_and_reads_one_json_article(ingested, gold_file, tmp_path):
    """Gold of an article stored under another id (a .txt file named otherwise) is matched by its text; the
    gold may be one JSON object (the example's format) as well as JSONL."""
    gold = json.loads(gold_file.read_text())
    gold["article"] = "not-the-stored-id"
    single = tmp_path / "gold.json"
    single.write_text(json.dumps(gold, indent=1), encoding="utf-8")
    result = ingested("evaluate", str(single), "--json")
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["documents_stored"] == 1 and scores["attribution"]["tp"] == 2


def test_evaluate_warns_when_no_gold_article_is_stored(ingested, gold_file, tmp_path):
    gold = json.loads(gold_file.read_text())
    gold["article"], gold["text"] = "elsewhere", "A text that was never ingested."
    gold["attributions"] = []
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    result = ingested("evaluate", str(other))
    assert result.exit_code == 1
    assert "none of the 1 gold article(s) is a stored document" in result.stderr
    assert "Traceback" not in result.stderr


def test_read_commands_do_not_create_a_database(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from claims.cli import app

    monkeypatch.chdir(tmp_path)
    for args in (["list"], ["stats"], ["disputes"], ["export", "claims"], ["show", "1"], ["topics"]):
        result = CliRunner().invoke(app, ["--db", "sqlite:///absent.db", *args])
        assert result.exit_code == 1, (args, result.stdout)
        assert "no database at" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "absent.db").exists()


def test_evaluate_with_articles_uses_a_fresh_database(cli, gold_file, tmp_path):
    feed = tmp_path / "articles.jsonl"
    feed.write_text(json.dumps({"id": "harbour", "text": ARTICLE_A}) + "\n" + json.dumps({"id": "x", "text": "Y."}))
    result = cli("evaluate", str(gold_file), "--articles", str(feed), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["attribution"]["tp"] == 2
    # the database given with --db was not touched (SQLite: not even created)
    if cli.db_url.startswith("sqlite"):
        assert "no database at" in cli("stats").stderr
    else:
        assert export(cli) == []


def test_evaluate_bad_gold_is_one_line(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{nope\n")
    result = cli("evaluate", str(bad))
    assert result.exit_code == 1 and one_line_error(result).startswith("error: ")
    assert cli("evaluate", str(tmp_path / "absent.jsonl")).exit_code == 2


# ------------------------------------------------------------------------------- stats, actors, global


def test_stats(ingested):
    result = ingested("stats")
    assert result.exit_code == 0
    lines = {" ".join(line.strip("│ ").split()) for line in result.stdout.splitlines()}
    for expected in (
        "documents │ 2",
        "claims │ 4",
        "direct │ 1",
        "indirect │ 2",
        "unattributed │ 1",
        "auto │ 4",
        "speakers │ 3",
        "actors │ 2",
    ):
        assert any(expected in line for line in lines), (expected, result.stdout)


def test_actors_alias_updates_existing_claims_and_later_ingests(ingested, tmp_path):
    result = ingested("actors", "alias", "Mara Olsen", "Norway")
    assert result.exit_code == 0, result.stderr
    assert "1 speaker(s) and 1 claim(s) updated" in result.stdout
    olsen = next(r for r in export(ingested) if r["speaker"] and r["speaker"]["name"] == "Mara Olsen")
    assert olsen["actor"]["name"] == "Norway"
    # a user alias overrides the pipeline's actor at ingest
    assert ingested("actors", "alias", "Washington", "Atlantis").exit_code == 0
    (tmp_path / "new.txt").write_text("Washington said the port is open.")
    assert ingested("ingest", str(tmp_path / "new.txt")).exit_code == 0
    new = [r for r in export(ingested, "--document", "new")]
    assert [r["actor"]["name"] for r in new] == ["Atlantis"]
    listing = ingested("actors", "list")
    assert listing.exit_code == 0
    for expected in ("Norway", "Mara Olsen", "Atlantis", "Russia", "United States"):
        assert expected in listing.stdout


@pytest.mark.parametrize("url", ["definitely not a url", "nosuchdb://host/x"])
def test_bad_db_url_is_one_line(cli, url):
    from typer.testing import CliRunner

    from claims.cli import app

    result = CliRunner().invoke(app, ["--db", url, "stats"])
    assert result.exit_code == 2
    assert one_line_error(result).startswith("error: ")
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_unopenable_db_is_one_line(tmp_path):
    from typer.testing import CliRunner

    from claims.cli import app

    result = CliRunner().invoke(app, ["--db", f"sqlite:///{tmp_path}/nope/x.db", "list"])
    assert result.exit_code == 1 and "does not exist" in one_line_error(result)


def test_db_from_environment(tmp_path, monkeypatch, cli, articles):
    from typer.testing import CliRunner

    from claims.cli import app

    monkeypatch.setenv("CLAIMS_DB", f"sqlite:///{tmp_path / 'env.db'}")
    result = CliRunner().invoke(app, ["ingest", str(articles)])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "env.db").exists()


def test_version():
    from typer.testing import CliRunner

    from claims import __version__
    from claims.cli import app

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith(f"claims {__version__}")


def test_no_textual_and_no_engine_at_import():
    import subprocess
    import sys

    code = (
        "import sys, sqlalchemy\n"
        "created = []\n"
        "real = sqlalchemy.create_engine\n"
        "sqlalchemy.create_engine = lambda *a, **k: created.append(a) or real(*a, **k)\n"
        "import claims.cli, claims.services.ingest, claims.io.export, claims.io.evaluate, db.engine, db.repository\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual imported'\n"
        "assert not created, 'an engine was built at import'\n"
    )
    from tests.conftest import REPO

    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr


def test_progress_bar_only_on_a_terminal_and_for_real_work(monkeypatch):
    import io

    from rich.console import Console

    import claims.cli.common as common

    buffer = io.StringIO()
    monkeypatch.setattr(common, "err", Console(file=buffer, force_terminal=True, width=80))
    with common.progress("ingest", common.PROGRESS_THRESHOLD) as advance:
        advance()
    assert buffer.getvalue() == ""  # small work: no bar
    with common.progress("ingest", 10) as advance:
        for _ in range(10):
            advance()
    assert "10/10" in buffer.getvalue()
    buffer.truncate(0)
    monkeypatch.setattr(common, "err", Console(file=buffer, force_terminal=False, width=80))
    with common.progress("ingest", 10) as advance:
        advance()
    assert buffer.getvalue() == ""  # not a terminal: nothing drawn
