"""``claims export claims|corrections|disputes``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, Annotated

import typer
from typer.core import TyperGroup

from claims.cli import common
from claims.cli.common import (
    ActorOpt,
    DisputeDocumentOpt,
    DisputeFormat,
    DisputeStatusOpt,
    DocumentOpt,
    Format,
    KindOpt,
    SideActorOpt,
    SpeakerOpt,
    StatusOpt,
    TopicOpt,
    claim_filters,
    dispute_filter,
    get_state,
)

app = typer.Typer(help="Export stored data.", no_args_is_help=True, cls=TyperGroup)

RawCsvOpt = Annotated[
    bool,
    typer.Option(
        "--raw-csv",
        help="CSV: write every cell exactly as stored, for programs. By default a cell beginning with "
        "=, +, -, @, tab or CR gets a leading ' so that a spreadsheet shows it as text, not as a formula.",
    ),
]


OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.", dir_okay=False)
]


def write_export(output: Path | None, write: Callable[[Path | IO[str]], int], unit: str) -> None:
    """Run an export to ``output`` (a file, written atomically, and a line on stderr saying how much) or,
    without one (or with ``-``), to stdout."""
    if output is None or str(output) == "-":
        write(common.stdout_stream())
    else:
        count = write(output)
        common.say(f"{count} {unit} written to {output}", console=common.err)


@app.command("claims")
def export_claims_command(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    output: OutputOpt = None,
    document: DocumentOpt = None,
    speaker: SpeakerOpt = None,
    actor: ActorOpt = None,
    kind: KindOpt = None,
    status: StatusOpt = None,
    raw_csv: RawCsvOpt = False,
) -> None:
    """Export claims, one record per claim (offsets are str indices into the document text)."""
    from claims.io.export import export_claims

    filters = claim_filters(document, speaker, actor, kind, status)
    with get_state(ctx).session() as session:
        write_export(
            output,
            lambda to: export_claims(to, session=session, fmt=fmt.value, filters=filters, raw_csv=raw_csv),
            "claim(s)",
        )


@app.command("corrections")
def export_corrections_command(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    output: OutputOpt = None,
    raw_csv: RawCsvOpt = False,
) -> None:
    """Export the correction log, one record per correction (undo included)."""
    from claims.services.review import export_corrections

    with get_state(ctx).session() as session:
        write_export(
            output, lambda to: export_corrections(to, session=session, fmt=fmt.value, raw_csv=raw_csv), "correction(s)"
        )


@app.command("disputes")
def export_disputes_command(
    ctx: typer.Context,
    fmt: Annotated[DisputeFormat, typer.Option("--format", "-f", help="Output format.")] = DisputeFormat.json,
    output: OutputOpt = None,
    actor: SideActorOpt = None,
    topic: TopicOpt = None,
    status: DisputeStatusOpt = None,
    document: DisputeDocumentOpt = None,
    raw_csv: RawCsvOpt = False,
) -> None:
    """Export disputes: json, a report (md, html), csv (one row per claim) or schema.org ClaimReview JSON-LD."""
    from claims.services.disputes import export_disputes

    filters = dispute_filter(actor, topic, status, document)
    unit = "row(s)" if fmt in (DisputeFormat.csv, DisputeFormat.claimreview) else "dispute(s)"
    with get_state(ctx).session() as session:
        write_export(
            output,
            lambda to: export_disputes(to, session=session, fmt=fmt.value, filters=filters, raw_csv=raw_csv),
            unit,
        )


@app.command("training")
def export_training_command(
    ctx: typer.Context,
    output: OutputOpt = None,
    partial: Annotated[
        bool,
        typer.Option(
            "--partial", help="Also documents only partly reviewed (their unreviewed claims taken as they are)."
        ),
    ] = False,
) -> None:
    """Export reviewers' accepted and corrected claims as gold articles (JSONL) for `claims train
    --from-corrections` and `claims evaluate`: every fully reviewed document, rejected claims left out."""
    from claims.io.export import export_training

    with get_state(ctx).session() as session:
        write_export(output, lambda to: export_training(to, session=session, partial=partial), "article(s)")
