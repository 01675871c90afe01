"""Training the learned attribution layer from gold attributions (PolNeAR-style JSONL).

    from claims.services.training import train
    train("train_gold.jsonl", None, "out_dir", extra_gold=["corrections.jsonl"])

Each gold record is ``{"article"|"id", "text", "attributions": [{"source", "cue", "content"}]}`` (a role is
a span ``{"start", "end"}`` or a list of spans): the format of ``claims evaluate`` and of reviewers'
corrections exported for training. Needs numpy and scipy (the ``[train]`` extra); the result is a JSON
file of feature weights that :mod:`claims.nlp.learned.model` reads with the standard library alone.
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from claims.nlp.learned.candidates import CandidateFinder, cue_token
from claims.nlp.learned.features import DocContext, features, with_lexicon
from claims.nlp.learned.linear import LinearModel
from claims.nlp.learned.model import MIN_RULE_EXAMPLES, droppable_rules, rule_key
from claims.overlap import dice, positions

MODEL_FILE = "attribution.json"
LEXICON_POS = {"VERB", "NOUN", "ADJ", "ADP", "PUNCT"}
LEXICON_PRIOR = 2.0  # pseudo-count of non-cue occurrences: a lemma seen once as a cue is not a sure cue


@dataclass
class Example:
    feats: list[str]
    label: int
    extra: bool  # a candidate the rules do not output
    article: str
    weight: float = 1.0
    group: str = ""  # candidates sharing a cue word compete
    rule: str = ""  # the rule's family (``rule_key``)


def read_gold(paths: Iterable[str | Path]) -> dict[str, dict]:
    """Gold records by article id; a later file's record for an article replaces an earlier one (corrections)."""
    out: dict[str, dict] = {}
    for path in paths:
        with open(path, encoding="utf-8") as stream:
            seen: set[str] = set()
            for line in stream:
                if not line.strip():
                    continue
                record = json.loads(line)
                key = str(record.get("article") or record.get("id"))
                if key in seen:
                    continue  # several annotators of one article in one file: the first one counts
                seen.add(key)
                out[key] = record
    return out


def _span_positions(text: str, span: tuple[int, int] | None) -> frozenset[int]:
    return positions(text, {"start": span[0], "end": span[1]}) if span else frozenset()


def cue_lexicon_counts(doc: Doc, record: Mapping) -> Counter:
    """Per lemma: occurrences (``(lemma, 0)``) and occurrences inside a gold cue (``(lemma, 1)``)."""
    text = doc.text
    cue_chars: set[int] = set()
    for a in record["attributions"]:
        cue_chars |= positions(text, a.get("cue"))
    counts: Counter = Counter()
    for t in doc:
        if t.pos_ not in LEXICON_POS:
            continue
        lemma = t.lemma_.lower()
        counts[(lemma, 0)] += 1
        if any(i in cue_chars for i in range(t.idx, t.idx + len(t.text))):
            counts[(lemma, 1)] += 1
    return counts


def lexicon_from_counts(counts: Counter, min_count: int = 2) -> dict[str, float]:
    lex = {}
    for (lemma, kind), n in counts.items():
        if kind == 0 and n >= min_count and counts[(lemma, 1)]:
            lex[lemma] = round(counts[(lemma, 1)] / (n + LEXICON_PRIOR), 4)
    return lex


def doc_examples(
    doc: Doc, record: Mapping, finder: CandidateFinder, lexicon: Mapping[str, float] | None = None, weight: float = 1.0
) -> list[Example]:
    """Candidates of one article with their labels: does the candidate match a gold attribution (content
    Dice >= 0.5 and a shared source position)? An extra candidate counts only for a gold attribution that
    no rule attribution matches (otherwise adding it is a duplicate)."""
    text = doc.text
    golds = [(positions(text, a.get("source")), positions(text, a.get("content"))) for a in record["attributions"]]
    golds = [g for g in golds if g[0] and g[1]]
    found = finder.find(doc)
    ctx = DocContext(doc, found.rules)
    key = str(record.get("article") or record.get("id"))

    def matches(att: Any) -> set[int]:
        s, c = _span_positions(text, att.source), _span_positions(text, att.content)
        return {j for j, (gs, gc) in enumerate(golds) if s & gs and dice(c, gc) >= 0.5}

    out = []
    by_rules: set[int] = set()
    for n, att in enumerate(found.rules):
        if att.source is None:
            continue  # quotation continuations follow their owner
        m = matches(att) - by_rules
        by_rules |= m
        feats, group = features(ctx, att, lexicon), group_key(doc, att, n)
        out.append(Example(feats, int(bool(m)), False, key, weight, group, rule_key(att.rule)))
    for n, att in enumerate(found.extra):
        m = matches(att) - by_rules
        feats, group = features(ctx, att, lexicon), group_key(doc, att, -1 - n)
        out.append(Example(feats, int(bool(m)), True, key, weight, group, rule_key(att.rule)))
    doc.user_data.pop("claims_quoted", None)
    doc.user_data.pop("claims_text", None)
    return out


