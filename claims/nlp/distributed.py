"""The pipeline on a Dask distributed cluster: an analyzer whose ``pipe`` sends batches of texts to workers.

:func:`connect` opens a client to a running scheduler (``tcp://HOST:8786``) or starts a
:class:`~distributed.LocalCluster` of worker processes on this machine (``local:N``), and registers a
worker plugin that loads the spaCy pipeline once on every worker (and on workers that join later, or
that a nanny restarts). :class:`DaskAnalyzer` then does what :class:`claims.nlp.pipeline.Analyzer`
does: it takes a stream of texts and yields plain :class:`~claims.types.DocumentAnalysis` in input
order. Tasks take a batch of texts and return plain analyses (no spaCy object crosses the wire); only a
bounded number of batches is in flight, so neither the client nor a worker holds the corpus. A worker
that dies mid-run loses nothing: the scheduler runs its tasks again elsewhere.

Dask is an optional dependency (``pip install 'claims[dask]'``), imported only here and only when used.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError
from typing import TYPE_CHECKING, Any

from claims.errors import ClaimsError
from claims.nlp.pipeline import PIPELINE_VERSION, choose_attributor, choose_model, pipeline_version
from claims.types import DocumentAnalysis

if TYPE_CHECKING:  # pragma: no cover
    from distributed import Client

CONNECT_TIMEOUT = 5.0  # seconds to reach a scheduler before giving up
# Batches in flight per worker thread (as with --jobs): a worker that finished a batch finds the next one
# already queued while a long article holds up the head of the in-order stream.
WINDOW_PER_WORKER = 4
INSTALL_HINT = "Dask is not installed: install claims[dask] (pip install 'claims[dask]')"
LOCAL = re.compile(r"local:(\d+)")


class ClusterError(ClaimsError):
    """The Dask cluster cannot be reached, refused the pipeline, or was lost mid-run."""


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ClaimsError(INSTALL_HINT) from exc
    return distributed


def parse_local(spec: str) -> int:
    """The number of worker processes in ``local:N``; ValueError for anything else."""
    match = LOCAL.fullmatch(spec.strip())
    if not match or int(match.group(1)) < 1:
        raise ValueError(f"expected local:N with N >= 1, got {spec!r}")
    return int(match.group(1))


class DaskAnalyzer:
    """An ``AnalyzerLike`` whose ``pipe`` runs the pipeline on a Dask cluster; close it (or use ``with``)."""

    def __init__(
        self, client: Client, model_name: str, plugin_name: str, cluster: Any = None, version: str = PIPELINE_VERSION
    ) -> None:
        self.client = client
        self.cluster = cluster  # the LocalCluster this analyzer started, closed with it
        self.model_name = model_name
        self.version = version  # the pipeline version the documents are stored with (attributor included)
        self.plugin_name = plugin_name
        self.address = client.scheduler.address

    def __enter__(self) -> DaskAnalyzer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the client and the LocalCluster it started (again: nothing)."""
        if self.client.status not in ("closing", "closed"):
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def threads(self) -> int:
        """Worker threads on the cluster now (at least 1: workers may still be joining)."""
        return max(1, sum(self.client.nthreads().values()))

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16, n_process: int = 1) -> Iterator[DocumentAnalysis]:
        """Analyses in input order; ``n_process`` is ignored (the cluster's workers are the processes).

        Tasks carry a quarter batch each, as with ``--jobs``: small tasks keep every worker busy to the end
        of the stream. At most WINDOW_PER_WORKER tasks per worker thread are in flight; a result is
        released on the cluster as soon as it has been read.
        """
        from claims.nlp.dask_worker import analyse_batch
        from claims.nlp.pipeline import _batches

        chunk = max(1, batch_size // 4)
        window = WINDOW_PER_WORKER * self.threads()
        in_flight: deque[Any] = deque()
        try:
            for batch in _batches(texts, chunk):
                in_flight.append(self.client.submit(analyse_batch, self.plugin_name, batch, pure=False))
                if len(in_flight) >= window:
                    yield from self._result(in_flight.popleft())
            while in_flight:
                yield from self._result(in_flight.popleft())
        finally:
            for future in in_flight:
                future.release()

    def _result(self, future: Any) -> list[DocumentAnalysis]:
        try:
            return future.result()
        except (OSError, CancelledError) as exc:
            # the scheduler went away: stop with one line (a task that failed on a worker raises its own
            # error instead, which the ingest service handles by retrying its texts one by one)
            if self.client.status != "running" or isinstance(exc, CancelledError):
                raise ClusterError(
                    f"lost the Dask scheduler {self.address} mid-run ({type(exc).__name__}); the documents "
                    "stored so far are kept: run the same command again to finish"
                ) from exc
            raise
        finally:
            future.release()


def connect(
    *,
    scheduler: str | None = None,
    local: int | None = None,
    model: str | None = None,
    attributor: str | None = None,
    model_path: str | None = None,
) -> DaskAnalyzer:
    """A :class:`DaskAnalyzer` on the scheduler at ``scheduler``, or on a new LocalCluster of ``local``
    single-threaded worker processes on 127.0.0.1. ``model`` is resolved here (name, $CLAIMS_SPACY_MODEL
    or the installed default) and loaded by every worker, with the ``attributor`` (and its ``model_path``, a
    folder every worker can read) resolved here too. Raises :class:`ClusterError` (one line) when the
    scheduler cannot be reached within CONNECT_TIMEOUT or a worker cannot load the pipeline."""
    if (scheduler is None) == (local is None):
        raise ValueError("give exactly one of scheduler and local")
    distributed = _distributed()
    name = choose_model(model)
    attributor, model_path = choose_attributor(attributor, model_path)
    cluster = None
    if local is not None:
        try:
            cluster = distributed.LocalCluster(
                n_workers=local,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",  # any free port: another cluster may hold 8787
                silence_logs=40,  # errors only: a restarted worker is not the user's business
            )
        except Exception as exc:
            raise ClusterError(f"cannot start a local Dask cluster: {_one_line(exc)}") from exc
    try:
        client = distributed.Client(cluster or scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        where = scheduler or "the local cluster"
        raise ClusterError(f"cannot reach the Dask scheduler at {where}: {_one_line(exc)}") from exc
    from claims.nlp.dask_worker import PipelinePlugin

    plugin = PipelinePlugin(name, PIPELINE_VERSION, attributor, model_path)
    analyzer = DaskAnalyzer(client, name, plugin.name, cluster, pipeline_version(attributor, model_path))
    try:
        client.register_plugin(plugin, name=plugin.name)
    except Exception as exc:
        analyzer.close()
        if isinstance(exc, ClaimsError):
            raise ClusterError(str(exc)) from exc
        raise ClusterError(f"a Dask worker could not load the claims pipeline: {_one_line(exc)}") from exc
    return analyzer


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
