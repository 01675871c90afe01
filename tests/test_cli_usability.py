"""The command line's rough edges (issue 15): undo messages, aliases undone and removed, no-op corrections,
exports into a closed pipe and their file permissions, `speakers list`, `reanalyse --document`, flags in
`--help`, and claims tables as wide as the terminal (fake analyzer)."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from tests.test_cli import export, one_line_error

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def ingested(cli, articles):
    result = cli("ingest", str(articles))
    assert result.exit_code == 0, result.stderr
    return cli


def olsen(cli) -> dict:
    return next(r for r in export(cli) if r["speaker"] and r["speaker"]["name"] == "Mara Olsen")


def version(cli, claim_id: int) -> int:
    shown = cli("show", str(claim_id))
    assert shown.exit_code == 0, shown.output
    match = re.search(r"\(version (\d+)\)", shown.stdout)
    assert match, shown.stdout
    return int(match.group(1))


# ------------------------------------------------------------------------------------ corrections, undo


def test_undo_says_what_it_undid(ingested):
    claim = olsen(ingested)["id"]
    assert ingested("correct", str(claim), "--reject").exit_code == 0
    result = ingested("undo")
    assert result.exit_code == 0, result.output
    assert f"claim {claim}: status back to 'auto' (was 'rejected')" in result.stdout
    assert result.stdout.startswith("undone (")
    speaker = ingested("correct", str(claim), "--speaker", "Ana Ruiz")
    assert speaker.exit_code == 0
    result = ingested("undo")
    assert f"claim {claim}: speaker back to 'Mara Olsen' (was 'Ana Ruiz')" in result.stdout
    nothing = ingested("undo", "--reviewer", "nobody")
    assert nothing.exit_code == 1 and one_line_error(nothing) == "error: nothing to undo for nobody"


def test_a_correction_that_changes_nothing_changes_no_version(ingested):
    claim = olsen(ingested)["id"]
    assert ingested("correct", str(claim), "--accept").exit_code == 0
    before = version(ingested, claim)
    again = ingested("correct", str(claim), "--accept")
    assert again.exit_code == 0 and "(nothing changed)" in again.stdout
    assert version(ingested, claim) == before
    same_speaker = ingested("correct", str(claim), "--speaker", "Mara Olsen")
    assert "(nothing changed)" in same_speaker.stdout and version(ingested, claim) == before
    # the no-op is no action: undo takes back the accept
    assert f"claim {claim}: status back to 'auto'" in ingested("undo").stdout


def test_alias_is_undone_and_removed(ingested):
    result = ingested("actors", "alias", "Mara Olsen", "Norway")
    assert result.exit_code == 0 and "1 speaker(s) and 1 claim(s) updated" in result.stdout
    assert olsen(ingested)["actor"]["name"] == "Norway"
    undone = ingested("undo")
    assert undone.exit_code == 0, undone.output
    assert "alias 'Mara Olsen' removed" in undone.stdout and "actor back to" in undone.stdout
    assert (olsen(ingested)["actor"] or {}).get("name") != "Norway"
    assert "Mara Olsen" not in ingested("actors", "list").stdout.split("Norway")[-1]

    assert ingested("actors", "alias", "Mara Olsen", "Norway").exit_code == 0
    removed = ingested("actors", "unalias", "mara olsen")
    assert removed.exit_code == 0 and "alias 'Mara Olsen' → Norway removed" in removed.stdout
    assert "Mara Olsen" not in ingested("actors", "list").stdout  # no alias left (the speaker keeps Norway)
    assert olsen(ingested)["actor"]["name"] == "Norway"
    restored = ingested("undo")
    assert "alias 'Mara Olsen' restored" in restored.stdout
    assert "Mara Olsen" in ingested("actors", "list").stdout
    missing = ingested("actors", "unalias", "Nobody")
    assert missing.exit_code == 1 and "no alias 'Nobody'" in one_line_error(missing)


# ---------------------------------------------------------------------------------------------- export


def test_export_into_a_closed_pipe_exits_quietly(cli, tmp_path, fake_analyzer):
    from claims.services.ingest import ingest
    from db.engine import make_engine

    if not cli.db_url.startswith("sqlite"):
        pytest.skip("one backend is enough")
    words = " ".join(f"quay{n}" for n in range(150))  # long claims: the export is far more than a pipe holds
    lines = "\n".join(f"Washington said the port {n} was open by {words}." for n in range(200))
    (tmp_path / "many.txt").write_text(lines, encoding="utf-8")
    engine = make_engine(cli.db_url, create=True)
    try:  # stored without recomputing topics (quick)
        assert ingest([tmp_path / "many.txt"], engine=engine, analyzer=fake_analyzer).claims == 200
    finally:
        engine.dispose()
    command = [sys.executable, "-m", "claims.cli", "--db", cli.db_url, "export", "claims"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # as `claims export claims | head -1`: the reader goes away after one line
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0, stderr
    assert json.loads(first)["kind"] == "indirect"
    assert stderr == ""  # no traceback, no "Exception ignored", no error line
    shell = subprocess.run(
        f"{' '.join(command)} | head -1", shell=True, cwd=REPO, env=env, capture_output=True, text=True
    )
    assert shell.returncode == 0 and shell.stderr == "" and len(shell.stdout.splitlines()) == 1


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_export_files_follow_the_umask(ingested, tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        for args in (("claims",), ("corrections",), ("disputes", "--format", "html")):
            target = tmp_path / f"{args[0]}.out"
            result = ingested("export", *args, "-o", str(target))
            assert result.exit_code == 0, result.output
            assert target.stat().st_mode & 0o777 == mode, args
    finally:
        os.umask(old)
    kept = tmp_path / "claims.out"
    kept.chmod(0o640)  # a file that is replaced keeps its permissions
    assert ingested("export", "claims", "-o", str(kept)).exit_code == 0
    assert kept.stat().st_mode & 0o777 == 0o640


# ----------------------------------------------------------------------------------------- other commands


def test_speakers_list(ingested, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    result = ingested("speakers", "list")
    assert result.exit_code == 0, result.output
    for expected in ("speaker(s)", "Mara Olsen", "Officials in Moscow", "Washington", "Russia", "United States"):
        assert expected in result.stdout
    assert ingested("speakers", "merge", "Officials in Moscow", "Washington").exit_code == 0
    merged = ingested("speakers", "list")
    assert "Officials in Moscow" in merged.stdout  # as a former name of Washington
    assert re.search(r"Washington .*Officials in Moscow", merged.stdout)
    assert "merged into Washington" in ingested("speakers", "list", "--merged").stdout
    only = ingested("speakers", "list", "--name", "olsen")
    assert "1 of 1 speaker(s)" in only.stdout and "Washington" not in only.stdout


def test_reanalyse_unknown_document_is_an_error(ingested):
    result = ingested("reanalyse", "--document", "nope")
    assert result.exit_code == 1
    assert one_line_error(result) == "error: no document 'nope' (see `claims list` or `claims stats`)"


def _commands(command, path: tuple[str, ...] = ()):
    yield path
    if hasattr(command, "commands"):  # a group (Typer vendors click: not a click.Group)
        for name, sub in command.commands.items():
            yield from _commands(sub, (*path, name))


def test_help_shows_flags_as_flags(cli):
    from claims.cli import app

    root = typer.main.get_command(app)
    paths = list(_commands(root))
    assert ("export", "claims") in paths and ("actors", "unalias") in paths and ("speakers", "list") in paths
    seen_flags = set()
    for path in paths:
        result = cli(*path, "--help")
        assert result.exit_code == 0, (path, result.output)
        assert "<bool>" not in result.stdout, path
        seen_flags.update(re.findall(r"--(?:version|json|force|several|raw-csv|all|merged|reject)\b", result.stdout))
    assert {"--version", "--force", "--several", "--raw-csv", "--all"} <= seen_flags
    assert "<str>" in cli("--help").stdout  # options that take a value still say what


# ------------------------------------------------------------------------------------------ claims tables


@pytest.mark.parametrize("width", [60, 80, 160])
def test_list_uses_the_terminal_width_and_shows_the_status_in_full(ingested, monkeypatch, width):
    from rich.console import Console

    import claims.cli.common

    claim = olsen(ingested)["id"]
    assert ingested("correct", str(claim), "--speaker", "Mara Olsen Jensen").exit_code == 0  # "corrected"
    buffer = io.StringIO()
    monkeypatch.setattr(claims.cli.common, "out", Console(file=buffer, width=width, color_system=None))
    assert ingested("list").exit_code == 0
    lines = buffer.getvalue().splitlines()
    assert all(len(line.rstrip()) <= width for line in lines)
    rows = [line for line in lines if re.match(r"\s*\d+ ", line) and "claim(s)" not in line]
    assert len(rows) == 4  # one line per claim
    assert any(line.rstrip().endswith("corrected") for line in rows)
    assert all(line.rstrip().endswith(("auto", "corrected")) for line in rows)
    content = next(line for line in rows if "We have no plans" in line or "We have no" in line)
    if width >= 160:
        assert "We have no plans to leave the port" in content  # the content gets the room


def test_readme_names_every_command_and_option(cli):
    from claims.cli import app

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    lines = readme.splitlines()
    for path in _commands(typer.main.get_command(app)):
        command = typer.main.get_command(app)
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        if hasattr(command, "commands") and path and not getattr(command, "invoke_without_command", False):
            continue  # a bare group (`claims export`) does nothing itself
        name = "claims" + "".join(f" {part}" for part in path)
        rows = [line for line in lines if f"`{name}" in line] if path else lines  # root options: anywhere
        assert rows, f"README does not name `{name}`"
        for param in command.params:
            if param.param_type_name != "option" or param.name == "help":
                continue
            assert any(opt in row for row in rows for opt in param.opts), f"README: `{name}` {param.opts[0]}"


def test_a_dispute_decision_that_changes_nothing_changes_no_version(engine):
    from sqlmodel import Session

    from db import repository as repo
    from db.models import Claim, Dispute, Document
    from db.review import DisputeInput, TopicInput, replace_auto_topics_and_disputes, set_dispute_status

    with Session(engine) as session:
        text = "Moscow said no. Washington said yes."
        claims = [
            Claim(document_id=0, sentence_start=0, sentence_end=15, content_start=12, content_end=14, kind="indirect"),
            Claim(document_id=0, sentence_start=16, sentence_end=36, content_start=32, content_end=35, kind="indirect"),
        ]
        repo.add_document_with_claims(Document(external_id="d", text=text, content_hash="h"), claims, session=session)
        ids = sorted(session.exec(repo.select(Claim.id)).all())
        replace_auto_topics_and_disputes(
            [TopicInput("t", "answer", ids)],
            [DisputeInput("t", "polarity", "", 0.7, {"Russia": ids[:1], "United States": ids[1:]})],
            session=session,
        )
        dispute = session.exec(repo.select(Dispute)).one()
        first = set_dispute_status(dispute.id, "confirmed", session=session, reviewer="ann")
        version = dispute.version
        again = set_dispute_status(dispute.id, "confirmed", session=session, reviewer="ann")
        assert first.changes == 1 and again.changes == 0 and "(nothing changed)" in again.message
        assert session.get(Dispute, dispute.id).version == version
