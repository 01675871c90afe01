"""``claims evaluate``: who-said-what scores against gold attributions (the reference metric)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from sqlmodel import Session

from claims.cli import common
from claims.cli.common import get_state
from claims.services.ingest import ingest
from db.engine import make_engine

app = typer.Typer()


@app.command("evaluate")
def evaluate_command(
    ctx: typer.Context,
    gold: Annotated[
        Path,
        typer.Argument(
            exists=True, dir_okay=False, help="Gold: JSONL (PolNeAR format), or one JSON article or array of them."
        ),
    ],
    articles: Annotated[
        Path | None,
        typer.Option("--articles", exists=True, help="Ingest these into a temporary database and score those."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score stored claims (or those of a fresh ingest of --articles) against gold attributions."""
    from claims.io.evaluate import load_gold, score_session

    state = get_state(ctx)
    golds = load_gold(gold)
    if articles is None:
        with state.session() as session:
            result = score_session(golds.values(), session=session)
    else:
        with tempfile.TemporaryDirectory(prefix="claims-eval-") as folder:
            engine = make_engine(f"sqlite:///{Path(folder) / 'evaluate.db'}")
            try:
                # a JSONL feed may hold far more articles than the gold: read only the gold's
                only = golds.keys() if articles.suffix.lower() == ".jsonl" else None
                run = ingest([articles], engine=engine, analyzer=common.LazyAnalyzer.of(state), only_ids=only)
                for skipped in run.skipped:
                    common.say(f"skipped {skipped}", console=common.err)
                with Session(engine) as session:
                    result = score_session(golds.values(), session=session)
            finally:
                engine.dispose()
    if as_json:
        typer.echo(json.dumps(result, indent=1))
    else:
        _print_scores(result)
    missing = result["documents"] - result["documents_stored"]
    if missing == result["documents"]:
        common.say(
            f"warning: none of the {missing} gold article(s) is a stored document (matched by id, then by "
            f"identical text; e.g. gold id {next(iter(golds))!r}): ingest the articles, or pass --articles",
            console=common.err,
        )
        raise typer.Exit(1)
    if missing:
        common.say(f"warning: {missing} gold article(s) not stored, scored as missed", console=common.err)


def _print_scores(result: dict) -> None:
    from claims.io.evaluate import summary_line

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
    common.out.print(table)
    common.say(summary_line(result))
