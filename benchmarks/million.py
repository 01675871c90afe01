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

Generation writes through bulk ``executemany`` in big transactions with the journal and syncing off and the
filled tables' indexes dropped (generation only; the file is left in WAL mode with every index): 100,000
claims in 20 s, 1,000,000 in 242 s. Measured 2026-12-03 (load about 2): adding 10 articles to 1,000,000
claims updates topics and disputes in 3.71 s (target < 5 s); ``claims topics --rebuild`` over 100,000 claims
takes 105-109 s with a peak RSS of 1.9 GB (targets < 120 s, < 2 GB).
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import json
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

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


CLAIM_COLUMNS = (
    "id", "document_id", "sentence_start", "sentence_end", "content_start", "content_end", "cue_start", "cue_end",
    "extra_cues_json", "source_start", "source_end", "source_text", "speaker_id", "actor_id", "kind", "confidence",
    "status", "pipeline_version", "paragraph", "features_json", "version", "created_at", "updated_at",
)  # fmt: skip
CHUNK = 50_000  # rows per executemany


class Writer:
    """Bulk inserts for the generator. SQLite: the DB-API connection's ``executemany`` in one transaction per
    table, with ``journal_mode=OFF`` and ``synchronous=OFF`` and the tables' indexes dropped while filling
    (recreated after, in one sorted pass each): for generation only, the product never runs like that.
    PostgreSQL: SQLAlchemy Core ``executemany`` (insertmanyvalues) in big transactions."""

    def __init__(self, engine: sa.Engine, tables: dict) -> None:
        self.engine, self.tables = engine, tables
        self.sqlite = engine.dialect.name == "sqlite"
        self.raw: Any = None
        self.dropped: list[str] = []
        if self.sqlite:
            self.raw = engine.raw_connection()
            db = self.raw.driver_connection
            db.isolation_level = None  # explicit BEGIN/COMMIT below
            for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-400000", "temp_store=MEMORY"):
                db.execute(f"PRAGMA {pragma}")
            db.execute("PRAGMA foreign_keys=OFF")
            filled = ("claim", "claim_term", "claim_topic", "feature_term", "topic", "document", "speaker")
            marks = ",".join("?" * len(filled))
            for name, sql in db.execute(
                f"SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
                filled,
            ).fetchall():
                self.dropped.append(sql)
                db.execute(f'DROP INDEX "{name}"')
            self.datetime = sa.DateTime().bind_processor(engine.dialect) or (lambda v: v)
        else:
            self.datetime = lambda v: v

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[tuple]) -> int:
        n = 0
        it = iter(rows)
        while True:
            chunk = list(itertools.islice(it, CHUNK))
            if not chunk:
                return n
            n += len(chunk)
            if self.sqlite:
                db = self.raw.driver_connection
                sql = f"INSERT INTO {table} ({','.join(columns)}) VALUES ({','.join('?' * len(columns))})"
                db.execute("BEGIN")
                db.executemany(sql, chunk)
                db.execute("COMMIT")
            else:
                with self.engine.begin() as c:
                    c.execute(self.tables[table].insert(), [dict(zip(columns, row, strict=True)) for row in chunk])

    def delete(self, table: str) -> None:
        if self.sqlite:
            self.raw.driver_connection.execute(f"DELETE FROM {table}")
        else:
            with self.engine.begin() as c:
                c.execute(self.tables[table].delete())

    def close(self) -> None:
        if self.sqlite:
            db = self.raw.driver_connection
            started = time.perf_counter()
            for sql in self.dropped:
                db.execute(sql)
            print(f"  indexes rebuilt in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            self.raw.close()


def generate(url: str, n_claims: int, seed: int = 1, pool: list[dict] | None = None) -> None:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    n_docs, n_speakers, n_actors = max(1, n_claims // 100), 2000, 60
    engine = make_engine(url)
    meta = sa.MetaData()
    meta.reflect(engine)
    w = Writer(engine, meta.tables)
    at = w.datetime(now)
    w.insert("actor", ("id", "name", "created_at"), ((i, f"Country {i}", at) for i in range(1, n_actors + 1)))
    w.insert(
        "speaker",
        ("id", "name", "name_key", "organisation_key", "actor_id", "created_at"),
        [
            (i, f"Speaker {i}", f"speaker {i}", "", 1 + int(rng.paretovariate(1.2)) % n_actors, at)
            for i in range(1, n_speakers + 1)
        ],
    )
    w.insert(
        "document",
        ("id", "external_id", "title", "metadata_json", "text", "content_hash", "pipeline_version", "created_at",
         "updated_at"),
        ((i, f"doc{i:07d}", f"Document {i}", "{}", TEXT, f"{i:064d}", "bench", at, at) for i in range(1, n_docs + 1)),
    )  # fmt: skip
    templates = [templates_of(r) for r in pool] if pool else []
    chosen = array("I")  # per claim: its pool record and its topic (for the index), 0 for a rejected claim
    topics = array("I")
    started = time.perf_counter()

    def claims() -> Iterator[tuple]:
        for i in range(1, n_claims + 1):
            doc = 1 + (i - 1) * n_docs // n_claims
            speaker = 1 + int(rng.paretovariate(1.1)) % n_speakers
            offset = rng.randrange(0, len(TEXT) - 80)
            status = "auto" if rng.random() > 0.005 else rng.choice(["accepted", "corrected", "rejected"])
            features = None
            if templates:
                record, topic = rng.randrange(len(templates)), topic_of(doc, i)
                chosen.append(record + 1 if status != "rejected" else 0)
                topics.append(topic)
                head = templates[record][topic % 10].replace(MARK, f"~{topic}")
                c0, c1, q0, q1 = offset + 15, offset + 60, offset + 10, offset + 14
                features = f'{head}, "spans": [[{c0}, {c1}], [{q0}, {q1}]]}}'
            kind = rng.choice(KINDS)
            confidence = round(rng.random(), 3)
            actor = 1 + (speaker * 7) % n_actors if rng.random() > 0.2 else None
            yield (
                i, doc, offset, offset + 75, offset + 15, offset + 60, offset + 10, offset + 14, "[]", offset,
                offset + 9, "Officials", speaker, actor, kind, confidence, status, "bench", 0, features, 1, at, at,
            )  # fmt: skip
            if i % 50_000 == 0:
                print(f"\r  {i:,} claims ({time.perf_counter() - started:.0f} s)", end="", file=sys.stderr, flush=True)

    w.insert("claim", CLAIM_COLUMNS, claims())
    print(file=sys.stderr)
    if pool:
        index_and_topics(w, pool, chosen, topics, n_claims, now)
    w.close()
    with engine.begin() as c:
        if engine.dialect.name == "postgresql":
            for table in ("document", "speaker", "actor", "claim"):
                c.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                )
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


MARK = "~@TOPIC@"  # in a template: where the topic's number goes


def _renamed(key: str, phase: int) -> bool:
    """Whether a feature is told apart per topic (stable within a topic): of the topics of one phase (topic
    number mod 10) the same keys, about STORY_SHARE of them."""
    return (zlib.crc32(key.encode()) + phase) % 10 < STORY_SHARE * 10


def templates_of(record: dict) -> list[str]:
    """A pool record made a claim of a topic, as JSON without its spans (appended per claim) and with MARK
    where the topic's number goes: one template per phase (topic mod 10). Its words (weights, labels) are
    renamed for the topic; its spans are those of the generated claim (so nothing is read again)."""
    out = []
    for phase in range(10):
        name = {k: f"{k}{MARK}" if _renamed(k, phase) else k for k in record["weights"]}
        for _, features, _, _ in record["labels"]:
            for keys in features:
                name.update((k, f"{k}{MARK}" if _renamed(k, phase) else k) for k in keys if k not in name)
        varied = {key: value for key, value in record.items() if key != "spans"}
        varied["weights"] = {name[k]: x for k, x in record["weights"].items()}
        varied["labels"] = [
            [text, [[name[k] for k in keys] for keys in features], pen, head]
            for text, features, pen, head in record["labels"]
        ]
        varied["previous"] = None
        varied["anaphor"] = False
        text = json.dumps(varied)
        assert text.endswith("}")
        out.append(text[:-1])
    return out


def index_and_topics(w: Writer, pool: list[dict], chosen: array, topics: array, n_claims: int, now: datetime) -> None:
    """What ingest and the topic update leave: one topic per story thread, every claim in it, the topic
    index (document frequencies and each claim's most distinctive features) and the topic state. Computed
    from the pool records each claim was made of (nothing read back)."""
    from claims.services.topics import INDEXED_TERMS

    started = time.perf_counter()
    # per record and phase: (feature, renamed, tf) of its weights
    terms_of = [
        [[(k, _renamed(k, phase), (1 + math.log(x)) if x >= 1 else x) for k, x in r["weights"].items() if x > 0]
         for phase in range(10)]
        for r in pool
    ]  # fmt: skip
    df: dict[str, int] = defaultdict(int)
    for record, topic in zip(chosen, topics, strict=True):
        if record:
            suffix = f"~{topic}"
            for k, renamed, _ in terms_of[record - 1][topic % 10]:
                df[k + suffix if renamed else k] += 1
    term_id = {k: i for i, k in enumerate(df, start=1)}
    w.insert("feature_term", ("id", "term", "df"), ((i, k, df[k]) for k, i in term_id.items()))
    n_topics = max(topics, default=-1) + 1
    at = w.datetime(now)
    w.insert("topic", ("id", "label", "status", "created_at"), ((s + 1, f"Topic {s + 1}", "auto", at)
                                                             for s in range(n_topics)))  # fmt: skip
    n_indexed = sum(1 for r in chosen if r)
    idf = {k: math.log((1 + n_indexed) / (1 + n)) + 1.0 for k, n in df.items()}

    def postings() -> Iterator[tuple]:
        for claim_id, (record, topic) in enumerate(zip(chosen, topics, strict=True), start=1):
            if not record:
                continue
            suffix = f"~{topic}"
            v = []
            for k, renamed, tf in terms_of[record - 1][topic % 10]:
                key = k + suffix if renamed else k
                v.append((tf * idf[key], key))
            norm = math.sqrt(sum(x * x for x, _ in v)) or 1.0
            for x, key in heapq.nlargest(INDEXED_TERMS, v):
                yield term_id[key], claim_id, round(x / norm, 4)
            if claim_id % 100_000 == 0:
                print(f"\r  indexed {claim_id:,} claims ({time.perf_counter() - started:.0f} s)", end="",
                      file=sys.stderr)  # fmt: skip

    w.insert("claim_term", ("term_id", "claim_id", "weight"), postings())
    w.insert(
        "claim_topic",
        ("claim_id", "topic_id", "status"),
        ((i, topic + 1, "auto") for i, (r, topic) in enumerate(zip(chosen, topics, strict=True), start=1) if r),
    )
    # after the claims' own times: claims changed "since" the update would all be looked at again
    later = w.datetime(now + timedelta(seconds=1))
    w.delete("topic_state")
    w.insert("topic_state", ("id", "updated_at", "claims"), [(1, later, n_indexed)])
    print(f"\n  index: {len(df):,} features, topics: {n_topics:,}", file=sys.stderr)


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
