"""Dispute-finding figures.

    python benchmarks/disputes.py [--polnear dev|train] [--limit N] [--show]
    python benchmarks/disputes.py --polnear-disputes benchmarks/polnear_disputes/dev_disputes.json [--show]

- The example article (``examples/seed_article.txt``) against ``../shared/eval/seed_gold.json``: which
  gold disputes are found (a found dispute matches a gold one when, for every gold side, one of the found
  side's claims overlaps the content of one of that side's gold claims) and how many found disputes match
  no gold dispute (spurious).
- ``--polnear``: without the dispute annotation (see ``--polnear-disputes``), the script counts the disputes found per
  article there (mostly single-country US election coverage, so nearly all would be spurious), with the
  time taken.
- ``--polnear-disputes FILE``: the hand-checked disputes of PolNeAR dev articles
  (``benchmarks/polnear_disputes/``): the pipeline runs on the annotated articles only (those with disputes
  and those listed as having none); per article and in total, gold disputes found and spurious found disputes.
  A found dispute matches a gold one when each of the two gold sides is matched to a *different* side of the
  found dispute, a found side matching a gold side when one of its claims' contents overlaps (by at least one
  character) the content of one of that gold side's attributions. Side names are not compared (PolNeAR has
  no actor annotation). Gold and found disputes are paired one to one (maximum matching).

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

from claims.analysis.disputes import Dispute, find_disputes, pair_signals  # noqa: E402
from claims.analysis.facts import ClaimFacts, ClaimId, facts_from_analysis  # noqa: E402
from claims.analysis.sides import actors_of  # noqa: E402
from claims.analysis.stance import Stance, claim_stances, load_conflict_cues  # noqa: E402
from claims.analysis.topics import group_topics  # noqa: E402
from claims.nlp.pipeline import load_analyzer  # noqa: E402

SHARED = REPO.parent / "shared"
CUES = load_conflict_cues()
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


Span = tuple[int, int]


def overlaps(a: Span, b: Span) -> bool:
    """Any character in common (end exclusive)."""
    return a[0] < b[1] and b[0] < a[1]


def sides_match(gold_sides: list[list[Span]], found_sides: list[list[Span]]) -> bool:
    """Every gold side (its attributions' content spans) is matched to a different found side (its claims'
    content spans), a found side matching a gold side when any of their spans overlap."""
    fits = [
        [j for j, found in enumerate(found_sides) if any(overlaps(g, f) for g in gold for f in found)]
        for gold in gold_sides
    ]

    def assign(i: int, used: frozenset[int]) -> bool:
        return i == len(fits) or any(assign(i + 1, used | {j}) for j in fits[i] if j not in used)

    return assign(0, frozenset())


def match_disputes(gold: list[list[list[Span]]], found: list[list[list[Span]]]) -> dict[int, int]:
    """Pairs gold disputes with found disputes one to one (gold index -> found index), as many as possible
    (augmenting paths), a pair being allowed when ``sides_match``. Each dispute is given as its sides, a
    side as the content spans of its claims."""
    allowed = [[j for j, f in enumerate(found) if sides_match(g, f)] for g in gold]
    owner: dict[int, int] = {}  # found index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in allowed[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


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


def miss_cause(
    gold_sides: list[list[Span]], facts: list[ClaimFacts], stances: dict[ClaimId, Stance], topics: list
) -> str:
    """Why a gold dispute was not found, the first that applies: a side none of whose attributions is a
    found claim ("claim missing"); a side whose claims have no actor ("no actor"); both sides' claims of one
    actor only ("same actor"); no claim of either side with a conflict signal in its stance ("no stance
    signal"); no pair of their claims in which the kind rules read a conflict; the conflicting pairs
    never in one topic; else a conflict read in one topic and not reported (merged sides, kept apart)."""
    sides = [[f for f in facts if any(overlaps(f.content, g) for g in gold)] for gold in gold_sides]
    if not all(sides):
        return "claim missing"
    with_actor = [[f for f in side if f.actor] for side in sides]
    if not all(with_actor):
        return "no actor"
    actors = [{f.actor for f in side} for side in with_actor]
    if not any(x != y for x in actors[0] for y in actors[1]):
        return "same actor"

    def signalled(f: ClaimFacts) -> bool:
        st = stances.get(f.claim_id)
        return bool(st and (st.targets or st.denials or st.evaluations or st.calls or st.refusals or st.numbers))

    if not any(signalled(f) for side in with_actor for f in side):
        return "no stance signal"
    conflicting = [
        (x, y)
        for x in with_actor[0]
        for y in with_actor[1]
        if x.actor != y.actor
        and x.claim_id in stances
        and y.claim_id in stances
        and pair_signals(x.actor, y.actor, {x.actor: [stances[x.claim_id]], y.actor: [stances[y.claim_id]]}, CUES)
    ]
    if not conflicting:
        return "no conflict read between the sides"
    topic_of = {cid: t.id for t in topics for cid in t.claim_ids}
    if all(topic_of.get(x.claim_id) != topic_of.get(y.claim_id) for x, y in conflicting):
        return "conflict read, claims in different topics"
    return "conflict read in one topic, not reported"


def polnear_disputes(analyzer, path: Path, *, show: bool) -> dict:
    """Gold disputes found and spurious found disputes on hand-checked PolNeAR articles (the annotation's
    ``split``: dev, the untuned measure, when absent; train for the tuning set)."""
    annotation = json.loads(path.read_text(encoding="utf-8"))
    split = annotation.get("split", "dev")
    articles_path = SHARED / "data" / "polnear" / f"{split}_articles.jsonl"
    gold_path = SHARED / "data" / "polnear" / f"{split}_gold.jsonl"
    if not (articles_path.exists() and gold_path.exists()):
        return {"polnear_disputes": f"skipped: PolNeAR is absent ({articles_path.parent})"}
    gold_by_doc: dict[str, list[dict]] = {}
    for d in annotation["disputes"]:
        gold_by_doc.setdefault(d["article"], []).append(d)
    wanted = set(gold_by_doc) | set(annotation["no_dispute"])
    articles = [a for a in map(json.loads, articles_path.open(encoding="utf-8")) if a["id"] in wanted]
    attributions = {
        g["article"]: {a["id"]: a for a in g["attributions"]}
        for g in map(json.loads, gold_path.open(encoding="utf-8"))
        if g["article"] in wanted
    }
    missing = wanted - {a["id"] for a in articles}
    if missing:
        raise SystemExit(f"annotated articles not in {articles_path}: {sorted(missing)}")
    texts = {a["id"]: a["text"] for a in articles}
    per_article = {}
    totals = {"gold": 0, "found": 0, "spurious": 0, "disputes_found": 0}
    with_spurious = 0
    causes: dict[str, int] = {}
    for a, analysis in zip(articles, analyzer.pipe(texts.values()), strict=True):
        doc_id = a["id"]
        facts = facts_from_analysis(doc_id, analysis)
        by_id = {f.claim_id: f for f in facts}
        topics = group_topics(facts, {doc_id: texts[doc_id]}, nlp=analyzer.nlp)
        disputes = find_disputes(
            topics, facts, {doc_id: texts[doc_id]}, nlp=analyzer.nlp, actor_refs=actors_of(analysis.claims)
        )
        gold = gold_by_doc.get(doc_id, [])
        claims = attributions[doc_id]
        gold_sides = [
            [[sp for aid in side["attributions"] for sp in gold_spans(claims[aid])] for side in g["sides"]]
            for g in gold
        ]
        found_sides = [[[by_id[cid].content for cid in ids] for ids in d.sides.values()] for d in disputes]
        pairs = match_disputes(gold_sides, found_sides)
        stances: dict[ClaimId, Stance] | None = None  # read once per article, only when a gold dispute is missed
        for i, g in enumerate(gold):
            if i not in pairs:
                stances = claim_stances(facts) if stances is None else stances
                cause = miss_cause(gold_sides[i], facts, stances, topics)
                causes[cause] = causes.get(cause, 0) + 1
                if show:
                    print(f"  MISSED {g['topic']!r} ({g['kind']}): {cause}")
        spurious = len(disputes) - len(pairs)
        per_article[doc_id] = {
            "gold": len(gold),
            "found": len(pairs),
            "disputes_found": len(disputes),
            "spurious": spurious,
            "found_topics": [gold[i]["topic"] for i in sorted(pairs)],
            "missed_topics": [g["topic"] for i, g in enumerate(gold) if i not in pairs],
        }
        totals["gold"] += len(gold)
        totals["found"] += len(pairs)
        totals["spurious"] += spurious
        totals["disputes_found"] += len(disputes)
        with_spurious += spurious > 0
        if show:
            print(f"== {doc_id}: gold {len(gold)}, found {len(pairs)}, spurious {spurious}")
            matched = set(pairs.values())
            for j, d in enumerate(disputes):
                print(f"  {'MATCH' if j in matched else 'SPURIOUS'} [{d.kind}] {d.reason}")
                for actor, ids in d.sides.items():
                    for cid in ids:
                        print(f"     {actor}: {by_id[cid].content_text[:100]!r}")
    n = len(articles)
    return {
        "matching": "content overlap of at least one character, gold sides to different found sides",
        "per_article": per_article,
        "total": {
            "articles": n,
            "articles_with_gold_disputes": sum(1 for d in per_article.values() if d["gold"]),
            **totals,
            "found_share": round(totals["found"] / totals["gold"], 3) if totals["gold"] else None,
            "articles_with_spurious": with_spurious,
            "articles_with_spurious_share": round(with_spurious / n, 3) if n else None,
        },
        "miss_causes": dict(sorted(causes.items(), key=lambda kv: -kv[1])),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--polnear", choices=["dev", "train"])
    parser.add_argument("--polnear-disputes", type=Path, metavar="FILE")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    if args.polnear_disputes:
        if not SHARED.exists():
            print(f"skipped: {SHARED} is absent (PolNeAR is needed for --polnear-disputes)")
            return
        print(json.dumps(polnear_disputes(load_analyzer(), args.polnear_disputes, show=args.show), indent=1))
        return
    analyzer = load_analyzer()
    result = {"example": score_example(analyzer, show=args.show)}
    if args.polnear:
        result["polnear_" + args.polnear] = polnear(analyzer, args.polnear, args.limit, show=args.show)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
