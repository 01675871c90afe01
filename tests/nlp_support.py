"""One spaCy pipeline (and one analyzer) per test session, shared by the NLP test modules."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def analyzer():
    """The real pipeline with the rules attributor: the rule tests test the rules (the learned attributors
    have their own tests in test_learned.py)."""
    from claims.nlp.pipeline import load_analyzer

    return load_analyzer(attributor="rules")


def nlp():
    return analyzer().nlp
