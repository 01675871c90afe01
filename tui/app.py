"""The review app: ``ClaimsApp(engine=..., reviewer=...)``. Run it with ``claims review``."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from sqlalchemy import Engine
from sqlmodel import Session
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from db.models import Claim, Document
from tui.modals import KeysScreen
from tui.screens import ClaimsScreen, DisputesScreen, SpeakersScreen


class ClaimsApp(App):
    """Review claims, disputes and speakers; every correction is saved at once, logged and undoable."""

    CSS_PATH = "claims.tcss"
    TITLE = "claims review"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("1", "show('claims')", "Claims", tooltip="the claims screen", id="screen.claims"),
        Binding("2", "show('disputes')", "Disputes", tooltip="the disputes screen", id="screen.disputes"),
        Binding("3", "show('speakers')", "Speakers", tooltip="speakers, actors", id="screen.speakers"),
        Binding("question_mark", "keys", "Keys", tooltip="this list of keys", id="keys"),
        Binding("q", "quit", "Quit", tooltip="leave (every correction is saved already)", id="quit"),
    ]  # fmt: skip

    def __init__(self, *, engine: Engine, reviewer: str) -> None:
        super().__init__()
        self.engine = engine
        self.reviewer = reviewer

    def on_mount(self) -> None:
        self.install_screen(ClaimsScreen(), "claims")
        self.install_screen(DisputesScreen(), "disputes")
        self.install_screen(SpeakersScreen(), "speakers")
        self.push_screen("claims")

    def action_show(self, name: str) -> None:
        if self.screen is not self.get_screen(name):
            self.switch_screen(name)

    def action_keys(self) -> None:
        """The keys of this screen and of the app first, each with what it does; Textual's generic keys after."""
        if isinstance(self.screen, KeysScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(KeysScreen(self.key_sections(self.screen)))

    def key_sections(self, screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
        def describe(binding: Binding) -> str:
            return f"{binding.description}: {binding.tooltip}" if binding.tooltip else binding.description

        mine: list[tuple[str, str]] = []
        seen: set[str] = set()
        for _key, binding in screen._bindings:  # ours (each has an id), not Textual's inherited ones
            if binding.id and binding.description and binding.action not in seen:
                seen.add(binding.action)
                mine.append((self.get_key_display(binding), describe(binding)))
        app_keys = [(self.get_key_display(b), describe(b)) for _key, b in self._bindings if b.id and b.description]
        app_keys.append(("ctrl+p", "Commands — every action by name (the command palette)"))
        ours = {b.action for _k, b in screen._bindings if b.id} | {b.action for _k, b in self._bindings if b.id}
        generic: list[tuple[str, str]] = []
        for node, binding, _enabled, _tooltip in screen.active_bindings.values():
            if binding.action in ours or binding.system or not binding.description:
                continue
            generic.append((self.get_key_display(binding), f"{binding.description} ({type(node).__name__})"))
        title = (screen.id or "screen").removesuffix("-screen")
        return [(f"{title.capitalize()} screen", mine), ("Everywhere", app_keys), ("Moving around", generic)]

    def show_claim(self, claim_id: int, *, dispute: int | None = None) -> None:
        """Go to a claim on the claims screen (its dispute's claims, else its document's; the cursor on it)."""
        with Session(self.engine) as session:
            document = session.get(Claim, claim_id)
            external_id = session.get(Document, document.document_id).external_id if document else None  # type: ignore[union-attr]
        if external_id is None:
            self.notify(f"claim {claim_id} is gone", severity="warning")
            return
        screen = self.get_screen("claims")
        assert isinstance(screen, ClaimsScreen)
        self.action_show("claims")
        screen.show_claim(claim_id, external_id, dispute=dispute)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Each command once: the screen's and the app's keys, then Textual's own (its "Keys" is ours)."""
        titles: set[str] = set()
        actions: set[str] = set()
        for bindings, target in ((screen._bindings, screen), (self._bindings, self)):
            for _key, binding in bindings:
                if not binding.description or binding.action in actions or binding.description in titles:
                    continue
                actions.add(binding.action)
                titles.add(binding.description)
                help_text = binding.tooltip or binding.description
                yield SystemCommand(
                    binding.description,
                    f"{help_text} (key: {self.get_key_display(binding)})",
                    partial(target.run_action, binding.action),
                )
        for command in super().get_system_commands(screen):
            if command.title not in titles:
                titles.add(command.title)
                yield command
