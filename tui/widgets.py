"""Widgets of the review app. They only show what they are given and post messages; no database access.

Everything from an article or a user is shown through :func:`claims.safe_text.rich_text`: literally (never
as markup), with control, format and bidi characters as visible placeholders."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from claims.safe_text import rich_text
from tui.queries import ClaimDetail

STYLES = {"source": "bold cyan", "cue": "bold magenta", "content": "green underline"}
STATUS_STYLES = {"auto": "dim", "accepted": "bold green", "corrected": "bold yellow", "rejected": "bold red"}


def status_text(status: str) -> Text:
    return rich_text(status, STATUS_STYLES.get(status, ""))


def cell(value: object, style: str = "") -> Text:
    """A table cell or label from untrusted text."""
    return rich_text(value, style)


def passage(detail: ClaimDetail) -> Text:
    """The claim's paragraph with source, cue and content marked (offsets are str indices)."""
    marks = [
        (STYLES[role], max(0, start - detail.offset), max(0, end - detail.offset)) for role, start, end in detail.marks
    ]
    return rich_text(detail.text, marks=marks)


def header(detail: ClaimDetail) -> Text:
    line = Text()
    line.append(f"#{detail.id} ", style="bold")
    line.append(f"v{detail.version} ", style="dim")
    line.append_text(status_text(detail.status))
    line.append(" · ")
    line.append_text(rich_text(detail.speaker or detail.source_text or "no speaker", STYLES["source"]))
    line.append(" → ")
    line.append_text(rich_text(detail.actor or "no actor", "bold"))
    line.append_text(
        rich_text(f" · {detail.kind} {detail.confidence:.2f} · topic: {detail.topic or '—'} · {detail.document}")
    )
    return line


class ClaimContext(Static):
    """The highlighted claim in its paragraph."""

    def show(self, detail: ClaimDetail | None) -> None:
        if detail is None:
            self.update(Text("No claim selected.", style="dim"))
            return
        legend = Text("source", style=STYLES["source"]) + Text("  cue", style=STYLES["cue"])
        legend += Text("  content", style=STYLES["content"])
        self.update(Text("\n").join([header(detail), Text(""), passage(detail), Text(""), legend]))


class EmptyState(Static):
    """Shown instead of a table when there is nothing to show, saying what to do."""
