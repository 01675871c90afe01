"""Widgets of the review app. They only show what they are given and post messages; no database access."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.queries import ClaimDetail

STYLES = {"source": "bold cyan", "cue": "bold magenta", "content": "green underline"}
STATUS_STYLES = {"auto": "dim", "accepted": "bold green", "corrected": "bold yellow", "rejected": "bold red"}


def status_text(status: str) -> Text:
    return Text(status, style=STATUS_STYLES.get(status, ""))


def passage(detail: ClaimDetail) -> Text:
    """The claim's paragraph with source, cue and content marked (offsets are str indices)."""
    text = Text(detail.text)
    for role, start, end in detail.marks:
        text.stylize(STYLES[role], max(0, start - detail.offset), max(0, end - detail.offset))
    return text


def header(detail: ClaimDetail) -> Text:
    line = Text()
    line.append(f"#{detail.id} ", style="bold")
    line.append(f"v{detail.version} ", style="dim")
    line.append_text(status_text(detail.status))
    line.append(" · ")
    line.append(detail.speaker or detail.source_text or "no speaker", style=STYLES["source"])
    line.append(" → ")
    line.append(detail.actor or "no actor", style="bold")
    line.append(f" · {detail.kind} {detail.confidence:.2f} · topic: {detail.topic or '—'} · {detail.document}")
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
