"""The ``claims`` command line (Typer). Commands are thin: the work is done in plain modules
(:mod:`claims.ingest`, :mod:`claims.export`, :mod:`claims.evaluate`, :mod:`db.repository`).

Every expected failure is printed to stderr as one line (no traceback) and ends the command with a
non-zero exit code: 1 for failures, 2 for usage errors (including a malformed ``--db`` URL).
"""

from __future__ import annotations

import getpass
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import chain
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session
from typer.core import TyperGroup

from claims import __version__
from claims.errors import ClaimsError
from claims.ingest import AnalyzerLike, IngestResult, ingest
from claims.pipeline import MODEL_ENV, PIPELINE_VERSION, load_analyzer
from claims.types import DocumentAnalysis
from db import repository as repo
from db.engine import DB_ENV, DatabaseURLError, Upgrade, database_url, make_engine, one_line
from db.models import Claim

out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

# Tests replace this to share one loaded pipeline between commands; None means claims.pipeline.load_analyzer.
analyzer_factory: Callable[[str | None], AnalyzerLike] | None = None

PROGRESS_THRESHOLD = 3  # show a progress bar when there are more documents than this


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
        except OSError as exc:
            where = f" {exc.filename}" if exc.filename else ""
            fail(f"cannot write or read{where}: {exc.strerror or exc}")


def fail(message: str, code: int = 1) -> None:
    err.print(Text(f"error: {' '.join(str(message).split())}"), soft_wrap=True)
    raise typer.Exit(code)


