"""Scoring predicted claims against gold attributions (PolNeAR-style), on in-memory records.

Gives exactly the numbers of ``../shared/tools/score_attribution.py GOLD PRED``:

* gold: one article per record, ``{"article"|"id", "text", "attributions": [{"source", "cue", "content"}]}``
  where each role is a span ``{"start", "end"}`` or a list of spans (several records of one article:
  the first one counts);
* predictions: export records (:func:`claims.io.export.claim_record`); unattributed and rejected claims are
  left out, and only documents in the gold count;
* a span is compared as the set of its alphanumeric character positions in the gold text, so whitespace,
  punctuation and quotes at the edges do not matter;
* per role (source, cue, content): exact matches (same position set) and overlap matches (Dice ≥ 0.5),
  each paired one-to-one greedily by best score;
* "attribution" (who said what): a prediction with source and content matches a gold attribution when
  the contents overlap (Dice ≥ 0.5) and the sources share a position.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from sqlmodel import Session, col, select

from claims.errors import ClaimsError
from claims.overlap import Positions, dice, positions
from db.models import Document, content_hash

ROLES = ("source", "cue", "content")
OVERLAP = 0.5


def prf(tp: int, npred: int, ngold: int) -> dict:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": npred, "gold": ngold}


def greedy_matches(pairs: Iterable[tuple[float, int, int]]) -> int:
    """How many one-to-one pairs a greedy matching takes, best score first.

    Ties are broken as the reference does: by prediction index, then gold index, highest first.
    """
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    for _score, i, j in sorted(pairs, reverse=True):
        if i not in used_pred and j not in used_gold:
            used_pred.add(i)
            used_gold.add(j)
    return len(used_pred)


def document_key(record: Mapping) -> str:
    """The external id of the document a prediction record belongs to."""
    document = record.get("document")
    if isinstance(document, Mapping):
        for key in ("external_id", "id", "name"):
            if document.get(key) is not None:
                return str(document[key])
    for key in ("external_id", "document_id", "doc"):
        if record.get(key) is not None:
            return str(record[key])
    raise KeyError(f"claim record names no document: {list(record)!r}")


def gold_by_document(gold: Iterable[Mapping]) -> dict[str, Mapping]:
    """Gold records by article id (the first record of an article wins)."""
    out: dict[str, Mapping] = {}
    for record in gold:
        out.setdefault(str(record.get("article") or record.get("id")), record)
    return out


def counts_prediction(record: Mapping) -> bool:
    return record.get("kind") != "unattributed" and record.get("status") != "rejected"


def _role_positions(text: str, record: Mapping) -> dict[str, Positions]:
    return {role: positions(text, record.get(role)) for role in ROLES}


def score(gold: Iterable[Mapping], predictions: Iterable[Mapping], *, overlap: float = OVERLAP) -> dict:
    """Precision, recall and F1 of ``predictions`` against ``gold`` (see the module docstring)."""
    golds = gold_by_document(gold)
    predicted: dict[str, list[dict[str, Positions]]] = defaultdict(list)
    for record in predictions:
        if not counts_prediction(record):
            continue
        key = document_key(record)
        if key in golds:
            predicted[key].append(_role_positions(golds[key]["text"], record))

    totals: dict[str, int] = defaultdict(int)
    for key, article in golds.items():
        text = article["text"]
        gold_items = [_role_positions(text, a) for a in article["attributions"]]
        pred_items = predicted.get(key, [])
        for role in ROLES:
            gold_spans = [x[role] for x in gold_items if x[role]]
            pred_spans = [x[role] for x in pred_items if x[role]]
            totals[f"{role}_gold"] += len(gold_spans)
            totals[f"{role}_pred"] += len(pred_spans)
            totals[f"{role}_exact"] += greedy_matches(
                (1, i, j) for i, a in enumerate(pred_spans) for j, b in enumerate(gold_spans) if a == b
            )
            totals[f"{role}_overlap"] += greedy_matches(
                (d, i, j)
                for i, a in enumerate(pred_spans)
                for j, b in enumerate(gold_spans)
                if (d := dice(a, b)) >= overlap
            )
        gold_attr = [x for x in gold_items if x["source"] and x["content"]]
        pred_attr = [x for x in pred_items if x["source"] and x["content"]]
        totals["attr_gold"] += len(gold_attr)
        totals["attr_pred"] += len(pred_attr)
        totals["attr_tp"] += greedy_matches(
            (content + dice(a["source"], b["source"]), i, j)
            for i, a in enumerate(pred_attr)
            for j, b in enumerate(gold_attr)
            if (content := dice(a["content"], b["content"])) >= overlap and a["source"] & b["source"]
        )

    result: dict = {
        "documents": len(golds),
        "documents_without_predictions": sum(1 for key in golds if key not in predicted),
        "attribution": prf(totals["attr_tp"], totals["attr_pred"], totals["attr_gold"]),
    }
    for role in ROLES:
        for match in ("exact", "overlap"):
            result[f"{role}_{match}"] = prf(totals[f"{role}_{match}"], totals[f"{role}_pred"], totals[f"{role}_gold"])
    return result


class EvaluationError(ClaimsError):
    """The gold file cannot be used."""


def load_gold(path: str | Path) -> dict[str, dict]:
    """Gold records by article id (first record of an article wins), checked.

    The file is JSONL (one gold article per line, as PolNeAR's ``*_gold.jsonl``) or one JSON document: an
    article object (as ``../shared/eval/seed_gold.json``) or an array of them.
    """
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise EvaluationError(f"{path}: not UTF-8") from exc
    records: list[tuple[int, object]] = []
    try:
        whole = json.loads(raw)
    except json.JSONDecodeError:
        whole = None  # not one JSON document: JSON lines
    if isinstance(whole, dict):
        records = [(1, whole)]
    elif isinstance(whole, list):
        records = [(1, item) for item in whole]
    else:
        for number, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise EvaluationError(f"{path}:{number}: invalid JSON ({exc.msg})") from exc
    golds: dict[str, dict] = {}
    for number, record in records:
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise EvaluationError(f'{path}:{number}: not a gold article (needs "text")')
        if not isinstance(record.get("attributions"), list):
            raise EvaluationError(f'{path}:{number}: not a gold article (needs "attributions")')
        golds.setdefault(str(record.get("article") or record.get("id")), record)
    if not golds:
        raise EvaluationError(f"{path}: no gold articles")
    return golds


def match_stored_documents(gold: Iterable[Mapping], *, session: Session) -> dict[str, str]:
    """Gold article id → external id of the stored document it annotates: the document with that id, else
    one whose text is the gold text (an article ingested from a file named otherwise)."""
    golds = gold_by_document(gold)
    found: dict[str, str] = {
        external_id: external_id
        for external_id in session.exec(select(Document.external_id).where(col(Document.external_id).in_(golds)))
    }
    by_hash = {content_hash(record["text"]): key for key, record in golds.items() if key not in found}
    if by_hash:
        rows = session.exec(
            select(Document.content_hash, Document.external_id).where(col(Document.content_hash).in_(by_hash))
        )
        for digest, external_id in rows:
            found.setdefault(by_hash[digest], external_id)
    return found


def score_session(gold: Iterable[Mapping], *, session: Session, overlap: float = OVERLAP) -> dict:
    """Score the claims stored in a database against ``gold`` (only the gold documents are read).

    Gold articles are matched to stored documents by id, else by identical text
    (:func:`match_stored_documents`); ``documents_stored`` in the result says how many were found.
    """
    from claims.io.export import iter_claim_records

    golds = gold_by_document(gold)
    stored = match_stored_documents(golds.values(), session=session)
    gold_id_of = {external_id: gold_id for gold_id, external_id in stored.items()}

    def rekeyed() -> Iterator[dict]:
        for record in iter_claim_records(session=session, external_ids=gold_id_of.keys()):
            yield {**record, "document": {"external_id": gold_id_of[document_key(record)]}}

    result = score(golds.values(), rekeyed(), overlap=overlap)
    return {"documents": result["documents"], "documents_stored": len(stored)} | result


def summary_line(result: Mapping) -> str:
    """The one-line summary the reference script prints."""
    attribution = result["attribution"]
    return (
        f"attribution F1={attribution['f1']:.3f} P={attribution['p']:.3f} R={attribution['r']:.3f}"
        f" | source exact F1={result['source_exact']['f1']:.3f}"
        f" | cue exact F1={result['cue_exact']['f1']:.3f}"
        f" | content overlap F1={result['content_overlap']['f1']:.3f}"
        f" exact F1={result['content_exact']['f1']:.3f}"
    )
