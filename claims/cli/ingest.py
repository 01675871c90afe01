"""``claims ingest`` and ``claims reanalyse``: analyse articles and store their claims."""

from __future__ import annotations

from typing import Annotated

import typer

from claims.cli import common
from claims.cli.common import DocumentOpt, get_state, recompute_after
from claims.services.ingest import IngestResult, ingest

app = typer.Typer()


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
    from claims.io.readers import collect_files, estimate_documents

    state = get_state(ctx)
    engine = state.engine(create=True)
    analyzer = common.LazyAnalyzer.of(state)
    total = estimate_documents(collect_files(paths)[0]) + (1 if "-" in paths else 0)
    stdin = typer.get_binary_stream("stdin") if "-" in paths else None
    with common.progress("ingest", total) as advance:
        result = ingest(
            paths,
            engine=engine,
            analyzer=analyzer,
            batch_size=batch_size,
            n_process=jobs,
            force=force,
            stdin=stdin,
            on_document=lambda origin, status: advance(),
        )
    _print_ingest_summary(result)
    if result.stored:
        recompute_after(engine, analyzer)
    raise typer.Exit(result.exit_code)


def _print_ingest_summary(result: IngestResult) -> None:
    for notice in result.notices:
        common.say(f"warning: {notice}", console=common.err)
    for skipped in result.skipped:
        common.say(f"skipped {skipped}", console=common.err)
    parts = [
        f"{result.stored} document(s) stored ({result.created} new, {result.updated} updated)",
        f"{result.unchanged} unchanged",
        f"{result.claims} claim(s)",
    ]
    if result.kept:
        parts.append(f"{result.kept} reviewed claim(s) kept")
    parts.append(f"{len(result.skipped)} input(s) skipped")
    common.say(", ".join(parts))


@app.command("reanalyse")
def reanalyse_command(
    ctx: typer.Context,
    document: DocumentOpt = None,
    everything: Annotated[bool, typer.Option("--all", help="Every document, whatever its pipeline version.")] = False,
) -> None:
    """Re-run the pipeline over stored documents analysed by another pipeline version (reviewed claims are kept)."""
    from claims.services.review import reanalyse

    state = get_state(ctx)
    if document is not None:
        from sqlmodel import Session

        from db import repository as repo

        with Session(state.engine()) as session:
            if repo.find_document_by_external_id(document, session=session) is None:
                common.fail(f"no document {document!r} (see `claims list` or `claims stats`)")
    analyzer = common.LazyAnalyzer.of(state)
    result = reanalyse(engine=state.engine(), analyzer=analyzer, document=document, everything=everything)
    for failure in result.failed:
        common.say(f"failed {failure}", console=common.err)
    common.say(
        f"{result.documents} document(s) re-analysed, {result.claims} claim(s) written, "
        f"{result.kept} reviewed claim(s) kept, {len(result.failed)} failed"
    )
    if result.documents:
        recompute_after(state.engine(), analyzer)
    raise typer.Exit(1 if result.failed else 0)
