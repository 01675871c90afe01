"""Features of a candidate attribution, as strings (one-hot, for a linear model).

Everything here reads the parse of one ``Doc`` and a :class:`~claims.nlp.attribution.RawAttribution`; no
article text is stored in a model, only feature names built from lemmas, tags and dependency labels.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping

from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, MORPH
from spacy.tokens import Doc, Token

from claims.nlp.attribution import RawAttribution
from claims.nlp.learned.candidates import cue_token

MODALS = {"would", "could", "might", "may", "should", "will", "can", "must", "'ll", "’ll", "shall"}
NEGATIONS = {"not", "n't", "n’t", "never", "no"}


def _bucket(n: int, edges: tuple[int, ...] = (1, 2, 3, 5, 8, 13, 21, 34, 55)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return "more"


class DocContext:
    """Per-document lookups shared by the features of all its candidates: token positions, each token's
    sentence, and running counts of alphabetic, quoted and finite-verb tokens, so that a candidate's
    content (a run of tokens) is read in constant time instead of token by token."""

    def __init__(self, doc: Doc, rules: list[RawAttribution]) -> None:
        self.doc = doc
        idx, punct, alpha_flags, morphs = (
            doc.to_array([IDX, IS_PUNCT, IS_ALPHA, MORPH]).T.tolist() if len(doc) else ([], [], [], [])
        )
        self.starts: list[int] = idx
        self.rules = rules
        self.rule_contents = sorted(a.content for a in rules if a.source is not None)
        self.rule_content_starts = [c[0] for c in self.rule_contents]
        self.longest_rule_content = max((c1 - c0 for c0, c1 in self.rule_contents), default=0)
        self.rule_cue_starts = {c[0] for a in rules for c in a.cue}
        self.rule_sentences = {a.sentence_index for a in rules if a.source is not None}
        n = len(doc)
        # each token's sentence (start, end), read once: ``Token.sent`` scans the doc for its boundaries
        self.sent_start: list[int] = [0] * n
        self.sent_end: list[int] = [0] * n
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                self.sent_start[i] = sent.start
                self.sent_end[i] = sent.end
        quoted = doc.user_data.get("claims_quoted", {})  # set by the finder (mark_quotes)
        finite: dict[int, bool] = {}  # per morphological analysis (its key, what ``hash(token.morph)`` gives)
        self.is_punct: list[bool] = [bool(flag) for flag in punct]
        alpha, in_quote, fin = [0], [0], [0]
        for i, key in enumerate(morphs):
            alpha.append(alpha[-1] + alpha_flags[i])
            in_quote.append(in_quote[-1] + bool(quoted.get(i)))
            if key not in finite:
                finite[key] = "Fin" in doc[i].morph.get("VerbForm", [])
            fin.append(fin[-1] + finite[key])
        self.alpha, self.quoted, self.finite = alpha, in_quote, fin

    def rule_contents_near(self, start: int, end: int) -> list[tuple[int, int]]:
        """The rule contents that can reach into [start, end]: those starting at most ``end`` and no earlier
        than the longest content before ``start``."""
        lo = bisect.bisect_left(self.rule_content_starts, start - self.longest_rule_content)
        hi = bisect.bisect_right(self.rule_content_starts, end)
        return self.rule_contents[lo:hi]

    def bounds(self, span: tuple[int, int]) -> tuple[int, int]:
        """The tokens [lo, hi) starting inside the character span."""
        return bisect.bisect_left(self.starts, span[0]), bisect.bisect_left(self.starts, span[1])

    def tokens(self, span: tuple[int, int]) -> list[Token]:
        lo, hi = self.bounds(span)
        return list(self.doc[lo:hi])


def _content_relation(cue: Token, lo: int, hi: int) -> str:
    """How the content (tokens ``lo`` .. ``hi - 1``) hangs off the cue: the dependency label of the cue's
    child that starts it."""
    if lo <= cue.i < hi:
        return "around"
    for child in cue.children:
        if lo <= child.i < hi:
            label = child.dep_
            if label == "prep":
                label += ":" + child.lower_
            return label
    for child in cue.children:
        if child.dep_ in {"prep", "dative", "agent"} and any(lo <= g.i < hi for g in child.children):
            return "prep:" + child.lower_
    if hi > lo and hi - 1 < cue.i:
        return "left_" + ("head" if lo <= cue.head.i < hi else "other")
    return "other"


def features(ctx: DocContext, att: RawAttribution, lexicon: Mapping[str, float] | None = None) -> list[str]:
    doc = ctx.doc
    origin = att.extra.get("origin", "rules")
    alt = att.extra.get("alt")
    f = [
        "bias",
        "origin=" + origin,
        "alt=" + str(alt),
        "rule=" + att.rule.split(":")[0] + ":" + (att.rule.split(":") + [""])[1],
    ]
    cue = cue_token(doc, att)
    lo, hi = ctx.bounds(att.content)  # the content's tokens
    src = ctx.tokens(att.source) if att.source else []
    f.append("content_len=" + _bucket(ctx.alpha[hi] - ctx.alpha[lo]))
    f.append("source_len=" + _bucket(sum(1 for t in src if t.is_alpha)))
    quoted = ctx.quoted[hi] - ctx.quoted[lo]
    f.append("content_quoted=" + ("all" if hi > lo and quoted == hi - lo else "some" if quoted else "none"))
    f.append("headline=" + str(att.sentence_index == 0))
    if hi > lo:
        first = doc[next((i for i in range(lo, hi) if not ctx.is_punct[i]), lo)]
        f.append(
            "content_first=" + (first.lower_ if first.pos_ in {"SCONJ", "PART", "ADP", "DET", "PRON"} else first.pos_)
        )
        f.append("content_finite=" + str(ctx.finite[hi] - ctx.finite[lo] > 0))
        last = hi - 1
        f.append("content_ends_sentence=" + str(last + 1 >= ctx.sent_end[last] or ctx.is_punct[last + 1]))
        f.append("content_sentences=" + _bucket(len(set(ctx.sent_start[lo:hi])), (1, 2, 3)))
    f.append("sent_has_rule=" + str(att.sentence_index in ctx.rule_sentences))
    # inside the content of a rule attribution (a nested report), or overlapping one
    cue_at = att.cue[0][0] if att.cue else att.content[0]
    inside = any(c0 <= cue_at < c1 for c0, c1 in ctx.rule_contents_near(cue_at, cue_at))
    f.append("cue_in_rule_content=" + str(inside))
    best = 0.0
    for c0, c1 in ctx.rule_contents_near(att.content[0], att.content[1]):
        inter = min(c1, att.content[1]) - max(c0, att.content[0])
        if inter > 0:
            best = max(best, 2 * inter / (c1 - c0 + att.content[1] - att.content[0]))
    f.append("content_overlap_rule=" + ("0" if best == 0 else "low" if best < 0.5 else "high"))
    if src:
        head = doc[att.source_root] if att.source_root is not None else src[-1]
        f.append("src_pos=" + head.pos_)
        f.append("src_ent=" + (head.ent_type_ or "-"))
        f.append("src_dep=" + head.dep_)
        if head.pos_ == "PRON":
            f.append("src_pron=" + head.lower_)
        elif head.pos_ != "PROPN" and not head.ent_type_:
            f.append("src_lemma=" + head.lemma_.lower())  # common nouns only: no names in the weights
        ents = {t.ent_type_ for t in src if t.ent_type_}
        for e in sorted(ents):
            f.append("src_has_ent=" + e)
    else:
        f.append("no_source")
    if cue is None:
        f.append("no_cue")
        return f
    lemma = cue.lemma_.lower()
    rel = _content_relation(cue, lo, hi)
    f += [
        "lemma=" + lemma,
        "cue_pos=" + cue.pos_,
        "cue_tag=" + cue.tag_,
        "cue_dep=" + cue.dep_,
        "cue_head_dep=" + cue.head.dep_,
        "rel=" + rel,
        "lemma|rel=" + lemma + "|" + rel,
        "tag|rel=" + cue.tag_ + "|" + rel,
        "dep|rel=" + cue.dep_ + "|" + rel,
        "origin|rel=" + origin + "|" + rel,
        "lemma|origin=" + lemma + "|" + origin,
        "alt|rel=" + str(alt) + "|" + rel,
    ]
    if cue.dep_ not in {"ROOT"}:
        if cue.head.pos_ != "PROPN" and not cue.head.ent_type_:
            f.append("head_lemma=" + cue.head.lemma_.lower())
        f.append("lemma|head_dep=" + lemma + "|" + cue.head.dep_)
    children = {c.dep_ for c in cue.children}
    for d in sorted(children & {"ccomp", "xcomp", "dobj", "prep", "advcl", "neg", "prt", "agent", "dative"}):
        f.append("child=" + d)
    for c in cue.children:
        if c.lower_ in MODALS and c.dep_ == "aux":
            f.append("modal=" + c.lower_)
        if c.lower_ in NEGATIONS:
            f.append("negated")
        if c.dep_ == "prt":
            f.append("lemma|prt=" + lemma + "|" + c.lower_)
        if c.dep_ == "mark" or (c.dep_ in {"ccomp", "advcl"} and any(g.lower_ == "that" for g in c.children)):
            f.append("that_clause")
    if src:
        head = doc[att.source_root] if att.source_root is not None else src[-1]
        f.append("lemma|src_ent=" + lemma + "|" + (head.ent_type_ or head.pos_))
        f.append("rel|src_ent=" + rel + "|" + (head.ent_type_ or head.pos_))
    if lexicon is not None:
        f += lexicon_features(lemma, rel, lexicon)
    else:
        f.append(f"@{lemma}|{rel}")  # placeholder: lexicon features added later (training)
    return f


def lexicon_features(lemma: str, rel: str, lexicon: Mapping[str, float]) -> list[str]:
    """The learned cue lexicon's say on a cue word: its rate of being a gold cue, in tenths."""
    rate = lexicon.get(lemma)
    level = "none" if rate is None else str(min(9, int(rate * 10)))
    return ["lex=" + level, "lex|rel=" + level + "|" + rel]


def with_lexicon(feats: list[str], lexicon: Mapping[str, float]) -> list[str]:
    """Features computed without a lexicon (``features(..., None)``), with the lexicon's features added."""
    out = []
    for f in feats:
        if f.startswith("@"):
            lemma, _, rel = f[1:].rpartition("|")
            out += lexicon_features(lemma, rel, lexicon)
        else:
            out.append(f)
    return out
