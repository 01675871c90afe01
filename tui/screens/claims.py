"""The claims screen: the table of claims (columns by terminal width), the paragraph view, filters, search,
marks and bulk review, span editing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from rich.text import Text
from sqlmodel import Session
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.coordinate import Coordinate
from textual.events import ScreenResume
from textual.widgets import DataTable, Input, Static

from claims.analysis.kinds import claim_kind_label
from db import review
from tui import queries
from tui.modals import (
    ConfirmScreen,
    FilterScreen,
    PickerScreen,
    PickResult,
    SpanEditorScreen,
)
from tui.queries import ClaimListRow, ReviewFilter
from tui.screens.base import (
    CELL_PADDING,
    EMPTY_DATABASE,
    SCROLLBAR,
    ReviewScreen,
    actor_picker,
    ask_actor_kind_and_parent,
    queries_actor_name,
    run_change,
)
from tui.widgets import ClaimContext, EmptyState, ReviewFooter, cell, status_text


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str
    width: int  # the width it gets (content: the least it gets)
    rank: int  # the order columns are given room in when the terminal is narrow (0: always)


# In display order. Content gets what the others leave; status is never cut ("corrected").
COLUMN_SPECS = (
    ColumnSpec("mark", "", 1, 0),
    ColumnSpec("speaker", "speaker", 14, 1),
    ColumnSpec("actor", "actor", 12, 2),
    ColumnSpec("cue", "cue", 10, 3),
    ColumnSpec("content", "content", 30, 0),
    ColumnSpec("kind", "kind", 8, 5),
    ColumnSpec("conf", "conf", 4, 7),
    ColumnSpec("status", "status", 9, 0),
    ColumnSpec("topic", "topic", 14, 4),
    ColumnSpec("document", "document", 12, 6),
)


def column_layout(width: int) -> list[tuple[str, str, int]]:
    """The claims table's columns for a terminal ``width``: (key, label, width). Columns join in ``rank``
    order while the content keeps at least 40% of the width (and 30 cells); the content gets the rest."""
    room = max(40, width - SCROLLBAR)
    content_min = max(30, int(width * 0.4))
    chosen = {s.key for s in COLUMN_SPECS if s.rank == 0}

    def used(keys: set[str]) -> int:
        return sum(
            (content_min if s.key == "content" else s.width) + CELL_PADDING for s in COLUMN_SPECS if s.key in keys
        )

    for spec in sorted((s for s in COLUMN_SPECS if s.rank), key=lambda s: s.rank):
        if used(chosen | {spec.key}) <= room:
            chosen.add(spec.key)
    content = content_min + max(0, room - used(chosen))
    return [(s.key, s.label, content if s.key == "content" else s.width) for s in COLUMN_SPECS if s.key in chosen]


MARK = "●"


def _cells(row: ClaimListRow, marked: bool = False) -> dict[str, object]:
    return {
        "mark": Text(MARK, style="bold yellow") if marked else Text(""),
        "speaker": cell(row.speaker),
        "actor": cell(row.actor),
        "cue": cell(row.cue),
        "content": cell(row.content),
        "kind": cell(claim_kind_label(row.kind, short=True)),
        "conf": f"{row.confidence:.2f}",
        "status": status_text(row.status),
        "topic": cell(row.topic),
        "document": cell(row.document),
    }


CLAIMS_FOOTER = (  # the keys the footer keeps, by terminal width (the rest: ? lists every key)
    (150, ("accept", "reject", "mark", "bulk_accept", "hide", "speaker", "actor", "topic", "edit", "undo", "search",
           "filter", "clear", "keys", "quit")),
    (120, ("accept", "reject", "mark", "bulk_accept", "hide", "edit", "undo", "search", "filter", "clear", "keys",
           "quit")),
    (0, ("accept", "reject", "mark", "bulk_accept", "filter", "clear", "undo", "keys")),
)  # fmt: skip


# the claims screen's actions that write: they wait while a bulk change is being written
CHANGING_ACTIONS = frozenset(
    {"accept", "reject", "bulk", "set_speaker", "set_actor", "set_topic", "edit_spans", "undo"}
)


class ClaimsScreen(ReviewScreen):
    """The claims table, filters and search, and the highlighted claim in its paragraph."""

    page_size = queries.PAGE_SIZE  # rows fetched per page (more are fetched on scrolling down)

    BINDINGS = [
        Binding("a", "accept", "Accept", tooltip="accept the claim, go to the next unreviewed one", id="accept"),
        Binding("x", "reject", "Reject", tooltip="not a claim: reject it, go to the next unreviewed one", id="reject"),
        Binding("space", "mark", "Mark", tooltip="mark or unmark the row for a bulk accept or reject", id="mark"),
        Binding(
            "A", "bulk('accepted')", "Accept all", tooltip="accept the marked rows, else every unreviewed claim of "
            "the filter (asks first; one undo step)", id="bulk_accept", key_display="A",
        ),
        Binding(
            "X", "bulk('rejected')", "Reject all", tooltip="reject the marked rows, else every unreviewed claim of "
            "the filter (asks first; one undo step)", id="bulk_reject", key_display="X",
        ),
        Binding("n", "next_unreviewed", "Next unreviewed", show=False, tooltip="go to the next unreviewed claim",
                id="next"),
        Binding("h", "toggle_reviewed", "Hide reviewed", tooltip="show only unreviewed claims, or all again",
                id="hide"),
        Binding("s", "set_speaker", "Speaker", tooltip="who made the claim", id="speaker"),
        Binding("o", "set_actor", "Actor", tooltip="the side the claim speaks for (in the picker ctrl+t / ctrl+o "
                "set an actor's kind / parent)", id="actor"),
        Binding("t", "set_topic", "Topic", tooltip="move the claim to a topic", id="topic"),
        Binding("e", "edit_spans", "Spans", tooltip="select source, cue and content word by word", id="edit"),
        Binding("ctrl+z", "undo", "Undo", tooltip="undo your last correction (a bulk action at once)", id="undo"),
        Binding("slash", "search", "Search", tooltip="text in the content or source", id="search"),
        Binding("f", "filter", "Filter", tooltip="document, actor, speaker, topic, status, kind ...", id="filter"),
        Binding("escape", "clear_filters", "Clear", tooltip="clear the filters and the search", id="clear",
                key_display="esc"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__(id="claims-screen")
        self.filter = ReviewFilter()
        self.rows: dict[int, ClaimListRow] = {}
        self.marked: set[int] = set()
        self.total: int | None = None
        self.total_exact = False  # False while ``total`` is only a floor ("1,000+") or not known yet
        self.reviewed: int | None = None  # of ``total``, the claims reviewed (None: not counted yet)
        self.more = False
        self.loading = False
        self.generation = 0
        self.count_token = 0
        self.counted = False  # the exact total of this generation has come
        self.reviewed_asked: tuple[int, int] | None = None
        self.focus_claim_id: int | None = None
        self.detail: queries.ClaimDetail | None = None
        self.column_set: list[tuple[str, str, int]] = []
        self.busy: str | None = None  # a bulk change being written (its description)

    def compose(self) -> ComposeResult:
        with Horizontal(id="claims-top"):
            yield Static(id="claims-status", classes="status-line")
            yield Input(placeholder="search content and source… (enter: search, esc: back)", id="search")
        yield EmptyState(EMPTY_DATABASE, id="claims-empty")
        yield DataTable(id="claims-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="claims-context-box"):
            yield ClaimContext(id="claims-context")
        yield Static(classes="message", id="claims-message")
        yield ReviewFooter(CLAIMS_FOOTER)

    def on_mount(self) -> None:
        self.query_one("#search", Input).display = False
        self.query_one("#claims-empty").display = False
        table = self.query_one("#claims-table", DataTable)
        self._set_columns(self.app.size.width)
        table.focus()
        self.watch(table, "scroll_y", self._scrolled, init=False)
        self.reload(keep_cursor=False)

    def on_resize(self, event: events.Resize) -> None:
        self._set_columns(event.size.width)

    def _set_columns(self, width: int) -> None:
        """Lay the columns out for the terminal's width (the rows are put back when the set changes)."""
        layout = column_layout(width)
        if layout == self.column_set:
            return
        table = self.query_one("#claims-table", DataTable)
        current = self.current_id() if self.column_set else None
        self.column_set = layout
        table.clear(columns=True)
        for key, label, size in layout:
            table.add_column(label, key=key, width=size)
        for row in self.rows.values():
            table.add_row(*self._row_cells(row), key=str(row.id))
        if current is not None and current in self.rows:
            table.move_cursor(row=table.get_row_index(str(current)), animate=False)

    def _row_cells(self, row: ClaimListRow) -> list[object]:
        values = _cells(row, row.id in self.marked)
        return [values[key] for key, _label, _width in self.column_set]

    # ---- loading

    def reload(self, keep_cursor: bool = True) -> None:
        if keep_cursor and self.focus_claim_id is None:
            self.focus_claim_id = self.current_id()
        self.generation += 1
        self.total = None
        self.total_exact = False
        self.reviewed = None
        self.counted = False
        self.loading = True
        self._update_status()
        self.load_page(self.generation, self.filter, 0)
        self.load_count(self.generation, self.filter)

    @work(thread=True, group="claims-page")
    def load_page(self, generation: int, f: ReviewFilter, offset: int) -> None:
        rows = queries.list_claims(self.claims_app.engine, f, offset=offset, limit=self.page_size)
        empty = offset == 0 and not rows and f == ReviewFilter() and queries.database_is_empty(self.claims_app.engine)
        self.app.call_from_thread(self._show_page, generation, offset, rows, empty)

    @work(thread=True, group="claims-count")
    def load_count(self, generation: int, f: ReviewFilter, token: int = 0) -> None:
        total = queries.count_claims(self.claims_app.engine, f)
        self.app.call_from_thread(self._show_count, generation, total, True, None, token)

    @work(thread=True, group="claims-count")
    def load_reviewed(self, generation: int, f: ReviewFilter, total: int, token: int) -> None:
        """How many of the filter's claims are reviewed: after the first page and the total are shown (it
        does not compete with them)."""
        reviewed = queries.count_reviewed(self.claims_app.engine, f, total)
        self.app.call_from_thread(self._show_count, generation, total, True, reviewed, token)

    def _count_reviewed_when_shown(self) -> None:
        key = (self.generation, self.count_token)
        if self.loading or not self.total_exact or self.total is None or self.reviewed_asked == key:
            return
        self.reviewed_asked = key
        self.load_reviewed(self.generation, self.filter, self.total, self.count_token)

    def recount(self) -> None:
        """Count again after a change (reviewed and remaining; the total when rows left the filter)."""
        self.count_token += 1
        self.load_count(self.generation, self.filter, self.count_token)

    def _show_page(self, generation: int, offset: int, rows: list[ClaimListRow], empty: bool) -> None:
        if generation != self.generation:
            return
        table = self.query_one("#claims-table", DataTable)
        if offset == 0:
            table.clear()
            self.rows = {}
        for row in rows:
            if row.id in self.rows:
                continue
            self.rows[row.id] = row
            table.add_row(*self._row_cells(row), key=str(row.id))
        self.more = len(rows) == self.page_size
        if not self.total_exact:
            # Until the count comes (a broad search takes a while to count): what the pages loaded tell,
            # all of it after a short page, else a floor ("200+").
            self.total, self.total_exact = len(self.rows), not self.more
        self.loading = False
        self.query_one("#claims-empty").display = empty
        table.display = not empty
        self.query_one("#claims-context-box").display = not empty
        if offset == 0:
            target = self.focus_claim_id
            self.focus_claim_id = None
            index = table.get_row_index(str(target)) if target is not None and target in self.rows else 0
            if rows:
                table.move_cursor(row=index, animate=False)
                self.load_detail(int(table.coordinate_to_cell_key(Coordinate(index, 0)).row_key.value or 0))
            else:
                self.query_one(ClaimContext).show(None)
                if not empty:
                    self.query_one(ClaimContext).update(
                        Text("No claims match the filters: press f to change them, escape to clear them.")
                    )
            if self.counted:
                self._count_reviewed_when_shown()
        self._update_status()

    def _show_count(
        self, generation: int, total: int, exact: bool, reviewed: int | None = None, token: int = 0
    ) -> None:
        if generation == self.generation and token >= self.count_token:
            self.total, self.total_exact = total, exact
            if reviewed is not None:
                self.reviewed = reviewed
            else:
                self.counted = True
                self._count_reviewed_when_shown()
            self._update_status()

    def _update_status(self) -> None:
        loaded = len(self.rows)
        if self.total is None:
            total = "…"
        else:
            total = f"{self.total:,}" if self.total_exact else f"{self.total:,}+"
        status = Text()
        status.append(f"{loaded:,} of {total} claims", style="bold")
        if self.reviewed is not None and self.total is not None and self.total_exact:
            left = self.total - self.reviewed
            status.append(" · ")
            status.append(f"{self.reviewed:,} reviewed", style="green")
            status.append(" · ")
            status.append(f"{left:,} left", style="bold yellow" if left else "bold green")
        if self.marked:
            status.append(f" · {len(self.marked):,} marked", style="bold yellow")
        if self.busy:
            status.append(f" · {self.busy}", style="bold")
        if self.filter.describe():
            status.append_text(cell(f" · {self.filter.describe()}", "yellow"))
        status.append_text(cell(f" · reviewer {self.claims_app.reviewer}", "dim"))
        if self.loading:
            status.append(" · loading…", style="dim")
        self.query_one("#claims-status", Static).update(status)

    @on(DataTable.RowHighlighted, "#claims-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is None:
            return
        self.load_detail(int(event.row_key.value))
        if event.cursor_row >= event.data_table.row_count - 40:
            self.load_more()

    def load_more(self) -> None:
        if self.more and not self.loading:
            self.loading = True
            self.load_page(self.generation, self.filter, len(self.rows))

    def _scrolled(self, scroll_y: float) -> None:
        table = self.query_one("#claims-table", DataTable)
        if table.max_scroll_y and scroll_y >= table.max_scroll_y - 40:
            self.load_more()

    @work(thread=True, exclusive=True, group="claims-detail")
    def load_detail(self, claim_id: int) -> None:
        detail = queries.claim_detail(self.claims_app.engine, claim_id)
        self.app.call_from_thread(self._show_detail, claim_id, detail)

    def _show_detail(self, claim_id: int, detail: queries.ClaimDetail | None) -> None:
        if claim_id != self.current_id():
            return
        self.detail = detail
        self.query_one(ClaimContext).show(detail)

    def current_id(self) -> int | None:
        return self.cursor_id("#claims-table")

    def _fits_filter(self, row: ClaimListRow) -> bool:
        """Whether a changed row still belongs in the list by its status (status filter, hide reviewed)."""
        if self.filter.status and row.status != self.filter.status:
            return False
        return not (self.filter.unreviewed and row.status != "auto")

    def refresh_row(self, claim_id: int) -> bool:
        """Show a claim's stored values (after a change); a row that no longer fits the filter's status
        leaves the list. Returns whether the row is still shown."""
        table = self.query_one("#claims-table", DataTable)
        row = queries.claim_row(self.claims_app.engine, claim_id)
        if row is None or claim_id not in self.rows:
            return False
        if not self._fits_filter(row):
            self._remove_row(claim_id)
            return False
        self.rows[claim_id] = row
        for key, value in _cells(row, claim_id in self.marked).items():
            if key in table.columns:
                table.update_cell(str(claim_id), key, value)
        if claim_id == self.current_id():
            self.load_detail(claim_id)
        return True

    def _remove_row(self, claim_id: int) -> None:
        table = self.query_one("#claims-table", DataTable)
        self.rows.pop(claim_id, None)
        self.marked.discard(claim_id)
        table.remove_row(str(claim_id))
        if table.row_count:
            self.load_detail(self.current_id() or 0)
        else:
            self.query_one(ClaimContext).show(None)

    def show_claim(self, claim_id: int, document: str, *, dispute: int | None = None) -> None:
        """Jump to a claim: its dispute's claims (else its document's), the cursor on it."""
        self.focus_claim_id = claim_id
        self.filter = ReviewFilter(dispute=dispute) if dispute is not None else ReviewFilter(document=document)
        self.marked.clear()
        self.reload(keep_cursor=False)

    def on_screen_resume(self, _event: ScreenResume) -> None:
        if self.rows:
            self.reload()

    # ---- actions

    def _claim_change(self, change: Callable[[Session, int, int], review.ReviewResult], *, advance: bool = False):
        claim_id = self.current_id()
        if claim_id is None:
            self.notify("No claim selected.", severity="warning")
            return
        version = self.rows[claim_id].version
        table = self.query_one("#claims-table", DataTable)
        index = table.cursor_row
        result = self.write(lambda session: change(session, claim_id, version))
        if result is None:
            return
        shown = self.refresh_row(claim_id)
        self.say(result.message)
        self.recount()
        if advance:
            self._go_to_unreviewed(index + 1 if shown else index)
        elif not shown and table.row_count:
            table.move_cursor(row=min(index, table.row_count - 1), animate=False)

    def _go_to_unreviewed(self, start: int) -> None:
        """Move to the first unreviewed claim from row ``start`` on (else the first one above; else stay)."""
        table = self.query_one("#claims-table", DataTable)
        keys = [int(k.value) for k in table.rows if k.value is not None]
        order = list(range(start, len(keys))) + list(range(0, min(start, len(keys))))
        for index in order:
            if self.rows[keys[index]].status == "auto":
                table.move_cursor(row=index, animate=False)
                return
        if self.more:  # not loaded yet: the next page may have some
            table.move_cursor(row=min(start, len(keys) - 1), animate=False)
            self.load_more()
        elif keys:
            self.say("Every claim shown is reviewed.")

    def _kw(self, session: Session, version: int) -> dict:
        return {"session": session, "reviewer": self.claims_app.reviewer, "expected_version": version}

    def action_accept(self) -> None:
        self._claim_change(lambda s, cid, v: review.set_claim_status(cid, "accepted", **self._kw(s, v)), advance=True)

    def action_reject(self) -> None:
        self._claim_change(lambda s, cid, v: review.set_claim_status(cid, "rejected", **self._kw(s, v)), advance=True)

    def action_next_unreviewed(self) -> None:
        table = self.query_one("#claims-table", DataTable)
        if table.row_count:
            self._go_to_unreviewed(table.cursor_row + 1)

    def action_mark(self) -> None:
        claim_id = self.current_id()
        if claim_id is None:
            return
        self.marked ^= {claim_id}
        table = self.query_one("#claims-table", DataTable)
        if "mark" in table.columns:
            table.update_cell(str(claim_id), "mark", _cells(self.rows[claim_id], claim_id in self.marked)["mark"])
        table.action_cursor_down()
        self._update_status()

    def action_toggle_reviewed(self) -> None:
        self.apply_filter(self.filter.with_(unreviewed=not self.filter.unreviewed), keep_cursor=True)
        self.say("Reviewed claims hidden." if self.filter.unreviewed else "Reviewed claims shown.")

    def action_bulk(self, status: str) -> None:
        verb = "Accept" if status == "accepted" else "Reject"
        if self.marked:
            ids = sorted(self.marked)
            versions = {i: self.rows[i].version for i in ids if i in self.rows}
            self._confirm_bulk(
                f"{verb} the {len(ids):,} marked claim(s)?",
                "One step: ctrl+z undoes all of them.",
                ids,
                status,
                versions,
            )
            return
        if not self.rows:
            self.notify("No claims to change.", severity="warning")
            return
        self.find_bulk(self.filter, status)

    @work(thread=True, exclusive=True, group="claims-bulk")
    def find_bulk(self, f: ReviewFilter, status: str) -> None:
        ids = queries.unreviewed_claim_ids(self.claims_app.engine, f)
        self.app.call_from_thread(self._bulk_found, f, status, ids)

    def _bulk_found(self, f: ReviewFilter, status: str, ids: list[int]) -> None:
        if f != self.filter:
            return
        if not ids:
            self.say("Nothing to do: every claim of the filter is reviewed.")
            return
        verb = "Accept" if status == "accepted" else "Reject"
        scope = f"matching {f.describe()}" if f.describe() else "in the database"
        reviewed = f" ({self.reviewed:,} already reviewed are kept as they are)" if self.reviewed else ""
        self._confirm_bulk(
            f"{verb} the {len(ids):,} unreviewed claim(s) {scope}?",
            f"Claims reviewed already are not changed{reviewed}. One step: ctrl+z undoes all of them.",
            ids,
            status,
            None,
        )

    def _confirm_bulk(
        self, question: str, detail: str, ids: list[int], status: str, versions: dict[int, int] | None
    ) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.busy = f"{'accepting' if status == 'accepted' else 'rejecting'} {len(ids):,} claims…"
                self._update_status()
                self.bulk_write(ids, status, versions)

        self.app.push_screen(ConfirmScreen(question, detail), answered)

    @work(thread=True, exclusive=True, group="claims-bulk-write")
    def bulk_write(self, ids: list[int], status: str, versions: dict[int, int] | None) -> None:
        """A bulk change in a worker (thousands of claims take seconds): one transaction, one action."""
        reviewer = self.claims_app.reviewer
        result, refusal = run_change(
            self.claims_app.engine,
            lambda s: review.set_claims_status(
                ids, status, session=s, reviewer=reviewer, expected_versions=versions, only_unreviewed=versions is None
            ),
        )
        self.app.call_from_thread(self._bulk_written, result, refusal)

    def _bulk_written(self, result: review.ReviewResult | None, refusal: dict | None) -> None:
        self.busy = None
        if refusal is not None:
            self.refused(refusal)
            return
        assert result is not None
        self.marked.clear()
        self.say(f"{result.message} (ctrl+z undoes them at once)")
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a bulk change is being written, the keys that change claims wait (shown disabled)."""
        if self.busy and action in CHANGING_ACTIONS:
            return None
        return True

    def _pick(self, title: str, search, apply: Callable[[Session, int, int, int | str], review.ReviewResult]) -> None:
        if self.current_id() is None:
            self.notify("No claim selected.", severity="warning")
            return

        def chosen(choice: PickResult | None) -> None:
            if choice is not None:
                self._claim_change(lambda s, cid, v: apply(s, cid, v, choice[1]))

        self.app.push_screen(PickerScreen(title, partial(search, self.claims_app.engine)), chosen)

    def action_set_speaker(self) -> None:
        self._pick(
            "Who made this claim? (a known speaker, or type a new name)",
            queries.find_speakers,
            lambda s, cid, v, value: review.set_claim_speaker(cid, value, **self._kw(s, v)),
        )

    def action_set_actor(self) -> None:
        def apply(s: Session, cid: int, v: int, value: int | str) -> review.ReviewResult:
            name = value if isinstance(value, str) else queries_actor_name(s, int(value))
            return review.set_claim_actor(cid, name, **self._kw(s, v))

        if self.current_id() is None:
            self.notify("No claim selected.", severity="warning")
            return

        def chosen(choice: PickResult | None) -> None:
            if choice is None:
                return
            self._claim_change(lambda s, cid, v: apply(s, cid, v, choice[1]))
            if choice[0] == "new":
                ask_actor_kind_and_parent(self, str(choice[1]))

        self.app.push_screen(
            actor_picker(self.claims_app.engine, "Which side does this claim speak for?", self), chosen
        )

    def action_set_topic(self) -> None:
        self._pick(
            "Move to which topic? (or type a new label)",
            queries.find_topics,
            lambda s, cid, v, value: review.set_claim_topic(cid, value, **self._kw(s, v)),
        )

    def action_edit_spans(self) -> None:
        detail = self.detail
        if detail is None or detail.id != self.current_id():
            self.notify("No claim selected.", severity="warning")
            return

        def chosen(changes: dict | None) -> None:
            if changes:
                self._claim_change(lambda s, cid, v: review.set_claim_spans(cid, **changes, **self._kw(s, v)))

        passage = (detail.offset, detail.offset + len(detail.text))
        self.app.push_screen(SpanEditorScreen(detail.document_text, detail.spans, passage), chosen)

    def after_undo(self, result: review.UndoResult) -> None:
        if len(result.claim_ids) > 1:  # a bulk action: its rows may have left the list
            self.focus_claim_id = result.claim_ids[0]
            self.reload(keep_cursor=False)
            return
        for claim_id in result.claim_ids:
            self.refresh_row(claim_id)
        self.recount()
        shown = [c for c in result.claim_ids if c in self.rows]
        if shown:
            table = self.query_one("#claims-table", DataTable)
            table.move_cursor(row=table.get_row_index(str(shown[0])), animate=False)
        elif not result.claim_ids or self.filter.status or self.filter.unreviewed:
            if result.claim_ids:  # back in the filter (rejected → auto): the cursor on it
                self.focus_claim_id = result.claim_ids[0]
            self.reload()

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.value = self.filter.search or ""
        search.focus()

    @on(Input.Submitted, "#search")
    def _search(self, event: Input.Submitted) -> None:
        self.filter = self.filter.with_(search=event.value.strip() or None)
        event.input.display = bool(self.filter.search)
        table = self.query_one("#claims-table", DataTable)
        table.focus()
        self.watch(table, "scroll_y", self._scrolled, init=False)
        self.reload(keep_cursor=False)

    def action_filter(self) -> None:
        def chosen(f: ReviewFilter | None) -> None:
            if f is not None and f != self.filter:
                self.apply_filter(f)

        self.app.push_screen(FilterScreen(self.filter), chosen)

    def action_clear_filters(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus:
            search.display = bool(self.filter.search)
            self.query_one("#claims-table").focus()
            return
        if self.marked:
            self.marked.clear()
            self._set_columns_force()
        if self.filter != ReviewFilter():
            self.filter = ReviewFilter()
            search.display = False
            self.reload()

    def _set_columns_force(self) -> None:
        self.column_set = []
        self._set_columns(self.app.size.width)
        self._update_status()

    def apply_filter(self, f: ReviewFilter, *, keep_cursor: bool = False) -> None:
        self.filter = f
        self.marked.clear()
        self.reload(keep_cursor=keep_cursor)
