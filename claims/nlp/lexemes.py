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
    """The token's lemma as a topic feature, or None (stop words, punctuation, numbers, reporting verbs...)."""
    return doc_lists(t.doc).words.features[t.i]


def _word_feature(t: Any) -> str | None:
    return _feature_of(lemma_of(t), t.pos_, t.is_stop or t.is_punct or t.is_space or t.like_num)


def _feature_of(lemma: str, pos: str, excluded: bool) -> str | None:
    """The topic feature of a token with this lemma and part of speech (``excluded``: a stop word,
    punctuation, space or number), or None: the one rule behind :func:`_word_feature` and :class:`TokenWords`."""
    if excluded or pos not in CONTENT_POS:
        return None
    lemma = lemma.strip()
    if len(lemma) < 2 or not any(ch.isalpha() for ch in lemma):
        return None
    if pos == "VERB" and (lemma in reporting_verbs() or lemma in light_verbs()):
        return None
    return lemma


# ----------------------------------------------------------------------------- per-document lists

_DOC: list[Any] = [None, None]  # the last document seen and what was read from it once (_DocLists)


class _DocLists:
    """What the readers look up many times per document, read once: ``doc.noun_chunks`` and ``doc.ents``
    walk the whole document on every access (per claim, that cost more than the parse), the heads as
    plain positions, and a memo of per-token readings (``memo[(name, i)]``)."""

    def __init__(self, doc: Any) -> None:
        self._chunks: tuple[Any, ...] | None = None  # of the whole document, read only when needed
        self._sentence_chunks: dict[int, list[Any]] = {}  # a sentence's start -> its noun chunks
        self.ents: tuple[Any, ...] = tuple(doc.ents)
        self.heads: list[int] = _head_positions(doc)
        self.memo: dict[tuple[Any, int], Any] = {}
        self._doc = doc
        self._sentences: list[tuple[int, int]] | None = None  # each token's sentence [start, end), when asked
        self._columns: TokenColumns | None = None
        self._words: TokenWords | None = None
        self._flags: TokenFlags | None = None
        self._children: list[list[int]] | None = None
        self._text: str | None = None

    @property
    def flags(self) -> TokenFlags:
        """The tokens' character offsets and space, punctuation and letter flags as lists, read once."""
        if self._flags is None:
            self._flags = TokenFlags(self._doc)
        return self._flags

    def subtree(self, i: int) -> list[int]:
        """The positions of ``doc[i].subtree``, in its order (a word's left children's subtrees, the word,
        its right children's subtrees), from the heads instead of a spaCy ``Token`` per word."""
        out: list[int] = []
        _in_order(self.children(), i, out)
        return out

    def children(self) -> list[list[int]]:
        """Each token's children's positions, in order (what ``doc[i].children`` gives), from the heads."""
        if self._children is None:
            children: list[list[int]] = [[] for _ in self.heads]
            for j, head in enumerate(self.heads):
                if head != j:
                    children[head].append(j)
            self._children = children
        return self._children

    @property
    def text(self) -> str:
        """``doc.text``, read once (spaCy joins the tokens on every access)."""
        if self._text is None:
            self._text = self._doc.text
        return self._text

    @property
    def words(self) -> TokenWords:
        """Every token's lemma (:func:`lemma_of`), topic feature (:func:`word_feature`) and entity type, read once."""
        if self._words is None:
            self._words = TokenWords(self._doc, self.columns)
        return self._words

    @property
    def columns(self) -> TokenColumns:
        """The tokens' part of speech, tag, dependency label and lowercase form as lists, read once."""
        if self._columns is None:
            self._columns = TokenColumns(self._doc)
        return self._columns

    @property
    def chunks(self) -> tuple[Any, ...]:
        """``doc.noun_chunks``, read once."""
        if self._chunks is None:
            try:
                self._chunks = tuple(self._doc.noun_chunks)
            except ValueError:  # no dependency parse
                self._chunks = ()
        return self._chunks

    def chunks_between(self, lo: int, hi: int) -> list[Any]:
        """``doc.noun_chunks`` overlapping tokens ``lo`` .. ``hi - 1``, read only in those tokens' sentences
        (the claims' sentences, not the whole document). The same chunks: the sentence boundaries are set
        before the parser, so no parse crosses them and spaCy's chunk iterator starts afresh in each."""
        try:
            bounds = self.sentences()
        except ValueError:
            return spans_between(self.chunks, lo, hi)
        iterator = getattr(self._doc, "noun_chunks_iterator", None)
        if iterator is None or not 0 <= lo < hi <= len(bounds):
            return spans_between(self.chunks, lo, hi)
        from spacy.tokens import Span

        found: list[Any] = []
        i = lo
        while i < hi:
            start, end = bounds[i]
            if start not in self._sentence_chunks:
                try:
                    self._sentence_chunks[start] = [
                        Span(self._doc, a, b, label=label) for a, b, label in iterator(self._doc[start:end])
                    ]
                except ValueError:  # no dependency parse
                    self._sentence_chunks[start] = []
            found.extend(self._sentence_chunks[start])
            i = end
        return spans_between(found, lo, hi)

    def sentences(self) -> list[tuple[int, int]]:
        """Each token's sentence as token positions [start, end) (``Token.sent`` scans the doc on every call);
        raises ValueError when the doc has no sentence boundaries."""
        if self._sentences is None:
            bounds: list[tuple[int, int]] = [(0, 0)] * len(self._doc)
            for sent in self._doc.sents:
                for i in range(sent.start, sent.end):
                    bounds[i] = (sent.start, sent.end)
            self._sentences = bounds
        return self._sentences


