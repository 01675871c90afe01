"""Article text (and what users type: renames, aliases) is untrusted: it is shown literally everywhere, never
interpreted as Rich/Textual markup, terminal escapes or spreadsheet formulas (issue 14).

A hostile article goes through every command (the fake analyzer finds its claims), then through every
screen of the review app; the rule itself (:mod:`claims.safe_text`) is tested on its own first.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata

import pytest
from sqlmodel import Session, select

from claims.safe_text import csv_cell, json_dumps, rich_text, visible
from db.engine import make_engine
from db.models import Claim, ClaimTopic, Dispute, DisputeClaim, Document, Topic

ESC, BEL = "\x1b", "\x07"
RLO, PDF, ZWSP, ZWJ, LRI, PDI = "\u202e", "\u202c", "\u200b", "\u200d", "\u2066", "\u2069"
OSC52 = f"{ESC}]52;c;aGVsbG8={BEL}"
OSC8 = f"{ESC}]8;;http://evil.example{ESC}\\click{ESC}]8;;{ESC}\\"

HOSTILE_ID = f"inj[/][bold]{ESC}[31m"
HOSTILE_TITLE = f"[bold]T[/] <script>alert(1)</script> {ESC}[2J"
HOSTILE_LINES = [
    f"Headline [/] {ESC}[2J",
    f"The mayor said [bold red]the bridge[/bold red] is {ESC}[2J closed [link=file:///etc/passwd]here[/link] [/] now.",
    'Officials said =HYPERLINK("http://x","y") was the address.',
    f"“+1 555 {OSC52} copied,” said Mara Olsen of the port.",
    f"Washington said -2 ships {OSC8} sank {BEL} today.",
    f"Moscow said @SUM(A1:A9) <script>alert(1)</script> is {RLO}right{PDF} and zero{ZWSP}width{ZWJ}{LRI}iso{PDI}.",
    "The port reportedly closed\ttoday [/].",
]
HOSTILE_TEXT = "\n\n".join(HOSTILE_LINES)
HOSTILE_SPEAKER = f"[bold]Evil[/] {ESC}]52;c;eA=={BEL} =cmd|' /C calc'!A0 {RLO}x"
HOSTILE_ACTOR = f"@Actor [link=file:///etc/passwd]x[/link] {ESC}[2J"
HOSTILE_TOPIC = f"=topic [/] [bold]{ESC}[2J{RLO}"
HOSTILE_REASON = f"-reason [red]x[/red] {BEL}"

HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def raw_controls(output: str) -> list[str]:
    """Characters in ``output`` that would act on a terminal instead of being seen."""
    return sorted({c for c in output if c not in "\n\t" and unicodedata.category(c) in HIDDEN})


# ------------------------------------------------------------------------------------------- the rule


def test_visible_replaces_controls_and_keeps_newline_and_tab():
    assert visible(f"a{ESC}[2J{BEL}b\n\tc\r") == "a␛[2J␇b\n\tc␍"
    assert visible("\x7f\x00") == "␡␀"
    assert visible("\x9b31m\x85") == "⟨CSI⟩31m⟨NEL⟩"


def test_visible_shows_bidi_and_zero_width_characters_as_markers():
    assert visible(f"{RLO}evil{PDF}") == "⟨RLO⟩evil⟨PDF⟩"
    assert visible(f"a{ZWSP}b{ZWJ}c{LRI}d{PDI}\ufeff") == "a⟨ZWSP⟩b⟨ZWJ⟩c⟨LRI⟩d⟨PDI⟩⟨BOM⟩"
    assert visible("\U000e0041\ud800") == "⟨U+E0041⟩⟨U+D800⟩"  # a tag character, a lone surrogate


def test_visible_keeps_ordinary_text_of_any_script():
    for text in ("Mara Olsen", "שלום עולם", "مرحبا", "Ärger über 5 %", "[bold]x[/]", "<script>", "=1+1", ""):
        assert visible(text) == text
    assert visible(None) == ""


def test_rich_text_is_never_markup_and_marks_keep_their_offsets():
    text = f"[bold]a{ESC}b[/] c"
    rendered = rich_text(text, marks=[("green", text.index("b[/]"), len(text))])
    assert rendered.plain == "[bold]a␛b[/] c"
    green = [s for s in rendered.spans if s.style == "green"]
    assert rendered.plain[green[0].start : green[0].end] == "b[/] c"
    assert [rendered.plain[s.start : s.end] for s in rendered.spans if s.style == "reverse"] == ["␛"]
    assert rich_text("[/]").plain == "[/]"  # an unbalanced tag is text, not an error


def test_csv_cell_neutralises_formula_starts():
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert csv_cell(value) == "'" + value
    for value in ("a=b", " =1", "", "text", 3, -1, 0.5, None):
        assert csv_cell(value) == value


def test_json_dumps_is_exact_and_escapes_hidden_characters():
    value = {"t": f"a{ESC}[2J {RLO}x \x9b \U000e0041 \ud800 ü\n"}
    out = json_dumps(value)
    assert not raw_controls(out)
    assert json.loads(out) == value
    assert "ü" in out  # not ASCII-escaped


# ---------------------------------------------------------------------------------------- the commands


def hostile_article_line() -> str:
    article = {
        "id": HOSTILE_ID,
        "title": HOSTILE_TITLE,
        "url": "javascript:alert(1)",
        "publisher": "[link=file:///etc/passwd]pub[/link]",
        "text": HOSTILE_TEXT,
    }
    return json.dumps(article) + "\n"


def add_hostile_dispute(db_url: str, *, side: str = "Russia") -> int:
    """A topic and a dispute with hostile label and reason over the Washington and Moscow claims."""
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            claims = session.exec(select(Claim).order_by(Claim.id)).all()
            sides = {"United States": [c for c in claims if c.source_text == "Washington"]}
            sides[side] = [c for c in claims if c.source_text == "Moscow"]
            topic = Topic(label=HOSTILE_TOPIC, status="auto")
            session.add(topic)
            session.flush()
            dispute = Dispute(topic_id=topic.id, kind="blame", reason=HOSTILE_REASON, confidence=0.8, status="auto")
            session.add(dispute)
            session.flush()
            for side, members in sides.items():
                for claim in members:
                    session.add(ClaimTopic(claim_id=claim.id, topic_id=topic.id, status="auto"))
                    session.add(DisputeClaim(dispute_id=dispute.id, claim_id=claim.id, side=side))
            session.commit()
            assert dispute.id is not None
            return dispute.id
    finally:
        engine.dispose()


def claim_ids(db_url: str) -> dict[str, int]:
    """Claim id by source text ("" for the unattributed claim)."""
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            return {c.source_text or "": c.id for c in session.exec(select(Claim)).all()}  # type: ignore[misc]
    finally:
        engine.dispose()


@pytest.fixture
def hostile(cli, tmp_path, monkeypatch):
    """The CLI on a database holding the hostile article, a hostile dispute, and a hostile speaker and actor."""
    import claims.services.disputes

    monkeypatch.setenv("COLUMNS", "250")
    # the fake analyzer has no spaCy pipeline: topics and disputes are added by hand, not recomputed
    monkeypatch.setattr(claims.services.disputes, "recompute_after_change", lambda engine, nlp=None: (None, "skip"))
    path = tmp_path / "hostile.jsonl"
    path.write_text(hostile_article_line(), encoding="utf-8")
    result = cli("ingest", str(path))
    assert_safe(result)
    add_hostile_dispute(cli.db_url)
    return cli


def assert_safe(result, code: int = 0) -> str:
    """The command ended with ``code``, without a traceback, and wrote no raw control characters."""
    output = result.output
    assert result.exit_code == code, output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in output
    assert raw_controls(output) == [], output
    return output


def test_ingest_list_show_stats(hostile):
    listed = assert_safe(hostile("list"))
    assert "[bold red]the bridge[/bold red]" in listed
    assert "=HYPERLINK(" in listed and "<script>" in listed
    assert "inj[/][bold]␛[31m" in listed  # the id, literally
    ids = claim_ids(hostile.db_url)
    shown = assert_safe(hostile("show", str(ids["The mayor"])))
    assert "[bold red]the bridge[/bold red] is ␛[2J closed [link=file:///etc/passwd]here[/link] [/] now" in shown
    assert HOSTILE_TITLE.replace(ESC, "␛") in shown
    shown = assert_safe(hostile("show", str(ids["Mara Olsen"])))
    assert "+1 555 ␛]52;c;aGVsbG8=␇ copied" in shown
    shown = assert_safe(hostile("show", str(ids["Washington"])))
    assert "␛]8;;http://evil.example␛\\click␛]8;;␛\\" in shown and "sank ␇ today" in shown
    shown = assert_safe(hostile("show", str(ids["Moscow"])))
    assert "is ⟨RLO⟩right⟨PDF⟩ and zero⟨ZWSP⟩width⟨ZWJ⟩⟨LRI⟩iso⟨PDI⟩" in shown
    assert "documents" in assert_safe(hostile("stats"))


def test_stored_text_is_exactly_what_was_read(hostile):
    engine = make_engine(hostile.db_url)
    try:
        with Session(engine) as session:
            document = session.exec(select(Document)).one()
            assert (document.external_id, document.title, document.text) == (HOSTILE_ID, HOSTILE_TITLE, HOSTILE_TEXT)
            claim = session.exec(select(Claim).where(Claim.source_text == "Officials")).one()
            assert (
                document.text[claim.content_start : claim.content_end] == '=HYPERLINK("http://x","y") was the address'
            )
    finally:
        engine.dispose()


def test_topics_and_disputes_tables(hostile):
    topics = assert_safe(hostile("topics"))
    assert "=topic [/] [bold]␛[2J⟨RLO⟩" in topics
    disputes = assert_safe(hostile("disputes"))
    assert "=topic [/]" in disputes and "[bold]␛[2J⟨RLO⟩" in disputes  # (the column wraps)
    assert "-reason [red]x[/red] ␇" in disputes


def test_rename_merge_alias_correct_undo_with_hostile_names(hostile):
    ids = claim_ids(hostile.db_url)
    renamed = assert_safe(hostile("speakers", "rename", "Mara Olsen", HOSTILE_SPEAKER))
    assert "[bold]Evil[/] ␛]52;c;eA==␇ =cmd|' /C calc'!A0 ⟨RLO⟩x" in renamed
    listed = assert_safe(hostile("list"))
    assert "[bold]Evil[/]" in listed
    aliased = assert_safe(hostile("actors", "alias", "The mayor", HOSTILE_ACTOR))
    assert "@Actor [link=file:///etc/passwd]x[/link] ␛[2J" in aliased
    actors = assert_safe(hostile("actors", "list"))
    assert "@Actor [link=file:///etc/passwd]x[/link] ␛[2J" in actors
    corrected = assert_safe(hostile("correct", str(ids["Officials"]), "--speaker", HOSTILE_SPEAKER))
    assert "[bold]Evil[/]" in corrected
    corrected = assert_safe(hostile("correct", str(ids[""]), "--topic", HOSTILE_TOPIC + " new"))
    assert "=topic [/] [bold]␛[2J⟨RLO⟩ new" in corrected
    merged = assert_safe(hostile("speakers", "merge", "Washington", HOSTILE_SPEAKER))
    assert "[bold]Evil[/]" in merged
    assert_safe(hostile("undo"))
    missing = assert_safe(hostile("speakers", "merge", f"[/]{ESC}[2J", "Moscow"), code=1)
    assert "[/]" in missing  # the error names the speaker literally (escapes escaped)
    assert_safe(hostile("correct", str(ids["Moscow"]), "--actor", f"[/]{RLO}"))
    assert_safe(hostile("export", "corrections"))


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_export_claims_csv_neutralises_formulas_unless_raw(hostile):
    rows = {r["source_text"]: r for r in csv_rows(hostile("export", "claims", "--format", "csv").stdout)}
    assert rows["Officials"]["content_text"] == """'=HYPERLINK("http://x","y") was the address"""
    assert rows["Mara Olsen"]["content_text"].startswith("'+1 555")
    assert rows["Washington"]["content_text"].startswith("'-2 ships")
    assert rows["Moscow"]["content_text"].startswith("'@SUM(A1:A9)")
    assert rows["The mayor"]["content_text"].startswith("[bold red]")  # not a formula: unchanged
    raw = {r["source_text"]: r for r in csv_rows(hostile("export", "claims", "--format", "csv", "--raw-csv").stdout)}
    assert raw["Officials"]["content_text"] == '=HYPERLINK("http://x","y") was the address'
    assert raw["Washington"]["content_text"] == HOSTILE_LINES[4][len("Washington said ") : -1]  # exact
    for row in rows.values():
        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in row.values())


