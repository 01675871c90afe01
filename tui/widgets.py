"""Widgets of the review app. They only show what they are given and post messages; no database access.

Everything from an article or a user is shown through :func:`claims.safe_text.rich_text`: literally (never
as markup), with control, format and bidi characters as visible placeholders."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rich.text import Text
from textual import events
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

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


class TokenView(Static, can_focus=True):
    """A paragraph with the spans of a claim marked and a selection of words (reverse video) over them.

    Shows what it is given (:meth:`show`); the span editor that owns it moves the selection."""

    def show(
        self,
        text: str,
        offset: int,
        marks: Sequence[tuple[str, int, int]],
        selection: tuple[int, int] | None,
    ) -> None:
        spans = [(STYLES[role], max(0, a - offset), max(0, b - offset)) for role, a, b in marks]
        if selection is not None:
            spans.append(("reverse", selection[0] - offset, selection[1] - offset))
        self.update(rich_text(text, marks=spans))


class ReviewFooter(Footer):
    """The footer, keeping the most important keys when the terminal is narrow.

    Screens list the binding ids of each width in ``FOOTER_KEYS``: ((min width, ids), ...), widest first;
    the keys of the first tier whose width the terminal reaches are shown, in the order of the bindings.
    None as ids: every key with ``show``. Everything is always listed in the keys help (?)."""

    def __init__(self, tiers: Sequence[tuple[int, Collection[str] | None]] = ()) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self.tiers = tuple(tiers)
        self._tier: int | None = None

    def shown_ids(self, width: int) -> Collection[str] | None:
        for minimum, ids in self.tiers:
            if width >= minimum:
                return ids
        return self.tiers[-1][1] if self.tiers else None

    def compose(self):
        if not self._bindings_ready:
            return
        ids = self.shown_ids(self.app.size.width)
        seen: set[str] = set()
        own = self.screen._bindings.key_to_bindings
        for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items():
            if not binding.show:  # a widget's hidden key over a screen's shown one (enter in a table)
                binding = next((b for b in own.get(key, []) if b.show), binding)
            if not binding.show or binding.action in seen:
                continue
            if ids is not None and binding.id not in ids:
                continue
            seen.add(binding.action)
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
        self.styles.grid_size_columns = max(1, len(seen))

    def on_resize(self, _event: events.Resize) -> None:
        tier = next((i for i, (minimum, _) in enumerate(self.tiers) if self.app.size.width >= minimum), None)
        if tier != self._tier:
            self._tier = tier
            self.call_later(self.recompose)
