"""``claims ingest`` and ``claims reanalyse``: analyse articles and store their claims."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from claims.cli import common
from claims.cli.common import DocumentOpt, get_state, recompute_after
from claims.services.ingest import IngestResult, ingest

if TYPE_CHECKING:  # pragma: no cover
    from claims.nlp.distributed import DaskAnalyzer

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
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Analyse on the Dask cluster of this scheduler (tcp://HOST:8786).")
    ] = None,
    dask: Annotated[
        str | None, typer.Option("--dask", help="Analyse on a Dask cluster of N worker processes here (local:N).")
    ] = None,
) -> None:
    """Analyse articles and store their claims. Exit 1 when some inputs were skipped."""
    from claims.io.readers import collect_files, estimate_documents

    state = get_state(ctx)
    cluster = _connect_cluster(ctx, state, scheduler, dask, jobs) if scheduler or dask else None
    engine = state.engine(create=True)  # after connecting: an unreachable cluster leaves nothing behind
    analyzer = cluster or common.LazyAnalyzer.of(state)
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
    if cluster:
        cluster.close()  # before the recompute, which may load a pipeline here
    _print_ingest_summary(result)
    if result.stored:
        recompute_after(engine, analyzer)
    raise typer.Exit(result.exit_code)


def _connect_cluster(
    ctx: typer.Context, state: common.State, scheduler: str | None, dask: str | None, jobs: int
) -> DaskAnalyzer:
    """The Dask analyzer for ``--scheduler``/``--dask`` (one of them, without ``--jobs``), closed with ``ctx``."""
    from claims.nlp.distributed import connect, parse_local

    if scheduler and dask:
        raise typer.BadParameter("give --scheduler or --dask, not both", param_hint="--dask")
    if jobs > 1:
        raise typer.BadParameter("--jobs is for one machine without Dask; the cluster's workers are the processes")
    try:
        local = parse_local(dask) if dask else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--dask") from exc
    analyzer = connect(
        scheduler=scheduler, local=local, model=state.model, attributor=state.attributor, model_path=state.model_path
    )
    ctx.call_on_close(analyzer.close)  # also when the ingest fails or is interrupted
    return analyzer


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
