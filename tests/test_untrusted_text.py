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
