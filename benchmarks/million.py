"""Is the CLI responsive on a big database? Generates a database of a million claims and times commands.

    python benchmarks/million.py                       # 1,000,000 claims in a temporary SQLite file
    python benchmarks/million.py --claims 200000 --keep big.db
    python benchmarks/million.py --db postgresql+psycopg://postgres@127.0.0.1:55432/bench

The data is synthetic (10,000 documents, 2,000 speakers, 60 actors, claims spread unevenly over them, a
few thousand reviewed). Each command runs as a real ``claims`` process (``python -m claims.cli``); the time
shown is its whole wall time, start-up included (start-up alone: ``claims --version``).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from db.engine import make_engine  # noqa: E402

KINDS = ["direct", "indirect", "indirect", "indirect", "mixed", "unattributed"]
TEXT = ("Officials said the talks would resume in spring, according to the ministry. " * 40).strip()


def generate(url: str, n_claims: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    n_docs, n_speakers, n_actors = max(1, n_claims // 100), 2000, 60
    engine = make_engine(url)
    meta = sa.MetaData()
    meta.reflect(engine)
    t = meta.tables
    with engine.begin() as c:
        c.execute(
            t["actor"].insert(), [{"id": i, "name": f"Country {i}", "created_at": now} for i in range(1, n_actors + 1)]
        )
        c.execute(
            t["speaker"].insert(),
            [
                {
                    "id": i,
                    "name": f"Speaker {i}",
                    "name_key": f"speaker {i}",
                    "organisation_key": "",
                    "actor_id": 1 + int(rng.paretovariate(1.2)) % n_actors,
                    "created_at": now,
                }
                for i in range(1, n_speakers + 1)
            ],
        )
        for start in range(0, n_docs, 2000):
            c.execute(
                t["document"].insert(),
                [
                    {
                        "id": i,
                        "external_id": f"doc{i:07d}",
                        "title": f"Document {i}",
                        "metadata_json": "{}",
                        "text": TEXT,
                        "content_hash": f"{i:064d}",
                        "pipeline_version": "bench",
                        "created_at": now,
                        "updated_at": now,
                    }
                    for i in range(start + 1, min(n_docs, start + 2000) + 1)
                ],
            )
    chunk = 20000
    done = 0
    started = time.perf_counter()
    while done < n_claims:
        rows = []
        for i in range(done + 1, min(n_claims, done + chunk) + 1):
            doc = 1 + (i - 1) * n_docs // n_claims
            speaker = 1 + int(rng.paretovariate(1.1)) % n_speakers
            offset = rng.randrange(0, len(TEXT) - 80)
            status = "auto" if rng.random() > 0.005 else rng.choice(["accepted", "corrected", "rejected"])
            rows.append(
                {
                    "document_id": doc,
                    "sentence_start": offset,
                    "sentence_end": offset + 75,
                    "content_start": offset + 15,
                    "content_end": offset + 60,
                    "cue_start": offset + 10,
                    "cue_end": offset + 14,
                    "extra_cues_json": "[]",
                    "source_start": offset,
                    "source_end": offset + 9,
                    "source_text": "Officials",
                    "speaker_id": speaker,
                    "actor_id": 1 + (speaker * 7) % n_actors if rng.random() > 0.2 else None,
                    "kind": rng.choice(KINDS),
                    "confidence": round(rng.random(), 3),
                    "status": status,
                    "pipeline_version": "bench",
                    "paragraph": 0,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        with engine.begin() as c:
            c.execute(t["claim"].insert(), rows)
        done += len(rows)
        print(f"\r  {done:,} claims ({time.perf_counter() - started:.0f} s)", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    with engine.begin() as c:
        if engine.dialect.name == "postgresql":
            for table in ("document", "speaker", "actor", "claim"):
                c.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                )
            c.exec_driver_sql("ANALYZE")
        else:
            c.exec_driver_sql("ANALYZE")
    engine.dispose()


def timed(url: str, *args: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "claims.cli", "--db", url, *args], cwd=REPO, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"claims {' '.join(args)} failed: {done.stderr.strip()}")
    return elapsed, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--db", help="Use this (empty) database instead of a temporary SQLite file.")
    parser.add_argument("--keep", help="SQLite file to create and keep (instead of a temporary one).")
    parser.add_argument("--reuse", action="store_true", help="The database is already filled: only time.")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claims-million-") as tmp:
        url = options.db or f"sqlite:///{options.keep or Path(tmp) / 'million.db'}"
        if not options.reuse:
            started = time.perf_counter()
            print(f"generating {options.claims:,} claims in {url} ...", file=sys.stderr)
            generate(url, options.claims)
            print(f"generated in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        commands = [
            ("--version",),
            ("stats",),
            ("list",),
            ("list", "--actor", "Country 2"),
            ("list", "--actor", "Country 59"),
            ("list", "--speaker", "Speaker 1999"),
            ("list", "--speaker", "Speaker 7"),
            ("list", "--kind", "mixed", "--status", "corrected"),
            ("list", "--document", "doc0005000"),
            ("show", "500000"),
        ]
        print(f"{'command':<48}{'seconds':>8}")
        for args in commands:
            best = min(timed(url, *args)[0] for _ in range(2))
            print(f"claims {' '.join(args):<41}{best:>8.2f}")


if __name__ == "__main__":
    main()
