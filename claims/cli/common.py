"""What every command module shares: the consoles, the per-invocation state (database, model), error
handling, option types and small helpers.

Every expected failure is printed to stderr as one line (no traceback) and ends the command with a non-zero
exit code: 1 for failures, 2 for usage errors (including a malformed ``--db`` URL)."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import chain
from typing import IO, Annotated, Any, cast

import typer
from rich.console import Console
from rich.text import Text
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session
from typer.core import TyperGroup, TyperOption

from claims.errors import ClaimsError
from claims.nlp.pipeline import MODEL_ENV, PIPELINE_VERSION, load_analyzer, pipeline_version
from claims.safe_text import rich_text, visible
from claims.services.ingest import AnalyzerLike
from claims.types import DocumentAnalysis
from db import repository as repo
from db.engine import DatabaseURLError, Upgrade, database_url, make_engine, one_line

_display_type_rich = TyperOption.display_type_rich


def _flag_display_type(self: TyperOption, ctx: Any) -> str | None:
    """No ``<bool>`` after a flag in ``--help`` (``--force``, not ``--force <bool>``): it takes no value."""
    return None if self.is_flag or self.count else _display_type_rich(self, ctx)


TyperOption.display_type_rich = _flag_display_type  # type: ignore[method-assign]  # (Typer shows <bool> for flags)

out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

# Tests replace this to share one loaded pipeline between commands; None means claims.nlp.pipeline.load_analyzer.
analyzer_factory: Callable[[str | None], AnalyzerLike] | None = None

PROGRESS_THRESHOLD = 3  # show a progress bar when there is more work than this


@contextmanager
def progress(label: str, total: int) -> Iterator[Callable[[], None]]:
    """A Rich progress bar on stderr for ``total`` steps; yields the function that advances it by one.

    Nothing is drawn when stderr is not a terminal or the work is small (the function is then a no-op).
    """
    if total <= PROGRESS_THRESHOLD or not err.is_terminal:
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)


class ClaimsGroup(TyperGroup):
    """Turns expected failures into one line on stderr and an exit code."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]  # (typer vendors click)
        try:
            return super().invoke(ctx)
        except DatabaseURLError as exc:
            fail(str(exc), code=2)
        except ClaimsError as exc:
            fail(str(exc))
        except SQLAlchemyError as exc:
            fail(f"database error: {one_line(exc)}")
        except BrokenPipeError:
            quiet_stdout()  # `claims export ... | head`: the reader has what it wanted
            raise typer.Exit(0) from None
        except OSError as exc:
            where = f" {exc.filename}" if exc.filename else ""
            fail(f"cannot write or read{where}: {exc.strerror or exc}")


