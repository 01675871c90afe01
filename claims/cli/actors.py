"""``claims actors alias|unalias|import|kind|set-parent|list``: the sides claims speak for."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from claims.cli import common
from claims.cli.common import get_state
from claims.types import ACTOR_KINDS
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
    from db import review

    with get_state(ctx).session(create=True) as session:
        result = review.add_alias(name, actor, session=session, reviewer=common.reviewer())
        session.commit()
    common.say(result.message)
    common.update_disputes_after_correction(get_state(ctx).engine())


@app.command("unalias")
def actors_unalias_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="An alias given with `actors alias` or `actors import`.")],
) -> None:
    """Remove the alias NAME: later ingests map the name automatically again (speakers and claims keep
    their actor; `claims undo` right after an alias reverts it completely)."""
    from db import review

    with get_state(ctx).session() as session:
        result = review.remove_alias(name, session=session, reviewer=common.reviewer())
        session.commit()
    common.say(result.message)


@app.command("import")
def actors_import_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A JSON object {name: actor} or a two-column CSV/TSV file.")],
) -> None:
    """Load a user alias file: each NAME → ACTOR overrides the automatic mapping, as `actors alias` does."""
    from claims.nlp.actors import load_alias_file
    from db import review

    try:
        aliases = load_alias_file(path)
    except (OSError, ValueError) as exc:
        common.fail(f"cannot read alias file {path}: {exc}")
        return
    with get_state(ctx).session(create=True) as session:
        for name, actor in aliases.items():  # each an undoable action of its own
            review.add_alias(name, actor, session=session, reviewer=common.reviewer())
        session.commit()
    common.say(f"{len(aliases)} alias(es) loaded from {path}")
    common.update_disputes_after_correction(get_state(ctx).engine())


@app.command("kind")
def actors_kind_command(
    ctx: typer.Context,
    actor: Annotated[str, typer.Argument(help="An actor (name, alias or id), e.g. 'Unison'.")],
    kind: Annotated[str, typer.Argument(help=f"One of: {', '.join(ACTOR_KINDS)}.")],
) -> None:
    """Set ACTOR's kind by hand (kept over re-ingest and re-analysis)."""
    from db import review

    common.apply_correction(
        ctx, lambda session: review.set_actor_kind(actor, kind, session=session, reviewer=common.reviewer())
    )


@app.command("set-parent")
def actors_set_parent_command(
    ctx: typer.Context,
    actor: Annotated[str, typer.Argument(help="An actor (name, alias or id), e.g. 'White House'.")],
    parent: Annotated[
        str | None, typer.Argument(help="The actor it belongs to, e.g. 'United States' (new when unknown).")
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the parent instead.")] = False,
) -> None:
    """Say ACTOR belongs to PARENT (kept over re-ingest and re-analysis); --clear: it belongs to none."""
    from db import review

    if (parent is None) != clear:
        raise typer.BadParameter("give PARENT, or --clear to remove the parent")
    common.apply_correction(
        ctx, lambda session: review.set_actor_parent(actor, parent, session=session, reviewer=common.reviewer())
    )


@app.command("list")
def actors_list_command(ctx: typer.Context) -> None:
    """List actors as a tree (each under its parent) with kind, aliases and how many speakers and claims."""
    with get_state(ctx).session() as session:
        summaries = repo.list_actors(session=session)
    by_id = {s.actor.id: s for s in summaries}
    children: dict[int | None, list[repo.ActorSummary]] = {}
    for s in summaries:
        parent = s.actor.parent_id if s.actor.parent_id in by_id else None
        children.setdefault(parent, []).append(s)
    table = Table(title=f"{len(summaries)} actor(s)", title_justify="left")
    for column in ("id", "actor", "kind", "iso", "aliases", "speakers", "claims"):
        table.add_column(column, justify="right" if column in ("id", "speakers", "claims") else "left")
    seen: set[int | None] = set()

    def add(s: repo.ActorSummary, depth: int) -> None:
        seen.add(s.actor.id)
        aliases = ", ".join(a.alias + ("" if a.source == "user" else " (auto)") for a in s.aliases)
        kind = (s.actor.kind or "") + (" (set)" if s.actor.kind_source == "user" else "")
        name = ("  " * depth + "└ " if depth else "") + s.actor.name
        table.add_row(
            str(s.actor.id),
            common.text(name),
            kind,
            common.text(s.actor.iso_code or ""),
            common.text(aliases),
            str(s.speakers),
            str(s.claims),
        )
        for child in children.get(s.actor.id, []):
            if child.actor.id not in seen:
                add(child, depth + 1)

    for s in children.get(None, []):
        add(s, 0)
    for s in summaries:  # actors in a parent cycle (not reachable from a root)
        if s.actor.id not in seen:
            add(s, 0)
    common.out.print(table)
