"""``claims review`` (the Textual app, imported only here), ``claims correct`` and ``claims undo``."""

from __future__ import annotations

from typing import Annotated

import typer

from claims.cli import common
from claims.cli.common import ReviewerOpt, get_state

app = typer.Typer()


@app.command("review")
def review_command(ctx: typer.Context, reviewer_name: ReviewerOpt = None) -> None:
    """Open the review app (Textual): go through claims, disputes and speakers, correct and undo."""
    from tui.app import ClaimsApp  # Textual is only imported here

    ClaimsApp(engine=get_state(ctx).engine(), reviewer=reviewer_name or common.reviewer()).run()


@app.command("correct")
def correct_command(
    ctx: typer.Context,
    claim_id: Annotated[int, typer.Argument(metavar="ID")],
    speaker: Annotated[str | None, typer.Option("--speaker", help="Who made the claim (name or id).")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="The side it speaks for.")] = None,
    reject: Annotated[bool, typer.Option("--reject", help="Not a claim.")] = False,
    accept: Annotated[bool, typer.Option("--accept", help="The claim is right.")] = False,
    topic: Annotated[
        str | None,
        typer.Option(
            "--topic",
            help="Move it to this topic: an id, a label or a part of one (as `topics --topic`); "
            "a new topic when no label has it.",
        ),
    ] = None,
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
    who = reviewer_name or common.reviewer()
    with get_state(ctx).session() as session:
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
    common.say("; ".join(messages))
    common.update_disputes_after_correction(get_state(ctx).engine())


@app.command("undo")
def undo_command(ctx: typer.Context, reviewer_name: ReviewerOpt = None) -> None:
    """Undo your last correction (the undo is logged too)."""
    from db import review as rv

    common.apply_correction(
        ctx, lambda session: rv.undo_last(session=session, reviewer=reviewer_name or common.reviewer())
    )
