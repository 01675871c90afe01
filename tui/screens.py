"""The screens of the review app: claims, disputes, speakers and actors.

Screens own the data flow: they run queries in worker threads (``tui.queries``), hand plain rows down to
widgets, and do every write (``db.review``) in its own short transaction. Text from articles and users
reaches widgets only as safe ``Text`` (:func:`tui.widgets.cell`), and notifications are never markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from rich.text import Text
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.events import ScreenResume
from textual.screen import Screen
from textual.widgets import DataTable, Input, OptionList, Static
from textual.widgets.option_list import Option

from claims.analysis.kinds import claim_kind_label, dispute_kind_label
from claims.safe_text import visible
from claims.types import ACTOR_KINDS
from db import review
from tui import queries
from tui.modals import (
    ActorPickerScreen,
    ConfirmScreen,
    FilterScreen,
    PickerScreen,
    PickResult,
    PromptScreen,
    SpanEditorScreen,
)
from tui.queries import ClaimListRow, ReviewFilter
from tui.widgets import ClaimContext, EmptyState, ReviewFooter, cell, status_text


class ReviewHost(Protocol):
    """What the screens need of the app that hosts them (``tui.app.ClaimsApp``; a protocol, so that the
    screens do not import the app module that imports them)."""

    engine: Engine
    reviewer: str

    def show_claim(self, claim_id: int, *, dispute: int | None = None) -> None: ...


EMPTY_DATABASE = (
    "No claims in this database yet.\n\n"
    "Add articles from a shell, then open the review again:\n\n"
    "    claims ingest PATH        (.txt or .jsonl files, or folders)\n"
    "    claims review\n\n"
    "Press q to quit."
)


def run_change(engine: Engine, change: Callable[[Session], Any]) -> tuple[Any | None, dict | None]:
    """One change in its own transaction: (result, None), or (None, the notification saying why it was
    refused). No UI here: a worker thread may call it."""
    with Session(engine) as session:
        try:
            result = change(session)
            session.commit()
            return result, None
        except (review.StaleClaimError, StaleDataError) as exc:
            session.rollback()
            message = str(exc) if isinstance(exc, review.StaleClaimError) else "changed by someone else"
            return None, {
                "message": f"Not saved: {message}",
                "title": "Changed by someone else",
                "severity": "error",
                "timeout": 8,
            }
        except review.ReviewError as exc:
            session.rollback()
            return None, {"message": str(exc), "severity": "warning"}
        except SQLAlchemyError as exc:
            session.rollback()
            return None, {"message": f"database error: {str(exc).splitlines()[0]}", "severity": "error", "timeout": 8}


class ReviewScreen(Screen):
    """What every screen shares: writes with error handling, undo, a message line."""

    @property
    def claims_app(self) -> ReviewHost:
        return self.app  # type: ignore[return-value]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications carry names and values from articles and users: shown literally, never as markup."""
        super().notify(visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False)

    def cursor_id(self, table_selector: str) -> int | None:
        """The id (row key) of the row under the cursor of a table, None when it is empty."""
        table = self.query_one(table_selector, DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return int(key) if key is not None else None

    def write(self, change: Callable[[Session], Any]) -> Any | None:
        """Run one change in its own transaction; show refusals (stale edits, bad values) and return None."""
        result, refusal = run_change(self.claims_app.engine, change)
        if refusal is None:
            return result
        self.refused(refusal)
        return None

    def refused(self, refusal: dict) -> None:
        self.notify(**refusal)
        self.reload()

    def action_undo(self) -> None:
        result = self.write(lambda s: review.undo_last(session=s, reviewer=self.claims_app.reviewer))
        if result is not None:
            self.say(result.message)
            self.after_undo(result)

    def after_undo(self, result: review.UndoResult) -> None:
        self.reload()

    def reload(self) -> None:  # pragma: no cover - overridden
        pass

    def say(self, message: str) -> None:
        for widget in self.query(".message"):
            if isinstance(widget, Static):
                widget.update(cell(message))


# ------------------------------------------------------------------------------------------------ claims


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
CELL_PADDING = 2  # DataTable's cell padding, both sides
SCROLLBAR = 2


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


def queries_actor_name(session: Session, actor_id: int) -> str:
    from db.models import Actor

    actor = session.get(Actor, actor_id)
    if actor is None:
        raise review.ReviewError(f"no actor with id {actor_id}")
    return actor.name


# ------------------------------------------------------------------------------------------ actors (shared)


def actor_picker(engine: Engine, title: str, screen: ReviewScreen) -> PickerScreen:
    """The actor picker: each actor with its kind and parent ("White House (government, in United States)"),
    ctrl+t / ctrl+o set them (written here, by the screen); a new actor is asked both after it is chosen."""

    def done(result: review.ReviewResult | None) -> bool:
        if result is None:
            return False
        screen.say(result.message)
        return True

    def set_kind(actor_id: int, kind: str) -> bool:
        reviewer = screen.claims_app.reviewer
        return done(screen.write(lambda s: review.set_actor_kind(actor_id, kind, session=s, reviewer=reviewer)))

    def set_parent(actor_id: int, parent: int | None) -> bool:
        reviewer = screen.claims_app.reviewer
        return done(screen.write(lambda s: review.set_actor_parent(actor_id, parent, session=s, reviewer=reviewer)))

    return ActorPickerScreen(
        title,
        partial(queries.find_actors_detailed, engine),
        kinds=ACTOR_KINDS,
        set_kind=set_kind,
        set_parent=set_parent,
    )


def ask_actor_kind(screen: ReviewScreen, actor: str | int, name: str, then: Callable[[], None] | None = None) -> None:
    """Ask for an actor's kind (a list of the kinds) and set it (undoable)."""

    def chosen(choice: PickResult | None) -> None:
        if choice is not None and choice[0] == "extra" and choice[1] != "skip":
            kind = str(choice[1])
            result = screen.write(
                lambda s: review.set_actor_kind(actor, kind, session=s, reviewer=screen.claims_app.reviewer)
            )
            if result is not None:
                screen.say(result.message)
                screen.reload()
        if then is not None and choice is not None:
            then()

    kinds = [(k, k) for k in ACTOR_KINDS] + [("skip", "(leave it unset)")]
    screen.app.push_screen(
        PickerScreen(f"What kind of actor is {name!r}?", lambda _text: [], allow_new=False, extra=kinds), chosen
    )


def ask_actor_parent(screen: ReviewScreen, actor: str | int, name: str) -> None:
    """Ask which actor ``actor`` belongs to (or none) and set it (undoable; a cycle is refused)."""

    def chosen(choice: PickResult | None) -> None:
        if choice is None or (choice[0] == "extra" and choice[1] == "skip"):
            return
        parent: str | int | None = None if choice[0] == "extra" else choice[1]
        result = screen.write(
            lambda s: review.set_actor_parent(actor, parent, session=s, reviewer=screen.claims_app.reviewer)
        )
        if result is not None:
            screen.say(result.message)
            screen.reload()

    engine = screen.claims_app.engine
    screen.app.push_screen(
        PickerScreen(
            f"{name!r} belongs to which actor? (e.g. a ministry to its government)",
            partial(queries.find_actors_detailed, engine),
            extra=[("none", "(no parent)"), ("skip", "(leave it as it is)")],
        ),
        chosen,
    )


def ask_actor_kind_and_parent(screen: ReviewScreen, name: str) -> None:
    """After a new actor is made: its kind, then its parent."""
    ask_actor_kind(screen, name, name, then=lambda: ask_actor_parent(screen, name, name))


# ---------------------------------------------------------------------------------------------- disputes

NO_DISPUTES = (
    "No disputes stored yet.\n\n"
    "A dispute is claims from different sides on one topic that disagree. They appear here once the\n"
    "disputes analysis has run over the database; until then, review claims on the claims screen (1)."
)


def side_claim_text(claim: queries.SideClaim) -> Text:
    """A claim of a dispute as reported speech: "Washington has accused Damascus and Moscow"."""
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


class SpeakersScreen(ReviewScreen):
    """Speakers (rename, merge, map to an actor, add an alias) and actors with their aliases."""

    BINDINGS = [
        Binding("r", "rename", "Rename", tooltip="rename the speaker", id="rename"),
        Binding("m", "merge", "Merge into…", tooltip="the speaker is another one: move its claims there", id="merge"),
        Binding("o", "map_actor", "Actor", tooltip="the side the speaker stands for", id="map_actor"),
        Binding("l", "alias", "Alias", tooltip="a name that stands for an actor", id="alias"),
        Binding("k", "actor_kind", "Kind", tooltip="the kind of the actor (highlighted, else the speaker's)",
                id="actor_kind"),
        Binding("p", "actor_parent", "Parent", tooltip="the actor the actor belongs to (a ministry: its government)",
                id="actor_parent"),
        Binding("tab", "app.focus_next", "Speakers/actors", show=False, tooltip="switch between the two tables",
                id="switch"),
        Binding("ctrl+z", "undo", "Undo", tooltip="undo your last correction", id="undo"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__(id="speakers-screen")
        self.speakers: dict[int, queries.SpeakerRow] = {}
        self.actors: dict[int, queries.ActorRow] = {}
        self.column_sets: tuple[list, list] | None = None

    def compose(self) -> ComposeResult:
        yield Static("Speakers", id="speakers-status", classes="status-line")
        yield DataTable(id="speakers-table", cursor_type="row", zebra_stripes=True)
        with Vertical(id="actors-box"):
            yield DataTable(id="actors-table", cursor_type="row")
        yield Static(classes="message", id="speakers-message")
        yield ReviewFooter(
            ((110, None), (0, ("rename", "merge", "map_actor", "alias", "actor_kind", "actor_parent", "undo", "keys")))
        )

    def on_mount(self) -> None:
        self._set_columns(self.app.size.width)
        self.query_one("#speakers-table").focus()
        self.reload()

    def on_resize(self, event: events.Resize) -> None:
        if self._set_columns(event.size.width):
            self.reload()

    def _set_columns(self, width: int) -> bool:
        """Columns for the terminal's width (names and aliases get the room); True when they changed."""
        room = max(60, width - SCROLLBAR)
        name = max(18, min(32, room // 4))
        speakers = [("name", "speaker", name), ("organisation", "organisation", 12 if width < 100 else 16),
                    ("actor", "actor", 14), ("claims", "claims", 6)]  # fmt: skip
        rest = room - sum(w + CELL_PADDING for _k, _l, w in speakers) - CELL_PADDING
        speakers.append(("merged", "merged into", max(10, rest)))
        actors = [
            ("name", "actor", name - 2),
            ("kind", "kind", 12),
            ("parent", "parent", 14),
            ("speakers", "speakers", 8),
        ]
        rest = room - sum(w + CELL_PADDING for _k, _l, w in actors) - CELL_PADDING
        actors.append(("aliases", "aliases", max(10, rest)))
        if (speakers, actors) == self.column_sets:
            return False
        self.column_sets = (speakers, actors)
        for selector, columns in (("#speakers-table", speakers), ("#actors-table", actors)):
            table = self.query_one(selector, DataTable)
            table.clear(columns=True)
            for key, label, size in columns:
                table.add_column(label, key=key, width=size)
        return True

    def on_screen_resume(self, _event: ScreenResume) -> None:
        self.reload()

    def reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="speakers")
    def load(self) -> None:
        engine = self.claims_app.engine
        speakers, actors = queries.list_speakers(engine), queries.list_actor_rows(engine)
        self.app.call_from_thread(self._show, speakers, actors)

    def _show(self, speakers: list[queries.SpeakerRow], actors: list[queries.ActorRow]) -> None:
        table = self.query_one("#speakers-table", DataTable)
        current = self.current_id()
        table.clear()
        self.speakers = {s.id: s for s in speakers}
        for s in speakers:
            table.add_row(
                cell(s.name), cell(s.organisation), cell(s.actor), str(s.claims), cell(s.merged_into), key=str(s.id)
            )
        if speakers:
            index = table.get_row_index(str(current)) if current in self.speakers else 0
            table.move_cursor(row=index, animate=False)
        actor_table = self.query_one("#actors-table", DataTable)
        current_actor = self.cursor_id("#actors-table")
        actor_table.clear()
        self.actors = {a.id: a for a in actors}
        for a in actors:
            kind = cell(a.kind or "—", "" if a.kind_source == "user" else "dim")
            actor_table.add_row(
                cell(a.name), kind, cell(a.parent or "—"), str(a.speakers), cell(a.aliases), key=str(a.id)
            )
        if current_actor in self.actors:
            actor_table.move_cursor(row=actor_table.get_row_index(str(current_actor)), animate=False)
        active = sum(1 for s in speakers if not s.merged_into)
        merged = len(speakers) - active
        self.query_one("#speakers-status", Static).update(
            cell(
                f"{active} speaker(s)"
                + (f" ({merged} merged away)" if merged else "")
                + f", {len(actors)} actor(s) · reviewer {self.claims_app.reviewer}"
                if speakers or actors
                else "No speakers yet: add articles with  claims ingest PATH",
                "bold",
            )
        )

    def current_id(self) -> int | None:
        return self.cursor_id("#speakers-table")

    def _speaker(self) -> queries.SpeakerRow | None:
        speaker_id = self.current_id()
        if speaker_id is None:
            self.notify("No speaker selected.", severity="warning")
            return None
        return self.speakers[speaker_id]

    def _done(self, result: review.ReviewResult | None) -> None:
        if result is not None:
            self.say(result.message)
            self.reload()

    def action_rename(self) -> None:
        speaker = self._speaker()
        if speaker is None:
            return

        def chosen(name: str | None) -> None:
            if name:
                self._done(
                    self.write(
                        lambda s: review.rename_speaker(speaker.id, name, session=s, reviewer=self.claims_app.reviewer)
                    )
                )

        self.app.push_screen(PromptScreen(f"Rename {speaker.name!r} to:", speaker.name), chosen)

    def action_merge(self) -> None:
        speaker = self._speaker()
        if speaker is None:
            return

        def chosen(choice: PickResult | None) -> None:
            if choice is not None and choice[0] == "id":
                self._done(
                    self.write(
                        lambda s: review.merge_speakers(
                            speaker.id,
                            int(choice[1]),
                            session=s,
                            reviewer=self.claims_app.reviewer,
                        )
                    )
                )

        engine = self.claims_app.engine
        self.app.push_screen(
            PickerScreen(
                f"Merge {speaker.name!r} into which speaker?",
                partial(queries.find_speakers, engine, exclude=speaker.id),
                allow_new=False,
            ),
            chosen,
        )

    def action_map_actor(self) -> None:
        speaker = self._speaker()
        if speaker is None:
            return

        def chosen(choice: PickResult | None) -> None:
            if choice is None:
                return

            def change(s: Session) -> review.ReviewResult:
                actor = choice[1] if choice[0] == "new" else queries_actor_name(s, int(choice[1]))
                return review.map_speaker_to_actor(speaker.id, str(actor), session=s, reviewer=self.claims_app.reviewer)

            self._done(self.write(change))
            if choice[0] == "new":
                ask_actor_kind_and_parent(self, str(choice[1]))

        self.app.push_screen(
            actor_picker(self.claims_app.engine, f"Which side does {speaker.name!r} stand for?", self), chosen
        )

    def action_alias(self) -> None:
        speaker = self._speaker()
        engine = self.claims_app.engine

        def named(alias: str | None) -> None:
            if not alias:
                return

            def chosen(choice: PickResult | None) -> None:
                if choice is None:
                    return

                def change(s: Session) -> review.ReviewResult:
                    actor = choice[1] if choice[0] == "new" else queries_actor_name(s, int(choice[1]))
                    return review.add_alias(alias, str(actor), session=s, reviewer=self.claims_app.reviewer)

                self._done(self.write(change))

            self.app.push_screen(actor_picker(engine, f"{alias!r} stands for which actor?", self), chosen)

        self.app.push_screen(
            PromptScreen(
                "Alias (a name, organisation or mention, e.g. 'the Kremlin'):", speaker.name if speaker else ""
            ),
            named,
        )

    def _actor(self) -> tuple[int, str] | None:
        """The actor to change: the highlighted one in the actors table when it has the focus, else the
        highlighted speaker's actor."""
        if self.focused is self.query_one("#actors-table"):
            actor_id = self.cursor_id("#actors-table")
            if actor_id is not None and actor_id in self.actors:
                return actor_id, self.actors[actor_id].name
        speaker = self._speaker()
        if speaker is None:
            return None
        match = [a for a in self.actors.values() if a.name == speaker.actor]
        if not match:
            self.notify(f"{speaker.name!r} has no actor yet: set one with o", severity="warning")
            return None
        return match[0].id, match[0].name

    def action_actor_kind(self) -> None:
        actor = self._actor()
        if actor is not None:
            ask_actor_kind(self, actor[0], actor[1])

    def action_actor_parent(self) -> None:
        actor = self._actor()
        if actor is not None:
            ask_actor_parent(self, actor[0], actor[1])
