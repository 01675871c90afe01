"""Text from articles (and from users: aliases, renames) is untrusted: one rule for showing and exporting it.

Stored text is never changed (offsets stay valid); these functions are applied where text reaches a person
or a program:

* :func:`visible`: for a terminal or a report. Every character that would act instead of being seen is
  replaced by a visible placeholder: C0 controls and DEL by their control pictures (ESC → ``␛``, BEL →
  ``␇``, CR → ``␍``), and C1 controls, format characters (bidi embeddings, overrides and isolates, zero-width
  spaces and joiners, the BOM, soft hyphens, tag characters), lone surrogates and line/paragraph separators
  by a named marker (``⟨RLO⟩``, ``⟨ZWSP⟩``, ``⟨U+009B⟩``). Newline and tab are kept. So no escape sequence
  reaches the terminal, and no bidi control can reorder what a reviewer reads: the letters of right-to-left
  scripts are shown as they are, the controls as markers.
* :func:`rich_text`: the same as a Rich ``Text`` (never parsed as markup), placeholders in reverse video
  so that they are told apart from the same characters written in the article; with ``marks`` styled by
  offsets into the original text (the placeholders do not shift them).
* :func:`csv_cell`: OWASP's rule against formula injection: a cell beginning with ``=``, ``+``, ``-``,
  ``@``, tab or carriage return gets a leading single quote, so a spreadsheet shows it as text.
* :func:`json_dumps`: exact JSON (the data decode to the stored text) in which every character
  :func:`visible` would replace is written as a ``\\uXXXX`` escape, so the output is safe on a terminal too.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.text import Text

# Unicode categories never shown as themselves: controls, format characters, surrogates, line/paragraph separators.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
KEPT = frozenset("\n\t")
MARKER_STYLE = "reverse"

NAMES = {
    0x0085: "NEL",
    0x009B: "CSI",
    0x009D: "OSC",
    0x00AD: "SHY",
    0x061C: "ALM",
    0x180E: "MVS",
    0x200B: "ZWSP",
    0x200C: "ZWNJ",
    0x200D: "ZWJ",
    0x200E: "LRM",
    0x200F: "RLM",
    0x2028: "LS",
    0x2029: "PS",
    0x202A: "LRE",
    0x202B: "RLE",
    0x202C: "PDF",
    0x202D: "LRO",
    0x202E: "RLO",
    0x2060: "WJ",
    0x2066: "LRI",
    0x2067: "RLI",
    0x2068: "FSI",
    0x2069: "PDI",
    0xFEFF: "BOM",
}

CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@lru_cache(maxsize=4096)
def _placeholder(char: str) -> str | None:
    """The placeholder for a hidden character, None for one shown as itself."""
    if char in KEPT or unicodedata.category(char) not in HIDDEN_CATEGORIES:
        return None
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the control pictures: ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    name = NAMES.get(code)
    return f"⟨{name}⟩" if name else f"⟨U+{code:04X}⟩"


def _clean(text: str) -> bool:
    """True when ``text`` has nothing to replace (the quick path: most text)."""
    return text.isprintable() or all(_placeholder(c) is None for c in text)


def visible(value: Any) -> str:
    """``value`` as a string in which nothing acts on a terminal (see the module doc); None → ""."""
    text = "" if value is None else str(value)
    if _clean(text):
        return text
    return "".join(_placeholder(c) or c for c in text)


def rich_text(value: Any, style: str = "", marks: Iterable[tuple[str, int, int]] = ()) -> Text:
    """``value`` as a Rich ``Text``: shown literally (no markup), hidden characters as reverse-video
    placeholders; ``marks`` are (style, start, end) with offsets into ``value`` as given."""
    from rich.text import Text

    text = "" if value is None else str(value)
    marks = list(marks)
    marks = [(style, 0, len(text))] + marks if style else marks  # spans, not a base style: safe to concatenate
    if _clean(text):
        result = Text(text, end="")
        for mark_style, start, end in marks:
            result.stylize(mark_style, start, end)
        return result
    result = Text(end="")
    where = [0] * (len(text) + 1)  # offset in the original → offset in the result
    run_start = 0
    for i, char in enumerate(text):
        where[i] = len(result) + (i - run_start)
        marker = _placeholder(char)
        if marker is not None:
            result.append(text[run_start:i])
            where[i] = len(result)
            result.append(marker, style=MARKER_STYLE)
            run_start = i + 1
    result.append(text[run_start:])
    where[len(text)] = len(result)
    for mark_style, start, end in marks:
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        result.stylize(mark_style, where[start], where[end])
    return result


def csv_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet cannot take for a formula: text beginning with ``=``, ``+``, ``-``,
    ``@``, tab or carriage return gets a leading ``'`` (OWASP); other values are returned unchanged."""
    if isinstance(value, str) and value.startswith(CSV_TRIGGERS):
        return "'" + value
    return value


def csv_row(row: Mapping[str, Any], *, raw: bool = False) -> dict[str, Any]:
    """A CSV row with every cell neutralised by :func:`csv_cell` (``raw``: unchanged)."""
    return dict(row) if raw else {key: csv_cell(value) for key, value in row.items()}


def json_dumps(value: Any, **options: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, **options)`` with hidden characters written as ``\\uXXXX``
    escapes (they can only occur inside JSON strings, so the data are unchanged)."""
    out = json.dumps(value, ensure_ascii=False, **options)
    if _clean(out):
        return out
    return "".join(c if _placeholder(c) is None else _json_escape(c) for c in out)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # a surrogate pair, as JSON spells characters beyond the BMP
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