def test_export_claims_jsonl_is_exact_and_escaped(hostile):
    result = hostile("export", "claims")
    output = assert_safe(result)
    records = [json.loads(line) for line in output.splitlines()]
    assert {r["document"]["external_id"] for r in records} == {HOSTILE_ID}
    assert {r["document"]["title"] for r in records} == {HOSTILE_TITLE}
    washington = next(r for r in records if r["source"] and r["source"]["text"] == "Washington")
    assert washington["content"]["text"] == HOSTILE_LINES[4][len("Washington said ") : -1]
    assert "\\u001b]8;;" in output


@pytest.mark.parametrize("fmt", ["json", "md", "html", "csv", "claimreview"])
def test_export_disputes_every_format(hostile, fmt, tmp_path):
    result = hostile("export", "disputes", "--format", fmt)
    output = result.stdout
    assert result.exit_code == 0, result.output
    if fmt in ("json", "claimreview", "md", "html"):
        assert raw_controls(output) == []
    if fmt == "json":
        (dispute,) = json.loads(output)
        assert dispute["topic"]["label"] == HOSTILE_TOPIC and dispute["reason"] == HOSTILE_REASON
    elif fmt == "claimreview":
        reviews = json.loads(output)
        assert reviews and all("url" not in r and "url" not in r["itemReviewed"]["appearance"] for r in reviews)
        assert HOSTILE_TITLE in {r["itemReviewed"]["appearance"]["headline"] for r in reviews}
    elif fmt == "html":
        assert "<script>" not in output and "&lt;script&gt;alert(1)&lt;/script&gt;" in output
        assert "javascript:" not in output
        assert "[link=file:///etc/passwd]pub[/link]" in output  # the publisher, literally
        assert "␛]8;;http://evil.example␛\\click" in output
    elif fmt == "md":
        assert "<script>" not in output and "\\<script\\>" in output
        assert "\\[link=file:///etc/passwd\\]pub\\[/link\\]" in output
        assert "javascript:" not in output
        assert "⟨RLO⟩right⟨PDF⟩" in output
    else:
        rows = csv_rows(output)
        assert {r["topic"] for r in rows} == {"'" + HOSTILE_TOPIC}
        assert any(r["content"].startswith("'-2 ships") for r in rows)
        raw = csv_rows(hostile("export", "disputes", "--format", "csv", "--raw-csv").stdout)
        assert {r["topic"] for r in raw} == {HOSTILE_TOPIC}


