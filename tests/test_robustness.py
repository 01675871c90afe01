"""Bad input on the command line: each problem is one line on stderr (no traceback), the good inputs of the
same run are stored, and the exit code is 1 when something was skipped. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import os

import pytest
from sqlmodel import Session, select

from claims.io.readers import MAX_TEXT_CHARS, bounded_lines, iter_inputs
from db.models import Document
from tests.conftest import ARTICLE_A, ARTICLE_B


def stored_ids(cli) -> set[str]:
    result = cli("export", "claims", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    return {json.loads(line)["document"]["external_id"] for line in result.stdout.splitlines()}


def problem_lines(result) -> list[str]:
    assert "Traceback" not in result.output + result.stderr
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.fixture
def bad_inputs(tmp_path):
    """A folder of good and bad inputs; returns (folder, the problems expected as (path part, reason part))."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE_A, encoding="utf-8")
    lines = [
        json.dumps({"id": "g1", "text": ARTICLE_B}),
        '{"id": "broken", "text": "no closing quote}',
        json.dumps({"id": "nt", "title": "no text"}),
        "[1, 2, 3]",
        json.dumps({"id": "g2", "text": "Washington said the ferry was late."}),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "latin1.txt").write_bytes("Kyiv said the café was closed.\n".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\n\t\n")
    (folder / "blank.jsonl").write_text("\n\n")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    (folder / "huge.txt").write_text("word " * (MAX_TEXT_CHARS // 5 + 1))  # just over the limit
    (folder / "huge.jsonl").write_text(json.dumps({"id": "big", "text": "x" * (MAX_TEXT_CHARS + 1)}) + "\n")
    expected = [
        ("feed.jsonl:2", "invalid JSON"),
        ("feed.jsonl:3", 'no "text" string'),
        ("feed.jsonl:4", "expected a JSON object"),
        ("binary.txt", "binary file"),
        ("empty.txt", "empty"),
        ("blank.txt", "empty"),
        ("blank.jsonl", "empty"),
        ("report.pdf", "unknown extension '.pdf'"),
        ("huge.txt", "too long: 1,000,005 characters"),
        ("huge.jsonl:1", "too long: 1,000,001 characters"),
    ]
    return folder, expected


def test_bad_inputs_are_one_line_each_and_good_ones_are_stored(cli, bad_inputs, tmp_path):
    folder, expected = bad_inputs
    missing = tmp_path / "missing.txt"
    result = cli("ingest", str(folder), str(missing))
    assert result.exit_code == 1
    lines = problem_lines(result)
    skipped = [line for line in lines if line.startswith("skipped ")]
    for where, reason in [*expected, ("missing.txt", "no such file or directory")]:
        assert any(where in line and reason in line for line in skipped), (where, reason, lines)
    assert len(skipped) == len(expected) + 1, lines
    warnings = [line for line in lines if line.startswith("warning: ")]
    assert len(warnings) == 1 and "latin1.txt: not valid UTF-8; decoded as" in warnings[0]
    assert len(lines) == len(skipped) + len(warnings)
    assert "4 document(s) stored (4 new, 0 updated)" in result.stdout
    assert stored_ids(cli) == {"good", "g1", "g2", "latin1"}
    listing = cli("export", "claims", "--document", "latin1")
    assert "the café was closed" in listing.stdout  # decoded, not mangled


def test_a_rerun_after_skips_stores_nothing_twice(cli, bad_inputs):
    folder, _ = bad_inputs
    assert cli("ingest", str(folder)).exit_code == 1
    again = cli("ingest", str(folder))
    assert again.exit_code == 1  # the same inputs are still bad
    assert "0 document(s) stored (0 new, 0 updated), 4 unchanged" in again.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: chmod 000 does not stop root from reading")
def test_unreadable_file_is_skipped(cli, tmp_path):
    good, locked = tmp_path / "good.txt", tmp_path / "locked.txt"
    good.write_text(ARTICLE_B)
    locked.write_text(ARTICLE_A)
    locked.chmod(0)
    try:
        result = cli("ingest", str(good), str(locked))
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 1
    assert problem_lines(result) == [f"skipped {locked}: cannot read: Permission denied"]
    assert stored_ids(cli) == {"good"}


def test_directory_named_like_an_input_file(cli, tmp_path):
    (tmp_path / "odd.jsonl").mkdir()
    (tmp_path / "good.txt").write_text(ARTICLE_B)
    result = cli("ingest", str(tmp_path / "odd.jsonl"), str(tmp_path / "good.txt"))
    assert result.exit_code == 0  # a directory is searched; this one is empty
    assert stored_ids(cli) == {"good"}


def test_stdin_jsonl_with_a_malformed_line(cli):
    data = json.dumps({"id": "s1", "text": ARTICLE_B}) + "\n{oops\n" + json.dumps({"id": "s2", "text": ARTICLE_A})
    result = cli("ingest", "-", input=data.encode())
    assert result.exit_code == 1
    assert problem_lines(result) == [
        "skipped <stdin>:2: invalid JSON (Expecting property name enclosed in double quotes at column 2)"
    ]
    assert stored_ids(cli) == {"s1", "s2"}


def test_nul_and_lone_surrogates_are_replaced_alike_on_every_backend(cli, tmp_path):
    text = ARTICLE_B.replace("grain", "gr\u0000ain", 1).replace("ferry", "fe\ud800rry", 1)
    lines = [
        json.dumps({"id": "odd", "text": text, "title": "T\u0000", "tags": ["x\udc00"]}),
        json.dumps({"id": "plain", "text": ARTICLE_A}),
    ]
    path = tmp_path / "odd.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")  # json.dumps wrote the escapes as ASCII
    result = cli("ingest", str(path))
    assert result.exit_code == 0, result.output
    assert problem_lines(result) == [f"warning: {path}:1: 4 NUL or lone surrogate character(s) replaced by U+FFFD"]
    assert stored_ids(cli) == {"odd", "plain"}
    from db.engine import make_engine

    engine = make_engine(cli.db_url)
    with Session(engine) as session:
        doc = session.exec(select(Document).where(Document.external_id == "odd")).one()
    engine.dispose()
    assert len(doc.text) == len(text) and doc.text.index("gr\ufffdain") == text.index("gr\u0000ain")
    assert doc.title == "T\ufffd" and json.loads(doc.metadata_json)["tags"] == ["x\ufffd"]


def test_stdin_binary_and_empty(cli):
    result = cli("ingest", "-", input=b"\x00\x01\x02")
    assert result.exit_code == 1 and problem_lines(result) == ["skipped <stdin>: binary file (contains NUL bytes)"]
    result = cli("ingest", "-", input=b"")
    assert result.exit_code == 1 and problem_lines(result) == ["skipped <stdin>: empty"]


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://nobody@127.0.0.1:9/nothing",  # nothing listens on port 9 (discard)
        "sqlite:////proc/no/such/folder/claims.db",
        "mysql://x@localhost/claims",  # a driver that is not installed
    ],
)
def test_database_that_cannot_be_opened_is_one_line(cli, tmp_path, url):
    from typer.testing import CliRunner

    from claims.cli import app

    (tmp_path / "good.txt").write_text(ARTICLE_B)
    result = CliRunner().invoke(app, ["--db", url, "ingest", str(tmp_path / "good.txt")])
    assert result.exit_code in (1, 2)
    lines = problem_lines(result)
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    assert "nobody@" not in lines[0] or "***" in lines[0] or "password" not in lines[0]


# ------------------------------------------------------------------------------------------- readers


def test_long_jsonl_lines_are_not_kept_whole():
    stream = io.BytesIO(b"short\n" + b"y" * 5000 + b"\nlast")
    assert list(bounded_lines(stream, 100)) == [b"short\n", 5001, b"last"]


def test_huge_text_file_is_refused_by_size_without_reading_it(tmp_path):
    path = tmp_path / "enormous.txt"
    with path.open("wb") as f:  # sparse: 40 MB of zeros that are never read
        f.truncate(40 * 1024 * 1024)
    items = list(iter_inputs([path], max_chars=1000))
    assert [str(i) for i in items] == [
        f"{path}: too long: 41,943,040 bytes (the limit is 1,000 characters of text); split it into smaller articles"
    ]


def test_large_stdin_text_is_streamed_and_refused(tmp_path):
    items = list(iter_inputs(["-"], stdin=io.BytesIO(b"a" * 5000), max_chars=1000))
    assert len(items) == 1 and "too long: 5,000 bytes" in str(items[0])
    items = list(iter_inputs(["-"], stdin=io.BytesIO(b"x\n" * 10), max_chars=1000))
    assert items[0].text == "x\n" * 10  # type: ignore[union-attr]
