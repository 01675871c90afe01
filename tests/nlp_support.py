"""One spaCy pipeline (and one analyzer) per test session, shared by the NLP test modules."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def analyzer():
    from claims.nlp.pipeline import load_analyzer

    return load_analyzer()


def nlp():
    return analyzer().nlp
