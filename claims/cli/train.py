"""``claims train``: train the learned attribution layer on gold attributions (and reviewers' corrections)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claims.cli import common

app = typer.Typer()


@app.command("train")
def train_command(
    gold: Annotated[Path, typer.Option("--gold", exists=True, dir_okay=False, help="Gold attributions (JSONL).")],
    out: Annotated[Path, typer.Option("--output", "-o", file_okay=False, help="Folder for attribution.json.")],
    articles: Annotated[
        Path | None,
        typer.Option("--articles", exists=True, dir_okay=False, help="Articles JSONL to check the gold texts against."),
    ] = None,
    corrections: Annotated[
        list[Path] | None,
        typer.Option(
            "--from-corrections",
            exists=True,
            dir_okay=False,
            help="More gold in the same format, e.g. reviewers' corrections (an article there replaces the same "
            "article of --gold); repeatable.",
        ),
    ] = None,
    corrections_weight: Annotated[float, typer.Option("--corrections-weight", min=0.0)] = 1.0,
    seed: Annotated[int, typer.Option("--seed", help="Fixed seed: the same inputs give the same weights.")] = 0,
    cache: Annotated[
        Path | None, typer.Option("--cache", dir_okay=False, help="A spaCy DocBin file caching the parses.")
    ] = None,
) -> None:
    """Train the attribution classifier; use it with `claims --model-path DIR --attributor hybrid|model ...`."""
    from claims.services.training import train

    try:
        meta = train(
            gold,
            articles,
            out,
            extra_gold=corrections or (),
            extra_weight=corrections_weight,
            seed=seed,
            cache=cache,
            log=lambda message: common.say(message, console=common.err),
        )
    except ValueError as exc:
        common.fail(str(exc))
        return
    common.say(f"model written to {out / 'attribution.json'} ({meta.get('seconds', 0):.0f} s)")
