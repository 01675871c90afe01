"""Rule-based attribution finder over the spaCy dependency parse.

Finds who-said-what triples: a cue (reporting verb, "according to", a headline colon or dash), its source
(the subject of the cue, as written) and its content (the clause, object or quotation reported). The
rules read their word lists from ``claims/data/cues.json``; this module holds only the logic.

The finder is one implementation of :class:`Attributor`; a trainable component can replace it as long as
it returns the same :class:`RawAttribution` records.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from claims.nlp.lexemes import doc_lists, token_columns
from claims.nlp.lexicon import CueLexicon, load_cue_lexicon

OPEN_QUOTES = {'"', "“", "‘", "«", "„", "``"}
CLOSE_QUOTES = {'"', "”", "’", "»", "''"}
QUOTES = OPEN_QUOTES | CLOSE_QUOTES | {"'"}
DASHES = {"–", "—", "―", "-", "--"}
LINE_DASHES = DASHES - {"-"}  # the dashes before a name that end a headline or quotation
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
CLAUSE_DEPS = {"ccomp", "xcomp"}
KEEP_NESTED_RULES = {"verb:speech"}
NOUN_COMPLEMENT_PREPS = {"about", "over", "for", "of", "on", "that", "regarding"}
OBJECT_COMPLEMENT_PREPS = {"of", "for", "as", "over", "on", "to", "with", "about", "against", "into"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
ASPECTUAL_VERBS = {"continue"}
QUESTION_VERBS = {"ask", "wonder", "question", "inquire"}
GERUND_PREPS = {"by", "after", "before", "while", "in", "on", "upon", "without", "since", "when"}


@dataclass
class RawAttribution:
    """One attribution in token terms of a single ``Doc`` (char offsets for content, which may span sentences)."""

    cue: list[tuple[int, int]]  # char spans
    source: tuple[int, int] | None  # char span
    content: tuple[int, int]  # char span
    rule: str
    confidence: float
    sentence_index: int
    source_root: int | None = None  # token index of the source's head word
    continues: int | None = None  # index (in the finder's output) of the attribution this one continues
    extra: dict[str, str] = field(default_factory=dict)


class Attributor(Protocol):
    def __call__(self, doc: Doc) -> list[RawAttribution]: ...


def _char_span(tokens: Iterable[Token]) -> tuple[int, int] | None:
    """Character span of tokens, without edge punctuation, quotes or spaces."""
    toks = [t for t in tokens if not t.is_space]
    while toks and (toks[0].is_punct and toks[0].text not in OPEN_QUOTES):
        toks.pop(0)
    while toks and (toks[-1].is_punct and toks[-1].text not in CLOSE_QUOTES and toks[-1].text not in {".", "!", "?"}):
        toks.pop()
    # a trailing sentence stop belongs to the content only when inside a quotation
    while toks and toks[-1].text in {".", "!", "?"} and not _inside_quote(toks[-1]):
        toks.pop()
    if not toks:
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    return (start, end) if end > start else None


_STOPS = {".", "!", "?"}


def _char_span_at(doc: Doc, positions: Sequence[int]) -> tuple[int, int] | None:
    """:func:`_char_span` of the tokens at ``positions`` (in that order), read from the document's token
    lists (a spaCy ``Token`` only for the few edge words it tests)."""
    flags = doc_lists(doc).flags
    space, punct = flags.space, flags.punct
    toks = [i for i in positions if not space[i]]
    lo, hi = 0, len(toks)
    while lo < hi and punct[toks[lo]] and doc[toks[lo]].text not in OPEN_QUOTES:
        lo += 1
    while hi > lo and punct[toks[hi - 1]]:
        text = doc[toks[hi - 1]].text
        if text in CLOSE_QUOTES or text in _STOPS:
            break
        hi -= 1
    if hi > lo:
        quoted = doc.user_data.get("claims_quoted", {})
        while hi > lo and punct[toks[hi - 1]] and doc[toks[hi - 1]].text in _STOPS and not quoted.get(toks[hi - 1]):
            hi -= 1
    if hi <= lo:
        return None
    start, end = flags.starts[toks[lo]], flags.ends[toks[hi - 1]]
    return (start, end) if end > start else None


def _inside_quote(token: Token) -> bool:
    return bool(token.doc.user_data.get("claims_quoted", {}).get(token.i))


_QUOTE_RE = re.compile(r"``|''|[\"“”«»„]")


def quotation_char_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations: curly and guillemet pairs, and toggling straight or doubled marks.

    A quotation never crosses a blank line, so an unclosed mark cannot swallow the rest of an article.
    """
    spans: list[tuple[int, int]] = []
    opener: int | None = None
    pos = 0
    for para in re.split(r"(\n\s*\n)", text):
        opener = None
        for m in _QUOTE_RE.finditer(para):
            mark = m.group()
            at = pos + m.start()
            if mark in {"“", "«", "„", "``"}:
                opener = at
            elif mark in {"”", "»"}:
                if opener is not None:
                    spans.append((opener, pos + m.end()))
                    opener = None
            elif opener is None:
                opener = at
            else:
                spans.append((opener, pos + m.end()))
                opener = None
        pos += len(para)
    return spans


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (spaCy rebuilds the string on every access)."""
    cached = doc.user_data.get("claims_text")
    if cached is None:
        cached = doc.text
        doc.user_data["claims_text"] = cached
    return cached


def mark_quotes(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges [start, end) of quotations; marks quoted tokens in ``doc.user_data``."""
    spans: list[tuple[int, int]] = []
    quoted: dict[int, bool] = {}
    for c0, c1 in quotation_char_spans(doc_text(doc)):
        span = doc.char_span(c0, c1, alignment_mode="expand")
        if span is None or not len(span):
            continue
        spans.append((span.start, span.end))
        for i in range(span.start, span.end):
            quoted[i] = True
    doc.user_data["claims_quoted"] = quoted
    return spans


