"""The review app, driven with Textual's Pilot; every action is checked in the database afterwards."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import insert
from sqlmodel import Session, select
from textual.widgets import DataTable, Input

from db import review
from db.engine import make_engine
from db.models import Actor, Claim, ClaimTopic, Correction, Dispute, Document, Speaker, Topic
from tests.tui_support import REVIEWER, add_dispute, copy_database, seed_template_fixture, settle
from tui.app import ClaimsApp
from tui.modals import KeysScreen
from tui.screens import ClaimsScreen

seed_template = seed_template_fixture()
SIZE = (120, 36)


@pytest.fixture
def engine(seed_template, tmp_path):
    engine = copy_database(seed_template, tmp_path)
    yield engine
    engine.dispose()


def claim(engine, claim_id: int) -> Claim:
    with Session(engine) as session:
        return session.get(Claim, claim_id)


def corrections(engine) -> list[Correction]:
    with Session(engine) as session:
        return list(session.exec(select(Correction).order_by(Correction.id)).all())


def type_into(app, text: str) -> None:
    """Put text in the focused input (as typing would, without a round trip per key)."""
    focused = app.screen.focused
    assert isinstance(focused, Input)
    focused.value = text


def current(app) -> int | None:
    screen = app.screen
    assert isinstance(screen, ClaimsScreen)
    return screen.current_id()


async def test_starts_on_the_first_claim_with_its_paragraph(engine):
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert current(app) == 1
        table = app.screen.query_one("#claims-table", DataTable)
        assert table.row_count == 17 and table.has_focus
        assert "17 of 17 claims" in str(app.screen.query_one("#claims-status").render())
        context = str(app.screen.query_one("#claims-context").render())
        assert "#1" in context and "Lausanne" in context


async def test_accept_and_reject_move_down_and_are_logged(engine):
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert current(app) == 2
        await pilot.press("x")
        await settle(pilot)
        assert current(app) == 3
    assert claim(engine, 1).status == "accepted" and claim(engine, 2).status == "rejected"
    rows = corrections(engine)
    assert [(r.entity_id, r.field, r.old_value, r.new_value, r.reviewer) for r in rows] == [
        (1, "status", "auto", "accepted", REVIEWER),
        (2, "status", "auto", "rejected", REVIEWER),
    ]


async def test_undo_reverts_the_last_correction_and_logs_it(engine):
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a", "a")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert current(app) == 2  # the cursor goes to the claim that was restored
        table = app.screen.query_one("#claims-table", DataTable)
        assert str(table.get_cell("2", "status")) == "auto"
    assert claim(engine, 1).status == "accepted" and claim(engine, 2).status == "auto"
    last = corrections(engine)[-1]
    assert last.undone_correction_id == corrections(engine)[1].id and last.new_value == "auto"


async def test_set_speaker_with_type_ahead_and_a_new_one(engine):
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press(*"lavr")  # typed key by key: the type-ahead
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("down", "s")
        await settle(pilot)
        type_into(app, "Ann Other")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    with Session(engine) as session:
        assert session.get(Speaker, claim(engine, 1).speaker_id).name == "Sergey Lavrov"
        assert session.get(Speaker, claim(engine, 2).speaker_id).name == "Ann Other"
    assert claim(engine, 1).status == "corrected"


async def test_set_actor_and_topic(engine):
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        type_into(app, "united")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        type_into(app, "Lausanne talks")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Lausanne talks" in str(app.screen.query_one("#claims-context").render())
    with Session(engine) as session:
        assert session.get(Actor, claim(engine, 1).actor_id).name == "United States"
        membership = session.get(ClaimTopic, 1)
        assert membership.status == "corrected" and session.get(Topic, membership.topic_id).label == "Lausanne talks"


async def test_edit_spans(engine):
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    before = claim(engine, 2)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "e")
        await settle(pilot)
        content = app.screen.query_one("#span-content", Input)
        content.value = f"{before.content_start}-{before.content_start + 20}"
        await pilot.press("enter")
        await settle(pilot)
    after = claim(engine, 2)
    assert (after.content_start, after.content_end, after.status) == (
        before.content_start, before.content_start + 20, "corrected",
    )  # fmt: skip


async def test_a_stale_edit_is_refused_with_a_message(engine):
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        with Session(engine) as session:  # another reviewer, meanwhile
            review.set_claim_status(1, "rejected", session=session, reviewer="other", expected_version=1)
            session.commit()
        await pilot.press("a")
        await settle(pilot)
        assert any("changed by someone else" in n.message for n in app._notifications)
        assert current(app) == 1  # not moved on
    assert claim(engine, 1).status == "rejected"
    assert [r.reviewer for r in corrections(engine)] == ["other"]


async def test_filters_and_search(engine):
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#claims-table", DataTable)
        await pilot.press("slash", *"bombing", "enter")
        await settle(pilot)
        assert table.row_count == 1 and current(app) == 13
        await pilot.press("escape")
        await settle(pilot)
        assert table.row_count == 17
        await pilot.press("f")
        await settle(pilot)
        app.screen.query_one("#filter-speaker", Input).value = "washington"
        await pilot.press("enter")
        await settle(pilot)
        assert table.row_count == 3
        screen = app.get_screen("claims")
        screen.apply_filter(screen.filter.with_(speaker=None, kind="unattributed"))
        await settle(pilot)
        assert table.row_count == 3
        screen.apply_filter(screen.filter.with_(kind=None, actor="Russia", status="auto"))
        await settle(pilot)
        assert table.row_count == 9
        screen.apply_filter(screen.filter.with_(actor="no such side"))
        await settle(pilot)
        assert table.row_count == 0 and "No claims match" in str(app.screen.query_one("#claims-context").render())


async def test_a_broad_search_shows_a_floor_then_the_exact_count(engine, monkeypatch):
    from tui import queries

    monkeypatch.setattr(ClaimsScreen, "page_size", 2)
    shown: list[str] = []
    real_update = ClaimsScreen._update_status

    def record(screen) -> None:
        real_update(screen)
        if screen.total is not None:
            shown.append(f"{screen.total}{'' if screen.total_exact else '+'}")

    monkeypatch.setattr(ClaimsScreen, "_update_status", record)
    release = asyncio.Event()
    real_progress = queries.count_progress

    def slow_count(engine, f):  # the exact count comes after the first page, as on a large database
        asyncio.run_coroutine_threadsafe(release.wait(), loop).result(timeout=10)
        return real_progress(engine, f)

    monkeypatch.setattr(queries, "count_progress", slow_count)
    loop = asyncio.get_running_loop()
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        release.set()
        await settle(pilot)
        release.clear()
        await pilot.press("slash", *"the", "enter")
        await pilot.pause()
        await pilot.pause(0.2)
        exact = real_progress(engine, queries.ReviewFilter(search="the"))[0]
        screen = app.get_screen("claims")
        loaded = len(screen.rows)
        assert 2 <= loaded < exact and shown[-1] == f"{loaded}+"
        assert f"{loaded} of {loaded}+ claims" in str(screen.query_one("#claims-status").render())
        release.set()
        await settle(pilot)
        assert shown[-1] == str(exact) and screen.total_exact
        await pilot.press("escape", "slash", *"bombing", "enter")
        await settle(pilot)
        assert shown[-1] == "1"


async def test_disputes_confirm_dismiss_and_jump(engine):
    dispute_id, claim_ids = add_dispute(engine)
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert app.screen.id == "disputes-screen"
        assert len(app.screen.query(".side")) == 2
        await pilot.press("c")
        await settle(pilot)
        with Session(engine) as session:
            assert session.get(Dispute, dispute_id).status == "confirmed"
        await pilot.press("x")
        await settle(pilot)
        with Session(engine) as session:
            assert session.get(Dispute, dispute_id).status == "dismissed"
        await pilot.press("ctrl+z")
        await settle(pilot)
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert app.screen.id == "claims-screen" and current(app) == claim_ids[0]
        await pilot.press("f")
        await settle(pilot)
        app.screen.query_one("#filter-document", Input).value = ""
        from textual.widgets import Checkbox

        app.screen.query_one("#filter-disputed", Checkbox).value = True
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#claims-table", DataTable).row_count == len(claim_ids)
    with Session(engine) as session:
        assert session.get(Dispute, dispute_id).status == "confirmed"


async def test_disputes_empty_state(engine):
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert app.screen.query_one("#disputes-empty").display
        assert "No disputes stored yet" in str(app.screen.query_one("#disputes-empty").render())


async def test_speakers_rename_merge_map_and_alias(engine):
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one("#speakers-table", DataTable)
        first = int(table.coordinate_to_cell_key((0, 0)).row_key.value)
        await pilot.press("r")
        await settle(pilot)
        app.screen.query_one(Input).value = "Washington officials"
        await pilot.press("enter")
        await settle(pilot)
        with Session(engine) as session:
            assert session.get(Speaker, first).name == "Washington officials"
        await pilot.press("o")
        await settle(pilot)
        type_into(app, "Canada")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "What kind of actor is 'Canada'?" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("escape")  # a new actor is asked its kind (then its parent): skipped here
        await settle(pilot)
        with Session(engine) as session:
            speaker = session.get(Speaker, first)
            assert session.get(Actor, speaker.actor_id).name == "Canada"
            assert {c.actor_id for c in session.exec(select(Claim).where(Claim.speaker_id == first))} == {
                speaker.actor_id
            }
        await pilot.press("m")
        await settle(pilot)
        type_into(app, "Josh")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        with Session(engine) as session:
            josh = session.exec(select(Speaker).where(Speaker.name == "Josh Earnest")).one()
            assert session.get(Speaker, first).merged_into_id == josh.id
            assert not session.exec(select(Claim).where(Claim.speaker_id == first)).all()
        await pilot.press("l")
        await settle(pilot)
        app.screen.query_one(Input).value = "the Kremlin"
        await pilot.press("enter")
        await settle(pilot)
        type_into(app, "Russia")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        actors = app.screen.query_one("#actors-table", DataTable)
        assert any("the Kremlin" in str(actors.get_row_at(i)) for i in range(actors.row_count))
        await pilot.press("ctrl+z")
        await settle(pilot)
    reviewers = {r.reviewer for r in corrections(engine)}
    assert reviewers == {REVIEWER}


async def test_empty_database_says_how_to_ingest(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        empty = app.screen.query_one("#claims-empty")
        assert empty.display and "claims ingest PATH" in str(empty.render())
        await pilot.press("a")  # nothing selected: no crash, nothing written
        await settle(pilot)
    engine.dispose()


async def test_keys_help_and_command_palette_list_the_actions(engine):
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert len(commands) == len(set(commands))  # each command once
        assert {"Accept", "Reject", "Speaker", "Actor", "Topic", "Spans", "Undo", "Search", "Filter"} <= set(commands)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, KeysScreen)
        sections = app.screen.sections
        # the screen's keys first, each with what it does; the app's; Textual's generic keys (moving) after
        assert [title for title, _ in sections] == ["Claims screen", "Everywhere", "Moving around"]
        assert sections[0][1][0] == ("a", "Accept: accept the claim, go to the next unreviewed one")
        assert ("esc", "Clear: clear the filters and the search") in sections[0][1]
        assert all(description for _title, rows in sections for _key, description in rows)
        assert sections[2][1]  # the table's cursor keys
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ClaimsScreen)
        await pilot.press("q")
    assert not app.is_running


async def test_pages_are_loaded_on_scroll(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'many.db'}")
    text = "Someone said something. " * 20
    with Session(engine) as session:
        session.add(Document(external_id="d", text=text, content_hash="x"))
        session.commit()
        rows = [
            dict(document_id=1, sentence_start=i, sentence_end=i + 5, content_start=i, content_end=i + 5,
                 kind="indirect", confidence=0.5, status="auto")
            for i in range(450)
        ]  # fmt: skip
        session.execute(insert(Claim), rows)
        session.commit()
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#claims-table", DataTable)
        assert table.row_count == 200
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table.row_count == 400
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table.row_count == 450
        assert "450 of 450" in str(app.screen.query_one("#claims-status").render())
    engine.dispose()
