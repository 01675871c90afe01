"""Quality figures of the attribution pipeline, with the reference metric.

    python benchmarks/quality.py [--split dev|train] [--limit N] [--json]

- PolNeAR (``../shared/data/polnear``): who-said-what P/R/F1 and source/cue/content scores, computed by
  ``claims.io.evaluate.score`` (the same numbers as ``../shared/tools/score_attribution.py``).
- The example article (``../shared/eval/seed_gold.json``): how many gold claims are found with the right
  actor, and whether anything in its boilerplate was attributed to anyone.

Runs the pipeline in memory (no database), so the figures measure the NLP alone.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.io.evaluate import dice, positions, score  # noqa: E402
from claims.nlp.pipeline import load_analyzer  # noqa: E402
from claims.types import ExtractedClaim  # noqa: E402

SHARED = REPO.parent / "shared"


def claim_record(external_id: str, text: str, claim: ExtractedClaim) -> dict:
    def span(s):  # type: ignore[no-untyped-def]
        return {"start": s.start, "end": s.end, "text": text[s.start : s.end]} if s else None

    return {
        "document": {"external_id": external_id},
        "content": span(claim.content),
        "cue": span(claim.cue),
        "source": span(claim.source),
        "kind": claim.kind,
        "actor": claim.speaker.actor if claim.speaker else None,
        "speaker": claim.speaker.name if claim.speaker else None,
    }


def polnear(split: str, limit: int | None) -> dict:
    base = SHARED / "data" / "polnear"
    articles = [json.loads(line) for line in open(base / f"{split}_articles.jsonl", encoding="utf-8")][:limit]
    ids = {a["id"] for a in articles}
    gold = [
        g
        for g in (json.loads(line) for line in open(base / f"{split}_gold.jsonl", encoding="utf-8"))
        if g["article"] in ids
    ]
    analyzer = load_analyzer()
    started = time.perf_counter()
    records = []
    words = 0
    for article, analysis in zip(articles, analyzer.pipe(a["text"] for a in articles), strict=True):
        words += len(article["text"].split())
        records.extend(claim_record(article["id"], article["text"], c) for c in analysis.claims)
    elapsed = time.perf_counter() - started
    result = score(gold, records)
    result["words_per_second"] = round(words / elapsed)
    return result


def seed() -> dict:
    gold = json.loads((SHARED / "eval" / "seed_gold.json").read_text(encoding="utf-8"))
    text = gold["text"]
    analysis = load_analyzer().analyze(text)
    claims = [c for c in analysis.claims if c.kind != "unattributed"]
    found = []
    for g in gold["attributions"]:
        gc = positions(text, g["content"])
        gs = positions(text, g["source"])
        match = None
        for c in claims:
            pc = positions(text, [{"start": c.content.start, "end": c.content.end}])
            ps = positions(text, [{"start": c.source.start, "end": c.source.end}]) if c.source else frozenset()
            if dice(pc, gc) >= 0.5 and (not gs or (ps & gs)) and (gs or c.source is None):
                match = c
                break
        actor = match.speaker.actor if match and match.speaker else None
        found.append(
            {
                "id": g["id"],
                "found": match is not None,
                "actor": actor,
                "gold_actor": g["actor"],
                # the gold names the country of a government body: any actor of the chain counts
                "right_actor": match is not None
                and g["actor"] in (match.speaker.side.names() if match.speaker and match.speaker.side else (actor,)),
            }
        )
    boiler = [positions(text, [n]) for n in gold.get("not_claims", [])]
    attributed_boilerplate = [
        text[c.content.start : c.content.end]
        for c in claims
        if any(positions(text, [{"start": c.content.start, "end": c.content.end}]) & b for b in boiler)
    ]
    return {
        "claims": len(gold["attributions"]),
        "found": sum(f["found"] for f in found),
        "found_with_right_actor": sum(f["right_actor"] for f in found),
        "missed": [f for f in found if not f["right_actor"]],
        "boilerplate_attributed": attributed_boilerplate,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"no shared data at {SHARED}: nothing to measure")
    out = {"seed": seed(), f"polnear_{args.split}": polnear(args.split, args.limit)}
    if args.json:
        print(json.dumps(out, indent=1))
        return
    s = out["seed"]
    print(
        f"example article: {s['found_with_right_actor']}/{s['claims']} claims found with the right actor "
        f"({s['found']} found); boilerplate attributed: {len(s['boilerplate_attributed'])}"
    )
    for m in s["missed"]:
        print(f"  missed {m['id']}: found={m['found']} actor={m['actor']} (gold {m['gold_actor']})")
    r = out[f"polnear_{args.split}"]
    a = r["attribution"]
    print(
        f"PolNeAR {args.split} ({r['documents']} articles, {r['words_per_second']} words/s): "
        f"who-said-what P={a['p']:.3f} R={a['r']:.3f} F1={a['f1']:.3f}"
    )
    for role in ("source", "cue", "content"):
        ex, ov = r[f"{role}_exact"], r[f"{role}_overlap"]
        print(
            f"  {role:8s} exact P={ex['p']:.3f} R={ex['r']:.3f} F1={ex['f1']:.3f} | "
            f"overlap P={ov['p']:.3f} R={ov['r']:.3f} F1={ov['f1']:.3f}"
        )


if __name__ == "__main__":
    main()
