"""Claims as the topic and dispute steps see them (:class:`ClaimFacts`), and what their parse gives:
lemmas, event terms, anaphora, the actors a text names. spaCy is used inside, never across the interface."""

from __future__ import annotations

import re
from collections import OrderedDict, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from claims.nlp.rules import read_data_json
from claims.types import DocumentAnalysis

ClaimId = int | str


DocId = Hashable


Offsets = tuple[int, int]


ParseKey = Offsets | tuple[str, Offsets]  # a sentence's offsets, or ("__sentence__", offsets) for its own text


CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}


ENT_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}


NOMINAL_SUFFIXES = (
    ("ization", "ize"), ("isation", "ise"), ("ation", "ate"), ("ation", ""), ("ation", "e"), ("ition", "ite"),
    ("sion", "d"), ("sion", "de"), ("ssion", "t"), ("sion", "se"), ("tion", "te"), ("tion", ""), ("ment", ""),
    ("al", ""), ("al", "e"), ("ance", ""), ("ance", "e"), ("ence", "e"), ("ure", ""), ("ure", "e"),
    ("ing", ""), ("ing", "e"), ("ery", ""), ("ion", ""), ("ion", "e"),
)  # fmt: skip


@dataclass(frozen=True)
class ClaimFacts:
    """One claim as the topic and dispute steps see it. Offsets are into the document text, end exclusive."""

    claim_id: ClaimId
    doc_id: DocId
    content: Offsets
    sentence: Offsets
    content_text: str
    sentence_text: str
    cue: Offsets | None = None
    source: Offsets | None = None
    cue_text: str = ""
    speaker: str | None = None
    actor: str | None = None
    kind: str = "indirect"
    paragraph: int = 0
    sentence_index: int | None = None
    confidence: float = 1.0
    extra_cues: tuple[Offsets, ...] = ()

    @property
    def attributed(self) -> bool:
        return self.speaker is not None or self.kind != "unattributed"


def facts_from_analysis(doc_id: DocId, analysis: DocumentAnalysis, *, first_id: int = 0) -> list[ClaimFacts]:
    """The claims of one analysed document as :class:`ClaimFacts`; claim ids are positions in the list
    (plus ``first_id``: pass a running count when collecting several documents, as ids must be unique)."""
    text = analysis.text
    out = []
    for i, c in enumerate(analysis.claims):
        sentence_index = None
        for j, s in enumerate(analysis.sentences):
            if s.start <= c.sentence.start < s.end:
                sentence_index = j
                break
        sp = c.speaker
        out.append(
            ClaimFacts(
                claim_id=first_id + i,
                doc_id=doc_id,
                content=(c.content.start, c.content.end),
                sentence=(c.sentence.start, c.sentence.end),
                content_text=text[c.content.start : c.content.end],
                sentence_text=text[c.sentence.start : c.sentence.end],
                cue=(c.cue.start, c.cue.end) if c.cue else None,
                source=(c.source.start, c.source.end) if c.source else None,
                cue_text=text[c.cue.start : c.cue.end] if c.cue else "",
                speaker=sp.name if sp else None,
                actor=sp.actor if sp else None,
                kind=c.kind,
                paragraph=c.paragraph,
                sentence_index=sentence_index,
                confidence=c.confidence,
                extra_cues=tuple((e.start, e.end) for e in c.extra_cues),
            )
        )
    return out


@lru_cache(maxsize=1)
def default_nlp() -> Any:
    import spacy

    from claims.nlp.pipeline import choose_model

    return spacy.load(choose_model())


def _resolve_nlp(nlp: Any | None) -> Any:
    return nlp if nlp is not None else default_nlp()


_VERB_EXCEPTIONS: dict[int, dict[str, str]] = {}


def _register_verb_exceptions(nlp: Any) -> None:
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


_SENT_END = re.compile(r"(?:[.!?…][\"”’)\]]*\s+|\n\s*\n)")


_PARSE_CACHE: OrderedDict[tuple[int, DocId, int], dict[ParseKey, Any]] = OrderedDict()


_PARSE_CACHE_DOCS = 64


def _previous_sentence(text: str, start: int, known: Sequence[Offsets]) -> Offsets | None:
    """The sentence before offset ``start``: a known claim sentence ending there, else found by punctuation."""
    j = start
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j <= 0:
        return None
    for s, e in known:
        if e <= start and j - 2 <= e <= j + 1 and s < e:
            return (s, e)
    window_start = max(0, j - 1000)
    begin = window_start
    for m in _SENT_END.finditer(text, window_start, max(window_start, j - 1)):
        begin = m.end()
    s = begin
    while s < j and text[s].isspace():
        s += 1
    return (s, j) if j - s >= 3 else None


