"""The evaluation metric: hand-checked numbers, and identity with ../shared/tools/score_attribution.py."""

from __future__ import annotations

import importlib.util
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.io.evaluate import EvaluationError, dice, greedy_matches, load_gold, positions, prf, score
from tests.conftest import REFERENCE_SCORER, SHARED

TEXT1 = "Anna said the dam is safe. Bo said it leaks."
TEXT2 = "Officials said: “Rain is coming.”"


def span(text: str, part: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return {"start": start, "end": start + len(part), "text": part}


def attribution(text: str, source: str | None, cue: str | None, content: str, cue_nth: int = 0) -> dict:
    return {
        "source": [span(text, source)] if source else [],
        "cue": [span(text, cue, cue_nth)] if cue else [],
        "content": [span(text, content)],
    }


GOLD = [
    {
        "article": "d1",
        "text": TEXT1,
        "attributions": [
            attribution(TEXT1, "Anna", "said", "the dam is safe"),
            attribution(TEXT1, "Bo", "said", "it leaks", cue_nth=1),
        ],
    },
    {"article": "d1", "text": TEXT1, "attributions": []},  # a second annotator: ignored
    {"id": "d2", "text": TEXT2, "attributions": [attribution(TEXT2, "Officials", "said", "Rain is coming")]},
]


def pred(doc: str, text: str, source=None, cue=None, content=None, **extra) -> dict:
    record = {"document": {"id": 1, "external_id": doc, "title": None}, "kind": "indirect", "status": "auto"}
    record.update(
        source=span(text, source) if source else None,
        cue=span(text, cue) if cue else None,
        content=span(text, content) if content else None,
    )
    record.update(extra)
    return record


PREDICTIONS = [
    pred("d1", TEXT1, "Anna", "said", "the dam is safe"),
    pred("d1", TEXT1, "Bo", None, "said it leaks."),
    pred("d1", TEXT1, None, None, "Bo said it leaks", kind="unattributed"),
    pred("d1", TEXT1, "Bo", "said", "it leaks", status="rejected"),
    pred("other", TEXT1, "Anna", "said", "the dam is safe"),
]


def test_positions_ignore_punctuation_and_clip():
    text = "“Yes,” he said."
    assert positions(text, {"start": 0, "end": 6}) == frozenset({1, 2, 3})
    assert positions(text, [{"start": 0, "end": 3}, None, {"start": 7, "end": 99}]) == frozenset(
        {1, 2, 7, 8, 10, 11, 12, 13}
    )
    assert positions(text, None) == frozenset()


def test_dice_prf_and_greedy_ties():
    assert dice(frozenset({1, 2}), frozenset({2, 3})) == 0.5
    assert dice(frozenset(), frozenset({1})) == 0.0
    assert prf(1, 2, 4) == {"p": 0.5, "r": 0.25, "f1": 0.3333, "tp": 1, "pred": 2, "gold": 4}
    assert prf(0, 0, 0)["f1"] == 0.0
    # the reference takes pairs by (score, prediction, gold) from the highest: here that yields two matches
    assert greedy_matches([(1, 0, 0), (1, 0, 1), (1, 1, 0)]) == 2


def test_score_by_hand():
    result = score(GOLD, PREDICTIONS)
    assert (result["documents"], result["documents_without_predictions"]) == (2, 1)
    assert result["attribution"] == {"p": 1.0, "r": 0.6667, "f1": 0.8, "tp": 2, "pred": 2, "gold": 3}
    assert result["source_exact"] == {"p": 1.0, "r": 0.6667, "f1": 0.8, "tp": 2, "pred": 2, "gold": 3}
    assert result["cue_exact"] == {"p": 1.0, "r": 0.3333, "f1": 0.5, "tp": 1, "pred": 1, "gold": 3}
    assert result["content_exact"] == {"p": 0.5, "r": 0.3333, "f1": 0.4, "tp": 1, "pred": 2, "gold": 3}
    assert result["content_overlap"] == {"p": 1.0, "r": 0.6667, "f1": 0.8, "tp": 2, "pred": 2, "gold": 3}
    assert list(result) == [
        "documents",
        "documents_without_predictions",
        "attribution",
        "source_exact",
        "source_overlap",
        "cue_exact",
        "cue_overlap",
        "content_exact",
        "content_overlap",
    ]


def test_load_gold_rejects_bad_lines(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD[0]) + "\n\n{oops\n")
    with pytest.raises(EvaluationError, match=r"gold.jsonl:3: invalid JSON"):
        load_gold(path)
    path.write_text(json.dumps({"id": "x", "text": "t"}) + "\n")
    with pytest.raises(EvaluationError, match="attributions"):
        load_gold(path)
    path.write_text("\n".join(json.dumps(g) for g in GOLD))
    assert list(load_gold(path)) == ["d1", "d2"] and load_gold(path)["d1"]["attributions"]


