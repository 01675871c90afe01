"""Ingest speed and memory: bare spaCy parse vs the whole ``claims`` ingest, one and two processes.

    python benchmarks/ingest.py                 # PolNeAR train articles when present, else the example
    python benchmarks/ingest.py --articles 300 --sizes 100,800 --jobs 1,2 --batch-size 32
    python benchmarks/ingest.py --articles 120 --jobs 1 --dask local:2 --repeat 5 --sizes 120,480 --quiet 0.6

Every measurement runs in a fresh child process (so peak memory, ``ru_maxrss``, is that run's alone; with
``--jobs N`` the largest worker's peak is shown beside the main process's) and
times the work after the spaCy pipeline is loaded:

* ``bare``: ``nlp.pipe`` with the same spaCy pipeline without our components (``spacy.load(model)``);
* ``ingest``: :func:`claims.services.ingest.ingest` on the JSONL corpus into a new temporary SQLite database: read,
  parse, our components, speaker/actor resolution, storage (what ``claims ingest`` does after start-up).

Words are whitespace-separated tokens of the texts, the same count for both. The ratio is bare time /
ingest time (1.0: our side costs nothing). ``--jobs N`` passes ``n_process=N`` to spaCy. The memory runs
ingest corpora of different sizes (articles repeated with new ids) and print the peak resident size.

``--dask SPEC`` adds ``dask``: the same ingest with the pipeline on a Dask cluster (``local:N``, a
LocalCluster of N single-threaded worker processes, or a scheduler's ``tcp://HOST:8786``), timed after the
workers have loaded the pipeline; its peak memory is the client's and each worker's own (asked of the
workers before the cluster closes). With ``--dask`` the bare runs are left out (``--bare`` keeps them), each
round runs dask first, and the memory runs measure dask beside ``--jobs 1``. ``--quiet LOAD`` waits (up to
``--quiet-wait`` seconds per run) until the 1-minute load average is below LOAD before each run, and shows
the load each run started at.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POLNEAR = REPO.parent / "shared" / "data" / "polnear" / "train_articles.jsonl"
EXAMPLE = REPO / "examples" / "seed_article.txt"
sys.path.insert(0, str(REPO))  # runnable from a checkout that is not pip-installed


def corpus_records(limit: int | None) -> tuple[list[dict], str]:
    if POLNEAR.exists():
        with POLNEAR.open(encoding="utf-8") as f:
            records = [json.loads(line) for line in f if line.strip()]
        source = f"PolNeAR train ({POLNEAR})"
    else:
        text = EXAMPLE.read_text(encoding="utf-8")
        records = [{"id": "seed", "text": text}]
        source = f"{EXAMPLE.name} replicated"
    return records[:limit] if limit else records, source


def write_corpus(records: list[dict], size: int, folder: Path) -> Path:
    """``size`` articles (the records repeated with fresh ids) as JSONL."""
    path = folder / f"corpus-{size}.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(size):
            record = records[i % len(records)]
            f.write(json.dumps({"id": f"b{i:06d}", "text": record["text"], "title": record.get("title")}) + "\n")
    return path


def words_in(path: Path) -> int:
    with path.open(encoding="utf-8") as f:
        return sum(len(json.loads(line)["text"].split()) for line in f)


# ------------------------------------------------------------------------------------------ children


def child(kind: str, corpus: str, jobs: str, batch_size: int, model: str | None) -> dict:
    from claims.nlp.pipeline import choose_model

    name = choose_model(model)
    with open(corpus, encoding="utf-8") as f:
        n_docs = sum(1 for line in f if line.strip())
    if kind == "bare":
        import spacy

        nlp = spacy.load(name)

        def texts():
            with open(corpus, encoding="utf-8") as f:
                for line in f:
                    yield json.loads(line)["text"]

        start = time.perf_counter()
        for _ in nlp.pipe(texts(), batch_size=batch_size, n_process=int(jobs)):
            pass
        elapsed = time.perf_counter() - start
    elif kind == "dask":
        from claims.nlp.distributed import connect, parse_local
        from claims.services.ingest import ingest
        from db.engine import make_engine

        spec = jobs
        cluster = connect(local=parse_local(spec)) if spec.startswith("local:") else connect(scheduler=spec)
        with cluster, tempfile.TemporaryDirectory(prefix="claims-bench-") as folder:
            engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
            start = time.perf_counter()
            result = ingest([corpus], engine=engine, analyzer=cluster, batch_size=batch_size)
            elapsed = time.perf_counter() - start
            engine.dispose()
            # each worker's own peak, asked before the cluster closes (Linux: ru_maxrss in KiB)
            usage = cluster.client.run(resource.getrusage, resource.RUSAGE_SELF)
            workers = sorted(u.ru_maxrss / 1024 for u in usage.values())
        assert result.created == n_docs and not result.skipped, result.skipped[:3]
        return {
            "seconds": elapsed,
            "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "worker_maxrss_mb": max(workers),
            "workers_mb": workers,
        }
    else:
        from claims.nlp.pipeline import load_analyzer
        from claims.services.ingest import ingest
        from db.engine import make_engine

        analyzer = load_analyzer(name)
        with tempfile.TemporaryDirectory(prefix="claims-bench-") as folder:
            engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
            start = time.perf_counter()
            result = ingest([corpus], engine=engine, analyzer=analyzer, batch_size=batch_size, n_process=int(jobs))
            elapsed = time.perf_counter() - start
            engine.dispose()
        assert result.created == n_docs and not result.skipped, result.skipped[:3]
    return {
        "seconds": elapsed,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        # the largest of the worker processes (--jobs > 1), once they have been reaped
        "worker_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


QUIET: float | None = None  # --quiet: the 1-minute load to wait for before each run
QUIET_WAIT = 1200.0


def load_average() -> float:
    return os.getloadavg()[0]


def wait_until_quiet() -> float:
    """Wait (at most QUIET_WAIT seconds) for the 1-minute load to fall below QUIET; the load at the end."""
    deadline = time.monotonic() + QUIET_WAIT
    while QUIET is not None and load_average() >= QUIET and time.monotonic() < deadline:
        time.sleep(10)
    return load_average()


def run_child(kind: str, corpus: Path, jobs: int | str, batch_size: int, model: str | None) -> dict:
    load = wait_until_quiet()
    args = [sys.executable, __file__, "--child", kind, str(corpus), str(jobs), str(batch_size), model or ""]
    done = subprocess.run(args, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["load"] = load
    return result


# ---------------------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=None, help="Use only the first N corpus articles.")
    parser.add_argument("--jobs", default="1,2", help="Process counts to compare (comma-separated).")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--sizes", default="100,800", help="Corpus sizes for the memory runs ('' to skip).")
    parser.add_argument("--model", default=None)
    parser.add_argument("--repeat", type=int, default=1, help="Runs per measurement, taking turns; the fastest counts.")
    parser.add_argument("--dask", default=None, help="Also ingest on this Dask cluster: local:N or tcp://HOST:PORT.")
    parser.add_argument("--bare", action="store_true", help="With --dask: keep the bare nlp.pipe runs.")
    parser.add_argument("--quiet", type=float, default=None, help="Before each run, wait for the load to fall below.")
    parser.add_argument("--quiet-wait", type=float, default=1200.0, help="Longest wait for --quiet (seconds).")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        kind, corpus, jobs, batch_size, model = options.child
        print(json.dumps(child(kind, corpus, jobs, int(batch_size), model or None)))
        return
    global QUIET, QUIET_WAIT
    QUIET, QUIET_WAIT = options.quiet, options.quiet_wait

    records, source = corpus_records(options.articles)
    jobs = [int(j) for j in options.jobs.split(",") if j]
    print(f"corpus: {source}, {len(records)} articles; batch size {options.batch_size}; {os.cpu_count()} CPU(s)")
    with tempfile.TemporaryDirectory(prefix="claims-bench-") as tmp:
        folder = Path(tmp)
        corpus = write_corpus(records, len(records), folder)
        words = words_in(corpus)
        print(f"{words:,} words")

        def best(kind: str, n: int | str, path: Path = corpus) -> dict:
            runs = [run_child(kind, path, n, options.batch_size, options.model) for _ in range(options.repeat)]
            return min(runs, key=lambda r: r["seconds"])

        # The runs take turns (bare 1, ingest 1, bare 2, ingest 2, then again; with --dask, dask first) so
        # that a slow spell of a shared machine hits all of them alike; the table shows each one's fastest.
        kinds = ("bare", "ingest") if options.bare or not options.dask else ("ingest",)
        combos: list[tuple[str, int | str]] = [(kind, n) for n in jobs for kind in kinds]
        if options.dask:
            combos.insert(0, ("dask", options.dask))
        runs: dict[tuple[str, int | str], list[dict]] = {combo: [] for combo in combos}
        for _ in range(options.repeat):
            for kind, n in combos:
                runs[kind, n].append(run_child(kind, corpus, n, options.batch_size, options.model))

        def label(kind: str, n: int | str) -> str:
            return f"dask {n}" if kind == "dask" else f"{kind} --jobs {n}"

        speeds: dict[tuple[str, int | str], float] = {}
        print(f"\n{'run':<22}{'seconds':>9}{'words/s':>10}{'peak MB':>9}{'worker MB':>11}{'load':>6}")
        for kind, n in combos:
            r = min(runs[kind, n], key=lambda run: run["seconds"])
            speeds[kind, n] = words / r["seconds"]
            worker = f"{r['worker_maxrss_mb']:.0f}" if kind == "dask" or n != 1 else "-"
            print(
                f"{label(kind, n):<22}{r['seconds']:>9.2f}{speeds[kind, n]:>10,.0f}{r['maxrss_mb']:>9.0f}"
                f"{worker:>11}{r['load']:>6.2f}"
            )

        # A shared machine's speed drifts between runs, so each ratio is taken within one round of turns
        # (runs a minute apart) and the median over the rounds is reported.
        def median_ratio(top: tuple[str, int | str], bottom: tuple[str, int | str]) -> float:
            ratios = sorted(b["seconds"] / t["seconds"] for t, b in zip(runs[top], runs[bottom], strict=True))
            middle = len(ratios) // 2
            return ratios[middle] if len(ratios) % 2 else (ratios[middle - 1] + ratios[middle]) / 2

        rounds = f" (median of {options.repeat} rounds)" if options.repeat > 1 else ""
        print()
        for n in jobs:
            if ("bare", n) in runs:
                target = " (target >= 0.8)" if n == 1 else ""
                print(f"ratio ingest/bare, --jobs {n}: {median_ratio(('ingest', n), ('bare', n)):.2f}{target}{rounds}")
        for n in jobs:
            if n != 1 and ("ingest", 1) in speeds:
                gain = median_ratio(("ingest", n), ("ingest", 1))
                bare_gain = f", bare: x{median_ratio(('bare', n), ('bare', 1)):.2f}" if ("bare", n) in runs else ""
                target = " (target >= 1.6)" if n == 2 else ""
                print(f"ingest --jobs {n} vs --jobs 1: x{gain:.2f}{target}{bare_gain}{rounds}")
        if options.dask and ("ingest", 1) in speeds:
            gain = median_ratio(("dask", options.dask), ("ingest", 1))
            print(f"ingest on dask {options.dask} vs --jobs 1: x{gain:.2f} (target >= 1.6 with local:2){rounds}")
        if options.repeat > 1:
            print("\nseconds per round (load at the start of each run): " + ", ".join(label(*c) for c in combos))
            for k in range(options.repeat):
                print("  " + "  ".join(f"{runs[c][k]['seconds']:7.2f} ({runs[c][k]['load']:.2f})" for c in combos))

        sizes = [int(s) for s in options.sizes.split(",") if s]
        if sizes:
            # spaCy's string store keeps every new word it has seen, so even a bare parse grows a little
            # with the vocabulary of the corpus; the bare run beside the ingest shows how much that is.
            if options.dask:
                print(f"\npeak memory as the corpus grows, ingest --jobs 1 and on dask {options.dask}:")
            else:
                print("\npeak memory (--jobs 1) as the corpus grows, bare parse and ingest:")
            for size in sizes:
                path = write_corpus(records, size, folder)
                head = f"  {size:>6} articles ({words_in(path):>9,} words):"
                if options.dask:
                    full, on_dask = best("ingest", 1, path), best("dask", options.dask, path)
                    workers = ", ".join(f"{mb:.0f}" for mb in on_dask["workers_mb"])
                    print(
                        f"{head} ingest --jobs 1 {full['maxrss_mb']:.0f} MB ({full['seconds']:.1f} s);"
                        f" dask client {on_dask['maxrss_mb']:.0f} MB, workers {workers} MB ({on_dask['seconds']:.1f} s)"
                    )
                else:
                    bare, full = best("bare", 1, path), best("ingest", 1, path)
                    print(
                        f"{head} bare {bare['maxrss_mb']:.0f} MB,"
                        f" ingest {full['maxrss_mb']:.0f} MB ({full['seconds']:.1f} s)"
                    )


if __name__ == "__main__":
    main()
