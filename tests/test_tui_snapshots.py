"""Snapshots of the review screens on the example article (fixed reviewer and database content).

Regenerate after an intended change of the screens with ``pytest tests/test_tui_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest

from tests.tui_support import REVIEWER, add_dispute, copy_database, seed_template_fixture, settle
from tui.app import ClaimsApp

seed_template = seed_template_fixture()
SIZE = (100, 30)


@pytest.fixture
def engine(seed_template, tmp_path):
    engine = copy_database(seed_template, tmp_path)
    yield engine
    engine.dispose()


def test_claims_screen(snap_compare, engine):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)

    assert snap_compare(ClaimsApp(engine=engine, reviewer=REVIEWER), terminal_size=SIZE, run_before=run_before)


def test_claims_screen_small_terminal(snap_compare, engine):
    assert snap_compare(ClaimsApp(engine=engine, reviewer=REVIEWER), terminal_size=(80, 24), run_before=settle)


def test_disputes_screen(snap_compare, engine):
    add_dispute(engine)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)

    assert snap_compare(ClaimsApp(engine=engine, reviewer=REVIEWER), terminal_size=SIZE, run_before=run_before)


def test_speakers_screen(snap_compare, engine):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)

    assert snap_compare(ClaimsApp(engine=engine, reviewer=REVIEWER), terminal_size=SIZE, run_before=run_before)