def _in_order(children: list[list[int]], i: int, out: list[int]) -> None:
    below = children[i]
    k = 0
    while k < len(below) and below[k] < i:
        _in_order(children, below[k], out)
        k += 1
    out.append(i)
    for j in below[k:]:
        _in_order(children, j, out)


class TokenFlags:
    """A document's tokens' character offsets (``starts``: ``idx``, ``ends``: ``idx + len(text)``) and
    ``is_space``, ``is_punct``, ``is_alpha`` as plain lists, read with one ``Doc.to_array``."""

    __slots__ = ("alpha", "ends", "punct", "space", "starts")

    def __init__(self, doc: Any) -> None:
        try:
            from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, LENGTH

            rows = (
                doc.to_array([IDX, LENGTH, IS_SPACE, IS_PUNCT, IS_ALPHA]).T.tolist()
                if len(doc)
                else [[], [], [], [], []]
            )
        except (ImportError, AttributeError, TypeError):  # not a spaCy Doc
            rows = [
                [t.idx for t in doc],
                [len(t.text) for t in doc],
                [t.is_space for t in doc],
                [t.is_punct for t in doc],
                [t.is_alpha for t in doc],
            ]
        starts, lengths, space, punct, alpha = rows
        self.starts: list[int] = starts
        self.ends: list[int] = [a + n for a, n in zip(starts, lengths, strict=True)]
        self.space: list[bool] = [bool(x) for x in space]
        self.punct: list[bool] = [bool(x) for x in punct]
        self.alpha: list[bool] = [bool(x) for x in alpha]


class TokenColumns:
    """A document's tokens' ``pos_``, ``tag_``, ``dep_`` and ``lower_`` as plain lists indexed by token
    position, read with one ``Doc.to_array``: a loop that tests every token of a sentence reads these and
    makes a spaCy ``Token`` only for the few it keeps."""

    __slots__ = ("dep", "lower", "pos", "tag")

    def __init__(self, doc: Any) -> None:
        try:
            from spacy.attrs import DEP, LOWER, POS, TAG

            rows = doc.to_array([POS, TAG, DEP, LOWER]).T.tolist() if len(doc) else [[], [], [], []]
        except (ImportError, AttributeError, TypeError):  # not a spaCy Doc
            self.pos = [t.pos_ for t in doc]
            self.tag = [t.tag_ for t in doc]
            self.dep = [t.dep_ for t in doc]
            self.lower = [t.lower_ for t in doc]
            return
        strings = doc.vocab.strings
        names: dict[int, str] = {}

        def named(ids: list[int]) -> list[str]:
            for key in set(ids).difference(names):
                names[key] = strings[key]
            return [names[key] for key in ids]

        self.pos, self.tag, self.dep, self.lower = (named(ids) for ids in rows)


