"""``claims actors alias|import|list``: the sides claims speak for."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from claims.cli import common
from claims.cli.common import get_state
from db import repository as repo

app = typer.Typer(help="Actors (the sides claims speak for) and their aliases.", no_args_is_help=True)


@app.command("alias")
def actors_alias_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A speaker, organisation or mention name, e.g. 'Kremlin'.")],
    actor: Annotated[str, typer.Argument(help="The actor it stands for, e.g. 'Russia'.")],
) -> None:
    """Map NAME to ACTOR, overriding the automatic mapping (also for claims already stored)."""
    if not name.strip() or not actor.strip():
        raise typer.BadParameter("NAME and ACTOR must not be empty")
    with get_state(ctx).session(create=True) as session:
        result = repo.set_actor_alias(name, actor, session=session, source="user", reviewer=common.reviewer())
        session.commit()
        common.say(
            f"{result.alias.alias!r} → {result.actor.name}: {result.speakers_updated} speaker(s) and "
            f"{result.claims_updated} claim(s) updated"
        )


@app.command("import")
def actors_import_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A JSON object {name: actor} or a two-column CSV/TSV file.")],
) -> None:
    """Load a user alias file: each NAME → ACTOR overrides the automatic mapping, as `actors alias` does."""
    from claims.nlp.actors import load_alias_file

    try:
        aliases = load_alias_file(path)
    except (OSError, ValueError) as exc:
        common.fail(f"cannot read alias file {path}: {exc}")
        return
    with get_state(ctx).session(create=True) as session:
        for name, actor in aliases.items():
            repo.set_actor_alias(name, actor, session=session, source="user", reviewer=common.reviewer())
        session.commit()
    common.say(f"{len(aliases)} alias(es) loaded from {path}")


@app.command("list")
def actors_list_command(ctx: typer.Context) -> None:
    """List actors with their aliases and how many speakers and claims they have."""
    with get_state(ctx).session() as session:
        summaries = repo.list_actors(session=session)
        table = Table(title=f"{len(summaries)} actor(s)", title_justify="left")
        for column in ("id", "actor", "iso", "aliases", "speakers", "claims"):
            table.add_column(column, justify="right" if column in ("id", "speakers", "claims") else "left")
        for s in summaries:
            aliases = ", ".join(a.alias + ("" if a.source == "user" else " (auto)") for a in s.aliases)
            table.add_row(
                str(s.actor.id),
                common.text(s.actor.name),
                common.text(s.actor.iso_code or ""),
                common.text(aliases),
                str(s.speakers),
                str(s.claims),
            )
    common.out.print(table)
