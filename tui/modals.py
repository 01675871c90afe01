"""Dialogs of the review app: a type-ahead picker, a one-line text prompt, the filter form, the span editor.

They get their data from the screen that opens them (a search function, current values) and return a
result with ``dismiss``; the screen does any writing. Titles, options, previews and prefilled values may hold
text from articles and users: they are shown literally (:func:`claims.safe_text.rich_text`, ``visible``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from claims.analysis.kinds import claim_kind_label
from claims.safe_text import rich_text, visible
from tui.queries import ReviewFilter
from tui.widgets import TokenView

PickResult = tuple[str, int | str]  # ("id", int), ("new", str) or ("extra", option id)

STATUSES = ("auto", "accepted", "corrected", "rejected")
KINDS = ("direct", "indirect", "mixed", "unattributed")


class PickerScreen(ModalScreen[PickResult | None]):
    """Choose one of many (speakers, actors, topics) by typing part of its name; or make a new one."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "move(1)", "Next", show=False, id="picker.down"),
        Binding("up", "move(-1)", "Previous", show=False, id="picker.up"),
    ]

    def __init__(
        self,
        title: str,
        search: Callable[[str], Sequence[tuple[int, str] | tuple[int, str, str]]],
        *,
        allow_new: bool = True,
        value: str = "",
        extra: Sequence[tuple[str, str]] = (),
        help_text: str = "enter: choose · ↑↓: move · esc: cancel",
    ) -> None:
        """``search`` gives (id, label) or (id, label, detail) rows (the detail is shown dimmed after the
        label); ``extra`` adds fixed choices (option id, label) returned as ("extra", option id)."""
        super().__init__()
        self.title_text = title
        self.search = search
        self.allow_new = allow_new
        self.initial = value
        self.extra = tuple(extra)
        self.help_text = help_text
        self.names: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(rich_text(self.title_text), classes="dialog-title")
            yield Input(value=visible(self.initial), placeholder="type to search…", id="picker-input", compact=True)
            yield OptionList(id="picker-options")
            yield Label(self.help_text, classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#picker-input", Input).focus()
        self.lookup(self.initial)

    @on(Input.Changed, "#picker-input")
    def _changed(self, event: Input.Changed) -> None:
        self.lookup(event.value)

    @work(thread=True, exclusive=True, group="picker")
    def lookup(self, text: str) -> None:
        rows = self.search(text)
        self.app.call_from_thread(self._fill, text, rows)

    def _fill(self, text: str, rows: Sequence[tuple]) -> None:
        if text != self.query_one("#picker-input", Input).value:
            return  # an older lookup
        options = self.query_one("#picker-options", OptionList)
        options.clear_options()
        typed = " ".join(text.split())
        for option_id, label in self.extra:
            options.add_option(Option(rich_text(label, "italic"), id=f"extra:{option_id}"))
        self.names = {row[0]: row[1] for row in rows}
        for row in rows:
            prompt = rich_text(row[1])
            if len(row) > 2 and row[2]:
                prompt.append_text(rich_text(f"  ({row[2]})", "dim"))
            options.add_option(Option(prompt, id=f"id:{row[0]}"))
        if self.allow_new and typed and not any(row[1].lower() == typed.lower() for row in rows):
            options.add_option(Option(rich_text(f"+ new: {typed}", "italic"), id="new"))
        if options.option_count:
            options.highlighted = 0

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-options", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    @on(Input.Submitted, "#picker-input")
    def _submitted(self) -> None:
        options = self.query_one("#picker-options", OptionList)
        if options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#picker-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id == "new":
            self.dismiss(("new", " ".join(self.query_one("#picker-input", Input).value.split())))
        elif option_id and option_id.startswith("id:"):
            self.dismiss(("id", int(option_id[3:])))
        elif option_id and option_id.startswith("extra:"):
            self.dismiss(("extra", option_id[6:]))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ActorPickerScreen(PickerScreen):
    """The actor picker: each actor shown with its kind and parent; ctrl+t sets the highlighted actor's kind,
    ctrl+o its parent (through ``set_kind`` / ``set_parent``, the opening screen's writes), then the list
    shows the new values and the choice goes on."""

    BINDINGS = [
        Binding("ctrl+t", "kind", "Kind", tooltip="set the highlighted actor's kind", id="picker.kind"),
        Binding("ctrl+o", "parent", "Parent", tooltip="set the highlighted actor's parent", id="picker.parent"),
    ]

    def __init__(
        self,
        title: str,
        search: Callable[[str], Sequence[tuple[int, str, str]]],
        *,
        kinds: Sequence[str],
        set_kind: Callable[[int, str], bool],
        set_parent: Callable[[int, int | None], bool],
    ) -> None:
        super().__init__(
            title, search, help_text="enter: choose · ↑↓: move · ctrl+t: kind · ctrl+o: parent · esc: cancel"
        )
        self.kinds, self.set_kind, self.set_parent = tuple(kinds), set_kind, set_parent

    def _highlighted(self) -> tuple[int, str] | None:
        options = self.query_one("#picker-options", OptionList)
        if options.highlighted is None:
            return None
        option_id = options.get_option_at_index(options.highlighted).id or ""
        if not option_id.startswith("id:"):
            self.notify("Highlight a known actor first.", severity="warning", markup=False)
            return None
        actor_id = int(option_id[3:])
        return actor_id, self.names.get(actor_id, "")

    def _refresh(self) -> None:
        self.lookup(self.query_one("#picker-input", Input).value)

    def action_kind(self) -> None:
        actor = self._highlighted()
        if actor is None:
            return

        def chosen(choice: PickResult | None) -> None:
            if choice is not None and choice[0] == "extra" and self.set_kind(actor[0], str(choice[1])):
                self._refresh()

        self.app.push_screen(
            PickerScreen(
                f"What kind of actor is {actor[1]!r}?",
                lambda _text: [],
                allow_new=False,
                extra=[(k, k) for k in self.kinds],
            ),
            chosen,
        )

    def action_parent(self) -> None:
        actor = self._highlighted()
        if actor is None:
            return

        def chosen(choice: PickResult | None) -> None:
            if choice is None or choice[0] == "new":
                return
            parent = None if choice[0] == "extra" else int(choice[1])
            if self.set_parent(actor[0], parent):
                self._refresh()

        self.app.push_screen(
            PickerScreen(
                f"{actor[1]!r} belongs to which actor?",
                self.search,
                allow_new=False,
                extra=[("none", "(no parent)")],
            ),
            chosen,
        )


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text, self.value, self.placeholder = title, value, placeholder
        self.shown = visible(value)  # the value as the input shows it (control characters as placeholders)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(rich_text(self.title_text), classes="dialog-title")
            # not selected on focus: typing adds to the value instead of replacing it by accident
            yield Input(
                value=self.shown, placeholder=self.placeholder, id="prompt-input", compact=True, select_on_focus=False
            )
            yield Label("enter: save · esc: cancel", classes="dialog-help")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(field.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        value = self.value if event.value == self.shown else event.value  # unchanged: the value as given
        self.dismiss(value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FilterSelect(Select, inherit_bindings=False):
    """A dropdown of the filter form: enter applies the form (as in its text fields) instead of opening the
    list again right after a choice made with enter; space, up and down open it."""

    BINDINGS = [Binding("down,space,up", "show_overlay", "Open the list", show=False, id="filter-select.open")]


class FilterScreen(ModalScreen[ReviewFilter | None]):
    """Filter the claims table: document, actor, speaker, topic, status, kind, disputed, unreviewed only."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="filter.cancel"),
        Binding("ctrl+s", "apply", "Apply", id="filter.apply"),
        Binding("enter", "apply", "Apply", show=False, id="filter.enter"),
    ]

    def __init__(self, current: ReviewFilter) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        c = self.current
        with Vertical(classes="dialog", id="filter-dialog"):
            yield Label("Filter claims (empty: any)", classes="dialog-title")
            for name, value in (
                ("document", c.document),
                ("actor", c.actor),
                ("speaker", c.speaker),
                ("topic", c.topic),
            ):
                with Horizontal(classes="field"):
                    yield Label(name, classes="field-label")
                    yield Input(
                        value=visible(value), id=f"filter-{name}", placeholder=f"part of the {name}", compact=True
                    )
            with Horizontal(classes="field"):
                yield Label("status", classes="field-label")
                yield FilterSelect(
                    [(s, s) for s in STATUSES], value=c.status or Select.NULL, id="filter-status", compact=True
                )
            with Horizontal(classes="field"):
                yield Label("kind", classes="field-label")
                yield FilterSelect(
                    [(claim_kind_label(k), k) for k in KINDS],
                    value=c.kind or Select.NULL,
                    id="filter-kind",
                    compact=True,
                )
            with Horizontal(classes="field checks"):
                yield Checkbox("disputed only", c.disputed, id="filter-disputed", compact=True)
                yield Checkbox("hide reviewed", c.unreviewed, id="filter-unreviewed", compact=True)
            yield Label(
                "enter: apply · tab: next field · space: open a list or tick a box · esc: cancel",
                classes="dialog-help",
            )

    def on_mount(self) -> None:
        self.query_one("#filter-document", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_apply()

    def action_apply(self) -> None:
        def text(name: str) -> str | None:
            return self.query_one(f"#filter-{name}", Input).value.strip() or None

        def choice(name: str) -> str | None:
            value = self.query_one(f"#filter-{name}", Select).value
            return value if isinstance(value, str) else None

        self.dismiss(
            self.current.with_(
                document=text("document"),
                actor=text("actor"),
                speaker=text("speaker"),
                topic=text("topic"),
                status=choice("status"),
                kind=choice("kind"),
                disputed=self.query_one("#filter-disputed", Checkbox).value,
                unreviewed=self.query_one("#filter-unreviewed", Checkbox).value,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """Ask before a change of many rows: y / enter to go ahead, n / esc to cancel."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question, self.detail = question, detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Label(rich_text(self.question), classes="dialog-title")
            if self.detail:
                yield Static(rich_text(self.detail), classes="confirm-detail")
            yield Label("y / enter: yes · n / esc: no", classes="dialog-help")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class KeysScreen(ModalScreen[None]):
    """The keys of the screen below, then the app's, each with what it does; then the generic keys of the
    focused widget (moving in tables and fields)."""

    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", id="keys.close"),
    ]

    def __init__(self, sections: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        table = Table(show_header=False, box=None, padding=(0, 1), expand=False)
        table.add_column(justify="right", style="bold")
        table.add_column()
        for index, (title, rows) in enumerate(self.sections):
            if not rows:
                continue
            if index:
                table.add_row("", "")
            table.add_row("", Text(title, style="bold underline"))
            for key, description in rows:
                table.add_row(Text(key), Text(description))
        with VerticalScroll(classes="dialog", id="keys-dialog"):
            yield Static(table, id="keys-table")
            yield Label("esc / ?: close", classes="dialog-help")

    def action_close(self) -> None:
        self.dismiss(None)


def parse_span(value: str) -> tuple[int, int] | None:
    """ "12-40" → (12, 40); empty → None; raises ValueError otherwise."""
    value = value.strip()
    if not value:
        return None
    start, _, end = value.replace(" ", "").partition("-")
    return int(start), int(end)


ROLES = ("content", "source", "cue")
TOKEN = re.compile(r"\w[\w'’-]*|[^\w\s]")


class SpanEditorScreen(ModalScreen[dict | None]):
    """Edit a claim's content, source and cue spans by moving over the words of its paragraph: ←/→ move a
    word cursor, shift+←/→ extend or shrink the selection, t / s / c make the selection the content
    (what is claimed), the source or the cue; shift+s / shift+c clear the source or cue. The offsets
    ("start-end", str offsets into the document) below follow, and can be typed as a fallback.

    Returns the changes for :func:`db.review.set_claim_spans` (``{"content": (a, b), "clear": ["cue"]}``)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="spans.cancel"),
        Binding("ctrl+s", "save", "Save", id="spans.save"),
        Binding("enter", "save", "Save", show=False, id="spans.enter"),
        Binding("left", "move(-1)", "Word left", show=False, id="spans.left"),
        Binding("right", "move(1)", "Word right", show=False, id="spans.right"),
        Binding("shift+left", "move(-1, True)", "Shrink/extend left", show=False, id="spans.shift-left"),
        Binding("shift+right", "move(1, True)", "Extend/shrink right", show=False, id="spans.shift-right"),
        Binding("home", "jump(0)", "First word", show=False, id="spans.home"),
        Binding("end", "jump(-1)", "Last word", show=False, id="spans.end"),
        Binding("t", "assign('content')", "Content", id="spans.content"),
        Binding("s", "assign('source')", "Source", id="spans.source"),
        Binding("c", "assign('cue')", "Cue", id="spans.cue"),
        Binding("S", "clear('source')", "Clear source", show=False, id="spans.clear-source"),
        Binding("C", "clear('cue')", "Clear cue", show=False, id="spans.clear-cue"),
    ]

    def __init__(
        self, text: str, spans: dict[str, tuple[int, int] | None], passage: tuple[int, int] | None = None
    ) -> None:
        super().__init__()
        self.text = text
        self.spans = spans
        begin, stop = passage or (0, len(text))
        self.passage = (begin, stop)
        self.tokens = [(m.start() + begin, m.end() + begin) for m in TOKEN.finditer(text[begin:stop])]
        content = spans.get("content")
        first = next((i for i, (a, _b) in enumerate(self.tokens) if content and a >= content[0]), 0)
        self.word_anchor = self.word_cursor = first

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="spans-dialog"):
            yield Label("Edit spans: move over the words, then t content · s source · c cue", classes="dialog-title")
            yield TokenView(id="spans-words")
            for role in ROLES:
                span = self.spans.get(role)
                with Horizontal(classes="field"):
                    yield Label(role, classes="field-label")
                    yield Input(
                        value=f"{span[0]}-{span[1]}" if span else "",
                        id=f"span-{role}",
                        compact=True,
                        placeholder="start-end (empty: none)" if role != "content" else "start-end",
                    )
                yield Static(id=f"preview-{role}", classes="span-preview")
            yield Label(
                "←→ word · shift+←→ extend/shrink · t/s/c set content/source/cue · S/C clear · "
                "tab: offsets · enter: save · esc: cancel",
                classes="dialog-help",
            )

    def on_mount(self) -> None:
        for role in ROLES:
            self._preview(role)
        self._show_words()
        self.query_one(TokenView).focus()

    # ---- the word cursor

    def selection(self) -> tuple[int, int] | None:
        if not self.tokens:
            return None
        low, high = sorted((self.word_anchor, self.word_cursor))
        return self.tokens[low][0], self.tokens[high][1]

    def action_move(self, step: int, extend: bool = False) -> None:
        if not self.tokens:
            return
        self.word_cursor = max(0, min(len(self.tokens) - 1, self.word_cursor + step))
        if not extend:
            self.word_anchor = self.word_cursor
        self._show_words()

    def action_jump(self, index: int) -> None:
        if self.tokens:
            self.word_anchor = self.word_cursor = index % len(self.tokens)
            self._show_words()

    def action_assign(self, role: str) -> None:
        span = self.selection()
        if span is not None:
            self.query_one(f"#span-{role}", Input).value = f"{span[0]}-{span[1]}"

    def action_clear(self, role: str) -> None:
        self.query_one(f"#span-{role}", Input).value = ""

    def _values(self) -> dict[str, tuple[int, int] | None]:
        values: dict[str, tuple[int, int] | None] = {}
        for role in ROLES:
            try:
                values[role] = parse_span(self.query_one(f"#span-{role}", Input).value)
            except ValueError:
                values[role] = None
        return values

    def _show_words(self) -> None:
        marks = [(role, span[0], span[1]) for role, span in self._values().items() if span is not None]
        begin, stop = self.passage
        self.query_one(TokenView).show(self.text[begin:stop], begin, marks, self.selection())

    # ---- the offsets

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input.id:
            self._preview(event.input.id.removeprefix("span-"))
            self._show_words()

    def _preview(self, role: str) -> None:
        preview = self.query_one(f"#preview-{role}", Static)
        try:
            span = parse_span(self.query_one(f"#span-{role}", Input).value)
        except ValueError:
            preview.update(Text("expected start-end, e.g. 120-180", style="red"))
            return
        if span is None:
            cleared = self.spans.get(role) is not None
            preview.update(Text("— (cleared: saved without a " + role + ")" if cleared else "—", style="dim"))
        elif not 0 <= span[0] <= span[1] <= len(self.text):
            preview.update(Text(f"outside the document (0-{len(self.text)})", style="red"))
        else:
            preview.update(rich_text(" ".join(self.text[span[0] : span[1]].split())[:200]))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        changes: dict = {}
        clear = []
        try:
            for role in ROLES:
                span = parse_span(self.query_one(f"#span-{role}", Input).value)
                if span == self.spans.get(role):
                    continue
                if span is None:
                    if role == "content":
                        self.notify("a claim needs content: select it (t) or type its offsets", severity="error")
                        return
                    clear.append(role)  # emptied: the span goes (not silently kept)
                else:
                    changes[role] = span
        except ValueError:
            self.notify("spans are start-end, e.g. 120-180", severity="error")
            return
        if clear:
            changes["clear"] = clear
        self.dismiss(changes)

    def action_cancel(self) -> None:
        self.dismiss(None)