def quiet_stdout() -> None:
    """Point standard output at /dev/null, so that the flush at exit does not fail on the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real stdout (tests)
        pass


def fail(message: str, code: int = 1) -> None:
    err.print(rich_text(f"error: {' '.join(str(message).split())}"), soft_wrap=True)
    raise typer.Exit(code)


def text(value: Any, style: str = "") -> Text:
    """Untrusted text (from an article or a user) for a table cell or a line: shown literally, never as
    markup, with control and bidi characters as visible placeholders (see :mod:`claims.safe_text`)."""
    return rich_text(value, style)


def say(message: Any, *, console: Console | None = None) -> None:
    """Print one message that may hold untrusted text (names, titles, ids) on ``out`` (or ``console``)."""
    (console or out).print(rich_text(message), soft_wrap=True)


class TerminalText:
    """A text stream to a terminal: control, format and bidi characters are written as visible placeholders
    (an export shown on a terminal cannot clear it, set its clipboard or make links)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(visible(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def stdout_stream() -> IO[str]:
    """Standard output for an export: exact when redirected, through :class:`TerminalText` on a terminal."""
    stream = typer.get_text_stream("stdout")
    return cast(IO[str], TerminalText(stream)) if stream.isatty() else stream


@dataclass
class State:
    db_url: str
    model: str | None
    attributor: str | None = None
    model_path: str | None = None
    _engine: Engine | None = field(default=None, repr=False)

    def engine(self, *, create: bool = False) -> Engine:
        """The database's engine; a SQLite file that does not exist is an error unless ``create`` (commands
        that only read must not leave an empty database behind)."""
        if self._engine is None:
            self._engine = make_engine(self.db_url, on_upgrade=_report_upgrade, create=create)
        return self._engine

    def session(self, *, create: bool = False) -> Session:
        return Session(self.engine(create=create))

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def _report_upgrade(upgrade: Upgrade) -> None:
    if upgrade.before is None:
        return  # a new database
    backup = f" (copy of the old database: {upgrade.backup})" if upgrade.backup else ""
    say(f"database schema upgraded from {upgrade.before} to {upgrade.after}{backup}", console=err)


def apply_correction(ctx: typer.Context, change: Callable[[Session], Any]) -> None:
    """Run one reviewer's change (a :mod:`db.review` function returning a result with a ``message``) in its
    own transaction and print what it did; its refusals are ``ClaimsError``s (one line, exit 1)."""
    with get_state(ctx).session() as session:
        result = change(session)
        session.commit()
    say(result.message)
    update_disputes_after_correction(get_state(ctx).engine())


def update_disputes_after_correction(engine: Engine) -> None:
    """Keep topics and disputes current after a hand correction (a claim's actor or status, an alias, a
    merge): the topics of the changed claims get their disputes found again (incremental, no parse); a line
    says so when a topic was touched."""
    from claims.services.disputes import recompute_after_change

    result, message = recompute_after_change(engine)
    if result is None:
        say(message, console=err)
    elif result.topics_touched:
        say(f"disputes updated: {result.disputes} dispute(s) in {result.topics_touched} touched topic(s)")


def get_state(ctx: typer.Context) -> State:
    state = ctx.find_object(State)
    if state is None:  # a sub-command invoked on its own (tests)
        state = State(database_url(None), os.environ.get(MODEL_ENV))
        ctx.obj = state
    return state


class LazyAnalyzer:
    """Loads the spaCy pipeline only once there is a text to analyse (so unchanged re-ingests are quick)."""

    def __init__(self, model: str | None, attributor: str | None = None, model_path: str | None = None) -> None:
        self.model = model
        self.attributor = attributor
        self.model_path = model_path
        self._analyzer: AnalyzerLike | None = None
        # known before loading, so that unchanged documents analysed by this pipeline are skipped unloaded
        self.version = pipeline_version(attributor, model_path) if analyzer_factory is None else PIPELINE_VERSION
        self.model_name = model or ""

    @classmethod
    def of(cls, state: State) -> LazyAnalyzer:
        return cls(state.model, state.attributor, state.model_path)

    def load(self) -> AnalyzerLike:
        if self._analyzer is None:
            if analyzer_factory is not None:
                self._analyzer = analyzer_factory(self.model)
            else:
                self._analyzer = load_analyzer(self.model, self.attributor, self.model_path)
            self.version, self.model_name = self._analyzer.version, self._analyzer.model_name
        return self._analyzer

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16, n_process: int = 1) -> Iterator[DocumentAnalysis]:
        stream = iter(texts)
        for first in stream:
            yield from self.load().pipe(chain([first], stream), batch_size=batch_size, n_process=n_process)


class Kind(StrEnum):
    direct = "direct"
    indirect = "indirect"
    mixed = "mixed"
    unattributed = "unattributed"


class Status(StrEnum):
    auto = "auto"
    accepted = "accepted"
    corrected = "corrected"
    rejected = "rejected"


DocumentOpt = Annotated[str | None, typer.Option("--document", help="Only this document (external id).")]
SpeakerOpt = Annotated[str | None, typer.Option("--speaker", help="Speakers whose name contains this.")]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Only this actor (name or alias).")]
KindOpt = Annotated[Kind | None, typer.Option("--kind", help="Only this kind of claim.")]
StatusOpt = Annotated[Status | None, typer.Option("--status", help="Only this review status.")]


ReviewerOpt = Annotated[
    str | None, typer.Option("--reviewer", help="Who is correcting (default: $CLAIMS_REVIEWER or the OS user).")
]


class Format(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


class DisputeStatus(StrEnum):
    auto = "auto"
    confirmed = "confirmed"
    dismissed = "dismissed"


class DisputeFormat(StrEnum):
    json = "json"
    md = "md"
    html = "html"
    csv = "csv"
    claimreview = "claimreview"


TopicOpt = Annotated[str | None, typer.Option("--topic", help="Only this topic (id or part of its label).")]
DisputeStatusOpt = Annotated[DisputeStatus | None, typer.Option("--status", help="Only disputes in this status.")]
SideActorOpt = Annotated[str | None, typer.Option("--actor", help="Only disputes with this actor on a side.")]
DisputeDocumentOpt = Annotated[
    str | None, typer.Option("--document", help="Only disputes with a claim in this document (external id).")
]


def claim_filters(document, speaker, actor, kind, status, topic: str | None = None) -> repo.ClaimFilter:
    return repo.ClaimFilter(
        document=document,
        speaker=speaker,
        actor=actor,
        kind=kind.value if kind else None,
        status=status.value if status else None,
        topic=topic,
    )


def dispute_filter(actor, topic, status, document):
    from db.views import DisputeFilter

    return DisputeFilter(actor=actor, topic=topic, status=status.value if status else None, document=document)


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def reviewer() -> str:
    try:
        return os.environ.get("CLAIMS_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def loaded_nlp(analyzer: object | None) -> Any:
    """The spaCy pipeline of a loaded analyzer (reused for topics and disputes), else None (default model)."""
    if isinstance(analyzer, LazyAnalyzer):
        analyzer = analyzer._analyzer
    return getattr(analyzer, "nlp", None)


def recompute_after(engine: Engine, analyzer: object | None) -> None:
    """Recompute topics and disputes after claims changed (small databases only; see dispute_store)."""
    from claims.services.disputes import recompute_after_change

    result, message = recompute_after_change(engine, nlp=loaded_nlp(analyzer))
    say(message, console=out if result is not None else err)
