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
from tui.screens import ClaimsScreen, DisputesScreen, SpeakersScreen


class ClaimsApp(App):
    """Review claims, disputes and speakers; every correction is saved at once, logged and undoable."""

    CSS_PATH = "claims.tcss"
    TITLE = "claims review"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("1", "show('claims')", "Claims", id="screen.claims"),
        Binding("2", "show('disputes')", "Disputes", id="screen.disputes"),
        Binding("3", "show('speakers')", "Speakers", id="screen.speakers"),
        Binding("question_mark", "keys", "Keys", id="keys"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

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
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def show_claim(self, claim_id: int) -> None:
        """Go to a claim on the claims screen (its document's claims, the cursor on it)."""
        with Session(self.engine) as session:
            document = session.get(Claim, claim_id)
            external_id = session.get(Document, document.document_id).external_id if document else None  # type: ignore[union-attr]
        if external_id is None:
            self.notify(f"claim {claim_id} is gone", severity="warning")
            return
        screen = self.get_screen("claims")
        assert isinstance(screen, ClaimsScreen)
        self.action_show("claims")
        screen.show_claim(claim_id, external_id)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        seen = set()
        for bindings in (screen._bindings, self._bindings):
            for _key, binding in bindings:
                if not binding.description or binding.action in seen or binding.action in ("quit",):
                    continue
                seen.add(binding.action)
                target = screen if bindings is screen._bindings else self
                yield SystemCommand(
                    binding.description,
                    f"{binding.description} (key: {self.get_key_display(binding)})",
                    partial(target.run_action, binding.action),
                )