def fit_logistic(examples: Sequence[Example], l2: float = 1.0, min_count: int = 2) -> dict[str, float]:
    """L2-regularised logistic regression (L-BFGS, deterministic); features seen fewer than ``min_count``
    times are dropped (the bias is never regularised)."""
    import numpy as np
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    counts = Counter(f for e in examples for f in set(e.feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count or f == "bias"))}
    rows, cols = [], []
    for r, e in enumerate(examples):
        for f in set(e.feats):
            j = vocab.get(f)
            if j is not None:
                rows.append(r)
                cols.append(j)
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(examples), len(vocab)))
    y = np.array([e.label for e in examples], dtype=float)
    sw = np.array([e.weight for e in examples], dtype=float)
    reg = np.full(len(vocab), l2)
    reg[vocab["bias"]] = 0.0

    def loss(w: Any) -> tuple[float, Any]:
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        ll = np.sum(sw * (np.logaddexp(0, z) - y * z))
        grad = x.T @ (sw * (p - y))
        return ll + 0.5 * np.sum(reg * w * w), grad + reg * w

    res = minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B", options={"maxiter": 300})
    return {f: float(res.x[j]) for f, j in vocab.items()}


def group_key(doc: Doc, att: Any, n: int) -> str:
    tok = cue_token(doc, att)
    return str(tok.i) if tok is not None else f"n{n}"


Policy = dict[str, float]  # thresholds: "add", "replace", "drop"


def _groups(probs: Sequence[float], examples: Sequence[Example]) -> list[list[tuple[float, Example]]]:
    groups: dict[tuple[str, str], list[tuple[float, Example]]] = defaultdict(list)
    for p, e in zip(probs, examples, strict=True):
        groups[(e.article, e.group)].append((p, e))
    return list(groups.values())


def rule_counts(examples: Iterable[Example]) -> dict[str, int]:
    """Training examples per rule family (the rules' own attributions only)."""
    return dict(sorted(Counter(e.rule for e in examples if not e.extra).items()))


def simulate(
    groups: Sequence[Sequence[tuple[float, Example]]], policy: Policy, droppable: frozenset[str] | None = None
) -> tuple[float, float]:
    """(true positives, predictions) of a selection policy (as ``LearnedAttributor`` applies it) on
    out-of-fold scored candidates, grouped by cue word: a group without a rule attribution gets its best
    candidate if above ``add``; a group's single rule attribution takes the content of a better alternative
    above ``replace``, else is dropped below ``drop`` (only a rule in ``droppable``, when given)."""
    tp = pred = 0.0
    for items in groups:
        rules = [(p, e) for p, e in items if not e.extra]
        best_p, best = max(items, key=lambda pe: pe[0])
        if not rules:
            if best_p >= policy["add"]:
                tp, pred = tp + best.label * best.weight, pred + best.weight
            continue
        if len(rules) == 1 and best.extra and best_p >= policy["replace"]:
            tp, pred = tp + best.label * best.weight, pred + best.weight
            continue
        for p, e in rules:
            if p >= policy["drop"] or (droppable is not None and e.rule not in droppable):
                tp, pred = tp + e.label * e.weight, pred + e.weight
    return tp, pred


GRID = [round(0.05 * k, 2) for k in range(0, 20)] + [2.0]


