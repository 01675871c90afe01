"""The learned attributors: ``model`` (a classifier over the rules' attributions and the extra candidates)
and ``hybrid`` (the rules' attributions, plus the extra candidates the classifier accepts).

Inference is plain Python over the parse (the weights are a JSON dict); no numpy, no downloads.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc

from claims.nlp.attribution import RawAttribution
from claims.nlp.learned.candidates import CandidateFinder, cue_token
from claims.nlp.learned.features import DocContext, features
from claims.nlp.learned.linear import LinearModel
from claims.overlap import dice

MODEL_FILE = "attribution.json"
MODES = ("hybrid", "model")
MIN_RULE_EXAMPLES = 20
"""``model`` never drops an attribution of a rule with fewer training examples than this: the classifier
knows too little about it (a rule that is rare in the training corpus may be common elsewhere)."""


def rule_key(rule: str) -> str:
    """The rule's family as counted in training (``verb:say``, ``dash``, ``colon``, ...)."""
    return ":".join(rule.split(":")[:2])


def droppable_rules(meta: dict) -> frozenset[str] | None:
    """The rules ``model`` may drop: those with at least ``min_rule_examples`` training examples (both in the
    model's training meta, the counts as ``rule_examples``); ``None`` when the model has no counts (older
    models)."""
    counts = meta.get("rule_examples")
    if not isinstance(counts, dict):
        return None
    n = meta.get("min_rule_examples", MIN_RULE_EXAMPLES)
    return frozenset(str(k) for k, v in counts.items() if int(v) >= int(n))


def shipped_model_path() -> Path:
    return Path(str(resources.files("claims.nlp.learned").joinpath("weights", MODEL_FILE)))


@lru_cache(maxsize=8)
def load_model(path: str | None = None) -> LinearModel:
    """The model in ``path`` (a file, or a directory holding ``attribution.json``), else the shipped one."""
    target = Path(path) if path else shipped_model_path()
    if target.is_dir():
        target = target / MODEL_FILE
    return LinearModel.load(target)


def _chars(span: tuple[int, int]) -> set[int]:
    return set(range(span[0], span[1]))


class LearnedAttributor:
    """Rules as the backbone, a trained classifier on top (see the module docstring for the two modes)."""

    def __init__(self, mode: str = "hybrid", model_path: str | Path | None = None, threshold: float | None = None):
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; known: {', '.join(MODES)}")
        self.mode = mode
        self.model = load_model(str(model_path) if model_path else None)
        t = self.model.thresholds
        self.add = t[f"{mode}_add"] if threshold is None else threshold
        self.replace = t.get(f"{mode}_replace", 2.0)
        self.drop = 0.0 if mode == "hybrid" else t.get(f"{mode}_drop", 0.0)
        self.droppable = droppable_rules(self.model.meta)
        self.finder = CandidateFinder()

    def __call__(self, doc: Doc) -> list[RawAttribution]:
        found = self.finder.find(doc)
        ctx = DocContext(doc, found.rules)
        model, lex = self.model, self.model.lexicon
        # candidates compete per cue word: the rules' attribution and the alternatives for that cue
        groups: dict[int, list[tuple[float, RawAttribution, int]]] = {}
        for n, att in enumerate(found.rules):
            if att.source is None:
                continue
            tok = cue_token(doc, att)
            key = tok.i if tok is not None else -1 - n
            groups.setdefault(key, []).append((model.probability(features(ctx, att, lex)), att, n))
        for att in found.extra:
            tok = cue_token(doc, att)
            if tok is None:
                continue
            groups.setdefault(tok.i, []).append((model.probability(features(ctx, att, lex)), att, -1))
        out = list(found.rules)
        drop: set[int] = set()
        added: list[tuple[float, RawAttribution]] = []
        for items in groups.values():
            rules = [x for x in items if x[2] >= 0]
            best = max(items, key=lambda x: x[0])
            if not rules:
                if best[0] >= self.add:
                    added.append((best[0], best[1]))
            elif len(rules) == 1 and best[2] < 0 and best[0] >= self.replace:
                # repair: the rules' attribution for this cue takes the content the model prefers
                rule = rules[0][1]
                rule.content = best[1].content
                rule.confidence = round(best[0], 3)
                rule.extra["learned"] = "content"
            else:
                drop.update(n for p, a, n in rules if p < self.drop and self._may_drop(a))
        if drop:
            out = _without(out, drop)
        added.sort(key=lambda pa: -pa[0])
        accepted: list[RawAttribution] = []
        for p, att in added:
            # one attribution per (source, content): a weaker duplicate of an accepted candidate is dropped
            if any(_same_claim(att, b) for b in accepted + out):
                continue
            att.confidence = round(p, 3)
            att.extra = {k: v for k, v in att.extra.items() if k in {"origin", "alt"}}
            att.extra["learned"] = "1"
            accepted.append(att)
        accepted.sort(key=lambda a: (a.content[0], a.cue[0][0] if a.cue else 0))
        return out + accepted

    def _may_drop(self, att: RawAttribution) -> bool:
        return self.droppable is None or rule_key(att.rule) in self.droppable


def _without(rules: list[RawAttribution], drop: set[int]) -> list[RawAttribution]:
    """The rules' attributions without those in ``drop``; quotation continuations follow their owner."""
    kept: list[RawAttribution] = []
    new_index: dict[int, int] = {}
    for i, att in enumerate(rules):
        if att.continues is not None:
            if att.continues in new_index:
                att.continues = new_index[att.continues]
                kept.append(att)
            continue
        if i not in drop:
            new_index[i] = len(kept)
            kept.append(att)
    return kept


def _same_claim(a: RawAttribution, b: RawAttribution) -> bool:
    if a.source is None or b.source is None:
        return False
    if not _chars(a.source) & _chars(b.source):
        return False
    ca, cb = frozenset(_chars(a.content)), frozenset(_chars(b.content))
    return dice(ca, cb) >= 0.5
