"""Shared fixtures: an in-memory database, a small fake analyzer, a CLI runner, the real pipeline (once)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from sqlmodel import Session
from typer.testing import CliRunner

from claims.types import DocumentAnalysis, ExtractedClaim, Span, SpeakerRef
from db.engine import make_engine
from tests.postgres_support import (  # noqa: F401  (fixtures)
    backend,
    empty_postgres_url,
    parametrize_backends,
    postgres_server,
    postgres_url,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REFERENCE_SCORER = SHARED / "tools" / "score_attribution.py"

# Test articles written for these tests (not from any corpus).
ARTICLE_A = (
    "Harbour talks stall\n\n"
    "Officials in Moscow said the harbour talks would resume in spring.\n\n"
    "“We have no plans to leave the port,” said Mara Olsen, a spokeswoman for the port authority.\n\n"
    "The weather was calm on Tuesday."
)
ARTICLE_B = "Grain deal\n\nWashington said the grain deal was fair.\n\nThe ferry reportedly sank near the coast."

SPEAKER_ACTORS = {"moscow": "Russia", "officials in moscow": "Russia", "washington": "United States"}

_DIRECT = re.compile(r"^“(?P<content>[^”]+),” (?P<cue>said) (?P<source>[A-Z][\w]*(?: [A-Z][\w]*)*)")
_INDIRECT = re.compile(r"^(?P<source>[A-Z][\w ]*?) (?P<cue>said) (?P<content>.+?)\.$")
_UNATTRIBUTED = re.compile(r"^(?P<content>.*\breportedly\b.*?)\.$")


class FakeAnalyzer:
    """Stands in for :class:`claims.nlp.pipeline.Analyzer`: one claim per sentence of the shapes
    "SOURCE said CONTENT.", "“CONTENT,” said SOURCE ..." and "... reportedly ... ." (unattributed)."""

    version = "fake-1"
    model_name = "fake"

    def __init__(self) -> None:
        self.analysed: list[str] = []
        self.max_in_flight = 0

    def analyze(self, text: str) -> DocumentAnalysis:
        return next(iter(self.pipe([text])))

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16, n_process: int = 1) -> Iterator[DocumentAnalysis]:
        for text in texts:  # one at a time: streaming
            self.analysed.append(text)
            yield self._analyse(text)

    def _analyse(self, text: str) -> DocumentAnalysis:
        paragraphs, sentences, claims = [], [], []
        for number, match in enumerate(re.finditer(r"[^\r\n]+", text)):
            para = Span(match.start(), match.end())
            paragraphs.append(para)
            sentences.append(para)
            line = match.group()
            for pattern, kind in (
                (_DIRECT, "direct"),
                (_INDIRECT, "indirect"),
                (_UNATTRIBUTED, "unattributed"),
            ):
                m = pattern.match(line)
                if not m:
                    continue
                base = match.start()

                def span(group: str, m: re.Match = m, base: int = base) -> Span | None:
                    if group not in m.groupdict():
                        return None
                    return Span(base + m.start(group), base + m.end(group))

                source = span("source")
                speaker = None
                if source is not None:
                    name = source.text(text)
                    speaker = SpeakerRef(key=name.lower(), name=name, actor=SPEAKER_ACTORS.get(name.lower()))
                claims.append(
                    ExtractedClaim(
                        sentence=para,
                        content=span("content"),  # type: ignore[arg-type]
                        cue=span("cue"),
                        source=source,
                        speaker=speaker,
                        kind=kind,  # type: ignore[arg-type]
                        confidence=0.9 if kind == "direct" else 0.6,
                        paragraph=number,
                    )
                )
                break
        return DocumentAnalysis(text, paragraphs, sentences, claims, pipeline_version=self.version)


def pytest_generate_tests(metafunc):
    parametrize_backends(metafunc)  # storage and CLI test modules run on SQLite and PostgreSQL


def backend_url(backend: str, request, sqlite_url: str) -> str:
    return sqlite_url if backend == "sqlite" else request.getfixturevalue("postgres_url")


@pytest.fixture
def engine(backend, request):
    engine = make_engine(backend_url(backend, request, "sqlite://"))
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine):
    with Session(engine) as session:
        yield session


@pytest.fixture
def fake_analyzer() -> FakeAnalyzer:
    return FakeAnalyzer()


@pytest.fixture(scope="session")
def real_analyzer():
    """The real spaCy pipeline, loaded once for the whole test session (shared with the NLP tests)."""
    try:
        from tests.nlp_support import analyzer
    except ImportError:  # pragma: no cover - the NLP helpers moved
        from claims.nlp.pipeline import load_analyzer

        return load_analyzer(attributor="rules")
    return analyzer()


class Cli:
    """Runs ``claims`` commands against one database file with a chosen analyzer."""

    def __init__(self, runner: CliRunner, db_url: str) -> None:
        self.runner = runner
        self.db_url = db_url

    def __call__(self, *args: str, input: str | bytes | None = None):
        from claims.cli import app

        return self.runner.invoke(app, ["--db", self.db_url, *args], input=input)


@pytest.fixture
def cli(tmp_path, monkeypatch, fake_analyzer, backend, request) -> Cli:
    import claims.cli.common

    monkeypatch.setattr(claims.cli.common, "analyzer_factory", lambda model: fake_analyzer)
    monkeypatch.delenv("CLAIMS_DB", raising=False)
    return Cli(CliRunner(), backend_url(backend, request, f"sqlite:///{tmp_path / 'claims.db'}"))


@pytest.fixture
def real_cli(tmp_path, monkeypatch, real_analyzer) -> Cli:
    import claims.cli.common

    monkeypatch.setattr(claims.cli.common, "analyzer_factory", lambda model: real_analyzer)
    return Cli(CliRunner(), f"sqlite:///{tmp_path / 'claims.db'}")


@pytest.fixture
def articles(tmp_path) -> Path:
    """A folder with two plain-text articles."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "harbour.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "grain.txt").write_text(ARTICLE_B, encoding="utf-8")
    return folder
