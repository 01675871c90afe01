"""What runs on a Dask worker: the plugin that loads the claims pipeline once, and the task that uses it.

Imported only by :mod:`claims.nlp.distributed` once Dask is known to be installed (here it is imported at
the top), and by the workers when they unpickle the plugin and the tasks.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from distributed import WorkerPlugin, get_worker

from claims.errors import ClaimsError
from claims.nlp.pipeline import PIPELINE_VERSION, Analyzer, load_analyzer
from claims.types import DocumentAnalysis


class PipelinePlugin(WorkerPlugin):
    """Loads the claims pipeline (``model``) once per worker; tasks find it under the plugin's ``name``."""

    idempotent = True  # registering it again (another client, same model and version) does not reload it

    def __init__(self, model: str, version: str, attributor: str = "rules", model_path: str | None = None) -> None:
        self.model = model
        self.version = version
        self.attributor = attributor
        self.model_path = model_path
        self.name = f"claims-pipeline-{version}-{model}-{attributor}-{model_path or 'shipped'}"
        self.analyzer: Analyzer | None = None
        self.lock = threading.Lock()  # a worker with several threads parses one batch at a time

    def __getstate__(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "version": self.version,
            "attributor": self.attributor,
            "model_path": self.model_path,
            "name": self.name,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, analyzer=None, lock=threading.Lock())

    async def setup(self, worker: Any) -> None:
        if self.version != PIPELINE_VERSION:
            raise ClaimsError(
                f"worker {worker.address} runs claims pipeline {PIPELINE_VERSION}, the client {self.version}: "
                "install the same claims package on every machine"
            )
        # in a thread, so that the worker keeps answering the scheduler while spaCy loads
        self.analyzer = await asyncio.to_thread(load_analyzer, self.model, self.attributor, self.model_path)
        # one short text through every component, so that the lazy loads of the first call (lexicons, rule
        # tables, the learned model) happen here and not in the first batch of the run
        await asyncio.to_thread(self.analyzer.analyze, "The officials said the talks would resume on Monday.")


def analyse_batch(plugin_name: str, texts: list[str]) -> list[DocumentAnalysis]:
    """The task: plain analyses of ``texts``, in order, by the worker's loaded pipeline."""
    worker = get_worker()
    plugin = worker.plugins.get(plugin_name)
    if not isinstance(plugin, PipelinePlugin) or plugin.analyzer is None:
        raise ClaimsError(f"the claims pipeline is not loaded on Dask worker {worker.address}")
    with plugin.lock:
        return list(plugin.analyzer._pipe_here(texts, batch_size=len(texts)))
