"""Property-based tests: arbitrary text through the real pipeline, stored and exported.

Whatever the text, analysing it raises nothing, every offset lies inside it, and what is stored and
exported points at exactly the same characters.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from claims.io.export import iter_claim_records
from claims.io.readers import Article
from claims.services.ingest import ingest_articles
from db import repository as repo
from db.engine import make_engine

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of news prose, so that many examples contain claims, mixed with arbitrary characters.
FRAGMENTS = [
    "said",
    "told reporters",
    "according to",
    "“",
    "”",
    '"',
    "'",
    "The Kremlin",
    "White House spokesman Josh Earnest",
    "he",
    "Moscow",
    "Kyiv",
    "Officials in Washington",
    "the talks would resume",
    ",",
    ".",
    ":",
    " – ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "  ",
    "claimed that",
    "denied",
    "reportedly",
    "A spokeswoman for the ministry",
    "🙂",
    "é",
    "\u00a0",
    "\u200b",
    "\u2028",
]
prose = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=60).map(" ".join)
any_text = st.text(max_size=400)
texts = st.one_of(prose, any_text).filter(lambda t: t.strip() != "")


@pytest.fixture(scope="module")
def analyzer():
    from tests.nlp_support import analyzer

    return analyzer()


@pytest.fixture(scope="module")
def store():
    engine = make_engine("sqlite://")
    yield engine, itertools.count()
    engine.dispose()


def inside(span, length: int) -> bool:
    return span is None or 0 <= span.start <= span.end <= length


@SETTINGS
@given(text=texts)
def test_analysis_never_fails_and_offsets_are_inside_the_text(analyzer, text):
    analysis = analyzer.analyze(text)
    n = len(text)
    assert all(inside(s, n) for s in [*analysis.paragraphs, *analysis.sentences])
    for claim in analysis.claims:
        for span in (claim.sentence, claim.content, claim.cue, claim.source, *claim.extra_cues):
            assert inside(span, n), (claim, n)
        assert claim.kind in ("direct", "indirect", "mixed", "unattributed")
        assert 0.0 <= claim.confidence <= 1.0


@SETTINGS
@given(text=texts)
def test_stored_and_exported_spans_match_the_text(analyzer, store, text):
    engine, counter = store
    external_id = f"doc{next(counter)}"
    result = ingest_articles([Article(external_id, text, origin=external_id)], engine=engine, analyzer=analyzer)
    assert not result.skipped, result.skipped
    expected = {
        (c.content.start, c.content.end, c.source.start if c.source else None) for c in analyzer.analyze(text).claims
    }
    with Session(engine) as session:
        document = repo.find_document_by_external_id(external_id, session=session)
        assert document is not None and document.text == text  # stored exactly as given
        rows = repo.list_claims(repo.ClaimFilter(document=external_id), session=session)
        for claim, _, _, _ in rows:
            if claim.source_start is not None:
                assert claim.source_text == text[claim.source_start : claim.source_end]
        records = list(iter_claim_records(session=session, filters=repo.ClaimFilter(document=external_id)))
    assert len(records) == len(rows)
    got = set()
    for record in records:
        for key in ("content", "cue", "source"):
            span = record[key]
            if span is not None:
                assert 0 <= span["start"] <= span["end"] <= len(text)
                assert span["text"] == text[span["start"] : span["end"]]
        sentence = record["sentence"]
        assert 0 <= sentence["start"] <= sentence["end"] <= len(text)
        got.add((record["content"]["start"], record["content"]["end"], (record["source"] or {}).get("start")))
    assert got == expected
