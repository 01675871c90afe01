"""Is the CLI responsive on a big database? Generates a database of a million claims and times commands.

    python benchmarks/million.py                       # 1,000,000 claims in a temporary SQLite file
    python benchmarks/million.py --claims 200000 --keep big.db
    python benchmarks/million.py --db postgresql+psycopg://postgres@127.0.0.1:55432/bench
    python benchmarks/million.py --topics              # + add 10 articles (topics and disputes updated)
    python benchmarks/million.py --claims 100000 --rebuild --skip-commands   # time `claims topics --rebuild`

Every generated claim carries parse features (``claim.features_json``), in topics (``claim_topic``) and in
the topic index (``feature_term``, ``claim_term``), as ingest leaves them: the features are real ones, read
by the pipeline from the example articles (``benchmarks/articles/*.txt``) and varied per story (each
generated document belongs to a story of a few documents; most of a claim's words are renamed for its
story, so stories share only common words). ``--topics`` then ingests 10 example articles in this process
and times the incremental topic and dispute update; ``--rebuild`` runs ``claims topics --rebuild`` as a
process and reports its wall time and peak memory (RSS).

The data is synthetic (10,000 documents, 2,000 speakers, 60 actors, claims spread unevenly over them, a
few thousand reviewed). Each command runs as a real ``claims`` process (``python -m claims.cli``); the time
shown is its whole wall time, start-up included (start-up alone: ``claims --version``).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from db.engine import make_engine  # noqa: E402

KINDS = ["direct", "indirect", "indirect", "indirect", "mixed", "unattributed"]
ARTICLES = REPO / "benchmarks" / "articles"
DOCS_PER_STORY = 3
THREADS_PER_STORY = 12  # topics per story: a claim is about one of them (about 25 claims a topic)
STORY_SHARE = 0.7  # share of a claim's words renamed for its story (the rest: words all stories share)
TEXT = ("Officials said the talks would resume in spring, according to the ministry. " * 40).strip()


def generate(url: str, n_claims: int, seed: int = 1, pool: list[dict] | None = None) -> None:
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
            features = None
            if pool:
                features = json.dumps(
                    vary(rng.choice(pool), topic_of(doc, i), (offset + 15, offset + 60), (offset + 10, offset + 14))
                )
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
                    "features_json": features,
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
    if pool:
        index_and_topics(engine, t, n_claims, now)
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


def feature_pool() -> list[dict]:
    """Parse features of real claims: the example articles read by the pipeline (a few hundred records)."""
    from claims.nlp.pipeline import load_analyzer

    analyzer = load_analyzer()
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    pool = [c.parse.to_dict() for a in analyzer.pipe(texts) for c in a.claims if c.parse and c.parse.weights]
    print(f"feature pool: {len(pool)} claims of {len(texts)} example articles", file=sys.stderr)
    return pool


def story_of(doc: int) -> int:
    return (doc - 1) // DOCS_PER_STORY


def topic_of(doc: int, claim: int) -> int:
    """The generated topic of a claim: one of its story's threads (0-based)."""
    return story_of(doc) * THREADS_PER_STORY + zlib.crc32(str(claim).encode()) % THREADS_PER_STORY


def _rename(key: str, story: int) -> str:
    """A feature of the claim's story: the same word, told apart per story (stable within a story)."""
    if zlib.crc32(f"{key}|{story}".encode()) % 10 >= STORY_SHARE * 10:
        return key
    return f"{key}~{story}"


def vary(record: dict, story: int, content: tuple[int, int], cue: tuple[int, int]) -> dict:
    """A pool record made a claim of ``story``: its words (weights, labels, stance lemmas) renamed for the
    story, its spans those of the generated claim (so nothing is read again)."""
    out = dict(record)
    out["weights"] = {_rename(k, story): w for k, w in record["weights"].items()}
    out["labels"] = [
        [text, [[_rename(k, story) for k in keys] for keys in features], pen, head]
        for text, features, pen, head in record["labels"]
    ]
    out["spans"] = [list(content), list(cue)]
    out["previous"] = None
    out["anaphor"] = False
    return out