class RuleAttributor:
    """Reporting-verb, preposition, headline and quotation rules."""

    def __init__(self, lexicon: CueLexicon | None = None, *, whole_quotes: bool = True) -> None:
        self.lex = lexicon or load_cue_lexicon()
        self.whole_quotes = whole_quotes
        self.explore_verbs = False

    # ------------------------------------------------------------------ public
    def __call__(self, doc: Doc) -> list[RawAttribution]:
        quotes = mark_quotes(doc)
        found: list[RawAttribution] = []
        sents = list(doc.sents)
        for s_index, sent in enumerate(sents):
            found.extend(self._sentence(sent, s_index))
        found = _dedupe(found)
        _cut_before_according_to(doc, found)
        found = _drop_nested(found)
        if self.whole_quotes:
            _extend_to_quotations(doc, sents, found, quotes)
        return with_continuations(found, self._quote_continuations(doc, sents, found, quotes))

    # ------------------------------------------------------------------ sentence rules
    def _sentence(self, sent: Span, s_index: int) -> list[RawAttribution]:
        out: list[RawAttribution] = []
        doc = sent.doc
        columns = token_columns(doc)
        pos, tag, lower = columns.pos, columns.tag, columns.lower
        for i in range(sent.start, sent.end):
            if pos[i] in {"VERB", "AUX"} or tag[i].startswith("VB"):
                att = self._from_verb(doc[i], sent, s_index)
                if att:
                    out.append(att)
        out.extend(self._prepositional(sent, s_index))
        for i in range(sent.start, sent.end):
            if pos[i] == "NOUN" and lower[i] in self.lex.possessive_cue_nouns:
                att = self._possessive_noun(doc[i], s_index)
                if att:
                    out.append(att)
        att = self._headline(sent, s_index)
        # a "NAME: ..." line holds whatever cues its content has; a dash cue only counts alone
        if att and (not out or att.rule == "colon"):
            out.append(att)
        return out

    def _from_verb(self, verb: Token, sent: Span, s_index: int) -> RawAttribution | None:
        lemma = verb.lemma_.lower()
        cls = self.lex.verbs.get(lemma)
        cue_noun = self._cue_noun(verb) if lemma in self.lex.light_verbs else None
        if cue_noun is not None:
            cls = "noun"
        if cls is None and self.explore_verbs and verb.pos_ == "VERB":
            cls = "stance"  # exploration mode for lexicon building (development only)
        if cls is None:
            return None
        if verb.dep_ in {"amod", "compound"}:
            return None
        if lemma in ASPECTUAL_VERBS and any(c.dep_ in {"xcomp", "dobj"} for c in verb.children):
            return None  # "continue to push", "continued the fight": aspect, not speech
        if _inside_quote(verb):
            # a reporting verb inside someone's quotation is part of what they said, not a new attribution
            return None
        if self._refusal_to_speak(verb):
            return None  # "declined to comment", "refused to say how long ...": nothing is reported
        subject = self._subject(verb)
        source_override: list[Token] | None = None
        if subject is None:
            source_override = _trailing_source(verb, sent)
            if not source_override:
                return None
            subject = source_override[-1]
        if _is_infinitive(verb) and not _controlled_by_subject(verb, subject):
            # "asked the crowd to welcome", "for X to say": the infinitive's agent is not a speaker here
            return None
        if subject.lower_ in self.lex.non_sources and not _is_relative_subject(subject):
            # "it said" of an organisation is a report; other verbs with "it" as subject rarely are
            if not (subject.lower_ == "it" and cls == "speech" and subject.dep_ == "nsubj"):
                return None
        if cls == "document" and subject.lemma_.lower() not in self.lex.document_subjects:
            return None
        if subject.dep_ == "nsubjpass" and lemma not in self.lex.passive_source_verbs:
            return None
        if cue_noun is not None:
            content_tokens, cue_extra = self._noun_content(cue_noun), [cue_noun]
        else:
            content_tokens, cue_extra = self._content(verb, cls, sent, subject, source_override)
        if not content_tokens:
            return None
        source_tokens = source_override or self._source_tokens(subject)
        if _is_relative_subject(subject):
            source_tokens = _with_antecedent(subject) or source_tokens
        src = _char_span(source_tokens)
        content = _char_span(content_tokens)
        if src is None or content is None:
            return None
        # the source must not sit inside the content (a parse that swallowed the subject)
        # (an interrupting "..., he said, ..." is the exception: the content runs around it)
        if content[0] <= src[0] and src[1] <= content[1] and verb.dep_ != "parataxis":
            content = _trim_around(content_tokens, src)
            if content is None:
                return None
        cue_tokens = self._cue_tokens(verb) + cue_extra
        cue = [(t.idx, t.idx + len(t.text)) for t in sorted(cue_tokens, key=lambda t: t.i)]
        conf = self.lex.class_confidence.get(cls, 0.5)
        if subject.lower_ in self.lex.pronouns:
            conf *= 0.95
        return RawAttribution(
            cue=_merge_adjacent(cue, doc_text(verb.doc)),
            source=src,
            content=content,
            rule=f"verb:{cls}" if not self.explore_verbs else f"verb:{cls}:{lemma}",
            confidence=round(conf, 3),
            sentence_index=s_index,
            source_root=speaker_head(subject).i,
        )

    def _refusal_to_speak(self, verb: Token) -> bool:
        """A refusal verb with a bare speech verb as its infinitive, or that infinitive ("declined to comment",
        not "refused to say whether ...", which reports what was not said)."""
        refusals = self.lex.refusal_verbs

        def speech(t: Token) -> bool:
            bare = all(c.dep_ in {"aux", "punct", "advmod", "neg"} for c in t.children)
            return t.dep_ == "xcomp" and self.lex.verbs.get(t.lemma_.lower()) == "speech" and bare

        if verb.lemma_.lower() in refusals:
            return any(speech(c) for c in verb.children)
        return speech(verb) and verb.head.lemma_.lower() in refusals

    def _possessive_noun(self, noun: Token, s_index: int) -> RawAttribution | None:
        """ "X's claim that ...", "his attacks on Y": a reporting noun whose possessor is the source."""
        if _inside_quote(noun):
            return None
        owners = [c for c in noun.children if c.dep_ == "poss"]
        if not owners:
            return None
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.lex.verbs.keys() | self.lex.light_verbs:
            return None  # "repeated his claim": the verb is the cue
        owner = owners[0]
        if owner.lower_ in self.lex.non_sources:
            return None
        content_tokens = self._noun_content(noun)
        if not content_tokens and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
            # "X's claim is that ..."
            for c in noun.head.children:
                if c.dep_ in {"ccomp", "attr"} and c.i > noun.head.i:
                    content_tokens = list(c.subtree)
                    break
        if not content_tokens:
            return None
        # the possessor without its clitic ("Ruiz's" -> "Ruiz's" as written, as annotated)
        src = _char_span(owner.subtree)
        content = _char_span(content_tokens)
        if src is None or content is None:
            return None
        cue = [noun] + [p for p in noun.children if p.dep_ == "prep" and any(t.head.i == p.i for t in content_tokens)]
        return RawAttribution(
            cue=_merge_adjacent([(t.idx, t.idx + len(t.text)) for t in cue], doc_text(noun.doc)),
            source=src,
            content=content,
            rule="noun:possessive",
            confidence=self.lex.class_confidence.get("noun", 0.75) * 0.8,
            sentence_index=s_index,
            source_root=owner.i,
        )

    def _cue_noun(self, verb: Token) -> Token | None:
        """The reporting noun of a light-verb cue ("expressed hope", "raised concerns"), if any."""
        for child in verb.children:
            if child.dep_ == "dobj" and child.lower_ in self.lex.cue_nouns:
                return child
        return None

    def _noun_content(self, noun: Token) -> list[Token]:
        """What a reporting noun reports: its that-clause, or its about/over/for/of/on complement."""
        for child in noun.children:
            if (
                child.dep_ in {"acl", "ccomp", "relcl"}
                and child.i > noun.i
                and any(g.lower_ == "that" and g.dep_ == "mark" for g in child.children)
            ):
                return list(child.subtree)
        for child in noun.children:
            if child.dep_ in {"acl", "ccomp"} and child.i > noun.i:
                return list(child.subtree)
        for child in noun.children:
            if child.dep_ == "prep" and child.i > noun.i and child.lower_ in NOUN_COMPLEMENT_PREPS:
                objs = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
                if objs:
                    return [t for o in objs for t in o.subtree]
        # "expressed hope in an interview that ..." — a that-clause attached to the verb
        for child in noun.head.children:
            that_clause = any(g.lower_ == "that" for g in child.children)
            if child.dep_ in {"ccomp", "advcl"} and child.i > noun.i and that_clause:
                return list(child.subtree)
        return []

    def _subject(self, verb: Token) -> Token | None:
        """The subject of a cue verb, inherited through conjunction, participles and relative clauses."""
        current = verb
        for _ in range(4):
            for child in current.children:
                if child.dep_ in SUBJECT_DEPS and child.dep_ != "csubj":
                    return child
            for child in current.children:
                if child.dep_ == "agent":
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:
                        return objs[0]
            if current.dep_ == "relcl" and current.head.pos_ in {"NOUN", "PROPN"}:
                return current.head
            if current.dep_ == "acl" and (
                current.head.lemma_.lower() in self.lex.document_subjects
                or current.tag_ == "VBG"
                and current.head.pos_ in {"NOUN", "PROPN"}
            ):
                # "a statement saying ...", "voters saying ...", but "X issued a statement saying ...": the
                # issuer speaks
                doc_noun = current.head
                if doc_noun.dep_ == "dobj":
                    issuer = [c for c in doc_noun.head.children if c.dep_ == "nsubj"]
                    if issuer and issuer[0].lower_ not in self.lex.non_sources:
                        return issuer[0]
                return doc_noun

            if current.dep_ in {"conj", "xcomp", "advcl", "acl", "acomp"} and current.head != current:
                current = current.head
                continue
            if current.dep_ == "pcomp" and current.head.lower_ in GERUND_PREPS and current.head.head != current.head:
                # "began by asking ...", "after telling ...": the gerund's speaker is the clause's subject
                current = current.head.head
                continue
            return None
        return None

    def _source_tokens(self, subject: Token) -> list[Token]:
        """The source mention as written: the subject's subtree without relative clauses or trailing asides."""
        drop: set[int] = set()
        for child in subject.children:
            if child.dep_ in {"relcl", "acl"} and child.i > subject.i:
                drop.update(t.i for t in child.subtree)
        toks = [t for t in subject.subtree if t.i not in drop]
        # cut at the first comma after the head unless it introduces an apposition
        head_pos = subject.i
        cut = len(toks)
        for k, t in enumerate(toks):
            if t.i > head_pos and t.text in {",", "(", "—", "–"}:
                nxt = toks[k + 1] if k + 1 < len(toks) else None
                if nxt is None or nxt.dep_ != "appos" and nxt.head.dep_ != "appos":
                    cut = k
                    break
        return toks[:cut]

    def _cue_tokens(self, verb: Token) -> list[Token]:
        toks = [verb]
        for child in verb.children:
            if child.dep_ in {"aux", "auxpass", "neg"} and child.i < verb.i and verb.i - child.i <= 3:
                toks.append(child)
            elif child.dep_ == "prt":
                toks.append(child)
        return toks

    def _content(
        self, verb: Token, cls: str, sent: Span, subject: Token, source_override: list[Token] | None = None
    ) -> tuple[list[Token], list[Token]]:
        """Content tokens for a cue verb, and extra cue tokens (a governing preposition)."""
        doc = verb.doc
        lemma = verb.lemma_.lower()
        children = list(verb.children)
        clauses = [c for c in children if c.dep_ in CLAUSE_DEPS or _is_question_clause(c, verb)]
        if cls == "topic":
            # "talked about X", "referred to X": only the object of the verb's own particle is reported
            return self._particle_content(verb, children)
        # "X said: ..." or "X, saying: '...'" — a colon right after the cue
        nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        if nxt is not None and nxt.text == ":" and nxt.i + 1 < sent.end:
            return [t for t in doc[nxt.i + 1 : sent.end]], []
        # 'X said, “Probably.”': a quotation opening right after the cue and a comma
        if (
            cls == "speech"
            and nxt is not None
            and nxt.text == ","
            and nxt.i + 1 < sent.end
            and doc[nxt.i + 1].text in OPEN_QUOTES
        ):
            return [t for t in doc[nxt.i + 1 : sent.end]], []
        if clauses:
            # prefer a that-clause or a clause to the right; a left clause means a parenthetical cue
            right = [c for c in clauses if c.i > verb.i]
            clause = right[0] if right else clauses[0]
            toks = list(clause.subtree)
            if clause.i < verb.i:
                toks = [t for t in toks if t.i < verb.i and t.i not in {s.i for s in subject.subtree}]
            elif not _inside_quote(clause):
                toks = self._trim_other_report(_trim_trailing_relative(toks), clause)
            return toks, []
        if source_override and verb.dep_ == "ROOT":
            # "..., an aide to the mayor Ana Ruiz said." misparsed: the content is what precedes the comma
            first = source_override[0].i
            toks = [t for t in sent if t.i < first]
            if sum(1 for t in toks if t.is_alpha) >= 3:
                return toks, []
        if verb.dep_ == "parataxis" and verb.head.i != verb.i:
            # "The plan, he said, will fail." — the head clause around the cue
            mine = {t.i for t in verb.subtree}
            toks = [t for t in verb.head.subtree if t.i not in mine]
            if any(t.i < verb.i for t in toks):
                return toks, []
        if (
            verb.dep_ == "ccomp"
            and verb.head.i != verb.i
            and verb.i > verb.head.i
            and verb.head.lemma_.lower() not in self.lex.verbs
        ):
            # "The plan will fail, he said." — the head clause, left of the cue (but in "X said the talks
            # would continue" the head is the report and this verb is part of what it reports)
            mine = {t.i for t in verb.subtree}
            toks = [t for t in verb.head.subtree if t.i not in mine and t.i < verb.i]
            if toks:
                return toks, []
        if cls == "speech":
            quoted = _quotation_before(verb, subject, sent)
            if quoted:
                return quoted, []
        objs = [c for c in children if c.dep_ in {"dobj", "attr", "oprd"} and c.i > verb.i]
        preps = [c for c in children if c.dep_ in {"prep", "dative"} and c.i > verb.i]
        particles = self.lex.verb_particles.get(lemma, ())
        if cls in {"stance", "intent", "evidence", "document", "speech", "belief", "topic"}:
            extra: list[Token] = []
            if objs and lemma not in self.lex.no_object_content:
                start = objs[0]
                toks = list(start.subtree)
                # "accused Y of Z", "blamed Y for Z", "described X as Y": the object and its complement
                # "accused Y of Z", "described X as Y", "called X a liar": complements after the object,
                # up to a comma or a coordinated clause
                for c in verb.rights:
                    if c.i <= start.i:
                        continue
                    if c.text in OPEN_QUOTES:
                        continue  # "called it “a disgrace”": an opening quote before the complement
                    if c.dep_ in {"punct", "cc", "conj"} or c.text == ",":
                        break
                    if (
                        c.dep_ in {"oprd", "xcomp", "ccomp"}
                        or (c.dep_ == "prep" and c.lower_ in OBJECT_COMPLEMENT_PREPS)
                        or (c.dep_ == "advcl" and c.left_edge.lower_ == "as")
                    ):
                        toks.extend(c.subtree)
                if lemma in {"tell", "ask", "inform", "assure", "warn", "urge"} and not any(
                    p.dep_ in CLAUSE_DEPS for p in children
                ):
                    # the object of "told" is the listener, not the content
                    return [], []
                return _trim_nonrestrictive(sorted(set(toks), key=lambda t: t.i)), extra
            for p in preps:
                if p.lower_ in particles or (cls == "stance" and p.lower_ in {"for", "against", "on", "of"}):
                    pobj = [c for c in p.children if c.dep_ in {"pobj", "pcomp"}]
                    if pobj:
                        toks = [t for c in pobj for t in c.subtree]
                        # "called for the minister to resign": the infinitive completes the object
                        end = max(t.i for t in toks)
                        for c in verb.rights:
                            if c.i > end and c.dep_ in {"advcl", "xcomp"} and _is_infinitive(c):
                                if c.left_edge.i == end + 1:
                                    toks.extend(c.subtree)
                                break
                        return toks, [p]
            for c in children:
                # "called for the minister to resign": "for" parsed as the mark of an infinitive clause
                marks = [m for m in c.children if m.dep_ == "mark" and m.lower_ in particles]
                if c.dep_ == "advcl" and c.i > verb.i and marks and _is_infinitive(c):
                    return [t for t in c.subtree if t.i != marks[0].i], [marks[0]]
        if cls in {"speech", "belief"}:
            return self._rest_of_clause(verb, sent), []
        return [], []

    def _trim_other_report(self, tokens: list[Token], clause: Token) -> list[Token]:
        """Cut a reported clause before ", while others said ...": a coordinated or adverbial clause that is
        someone else's report (a speech cue with its own subject) is not part of this content."""
        for k, t in enumerate(tokens[1:], start=1):
            if t.text != "," or k + 1 >= len(tokens):
                continue
            nxt = tokens[k + 1]
            head = nxt.head if nxt.dep_ in {"mark", "cc"} else nxt
            if (
                head.i != clause.i
                and head.dep_ in {"advcl", "conj"}
                and self.lex.verbs.get(head.lemma_.lower()) == "speech"
                and any(c.dep_ == "nsubj" for c in head.children)
                and head.left_edge.i >= nxt.i
            ):
                return tokens[:k]
        return tokens

    def _particle_content(self, verb: Token, children: list[Token]) -> tuple[list[Token], list[Token]]:
        """The object of a listed particle of the cue ("spoke about X"), and the particle (part of the cue)."""
        particles = self.lex.verb_particles.get(verb.lemma_.lower(), ())
        for p in children:
            if p.dep_ in {"prep", "prt"} and p.i > verb.i and p.lower_ in particles:
                pobj = [c for c in p.children if c.dep_ in {"pobj", "pcomp"}]
                if pobj:
                    return [t for c in pobj for t in c.subtree], [p]
        return [], []

    def _rest_of_clause(self, verb: Token, sent: Span) -> list[Token]:
        """Fallback for a misparsed complement ("says in a statement that ..."): the words after the cue and
        its adjuncts, when they start a clause (a "that" or a subject followed by a verb)."""
        doc = verb.doc
        skip: set[int] = set()
        for child in verb.rights:
            if child.dep_ in {"prep", "advmod", "npadvmod", "dative"}:
                skip.update(t.i for t in child.subtree)
        i = verb.i + 1
        while i < sent.end and (i in skip or doc[i].is_punct and doc[i].text not in QUOTES):
            i += 1
        if i < sent.end and doc[i].lower_ == "that" and doc[i].dep_ == "mark":
            pass
        elif i in skip or i >= sent.end:
            # a that-clause hidden inside the adjunct ("in a statement that ...")
            marks = [t for t in doc[verb.i + 1 : sent.end] if t.lower_ == "that" and t.dep_ == "mark"]
            if not marks:
                return []
            i = marks[0].i
        else:
            return []
        end = sent.end
        toks = list(doc[i:end])
        return toks if sum(1 for t in toks if t.is_alpha) >= 3 else []

    # ------------------------------------------------------------------ other cues
    def _prepositional(self, sent: Span, s_index: int) -> list[RawAttribution]:
        """ "According to X, ..." and its kin: the source is the object, the content the rest of the clause."""
        out = []
        words = token_columns(sent.doc).lower[sent.start : sent.end]
        present = set(words)
        for phrase in self.lex.preposition_cues:
            if phrase[0] not in present:
                continue
            n = len(phrase)
            target = list(phrase)
            for k in range(len(words) - n + 1):
                if words[k] != target[0] or words[k : k + n] != target:
                    continue
                cue_toks = list(sent[k : k + n])
                last = cue_toks[-1]
                pobj = [c for c in last.children if c.dep_ == "pobj"]
                if not pobj:
                    continue
                source_head = pobj[0]
                # the source as written, with its relative clause ("sources who spoke to the paper")
                source_toks = list(source_head.subtree)
                prep_head = cue_toks[0]
                # content: the clause the phrase attaches to, minus the phrase itself
                anchor = prep_head.head if prep_head.head != prep_head else sent.root
                while anchor.dep_ not in {"ROOT", "ccomp", "conj", "advcl"} and anchor.head != anchor:
                    anchor = anchor.head
                phrase_ids = {t.i for t in prep_head.subtree} | {t.i for t in cue_toks}
                content_toks = [t for t in anchor.subtree if t.i not in phrase_ids]
                if prep_head.i > anchor.i:
                    content_toks = [t for t in content_toks if t.i < prep_head.i]
                phrase_end = max(phrase_ids)
                if all(t.is_punct or t.is_space for t in sent.doc[phrase_end + 1 : sent.end]):
                    # "..., according to X." closing the sentence reports all of the sentence before it
                    content_toks = [t for t in sent if t.i < prep_head.i]
                src = _char_span(source_toks)
                content = _char_span(content_toks)
                if src and content:
                    out.append(
                        RawAttribution(
                            cue=_merge_adjacent([(t.idx, t.idx + len(t.text)) for t in cue_toks], doc_text(sent.doc)),
                            source=src,
                            content=content,
                            rule="according_to",
                            confidence=0.85,
                            sentence_index=s_index,
                            source_root=source_head.i,
                        )
                    )
        return out

    def _headline(self, sent: Span, s_index: int) -> RawAttribution | None:
        """Headline and transcript cues: "NAME: text", "text – NAME", "“quote” ― NAME"."""
        words = [t for t in sent if not t.is_space]
        if (
            len(words) == 2
            and words[1].text == ":"
            and _headline_name_word(words[0])
            and words[0].is_alpha
            and self._colon_speaker(words[:1])
        ):
            # a transcript turn "NAME:" whose words follow in the next sentences of the paragraph
            following = _rest_of_paragraph(words[1])
            content = _char_span(following)
            if content:
                return RawAttribution(
                    cue=[(words[1].idx, words[1].idx + 1)],
                    source=_char_span(words[:1]),
                    content=content,
                    rule="colon",
                    confidence=0.6,
                    sentence_index=s_index,
                    source_root=words[0].i,
                )
        if len(words) < 3:
            return None
        # "NAME: content"
        for k, t in enumerate(words[:6]):
            if t.text == ":" and 0 < k <= 5:
                head = words[:k]
                rest = words[k + 1 :]
                if (
                    all(_headline_name_word(w) for w in head)
                    and self._colon_speaker(head)
                    and sum(1 for w in rest if w.is_alpha) >= 2
                ):
                    content = _char_span(rest)
                    src = _char_span(head)
                    if content and src:
                        return RawAttribution(
                            cue=[(t.idx, t.idx + 1)],
                            source=src,
                            content=content,
                            rule="colon",
                            confidence=0.6,
                            sentence_index=s_index,
                            source_root=head[-1].i,
                        )
                break
        # "content – NAME" at the end of a line
        text = doc_text(sent.doc)[sent.start_char : sent.end_char]
        if not any(d in text for d in LINE_DASHES):  # no dash token (a dash's text is in the sentence's)
            return None
        for k in range(len(words) - 2, 0, -1):
            t = words[k]
            if t.text in LINE_DASHES:
                tail = words[k + 1 :]
                if 1 <= len(tail) <= 5 and all(w.pos_ == "PROPN" or w.ent_type_ for w in tail if w.is_alpha):
                    if not any(w.is_alpha for w in tail):
                        return None
                    content = _char_span(words[:k])
                    src = _char_span(tail)
                    if content and src:
                        return RawAttribution(
                            cue=[(t.idx, t.idx + len(t.text))],
                            source=src,
                            content=content,
                            rule="dash",
                            confidence=0.6,
                            sentence_index=s_index,
                            source_root=tail[-1].i,
                        )
                break
        return None

    def _colon_speaker(self, head: list[Token]) -> bool:
        """The words before a "NAME:" colon can name a speaker: letters, and not a label ("Q", "Update")."""
        name = " ".join(w.text for w in head).lower()
        return len(name) > 1 and any(w.is_alpha for w in head) and name not in self.lex.colon_non_sources

    def _quote_continuations(
        self, doc: Doc, sents: list[Span], found: list[RawAttribution], quotes: list[tuple[int, int]]
    ) -> list[RawAttribution]:
        """Sentences inside a quotation that an earlier sentence attributed: same speaker, no source mention."""
        out: list[RawAttribution] = []
        covered = {a.sentence_index for a in found}
        by_sentence: dict[int, RawAttribution] = {}
        for a in found:
            by_sentence.setdefault(a.sentence_index, a)
        sent_of_token = {}
        for i, s in enumerate(sents):
            for j in range(s.start, s.end):
                sent_of_token[j] = i
        for q_start, q_end in quotes:
            first_sent = sent_of_token.get(q_start)
            last_sent = sent_of_token.get(q_end - 1)
            if first_sent is None or last_sent is None:
                continue
            # the attribution for this quotation is in one of the sentences it spans, or it is an earlier
            # sentence's attribution whose content runs on into this quotation ("“A,” she said. “B. C.”")
            owner = next((by_sentence[i] for i in range(first_sent, last_sent + 1) if i in by_sentence), None)
            if owner is None:
                q_chars = (doc[q_start].idx, doc[q_end - 1].idx + len(doc[q_end - 1].text))
                owner = next(
                    (
                        a
                        for a in found
                        if a.source is not None
                        and a.sentence_index < first_sent
                        and a.content[0] <= q_chars[0]
                        and a.content[1] >= q_chars[1]
                    ),
                    None,
                )
            elif last_sent == first_sent:
                continue
            if owner is None:
                continue
            for i in range(first_sent, last_sent + 1):
                if i in covered:
                    continue
                words = [t for t in sents[i] if q_start <= t.i < q_end]
                span = _char_span(words)
                if span is None or not any(t.is_alpha for t in words):
                    continue  # a quotation mark the sentence splitter left on a line of its own
                out.append(
                    RawAttribution(
                        cue=[],
                        source=None,
                        content=span,
                        rule="quote_continuation",
                        confidence=round(owner.confidence * 0.9, 3),
                        sentence_index=i,
                        source_root=owner.source_root,
                        continues=found.index(owner),
                    )
                )
                covered.add(i)
        return out


