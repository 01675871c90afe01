"""``claims list``, ``claims show`` and ``claims stats``: reading stored claims."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from claims.cli import common
from claims.cli.common import (
    ActorOpt,
    DocumentOpt,
    Kind,
    KindOpt,
    SpeakerOpt,
    Status,
    StatusOpt,
    claim_filters,
    get_state,
)
from claims.errors import ClaimsError
from claims.safe_text import rich_text
from db import repository as repo
from db.models import Claim

app = typer.Typer()


@app.command("list")
def list_command(
    ctx: typer.Context,
    document: DocumentOpt = None,
    speaker: SpeakerOpt = None,
    actor: ActorOpt = None,
    kind: KindOpt = None,
    status: StatusOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many (0: all).")] = 50,
) -> None:
    """List stored claims."""
    filters = claim_filters(document, speaker, actor, kind, status)
    with get_state(ctx).session() as session:
        rows = repo.list_claims(filters, session=session, limit=limit or None)
        total = repo.count_claims(filters, session=session)
        table = Table(
            title=f"{len(rows)} of {total} claim(s)",
            title_justify="left",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            padding=(0, 1, 0, 0),
        )
        table.add_column("id", style="dim", no_wrap=True, justify="right")
        table.add_column("document", overflow="ellipsis", max_width=24)
        table.add_column("speaker", style="cyan", overflow="ellipsis", max_width=24)
        table.add_column("actor", style="bold", overflow="ellipsis", max_width=16)
        table.add_column("kind", no_wrap=True)
        table.add_column("cue", style="magenta", overflow="ellipsis", max_width=14)
        table.add_column("content", style="green", min_width=12)
        table.add_column("conf.", no_wrap=True, justify="right")
        table.add_column("status", no_wrap=True)
        for claim, doc, spk, act in rows:
            text = doc.text
            cue = text[claim.cue_start : claim.cue_end] if claim.cue_start is not None else ""
            table.add_row(
                str(claim.id),
                common.text(common.shorten(doc.external_id, 24)),
                common.text(common.shorten(spk.name if spk else (claim.source_text or "—"), 24)),
                common.text(act.name if act else "—"),
                common.text(claim.kind),
                common.text(common.shorten(cue, 16)),
                common.text(common.shorten(text[claim.content_start : claim.content_end], 60)),
                f"{claim.confidence:.2f}",
                common.text(claim.status),
            )
    common.out.print(table)


STYLES = {"source": "bold cyan", "cue": "bold magenta", "content": "green underline"}
CONTEXT_LIMIT = 1500


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The blank-line-delimited stretch of ``text`` around [start, end)."""
    begin = text.rfind("\n\n", 0, start)
    begin = 0 if begin == -1 else begin + 2
    stop = text.find("\n\n", end)
    stop = len(text) if stop == -1 else stop
    return max(begin, start - CONTEXT_LIMIT), min(stop, end + CONTEXT_LIMIT)


def marked_spans(claim: Claim) -> list[tuple[str, int, int]]:
    """(role, start, end) of a claim's content, source and cue pieces."""
    marks = [("content", claim.content_start, claim.content_end)]
    if claim.source_start is not None and claim.source_end is not None:
        marks.append(("source", claim.source_start, claim.source_end))
    if claim.cue_start is not None and claim.cue_end is not None:
        marks.append(("cue", claim.cue_start, claim.cue_end))
    marks += [("cue", int(start), int(end)) for start, end in json.loads(claim.extra_cues_json or "[]")]
    return marks


@app.command("show")
def show_command(ctx: typer.Context, claim_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """Show one claim in its paragraph, with source, cue and content marked."""
    with get_state(ctx).session() as session:
        row = repo.get_claim(claim_id, session=session)
        if row is None:
            raise ClaimsError(f"no claim with id {claim_id}")
        claim, document, speaker, actor = row
        text = document.text
        marks = marked_spans(claim)
        begin, stop = paragraph_bounds(text, min(s for _, s, _ in marks), max(e for _, _, e in marks))
        passage = rich_text(text[begin:stop], marks=[(STYLES[r], s - begin, e - begin) for r, s, e in marks])

        header = Table.grid(padding=(0, 2))
        header.add_column(style="bold")
        header.add_column()
        header.add_row("claim", f"{claim.id} (version {claim.version})")
        header.add_row(
            "document", common.text(document.external_id + (f" — {document.title}" if document.title else ""))
        )
        who = speaker.name if speaker else "—"
        if speaker and speaker.organisation:
            who += f" ({speaker.organisation})"
        header.add_row("speaker", common.text(who))
        header.add_row("source", common.text(claim.source_text or "—"))
        header.add_row("actor", common.text(actor.name if actor else "—"))
        header.add_row("kind", common.text(claim.kind))
        header.add_row("confidence", f"{claim.confidence:.2f}")
        header.add_row("status", common.text(claim.status))
        common.out.print(header)
        common.out.print()
        common.out.print(passage)
        common.out.print()
        legend = Text("legend: ")
        for role, style in STYLES.items():
            legend.append(role, style=style)
            legend.append("  ")
        common.out.print(legend)


@app.command("stats")
def stats_command(ctx: typer.Context) -> None:
    """Counts of documents, claims (by kind and status), speakers and actors."""
    with get_state(ctx).session() as session:
        s = repo.stats(session=session)
    table = Table(show_header=False, title="claims database", title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("documents", str(s.documents))
    table.add_row("claims", str(s.claims))
    for kind in Kind:
        table.add_row(f"  {kind.value}", str(s.by_kind.get(kind.value, 0)))
    for status in Status:
        table.add_row(f"  {status.value}", str(s.by_status.get(status.value, 0)))
    table.add_row("speakers", str(s.speakers))
    table.add_row("actors", str(s.actors))
    table.add_row("aliases", str(s.aliases))
    common.out.print(table)
    if s.top_actors:
        top = Table(title="claims by actor", title_justify="left")
        top.add_column("actor")
        top.add_column("claims", justify="right")
        for name, count in s.top_actors:
            top.add_row(common.text(name), str(count))
        common.out.print(top)