# ------------------------------------------------------------------------------ the reference scorer


@pytest.fixture(scope="module")
def reference():
    if not REFERENCE_SCORER.is_file():
        pytest.skip(f"reference scorer not found at {REFERENCE_SCORER} (../shared is absent)")
    spec = importlib.util.spec_from_file_location("score_attribution", REFERENCE_SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reference_score(reference, tmp_path, gold, predictions) -> dict:
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_path.write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    pred_path.write_text("".join(json.dumps(p) + "\n" for p in predictions), encoding="utf-8")
    return reference.score(str(gold_path), str(pred_path))


def test_hand_example_equals_reference(reference, tmp_path):
    assert score(GOLD, PREDICTIONS) == reference_score(reference, tmp_path, GOLD, PREDICTIONS)


def _random_span(rng: random.Random, n: int) -> dict:
    start = rng.randrange(0, n)
    return {"start": start, "end": min(n + 3, start + rng.randrange(0, 30))}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6))
def test_random_predictions_equal_reference(reference, tmp_path, seed):
    rng = random.Random(seed)
    text = "".join(rng.choice("ab c,“”.\n") for _ in range(rng.randrange(20, 120)))
    n = len(text)

    def roles():
        return {
            r: ([_random_span(rng, n) for _ in range(rng.randrange(0, 3))] if rng.random() < 0.8 else [])
            for r in ("source", "cue", "content")
        }

    gold = [
        {"article": f"g{d}", "text": text, "attributions": [roles() for _ in range(rng.randrange(0, 5))]}
        for d in range(rng.randrange(1, 4))
    ]
    predictions = []
    for _ in range(rng.randrange(0, 12)):
        r = roles()
        predictions.append(
            {
                "document": {"external_id": f"g{rng.randrange(0, 4)}"},
                "source": r["source"][0] if r["source"] else None,
                "cue": r["cue"][0] if r["cue"] else None,
                "content": r["content"][0] if r["content"] else None,
                "kind": rng.choice(["direct", "indirect", "unattributed"]),
                "status": rng.choice(["auto", "accepted", "rejected"]),
            }
        )
    assert score(gold, predictions) == reference_score(reference, tmp_path, gold, predictions)


def test_dev_gold_with_noisy_predictions_equals_reference(reference, tmp_path):
    """Real gold attributions (read from ../shared at run time), predictions made by shifting them."""
    gold = []
    with open(SHARED / "data" / "polnear" / "dev_gold.jsonl", encoding="utf-8") as stream:
        for line in stream:
            gold.append(json.loads(line))
            if len(gold) == 6:
                break
    rng = random.Random(7)
    predictions = []
    for g in gold:
        for a in g["attributions"]:
            if rng.random() < 0.2:
                continue
            record = {"document": {"external_id": g["article"]}, "kind": "indirect", "status": "auto"}
            for role in ("source", "cue", "content"):
                spans = a.get(role) or []
                if spans and rng.random() < 0.9:
                    shift = rng.choice([0, 0, 1, -2, 5])
                    record[role] = {"start": spans[0]["start"] + shift, "end": spans[-1]["end"] + shift}
                else:
                    record[role] = None
            predictions.append(record)
    mine = score(gold, predictions)
    assert mine == reference_score(reference, tmp_path, gold, predictions)
    assert 0 < mine["attribution"]["tp"] < mine["attribution"]["gold"]
