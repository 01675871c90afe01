"""The learned attributors: ``model`` (a classifier over the rules' attributions and the extra candidates)
and ``hybrid`` (the rules' attributions, plus the extra candidates the classifier accepts).

Inference is plain Python over the parse (the weights are a JSON dict); no numpy, no downloads.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc

from claims.evaluate import dice
from claims.nlp.attribution import RawAttribution
from claims.nlp.learned.candidates import CandidateFinder
from claims.nlp.learned.features import DocContext, features
from claims.nlp.learned.linear import LinearModel

MODEL_FILE = "attribution.json"
MODES = ("hybrid", "model")


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
        self.threshold = self.model.thresholds[mode] if threshold is None else threshold
        self.finder = CandidateFinder()

    def __call__(self, doc: Doc) -> list[RawAttribution]:
        found = self.finder.find(doc)
        ctx = DocContext(doc, found.rules)
        model, lex = self.model, self.model.lexicon
        if self.mode == "hybrid":
            out = list(found.rules)
        else:
            out = self._filter_rules(ctx, found.rules)
        scored = []
        for att in found.extra:
            p = model.probability(features(ctx, att, lex))
            if p >= self.threshold:
                scored.append((p, att))
        scored.sort(key=lambda pa: -pa[0])
        accepted: list[RawAttribution] = []
        for p, att in scored:
            # one attribution per (source, content): a weaker duplicate of an accepted candidate is dropped
            if any(_same_claim(att, b) for b in accepted):
                continue
            att.confidence = round(p, 3)
            att.extra = {k: v for k, v in att.extra.items() if k != "cue_i"}
            att.extra["learned"] = "1"
            accepted.append(att)
        accepted.sort(key=lambda a: (a.content[0], a.cue[0][0] if a.cue else 0))
        return out + accepted

    def _filter_rules(self, ctx: DocContext, rules: list[RawAttribution]) -> list[RawAttribution]:
        """Rule attributions the classifier keeps; quotation continuations follow their owner."""
        kept: list[RawAttribution] = []
        new_index: dict[int, int] = {}
        for i, att in enumerate(rules):
            if att.continues is not None:
                if att.continues in new_index:
                    att.continues = new_index[att.continues]
                    kept.append(att)
                continue
            p = self.model.probability(features(ctx, att, self.model.lexicon))
            if att.source is None or p >= self.threshold:
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
