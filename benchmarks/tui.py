"""Review app speed on a generated database: first paint and filter latency.

    python benchmarks/tui.py [--claims 100000] [--db PATH]

Generates (once; reused when PATH exists) a SQLite database with N claims over N/100 documents, 500 speakers,
20 actors, topics and disputes, inserted directly with SQL. Then runs the app headless and measures:
first paint (app start until the first page of claims is in the table) and, for several filters, the time
from applying the filter until its first page is shown (and until the total count is shown).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402
from sqlmodel import Session  # noqa: E402

from db.engine import make_engine  # noqa: E402
from db.models import Actor, Claim, ClaimTopic, Dispute, DisputeClaim, Document, Speaker, Topic  # noqa: E402

WORDS = "officials said talks ceasefire convoy attack minister agreement border grain port strike aid".split()


def generate(path: Path, claims: int) -> None:
    rng = random.Random(7)
    engine = make_engine(f"sqlite:///{path}")
    per_doc = 100
    documents = max(1, claims // per_doc)
    now = datetime(2024, 1, 1, tzinfo=UTC)
    with Session(engine) as session:
        session.execute(insert(Actor), [{"name": f"Country {i}", "created_at": now} for i in range(20)])
        session.execute(
            insert(Speaker),
            [
                {"name": f"Speaker {i}", "name_key": f"speaker {i}", "organisation_key": "", "actor_id": i % 20 + 1,
                 "created_at": now}
                for i in range(500)
            ],
        )  # fmt: skip
        texts = []
        for _ in range(documents):
            sentences = [" ".join(rng.choice(WORDS) for _ in range(12)) + "." for _ in range(per_doc)]
            texts.append(" ".join(sentences))
        session.execute(
            insert(Document),
            [
                {"external_id": f"doc-{d:05d}", "title": f"Document {d}", "text": t, "content_hash": str(d),
                 "metadata_json": "{}", "pipeline_version": "bench", "created_at": now, "updated_at": now}
                for d, t in enumerate(texts)
            ],
        )  # fmt: skip
        rows = []
        for d, text in enumerate(texts):
            pos = 0
            for _ in range(per_doc):
                end = text.index(".", pos) + 1
                rows.append(
                    {"document_id": d + 1, "sentence_start": pos, "sentence_end": end, "content_start": pos + 5,
                     "content_end": end - 1, "cue_start": pos, "cue_end": pos + 4, "extra_cues_json": "[]",
                     "source_text": "someone", "speaker_id": rng.randint(1, 500), "actor_id": rng.randint(1, 20),
                     "kind": rng.choice(["direct", "indirect", "mixed", "unattributed"]),
                     "confidence": rng.random(), "status": rng.choice(["auto"] * 8 + ["accepted", "rejected"]),
                     "pipeline_version": "bench", "paragraph": 0, "version": 1, "created_at": now,
                     "updated_at": now}
                )  # fmt: skip
                pos = end + 1
        for start in range(0, len(rows), 20000):
            session.execute(insert(Claim), rows[start : start + 20000])
        session.execute(
            insert(Topic), [{"label": f"Topic {i}", "status": "auto", "created_at": now} for i in range(200)]
        )
        session.execute(
            insert(ClaimTopic),
            [{"claim_id": c, "topic_id": c % 200 + 1, "status": "auto"} for c in range(1, len(rows) + 1, 3)],
        )
        session.execute(
            insert(Dispute),
            [{"topic_id": i % 200 + 1, "kind": "blame", "reason": "r", "confidence": 0.5, "status": "auto",
              "created_at": now, "updated_at": now, "version": 1} for i in range(1000)],
        )  # fmt: skip
        session.execute(
            insert(DisputeClaim),
            [{"dispute_id": i // 4 + 1, "claim_id": i * 25 + 1, "side": f"Country {i % 2}"} for i in range(4000)],
        )
        session.commit()
    engine.dispose()


async def settle(pilot) -> None:
    from textual.worker import WorkerCancelled, WorkerState

    while True:
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass
        await pilot.pause()
        if not [w for w in pilot.app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]:
            return


async def measure(path: Path) -> dict:
    from textual.widgets import DataTable

    from tui.app import ClaimsApp
    from tui.queries import ReviewFilter
    from tui.screens import ClaimsScreen

    started = time.perf_counter()
    engine = make_engine(f"sqlite:///{path}")
    app = ClaimsApp(engine=engine, reviewer="bench")
    results: dict = {}
    async with app.run_test(size=(120, 36)) as pilot:
        screen = None
        while True:
            await asyncio.sleep(0.002)
            if isinstance(app.screen, ClaimsScreen) and app.screen.rows:
                screen = app.screen
                break
        table = screen.query_one("#claims-table", DataTable)
        results["first paint"] = time.perf_counter() - started
        while screen.total is None:
            await asyncio.sleep(0.002)
        results["first count"] = time.perf_counter() - started
        filters = {
            "status=accepted": ReviewFilter(status="accepted"),
            "kind=direct": ReviewFilter(kind="direct"),
            "speaker=Speaker 42": ReviewFilter(speaker="Speaker 42"),
            "actor=Country 3": ReviewFilter(actor="Country 3"),
            "document=doc-00500": ReviewFilter(document="doc-00500"),
            "topic=Topic 17": ReviewFilter(topic="Topic 17"),
            "disputed only": ReviewFilter(disputed=True),
            "search 'convoy attack'": ReviewFilter(search="convoy attack"),
            "search (no match)": ReviewFilter(search="zzzz"),
            "status=rejected+kind=mixed": ReviewFilter(status="rejected", kind="mixed"),
        }
        for name, f in filters.items():
            page, count, exact = [], [], []
            for _ in range(3):
                screen.apply_filter(ReviewFilter())
                await settle(pilot)
                t = time.perf_counter()
                generation = screen.generation + 1
                screen.apply_filter(f)
                while screen.loading or screen.generation != generation:
                    await asyncio.sleep(0.001)
                page.append(time.perf_counter() - t)
                while screen.total is None:
                    await asyncio.sleep(0.001)
                count.append(time.perf_counter() - t)
                while not screen.total_exact:
                    await asyncio.sleep(0.001)
                exact.append(time.perf_counter() - t)
            results[name] = (
                statistics.median(page),
                statistics.median(count),
                statistics.median(exact),
                table.row_count,
                screen.total,
            )
    engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/claims-tui-bench.db"))
    args = parser.parse_args()
    if not args.db.exists():
        t = time.perf_counter()
        generate(args.db, args.claims)
        print(f"generated {args.claims:,} claims in {time.perf_counter() - t:.1f} s → {args.db}")
    results = asyncio.run(measure(args.db))
    print(f"first paint: {results.pop('first paint') * 1000:.0f} ms (total count shown at "
          f"{results.pop('first count') * 1000:.0f} ms)")  # fmt: skip
    # "count": when the status line first shows a total (for a broad search, a floor such as "1,000+");
    # "exact": when it shows the exact total.
    print(f"{'filter':32} {'first page':>11} {'count':>9} {'exact':>9} {'rows':>6} {'total':>8}")
    for name, (page, count, exact, rows, total) in results.items():
        print(f"{name:32} {page * 1000:8.0f} ms {count * 1000:6.0f} ms {exact * 1000:6.0f} ms {rows:6} {total:8,}")


if __name__ == "__main__":
    main()