app = typer.Typer(
    name="claims",
    cls=ClaimsGroup,
    help="Find attributed claims in news: who said what, for which side.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
export_app = typer.Typer(help="Export stored data.", no_args_is_help=True, cls=TyperGroup)
actors_app = typer.Typer(help="Actors (the sides claims speak for) and their aliases.", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(actors_app, name="actors")
db_app = typer.Typer(help="The database itself: schema upgrades.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@dataclass
class State:
    db_url: str
    model: str | None
    _engine: Engine | None = field(default=None, repr=False)

    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.db_url, on_upgrade=_report_upgrade)
        return self._engine

    def session(self) -> Session:
        return Session(self.engine())

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def _report_upgrade(upgrade: Upgrade) -> None:
    if upgrade.before is None:
        return  # a new database
    backup = f" (copy of the old database: {upgrade.backup})" if upgrade.backup else ""
    err.print(Text(f"database schema upgraded from {upgrade.before} to {upgrade.after}{backup}"), soft_wrap=True)


def _state(ctx: typer.Context) -> State:
    state = ctx.find_object(State)
    if state is None:  # a sub-command invoked on its own (tests)
        state = State(database_url(None), os.environ.get(MODEL_ENV))
        ctx.obj = state
    return state


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claims {__version__} (pipeline {PIPELINE_VERSION})")
        raise typer.Exit()


@app.callback()
def callback(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", envvar=DB_ENV, help="Database URL.", show_default="sqlite:///claims.db"),
    ] = None,
    model: Annotated[str | None, typer.Option("--model", envvar=MODEL_ENV, help="spaCy pipeline to load.")] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Find attributed claims in news: who said what, for which side."""
    state = State(database_url(db), model)
    ctx.obj = state
    ctx.call_on_close(state.close)


# ------------------------------------------------------------------------------------------------ ingest


class LazyAnalyzer:
    """Loads the spaCy pipeline only once there is a text to analyse (so unchanged re-ingests are quick)."""

    def __init__(self, model: str | None) -> None:
        self.model = model
        self._analyzer: AnalyzerLike | None = None
        self.version = PIPELINE_VERSION
        self.model_name = model or ""

    def load(self) -> AnalyzerLike:
        if self._analyzer is None:
            self._analyzer = (analyzer_factory or load_analyzer)(self.model)
            self.version, self.model_name = self._analyzer.version, self._analyzer.model_name
        return self._analyzer

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16, n_process: int = 1) -> Iterator[DocumentAnalysis]:
        stream = iter(texts)
        for first in stream:
            yield from self.load().pipe(chain([first], stream), batch_size=batch_size, n_process=n_process)


@app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(help=".txt and .jsonl files, directories (searched recursively), - for stdin."),
    ],
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Processes for the pipeline.")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Texts per pipeline batch.")] = 16,
    force: Annotated[bool, typer.Option("--force", help="Re-analyse documents whose text is unchanged.")] = False,
) -> None:
    """Analyse articles and store their claims. Exit 1 when some inputs were skipped."""
    from claims.readers import collect_files, estimate_documents

    state = _state(ctx)
    engine = state.engine()
    analyzer = LazyAnalyzer(state.model)
    total = estimate_documents(collect_files(paths)[0]) + (1 if "-" in paths else 0)
    stdin = typer.get_binary_stream("stdin") if "-" in paths else None
    if total > PROGRESS_THRESHOLD and err.is_terminal:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=err, transient=True) as progress:
            task = progress.add_task("ingest", total=total)
            result = ingest(
                paths,
                engine=engine,
                analyzer=analyzer,
                batch_size=batch_size,
                n_process=jobs,
                force=force,
                stdin=stdin,
                on_document=lambda origin, status: progress.advance(task),
            )
    else:
        result = ingest(
            paths,
            engine=engine,
            analyzer=analyzer,
            batch_size=batch_size,
            n_process=jobs,
            force=force,
            stdin=stdin,
        )
    _print_ingest_summary(result)
    if result.stored:
        _recompute_after(engine, analyzer)
    raise typer.Exit(result.exit_code)


def _print_ingest_summary(result: IngestResult) -> None:
    for notice in result.notices:
        err.print(Text(f"warning: {notice}"), soft_wrap=True)
    for skipped in result.skipped:
        err.print(Text(f"skipped {skipped}"), soft_wrap=True)
    parts = [
        f"{result.stored} document(s) stored ({result.created} new, {result.updated} updated)",
        f"{result.unchanged} unchanged",
        f"{result.claims} claim(s)",
    ]
    if result.kept:
        parts.append(f"{result.kept} reviewed claim(s) kept")
    parts.append(f"{len(result.skipped)} input(s) skipped")
    out.print(Text(", ".join(parts)), soft_wrap=True)


# ------------------------------------------------------------------------------------------- list, show


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


def _filters(document, speaker, actor, kind, status) -> repo.ClaimFilter:
    return repo.ClaimFilter(
        document=document,
        speaker=speaker,
        actor=actor,
        kind=kind.value if kind else None,
        status=status.value if status else None,
    )


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command("list")
def list_command(
    ctx: typer.Context,
    document: DocumentOpt = None,
    speaker: SpeakerOpt = None,
    actor: ActorOpt = None,
    kind: KindOpt = None,
    status: StatusOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many (0: all).")] = 50,
) -> None:
    """List stored claims."""
    filters = _filters(document, speaker, actor, kind, status)
    with _state(ctx).session() as session:
        rows = repo.list_claims(filters, session=session, limit=limit or None)
        total = repo.count_claims(filters, session=session)
        table = Table(
            title=f"{len(rows)} of {total} claim(s)",
            title_justify="left",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            padding=(0, 1, 0, 0),
        )
        table.add_column("id", style="dim", no_wrap=True, justify="right")
        table.add_column("document", overflow="ellipsis", max_width=24)
        table.add_column("speaker", style="cyan", overflow="ellipsis", max_width=24)
        table.add_column("actor", style="bold", overflow="ellipsis", max_width=16)
        table.add_column("kind", no_wrap=True)
        table.add_column("cue", style="magenta", overflow="ellipsis", max_width=14)
        table.add_column("content", style="green", min_width=12)
        table.add_column("conf.", no_wrap=True, justify="right")
        table.add_column("status", no_wrap=True)
        for claim, doc, spk, act in rows:
            text = doc.text
            cue = text[claim.cue_start : claim.cue_end] if claim.cue_start is not None else ""
            table.add_row(
                str(claim.id),
                shorten(doc.external_id, 24),
                shorten(spk.name if spk else (claim.source_text or "—"), 24),
                act.name if act else "—",
                claim.kind,
                shorten(cue, 16),
                shorten(text[claim.content_start : claim.content_end], 60),
                f"{claim.confidence:.2f}",
                claim.status,
            )
    out.print(table)


STYLES = {"source": "bold cyan", "cue": "bold magenta", "content": "green underline"}
CONTEXT_LIMIT = 1500


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The blank-line-delimited stretch of ``text`` around [start, end)."""
    begin = text.rfind("\n\n", 0, start)
    begin = 0 if begin == -1 else begin + 2
    stop = text.find("\n\n", end)
    stop = len(text) if stop == -1 else stop
    return max(begin, start - CONTEXT_LIMIT), min(stop, end + CONTEXT_LIMIT)


def marked_spans(claim: Claim) -> list[tuple[str, int, int]]:
    """(role, start, end) of a claim's content, source and cue pieces."""
    marks = [("content", claim.content_start, claim.content_end)]
    if claim.source_start is not None and claim.source_end is not None:
        marks.append(("source", claim.source_start, claim.source_end))
    if claim.cue_start is not None and claim.cue_end is not None:
        marks.append(("cue", claim.cue_start, claim.cue_end))
    marks += [("cue", int(start), int(end)) for start, end in json.loads(claim.extra_cues_json or "[]")]
    return marks


@app.command("show")
def show_command(ctx: typer.Context, claim_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """Show one claim in its paragraph, with source, cue and content marked."""
    with _state(ctx).session() as session:
        row = repo.get_claim(claim_id, session=session)
        if row is None:
            raise ClaimsError(f"no claim with id {claim_id}")
        claim, document, speaker, actor = row
        text = document.text
        marks = marked_spans(claim)
        begin, stop = paragraph_bounds(text, min(s for _, s, _ in marks), max(e for _, _, e in marks))
        passage = Text(text[begin:stop])
        for role, start, end in marks:
            passage.stylize(STYLES[role], start - begin, end - begin)

        header = Table.grid(padding=(0, 2))
        header.add_column(style="bold")
        header.add_column()
        header.add_row("claim", f"{claim.id} (version {claim.version})")
        header.add_row("document", f"{document.external_id}" + (f" — {document.title}" if document.title else ""))
        who = speaker.name if speaker else "—"
        if speaker and speaker.organisation:
            who += f" ({speaker.organisation})"
        header.add_row("speaker", who)
        header.add_row("source", claim.source_text or "—")
        header.add_row("actor", actor.name if actor else "—")
        header.add_row("kind", claim.kind)
        header.add_row("confidence", f"{claim.confidence:.2f}")
        header.add_row("status", claim.status)
        out.print(header)
        out.print()
        out.print(passage)
        out.print()
        legend = Text("legend: ")
        for role, style in STYLES.items():
            legend.append(role, style=style)
            legend.append("  ")
        out.print(legend)


# ------------------------------------------------------------------------------------------------ export


class Format(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


@export_app.command("claims")
def export_claims_command(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.", dir_okay=False),
    ] = None,
    document: DocumentOpt = None,
    speaker: SpeakerOpt = None,
    actor: ActorOpt = None,
    kind: KindOpt = None,
    status: StatusOpt = None,
) -> None:
    """Export claims, one record per claim (offsets are str indices into the document text)."""
    from claims.export import export_claims

    filters = _filters(document, speaker, actor, kind, status)
    with _state(ctx).session() as session:
        if output is None or str(output) == "-":
            count = export_claims(typer.get_text_stream("stdout"), session=session, fmt=fmt.value, filters=filters)
        else:
            count = export_claims(output, session=session, fmt=fmt.value, filters=filters)
            err.print(Text(f"{count} claim(s) written to {output}"), soft_wrap=True)


# ---------------------------------------------------------------------------------------------- evaluate


@app.command("evaluate")
def evaluate_command(
    ctx: typer.Context,
    gold: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Gold JSONL (PolNeAR format).")],
    articles: Annotated[
        Path | None,
        typer.Option("--articles", exists=True, help="Ingest these into a temporary database and score those."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score stored claims (or those of a fresh ingest of --articles) against gold attributions."""
    from claims.evaluate import load_gold, score_session

    state = _state(ctx)
    golds = load_gold(gold)
    if articles is None:
        with state.session() as session:
            result = score_session(golds.values(), session=session)
    else:
        with tempfile.TemporaryDirectory(prefix="claims-eval-") as folder:
            engine = make_engine(f"sqlite:///{Path(folder) / 'evaluate.db'}")
            try:
                run = ingest([articles], engine=engine, analyzer=LazyAnalyzer(state.model), only_ids=golds.keys())
                for skipped in run.skipped:
                    err.print(Text(f"skipped {skipped}"), soft_wrap=True)
                with Session(engine) as session:
                    result = score_session(golds.values(), session=session)
            finally:
                engine.dispose()
    if as_json:
        typer.echo(json.dumps(result, indent=1))
        return
    _print_scores(result)


def _print_scores(result: dict) -> None:
    from claims.evaluate import summary_line

    table = Table(
        title=f"{result['documents']} gold document(s), {result['documents_without_predictions']} without claims",
        title_justify="left",
    )
    for name in ("measure", "P", "R", "F1", "tp", "pred", "gold"):
        table.add_column(name, justify="left" if name == "measure" else "right")
    for key, value in result.items():
        if isinstance(value, dict):
            label = "who said what" if key == "attribution" else key.replace("_", " ")
            table.add_row(
                label,
                *(f"{value[k]:.3f}" for k in ("p", "r", "f1")),
                *(str(value[k]) for k in ("tp", "pred", "gold")),
            )
    out.print(table)
    out.print(Text(summary_line(result)), soft_wrap=True)


# ------------------------------------------------------------------------------------------------- stats


@app.command("stats")
def stats_command(ctx: typer.Context) -> None:
    """Counts of documents, claims (by kind and status), speakers and actors."""
    with _state(ctx).session() as session:
        s = repo.stats(session=session)
    table = Table(show_header=False, title="claims database", title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("documents", str(s.documents))
    table.add_row("claims", str(s.claims))
    for kind in Kind:
        table.add_row(f"  {kind.value}", str(s.by_kind.get(kind.value, 0)))
    for status in Status:
        table.add_row(f"  {status.value}", str(s.by_status.get(status.value, 0)))
    table.add_row("speakers", str(s.speakers))
    table.add_row("actors", str(s.actors))
    table.add_row("aliases", str(s.aliases))
    out.print(table)
    if s.top_actors:
        top = Table(title="claims by actor", title_justify="left")
        top.add_column("actor")
        top.add_column("claims", justify="right")
        for name, count in s.top_actors:
            top.add_row(name, str(count))
        out.print(top)


# ------------------------------------------------------------------------------------------------ actors


def reviewer() -> str:
    try:
        return os.environ.get("CLAIMS_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@actors_app.command("alias")
def actors_alias_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A speaker, organisation or mention name, e.g. 'Kremlin'.")],
    actor: Annotated[str, typer.Argument(help="The actor it stands for, e.g. 'Russia'.")],
) -> None:
    """Map NAME to ACTOR, overriding the automatic mapping (also for claims already stored)."""
    if not name.strip() or not actor.strip():
        raise typer.BadParameter("NAME and ACTOR must not be empty")
    with _state(ctx).session() as session:
        result = repo.set_actor_alias(name, actor, session=session, source="user", reviewer=reviewer())
        session.commit()
        out.print(
            Text(
                f"{result.alias.alias!r} → {result.actor.name}: {result.speakers_updated} speaker(s) and "
                f"{result.claims_updated} claim(s) updated"
            ),
            soft_wrap=True,
        )


@actors_app.command("import")
def actors_import_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A JSON object {name: actor} or a two-column CSV/TSV file.")],
) -> None:
    """Load a user alias file: each NAME → ACTOR overrides the automatic mapping, as `actors alias` does."""
    from claims.actors import load_alias_file

    try:
        aliases = load_alias_file(path)
    except (OSError, ValueError) as exc:
        fail(f"cannot read alias file {path}: {exc}")
        return
    with _state(ctx).session() as session:
        for name, actor in aliases.items():
            repo.set_actor_alias(name, actor, session=session, source="user", reviewer=reviewer())
        session.commit()
    out.print(f"{len(aliases)} alias(es) loaded from {path}")


@actors_app.command("list")
def actors_list_command(ctx: typer.Context) -> None:
    """List actors with their aliases and how many speakers and claims they have."""
    with _state(ctx).session() as session:
        summaries = repo.list_actors(session=session)
        table = Table(title=f"{len(summaries)} actor(s)", title_justify="left")
        for column in ("id", "actor", "iso", "aliases", "speakers", "claims"):
            table.add_column(column, justify="right" if column in ("id", "speakers", "claims") else "left")
        for s in summaries:
            aliases = ", ".join(a.alias + ("" if a.source == "user" else " (auto)") for a in s.aliases)
            table.add_row(
                str(s.actor.id), s.actor.name, s.actor.iso_code or "", aliases, str(s.speakers), str(s.claims)
            )
    out.print(table)


# ------------------------------------------------------------------------------------- review, corrections

speakers_app = typer.Typer(help="Speakers: merge duplicates.", no_args_is_help=True)
app.add_typer(speakers_app, name="speakers")
ReviewerOpt = Annotated[
    str | None, typer.Option("--reviewer", help="Who is correcting (default: $CLAIMS_REVIEWER or the OS user).")
]


@app.command("review")
def review_command(ctx: typer.Context, reviewer_name: ReviewerOpt = None) -> None:
    """Open the review app (Textual): go through claims, disputes and speakers, correct and undo."""
    from tui.app import ClaimsApp  # Textual is only imported here

    ClaimsApp(engine=_state(ctx).engine(), reviewer=reviewer_name or reviewer()).run()


@app.command("correct")
def correct_command(
    ctx: typer.Context,
    claim_id: Annotated[int, typer.Argument(metavar="ID")],
    speaker: Annotated[str | None, typer.Option("--speaker", help="Who made the claim (name or id).")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="The side it speaks for.")] = None,
    reject: Annotated[bool, typer.Option("--reject", help="Not a claim.")] = False,
    accept: Annotated[bool, typer.Option("--accept", help="The claim is right.")] = False,
    topic: Annotated[str | None, typer.Option("--topic", help="Move it to this topic (id or label).")] = None,
    expect_version: Annotated[
        int | None, typer.Option("--expect-version", help="Refuse if the claim changed since this version.")
    ] = None,
    reviewer_name: ReviewerOpt = None,
) -> None:
    """Correct a claim by hand; every change is logged and kept by later ingests."""
    from db import review as rv

    if reject and accept:
        raise typer.BadParameter("--reject and --accept exclude each other")
    if not any([speaker, actor, reject, accept, topic]):
        raise typer.BadParameter("nothing to correct: give --speaker, --actor, --reject, --accept or --topic")
    who = reviewer_name or reviewer()
    with _state(ctx).session() as session:
        version = expect_version
        messages = []
        steps = []
        if speaker:
            steps.append(
                lambda v: rv.set_claim_speaker(claim_id, speaker, session=session, reviewer=who, expected_version=v)
            )
        if actor:
            steps.append(
                lambda v: rv.set_claim_actor(claim_id, actor, session=session, reviewer=who, expected_version=v)
            )
        if topic:
            steps.append(
                lambda v: rv.set_claim_topic(claim_id, topic, session=session, reviewer=who, expected_version=v)
            )
        if reject or accept:
            status = "rejected" if reject else "accepted"
            steps.append(
                lambda v: rv.set_claim_status(claim_id, status, session=session, reviewer=who, expected_version=v)
            )
        for step in steps:
            result = step(version)
            messages.append(result.message)
            if result.claim is not None:
                version = result.claim.version
        session.commit()
    out.print(Text("; ".join(messages)), soft_wrap=True)


@app.command("undo")
def undo_command(ctx: typer.Context, reviewer_name: ReviewerOpt = None) -> None:
    """Undo your last correction (the undo is logged too)."""
    from db import review as rv

    with _state(ctx).session() as session:
        result = rv.undo_last(session=session, reviewer=reviewer_name or reviewer())
        session.commit()
    out.print(result.message)


@speakers_app.command("merge")
def speakers_merge_command(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="A", help="The speaker (name or id) to merge away.")],
    target: Annotated[str, typer.Argument(metavar="B", help="The speaker (name or id) it is the same as.")],
    reviewer_name: ReviewerOpt = None,
) -> None:
    """Merge speaker A into speaker B: A's claims move to B, and later mentions of A resolve to B."""
    from db import review as rv

    with _state(ctx).session() as session:
        result = rv.merge_speakers(source, target, session=session, reviewer=reviewer_name or reviewer())
        session.commit()
    out.print(Text(result.message), soft_wrap=True)


@speakers_app.command("rename")
def speakers_rename_command(
    ctx: typer.Context,
    speaker: Annotated[str, typer.Argument(help="The speaker (name or id) to rename.")],
    name: Annotated[str, typer.Argument(help="Its new name.")],
    reviewer_name: ReviewerOpt = None,
) -> None:
    """Rename a speaker; later mentions of the old name still resolve to it."""
    from db import review as rv

    with _state(ctx).session() as session:
        row = rv.find_speaker(speaker, session=session)
        if row is None or row.id is None:
            raise rv.ReviewError(f"no speaker {speaker!r}")
        result = rv.rename_speaker(row.id, name, session=session, reviewer=reviewer_name or reviewer())
        session.commit()
    out.print(Text(result.message), soft_wrap=True)


@export_app.command("corrections")
def export_corrections_command(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.", dir_okay=False),
    ] = None,
) -> None:
    """Export the correction log, one record per correction (undo included)."""
    from claims.review import export_corrections

    with _state(ctx).session() as session:
        if output is None or str(output) == "-":
            export_corrections(typer.get_text_stream("stdout"), session=session, fmt=fmt.value)
        else:
            count = export_corrections(output, session=session, fmt=fmt.value)
            err.print(Text(f"{count} correction(s) written to {output}"), soft_wrap=True)


@app.command("reanalyse")
def reanalyse_command(
    ctx: typer.Context,
    document: DocumentOpt = None,
    everything: Annotated[bool, typer.Option("--all", help="Every document, whatever its pipeline version.")] = False,
) -> None:
    """Re-run the pipeline over stored documents analysed by another pipeline version (reviewed claims are kept)."""
    from claims.review import reanalyse

    state = _state(ctx)
    analyzer = LazyAnalyzer(state.model)
    result = reanalyse(engine=state.engine(), analyzer=analyzer, document=document, everything=everything)
    for failure in result.failed:
        err.print(Text(f"failed {failure}"), soft_wrap=True)
    out.print(
        Text(
            f"{result.documents} document(s) re-analysed, {result.claims} claim(s) written, "
            f"{result.kept} reviewed claim(s) kept, {len(result.failed)} failed"
        ),
        soft_wrap=True,
    )
    if result.documents:
        _recompute_after(state.engine(), analyzer)
    raise typer.Exit(1 if result.failed else 0)


# ----------------------------------------------------------------------------------- topics and disputes

disputes_app = typer.Typer(
    help="Disputes: claims of different sides that disagree on one topic.",
    cls=TyperGroup,
    invoke_without_command=True,
)
app.add_typer(disputes_app, name="disputes")


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


def _nlp(analyzer: object | None) -> Any:
    """The spaCy pipeline of a loaded analyzer (reused for topics and disputes), else None (default model)."""
    if isinstance(analyzer, LazyAnalyzer):
        analyzer = analyzer._analyzer
    return getattr(analyzer, "nlp", None)


def _recompute_after(engine: Engine, analyzer: object | None) -> None:
    """Recompute topics and disputes after claims changed (small databases only; see dispute_store)."""
    from claims.dispute_store import recompute_after_change

    result, message = recompute_after_change(engine, nlp=_nlp(analyzer))
    (out if result is not None else err).print(Text(message), soft_wrap=True)


def _dispute_filter(actor, topic, status, document):
    from claims.dispute_store import DisputeFilter

    return DisputeFilter(actor=actor, topic=topic, status=status.value if status else None, document=document)


@app.command("topics")
def topics_command(
    ctx: typer.Context,
    actor: ActorOpt = None,
    topic: TopicOpt = None,
    document: DocumentOpt = None,
    several: Annotated[bool, typer.Option("--several", help="Only topics with more than one claim.")] = False,
) -> None:
    """List topics (the events or questions claims are about), with their actors and disputes."""
    from claims.dispute_store import list_topics

    with _state(ctx).session() as session:
        topics = list_topics(session=session, actor=actor, topic=topic, document=document, with_single=not several)
    table = Table(title=f"{len(topics)} topic(s)", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("id", style="dim", justify="right", no_wrap=True)
    table.add_column("topic", style="bold", min_width=12)
    table.add_column("status", no_wrap=True)
    table.add_column("claims", justify="right", no_wrap=True)
    table.add_column("docs", justify="right", no_wrap=True)
    table.add_column("actors", min_width=12)
    table.add_column("disputes", justify="right", no_wrap=True)
    for t in topics:
        actors = ", ".join(f"{name} ({n})" for name, n in t.actors.items()) or "—"
        status = t.status + (f" ({t.corrected} moved)" if t.corrected else "")
        table.add_row(str(t.id), t.label, status, str(t.claims), str(t.documents), actors, str(t.disputes or ""))
    out.print(table)


@disputes_app.callback()
def disputes_command(
    ctx: typer.Context,
    actor: SideActorOpt = None,
    topic: TopicOpt = None,
    status: DisputeStatusOpt = None,
    document: DisputeDocumentOpt = None,
    recompute: Annotated[
        bool, typer.Option("--recompute", help="First recompute topics and disputes from the stored claims.")
    ] = False,
) -> None:
    """List disputes (or confirm / dismiss one). Reviewed disputes survive recomputation."""
    if ctx.invoked_subcommand is not None:
        return
    from claims.dispute_store import list_disputes, recompute_disputes

    state = _state(ctx)
    if recompute:
        nlp = _nlp((analyzer_factory or load_analyzer)(state.model))
        with state.session() as session:
            result = recompute_disputes(session=session, nlp=nlp)
            session.commit()
        out.print(Text(f"topics and disputes recomputed: {result.summary} ({result.seconds:.1f} s)"), soft_wrap=True)
    with state.session() as session:
        disputes = list_disputes(_dispute_filter(actor, topic, status, document), session=session)
    table = Table(title=f"{len(disputes)} dispute(s)", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("id", style="dim", justify="right", no_wrap=True)
    table.add_column("topic", style="bold", max_width=24)
    table.add_column("kind", max_width=12)
    table.add_column("sides", style="cyan", max_width=24)
    table.add_column("conf.", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("reason", ratio=1)
    styles = {"confirmed": "bold red", "dismissed": "dim", "auto": ""}
    for d in disputes:
        table.add_row(
            str(d.id),
            d.topic_label,
            d.kind.replace("_", " "),
            "\nvs ".join(f"{side} ({len(claims)})" for side, claims in d.sides.items()),
            f"{d.confidence:.2f}",
            Text(d.status, style=styles.get(d.status, "")),
            shorten(d.reason, 100),
        )
    out.print(table)


def _review_dispute(ctx: typer.Context, dispute_id: int, status: str, version: int | None, who: str | None) -> None:
    from db import review as rv

    with _state(ctx).session() as session:
        result = rv.set_dispute_status(
            dispute_id, status, session=session, reviewer=who or reviewer(), expected_version=version
        )
        session.commit()
    out.print(Text(result.message), soft_wrap=True)


DisputeIdArg = Annotated[int, typer.Argument(metavar="ID", help="The dispute (see `claims disputes`).")]
DisputeVersionOpt = Annotated[
    int | None, typer.Option("--expect-version", help="Refuse if the dispute changed since this version.")
]


def _dispute_status_command(status: str, help_text: str):
    def command(
        ctx: typer.Context,
        dispute_id: DisputeIdArg,
        expect_version: DisputeVersionOpt = None,
        reviewer_name: ReviewerOpt = None,
    ) -> None:
        _review_dispute(ctx, dispute_id, status, expect_version, reviewer_name)

    command.__doc__ = help_text
    return command


disputes_app.command("confirm")(
    _dispute_status_command("confirmed", "Confirm a dispute: the sides do disagree (kept by every recomputation).")
)
disputes_app.command("dismiss")(
    _dispute_status_command(
        "dismissed", "Dismiss a dispute: not a real disagreement (kept dismissed by every recomputation)."
    )
)
disputes_app.command("reopen")(
    _dispute_status_command(
        "auto", "Hand a reviewed dispute back to the pipeline (status auto: the next recomputation may replace it)."
    )
)


@export_app.command("disputes")
def export_disputes_command(
    ctx: typer.Context,
    fmt: Annotated[DisputeFormat, typer.Option("--format", "-f", help="Output format.")] = DisputeFormat.json,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.", dir_okay=False),
    ] = None,
    actor: SideActorOpt = None,
    topic: TopicOpt = None,
    status: DisputeStatusOpt = None,
    document: DisputeDocumentOpt = None,
) -> None:
    """Export disputes: json, a report (md, html), csv (one row per claim) or schema.org ClaimReview JSON-LD."""
    from claims.reports import export_disputes

    filters = _dispute_filter(actor, topic, status, document)
    with _state(ctx).session() as session:
        if output is None or str(output) == "-":
            export_disputes(typer.get_text_stream("stdout"), session=session, fmt=fmt.value, filters=filters)
        else:
            count = export_disputes(output, session=session, fmt=fmt.value, filters=filters)
            unit = "row(s)" if fmt in (DisputeFormat.csv, DisputeFormat.claimreview) else "dispute(s)"
            err.print(Text(f"{count} {unit} written to {output}"), soft_wrap=True)


# ---------------------------------------------------------------------------------------------------- db


@db_app.command("upgrade")
def db_upgrade_command(ctx: typer.Context) -> None:
    """Upgrade the database schema to the newest revision (SQLite files are copied to FILE.bak-REV first).

    Other commands do this by themselves when they open an older database.
    """
    from db.engine import current_revision

    state = _state(ctx)
    upgrades: list[Upgrade] = []
    engine = make_engine(state.db_url, on_upgrade=upgrades.append)
    try:
        revision = current_revision(engine)
    finally:
        engine.dispose()
    if not upgrades:
        out.print(f"database schema already at the newest revision ({revision})")
    elif upgrades[0].before is None:
        out.print(f"new database created at revision {revision}")
    else:
        up = upgrades[0]
        backup = f"; copy of the old database: {up.backup}" if up.backup else ""
        out.print(Text(f"database schema upgraded from {up.before} to {up.after}{backup}"), soft_wrap=True)


def main() -> None:
    """Entry point of the ``claims`` script."""
    app(prog_name="claims")


if __name__ == "__main__":  # pragma: no cover
    main()