def with_continuations(found: list[RawAttribution], continuations: list[RawAttribution]) -> list[RawAttribution]:
    """``found`` and the quotation ``continuations`` of its attributions in reading order; a continuation's
    ``continues`` (its owner's index in ``found``) is renumbered to the owner's place in the sorted list."""
    owners = list(found)
    out = owners + continuations
    out.sort(key=lambda a: (a.content[0], a.cue[0][0] if a.cue else 0))
    place = {id(a): k for k, a in enumerate(out)}
    for a in continuations:
        if a.continues is not None:
            a.continues = place[id(owners[a.continues])]
    return out


def _cut_before_according_to(doc: Doc, found: list[RawAttribution]) -> None:
    """'X said Y, according to Z': the "according to" phrase belongs to the outer report, not to Y."""
    text = doc_text(doc)
    starts = [a.cue[0][0] for a in found if a.rule == "according_to" and a.cue]
    for a in found:
        if a.rule == "according_to" or not a.cue:
            continue
        inside = [c for c in starts if a.content[0] < c < a.content[1] and c > a.cue[0][0]]
        if inside:
            end = min(inside)
            cut = text[a.content[0] : end].rstrip(" ,;–—-\n")
            if cut.strip():
                a.content = (a.content[0], a.content[0] + len(cut))