class Parses:
    """spaCy parses of the claims' sentences (and the sentence before each), cached per document."""

    def __init__(self, claims: Sequence[ClaimFacts], texts: Mapping[DocId, str], nlp: Any | None = None) -> None:
        self.nlp = _resolve_nlp(nlp)
        _register_verb_exceptions(self.nlp)
        self.texts = texts
        self.docs: dict[DocId, dict[ParseKey, Any]] = {}
        self.previous: dict[tuple[DocId, Offsets], Offsets | None] = {}
        by_doc: dict[DocId, set[Offsets]] = defaultdict(set)
        for c in claims:
            by_doc[c.doc_id].add(c.sentence)
        wanted: list[tuple[DocId, Offsets]] = []
        for doc_id, sentences in by_doc.items():
            text = self.text(doc_id)
            key = (id(self.nlp), doc_id, hash(text))
            cached = _PARSE_CACHE.get(key)
            if cached is None:
                cached = {}
                _PARSE_CACHE[key] = cached
                while len(_PARSE_CACHE) > _PARSE_CACHE_DOCS:
                    _PARSE_CACHE.popitem(last=False)
            else:
                _PARSE_CACHE.move_to_end(key)
            self.docs[doc_id] = cached
            known = sorted(sentences)
            spans = set(sentences)
            for s in sentences:
                prev = _previous_sentence(text, s[0], known) if text else None
                self.previous[(doc_id, s)] = prev
                if prev:
                    spans.add(prev)
            wanted.extend((doc_id, sp) for sp in sorted(spans) if sp not in cached)
        if wanted:
            disable = [name for name in getattr(self.nlp, "pipe_names", []) if name.startswith("claims_")]
            chunks = [self._span_text(d, sp) for d, sp in wanted]
            for (doc_id, sp), doc in zip(wanted, self.nlp.pipe(chunks, disable=disable), strict=True):
                self.docs[doc_id][sp] = doc

    def text(self, doc_id: DocId) -> str:
        return self.texts.get(doc_id, "") or ""

    def _span_text(self, doc_id: DocId, sp: Offsets) -> str:
        text = self.text(doc_id)
        return text[sp[0] : sp[1]] if text else ""

    def sentence(self, c: ClaimFacts) -> Any:
        doc = self.docs[c.doc_id].get(c.sentence)
        if doc is None or (not self.text(c.doc_id) and c.sentence_text):
            # no document text: parse the claim's own sentence text
            key = ("__sentence__", c.sentence)
            doc = self.docs[c.doc_id].get(key)
            if doc is None:
                doc = self.nlp(c.sentence_text, disable=self._disabled())
                self.docs[c.doc_id][key] = doc
        return doc

    def previous_sentence(self, c: ClaimFacts) -> Any | None:
        prev = self.previous.get((c.doc_id, c.sentence))
        return self.docs[c.doc_id].get(prev) if prev else None

    def previous_offsets(self, c: ClaimFacts) -> Offsets | None:
        return self.previous.get((c.doc_id, c.sentence))

    def _disabled(self) -> list[str]:
        return [name for name in getattr(self.nlp, "pipe_names", []) if name.startswith("claims_")]


def claim_tokens(c: ClaimFacts, doc: Any) -> tuple[list[Any], list[Any], list[Any]]:
    """(content tokens, cue tokens, other tokens of the sentence outside source and cue)."""
    base = c.sentence[0]
    cues = [c.cue] if c.cue else []
    cues += list(c.extra_cues)
    content, cue, rest = [], [], []
    for t in doc:
        start = base + t.idx
        end = start + len(t.text)
        if c.content[0] <= start and end <= c.content[1]:
            content.append(t)
        elif any(s <= start and end <= e for s, e in cues):
            cue.append(t)
        elif c.source and c.source[0] <= start and end <= c.source[1]:
            continue
        else:
            rest.append(t)
    return content, cue, rest


def event_stem(token: Any, verbs: frozenset[str]) -> str | None:
    """The event a verb or deverbal noun names, as a verb lemma ("suspension" -> "suspend"); None if none."""
    lemma = lemma_of(token)
    if token.pos_ == "VERB":
        if lemma in _light_verbs() or lemma in reporting_verbs():
            return None
        return lemma
    if token.pos_ != "NOUN" or not lemma.isalpha() or len(lemma) < 3:
        return None
    if lemma in verbs and (lemma in _shell_nouns() or _has_event_use(token)):
        return lemma
    return _deverbal(lemma, verbs)


