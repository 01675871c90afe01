"""The speakers screen: speakers and actors, rename, merge, alias, actor kind and parent."""

from __future__ import annotations

from functools import partial

from sqlmodel import Session
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import ScreenResume
from textual.widgets import DataTable, Static

from db import review
from tui import queries
from tui.modals import (
    PickerScreen,
    PickResult,
    PromptScreen,
)
from tui.screens.base import (
    CELL_PADDING,
    SCROLLBAR,
    ReviewScreen,
    actor_picker,
    ask_actor_kind,
    ask_actor_kind_and_parent,
    ask_actor_parent,
    queries_actor_name,
)
from tui.widgets import ReviewFooter, cell


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
