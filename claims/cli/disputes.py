"""``claims topics`` and ``claims disputes [confirm|dismiss|reopen]``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich import box
from rich.progress import TaskID
from rich.table import Table
from typer.core import TyperGroup

from claims.analysis.kinds import dispute_kind_label
from claims.cli import common
from claims.cli.common import (
    ActorOpt,
    DisputeDocumentOpt,
    DisputeStatusOpt,
    DocumentOpt,
    ReviewerOpt,
    SideActorOpt,
    TopicOpt,
    dispute_filter,
    get_state,
    loaded_nlp,
)

app = typer.Typer()
disputes_app = typer.Typer(
    help="Disputes: claims of different sides that disagree on one topic.",
    cls=TyperGroup,
    invoke_without_command=True,
)
app.add_typer(disputes_app, name="disputes")


@app.command("topics")
def topics_command(
    ctx: typer.Context,
    actor: ActorOpt = None,
    topic: TopicOpt = None,
    document: DocumentOpt = None,
    several: Annotated[bool, typer.Option("--several", help="Only topics with more than one claim.")] = False,
    rebuild: Annotated[
        bool,
        typer.Option(
            "--rebuild", help="First re-cluster every stored claim (reviewers' decisions are kept); alone, no table."
        ),
    ] = False,
) -> None:
    """List topics (the events or questions claims are about), with their actors and disputes; with
    --topic, also the claims of each topic found."""
    from claims.services.disputes import list_topics

    if rebuild:
        _rebuild(ctx)
        if actor is None and topic is None and document is None and not several:
            return  # the summary only: a table of every topic of a big database takes longer than the rebuild
    with get_state(ctx).session() as session:
        topics = list_topics(session=session, actor=actor, topic=topic, document=document, with_single=not several)
    table = Table(title=f"{len(topics)} topic(s)", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("id", style="dim", justify="right", no_wrap=True)
    table.add_column("topic", style="bold", min_width=12)
    table.add_column("status", no_wrap=True)
    table.add_column("claims", justify="right", no_wrap=True)
    table.add_column("docs", justify="right", no_wrap=True)
    table.add_column("actors", min_width=12)
    table.add_column("disputes", justify="right", no_wrap=True)
    for t in topics:
        actors = ", ".join(f"{name} ({n})" for name, n in t.actors.items()) or "—"
        status = t.status + (f" ({t.corrected} moved)" if t.corrected else "")
        table.add_row(
            str(t.id),
            common.text(t.label),
            common.text(status),
            str(t.claims),
            str(t.documents),
            common.text(actors),
            str(t.disputes or ""),
        )
    common.out.print(table)
    if topic is None:
        return
    from claims.cli.browse import claims_table
    from db import repository as repo

    with get_state(ctx).session() as session:  # --topic: each topic found with its claims
        for t in topics[:TOPICS_WITH_CLAIMS]:
            filters = repo.ClaimFilter(actor=actor, document=document, topic_ids=(t.id,))
            rows = repo.list_claims(filters, session=session, limit=CLAIMS_PER_TOPIC)
            total = repo.count_claims(filters, session=session)
            common.out.print()
            common.out.print(claims_table(rows, title=f"topic {t.id} {t.label}: {len(rows)} of {total} claim(s)"))
    if len(topics) > TOPICS_WITH_CLAIMS:
        common.say(f"(claims of the first {TOPICS_WITH_CLAIMS} topics shown; `claims list --topic ID` for another)")


TOPICS_WITH_CLAIMS = 5  # `topics --topic X` lists the claims of at most this many topics
CLAIMS_PER_TOPIC = 50


@disputes_app.callback()
def disputes_command(
    ctx: typer.Context,
    actor: SideActorOpt = None,
    topic: TopicOpt = None,
    status: DisputeStatusOpt = None,
    document: DisputeDocumentOpt = None,
    recompute: Annotated[
        bool, typer.Option("--recompute", help="First recompute topics and disputes from the stored claims.")
    ] = False,
) -> None:
    """List disputes (or confirm / dismiss one). Reviewed disputes survive recomputation."""
    if ctx.invoked_subcommand is not None:
        return
    from claims.services.disputes import list_disputes

    state = get_state(ctx)
    if recompute:
        _rebuild(ctx)
    with state.session() as session:
        disputes = list_disputes(dispute_filter(actor, topic, status, document), session=session)
    table = Table(title=f"{len(disputes)} dispute(s)", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column("id", style="dim", justify="right", no_wrap=True)
    table.add_column("topic", style="bold", max_width=24)
    table.add_column("kind", max_width=12)
    table.add_column("sides", style="cyan", max_width=24)
    table.add_column("conf.", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("reason", ratio=1)
    styles = {"confirmed": "bold red", "dismissed": "dim", "auto": ""}
    for d in disputes:
        table.add_row(
            str(d.id),
            common.text(d.topic_label),
            common.text(dispute_kind_label(d.kind)),
            common.text("\nvs ".join(f"{side} ({len(claims)})" for side, claims in d.sides.items())),
            f"{d.confidence:.2f}",
            common.text(d.status, style=styles.get(d.status, "")),
            common.text(common.shorten(d.reason, 100)),
        )
    common.out.print(table)


def _rebuild(ctx: typer.Context) -> None:
    """Re-cluster every stored claim and find the disputes again, with a progress bar (on standard error)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from claims.services.disputes import recompute_disputes

    state = get_state(ctx)
    # The pipeline is only needed for claims stored without parse features (older databases): load lazily.
    nlp = loaded_nlp(common.analyzer_factory(state.model)) if common.analyzer_factory else None
    columns = (TextColumn("{task.description:<12}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=common.err, transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(step, total=total)
            bar.update(tasks[step], completed=done, total=total)

        with state.session() as session:
            result = recompute_disputes(session=session, nlp=nlp, progress=progress)
            session.commit()
    common.say(f"topics and disputes recomputed: {result.summary} ({result.seconds:.1f} s)")


def _review_dispute(ctx: typer.Context, dispute_id: int, status: str, version: int | None, who: str | None) -> None:
    from db import review as rv

    common.apply_correction(
        ctx,
        lambda session: rv.set_dispute_status(
            dispute_id, status, session=session, reviewer=who or common.reviewer(), expected_version=version
        ),
    )


DisputeIdArg = Annotated[int, typer.Argument(metavar="ID", help="The dispute (see `claims disputes`).")]
DisputeVersionOpt = Annotated[
    int | None, typer.Option("--expect-version", help="Refuse if the dispute changed since this version.")
]


def _dispute_status_command(status: str, help_text: str):
    def command(
        ctx: typer.Context,
        dispute_id: DisputeIdArg,
        expect_version: DisputeVersionOpt = None,
        reviewer_name: ReviewerOpt = None,
    ) -> None:
        _review_dispute(ctx, dispute_id, status, expect_version, reviewer_name)

    command.__doc__ = help_text
    return command


disputes_app.command("confirm")(
    _dispute_status_command("confirmed", "Confirm a dispute: the sides do disagree (kept by every recomputation).")
)
disputes_app.command("dismiss")(
    _dispute_status_command(
        "dismissed", "Dismiss a dispute: not a real disagreement (kept dismissed by every recomputation)."
    )
)
disputes_app.command("reopen")(
    _dispute_status_command(
        "auto", "Hand a reviewed dispute back to the pipeline (status auto: the next recomputation may replace it)."
    )
)