def index_and_topics(engine: sa.Engine, t: dict, n_claims: int, now: datetime) -> None:
    """What ingest and the topic update leave: one topic per story, every claim in it, the topic index
    (document frequencies and each claim's most distinctive features) and the topic state."""
    from claims.services.topics import INDEXED_TERMS

    started = time.perf_counter()
    claim_t = t["claim"]
    df: dict[str, int] = {}
    with engine.connect() as c:
        for (features,) in c.execute(sa.select(claim_t.c.features_json)).yield_per(20000):
            for k in json.loads(features)["weights"]:
                df[k] = df.get(k, 0) + 1
    term_id = {k: i for i, k in enumerate(df, start=1)}
    with engine.begin() as c:
        terms = [{"id": i, "term": k, "df": df[k]} for k, i in term_id.items()]
        for start in range(0, len(terms), 20000):
            c.execute(t["feature_term"].insert(), terms[start : start + 20000])
    n_docs = max(1, n_claims // 100)
    n_stories = (story_of(n_docs) + 1) * THREADS_PER_STORY
    with engine.begin() as c:
        c.execute(
            t["topic"].insert(),
            [{"id": s + 1, "label": f"Topic {s + 1}", "status": "auto", "created_at": now} for s in range(n_stories)],
        )
    idf = {k: math.log((1 + n_claims) / (1 + n)) + 1.0 for k, n in df.items()}
    done = 0
    read = engine.connect()
    batch_terms: list[dict] = []
    batch_topics: list[dict] = []
    for claim_id, doc, features in read.execute(
        sa.select(claim_t.c.id, claim_t.c.document_id, claim_t.c.features_json)
        .where(claim_t.c.status != "rejected")
        .order_by(claim_t.c.id)
    ).yield_per(20000):
        weights = json.loads(features)["weights"]
        v = {k: ((1 + math.log(x)) if x >= 1 else x) * idf[k] for k, x in weights.items() if x > 0}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        for k, x in sorted(v.items(), key=lambda kv: -kv[1])[:INDEXED_TERMS]:
            batch_terms.append({"term_id": term_id[k], "claim_id": claim_id, "weight": round(x / norm, 4)})
        batch_topics.append({"claim_id": claim_id, "topic_id": topic_of(doc, claim_id) + 1, "status": "auto"})
        if len(batch_topics) >= 20000:
            with engine.begin() as c:
                c.execute(t["claim_term"].insert(), batch_terms)
                c.execute(t["claim_topic"].insert(), batch_topics)
            done += len(batch_topics)
            batch_terms, batch_topics = [], []
            print(f"\r  indexed {done:,} claims ({time.perf_counter() - started:.0f} s)", end="", file=sys.stderr)
    read.close()
    with engine.begin() as c:
        if batch_topics:
            c.execute(t["claim_term"].insert(), batch_terms)
            c.execute(t["claim_topic"].insert(), batch_topics)
        c.execute(t["topic_state"].delete())
        # after the claims' own times: claims changed "since" the update would all be looked at again
        later = now + timedelta(seconds=1)
        c.execute(t["topic_state"].insert(), [{"id": 1, "updated_at": later, "claims": n_claims}])
    print(f"\n  index: {len(df):,} features, topics: {n_stories:,}", file=sys.stderr)


def add_articles(url: str, n: int = 10) -> None:
    """Ingest ``n`` example articles into the generated database; time the topic and dispute update."""
    from claims.io.readers import Article
    from claims.nlp.pipeline import load_analyzer
    from claims.services.disputes import recompute_after_change
    from claims.services.ingest import ingest_articles

    analyzer = load_analyzer()
    paths = sorted(ARTICLES.glob("*.txt"))[:n]
    articles = [
        Article(origin=p.name, external_id=f"added-{p.stem}", text=p.read_text(encoding="utf-8")) for p in paths
    ]
    engine = make_engine(url)
    started = time.perf_counter()
    ingest_articles(articles, engine=engine, analyzer=analyzer)
    parsed = time.perf_counter() - started
    started = time.perf_counter()
    result, message = recompute_after_change(engine, nlp=analyzer.nlp)
    update = time.perf_counter() - started
    engine.dispose()
    print(
        f"add {len(articles)} articles: ingest (parse and store) {parsed:.1f} s; topics and disputes updated in "
        f"{update:.2f} s (target < 5 s)"
    )
    print(f"  {message}")
    if result is not None and result.parsed:
        print(f"  warning: {result.parsed} claim(s) had to be parsed again")


def rebuild(url: str) -> None:
    """``claims topics --rebuild`` as a process: wall time and peak memory."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "claims.cli", "--db", url, "topics", "--rebuild"],
        cwd=REPO, capture_output=True, text=True,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"claims topics --rebuild failed: {done.stderr.strip()[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    last = [line for line in done.stdout.splitlines() if line.strip()][-3:]
    print(f"claims topics --rebuild: {elapsed:.1f} s wall (target < 120 s), peak RSS {peak:.0f} MB (target < 2048)")
    for line in last:
        print(f"  {line[:160]}")


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
    parser.add_argument("--no-features", action="store_true", help="Generate claims without parse features.")
    parser.add_argument("--topics", action="store_true", help="Add 10 articles: time the topic update.")
    parser.add_argument("--rebuild", action="store_true", help="Time `claims topics --rebuild` (wall, peak RSS).")
    parser.add_argument("--skip-commands", action="store_true", help="Do not time the CLI commands.")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claims-million-") as tmp:
        url = options.db or f"sqlite:///{options.keep or Path(tmp) / 'million.db'}"
        if not options.reuse:
            started = time.perf_counter()
            print(f"generating {options.claims:,} claims in {url} ...", file=sys.stderr)
            generate(url, options.claims, pool=None if options.no_features else feature_pool())
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
        if options.rebuild:
            rebuild(url)
        if options.topics:
            add_articles(url)
        if options.skip_commands:
            return
        print(f"{'command':<48}{'seconds':>8}")
        for args in commands:
            best = min(timed(url, *args)[0] for _ in range(2))
            print(f"claims {' '.join(args):<41}{best:>8.2f}")


if __name__ == "__main__":
    main()
