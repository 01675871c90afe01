"""``claims ingest --scheduler/--dask``: the real pipeline on a real Dask LocalCluster on 127.0.0.1.

One cluster of two single-threaded worker processes serves the module (it takes a few seconds to start and
load the pipeline on both workers); the test that kills a worker comes last.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import Cli

distributed = pytest.importorskip("distributed")

# Hand-written for these tests (no corpus text): short articles with direct, indirect and unattributed claims.
SPEAKERS = [
    ("Mara Olsen", "a spokeswoman for the port authority"),
    ("Tomas Reyes", "the harbour master"),
    ("Ana Lind", "a union organiser"),
    ("Peter Vogel", "the transport minister"),
]
PLACES = ["Moscow", "Washington", "Berlin", "Tokyo", "Cairo"]


def article(i: int) -> str:
    name, role = SPEAKERS[i % len(SPEAKERS)]
    place = PLACES[i % len(PLACES)]
    return (
        f"Harbour talks, day {i + 1}\n\n"
        f"Officials in {place} said the harbour talks would resume after {i + 2} weeks.\n\n"
        f"“We have no plans to leave pier {i + 1},” said {name}, {role}.\n\n"
        f"The ferry to {place} reportedly ran late on Tuesday. {name} denied that the crew had been on strike."
    )


N_ARTICLES = 14


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("dask") / "articles.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(N_ARTICLES):
            f.write(json.dumps({"id": f"a{i:02d}", "text": article(i)}) + "\n")
    return path


@pytest.fixture(autouse=True)
def rules_attributor(monkeypatch):
    """The workers run what the reference (``real_analyzer``, the rules) runs: the attributor is resolved by
    the client and handed to every worker."""
    monkeypatch.setenv("CLAIMS_ATTRIBUTOR", "rules")


@pytest.fixture(scope="module")
def cluster():
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        silence_logs=40,
    )
    yield cluster
    cluster.close()


@pytest.fixture(scope="module")
def expected(corpus, real_analyzer, tmp_path_factory) -> str:
    """The claims exported after ``--jobs 1`` (the reference)."""
    import claims.cli.common

    runner = Cli(CliRunner(), f"sqlite:///{tmp_path_factory.mktemp('jobs1') / 'claims.db'}")
    factory, claims.cli.common.analyzer_factory = claims.cli.common.analyzer_factory, lambda model: real_analyzer
    try:
        assert runner("ingest", str(corpus), "--jobs", "1", "--batch-size", "4").exit_code == 0
        exported = runner("export", "claims").stdout
    finally:
        claims.cli.common.analyzer_factory = factory
    assert exported.count("\n") >= 2 * N_ARTICLES, "the pipeline found too few claims for a meaningful test"
    return exported


@pytest.mark.parametrize("backend_name", ["sqlite", "postgresql"])
def test_cluster_ingest_equals_jobs_1(backend_name, cluster, corpus, expected, real_cli, tmp_path, request):
    url = f"sqlite:///{tmp_path / 'dask.db'}" if backend_name == "sqlite" else request.getfixturevalue("postgres_url")
    cli = Cli(CliRunner(), url)
    result = cli("ingest", str(corpus), "--scheduler", cluster.scheduler_address, "--batch-size", "4")
    assert result.exit_code == 0, result.stderr
    assert f"{N_ARTICLES} document(s) stored" in result.stdout
    assert cli("export", "claims").stdout == expected  # same claims, same ids: same order

    again = cli("ingest", str(corpus), "--scheduler", cluster.scheduler_address)  # unchanged: skipped by hash
    assert again.exit_code == 0 and f"{N_ARTICLES} unchanged" in again.stdout


def test_results_stream_in_order_with_a_bounded_window(cluster):
    from claims.nlp.distributed import WINDOW_PER_WORKER, connect

    texts = [f"Officials in Berlin said talk number {i} went well." for i in range(40)]
    pulled = 0

    def source():
        nonlocal pulled
        for text in texts:
            pulled += 1
            yield text

    with connect(scheduler=cluster.scheduler_address) as analyzer:
        stream = analyzer.pipe(source(), batch_size=4)  # one text per task
        first = next(stream)
        assert pulled <= WINDOW_PER_WORKER * 2 + 1  # two worker threads: the corpus is not all sent at once
        analyses = [first, *stream]
    assert [a.text for a in analyses] == texts


def test_unreachable_scheduler_is_one_error_line(real_cli, tmp_path, corpus, monkeypatch):
    import claims.nlp.distributed

    monkeypatch.setattr(claims.nlp.distributed, "CONNECT_TIMEOUT", 1.0)
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp_path / "never.db"
    result = Cli(CliRunner(), f"sqlite:///{db}")("ingest", str(corpus), "--scheduler", f"tcp://127.0.0.1:{port}")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot reach the Dask scheduler"), result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not db.exists()  # nothing written


def test_a_scheduler_lost_mid_run_is_one_error_line(real_cli, tmp_path, corpus):
    """A scheduler without workers holds the first task; killing it ends the command with one line."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--dashboard-address", "127.0.0.1:0"]
    scheduler = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        address = f"tcp://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # until it listens
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        threading.Timer(4.0, scheduler.kill).start()
        result = real_cli("ingest", str(corpus), "--scheduler", address)
    finally:
        scheduler.kill()
        scheduler.wait()
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: lost the Dask scheduler {address} mid-run"), lines
    assert "Traceback" not in result.output + result.stderr
    assert real_cli("export", "claims").stdout == ""  # nothing stored: no worker ever answered


