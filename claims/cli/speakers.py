"""``claims speakers merge|rename``."""

from __future__ import annotations

from typing import Annotated

import typer

from claims.cli import common
from claims.cli.common import ReviewerOpt, get_state

app = typer.Typer(help="Speakers: merge duplicates.", no_args_is_help=True)


@app.command("merge")
def speakers_merge_command(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="A", help="The speaker (name or id) to merge away.")],
    target: Annotated[str, typer.Argument(metavar="B", help="The speaker (name or id) it is the same as.")],
    reviewer_name: ReviewerOpt = None,
) -> None:
    """Merge speaker A into speaker B: A's claims move to B, and later mentions of A resolve to B."""
    from db import review as rv

    with get_state(ctx).session() as session:
        result = rv.merge_speakers(source, target, session=session, reviewer=reviewer_name or common.reviewer())
        session.commit()
    common.say(result.message)


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
