"""The hand-written benchmark articles' gold files (benchmarks/articles, articles_check, articles_sides,
articles_sides2) are
consistent: every span's offsets are in range and its text is the article's text there, the gold text is
the article file, ids are unique, every claim has a speaker, actor and topic (in the ``actors`` tree when
the file has one), and disputes name existing claims whose actor is the side's name."""

from __future__ import annotations

import copy
import json
import runpy
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DIRS = [REPO / "benchmarks" / name for name in ("articles", "articles_check", "articles_sides", "articles_sides2")]
GOLD_FILES = sorted(p for d in DIRS for p in d.glob("*.gold.json"))


BUILDER = runpy.run_path(str(REPO / "benchmarks" / "gold_builder.py"))


def problems(gold: dict, article: str | None) -> list[str]:
    """The builder's own validation, plus: the gold text is the article file."""
    out: list[str] = [] if article is None or article == gold["text"] else ["gold text is not the article file"]
    return out + BUILDER["validate"](gold)


def test_there_are_gold_files_in_both_directories() -> None:
    for d in DIRS:
        assert list(d.glob("*.gold.json")), d


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_file_is_consistent(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    article = path.with_name(path.name.replace(".gold.json", ".txt"))
    assert article.exists(), f"no article {article.name}"
    assert problems(gold, article.read_text(encoding="utf-8")) == []


def test_check_set_gold_is_built_from_its_specs() -> None:
    """Every gold file of the check set is what benchmarks/gold_builder.py makes of its spec (no hand edits
    that the spec would lose), and every spec has its article."""
    check = DIRS[1]
    specs = sorted((check / "specs").glob("*.py"))
    assert {p.stem for p in specs} == {p.name.removesuffix(".gold.json") for p in check.glob("*.gold.json")}
    for spec in specs:
        text = (check / f"{spec.stem}.txt").read_text(encoding="utf-8")
        built = BUILDER["build"](text, runpy.run_path(str(spec)), spec.stem)
        assert built == json.loads((check / f"{spec.stem}.gold.json").read_text(encoding="utf-8")), spec.stem


@pytest.mark.parametrize("sides", DIRS[2:], ids=lambda d: d.name)
def test_sides_set_gold_is_built_from_its_specs(sides: Path) -> None:
    """Every gold file of benchmarks/articles_sides and articles_sides2 (issue 11's articles) is what its spec
    builds."""
    specs = sorted((sides / "specs").glob("*.py"))
    assert {p.stem for p in specs} == {p.name.removesuffix(".gold.json") for p in sides.glob("*.gold.json")}
    for spec in specs:
        text = (sides / f"{spec.stem}.txt").read_text(encoding="utf-8")
        built = BUILDER["build"](text, runpy.run_path(str(spec)), spec.stem)
        assert built == json.loads((sides / f"{spec.stem}.gold.json").read_text(encoding="utf-8")), spec.stem


def test_tuned_set_gold_with_a_spec_is_built_from_it() -> None:
    """The tuned set's articles written with a spec (benchmarks/articles/specs) have the gold it builds."""
    tuned = DIRS[0]
    specs = sorted((tuned / "specs").glob("*.py"))
    assert specs
    for spec in specs:
        text = (tuned / f"{spec.stem}.txt").read_text(encoding="utf-8")
        built = BUILDER["build"](text, runpy.run_path(str(spec)), spec.stem)
        assert built == json.loads((tuned / f"{spec.stem}.gold.json").read_text(encoding="utf-8")), spec.stem


def _sample() -> dict:
    text = 'Tenants said the lift was broken. "It has been weeks," she added.'
    return {
        "text": text,
        "attributions": [
            {
                "id": "C1",
                "source": [{"start": 0, "end": 7, "text": "Tenants"}],
                "cue": [{"start": 8, "end": 12, "text": "said"}],
                "content": [{"start": 13, "end": 32, "text": "the lift was broken"}],
                "speaker": "Tenants",
                "actor": "Tenants",
                "topic": "lift",
            },
            {
                "id": "C2",
                "source": [{"start": 55, "end": 58, "text": "she"}],
                "cue": [{"start": 59, "end": 64, "text": "added"}],
                "content": [{"start": 35, "end": 51, "text": "It has been weeks"}],
                "speaker": "Ann Lee",
                "actor": "Landlord",
                "topic": "lift",
            },
        ],
        "disputes": [{"topic": "lift", "sides": {"Tenants": ["C1"], "Landlord": ["C2", "C9"]}, "why": ""}],
        "actors": {"Tenants": {"kind": "group", "parent": None}, "Landlord": {"kind": "company", "parent": "Holdco"}},
    }


def test_the_checks_catch_broken_gold() -> None:
    gold = _sample()
    found = problems(gold, gold["text"])
    assert "dispute 'lift': no attribution C9" in found
    assert any(p.startswith("C2 content:") for p in found)  # offsets end one short of "weeks"
    assert "actors: parent of 'Landlord' not in the tree" in found
    fixed = copy.deepcopy(gold)
    fixed["attributions"][1]["content"][0]["end"] = 52
    fixed["disputes"][0]["sides"]["Landlord"] = ["C2"]
    fixed["actors"]["Holdco"] = {"kind": "company", "parent": None}
    assert problems(fixed, fixed["text"]) == []
    fixed["attributions"][1]["actor"] = "Tenants"
    assert problems(fixed, fixed["text"]) == [
        "dispute 'lift': C2 is not 'Landlord''s",
    ]
    assert problems(fixed, fixed["text"] + " ") != []
    fixed["attributions"][0]["actor_kind"] = "company"  # the tree says Tenants are a group
    assert "C1: actor_kind differs from the actors tree" in problems(fixed, fixed["text"])
