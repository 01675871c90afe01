"""Candidate attributions for the learned layer: the rules' own output, and what the rules would say if
every verb (and every possessed noun) were a cue.

:class:`CandidateFinder` runs the rule machinery of :class:`~claims.nlp.attribution.RuleAttributor` once
per sentence and returns two lists:

- ``rules``: exactly what ``RuleAttributor`` returns (same records, same order);
- ``extra``: attributions the rules do not make: the same source/content extraction applied to verbs
  outside the cue lexicon and to possessed nouns outside the possessive-noun list, and the rules' own
  attributions that ``_drop_nested`` removed (a report inside another report's content).

A classifier (:mod:`claims.nlp.learned.model`) decides which extra candidates are attributions.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claims.nlp.attribution import (
    RawAttribution,
    RuleAttributor,
    _char_span,
    _char_span_at,
    _cut_before_according_to,
    _dedupe,
    _drop_nested,
    _extend_to_quotations,
    _inside_quote,
    mark_quotes,
    speaker_head,
    with_continuations,
)
from claims.nlp.lexemes import doc_lists, token_columns


@dataclass
class Candidates:
    rules: list[RawAttribution]
    extra: list[RawAttribution]


class CandidateFinder(RuleAttributor):
    """The rules, plus the attributions they would make with an open cue lexicon.

    With ``alternatives`` on, every verb with a subject also gets alternative contents (the words its
    subtree spans to its right, the rest of its sentence, or the part of the sentence before the source and
    cue), so that a classifier can repair a misparsed content or find a cue the rules do not know.
    """

    def __init__(self, *args: object, alternatives: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.alternatives = alternatives

    def find(self, doc: Doc) -> Candidates:
        quotes = mark_quotes(doc)
        sents = list(doc.sents)
        base: list[RawAttribution] = []
        extra: list[RawAttribution] = []
        for s_index, sent in enumerate(sents):
            base.extend(self._sentence(sent, s_index))
            extra.extend(self._open_sentence(sent, s_index))
        # --- the rules, step by step as RuleAttributor.__call__ does them
        base = _dedupe(base)
        _cut_before_according_to(doc, base)
        kept = _drop_nested(base)
        kept_ids = {id(a) for a in kept}
        nested = [a for a in base if id(a) not in kept_ids]
        for a in nested:
            a.extra["origin"] = "nested"
        if self.whole_quotes:
            _extend_to_quotations(doc, sents, kept, quotes)
        kept = with_continuations(kept, self._quote_continuations(doc, sents, kept, quotes))
        # --- the candidates the rules leave out
        seen = {(a.content, a.source) for a in kept}
        extra = _dedupe(nested + extra)
        if self.alternatives:
            extra.extend(self._alternatives(doc, sents, kept + extra))
        extra = [a for a in _dedupe(extra) if (a.content, a.source) not in seen]
        _cut_before_according_to(doc, extra)
        if self.whole_quotes:
            _extend_to_quotations(doc, sents, extra, quotes)
        return Candidates(rules=kept, extra=extra)

    def __call__(self, doc: Doc) -> list[RawAttribution]:
        return self.find(doc).rules

    def _open_sentence(self, sent: Span, s_index: int) -> list[RawAttribution]:
        out: list[RawAttribution] = []
        lex = self.lex
        doc = sent.doc
        columns = token_columns(doc)
        pos, lower = columns.pos, columns.lower
        for i in range(sent.start, sent.end):
            if pos[i] != "VERB":
                continue
            tok = doc[i]
            lemma = tok.lemma_.lower()
            if lemma in lex.verbs or lemma in lex.light_verbs:
                continue
            self.explore_verbs = True
            try:
                att = self._from_verb(tok, sent, s_index)
            finally:
                self.explore_verbs = False
            if att is not None:
                att.rule = "open:verb"
                att.extra["origin"] = "open"
                att.extra["cue_i"] = str(tok.i)
                out.append(att)
        for i in range(sent.start, sent.end):
            if pos[i] == "NOUN" and lower[i] not in lex.possessive_cue_nouns and not _inside_quote(tok := doc[i]):
                att = self._possessive_noun(tok, s_index)
                if att is not None:
                    att.rule = "open:noun"
                    att.extra["origin"] = "open"
                    att.extra["cue_i"] = str(tok.i)
                    out.append(att)
        out.extend(self._prep_sources(sent, s_index))
        return out

    def _prep_sources(self, sent: Span, s_index: int) -> list[RawAttribution]:
        """A source marked by a preposition on a clause ("for X, ...", "in X's view", "per X"): any preposition
        whose object is a noun or pronoun, under a verb; the source is its object (its possessor when the
        object is possessed), the content the clause without the phrase. The classifier decides which
        prepositions report (no word list: the lemma is a feature)."""
        out: list[RawAttribution] = []
        doc = sent.doc
        columns = token_columns(doc)
        pos, dep, lower = columns.pos, columns.dep, columns.lower
        covered = {i for i in range(sent.start, sent.end) if lower[i] == "according"}
        for i in range(sent.start, sent.end):
            if dep[i] != "prep" or pos[i] != "ADP":
                continue
            prep = doc[i]
            if prep.head.pos_ not in {"VERB", "AUX"}:
                continue
            if prep.i in covered or prep.i - 1 in covered or _inside_quote(prep):
                continue
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is None or pobj.pos_ not in {"NOUN", "PROPN", "PRON"}:
                continue
            owner = next((c for c in pobj.children if c.dep_ == "poss"), None)
            source_head = owner if owner is not None else pobj
            anchor = prep.head
            while anchor.dep_ not in {"ROOT", "ccomp", "conj", "advcl"} and anchor.head != anchor:
                anchor = anchor.head
            phrase_ids = {t.i for t in prep.subtree}
            content_toks = [t for t in anchor.subtree if t.i not in phrase_ids and t.i < sent.end]
            src = _char_span(source_head.subtree)
            content = _char_span(content_toks)
            if src is None or content is None or sum(1 for t in content_toks if t.is_alpha) < 3:
                continue
            out.append(
                RawAttribution(
                    cue=[(prep.idx, prep.idx + len(prep.text))],
                    source=src,
                    content=content,
                    rule="open:prep",
                    confidence=0.5,
                    sentence_index=s_index,
                    source_root=source_head.i,
                    extra={"origin": "prep", "cue_i": str(prep.i)},
                )
            )
        return out

    def _alternatives(self, doc: Doc, sents: list[Span], known: list[RawAttribution]) -> list[RawAttribution]:
        by_cue: dict[int, list[RawAttribution]] = {}
        for a in known:
            tok = cue_token(doc, a)
            if tok is not None:
                by_cue.setdefault(tok.i, []).append(a)
        out: list[RawAttribution] = []
        columns = token_columns(doc)
        pos, dep = columns.pos, columns.dep
        alpha = doc_lists(doc).flags.alpha
        for s_index, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                if pos[i] not in {"VERB", "AUX"} or dep[i] in {"aux", "auxpass", "amod"}:
                    continue
                verb = doc[i]
                if _inside_quote(verb):
                    continue
                existing = by_cue.get(verb.i, [])
                if existing:
                    first = existing[0]
                    if first.source is None or first.source_root is None:
                        continue
                    src, root = first.source, first.source_root
                    src_ids = {t.i for t in doc.char_span(src[0], src[1], alignment_mode="expand") or ()}
                else:
                    subject = self._subject(verb)
                    if subject is None or subject.pos_ not in {"NOUN", "PROPN", "PRON"}:
                        continue
                    if subject.lower_ in {"it", "there", "this", "that", "what", "which"}:
                        continue
                    toks = self._source_tokens(subject)
                    span = _char_span(toks)
                    if span is None:
                        continue
                    src, root = span, speaker_head(subject).i
                    src_ids = {t.i for t in toks}
                contents = {a.content for a in existing}
                for kind, positions in self._alternative_contents(verb, sent, src_ids):
                    content = _char_span_at(doc, positions)
                    if content is None or content in contents or sum(alpha[i] for i in positions) < 2:
                        continue
                    contents.add(content)
                    out.append(
                        RawAttribution(
                            cue=[(verb.idx, verb.idx + len(verb.text))],
                            source=src,
                            content=content,
                            rule="alt:" + kind,
                            confidence=0.5,
                            sentence_index=s_index,
                            source_root=root,
                            extra={"origin": "alt" if existing else "open_any", "cue_i": str(verb.i), "alt": kind},
                        )
                    )
        return out

    def _alternative_contents(self, verb: Token, sent: Span, src_ids: set[int]) -> list[tuple[str, list[int]]]:
        """The alternative contents of a verb as token positions: the words its subtree spans to its right,
        the rest of its sentence, or (a verb ending its sentence) the part of the sentence before the source
        and the verb."""
        lists = doc_lists(verb.doc)
        v, end = verb.i, sent.end
        out: list[tuple[str, list[int]]] = []
        right = [i for i in lists.subtree(v) if i > v and i not in src_ids and i < end]
        if right:
            out.append(("right", right))
        rest = [i for i in range(v + 1, end) if i not in src_ids]
        if rest:
            out.append(("rest", rest))
        first = min([v] + list(src_ids))
        flags = lists.flags
        punct, space = flags.punct, flags.space
        if all(punct[i] or space[i] for i in range(v + 1, end)) and first > sent.start:
            out.append(("left", list(range(sent.start, first))))
        return out


def cue_token(doc: Doc, att: RawAttribution) -> Token | None:
    """The head word of an attribution's cue (the verb or noun), if it has a cue."""
    if "cue_i" in att.extra:
        return doc[int(att.extra["cue_i"])]
    if not att.cue:
        return None
    start, end = att.cue[0][0], att.cue[-1][1]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root