def test_export_corrections_csv_neutralises_formulas_unless_raw(hostile):
    assert_safe(hostile("speakers", "rename", "Moscow", "=cmd|' /C calc'!A0"))
    rows = csv_rows(hostile("export", "corrections", "--format", "csv").stdout)
    assert "'=cmd|' /C calc'!A0" in {r["new_value"] for r in rows}
    raw = csv_rows(hostile("export", "corrections", "--format", "csv", "--raw-csv").stdout)
    assert "=cmd|' /C calc'!A0" in {r["new_value"] for r in raw}
    records = [json.loads(line) for line in hostile("export", "corrections").stdout.splitlines()]
    assert "=cmd|' /C calc'!A0" in {r["new_value"] for r in records}


def test_export_to_a_terminal_shows_controls_as_placeholders(hostile, monkeypatch):
    import claims.cli.common

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(claims.cli.common.typer, "get_text_stream", lambda name: screen)
    assert hostile("export", "claims", "--format", "csv").exit_code == 0
    assert raw_controls(screen.getvalue()) == [] and "␛]52;c;" in screen.getvalue()


def test_evaluate_on_the_hostile_article(hostile, tmp_path):
    content = HOSTILE_LINES[2][len("Officials said ") : -1]
    start = HOSTILE_TEXT.index(content)
    gold = {
        "article": HOSTILE_ID,
        "text": HOSTILE_TEXT,
        "attributions": [{"content": [{"start": start, "end": start + len(content), "text": content}]}],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    assert "who said what" in assert_safe(hostile("evaluate", str(path)))
    articles = tmp_path / "articles.jsonl"
    articles.write_text(hostile_article_line(), encoding="utf-8")
    assert "who said what" in assert_safe(hostile("evaluate", str(path), "--articles", str(articles)))


def test_hostile_file_name_and_bad_input_messages(hostile, tmp_path):
    bad = tmp_path / f"bad[bold]{RLO}.jsonl"
    bad.write_text('{"id": "x[/]\\u001b[2J"}\n', encoding="utf-8")  # no text: skipped with a message
    output = assert_safe(hostile("ingest", str(bad)), code=1)
    assert "bad[bold]⟨RLO⟩.jsonl" in output


# ----------------------------------------------------------------------------------------- the review app

REVIEWER = f"rev[/]{ESC}[2J"
SIZE = (160, 48)


def build_hostile_database(folder) -> str:
    """A database file: the hostile article (fake analyzer), a hostile dispute whose Russian side is named
    by a hostile actor, a speaker renamed to a hostile name and a hostile actor alias."""
    from claims.services.ingest import ingest
    from db import review
    from tests.conftest import FakeAnalyzer

    path = folder / "hostile.jsonl"
    path.write_text(hostile_article_line(), encoding="utf-8")
    url = f"sqlite:///{folder / 'hostile.db'}"
    engine = make_engine(url)
    try:
        ingest([path], engine=engine, analyzer=FakeAnalyzer())
        with Session(engine) as session:
            ids = {c.source_text: c for c in session.exec(select(Claim)).all()}
            olsen = ids["Mara Olsen"].speaker_id
            assert olsen is not None
            review.rename_speaker(olsen, HOSTILE_SPEAKER, session=session, reviewer="setup")
            review.add_alias("The mayor", HOSTILE_ACTOR, session=session, reviewer="setup")
            session.commit()
    finally:
        engine.dispose()
    add_hostile_dispute(url, side=HOSTILE_ACTOR)
    return url


@pytest.fixture
def hostile_engine(tmp_path):
    engine = make_engine(build_hostile_database(tmp_path))
    yield engine
    engine.dispose()


def seen(app) -> str:
    """What the app shows (its screenshot as plain text, rows joined), checked for raw control characters."""
    import html
    import re

    svg = app.export_screenshot()
    assert raw_controls(svg) == []
    rows = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    return html.unescape("".join(rows)).replace("\xa0", " ")


def column(table, index: int) -> list:
    return [table.get_row_at(i)[index] for i in range(table.row_count)]


async def test_tui_claims_screen_shows_hostile_text_literally(hostile_engine):
    from tests.tui_support import settle
    from tui.app import ClaimsApp

    app = ClaimsApp(engine=hostile_engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = seen(app)
        assert "[bold red]the bridge" in shown  # a table cell
        assert "rev[/]␛[2J" in shown  # the status line
        assert "[bold]Evil" in shown  # the renamed speaker (a narrow column)
        contexts = []
        for _ in range(6):  # every claim in its paragraph
            contexts.append(seen(app))
            await pilot.press("down")
            await settle(pilot)
        everything = "".join(contexts)
        for literal in (
            "is ␛[2J closed [link=file:///etc/passwd]here[/link] [/] now",
            '=HYPERLINK("http://x","y") was the address',
            "+1 555 ␛]52;c;aGVsbG8=␇ copied",
            "-2 ships ␛]8;;http://evil.example␛\\click␛]8;;␛\\ sank ␇ today",
            "<script>alert(1)</script> is ⟨RLO⟩right⟨PDF⟩ and zero⟨ZWSP⟩width⟨ZWJ⟩⟨LRI⟩iso⟨PDI⟩",
            "@Actor [link=file:///etc/passwd]x[/link] ␛[2J",
            "inj[/][bold]␛[31m",
        ):
            assert literal in everything, literal


async def test_tui_claims_modals_show_hostile_text_literally(hostile_engine):
    from tests.tui_support import settle
    from tui.app import ClaimsApp
    from tui.modals import FilterScreen, PickerScreen, SpanEditorScreen

    app = ClaimsApp(engine=hostile_engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("s")  # the speaker picker lists the hostile speaker
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        assert "[bold]Evil[/] ␛]52;c;eA==␇ =cmd|' /C calc'!A0 ⟨RLO⟩x" in seen(app)
        await pilot.press("[", "/", "]")  # typed markup: searched for and offered as a new name
        await settle(pilot)
        assert "+ new: [/]" in seen(app)
        await pilot.press("escape")
        await pilot.press("t")  # the topic picker lists the hostile topic
        await settle(pilot)
        assert "=topic [/] [bold]␛[2J⟨RLO⟩" in seen(app)
        await pilot.press("escape")
        await pilot.press("e")  # the span editor previews the content
        await settle(pilot)
        assert isinstance(app.screen, SpanEditorScreen)
        preview = app.screen.query_one("#preview-content").content
        assert str(preview) == visible(HOSTILE_LINES[1][len("The mayor said ") : -1])
        await pilot.press("escape")
        await pilot.press("f")  # a filter with markup in it: applied, shown in the status line
        await settle(pilot)
        assert isinstance(app.screen, FilterScreen)
        await pilot.press("[", "/", "]", "enter")
        await settle(pilot)
        assert "document=[/]" in seen(app)
        app.screen.notify(f"[/] {HOSTILE_SPEAKER}", title="[bold]t[/]", severity="warning")
        await pilot.pause(0.2)
        toast = seen(app)
        assert "[/] [bold]Evil[/]" in toast and "[bold]t[/]" in toast


async def test_tui_disputes_screen_shows_hostile_text_literally(hostile_engine):
    from tests.tui_support import settle
    from tui.app import ClaimsApp

    app = ClaimsApp(engine=hostile_engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        shown = seen(app)
        assert "=topic [/] [bold]␛[2J⟨RLO⟩" in shown  # table and reason line
        assert "-reason [red]x[/red] ␇" in shown
        assert "@Actor [link=file:///etc/passwd]x[/link]" in shown  # a side's border title
        assert "-2 ships ␛]8;;http://evil.example" in shown  # a claim of a side
        await pilot.press("c")  # confirm: the message line names the dispute
        await settle(pilot)
        assert "confirmed" in seen(app)


async def test_tui_speakers_screen_and_its_modals(hostile_engine):
    from db.models import Speaker
    from tests.tui_support import settle
    from tui.app import ClaimsApp
    from tui.modals import PickerScreen, PromptScreen

    app = ClaimsApp(engine=hostile_engine, reviewer=REVIEWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        shown = seen(app)
        assert "[bold]Evil[/] ␛]52;c;" in shown and "@Actor [link=f" in shown  # (narrow columns)
        screen = app.screen
        cells = {c.plain for sel in ("#speakers-table", "#actors-table") for c in column(screen.query_one(sel), 0)}
        assert visible(HOSTILE_SPEAKER) in cells and visible(HOSTILE_ACTOR) in cells
        table = screen.query_one("#speakers-table")
        hostile_row = next(i for i in range(table.row_count) if "Evil" in table.get_row_at(i)[0].plain)
        table.move_cursor(row=hostile_row)
        await settle(pilot)
        await pilot.press("r")  # rename: the prompt shows the name; enter unchanged keeps it exactly
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        assert "Rename" in seen(app) and "[bold]Evil[/]" in seen(app)
        await pilot.press("enter")
        await settle(pilot)
        with Session(hostile_engine) as session:
            assert HOSTILE_SPEAKER in {s.name for s in session.exec(select(Speaker)).all()}
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen) and "Merge" in seen(app)
        await pilot.press("escape")
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen) and "[bold]Evil[/]" in seen(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen


def test_tui_hostile_claims_screen_snapshot(snap_compare, tmp_path):
    """The claims screen on the hostile article, the cursor on the mayor's claim: markup shown as text,
    escapes as placeholders (regenerate with --snapshot-update after an intended change)."""
    from tests.tui_support import settle
    from tui.app import ClaimsApp

    engine = make_engine(build_hostile_database(tmp_path))

    async def run_before(pilot) -> None:
        await settle(pilot)

    try:
        assert snap_compare(ClaimsApp(engine=engine, reviewer="tester"), terminal_size=(120, 30), run_before=run_before)
    finally:
        engine.dispose()


# ------------------------------------------------------------------------------------ speaker names


def name_is_words(name: str) -> bool:
    from claims.nlp.mentions import _NAME_PUNCTUATION

    return any(c.isalnum() for c in name) and all(
        c.isalnum() or c == " " or unicodedata.category(c)[0] == "M" or c in _NAME_PUNCTUATION for c in name
    )


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ('=HYPERLINK("http://x', "HYPERLINK"),
        ('=HYPERLINK("http://x","y") officials', "HYPERLINK officials"),
        ("[bold red]Mara Olsen[/]", "Mara Olsen"),
        (f"Mara {RLO}Olsen{ZWSP}", "Mara Olsen"),
        ('"[/]"', ""),
        ("=", ""),
        ("@", ""),
        # names as people write them are unchanged
        ("O'Brien", "O'Brien"),
        ("AT&T", "AT&T"),
        ("U.S. officials", "U.S. officials"),
        ("Jean-Luc Picard", "Jean-Luc Picard"),
        ("51% of voters", "51% of voters"),
        ("José María Aznar", "José María Aznar"),
    ],
)
def test_speaker_names_are_never_punctuation_soup(mention, name):
    from claims.nlp.mentions import parse_mention
    from claims.nlp.speakers import SpeakerRegistry

    assert parse_mention(mention).name == name
    ref = SpeakerRegistry().add(mention, position=0)
    assert ref.name == name or name_is_words(ref.name)


def test_real_pipeline_builds_no_speaker_from_a_formula(real_analyzer):
    text = (
        'The mayor [/] said "[bold red]the bridge[/bold red] is \x1b[2J closed [link=file:///etc/passwd]here[/link]." '
        '=HYPERLINK("http://x","y") officials said the port would reopen.\n\n'
        '"The port is closed," said =HYPERLINK("http://x.\n\n'
        '"The port is closed," [/] said.'
    )
    analysis = real_analyzer.analyze(text)
    names = [c.speaker.name for c in analysis.claims if c.speaker and c.speaker.name]
    assert names and all(name_is_words(n) for n in names), names
    assert not any("(" in n or '"http' in n for n in names)
