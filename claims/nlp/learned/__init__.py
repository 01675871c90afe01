"""A trainable attribution layer over the rules (issue 16).

- :mod:`~claims.nlp.learned.candidates`: the rules' attributions and the extra candidates (open cue lexicon,
  nested reports);
- :mod:`~claims.nlp.learned.features`, :mod:`~claims.nlp.learned.linear`: string features, a logistic model
  stored as JSON;
- :mod:`~claims.nlp.learned.model`: the ``model`` and ``hybrid`` attributors;
- training: :func:`claims.services.training.train` (``claims train``; needs numpy and scipy).

The shipped weights (``weights/attribution.json``) were trained on the PolNeAR train split (840 articles)
only; they hold feature weights and a lemma -> cue-rate table, no article text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any


def _factory(mode: str) -> Callable[..., Any]:
    def make(model_path: str | Path | None = None, **kwargs: Any) -> Any:
        from claims.nlp.learned.model import LearnedAttributor

        return LearnedAttributor(mode, model_path=model_path, **kwargs)

    make.__name__ = f"make_{mode}_attributor"
    return make


# names for claims.nlp.components.ATTRIBUTORS
LEARNED_ATTRIBUTORS: dict[str, Callable[..., Any]] = {"hybrid": _factory("hybrid"), "model": _factory("model")}
