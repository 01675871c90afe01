"""The review app, driven with Textual's Pilot; every action is checked in the database afterwards."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import insert
from sqlmodel import Session, select
from textual.widgets import DataTable, Input

from claims.types import ACTOR_KINDS
from db import review
from db.engine import make_engine
from db.models import Actor, Claim, ClaimTopic, Correction, Dispute, Document, Speaker, Topic
from tests.tui_support import REVIEWER, add_dispute, copy_database, seed_template_fixture, settle
from tui.app import ClaimsApp
from tui.modals import ConfirmScreen, FilterScreen, KeysScreen, SpanEditorScreen
from tui.queries import ReviewFilter
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
    real_count = queries.count_claims

    def slow_count(engine, f):  # the exact count comes after the first page, as on a large database
        asyncio.run_coroutine_threadsafe(release.wait(), loop).result(timeout=10)
        return real_count(engine, f)

    monkeypatch.setattr(queries, "count_claims", slow_count)
    loop = asyncio.get_running_loop()
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        release.set()
        await settle(pilot)
        release.clear()
        await pilot.press("slash", *"the", "enter")
        await pilot.pause()
        await pilot.pause(0.2)
        exact = real_count(engine, queries.ReviewFilter(search="the"))
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


# ------------------------------------------------------------------------------------- review workflow (#15)


def set_status(engine, claim_id: int, status: str, reviewer: str = "other") -> None:
    with Session(engine) as session:
        review.set_claim_status(claim_id, status, session=session, reviewer=reviewer)
        session.commit()


def status_line(app) -> str:
    return str(app.get_screen("claims").query_one("#claims-status").render())


async def test_header_counts_progress_and_a_goes_to_the_next_unreviewed_claim(engine):
    set_status(engine, 2, "accepted")
    set_status(engine, 3, "rejected")
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "2 reviewed · 15 left" in status_line(app)
        await pilot.press("a")  # claim 1; claims 2 and 3 are reviewed already: on to 4
        await settle(pilot)
        assert current(app) == 4
        assert "3 reviewed · 14 left" in status_line(app)
        await pilot.press("x")
        await settle(pilot)
        assert current(app) == 5 and "4 reviewed · 13 left" in status_line(app)
        app.screen.query_one("#claims-table", DataTable).move_cursor(row=0)
        await pilot.press("n")  # n: the next unreviewed from the top (1, 2, 3, 4 are reviewed)
        await settle(pilot)
        assert current(app) == 5
    assert claim(engine, 1).status == "accepted" and claim(engine, 4).status == "rejected"


async def test_hide_reviewed_and_reviewed_rows_leave_a_status_auto_filter(engine):
    set_status(engine, 2, "accepted")
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#claims-table", DataTable)
        await pilot.press("h")
        await settle(pilot)
        assert table.row_count == 16 and "2" not in [k.value for k in table.rows]
        assert "unreviewed only" in status_line(app)
        await pilot.press("a")  # claim 1 accepted: it leaves the list, the cursor on the next one
        await settle(pilot)
        assert table.row_count == 15 and current(app) == 3
        assert "0 reviewed · 15 left" in status_line(app)
        await pilot.press("h")
        await settle(pilot)
        assert table.row_count == 17
        screen = app.get_screen("claims")
        screen.apply_filter(ReviewFilter(status="auto"))
        await settle(pilot)
        assert table.row_count == 15
        await pilot.press("x")
        await settle(pilot)
        assert table.row_count == 14 and current(app) == 4
        await pilot.press("ctrl+z")  # the rejected claim is auto again: back in the list
        await settle(pilot)
        assert table.row_count == 15 and current(app) == 3
    assert claim(engine, 3).status == "auto"


async def test_bulk_accept_of_marked_rows_asks_and_is_one_undo_step(engine):
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space", "down", "space")  # marks 1 and 3
        await settle(pilot)
        table = app.screen.query_one("#claims-table", DataTable)
        assert str(table.get_cell("1", "mark")) == "●" and str(table.get_cell("2", "mark")) == ""
        assert "2 marked" in status_line(app)
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and "2 marked" in app.screen.question
        await pilot.press("n")  # no: nothing changes
        await settle(pilot)
        assert claim(engine, 1).status == "auto" and not corrections(engine)
        await pilot.press("A", "y")
        await settle(pilot)
        assert [claim(engine, i).status for i in (1, 2, 3)] == ["accepted", "auto", "accepted"]
        assert "0 marked" not in status_line(app) and "2 reviewed" in status_line(app)
        assert len({r.action_id for r in corrections(engine)}) == 1  # one action
        await pilot.press("ctrl+z")  # one undo step reverts both
        await settle(pilot)
    assert [claim(engine, i).status for i in (1, 3)] == ["auto", "auto"]


async def test_bulk_reject_of_the_filter_keeps_reviewed_claims(engine):
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.get_screen("claims")
        screen.apply_filter(ReviewFilter(speaker="washington"))
        await settle(pilot)
        ids = sorted(screen.rows)
        set_status(engine, ids[0], "accepted")
        screen.reload()
        await settle(pilot)
        await pilot.press("X")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Reject the 2 unreviewed claim(s) matching speaker=washington?" == app.screen.question
        await pilot.press("enter")
        await settle(pilot)
        assert [claim(engine, i).status for i in ids] == ["accepted", "rejected", "rejected"]
        assert "3 reviewed · 0 left" in status_line(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
    assert [claim(engine, i).status for i in ids] == ["accepted", "auto", "auto"]


@pytest.mark.parametrize("width", [80, 120, 160])
async def test_columns_use_the_terminal_width(engine, width):
    set_status(engine, 1, "corrected")
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#claims-table", DataTable)
        widths = {str(key.value): column.width for key, column in table.columns.items()}
        assert widths["status"] >= len("corrected") and str(table.get_cell("1", "status")) == "corrected"
        assert {"speaker", "actor", "content", "status"} <= set(widths)
        total = sum(w + 2 for w in widths.values())
        assert width - 6 <= total <= width  # the columns fill the width
        assert widths["content"] >= max(30, int(width * 0.4))
        if width >= 160:
            assert {"cue", "topic", "kind"} <= set(widths)


@pytest.mark.parametrize("width", [80, 120, 160])
async def test_the_footer_keeps_the_important_keys_and_fits(engine, width):
    from textual.widgets._footer import FooterKey

    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        keys = list(app.screen.query(FooterKey))
        actions = {k.action for k in keys}
        assert {
            "accept",
            "reject",
            "mark",
            "bulk('accepted')",
            "filter",
            "clear_filters",
            "undo",
            "keys",
        } <= actions
        assert any(k.key_display == "esc" for k in keys)
        assert sum(k.outer_size.width for k in keys) <= width  # nothing cut off, no stray glyph at the end
        assert all(k.region.right <= width for k in keys)


async def test_span_editor_selects_words_and_clears_a_span(engine):
    before = claim(engine, 2)
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "e")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, SpanEditorScreen) and editor.focused is editor.query_one("#spans-words")
        text = editor.text
        assert editor.selection()[0] == before.content_start  # the cursor starts on the content
        await pilot.press("shift+right", "shift+right", "t")  # three words: the content
        first3 = text[before.content_start : editor.selection()[1]]
        assert len(first3.split()) == 3
        await pilot.press("shift+left", "right")  # shrink, then move on
        await pilot.press("home", "s")  # the paragraph's first word: the source
        await pilot.press("C")  # no cue
        await settle(pilot)
        assert editor.query_one("#span-cue", Input).value == ""
        assert "cleared" in str(editor.query_one("#preview-cue").render())
        await pilot.press("enter")
        await settle(pilot)
    after = claim(engine, 2)
    assert text[after.content_start : after.content_end] == first3
    assert (after.cue_start, after.cue_end) == (None, None) and after.status == "corrected"
    assert (
        after.source_text == text[after.source_start : after.source_end] and after.source_start < before.content_start
    )


async def test_span_editor_refuses_to_save_without_content(engine):
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#span-content", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SpanEditorScreen)  # still open, nothing saved
        assert any("needs content" in n.message for n in app._notifications)
    assert not corrections(engine)


async def test_disputes_show_speaker_cue_content_kind_names_and_open_their_claims(engine):
    dispute_id, claim_ids = add_dispute(engine)
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one("#disputes-table", DataTable)
        assert str(table.get_cell(str(dispute_id), "kind")) == "conflicting blame"
        prompts = [str(o.prompt) for side in app.screen.query(".side") for o in side._options]
        assert "Washington has accused Damascus and Moscow" in prompts
        await pilot.press("enter")
        await settle(pilot)
        screen = app.get_screen("claims")
        assert app.screen is screen and screen.filter == ReviewFilter(dispute=dispute_id)
        assert sorted(screen.rows) == sorted(claim_ids) and current(app) == claim_ids[0]
        assert f"dispute #{dispute_id}" in status_line(app)


async def test_speakers_rename_is_not_replaced_by_typing_merge_excludes_itself_counts_refresh(engine):
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        status = app.screen.query_one("#speakers-status")
        assert str(status.render()).startswith("9 speaker(s), 5 actor(s)")
        table = app.screen.query_one("#speakers-table", DataTable)
        first = int(table.coordinate_to_cell_key((0, 0)).row_key.value)
        await pilot.press("r")
        await settle(pilot)
        field = app.screen.query_one(Input)
        assert field.selection.is_empty and field.cursor_position == len("Washington")
        await pilot.press(*" officials", "enter")  # typing adds to the name
        await settle(pilot)
        with Session(engine) as session:
            assert session.get(Speaker, first).name == "Washington officials"
        await pilot.press("m")
        await settle(pilot)
        type_into(app, "Washington")
        await settle(pilot)
        options = app.screen.query_one("#picker-options")
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert "Washington officials" not in labels  # not merged into itself
        type_into(app, "US")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert str(status.render()).startswith("8 speaker(s) (1 merged away), 5 actor(s)")


async def test_enter_on_a_filter_dropdown_chooses_without_reopening(engine):
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        select = app.screen.query_one("#filter-status")
        select.focus()
        await pilot.press("space")  # opens the list
        await settle(pilot)
        assert select.expanded
        await pilot.press("down", "down", "enter")  # chooses "accepted" (after the blank); the list closes
        await settle(pilot)
        assert not select.expanded and select.value == "accepted" and isinstance(app.screen, FilterScreen)
        await pilot.press("enter")  # enter on the closed dropdown applies the form
        await settle(pilot)
        assert app.screen.id == "claims-screen" and app.screen.filter.status == "accepted"


async def test_actor_picker_and_speakers_screen_show_and_set_kind_and_parent(engine):
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        type_into(app, "kreml")
        await settle(pilot)
        options = app.screen.query_one("#picker-options")
        assert str(options.get_option_at_index(0).prompt) == "Kremlin  (government, in Russia)"
        await pilot.press("escape", "3")
        await settle(pilot)
        actors = app.screen.query_one("#actors-table", DataTable)
        actors.focus()
        kremlin = next(i for i in range(actors.row_count) if str(actors.get_row_at(i)[0]) == "Kremlin")
        actors.move_cursor(row=kremlin)
        await pilot.press("k")
        await settle(pilot)
        type_into(app, "")
        await settle(pilot)
        options = app.screen.query_one("#picker-options")
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels[: len(ACTOR_KINDS)] == list(ACTOR_KINDS)
        options.highlighted = labels.index("organisation")
        await pilot.press("enter")
        await settle(pilot)
        assert str(actors.get_cell(str(actors.coordinate_to_cell_key((kremlin, 0)).row_key.value), "kind")) == (
            "organisation"
        )
        await pilot.press("p")
        await settle(pilot)
        type_into(app, "United States")
        await settle(pilot)
        options = app.screen.query_one("#picker-options")
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels[0] == "(no parent)" and "United States  (country)" in labels
        options.highlighted = labels.index("United States  (country)")
        await pilot.press("enter")
        await settle(pilot)
        with Session(engine) as session:
            row = session.exec(select(Actor).where(Actor.name == "Kremlin")).one()
            us = session.exec(select(Actor).where(Actor.name == "United States")).one()
            assert (row.kind, row.kind_source, row.parent_id, row.parent_source) == (
                "organisation",
                "user",
                us.id,
                "user",
            )
        await pilot.press("ctrl+z")  # the parent back
        await settle(pilot)
        with Session(engine) as session:
            row = session.exec(select(Actor).where(Actor.name == "Kremlin")).one()
            russia = session.exec(select(Actor).where(Actor.name == "Russia")).one()
            assert row.parent_id == russia.id and row.kind == "organisation"


async def test_actor_picker_sets_the_highlighted_actors_kind_and_parent(engine):
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        type_into(app, "kreml")
        await settle(pilot)

        def labels() -> list[str]:
            options = app.screen.query_one("#picker-options")
            return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]

        await pilot.press("ctrl+t")  # kind
        await settle(pilot)
        assert labels() == list(ACTOR_KINDS)
        app.screen.query_one("#picker-options").highlighted = ACTOR_KINDS.index("organisation")
        await pilot.press("enter")
        await settle(pilot)
        assert labels() == ["Kremlin  (organisation, in Russia)", "+ new: kreml"]  # shown at once
        await pilot.press("ctrl+o")  # parent
        await settle(pilot)
        assert labels()[0] == "(no parent)"
        await pilot.press("enter")
        await settle(pilot)
        assert labels()[0] == "Kremlin  (organisation)"
        await pilot.press("enter")  # and the choice goes on: the claim's actor
        await settle(pilot)
    with Session(engine) as session:
        kremlin = session.exec(select(Actor).where(Actor.name == "Kremlin")).one()
        assert (kremlin.kind, kremlin.parent_id, kremlin.parent_source) == ("organisation", None, "user")
        assert claim(engine, 1).actor_id == kremlin.id


async def test_a_bulk_change_is_written_in_a_worker_and_other_writes_wait(engine, monkeypatch):
    import threading

    release = threading.Event()
    real = review.set_claims_status

    def slow(*args, **kwargs):  # thousands of claims take seconds
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(review, "set_claims_status", slow)
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("A", "y")
        await pilot.pause(0.1)
        assert "accepting 17 claims…" in status_line(app)
        await pilot.press("x")  # waits: not written while the bulk change runs
        await pilot.pause(0.1)
        release.set()
        await settle(pilot)
        assert "17 reviewed · 0 left" in status_line(app)
    assert {claim(engine, i).status for i in range(1, 18)} == {"accepted"}
    assert len({r.action_id for r in corrections(engine)}) == 1


async def test_actor_names_in_the_picker_and_tables_are_shown_literally(engine):
    with Session(engine) as session:
        review.set_actor_parent("Kremlin", "[bold red]Evil[/] \x1b[2J", session=session, reviewer="other")
        session.commit()
    app = ClaimsApp(engine=engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        type_into(app, "kreml")
        await settle(pilot)
        options = app.screen.query_one("#picker-options")
        label = str(options.get_option_at_index(0).prompt)
        assert label.startswith("Kremlin  (government, in [bold red]Evil[/] ") and "\x1b" not in label
        await pilot.press("escape", "3")
        await settle(pilot)
        actors = app.screen.query_one("#actors-table", DataTable)
        parents = [str(actors.get_row_at(i)[2]) for i in range(actors.row_count)]
        assert any(p.startswith("[bold red]Evil[/]") and "\x1b" not in p for p in parents)
