"""The PolNeAR dispute benchmark's matching (benchmarks/disputes.py): a found dispute matches a gold one when
each gold side is matched, by content overlap, to a different found side; gold and found disputes pair one to
one. Hand-made spans, no PolNeAR text. The annotation file's shape is checked too (ids only, no text)."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BENCH = runpy.run_path(str(REPO / "benchmarks" / "disputes.py"))
sides_match = BENCH["sides_match"]
match_disputes = BENCH["match_disputes"]
ANNOTATION = REPO / "benchmarks" / "polnear_disputes" / "dev_disputes.json"
POLNEAR_GOLD = REPO.parent / "shared" / "data" / "polnear" / "dev_gold.jsonl"

# A gold dispute: side A said 0-10 and 20-30, side B said 50-60.
GOLD = [[(0, 10), (20, 30)], [(50, 60)]]


def test_each_gold_side_needs_an_overlapping_found_side():
    assert sides_match(GOLD, [[(25, 28)], [(59, 70)]])
    assert not sides_match(GOLD, [[(25, 28)], [(60, 70)]])  # touching at the end is no overlap
    assert not sides_match(GOLD, [[(25, 28)], [(100, 120)]])


def test_both_gold_sides_cannot_be_matched_to_one_found_side():
    # One found side covers both gold sides, the other covers neither: no match.
    assert not sides_match(GOLD, [[(0, 60)], [(200, 210)]])
    # ...but with a second found side covering one of them, the assignment exists.
    assert sides_match(GOLD, [[(0, 60)], [(5, 8)]])
    assert sides_match(GOLD, [[(52, 53)], [(0, 60)]])


def test_gold_and_found_disputes_pair_one_to_one():
    other = [[(100, 110)], [(120, 130)]]
    found_both = [[(0, 30), (100, 110)], [(50, 60), (120, 130)]]  # could serve either gold dispute
    found_first = [[(1, 2)], [(55, 56)]]  # only the first
    # Maximum matching: the first gold takes found_first, the second the other one, whichever order.
    assert match_disputes([GOLD, other], [found_both, found_first]) == {0: 1, 1: 0}
    assert match_disputes([GOLD, other], [found_first, found_both]) == {0: 0, 1: 1}
    # One found dispute cannot count for two gold ones.
    assert len(match_disputes([GOLD, GOLD], [found_first])) == 1
    assert match_disputes([GOLD], [[[(300, 301)], [(400, 401)]]]) == {}
    assert match_disputes([], [found_first]) == {}


def test_annotation_file_holds_ids_and_names_only():
    if not ANNOTATION.exists():
        pytest.skip("no annotation file")
    data = json.loads(ANNOTATION.read_text(encoding="utf-8"))
    seen = set()
    for d in data["disputes"]:
        assert set(d) <= {"article", "topic", "kind", "sides"}
        assert len(d["sides"]) == 2 and d["sides"][0]["name"] != d["sides"][1]["name"]
        for side in d["sides"]:
            assert set(side) == {"name", "attributions"} and side["attributions"]
            assert all(len(a) <= 5 and a.startswith("E") for a in side["attributions"])
        assert not set(d["sides"][0]["attributions"]) & set(d["sides"][1]["attributions"])
        assert len(d["topic"]) <= 60
        seen.add(d["article"])
    assert not seen & set(data["no_dispute"])
    if not POLNEAR_GOLD.exists():
        return
    gold = {g["article"]: {a["id"] for a in g["attributions"]} for g in map(json.loads, POLNEAR_GOLD.open())}
    for d in data["disputes"]:
        for side in d["sides"]:
            assert set(side["attributions"]) <= gold[d["article"]], (d["article"], side)
    assert set(data["no_dispute"]) <= set(gold)
