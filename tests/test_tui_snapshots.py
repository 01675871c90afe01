"""Snapshots of the review screens on the example article (fixed reviewer and database content).

Each screen at the smallest supported terminal (80x24) and a large one (160x50), plus the older 100x30 ones.
Regenerate after an intended change of the screens with ``pytest tests/test_tui_snapshots.py --snapshot-update``
and look at the SVGs (tests/__snapshots__/test_tui_snapshots/).
"""

from __future__ import annotations

import pytest
from sqlmodel import Session

from db import review
from tests.tui_support import REVIEWER, add_dispute, copy_database, seed_template_fixture, settle
from tui.app import ClaimsApp

seed_template = seed_template_fixture()
SIZE = (100, 30)
SIZES = pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])


@pytest.fixture
def engine(seed_template, tmp_path):
    engine = copy_database(seed_template, tmp_path)
    yield engine
    engine.dispose()


def reviewed(engine) -> None:
    """A few claims reviewed (accepted, corrected, rejected): the header counts them, status shown in full."""
    with Session(engine) as session:
        for claim_id, status in ((1, "accepted"), (2, "corrected"), (4, "rejected")):
            review.set_claim_status(claim_id, status, session=session, reviewer="other")
        session.commit()


def test_claims_screen(snap_compare, engine):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)

    assert snap_compare(ClaimsApp(engine=engine, reviewer=REVIEWER), terminal_size=SIZE, run_before=run_before)


def test_claims_screen_small_terminal(snap_compare, engine):
    assert snap_compare(ClaimsApp(engine=engine, reviewer=REVIEWER), terminal_size=(80, 24), run_before=settle)


@SIZES
def test_claims_screen_with_progress_and_marks(snap_compare, engine, size):
    reviewed(engine)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("down", "down", "space", "down", "space")  # marks 3 and 5 (4 is rejected)
        await settle(pilot)

    assert snap_compare(ClaimsApp(engine=engine, reviewer=REVIEWER), terminal_size=size, run_before=run_before)


@SIZES
def test_claims_hide_reviewed(snap_compare, engine, size):
    reviewed(engine)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)

    assert snap_compare(ClaimsApp(engine=engine, reviewer=REVIEWER), terminal_size=size, run_before=run_before)


@SIZES
def test_bulk_accept_confirmation(snap_compare, engine, size):
    reviewed(engine)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)

    assert snap_compare(ClaimsApp(engine=engine, reviewer=REVIEWER), terminal_size=size, run_before=run_before)


@SIZES
def test_span_editor_word_cursor(snap_compare, engine, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("down", "e")
        await settle(pilot)
        await pilot.press("right", "shift+right", "shift+right")  # a selection of three words
        await settle(pilot)

    assert snap_compare(ClaimsApp(engine=engine, reviewer=REVIEWER), terminal_size=size, run_before=run_before)


@SIZES
def test_filter_form(snap_compare, engine, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)

    assert snap_compare(ClaimsApp(engine=engine, reviewer=REVIEWER), terminal_size=size, run_before=run_before)


@SIZES
def test_keys_help(snap_compare, engine, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(ClaimsApp(engine=engine, reviewer=REVIEWER), terminal_size=size, run_before=run_before)


def test_disputes_screen(snap_compare, engine):
    add_dispute(engine)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)

    assert snap_compare(ClaimsApp(engine=engine, reviewer=REVIEWER), terminal_size=SIZE, run_before=run_before)


@SIZES
def test_disputes_screen_sizes(snap_compare, engine, size):
    add_dispute(engine)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)

    assert snap_compare(ClaimsApp(engine=engine, reviewer=REVIEWER), terminal_size=size, run_before=run_before)


@SIZES
def test_dispute_opens_its_claims(snap_compare, engine, size):
    add_dispute(engine)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(ClaimsApp(engine=engine, reviewer=REVIEWER), terminal_size=size, run_before=run_before)


def test_speakers_screen(snap_compare, engine):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)

    assert snap_compare(ClaimsApp(engine=engine, reviewer=REVIEWER), terminal_size=SIZE, run_before=run_before)


@SIZES
def test_speakers_screen_sizes(snap_compare, engine, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)

    assert snap_compare(ClaimsApp(engine=engine, reviewer=REVIEWER), terminal_size=size, run_before=run_before)


@SIZES
def test_actor_picker_with_kind_and_parent(snap_compare, engine, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)

    assert snap_compare(ClaimsApp(engine=engine, reviewer=REVIEWER), terminal_size=size, run_before=run_before)
