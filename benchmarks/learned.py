"""Quality and speed of the attributors (rules, model, hybrid) on PolNeAR dev, in one run.

    python benchmarks/learned.py [--split dev] [--model-path DIR] [--speed-rounds N] [--no-speed] [--json]

Quality: the split is parsed once (segmenter and parser); every attributor then runs the claims components
on the same parses, and its claims are scored with ``claims.io.evaluate.score`` and, as a check, with the
reference scorer ``../shared/tools/score_attribution.py`` (predictions written to a temporary file).
Speed: words per second of bare spaCy ``nlp.pipe`` and of the whole claims pipeline with each attributor,
over the same texts, rounds interleaved, median of the rounds (one process).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.io.evaluate import score  # noqa: E402
from claims.nlp.components import ATTRIBUTORS, AttributionComponent, ClaimsComponent, doc_to_analysis  # noqa: E402
from claims.nlp.pipeline import PIPELINE_VERSION  # noqa: E402

SHARED = REPO.parent / "shared"
NAMES = ("rules", "model", "hybrid")


def _records(external_id: str, text: str, analysis) -> list[dict]:  # type: ignore[no-untyped-def]
    def span(s):  # type: ignore[no-untyped-def]
        return {"start": s.start, "end": s.end} if s else None

    return [
        {
            "document": {"external_id": external_id},
            "content": span(c.content),
            "cue": span(c.cue),
            "source": span(c.source),
            "kind": c.kind,
        }
        for c in analysis.claims
    ]


def quality(split: str, model_path: str | None) -> dict:
    import spacy

    from claims.nlp.pipeline import choose_model
    from claims.nlp.segment import add_segmenter

    base = SHARED / "data" / "polnear"
    articles = [json.loads(line) for line in open(base / f"{split}_articles.jsonl", encoding="utf-8")]
    gold_path = base / f"{split}_gold.jsonl"
    gold = [json.loads(line) for line in open(gold_path, encoding="utf-8")]
    nlp = spacy.load(choose_model())
    add_segmenter(nlp)
    docs = list(nlp.pipe((a["text"] for a in articles), batch_size=16))
    out = {}
    for name in NAMES:
        kwargs = {"model_path": model_path} if model_path and name != "rules" else {}
        attribution, claims = AttributionComponent(ATTRIBUTORS[name](**kwargs)), ClaimsComponent()
        records = []
        for article, doc in zip(articles, docs, strict=True):
            analysis = doc_to_analysis(claims(attribution(doc)), PIPELINE_VERSION)
            records.extend(_records(article["id"], article["text"], analysis))
        result = score(gold, records)
        reference = SHARED / "tools" / "score_attribution.py"
        if reference.exists():
            with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
                tmp.writelines(json.dumps(r) + "\n" for r in records)
            run = subprocess.run(
                [sys.executable, str(reference), str(gold_path), tmp.name], capture_output=True, text=True, check=False
            )
            Path(tmp.name).unlink()
            result["reference_scorer"] = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr
        out[name] = result
    return out


def speed(split: str, model_path: str | None, rounds: int) -> dict:
    import spacy

    from claims.nlp.components import add_claims_components
    from claims.nlp.pipeline import choose_model

    base = SHARED / "data" / "polnear"
    texts = [json.loads(line)["text"] for line in open(base / f"{split}_articles.jsonl", encoding="utf-8")]
    words = sum(len(t.split()) for t in texts)
    name = choose_model()
    pipelines = {"bare spaCy": spacy.load(name)}
    for attributor in NAMES:
        nlp = spacy.load(name)
        add_claims_components(nlp, attributor=attributor, model_path=model_path if attributor != "rules" else None)
        pipelines[attributor] = nlp
    timings: dict[str, list[float]] = {k: [] for k in pipelines}
    for _ in range(rounds):
        for key, nlp in pipelines.items():
            started = time.perf_counter()
            for doc in nlp.pipe(texts, batch_size=16):
                if key != "bare spaCy":
                    doc_to_analysis(doc, PIPELINE_VERSION)
            timings[key].append(time.perf_counter() - started)
    bare = statistics.median(timings["bare spaCy"])
    return {
        key: {
            "words_per_second": round(words / statistics.median(t)),
            "ratio_to_bare": round(bare / statistics.median(t), 3),
        }
        for key, t in timings.items()
    } | {"words": words, "rounds": rounds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--model-path", default=None)
    parser.add_argument("--speed-rounds", type=int, default=3)
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"no shared data at {SHARED}: nothing to measure")
    out: dict = {"quality": quality(args.split, args.model_path)}
    if not args.no_speed:
        out["speed"] = speed(args.split, args.model_path, args.speed_rounds)
    if args.json:
        print(json.dumps(out, indent=1))
        return
    for name, r in out["quality"].items():
        a = r["attribution"]
        cue_recall = r["cue_overlap"]["r"]
        print(f"{name:7s} who-said-what P={a['p']:.3f} R={a['r']:.3f} F1={a['f1']:.3f}  cue overlap R={cue_recall:.3f}")
        for role in ("source", "cue", "content"):
            ex, ov = r[f"{role}_exact"], r[f"{role}_overlap"]
            overlap = f"overlap F1={ov['f1']:.3f} (P={ov['p']:.3f} R={ov['r']:.3f})"
            print(f"        {role:8s} exact F1={ex['f1']:.3f} | {overlap}")
        if "reference_scorer" in r:
            print(f"        reference scorer: {r['reference_scorer']}")
    if "speed" in out:
        for key, v in out["speed"].items():
            if isinstance(v, dict):
                print(f"speed {key:10s} {v['words_per_second']:6d} words/s  x{v['ratio_to_bare']:.2f} of bare spaCy")


if __name__ == "__main__":
    main()
