"""What every review screen shares: the host protocol, one-transaction writes with error handling, undo,
the message line; and the actor picker with its kind and parent questions (claims and speakers screens)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Protocol

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Static

from claims.safe_text import visible
from claims.types import ACTOR_KINDS
from db import review
from tui import queries
from tui.modals import (
    ActorPickerScreen,
    PickerScreen,
    PickResult,
)
from tui.widgets import cell

CELL_PADDING = 2  # DataTable's cell padding, both sides
SCROLLBAR = 2


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