class TokenWords:
    """Per token of a document: ``lemmas`` (what :func:`lemma_of` gives), ``features`` (what
    :func:`_word_feature` gives) and ``ent_types`` (``ent_type_``), computed for all tokens at once from
    ``Doc.to_array`` (the readers ask for nearly every token of a news article, many times each)."""

    __slots__ = ("ent_types", "features", "lemmas")

    def __init__(self, doc: Any, columns: TokenColumns) -> None:
        try:
            from spacy.attrs import ENT_TYPE, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LIKE_NUM

            rows = (
                doc.to_array([LEMMA, ENT_TYPE, IS_STOP, IS_PUNCT, IS_SPACE, LIKE_NUM]).T.tolist()
                if len(doc)
                else [[], [], [], [], [], []]
            )
            strings = doc.vocab.strings
        except (ImportError, AttributeError, TypeError):  # not a spaCy Doc: token by token
            self.lemmas = [lemma_of(t) for t in doc]
            self.features = [_word_feature(t) for t in doc]
            self.ent_types = [t.ent_type_ for t in doc]
            return
        lemma_ids, ent_ids, stop, punct, space, num = rows
        pos = columns.pos
        exceptions = _VERB_EXCEPTIONS.get(id(doc.vocab), {})
        lowered: dict[int, str] = {}
        lemmas: list[str] = []
        for i, key in enumerate(lemma_ids):
            lemma = lowered.get(key)
            if lemma is None:
                lemma = lowered[key] = strings[key].lower()
            if pos[i] in {"VERB", "AUX"}:
                lemma = exceptions.get(lemma, lemma)
            lemmas.append(lemma)
        excluded = [bool(a or b or c or d) for a, b, c, d in zip(stop, punct, space, num, strict=True)]
        features = [_feature_of(lemma, pos[i], excluded[i]) for i, lemma in enumerate(lemmas)]
        names: dict[int, str] = {}
        for key in set(ent_ids):
            names[key] = strings[key]
        self.lemmas, self.features, self.ent_types = lemmas, features, [names[key] for key in ent_ids]


def token_columns(doc: Any) -> TokenColumns:
    """The :class:`TokenColumns` of ``doc`` (read once per document)."""
    return doc_lists(doc).columns


def _head_positions(doc: Any) -> list[int]:
    try:
        import numpy as np
        from spacy.attrs import HEAD

        relative = doc.to_array([HEAD]).reshape(-1).astype(np.int64)  # offsets, stored unsigned
        return (np.arange(len(doc), dtype=np.int64) + relative).tolist()  # type: ignore[no-any-return]
    except (ImportError, AttributeError, TypeError):  # not a spaCy Doc
        return [t.head.i for t in doc]


def doc_lists(doc: Any) -> _DocLists:
    """The :class:`_DocLists` of ``doc`` (kept for the last document only: the components read one
    document at a time)."""
    if _DOC[0] is not doc:
        _DOC[:] = [doc, _DocLists(doc)]
    return _DOC[1]  # type: ignore[no-any-return]


def sentence_bounds(doc: Any, i: int) -> tuple[int, int] | None:
    """The sentence of token ``i`` as token positions [start, end), or None when the doc has no sentence
    boundaries (what ``doc[i].sent`` gives, read once per document)."""
    try:
        return doc_lists(doc).sentences()[i]
    except ValueError:
        return None


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
    return doc_lists(doc).chunks_between(lo, hi)


def ents_between(doc: Any, lo: int, hi: int) -> list[Any]:
    """``doc.ents`` overlapping tokens ``lo`` .. ``hi - 1``, in order."""
    return spans_between(doc_lists(doc).ents, lo, hi)


def has_ancestor_in(doc: Any, i: int, inside: set[int] | frozenset[int]) -> bool:
    """Whether a head above token ``i`` (not ``i`` itself) is one of ``inside``."""
    heads = doc_lists(doc).heads
    seen = 0
    while heads[i] != i and seen < len(heads):
        i = heads[i]
        if i in inside:
            return True
        seen += 1
    return False
