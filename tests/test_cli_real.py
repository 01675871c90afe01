"""The CLI with the real spaCy pipeline (loaded once per session), and the evaluation compared with the
reference scorer ``../shared/tools/score_attribution.py`` run as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REFERENCE_SCORER, REPO, SHARED

SEED = REPO / "examples" / "seed_article.txt"
DEV_ARTICLES = 3


def test_ingest_show_and_export_the_seed_article(real_cli, tmp_path):
    result = real_cli("ingest", str(SEED))
    assert result.exit_code == 0, result.stderr
    text = SEED.read_text(encoding="utf-8")
    records = [json.loads(line) for line in real_cli("export", "claims").stdout.splitlines()]
    assert records, "the pipeline found no claim in the seed article"
    assert {r["document"]["external_id"] for r in records} == {"seed_article"}
    for record in records:
        for role in ("content", "cue", "source"):
            if record[role]:
                assert text[record[role]["start"] : record[role]["end"]] == record[role]["text"]
    attributed = [r for r in records if r["speaker"]]
    assert attributed
    shown = real_cli("show", str(attributed[0]["id"]))
    assert shown.exit_code == 0 and attributed[0]["speaker"]["name"] in shown.stdout
    assert real_cli("list").exit_code == 0 and real_cli("stats").exit_code == 0


def _reference_json(gold, predictions) -> dict:
    run = subprocess.run(
        [sys.executable, str(REFERENCE_SCORER), str(gold), str(predictions)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result, _ = json.JSONDecoder().raw_decode(run.stdout)
    return result


def test_evaluate_equals_the_reference_script(real_cli, tmp_path):
    if not REFERENCE_SCORER.is_file():
        pytest.skip(f"reference scorer not found at {REFERENCE_SCORER} (../shared is absent)")
    # The seed article's gold and a few PolNeAR dev articles, read from ../shared at run time.
    seed_gold = json.loads((SHARED / "eval" / "seed_gold.json").read_text(encoding="utf-8"))
    golds = [seed_gold]
    with open(SHARED / "data" / "polnear" / "dev_gold.jsonl", encoding="utf-8") as stream:
        for line in stream:
            golds.append(json.loads(line))
            if len(golds) > DEV_ARTICLES:
                break
    wanted = {g["article"] for g in golds}
    articles = [{"id": seed_gold["id"], "text": seed_gold["text"], "title": "seed"}]
    with open(SHARED / "data" / "polnear" / "dev_articles.jsonl", encoding="utf-8") as stream:
        articles += [a for a in map(json.loads, stream) if a["id"] in wanted]
    assert len(articles) == len(golds)
    gold_path, articles_path, pred_path = (
        tmp_path / "gold.jsonl",
        tmp_path / "articles.jsonl",
        tmp_path / "pred.jsonl",
    )
    gold_path.write_text("".join(json.dumps(g) + "\n" for g in golds), encoding="utf-8")
    articles_path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")

    assert real_cli("ingest", str(articles_path)).exit_code == 0
    assert real_cli("export", "claims", "--format", "jsonl", "-o", str(pred_path)).exit_code == 0
    reference = _reference_json(gold_path, pred_path)

    stored = real_cli("evaluate", str(gold_path), "--json")
    assert stored.exit_code == 0, stored.stderr
    assert json.loads(stored.stdout) == {"documents_stored": len(golds)} | reference

    fresh = real_cli("evaluate", str(gold_path), "--articles", str(articles_path), "--json")
    assert fresh.exit_code == 0, fresh.stderr
    assert json.loads(fresh.stdout) == {"documents_stored": len(golds)} | reference
    assert reference["documents"] == len(golds) and reference["attribution"]["pred"] > 0
