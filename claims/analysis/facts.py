"""Claims as the topic and dispute steps see them (:class:`ClaimFacts`, with the features their parse gave,
:class:`claims.types.ClaimParse`) and the actors a text names. The parse features are read at ingest and
stored; :func:`ensure_parses` reads them for claims stored without (spaCy is used inside, never across
the interface)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from claims.types import PARSE_FORMAT, ClaimParse, DocumentAnalysis

ClaimId = int | str


DocId = Hashable


Offsets = tuple[int, int]


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
    parse: ClaimParse | None = None  # what the parse gave (stored at ingest); None: read when needed

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
                parse=c.parse,
            )
        )
    return out


@lru_cache(maxsize=1)
def default_nlp() -> Any:
    import spacy

    from claims.nlp.pipeline import choose_model
    from claims.nlp.segment import add_segmenter

    nlp = spacy.load(choose_model())
    add_segmenter(nlp)  # the sentence boundaries the claims were found with
    return nlp


def needs_parse(c: ClaimFacts) -> bool:
    """No stored parse features, features of an older format, or read for other spans than the claim's."""
    p = c.parse
    return p is None or p.format != PARSE_FORMAT or p.spans != (c.content, c.cue)


def ensure_parses(claims: Sequence[ClaimFacts], texts: Mapping[DocId, str], nlp: Any | None = None) -> list[ClaimFacts]:
    """The claims with their parse features: stored ones are used as they are; the others (claims from
    before features were stored, or whose spans a reviewer changed) are read by parsing their documents
    once (their sentence alone when the document text is not given). Parses nothing when all are there."""
    missing = [c for c in claims if needs_parse(c)]
    if not missing:
        return list(claims)
    from claims.nlp.features import parse_disabled, prepare, read_claim_parse

    nlp = nlp if nlp is not None else default_nlp()
    verbs = prepare(nlp)
    disable = parse_disabled(nlp)
    by_doc: dict[DocId, list[ClaimFacts]] = defaultdict(list)
    alone: list[ClaimFacts] = []
    for c in missing:
        (by_doc[c.doc_id] if texts.get(c.doc_id) else alone).append(c)
    read: dict[ClaimId, ClaimParse] = {}

    def spans(c: ClaimFacts) -> dict[str, Any]:
        return {
            "sentence": c.sentence,
            "content": c.content,
            "cue": c.cue,
            "source": c.source,
            "extra_cues": c.extra_cues,
            "verbs": verbs,
        }

    doc_ids = list(by_doc)
    for doc_id, doc in zip(doc_ids, nlp.pipe((texts[d] for d in doc_ids), disable=disable), strict=True):
        for c in by_doc[doc_id]:
            read[c.claim_id] = read_claim_parse(doc, **spans(c))
    for c, doc in zip(alone, nlp.pipe((c.sentence_text for c in alone), disable=disable), strict=True):
        read[c.claim_id] = read_claim_parse(doc, base=c.sentence[0], **spans(c))
    return [replace(c, parse=read[c.claim_id]) if c.claim_id in read else c for c in claims]


def actor_aliases(claims: Sequence[ClaimFacts]) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for c in claims:
        if c.actor:
            aliases[c.actor.lower()] = c.actor
            if c.speaker and len(c.speaker) > 2:
                aliases.setdefault(c.speaker.lower(), c.actor)
    return aliases


def actors_in(text: str, aliases: Mapping[str, str]) -> set[str]:
    """Countries (actors) a piece of text names: by the actor resolver's marks, or by a known alias. Pass an
    :class:`AliasMatcher` when calling with the same aliases many times (its index is built once)."""
    from claims.nlp.actors import default_resolver

    found = {m.country for m in default_resolver().marks(text) if m.priority == 0}
    if aliases:
        matcher = aliases if isinstance(aliases, AliasMatcher) else _alias_matcher(frozenset(aliases))
        found.update(aliases[name] for name in matcher.names_in(text.lower()))
    return found


def _is_word(ch: str) -> bool:
    """What ``\\w`` matches in a str pattern (checked against ``re`` over every code point)."""
    return ch.isalnum() or ch == "_"


class AliasMatcher(Mapping[str, str]):
    """Aliases (lowercase name -> actor) with an index that finds the names a lowercase text holds: at every
    position not preceded by a word character, the longest alias there that no word character follows.
    That is what one regular expression of all the names (longest first) found, without compiling it: the
    pattern of a few thousand names took half a second to build, once per topic and dispute update."""

    def __init__(self, aliases: Mapping[str, str]) -> None:
        self._aliases = dict(aliases)
        lengths: dict[str, set[int]] = defaultdict(set)
        for name in self._aliases:
            if name:
                lengths[name[0]].add(len(name))
        self._lengths = {first: sorted(ls, reverse=True) for first, ls in lengths.items()}
        self._empty = "" in self._aliases
        firsts = "".join(re.escape(c) for c in sorted(self._lengths))
        self._starts = re.compile(r"(?<!\w)[" + firsts + "]" if firsts else r"(?!)")

    def __getitem__(self, name: str) -> str:
        return self._aliases[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._aliases)

    def __len__(self) -> int:
        return len(self._aliases)

    def names_in(self, text: str) -> list[str]:
        """The aliases ``text`` (lowercase) names, in the order of their positions (one per position)."""
        names = self._aliases
        lengths = self._lengths
        size = len(text)
        out: list[str] = []
        if self._empty:  # every position can name the empty alias: look at them all
            starts: Iterable[int] = (p for p in range(size + 1) if not (p and _is_word(text[p - 1])))
        else:  # only where an alias's first character stands after no word character
            starts = (m.start() for m in self._starts.finditer(text))
        for p in starts:
            hit = False
            for n in lengths.get(text[p], ()) if p < size else ():
                end = p + n
                if end <= size and (end == size or not _is_word(text[end])) and text[p:end] in names:
                    out.append(text[p:end])
                    hit = True
                    break
            if not hit and self._empty and (p == size or not _is_word(text[p])):
                out.append("")
        return out


@lru_cache(maxsize=16)
def _alias_matcher(names: frozenset[str]) -> AliasMatcher:
    return AliasMatcher(dict.fromkeys(names, ""))
