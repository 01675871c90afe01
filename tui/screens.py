"""The screens of the review app: claims, disputes, speakers and actors.

Screens own the data flow: they run queries in worker threads (``tui.queries``), hand plain rows down to
widgets, and do every write (``db.review``) in its own short transaction. Text from articles and users
reaches widgets only as safe ``Text`` (:func:`tui.widgets.cell`), and notifications are never markup.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Protocol

from rich.text import Text
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.events import ScreenResume
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from claims.safe_text import visible
from db import review
from tui import queries
from tui.modals import FilterScreen, PickerScreen, PickResult, PromptScreen, SpanEditorScreen
from tui.queries import ClaimListRow, ReviewFilter
from tui.widgets import ClaimContext, EmptyState, cell, status_text


class ReviewHost(Protocol):
    """What the screens need of the app that hosts them (``tui.app.ClaimsApp``; a protocol, so that the
    screens do not import the app module that imports them)."""

    engine: Engine
    reviewer: str

    def show_claim(self, claim_id: int) -> None: ...


EMPTY_DATABASE = (
    "No claims in this database yet.\n\n"
    "Add articles from a shell, then open the review again:\n\n"
    "    claims ingest PATH        (.txt or .jsonl files, or folders)\n"
    "    claims review\n\n"
    "Press q to quit."
)


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
        with Session(self.claims_app.engine) as session:
            try:
                result = change(session)
                session.commit()
                return result
            except (review.StaleClaimError, StaleDataError) as exc:
                session.rollback()
                message = str(exc) if isinstance(exc, review.StaleClaimError) else "changed by someone else"
                self.notify(f"Not saved: {message}", title="Changed by someone else", severity="error", timeout=8)
            except review.ReviewError as exc:
                session.rollback()
                self.notify(str(exc), severity="warning")
            except SQLAlchemyError as exc:
                session.rollback()
                self.notify(f"database error: {str(exc).splitlines()[0]}", severity="error", timeout=8)
        self.reload()
        return None

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

COLUMNS = (
    ("speaker", "speaker", 12),
    ("actor", "actor", 9),
    ("cue", "cue", 8),
    ("content", "content", 22),
    ("kind", "kind", 8),
    ("conf", "conf", 4),
    ("status", "status", 9),
    ("topic", "topic", 10),
    ("document", "document", 12),
)


KIND_LABELS = {"unattributed": "unattr."}


def _cells(row: ClaimListRow) -> tuple:
    return (
        cell(row.speaker),
        cell(row.actor),
        cell(row.cue),
        cell(row.content),
        cell(KIND_LABELS.get(row.kind, row.kind)),
        f"{row.confidence:.2f}",
        status_text(row.status),
        cell(row.topic),
        cell(row.document),
    )


class ClaimsScreen(ReviewScreen):
    """The claims table, filters and search, and the highlighted claim in its paragraph."""

    page_size = queries.PAGE_SIZE  # rows fetched per page (more are fetched on scrolling down)

    BINDINGS = [
        Binding("a", "accept", "Accept", id="accept"),
        Binding("x", "reject", "Reject", id="reject"),
        Binding("s", "set_speaker", "Speaker", id="speaker"),
        Binding("o", "set_actor", "Actor", id="actor"),
        Binding("t", "set_topic", "Topic", id="topic"),
        Binding("e", "edit_spans", "Spans", id="edit"),
        Binding("ctrl+z", "undo", "Undo", id="undo"),
        Binding("slash", "search", "Search", id="search"),
        Binding("f", "filter", "Filter", id="filter"),
        Binding("escape", "clear_filters", "Clear filters", show=False, id="clear"),
    ]

    def __init__(self) -> None:
        super().__init__(id="claims-screen")
        self.filter = ReviewFilter()
        self.rows: dict[int, ClaimListRow] = {}
        self.total: int | None = None
        self.total_exact = False  # False while ``total`` is only a floor ("1,000+") or not known yet
        self.more = False
        self.loading = False
        self.generation = 0
        self.focus_claim_id: int | None = None
        self.detail: queries.ClaimDetail | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="claims-top"):
            yield Static(id="claims-status", classes="status-line")
            yield Input(placeholder="search content and source… (enter: search, esc: back)", id="search")
        yield EmptyState(EMPTY_DATABASE, id="claims-empty")
        table: DataTable = DataTable(id="claims-table", cursor_type="row", zebra_stripes=True)
        for key, label, width in COLUMNS:
            table.add_column(label, key=key, width=width)
        yield table
        with VerticalScroll(id="claims-context-box"):
            yield ClaimContext(id="claims-context")
        yield Static(classes="message", id="claims-message")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#search", Input).display = False
        self.query_one("#claims-empty").display = False
        table = self.query_one("#claims-table", DataTable)
        table.focus()
        self.watch(table, "scroll_y", self._scrolled, init=False)
        self.reload(keep_cursor=False)

    # ---- loading

    def reload(self, keep_cursor: bool = True) -> None:
        if keep_cursor and self.focus_claim_id is None:
            self.focus_claim_id = self.current_id()
        self.generation += 1
        self.total = None
        self.total_exact = False
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
    def load_count(self, generation: int, f: ReviewFilter) -> None:
        total = queries.count_claims(self.claims_app.engine, f)
        self.app.call_from_thread(self._show_count, generation, total, True)

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
            table.add_row(*_cells(row), key=str(row.id))
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
        self._update_status()

    def _show_count(self, generation: int, total: int, exact: bool) -> None:
        if generation == self.generation:
            self.total, self.total_exact = total, exact
            self._update_status()

    def _update_status(self) -> None:
        loaded = len(self.rows)
        if self.total is None:
            total = "…"
        else:
            total = f"{self.total:,}" if self.total_exact else f"{self.total:,}+"
        status = Text()
        status.append(f"{loaded:,} of {total} claims", style="bold")
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

    def refresh_row(self, claim_id: int) -> None:
        """Show a claim's stored values (after a change)."""
        table = self.query_one("#claims-table", DataTable)
        row = queries.claim_row(self.claims_app.engine, claim_id)
        if row is None or claim_id not in self.rows:
            return
        self.rows[claim_id] = row
        for (key, _label, _width), value in zip(COLUMNS, _cells(row), strict=True):
            table.update_cell(str(claim_id), key, value)
        if claim_id == self.current_id():
            self.load_detail(claim_id)

    def show_claim(self, claim_id: int, document: str) -> None:
        """Jump to a claim: its document's claims, the cursor on it."""
        self.focus_claim_id = claim_id
        self.filter = ReviewFilter(document=document)
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
        result = self.write(lambda session: change(session, claim_id, version))
        if result is None:
            return
        self.refresh_row(claim_id)
        self.say(result.message)
        if advance:
            self.query_one("#claims-table", DataTable).action_cursor_down()

    def _kw(self, session: Session, version: int) -> dict:
        return {"session": session, "reviewer": self.claims_app.reviewer, "expected_version": version}

    def action_accept(self) -> None:
        self._claim_change(lambda s, cid, v: review.set_claim_status(cid, "accepted", **self._kw(s, v)), advance=True)

    def action_reject(self) -> None:
        self._claim_change(lambda s, cid, v: review.set_claim_status(cid, "rejected", **self._kw(s, v)), advance=True)

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

        self._pick("Which side does this claim speak for?", queries.find_actors, apply)

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

        self.app.push_screen(SpanEditorScreen(detail.document_text, detail.spans), chosen)

    def after_undo(self, result: review.UndoResult) -> None:
        for claim_id in result.claim_ids:
            self.refresh_row(claim_id)
        shown = [c for c in result.claim_ids if c in self.rows]
        if shown:
            table = self.query_one("#claims-table", DataTable)
            table.move_cursor(row=table.get_row_index(str(shown[0])), animate=False)
        elif not result.claim_ids:
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
                self.filter = f
                self.reload(keep_cursor=False)

        self.app.push_screen(FilterScreen(self.filter), chosen)

    def action_clear_filters(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus:
            search.display = bool(self.filter.search)
            self.query_one("#claims-table").focus()
            return
        if self.filter != ReviewFilter():
            self.filter = ReviewFilter()
            search.display = False
            self.reload()

    def apply_filter(self, f: ReviewFilter) -> None:
        self.filter = f
        self.reload(keep_cursor=False)


def queries_actor_name(session: Session, actor_id: int) -> str:
    from db.models import Actor

    actor = session.get(Actor, actor_id)
    if actor is None:
        raise review.ReviewError(f"no actor with id {actor_id}")
    return actor.name


# ---------------------------------------------------------------------------------------------- disputes

NO_DISPUTES = (
    "No disputes stored yet.\n\n"
    "A dispute is claims from different sides on one topic that disagree. They appear here once the\n"
    "disputes analysis has run over the database; until then, review claims on the claims screen (1)."
)


class DisputesScreen(ReviewScreen):
    """Disputes per topic, the sides next to each other; confirm or dismiss; jump to a claim."""

    BINDINGS = [
        Binding("c", "confirm", "Confirm", id="confirm"),
        Binding("x", "dismiss_dispute", "Dismiss", id="dismiss"),
        Binding("enter", "jump", "Go to claim", id="jump"),
        Binding("ctrl+z", "undo", "Undo", id="undo"),
    ]

    def __init__(self) -> None:
        super().__init__(id="disputes-screen")
        self.disputes: dict[int, queries.DisputeView] = {}

    def compose(self) -> ComposeResult:
        yield Static("Disputes", id="disputes-status", classes="status-line")
        yield EmptyState(NO_DISPUTES, id="disputes-empty")
        table: DataTable = DataTable(id="disputes-table", cursor_type="row", zebra_stripes=True)
        for key, label, width in (
            ("topic", "topic", 24),
            ("kind", "kind", 14),
            ("status", "status", 9),
            ("conf", "conf", 4),
            ("sides", "sides", 24),
        ):
            table.add_column(label, key=key, width=width)
        yield table
        yield Static(id="dispute-reason")
        yield Horizontal(id="dispute-sides")
        yield Static(classes="message", id="disputes-message")
        yield Footer(compact=True)

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
                cell(d.topic), cell(d.kind), status_text(d.status), f"{d.confidence:.2f}", cell(sides), key=str(d.id)
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
        reason.append_text(cell(dispute.reason or dispute.kind))
        self.query_one("#dispute-reason", Static).update(reason)
        box = self.query_one("#dispute-sides", Horizontal)
        box.remove_children()
        columns = []
        for side, claims in dispute.sides:
            options = OptionList(
                *[Option(cell(c.speaker, "bold cyan") + ": " + cell(c.content), id=str(c.id)) for c in claims],
                classes="side",
            )
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
        focused = self.focused
        claim_id: int | None = None
        if isinstance(focused, OptionList) and focused.highlighted is not None:
            claim_id = int(focused.get_option_at_index(focused.highlighted).id or 0)
        else:
            dispute_id = self.current_id()
            if dispute_id is not None and self.disputes[dispute_id].sides:
                claim_id = self.disputes[dispute_id].sides[0][1][0].id
        if claim_id:
            self.claims_app.show_claim(claim_id)

    @on(DataTable.RowSelected, "#disputes-table")
    def _row_selected(self) -> None:
        self.action_jump()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.claims_app.show_claim(int(event.option.id))


# ---------------------------------------------------------------------------------------------- speakers


class SpeakersScreen(ReviewScreen):
    """Speakers (rename, merge, map to an actor, add an alias) and actors with their aliases."""

    BINDINGS = [
        Binding("r", "rename", "Rename", id="rename"),
        Binding("m", "merge", "Merge into…", id="merge"),
        Binding("o", "map_actor", "Actor", id="map_actor"),
        Binding("l", "alias", "Alias", id="alias"),
        Binding("ctrl+z", "undo", "Undo", id="undo"),
    ]

    def __init__(self) -> None:
        super().__init__(id="speakers-screen")
        self.speakers: dict[int, queries.SpeakerRow] = {}

    def compose(self) -> ComposeResult:
        yield Static("Speakers", id="speakers-status", classes="status-line")
        speakers: DataTable = DataTable(id="speakers-table", cursor_type="row", zebra_stripes=True)
        for key, label, width in (
            ("name", "speaker", 24),
            ("organisation", "organisation", 16),
            ("actor", "actor", 14),
            ("claims", "claims", 6),
            ("merged", "merged into", 14),
        ):
            speakers.add_column(label, key=key, width=width)
        yield speakers
        with Vertical(id="actors-box"):
            actors: DataTable = DataTable(id="actors-table", cursor_type="row")
            for key, label, width in (("name", "actor", 18), ("speakers", "speakers", 8), ("aliases", "aliases", 44)):
                actors.add_column(label, key=key, width=width)
            yield actors
        yield Static(classes="message", id="speakers-message")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#speakers-table").focus()
        self.reload()

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
        actor_table.clear()
        for a in actors:
            actor_table.add_row(cell(a.name), str(a.speakers), cell(a.aliases), key=str(a.id))
        self.query_one("#speakers-status", Static).update(
            cell(
                f"{len(speakers)} speaker(s), {len(actors)} actor(s) · reviewer {self.claims_app.reviewer}"
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
                f"Merge {speaker.name!r} into which speaker?", partial(queries.find_speakers, engine), allow_new=False
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

        engine = self.claims_app.engine
        self.app.push_screen(
            PickerScreen(f"Which side does {speaker.name!r} stand for?", partial(queries.find_actors, engine)), chosen
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

            self.app.push_screen(
                PickerScreen(f"{alias!r} stands for which actor?", partial(queries.find_actors, engine)), chosen
            )

        self.app.push_screen(
            PromptScreen(
                "Alias (a name, organisation or mention, e.g. 'the Kremlin'):", speaker.name if speaker else ""
            ),
            named,
        )