def _extend_to_quotations(
    doc: Doc, sents: list[Span], found: list[RawAttribution], quotes: list[tuple[int, int]]
) -> None:
    """Grow a content that lies in a quotation to the whole quotation, and over a quotation that resumes
    right after the cue ("“A,” she said. “B.”"), as quotations are reported as one content."""
    qchars = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for s, e in quotes]
    text = doc_text(doc)
    for a in found:
        if a.source is None:
            continue
        c0, c1 = a.content
        overlapping = [q for q in qchars if q[0] < c1 and c0 < q[1]]
        if not overlapping:
            continue
        # grow to the quotation marks of every quotation the content touches (a mixed content keeps its
        # unquoted start)
        lo = min([c0] + [q[0] for q in overlapping if q[0] <= c0 + 1])
        hi = max([c1] + [q[1] for q in overlapping])
        # a quotation resuming after the cue and source, in the same paragraph
        cue_end = max([e for _, e in a.cue] + [a.source[1]])
        if hi <= a.source[0] or hi <= cue_end:
            following = [q for q in qchars if q[0] >= cue_end]
            if following:
                gap = text[cue_end : following[0][0]]
                sent_end = sents[a.sentence_index].end_char
                # the quotation resumes right where the attribution sentence ends ("..., she said. “B.”")
                # (the sentence splitter may have left the opening mark at the end of the cue sentence)
                resumes_next_sentence = (
                    following[0][0] >= sent_end - 1 and not text[sent_end : following[0][0]].strip()
                ) or (following[0][0] < sent_end and not text[following[0][0] : sent_end].strip("'\"“‘` \n"))
                # or after a short rest of the attribution clause ("“A,” he told reporters, “B”")
                resumes_after_clause = len(gap.split()) <= 4 and gap.rstrip().endswith((".", ",", ":", ";"))
                if "\n\n" not in gap and (resumes_next_sentence or resumes_after_clause):
                    hi = following[0][1]
        # quotations that follow one another with nothing but punctuation between are one content
        for q in qchars:
            if q[0] >= hi and not text[hi : q[0]].strip(" ,;.\t") and "\n" not in text[hi : q[0]]:
                hi = q[1]
        a.content = (lo, hi)