def test_a_worker_of_another_pipeline_version_refuses(cluster, monkeypatch):
    import claims.nlp.distributed
    from claims.nlp.distributed import ClusterError, connect
    from claims.nlp.pipeline import choose_model

    monkeypatch.setattr(claims.nlp.distributed, "PIPELINE_VERSION", "0.0-other")  # the client's, not the workers'
    with pytest.raises(ClusterError, match=r"runs claims pipeline .* the client 0\.0-other"):
        connect(scheduler=cluster.scheduler_address)
    from claims.nlp.dask_worker import PipelinePlugin

    with distributed.Client(cluster) as client:  # forget it, so that a restarted worker does not try it again
        client.unregister_worker_plugin(PipelinePlugin(choose_model(), "0.0-other", "rules").name)


def test_without_dask_the_cli_says_what_to_install(real_cli, corpus, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    result = real_cli("ingest", str(corpus), "--dask", "local:2")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "error: Dask is not installed: install claims[dask] (pip install 'claims[dask]')"
    ]


@pytest.mark.parametrize(
    "options",
    [
        ["--dask", "local:2", "--scheduler", "tcp://127.0.0.1:8786"],
        ["--dask", "local:2", "--jobs", "2"],
        ["--dask", "2"],
    ],
)
def test_conflicting_or_malformed_options_are_usage_errors(real_cli, corpus, options):
    assert real_cli("ingest", str(corpus), *options).exit_code == 2


def test_a_killed_worker_loses_nothing(cluster, corpus, expected, real_cli, tmp_path):
    """SIGKILL the worker holding the most work after the first document is stored: Dask runs its tasks
    again (on the other worker, or on the one its nanny restarts); every document is stored once."""
    from claims.nlp.distributed import connect
    from claims.services.ingest import ingest
    from db.engine import make_engine

    url = f"sqlite:///{tmp_path / 'killed.db'}"
    engine = make_engine(url)
    killed: list[int] = []
    with connect(scheduler=cluster.scheduler_address) as analyzer:
        client = analyzer.client
        pids = client.run(os.getpid)

        def kill_busiest_worker(origin: str, status: str) -> None:
            if killed:
                return
            work = {address: len(keys) for address, keys in client.has_what().items()}
            for address, keys in client.processing().items():
                work[address] = work.get(address, 0) + len(keys)
            victim = max(work, key=lambda address: work[address])
            assert work[victim] > 0, work  # the kill must hit a worker with tasks of this run
            os.kill(pids[victim], signal.SIGKILL)
            killed.append(pids[victim])

        result = ingest([corpus], engine=engine, analyzer=analyzer, batch_size=4, on_document=kill_busiest_worker)
        assert killed and killed[0] not in client.run(os.getpid).values()  # really gone

    from claims.services.disputes import recompute_after_change

    recompute_after_change(engine, nlp=None)  # topics and disputes, as `claims ingest` updates them
    engine.dispose()
    assert result.created == N_ARTICLES and not result.skipped, result.skipped
    assert Cli(CliRunner(), url)("export", "claims").stdout == expected
