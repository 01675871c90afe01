"""``claims speakers list|merge|rename``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich import box
from rich.table import Table

from claims.cli import common
from claims.cli.common import ActorOpt, ReviewerOpt, get_state
from db import repository as repo

app = typer.Typer(help="Speakers: list them, merge duplicates, rename.", no_args_is_help=True)


@app.command("list")
def speakers_list_command(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option("--name", help="Speakers whose name contains this.")] = None,
    actor: ActorOpt = None,
    merged: Annotated[bool, typer.Option("--merged", help="Also the speakers merged into others.")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many (0: all).")] = 100,
) -> None:
    """List speakers (most claims first) with id, organisation, actor, claims and former names; the id or
    name is what `speakers merge`, `speakers rename` and `correct --speaker` take."""
    with get_state(ctx).session() as session:
        summaries = repo.list_speakers(session=session, name=name, actor=actor, merged=merged)
    shown = summaries[:limit] if limit else summaries
    table = Table(
        title=f"{len(shown)} of {len(summaries)} speaker(s)", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False
    )
    table.add_column("id", style="dim", justify="right", no_wrap=True)
    table.add_column("speaker", style="cyan", min_width=12)
    table.add_column("organisation", min_width=8)
    table.add_column("actor", style="bold", min_width=8)
    table.add_column("claims", justify="right", no_wrap=True)
    table.add_column("also called", min_width=8)
    for s in shown:
        former = ", ".join(s.former_names)
        if s.merged_into:
            former = (former + "; " if former else "") + f"merged into {s.merged_into}"
        table.add_row(
            str(s.speaker.id),
            common.text(s.speaker.name),
            common.text(s.speaker.organisation or ""),
            common.text(s.actor or "—"),
            str(s.claims),
            common.text(former),
        )
    common.out.print(table)


@app.command("merge")
def speakers_merge_command(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="A", help="The speaker (name or id) to merge away.")],
    target: Annotated[str, typer.Argument(metavar="B", help="The speaker (name or id) it is the same as.")],
    reviewer_name: ReviewerOpt = None,
) -> None:
    """Merge speaker A into speaker B: A's claims move to B, and later mentions of A resolve to B."""
    from db import review as rv

    common.apply_correction(
        ctx,
        lambda session: rv.merge_speakers(source, target, session=session, reviewer=reviewer_name or common.reviewer()),
    )


@app.command("rename")
def speakers_rename_command(
    ctx: typer.Context,
    speaker: Annotated[str, typer.Argument(help="The speaker (name or id) to rename.")],
    name: Annotated[str, typer.Argument(help="Its new name.")],
    reviewer_name: ReviewerOpt = None,
) -> None:
    """Rename a speaker; later mentions of the old name still resolve to it."""
    from db import review as rv

    with get_state(ctx).session() as session:
        row = rv.find_speaker(speaker, session=session)
        if row is None or row.id is None:
            raise rv.ReviewError(f"no speaker {speaker!r}")
        result = rv.rename_speaker(row.id, name, session=session, reviewer=reviewer_name or common.reviewer())
        session.commit()
    common.say(result.message)