def _rest_of_paragraph(token: Token) -> list[Token]:
    """The tokens after ``token`` up to the end of its paragraph (a blank line)."""
    doc = token.doc
    text = doc_text(doc)
    end = re.search(r"\n\s*\n", text[token.idx :])
    stop = token.idx + end.start() if end else len(text)
    return [t for t in doc[token.i + 1 :] if t.idx < stop]


def _headline_name_word(word: Token) -> bool:
    """A word of the speaker slot of a "NAME: ..." line: a name, an acronym, or a capitalised noun ("Poll")."""
    if word.text in {".", "'s", "’s"}:
        return True
    return word.pos_ == "PROPN" or word.text.isupper() or (word.pos_ == "NOUN" and word.text.istitle())


def _quotation_before(verb: Token, subject: Token, sent: Span) -> list[Token]:
    """'"Absolutely not," he said of the deal': a quotation ending just before the source and cue."""
    doc = verb.doc
    first = min(verb.i, subject.left_edge.i)
    k = first - 1
    while k >= sent.start and doc[k].is_punct and not _inside_quote(doc[k]):
        k -= 1
    # a cue sentence of its own ("“…?” The mayor said."): the quotation ends the sentence before it
    lower = sent.start
    if k < sent.start and k >= 0 and "\n\n" not in doc_text(doc)[doc[k].idx : doc[first].idx]:
        lower = doc[k].sent.start
        while k >= lower and doc[k].is_punct and not _inside_quote(doc[k]):
            k -= 1
    if k < lower or not _inside_quote(doc[k]):
        return []
    start = k
    while start - 1 >= lower and _inside_quote(doc[start - 1]):
        start -= 1
    return list(doc[start : k + 1])


