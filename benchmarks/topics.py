"""Topics and disputes at the speed of ingest: bare ``nlp.pipe`` against the whole ingest (parse, our
components with the parse features, storage, the incremental topic and dispute update, an export), in one
process and one run, taking turns, so the ratio is measured on the same machine state.

    python benchmarks/topics.py                       # PolNeAR dev into an empty database
    python benchmarks/topics.py --base train          # ... into a database already holding PolNeAR train
    python benchmarks/topics.py --rounds 3

The ratio is bare seconds / ingest seconds (target: >= 0.8 into an empty database, >= 0.7 into the one
holding the train articles); with ``--base`` the script also checks that every dev claim ends in a topic.
The CPU-time ratio is printed too: on a shared machine it moves less with the other processes' load.

Measured (issue 12, ingest speed; PolNeAR dev into an empty database, on a machine shared with other jobs,
load average 3-6, so bare parses took 26-57 s instead of ~12 s quiet; medians of 2-3 rounds, wall / CPU):

| code | hybrid | rules |
|---|---|---|
| before (230505f) | 0.54 / 0.52 | 0.68 / 0.59 |
| after (components, storage, export speedups) | 0.63 / 0.58 | 0.72 / 0.71 |

Both bars still missed; the topic and dispute update (clustering, dispute finding) is now the largest
single cost after the parse, then our spaCy components (topic features, with the stance reading; the
learned attributor's candidates).

Issue 12, second pass (2026-12-03, hybrid; machine shared, load average 3.7-5.2, bare parse 34-39 s wall
instead of ~16 s quiet, so take the CPU-time ratios as the steadier figure): spaCy's attribute ruler and
lemmatizer replaced by lookup stand-ins with the same tokens (``claims/nlp/fast_pipes.py``; their first pass
over dev 2.05 + 1.72 s -> 0.38 + 0.19 s CPU), the export from plain columns in one query (30,769 claims
5.0 -> 1.55 s CPU), stored features decoded with orjson and not at all for claims without an actor in the
dispute update. Outputs (export, disputes, topics) byte-identical to before, empty and train databases.

| case | main (393faf4), wall / CPU | this branch, wall / CPU |
|---|---|---|
| dev into an empty database, load 3.7-4.4 (``--rounds 3``) | | 0.81, 0.76, 0.82 / 0.74, 0.78, 0.77 |
| the same, load 2.8-3.0, in turns (``--rounds 2``) | 0.71, 0.39 / 0.66, 0.42 | 0.75, 0.80 / 0.72, 0.81 |
| dev into the train database, load 4.2-5.2 (``--base-db``) | | 0.54, 0.69 / 0.60, 0.63 |
| the same, load 3.0-3.4, in turns (``--rounds 1``) | 0.44 / 0.48 | 0.60 / 0.65 |

(main's second empty round, 0.39, fell on a burst of the other jobs' load.)

Into an empty database the 0.8 bar is reached in some rounds (median 0.81 wall / 0.77 CPU over three;
0.72-0.81 CPU per round); into the train database 0.7 is not (0.69 at best): the topic and dispute update
there still takes about 5 s CPU (the clustering of the new claims, reading the candidates' stored features
and every touched topic's members for its disputes) and the export of all 34,107 claims about 1.7 s.

Issue 12, third pass (2026-12-03, default ``model`` attributor, pipeline 0.3.3; train database rebuilt by
today's code, 29,003 train claims; machine shared, load average 0.8-2.9). Into the train database the ratio is
now what the issue's bar (2) says: ingest + topic and dispute update; the export of all 32,137 claims
(1.4-2.1 s) is printed apart. Changes: the actors a text names found by an alias index
(``claims.analysis.facts.AliasMatcher``) instead of one regular expression of every name compiled per
update (0.45 s per build); the dispute recomputation reads only the touched topics' claims with an actor;
stored candidate weights take in the events without a ClaimFacts per claim; each idf computed once.
Exports, disputes and topics byte-identical (empty and train databases). The update alone (train + dev
stored, ``recompute_after_change``, in turns, load 1.3-1.7): HEAD 6.0, 6.2 s CPU -> 3.7-4.3 s.

| case (wall / CPU per round) | before (3076527) | after |
|---|---|---|
| into train (``--base-db``, 2 rounds, in turns, load 0.6-1.2) | 0.79, 0.59 / 0.78, 0.59 | 0.79, 0.75 / 0.76, 0.74 |
| the same, update seconds | 5.1, 5.8 | 4.3, 4.4 |
| into train, an earlier after-run (load 1.9-2.0) | | 0.74, 0.58 / 0.73, 0.58 |
| into an empty database (3 rounds, load 1.7-2.9) | not re-measured | 0.59, 0.55, 0.65 / 0.63, 0.61, 0.79 |

The first round of a run includes the bare pipeline's first pass over the texts (its lookups fill: bare
19-24 s, later rounds 15-20 s), which flatters the ratio; with two rounds the printed median is the higher
one: read the rounds. Bar (2) is reached in 3 of 4 rounds of this branch (one 0.58), bar (1) not at this
load: the parse's own components (topic features and stance reader about 3.3 s CPU, learned attributor
1.8 s, claims 1.1 s) and storage remain; the update is no longer the largest cost.

Issue 12, fourth pass (2026-12-03): both pipelines now parse dev's first batch before round 1 (warm-up), so
round 1 no longer includes the bare parse's slower first pass. Noun chunks are read only in the claims'
sentences, the negation of a token once. Our components on parsed dev (CPU, two passes each, load 2.3-3.0):
claims_features 2.61, 2.81 -> 1.98, 1.85 s; claims_attribution 1.59, 1.86 -> 1.37, 1.54 s; claims_claims
1.08, 1.08 -> 1.09, 0.87 s (the last two untouched: noise). Exports, disputes, topics byte-identical.
Into an empty database (``--rounds 3``, both with the warm-up, one after the other, load 1.4-2.2):
before (e4b7e12) 0.72, 0.73, 0.82 / 0.73, 0.73, 0.80; after 0.92, 0.70, 0.74 / 0.91, 0.71, 0.66. The
rounds move more with the machine's load than with the ~0.8 s saved: bar (1) is still not reached reliably.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POLNEAR = REPO.parent / "shared" / "data" / "polnear"
sys.path.insert(0, str(REPO))


def records(name: str) -> list[dict]:
    with (POLNEAR / f"{name}_articles.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", choices=["train"], default=None, help="Ingest these articles first.")
    parser.add_argument("--base-db", help="Start from a copy of this SQLite file (e.g. train already ingested).")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    options = parser.parse_args()

    import shutil

    import spacy
    from sqlmodel import Session, func, select

    from claims.io.export import export_claims
    from claims.io.readers import Article
    from claims.nlp.pipeline import load_analyzer
    from claims.services.disputes import recompute_after_change
    from claims.services.ingest import ingest_articles
    from db.engine import make_engine
    from db.models import Claim, ClaimTopic, Document

    analyzer = load_analyzer()
    bare = spacy.load(analyzer.model_name)
    dev = records("dev")
    texts = [r["text"] for r in dev]
    words = sum(len(t.split()) for t in texts)

    def articles(rows: list[dict], prefix: str) -> list[Article]:
        return [Article(origin=r["id"], external_id=f"{prefix}{r['id']}", text=r["text"]) for r in rows]

    with tempfile.TemporaryDirectory(prefix="claims-topics-") as tmp:
        base = Path(tmp) / "base.db"
        if options.base_db:
            shutil.copy(options.base_db, base)
        engine = make_engine(f"sqlite:///{base}")
        if options.base and not options.base_db:
            start, cpu = time.perf_counter(), time.process_time()
            ingest_articles(articles(records(options.base), "base-"), engine=engine, analyzer=analyzer)
            done, message = recompute_after_change(engine, nlp=analyzer.nlp)
            print(f"base: {options.base} ingested in {time.perf_counter() - start:.0f} s; {message}")
        engine.dispose()
        with_base = bool(options.base or options.base_db)
        print(f"dev: {len(dev)} articles, {words:,} words; {options.rounds} round(s), bare then ingest")
        if with_base:
            print("ingest = ingest + topic and dispute update (the export of every claim is timed apart, not in it)")
        else:
            print("ingest = ingest + topic and dispute update + an export of every claim")
        # warm-up: both pipelines parse a few texts first, so round 1's bare parse does not include the
        # slower first pass (lookups and caches filling) that would flatter the ratio
        warm = texts[: options.batch_size]
        for _ in bare.pipe(warm, batch_size=options.batch_size):
            pass
        for _ in analyzer.pipe(warm, batch_size=options.batch_size):
            pass
        ratios, cpu_ratios = [], []
        for k in range(options.rounds):
            start, cpu = time.perf_counter(), time.process_time()
            for _ in bare.pipe(texts, batch_size=options.batch_size):
                pass
            bare_s, bare_cpu = time.perf_counter() - start, time.process_time() - cpu
            path = Path(tmp) / f"round{k}.db"
            shutil.copy(base, path)
            engine = make_engine(f"sqlite:///{path}")
            start, cpu = time.perf_counter(), time.process_time()
            ingest_articles(articles(dev, "dev-"), engine=engine, analyzer=analyzer, batch_size=options.batch_size)
            parsed = time.perf_counter() - start
            result, message = recompute_after_change(engine, nlp=analyzer.nlp)
            topics_s = time.perf_counter() - start - parsed
            if with_base:  # issue 12's bar (2) is ingest + topic and dispute update: the export is timed apart
                ingest_s, ingest_cpu = time.perf_counter() - start, time.process_time() - cpu
            export_start, export_cpu = time.perf_counter(), time.process_time()
            with Session(engine) as session:
                exported = export_claims(io.StringIO(), session=session)
            export_s, export_cpu = time.perf_counter() - export_start, time.process_time() - export_cpu
            if not with_base:  # bar (1): ingest, topics and disputes, then an export
                ingest_s, ingest_cpu = time.perf_counter() - start, time.process_time() - cpu
            with Session(engine) as session:
                dev_claims = select(Claim.id).join(Document).where(Document.external_id.startswith("dev-"))  # type: ignore[attr-defined]
                total = session.exec(select(func.count()).select_from(dev_claims.subquery())).one()
                placed = session.exec(
                    select(func.count()).select_from(ClaimTopic).where(ClaimTopic.claim_id.in_(dev_claims))  # type: ignore[attr-defined]
                ).one()
            engine.dispose()
            ratios.append(bare_s / ingest_s)
            cpu_ratios.append(bare_cpu / ingest_cpu)
            export_note = "not in the ratio" if with_base else "in the ratio"
            print(
                f"round {k + 1}: bare {bare_s:.1f} s; ingest {ingest_s:.1f} s (topics and disputes {topics_s:.1f} s); "
                f"ratio {bare_s / ingest_s:.2f}; dev claims in a topic {placed}/{total}"
            )
            print(f"  export of {exported} claims: {export_s:.1f} s wall, {export_cpu:.1f} s CPU ({export_note})")
            print(f"  CPU: bare {bare_cpu:.1f} s, ingest {ingest_cpu:.1f} s; ratio {bare_cpu / ingest_cpu:.2f}")
            print(f"  {message}")
        target = 0.7 if with_base else 0.8
        ratios.sort()
        cpu_ratios.sort()
        print(f"load average: {open('/proc/loadavg').read().split()[:3]}")
        print(f"ratio ingest/bare: median {ratios[len(ratios) // 2]:.2f} (target >= {target})")
        # on a shared machine the CPU-time ratio moves less with the other processes' load than the wall one
        print(f"CPU-time ratio ingest/bare: median {cpu_ratios[len(cpu_ratios) // 2]:.2f}")


if __name__ == "__main__":
    main()
