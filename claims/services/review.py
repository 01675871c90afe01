"""Review helpers for the command line: exporting the correction log and re-analysing stored documents.

The corrections themselves are in :mod:`db.review`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from claims.io.readers import Article
from claims.safe_text import csv_row, json_dumps
from claims.services.ingest import AnalyzerLike, SpeakerResolver, store_analysis
from db import review
from db.models import Document

CORRECTION_COLUMNS = (
    "id",
    "time",
    "reviewer",
    "entity",
    "entity_id",
    "field",
    "old_value",
    "new_value",
    "action_id",
    "undone_correction_id",
)


def write_corrections(
    records: Iterable[dict], stream: IO[str], fmt: Literal["jsonl", "csv"], *, raw_csv: bool = False
) -> int:
    """JSONL (exact, hidden characters as escapes) or CSV (formula-like cells neutralised unless ``raw_csv``)."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=CORRECTION_COLUMNS, lineterminator="\n")
        writer.writeheader()
    for record in records:
        if fmt == "csv":
            writer.writerow(csv_row(record, raw=raw_csv))
        else:
            stream.write(json_dumps(record) + "\n")
        count += 1
    return count


def export_corrections(
    output: str | Path | IO[str], *, session: Session, fmt: Literal["jsonl", "csv"], raw_csv: bool = False
) -> int:
    """Write the correction log (one record per correction, oldest first); returns the number of records."""
    from claims.io.export import atomic_writer

    records = (review.correction_record(row) for row in review.corrections(session=session))
    if isinstance(output, str | Path):
        with atomic_writer(output) as stream:
            return write_corrections(records, stream, fmt, raw_csv=raw_csv)
    return write_corrections(records, output, fmt, raw_csv=raw_csv)


@dataclass
class ReanalyseResult:
    documents: int = 0
    claims: int = 0
    kept: int = 0
    failed: list[str] = field(default_factory=list)


def documents_to_reanalyse(
    *, session: Session, version: str, document: str | None = None, everything: bool = False
) -> list[int]:
    query = select(Document.id).order_by(col(Document.id))
    if document is not None:
        query = query.where(Document.external_id == document)
    elif not everything:
        query = query.where(Document.pipeline_version != version)
    return [doc_id for doc_id in session.exec(query).all() if doc_id is not None]  # a primary key: never None


def reanalyse(
    *,
    engine: Engine,
    analyzer: AnalyzerLike,
    document: str | None = None,
    everything: bool = False,
    on_document: Callable[[str], None] | None = None,
) -> ReanalyseResult:
    """Re-run the pipeline over stored documents (those analysed by another pipeline version; one document;
    or all). Automatic claims are replaced; reviewed ones (accepted, corrected, rejected) are kept."""
    result = ReanalyseResult()
    with Session(engine) as session:
        ids = documents_to_reanalyse(
            session=session, version=analyzer.version, document=document, everything=everything
        )
        resolver = SpeakerResolver(session)
        for doc_id in ids:
            doc = session.get(Document, doc_id)
            assert doc is not None
            article = Article(
                external_id=doc.external_id,
                text=doc.text,
                origin=f"document {doc.external_id}",
                title=doc.title,
                url=doc.url,
                publisher=doc.publisher,
                published=doc.published,
                author=doc.author,
                metadata=json.loads(doc.metadata_json or "{}"),
            )
            try:
                analysis = next(iter(analyzer.pipe([doc.text], batch_size=1)))
                write = store_analysis(
                    article, analysis, session=session, resolver=resolver, force=True, default_version=analyzer.version
                )
                session.commit()
            except Exception as exc:  # one bad document does not stop the run
                session.rollback()
                resolver.clear()
                result.failed.append(f"{doc.external_id}: {type(exc).__name__}: {exc}")
                continue
            result.documents += 1
            result.claims += write.claims_written
            result.kept += write.claims_kept
            if on_document:
                on_document(doc.external_id)
            session.expunge_all()
    return result
