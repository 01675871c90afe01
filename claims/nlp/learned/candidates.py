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
    _cut_before_according_to,
    _dedupe,
    _drop_nested,
    _extend_to_quotations,
    _inside_quote,
    mark_quotes,
)


@dataclass
class Candidates:
    rules: list[RawAttribution]
    extra: list[RawAttribution]


class CandidateFinder(RuleAttributor):
    """The rules, plus the attributions they would make with an open cue lexicon."""

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
        kept.extend(self._quote_continuations(doc, sents, kept, quotes))
        kept.sort(key=lambda a: (a.content[0], a.cue[0][0] if a.cue else 0))
        # --- the candidates the rules leave out
        seen = {(a.content, a.source) for a in kept}
        extra = [a for a in _dedupe(nested + extra) if (a.content, a.source) not in seen]
        _cut_before_according_to(doc, extra)
        if self.whole_quotes:
            _extend_to_quotations(doc, sents, extra, quotes)
        return Candidates(rules=kept, extra=extra)

    def __call__(self, doc: Doc) -> list[RawAttribution]:
        return self.find(doc).rules

    def _open_sentence(self, sent: Span, s_index: int) -> list[RawAttribution]:
        out: list[RawAttribution] = []
        lex = self.lex
        for tok in sent:
            if tok.pos_ != "VERB":
                continue
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
        for tok in sent:
            if tok.pos_ == "NOUN" and tok.lower_ not in lex.possessive_cue_nouns and not _inside_quote(tok):
                att = self._possessive_noun(tok, s_index)
                if att is not None:
                    att.rule = "open:noun"
                    att.extra["origin"] = "open"
                    att.extra["cue_i"] = str(tok.i)
                    out.append(att)
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
