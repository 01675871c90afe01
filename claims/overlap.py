"""How much two spans of one text share, as the reference scorer counts it: the alphanumeric character
positions each covers (whitespace, punctuation and quotes at the edges do not matter) and their Dice
coefficient. Used by the evaluation (:mod:`claims.io.evaluate`) and the learned attribution layer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

Positions = frozenset[int]


def positions(text: str, spans: Mapping | Iterable[Mapping | None] | None) -> Positions:
    """The alphanumeric character positions of ``text`` covered by a span or a list of spans."""
    if spans is None:
        return frozenset()
    if isinstance(spans, Mapping):
        spans = [spans]
    covered: set[int] = set()
    for span in spans:
        if span is None:
            continue
        covered.update(i for i in range(max(0, span["start"]), min(len(text), span["end"])) if text[i].isalnum())
    return frozenset(covered)


def dice(a: Positions, b: Positions) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))
