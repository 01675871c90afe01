"""Token-level vocabulary shared by the parse readers (:mod:`claims.nlp.features`, :mod:`claims.nlp.stance`):
lemmas with irregular verbs mended, the lemmatizer's verb index, reporting and light verbs, and which tokens
are content words."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from claims.nlp.rules import read_data_json

CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}


_VERB_EXCEPTIONS: dict[int, dict[str, str]] = {}


def register_verb_exceptions(nlp: Any) -> None:
    """Irregular verb forms ("sank" -> "sink") from the lemmatizer's tables, for forms the tagger mistags."""
    key = id(nlp.vocab)
    if key in _VERB_EXCEPTIONS:
        return
    table: dict[str, str] = {}
    try:
        exc = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
        for form, lemmas in dict(exc["verb"]).items():
            if lemmas:
                table[str(form)] = str(lemmas[0])
    except Exception:  # noqa: BLE001 - no rule lemmatizer: spaCy's lemmas as they are
        pass
    _VERB_EXCEPTIONS[key] = table


def lemma_of(t: Any) -> str:
    """The token's lemma, lowercased, with irregular verb forms the tagger left alone brought to the base."""
    lemma = t.lemma_.lower()
    if t.pos_ in {"VERB", "AUX"}:
        return _VERB_EXCEPTIONS.get(id(t.vocab), {}).get(lemma, lemma)
    return lemma


@lru_cache(maxsize=8)
def verb_index(nlp: Any) -> frozenset[str]:
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(table["verb"])
    except Exception:  # noqa: BLE001 - a pipeline without the rule lemmatizer: fall back to seen verbs
        return frozenset()


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    data = read_data_json("cues.json")
    verbs = set(data.get("verbs", {}))
    for key in data.get("verb_particles", {}):
        verbs.add(str(key).split()[0])
    return frozenset(v.lower() for v in verbs)


@lru_cache(maxsize=1)
def conflict_data() -> dict[str, Any]:
    return read_data_json("conflict_cues.json")


@lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    return frozenset(str(w).lower() for w in conflict_data().get("light_verbs", []))


def word_feature(t: Any) -> str | None:
    if t.is_stop or t.is_punct or t.is_space or t.like_num or t.pos_ not in CONTENT_POS:
        return None
    lemma = lemma_of(t).strip()
    if len(lemma) < 2 or not any(ch.isalpha() for ch in lemma):
        return None
    if t.pos_ == "VERB" and (lemma in reporting_verbs() or lemma in light_verbs()):
        return None
    return lemma


# --------------------------------------------------------------------------- per-document span lists

_DOC_SPANS: list[Any] = [None, (), ()]  # the last document seen, its noun chunks, its entities


def _doc_spans(doc: Any) -> list[Any]:
    """The noun chunks and entities of ``doc``, built once per document (``doc.noun_chunks`` and ``doc.ents``
    walk the whole document on every access: per claim, they cost more than the parse)."""
    if _DOC_SPANS[0] is not doc:
        try:
            chunks = tuple(doc.noun_chunks)
        except ValueError:  # no dependency parse
            chunks = ()
        _DOC_SPANS[:] = [doc, chunks, tuple(doc.ents)]
    return _DOC_SPANS


def spans_between(spans: Sequence[Any], lo: int, hi: int) -> list[Any]:
    """The spans (sorted, not overlapping) that overlap tokens ``lo`` .. ``hi - 1``."""
    first = _first_ending_after(spans, lo)
    out = []
    for s in spans[first:]:
        if s.start >= hi:
            break
        if s.end > lo:
            out.append(s)
    return out


def _first_ending_after(spans: Sequence[Any], lo: int) -> int:
    a, b = 0, len(spans)
    while a < b:
        m = (a + b) // 2
        if spans[m].end <= lo:
            a = m + 1
        else:
            b = m
    return a


def noun_chunks_between(doc: Any, lo: int, hi: int) -> list[Any]:
    """``doc.noun_chunks`` overlapping tokens ``lo`` .. ``hi - 1``, in order."""
    return spans_between(_doc_spans(doc)[1], lo, hi)


def ents_between(doc: Any, lo: int, hi: int) -> list[Any]:
    """``doc.ents`` overlapping tokens ``lo`` .. ``hi - 1``, in order."""
    return spans_between(_doc_spans(doc)[2], lo, hi)