def choose_policy(
    groups: Sequence[Sequence[tuple[float, Example]]],
    n_gold: float,
    fixed: Policy | None = None,
    droppable: frozenset[str] | None = None,
) -> tuple[Policy, float]:
    """Thresholds maximising (approximate) attribution F1 by coordinate ascent over a grid; ``fixed``
    thresholds are not searched; only rules in ``droppable`` (when given) can be dropped."""
    fixed = fixed or {}
    policy: Policy = {"add": 0.35, "replace": 2.0, "drop": 0.0} | fixed

    def f1(pol: Policy) -> float:
        tp, pred = simulate(groups, pol, droppable)
        return 2 * tp / (pred + n_gold) if pred + n_gold else 0.0

    best = f1(policy)
    for _ in range(3):
        changed = False
        for key in ("add", "replace", "drop"):
            if key in fixed:
                continue
            for value in GRID:
                trial = {**policy, key: value}
                score_ = f1(trial)
                if score_ > best + 1e-9:
                    best, policy, changed = score_, trial, True
        if not changed:
            break
    return policy, round(best, 4)


def _folds(keys: Sequence[str], k: int, seed: int) -> dict[str, int]:
    order = sorted(set(keys))
    random.Random(seed).shuffle(order)
    return {key: i % k for i, key in enumerate(order)}


def parse_texts(texts: Sequence[str], nlp: Any = None, cache: str | Path | None = None) -> list[Doc]:
    """Parse with the claims spaCy pipeline (segmenter and parser, no attribution), cached as a DocBin."""
    import spacy
    from spacy.tokens import DocBin

    if nlp is None:
        from claims.nlp.pipeline import choose_model
        from claims.nlp.segment import add_segmenter

        nlp = spacy.load(choose_model())
        add_segmenter(nlp)
    cached: dict[str, Doc] = {}
    if cache is not None and Path(cache).exists():
        cached = {d.text: d for d in DocBin().from_disk(cache).get_docs(nlp.vocab)}
    missing = [t for t in dict.fromkeys(texts) if t not in cached]
    cached.update(zip(missing, nlp.pipe(missing, batch_size=16), strict=True))
    if cache is not None and missing:
        bin_ = DocBin(store_user_data=False)
        for d in cached.values():
            bin_.add(d)
        bin_.to_disk(cache)
    return [cached[t] for t in texts]


def build_examples(
    docs: Sequence[Doc],
    records: Sequence[Mapping],
    *,
    weights: Sequence[float] | None = None,
    folds: int = 5,
    seed: int = 0,
    finder: CandidateFinder | None = None,
) -> tuple[list[Example], list[list[Example]], dict[str, float]]:
    """Examples with the full cue lexicon (for the final model) and, per fold, examples whose lexicon
    feature comes from the other folds (for honest out-of-fold thresholds)."""
    finder = finder or CandidateFinder()
    weights = weights or [1.0] * len(docs)
    keys = [str(r.get("article") or r.get("id")) for r in records]
    fold_of = _folds(keys, folds, seed)
    per_fold_counts: dict[int, Counter] = defaultdict(Counter)
    for doc, record, key in zip(docs, records, keys, strict=True):
        per_fold_counts[fold_of[key]].update(cue_lexicon_counts(doc, record))
    total: Counter = Counter()
    for c in per_fold_counts.values():
        total.update(c)
    full_lex = lexicon_from_counts(total)
    oof_lex = {}
    for f in range(folds):
        rest = total.copy()
        rest.subtract(per_fold_counts[f])
        oof_lex[f] = lexicon_from_counts(+rest)
    full: list[Example] = []
    oof: list[list[Example]] = [[] for _ in range(folds)]
    for doc, record, key, w in zip(docs, records, keys, weights, strict=True):
        for e in doc_examples(doc, record, finder, None, w):
            full.append(replace(e, feats=with_lexicon(e.feats, full_lex)))
            oof[fold_of[key]].append(replace(e, feats=with_lexicon(e.feats, oof_lex[fold_of[key]])))
    return full, oof, full_lex