def _trailing_source(verb: Token, sent: Span) -> list[Token]:
    """The noun phrase between the last comma and a sentence-final cue ("..., an aide to the mayor said."),
    for parses that left the cue without a subject."""
    if any(not t.is_punct and not t.is_space for t in verb.doc[verb.i + 1 : sent.end]):
        return []
    toks: list[Token] = []
    for t in reversed(list(verb.doc[sent.start : verb.i])):
        if t.text in {",", "—", "–", ";", ":"} or t.text in QUOTES:
            break
        toks.insert(0, t)
    else:
        return []
    toks = [t for t in toks if not (t.dep_ in {"aux", "neg", "advmod"} and t.head == verb)]
    if not toks or len(toks) > 12 or not any(t.pos_ in {"PROPN", "NOUN", "PRON"} for t in toks):
        return []
    if any(t.pos_ in {"VERB", "AUX"} for t in toks):
        return []
    return toks


def _is_relative_subject(token: Token) -> bool:
    """'who'/'which'/'that' as the subject of a relative clause: the speaker is the noun it modifies."""
    return token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl"


def speaker_head(token: Token) -> Token:
    """The token whose mention names the speaker: the antecedent of a relative pronoun, else itself."""
    if _is_relative_subject(token) and token.head.head != token.head:
        return token.head.head
    return token