def _deverbal(lemma: str, verbs: frozenset[str]) -> str | None:
    for suffix, repl in NOMINAL_SUFFIXES:
        if lemma.endswith(suffix) and len(lemma) - len(suffix) >= 3:
            stem = lemma[: -len(suffix)] + repl
            if stem in verbs and stem not in _light_verbs() and len(stem) >= 4:
                return stem
    return None


def _has_event_use(token: Any) -> bool:
    """A noun that is also a verb used as an event: with an 'on'/'against'/'by'/'of' complement ("strikes on X",
    "the collapse of the bridge")."""
    return any(
        ch.dep_ == "compound" or (ch.dep_ == "prep" and ch.lower_ in {"on", "against", "by", "of"})
        for ch in token.children
    )


@lru_cache(maxsize=1)
def _conflict_data() -> dict[str, Any]:
    return read_data_json("conflict_cues.json")


@lru_cache(maxsize=1)
def _light_verbs() -> frozenset[str]:
    return frozenset(str(w).lower() for w in _conflict_data().get("light_verbs", []))


@lru_cache(maxsize=1)
def _shell_nouns() -> frozenset[str]:
    return frozenset(str(w).lower() for w in _conflict_data().get("shell_nouns", []))


@lru_cache(maxsize=1)
def stance_verbs() -> frozenset[str]:
    data = _conflict_data()
    return frozenset(str(w).lower() for key in ("blame_verbs", "denial_verbs") for w in data.get(key, []))


@lru_cache(maxsize=1)
def _anaphoric_determiners() -> frozenset[str]:
    return frozenset(str(w).lower() for w in _conflict_data().get("anaphoric_determiners", []))


def word_feature(t: Any) -> str | None:
    if t.is_stop or t.is_punct or t.is_space or t.like_num or t.pos_ not in CONTENT_POS:
        return None
    lemma = lemma_of(t).strip()
    if len(lemma) < 2 or not any(ch.isalpha() for ch in lemma):
        return None
    if t.pos_ == "VERB" and (lemma in reporting_verbs() or lemma in _light_verbs()):
        return None
    return lemma


def anaphoric_reference(
    content: Sequence[Any], rest: Sequence[Any], verbs: frozenset[str], earlier: frozenset[str] = frozenset()
) -> Any | None:
    """A token that refers back to an earlier event: a definite noun phrase without modifiers whose noun is
    a shell noun ('the incident'), a deverbal noun ('this decision') or repeats an event of the previous
    sentence (``earlier``: 'the collapse' after 'the collapse of the bridge'); or 'it' opening the content."""
    for t in list(content) + list(rest):
        lemma = lemma_of(t)
        if t.pos_ == "NOUN" and (lemma in _shell_nouns() or _deverbal(lemma, verbs) or lemma in earlier):
            kids = list(t.children)
            dets = [k for k in kids if k.dep_ == "det" and k.lower_ in _anaphoric_determiners()]
            others = [
                k for k in kids if k.dep_ in {"amod", "compound", "nmod", "poss", "prep", "acl", "relcl", "nummod"}
            ]
            if dets and not others:
                return t
    words = [t for t in content if not (t.is_punct or t.is_quote or t.is_space)]
    # "It was ...": a bare 'it' as the subject of a copula opening the content names the event talked about
    if words and words[0].lower_ in {"it", "this"} and words[0].dep_ == "nsubj" and words[0].head.lemma_ == "be":
        if any(ch.dep_ in {"attr", "acomp"} for ch in words[0].head.children):
            return words[0]
    return None


def event_terms(doc: Any, verbs: frozenset[str], *, root_only: bool = False) -> list[str]:
    out = []
    for t in doc:
        if root_only and t.dep_ != "ROOT" and t.pos_ != "NOUN":
            continue
        stem = event_stem(t, verbs)
        if stem:
            out.append(stem)
    return out


def actor_aliases(claims: Sequence[ClaimFacts]) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for c in claims:
        if c.actor:
            aliases[c.actor.lower()] = c.actor
            if c.speaker and len(c.speaker) > 2:
                aliases.setdefault(c.speaker.lower(), c.actor)
    return aliases


def actors_in(text: str, aliases: Mapping[str, str]) -> set[str]:
    """Countries (actors) a piece of text names: by the actor resolver's marks, or by a known alias."""
    from claims.nlp.actors import default_resolver

    found = {m.country for m in default_resolver().marks(text) if m.priority == 0}
    low = text.lower()
    for alias, actor in aliases.items():
        if re.search(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", low):
            found.add(actor)
    return found
