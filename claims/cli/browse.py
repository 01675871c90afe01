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
    TopicOpt,
    claim_filters,
    get_state,
)
from claims.errors import ClaimsError
from claims.safe_text import rich_text, visible
from db import repository as repo
from db.models import Claim

app = typer.Typer()


CONTENT_CHARS = 400  # of a claim's content put in a table cell (the cell cuts it to the width it gets)


CONTENT_MIN = 16
WIDE = 120  # a terminal at least this wide gets two spaces between columns
STATUS_WIDTH = max(len(s.value) for s in Status)
COLUMNS = ("id", "document", "speaker", "actor", "kind", "cue", "content", "conf.", "status")
COLUMN_CAPS = {"document": 20, "speaker": 24, "actor": 16, "kind": 12, "cue": 14}  # on a wide terminal


def _cells(row: repo.ClaimRow) -> dict[str, str]:
    claim, doc, spk, act = row
    text = doc.text
    cue = text[claim.cue_start : claim.cue_end] if claim.cue_start is not None else ""
    return {
        "id": str(claim.id),
        "document": doc.external_id,
        "speaker": spk.name if spk else (claim.source_text or "—"),
        "actor": act.name if act else "—",
        "kind": claim.kind,
        "cue": " ".join(cue.split()),
        "content": common.shorten(text[claim.content_start : claim.content_end], CONTENT_CHARS),
        "conf.": f"{claim.confidence:.2f}",
        "status": claim.status,
    }


def _column_widths(cells: list[dict[str, str]], width: int, gap: int) -> dict[str, int]:
    """Each column's width on a terminal ``width`` wide: id, confidence and status in full, the others as
    wide as their longest value up to a cap, shrunk together when the terminal is narrow so that the content
    keeps at least a third; the content gets the rest."""

    def natural(name: str) -> int:
        return max([len(name), *(len(visible(c[name])) for c in cells)])

    widths = {name: natural(name) for name in ("id", "conf.", "status")}
    widths["status"] = max(widths["status"], STATUS_WIDTH)
    wanted = {name: min(cap, natural(name)) for name, cap in COLUMN_CAPS.items()}
    # ``gap`` spaces between columns: the table's separator, and padding after every column when gap is 2
    rest = width - sum(widths.values()) - gap * (len(COLUMNS) - 1) - (gap - 1)
    budget = rest - max(CONTENT_MIN, rest // 3)
    total = sum(wanted.values())
    if total > budget > 0:
        kind = wanted["kind"]
        wanted = {name: max(min(4, w), int(w * budget / total)) for name, w in wanted.items()}
        wanted["kind"] = max(wanted["kind"], min(kind, 8))  # "indirect" in full when it can be
    while sum(wanted.values()) + CONTENT_MIN > rest and max(wanted.values()) > 3:  # a very narrow terminal
        widest = max(wanted, key=lambda name: wanted[name])
        wanted[widest] -= 1
    widths.update(wanted)
    widths["content"] = max(3, rest - sum(wanted.values()))
    return {name: widths[name] for name in COLUMNS}


def claims_table(rows: list[repo.ClaimRow], *, title: str) -> Table:
    """Claims as a table as wide as the terminal: one line per claim, the content getting the width the
    other columns leave (cut with "…"), the status always in full."""
    gap = 2 if common.out.width >= WIDE else 1  # the table's column separator and, when wide, a space more
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, padding=(0, gap - 1, 0, 0))
    cells = [_cells(row) for row in rows]
    widths = _column_widths(cells, common.out.width - 1, gap)
    styles = {"id": "dim", "speaker": "cyan", "actor": "bold", "cue": "magenta", "content": "green"}
    for name, width in widths.items():
        table.add_column(
            name,
            style=styles.get(name, ""),
            no_wrap=True,
            overflow="ellipsis",
            width=width + gap - 1,  # with its padding
            justify="right" if name in ("id", "conf.") else "left",
        )
    for row in cells:
        table.add_row(*(common.text(row[name]) for name in widths))
    return table


@app.command("list")
def list_command(
    ctx: typer.Context,
    document: DocumentOpt = None,
    speaker: SpeakerOpt = None,
    actor: ActorOpt = None,
    kind: KindOpt = None,
    status: StatusOpt = None,
    topic: TopicOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many (0: all).")] = 50,
) -> None:
    """List stored claims."""
    filters = claim_filters(document, speaker, actor, kind, status, topic)
    with get_state(ctx).session() as session:
        rows = repo.list_claims(filters, session=session, limit=limit or None)
        total = repo.count_claims(filters, session=session)
        table = claims_table(rows, title=f"{len(rows)} of {total} claim(s)")
    common.out.print(table)


STYLES = {"source": "bold cyan", "cue": "bold magenta", "content": "green underline"}
CONTEXT_LIMIT = 1500


BRACKETS = {"source": ("[source: ", "]"), "cue": ("{", "}"), "content": ("«", "»")}


def bracketed(text: str, marks: list[tuple[str, int, int]]) -> str:
    """``text`` with each (role, start, end) mark put in its brackets (:data:`BRACKETS`): how ``claims
    show`` marks source, cue and content where there is no colour."""
    events: list[tuple[int, int, str]] = []  # (offset, 0 closing / 1 opening, bracket)
    for role, start, end in marks:
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        if start < end:
            events.append((start, 1, BRACKETS[role][0]))
            events.append((end, 0, BRACKETS[role][1]))
    out, at = [], 0
    for offset, _, bracket in sorted(events, key=lambda e: (e[0], e[1])):
        out.append(text[at:offset])
        out.append(bracket)
        at = offset
    out.append(text[at:])
    return "".join(out)


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
        plain = common.out.color_system is None or common.out.no_color  # piped, or NO_COLOR: mark in text
        if plain:
            passage = rich_text(bracketed(text[begin:stop], [(r, s - begin, e - begin) for r, s, e in marks]))
        else:
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
            if plain:
                legend.append(BRACKETS[role][0] + (role if role != "source" else "…") + BRACKETS[role][1])
            else:
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