def _with_antecedent(pronoun: Token) -> list[Token]:
    """'Ruiz, who' for a relative pronoun right after its antecedent: the mention as written, name included."""
    antecedent = speaker_head(pronoun)
    if antecedent is pronoun or antecedent.i > pronoun.i:
        return []
    between = pronoun.doc[antecedent.i + 1 : pronoun.i]
    if any(not t.is_punct for t in between):
        return []
    start = antecedent.i
    doc = pronoun.doc
    while start > 0 and doc[start - 1].dep_ in {"compound", "flat"} and doc[start - 1].head == antecedent:
        start -= 1
    return list(pronoun.doc[start : pronoun.i + 1])


def _is_question_clause(child: Token, verb: Token) -> bool:
    """'asked him if/whether ...': an embedded question parsed as an adverbial clause of a question verb."""
    return (
        child.dep_ == "advcl"
        and child.i > verb.i
        and verb.lemma_.lower() in QUESTION_VERBS
        and any(m.dep_ == "mark" and m.lower_ in {"if", "whether"} for m in child.children)
    )


def _is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _controlled_by_subject(verb: Token, subject: Token) -> bool:
    """An infinitive cue whose speaker is its head verb's subject with no object in between ("went on to say")."""
    if subject.head == verb:
        return False
    head = verb.head
    return verb.dep_ == "xcomp" and not any(c.dep_ in {"dobj", "dative"} for c in head.children)


