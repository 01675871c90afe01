"""The ``claims`` command line (Typer): the root app, its global options, and one sub-app per command group.

Commands are thin: the work is done in plain, tested functions of :mod:`claims.services`, :mod:`claims.io`
and :mod:`db`. Top-level commands (``ingest``, ``list``...) come from sub-apps added without a name.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from claims import __version__
from claims.cli import actors, browse, database, disputes, evaluate, export, ingest, review, speakers, train
from claims.cli.common import ClaimsGroup, State
from claims.nlp.pipeline import (
    ATTRIBUTION_MODEL_ENV,
    ATTRIBUTOR_ENV,
    DEFAULT_ATTRIBUTOR,
    MODEL_ENV,
    PIPELINE_VERSION,
)
from db.engine import DB_ENV, database_url

app = typer.Typer(
    name="claims",
    cls=ClaimsGroup,
    help="Find attributed claims in news: who said what, for which side.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
# top-level commands, in the order `claims --help` lists them
for module in (ingest, browse, disputes, review, evaluate, train):
    app.add_typer(module.app)
app.add_typer(export.app, name="export")
app.add_typer(actors.app, name="actors")
app.add_typer(speakers.app, name="speakers")
app.add_typer(database.app, name="db")


class Attributor(StrEnum):
    rules = "rules"
    model = "model"
    hybrid = "hybrid"


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
    attributor: Annotated[
        Attributor | None,
        typer.Option(
            "--attributor",
            envvar=ATTRIBUTOR_ENV,
            help=f"Who-said-what finder: the rules, the learned model, or both (default {DEFAULT_ATTRIBUTOR}).",
        ),
    ] = None,
    model_path: Annotated[
        str | None,
        typer.Option(
            "--model-path",
            envvar=ATTRIBUTION_MODEL_ENV,
            help="A model folder written by `claims train` (default: the shipped weights).",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Find attributed claims in news: who said what, for which side."""
    state = State(database_url(db), model, attributor.value if attributor else None, model_path)
    ctx.obj = state
    ctx.call_on_close(state.close)


def main() -> None:
    """Entry point of the ``claims`` script."""
    app(prog_name="claims")
