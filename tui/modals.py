"""Dialogs of the review app: a type-ahead picker, a one-line text prompt, the filter form, the span editor.

They get their data from the screen that opens them (a search function, current values) and return a
result with ``dismiss``; the screen does any writing. Titles, options, previews and prefilled values may hold
text from articles and users: they are shown literally (:func:`claims.safe_text.rich_text`, ``visible``).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from claims.safe_text import rich_text, visible
from tui.queries import ReviewFilter

PickResult = tuple[str, int | str]  # ("id", int) or ("new", str)

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
        self, title: str, search: Callable[[str], list[tuple[int, str]]], *, allow_new: bool = True, value: str = ""
    ) -> None:
        super().__init__()
        self.title_text = title
        self.search = search
        self.allow_new = allow_new
        self.initial = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(rich_text(self.title_text), classes="dialog-title")
            yield Input(value=visible(self.initial), placeholder="type to search…", id="picker-input", compact=True)
            yield OptionList(id="picker-options")
            yield Label("enter: choose · ↑↓: move · esc: cancel", classes="dialog-help")

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

    def _fill(self, text: str, rows: list[tuple[int, str]]) -> None:
        if text != self.query_one("#picker-input", Input).value:
            return  # an older lookup
        options = self.query_one("#picker-options", OptionList)
        options.clear_options()
        typed = " ".join(text.split())
        for ident, label in rows:
            options.add_option(Option(rich_text(label), id=f"id:{ident}"))
        if self.allow_new and typed and not any(label.lower() == typed.lower() for _, label in rows):
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

    def action_cancel(self) -> None:
        self.dismiss(None)


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
            yield Input(value=self.shown, placeholder=self.placeholder, id="prompt-input", compact=True)
            yield Label("enter: save · esc: cancel", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        value = self.value if event.value == self.shown else event.value  # unchanged: the value as given
        self.dismiss(value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FilterScreen(ModalScreen[ReviewFilter | None]):
    """Filter the claims table: document, actor, speaker, topic, status, kind, disputed only."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="filter.cancel"),
        Binding("ctrl+s", "apply", "Apply", id="filter.apply"),
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
                yield Select(
                    [(s, s) for s in STATUSES], value=c.status or Select.NULL, id="filter-status", compact=True
                )
            with Horizontal(classes="field"):
                yield Label("kind", classes="field-label")
                yield Select([(k, k) for k in KINDS], value=c.kind or Select.NULL, id="filter-kind", compact=True)
            yield Checkbox("disputed only", c.disputed, id="filter-disputed", compact=True)
            yield Label("enter: apply · tab: next field · esc: cancel", classes="dialog-help")

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
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


def parse_span(value: str) -> tuple[int, int] | None:
    """ "12-40" → (12, 40); empty → None; raises ValueError otherwise."""
    value = value.strip()
    if not value:
        return None
    start, _, end = value.replace(" ", "").partition("-")
    return int(start), int(end)


class SpanEditorScreen(ModalScreen[dict | None]):
    """Edit a claim's content, source and cue spans as "start-end" str offsets, with a live preview."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="spans.cancel"),
        Binding("ctrl+s", "save", "Save", id="spans.save"),
    ]

    def __init__(self, text: str, spans: dict[str, tuple[int, int] | None]) -> None:
        super().__init__()
        self.text = text
        self.spans = spans

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="spans-dialog"):
            yield Label("Edit spans (start-end, str offsets into the document)", classes="dialog-title")
            for role in ("content", "source", "cue"):
                span = self.spans.get(role)
                with Horizontal(classes="field"):
                    yield Label(role, classes="field-label")
                    yield Input(value=f"{span[0]}-{span[1]}" if span else "", id=f"span-{role}", compact=True)
                yield Static(id=f"preview-{role}", classes="span-preview")
            yield Label("enter: save · esc: cancel", classes="dialog-help")

    def on_mount(self) -> None:
        for role in ("content", "source", "cue"):
            self._preview(role)
        self.query_one("#span-content", Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input.id:
            self._preview(event.input.id.removeprefix("span-"))

    def _preview(self, role: str) -> None:
        preview = self.query_one(f"#preview-{role}", Static)
        try:
            span = parse_span(self.query_one(f"#span-{role}", Input).value)
        except ValueError:
            preview.update(Text("expected start-end, e.g. 120-180", style="red"))
            return
        if span is None:
            preview.update(Text("—", style="dim"))
        elif not 0 <= span[0] <= span[1] <= len(self.text):
            preview.update(Text(f"outside the document (0-{len(self.text)})", style="red"))
        else:
            preview.update(rich_text(" ".join(self.text[span[0] : span[1]].split())[:200]))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        changes = {}
        try:
            for role in ("content", "source", "cue"):
                span = parse_span(self.query_one(f"#span-{role}", Input).value)
                if span != self.spans.get(role) and span is not None:
                    changes[role] = span
        except ValueError:
            self.notify("spans are start-end, e.g. 120-180", severity="error")
            return
        self.dismiss(changes)

    def action_cancel(self) -> None:
        self.dismiss(None)