def _trim_nonrestrictive(tokens: list[Token]) -> list[Token]:
    """Cut an object content before a comma that opens a relative clause, participle or adverbial aside."""
    for k, t in enumerate(tokens[1:], start=1):
        if t.text == "," and k + 1 < len(tokens):
            nxt = tokens[k + 1]
            opens_aside = nxt.head.dep_ in {"relcl", "advcl", "acl"} and nxt.i < nxt.head.i
            if nxt.dep_ in {"relcl", "advcl", "acl"} or opens_aside:
                return tokens[:k]
    return tokens


def _trim_trailing_relative(tokens: list[Token]) -> list[Token]:
    """Cut a reported clause before a final ", which ..." aside: the outlet's gloss, not the claim."""
    for k, t in enumerate(tokens[1:], start=1):
        if t.text == "," and k + 1 < len(tokens):
            nxt = tokens[k + 1]
            if nxt.lower_ == "which" and nxt.head.dep_ == "relcl" and nxt.head.head.i < t.i:
                return tokens[:k]
    return tokens


def _trim_around(tokens: list[Token], src: tuple[int, int]) -> tuple[int, int] | None:
    """Content tokens on the larger side of a source span that fell inside them."""
    left = [t for t in tokens if t.idx + len(t.text) <= src[0]]
    right = [t for t in tokens if t.idx >= src[1]]
    side = left if sum(len(t) for t in left) >= sum(len(t) for t in right) else right
    return _char_span(side)


def _merge_adjacent(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Join cue pieces separated only by whitespace ("has" + "blamed" -> "has blamed")."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and text[merged[-1][1] : s].strip() == "":
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _drop_nested(found: list[RawAttribution]) -> list[RawAttribution]:
    """Drop an attribution whose cue lies inside another's content: what X reports is X's claim."""
    keep = []
    for a in found:
        if not a.cue:
            keep.append(a)
            continue
        c0 = a.cue[0][0]
        nested = any(b is not a and b.content[0] <= c0 < b.content[1] and b.source is not None for b in found)
        if nested and a.rule in KEEP_NESTED_RULES:
            nested = False
        if not nested:
            keep.append(a)
    return keep


def _dedupe(found: list[RawAttribution]) -> list[RawAttribution]:
    seen: set[tuple[tuple[int, int], tuple[int, int] | None]] = set()
    out = []
    for a in found:
        key = (a.content, a.source)
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out