def train(
    gold_path: str | Path,
    articles_path: str | Path | None,
    out_dir: str | Path,
    *,
    extra_gold: Sequence[str | Path] = (),
    extra_weight: float = 1.0,
    l2: float = 4.0,
    folds: int = 5,
    seed: int = 0,
    nlp: Any = None,
    cache: str | Path | None = None,
    keep_scores: bool = False,
    min_rule_examples: int = MIN_RULE_EXAMPLES,
    log: Any = print,
) -> dict[str, Any]:
    """Train the attribution classifier and write ``out_dir/attribution.json``; returns its metadata.

    ``gold_path``: gold attributions (JSONL); ``articles_path``: optional, only to check that the gold
    texts are the articles' texts; ``extra_gold``: further gold files, e.g. reviewers' corrections (an
    article there replaces the same article of ``gold_path``), weighted by ``extra_weight``.
    """
    started = time.perf_counter()
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    base = read_gold([gold_path])
    corrections = read_gold(extra_gold) if extra_gold else {}
    if articles_path is not None:
        with open(articles_path, encoding="utf-8") as stream:
            texts = {str(a["id"]): a["text"] for a in map(json.loads, filter(str.strip, stream))}
        bad = [k for k, r in base.items() if k in texts and texts[k] != r["text"]]
        if bad:
            raise ValueError(f"{len(bad)} gold texts differ from their articles (e.g. {bad[0]})")
    merged = {**base, **corrections}
    keys = sorted(merged)
    records = [merged[k] for k in keys]
    weights = [extra_weight if k in corrections else 1.0 for k in keys]
    log(f"parsing {len(records)} articles ({len(corrections)} from corrections)")
    docs = parse_texts([r["text"] for r in records], nlp=nlp, cache=cache)
    log(f"candidates and features ({time.perf_counter() - started:.0f}s)")
    full, oof, lexicon = build_examples(docs, records, weights=weights, folds=folds, seed=seed)
    n_gold = sum(
        w
        for r, w in zip(records, weights, strict=True)
        for a in r["attributions"]
        if positions(r["text"], a.get("source")) and positions(r["text"], a.get("content"))
    )
    # out-of-fold probabilities for the thresholds
    probs: list[float] = []
    ordered: list[Example] = []
    for f in range(folds):
        train_part = [e for g in range(folds) if g != f for e in oof[g]]
        model = LinearModel(fit_logistic(train_part, l2=l2))
        probs.extend(model.probability(e.feats) for e in oof[f])
        ordered.extend(oof[f])
    groups = _groups(probs, ordered)
    n_gold_w = float(n_gold)
    counts = rule_counts(full)
    droppable = droppable_rules({"rule_examples": counts, "min_rule_examples": min_rule_examples})
    model_policy, model_f1 = choose_policy(groups, n_gold_w, droppable=droppable)
    hybrid_policy, hybrid_f1 = choose_policy(groups, n_gold_w, fixed={"drop": 0.0})
    rules_f1 = choose_policy(groups, n_gold_w, fixed={"drop": 0.0, "add": 2.0, "replace": 2.0})[1]
    thresholds = {f"model_{k}": v for k, v in model_policy.items()} | {
        f"hybrid_{k}": v for k, v in hybrid_policy.items()
    }
    cv = {"model": model_f1, "hybrid": hybrid_f1, "rules": rules_f1}
    if keep_scores:
        with open(Path(out_dir) / "oof.jsonl", "w", encoding="utf-8") as stream:
            for p, e in zip(probs, ordered, strict=True):
                stream.write(json.dumps([round(p, 5), e.label, e.extra, e.article, e.group, e.weight]) + "\n")
    log(f"cross-validated thresholds {thresholds}, approximate F1 {cv} ({time.perf_counter() - started:.0f}s)")
    weights_ = fit_logistic(full, l2=l2)
    meta = {
        "trained_on": {
            "gold": Path(gold_path).name,
            "articles": len(records),
            "corrections": len(corrections),
            "examples": len(full),
            "positive": sum(e.label for e in full),
        },
        "l2": l2,
        "folds": folds,
        "seed": seed,
        "cv_f1_approx": cv,
        "rule_examples": counts,  # ``model`` drops no attribution of a rule with fewer than min_rule_examples
        "min_rule_examples": min_rule_examples,
        "seconds": round(time.perf_counter() - started, 1),
    }
    model = LinearModel(weights_, thresholds=thresholds, lexicon=lexicon, meta=meta)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model.save(out / MODEL_FILE)
    log(f"wrote {out / MODEL_FILE} ({len(model.weights)} weights, {meta['seconds']}s)")
    return meta


def iter_examples(examples: Iterable[Example]) -> Iterator[tuple[list[str], int]]:
    for e in examples:
        yield e.feats, e.label
