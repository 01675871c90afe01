"""Dispute-finding figures.

    python benchmarks/disputes.py [--polnear dev|train] [--limit N] [--show]

- The example article (``examples/seed_article.txt``) against ``../shared/eval/seed_gold.json``: which
  gold disputes are found (a found dispute matches a gold one when, for every gold side, one of the found
  side's claims overlaps the content of one of that side's gold claims) and how many found disputes match
  no gold dispute (spurious).
- ``--polnear``: PolNeAR articles have no dispute annotation; the script counts the disputes found per
  article there (mostly single-country US election coverage, so nearly all would be spurious), with the
  time taken.

Runs the pipeline in memory (no database).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.analysis.disputes import Dispute, find_disputes  # noqa: E402
from claims.analysis.facts import ClaimFacts, facts_from_analysis  # noqa: E402
from claims.analysis.sides import actors_of  # noqa: E402
from claims.analysis.topics import group_topics  # noqa: E402
from claims.nlp.pipeline import load_analyzer  # noqa: E402

SHARED = REPO.parent / "shared"
EXAMPLE = REPO / "examples" / "seed_article.txt"


def gold_spans(attribution: dict) -> list[tuple[int, int]]:
    return [(s["start"], s["end"]) for s in attribution.get("content", [])]


def side_chain(actor: str, tree: dict | None) -> list[str]:
    """The gold actor and its parents, most specific first (gold files may carry an ``actors`` tree:
    name -> {"kind", "parent"}), so that a side named at any level of it ("Department of Health", or the
    country it belongs to) matches."""
    chain = [actor]
    while tree and (parent := (tree.get(chain[-1]) or {}).get("parent")) and parent not in chain:
        chain.append(parent)
    return chain


def matches(dispute: Dispute, gold: dict, gold_claims: dict[str, dict], facts: dict, tree: dict | None = None) -> bool:
    for actor, ids in gold["sides"].items():
        found = [f for name in side_chain(actor, tree) for f in dispute.sides.get(name, [])]
        spans = [sp for cid in ids for sp in gold_spans(gold_claims[cid])]
        if not any(facts[f].content[0] < e and s < facts[f].content[1] for f in found for s, e in spans):
            return False
    return True


def score_example(analyzer, *, show: bool) -> dict:
    text = EXAMPLE.read_text(encoding="utf-8")
    started = time.perf_counter()
    analysis = analyzer.analyze(text)
    facts = facts_from_analysis("example", analysis)
    t0 = time.perf_counter()
    topics = group_topics(facts, {"example": text}, nlp=analyzer.nlp)
    disputes = find_disputes(topics, facts, {"example": text}, nlp=analyzer.nlp, actor_refs=actors_of(analysis.claims))
    took = time.perf_counter() - t0
    by_id = {f.claim_id: f for f in facts}
    out: dict = {
        "claims": len(facts),
        "topics": len(topics),
        "disputes": len(disputes),
        "seconds_pipeline": round(t0 - started, 3),
        "seconds_topics_disputes": round(took, 3),
    }
    if show:
        for t in topics:
            print(f"topic {t.id} {t.label!r}: {t.claim_ids}")
        for d in disputes:
            print(f"dispute on {d.topic_id} [{d.kind} {d.confidence}] {d.sides}\n    {d.reason}")
    gold_path = SHARED / "eval" / "seed_gold.json"
    if not gold_path.exists():
        out["gold"] = "absent (../shared/eval/seed_gold.json)"
        return out
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    if gold.get("text") and gold["text"] != text:
        out["gold"] = "gold text differs from the example file"
        return out
    gold_claims = {a["id"]: a for a in gold["attributions"]}
    found, used = [], set()
    for g in gold["disputes"]:
        hit = next(
            (
                i
                for i, d in enumerate(disputes)
                if i not in used and matches(d, g, gold_claims, by_id, gold.get("actors"))
            ),
            None,
        )
        if hit is not None:
            used.add(hit)
            found.append({"topic": g["topic"], "kind": disputes[hit].kind, "reason": disputes[hit].reason})
    out["gold_disputes"] = len(gold["disputes"])
    out["gold_found"] = len(found)
    out["found"] = found
    out["spurious"] = len(disputes) - len(used)
    return out


def polnear(analyzer, split: str, limit: int | None, *, show: bool) -> dict:
    path = SHARED / "data" / "polnear" / f"{split}_articles.jsonl"
    if not path.exists():
        return {"polnear": f"absent ({path})"}
    articles = [json.loads(line) for line in path.open(encoding="utf-8")][: limit or None]
    texts = {a["id"]: a["text"] for a in articles}
    all_facts: list[ClaimFacts] = []
    per_doc = {}
    actors: dict = {}
    for a, analysis in zip(articles, analyzer.pipe(texts.values()), strict=True):
        actors.update(actors_of(analysis.claims))
        facts = facts_from_analysis(a["id"], analysis)
        facts = [ClaimFacts(**{**f.__dict__, "claim_id": f"{a['id']}#{f.claim_id}"}) for f in facts]
        per_doc[a["id"]] = facts
        all_facts.extend(facts)
    started = time.perf_counter()
    with_disputes, total = 0, 0
    for doc_id, facts in per_doc.items():
        topics = group_topics(facts, texts, nlp=analyzer.nlp)
        disputes = find_disputes(topics, facts, texts, nlp=analyzer.nlp, actor_refs=actors)
        total += len(disputes)
        with_disputes += bool(disputes)
        if show:
            by_id = {f.claim_id: f for f in facts}
            for d in disputes:
                print(f"{doc_id} [{d.kind}] {d.reason}")
                for actor, ids in d.sides.items():
                    for cid in ids:
                        print(f"     {actor}: {by_id[cid].content_text[:110]!r}")
    took = time.perf_counter() - started
    actors = {f.actor for f in all_facts if f.actor}
    return {
        "articles": len(articles),
        "claims": len(all_facts),
        "claims_with_actor": sum(1 for f in all_facts if f.actor),
        "actors": len(actors),
        "disputes": total,
        "articles_with_disputes": with_disputes,
        "seconds_topics_disputes": round(took, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--polnear", choices=["dev", "train"])
    parser.add_argument("--limit", type=int)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    analyzer = load_analyzer()
    result = {"example": score_example(analyzer, show=args.show)}
    if args.polnear:
        result["polnear_" + args.polnear] = polnear(analyzer, args.polnear, args.limit, show=args.show)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
