"""The disputes screen: per topic, the sides next to each other, each claim with its speaker and cue."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import ScreenResume
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from claims.analysis.kinds import dispute_kind_label
from db import review
from tui import queries
from tui.screens.base import ReviewScreen
from tui.widgets import EmptyState, ReviewFooter, cell, status_text

NO_DISPUTES = (
    "No disputes stored yet.\n\n"
    "A dispute is claims from different sides on one topic that disagree. They appear here once the\n"
    "disputes analysis has run over the database; until then, review claims on the claims screen (1)."
)


def side_claim_text(claim: queries.SideClaim) -> Text:
    """A claim of a dispute as reported speech: "the union has accused the ministry of delay"."""
    line = cell(claim.speaker, "bold cyan")
    if claim.cue:
        line.append(" ")
        line.append_text(cell(claim.cue, "magenta"))
    else:
        line.append(":")
    line.append(" ")
    line.append_text(cell(claim.content))
    return line


class DisputesScreen(ReviewScreen):
    """Disputes per topic, the sides next to each other; confirm or dismiss; jump to a claim."""

    BINDINGS = [
        Binding("c", "confirm", "Confirm", tooltip="it is a dispute", id="confirm"),
        Binding("x", "dismiss_dispute", "Dismiss", tooltip="not a dispute", id="dismiss"),
        Binding("enter", "jump", "Its claims", tooltip="open the dispute's claims (on a claim: with the cursor on it)",
                id="jump"),
        Binding("ctrl+z", "undo", "Undo", tooltip="undo your last correction", id="undo"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__(id="disputes-screen")
        self.disputes: dict[int, queries.DisputeView] = {}

    def compose(self) -> ComposeResult:
        yield Static("Disputes", id="disputes-status", classes="status-line")
        yield EmptyState(NO_DISPUTES, id="disputes-empty")
        table: DataTable = DataTable(id="disputes-table", cursor_type="row", zebra_stripes=True)
        for key, label, width in (
            ("topic", "topic", 24),
            ("kind", "kind", 19),
            ("status", "status", 9),
            ("conf", "conf", 4),
            ("sides", "sides", 24),
        ):
            table.add_column(label, key=key, width=width)
        yield table
        yield Static(id="dispute-reason")
        yield Horizontal(id="dispute-sides")
        yield Static(classes="message", id="disputes-message")
        yield ReviewFooter(((100, None), (0, ("jump", "confirm", "dismiss", "undo", "keys", "quit"))))

    def on_mount(self) -> None:
        self.query_one("#disputes-empty").display = False
        self.query_one("#disputes-table").focus()
        self.reload()

    def on_screen_resume(self, _event: ScreenResume) -> None:
        self.reload()

    def reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="disputes")
    def load(self) -> None:
        rows = queries.list_disputes(self.claims_app.engine)
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[queries.DisputeView]) -> None:
        table = self.query_one("#disputes-table", DataTable)
        current = self.current_id()
        table.clear()
        self.disputes = {d.id: d for d in rows}
        for d in rows:
            sides = " vs ".join(side for side, _ in d.sides)
            table.add_row(
                cell(d.topic),
                cell(dispute_kind_label(d.kind)),
                status_text(d.status),
                f"{d.confidence:.2f}",
                cell(sides),
                key=str(d.id),
            )
        empty = not rows
        self.query_one("#disputes-empty").display = empty
        for selector in ("#disputes-table", "#dispute-reason", "#dispute-sides"):
            self.query_one(selector).display = not empty
        self.query_one("#disputes-status", Static).update(
            cell(f"{len(rows)} dispute(s) · reviewer {self.claims_app.reviewer}", "bold")
        )
        if rows:
            index = table.get_row_index(str(current)) if current in self.disputes else 0
            table.move_cursor(row=index, animate=False)
            self._show_sides(rows[index])

    def current_id(self) -> int | None:
        return self.cursor_id("#disputes-table")

    @on(DataTable.RowHighlighted, "#disputes-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None and int(event.row_key.value) in self.disputes:
            self._show_sides(self.disputes[int(event.row_key.value)])

    def _show_sides(self, dispute: queries.DisputeView) -> None:
        reason = Text()
        reason.append_text(cell(f"{dispute.topic}: ", "bold"))
        reason.append_text(cell(dispute_kind_label(dispute.kind), "italic"))
        if dispute.reason:
            reason.append_text(cell(f" · {dispute.reason}"))
        self.query_one("#dispute-reason", Static).update(reason)
        box = self.query_one("#dispute-sides", Horizontal)
        box.remove_children()
        columns = []
        for side, claims in dispute.sides:
            options = OptionList(*[Option(side_claim_text(c), id=str(c.id)) for c in claims], classes="side")
            options.border_title = cell(side)  # type: ignore[assignment]  # (Text is accepted and never markup)
            columns.append(options)
        box.mount_all(columns)

    def _set(self, status: str) -> None:
        dispute_id = self.current_id()
        if dispute_id is None:
            self.notify("No dispute selected.", severity="warning")
            return
        version = self.disputes[dispute_id].version
        result = self.write(
            lambda s: review.set_dispute_status(
                dispute_id, status, session=s, reviewer=self.claims_app.reviewer, expected_version=version
            )
        )
        if result is not None:
            self.say(result.message)
            self.reload()

    def action_confirm(self) -> None:
        self._set("confirmed")

    def action_dismiss_dispute(self) -> None:
        self._set("dismissed")

    def action_jump(self) -> None:
        """The dispute's own claims on the claims screen, the cursor on the claim chosen (else its first)."""
        focused = self.focused
        claim_id: int | None = None
        dispute_id = self.current_id()
        if dispute_id is None:
            return
        if isinstance(focused, OptionList) and focused.highlighted is not None:
            claim_id = int(focused.get_option_at_index(focused.highlighted).id or 0)
        elif self.disputes[dispute_id].sides:
            claim_id = self.disputes[dispute_id].sides[0][1][0].id
        if claim_id:
            self.claims_app.show_claim(claim_id, dispute=dispute_id)

    @on(DataTable.RowSelected, "#disputes-table")
    def _row_selected(self) -> None:
        self.action_jump()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.claims_app.show_claim(int(event.option.id), dispute=self.current_id())


# ---------------------------------------------------------------------------------------------- speakers
