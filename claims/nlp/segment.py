"""Paragraph-aware sentence boundaries.

A sentence never crosses a blank line (a paragraph break), and a line break starts a new sentence unless
the next line continues in lower case (a wrapped line). A line with no sentence-final punctuation inside
it (a headline, a byline, a banner) is kept as one sentence. Runs before the parser, which respects
boundaries set here.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claims.nlp.attribution import doc_text

SEGMENTER = "claims_paragraphs"
_FINAL = {".", "!", "?", "…"}
# A dateline opening a paragraph ("LONDON, Oct 8 (Reuters) - ", "CARROW FALLS, Ohio — ", "(AP) — ") is a
# sentence of its own: left in, the parser makes the place the subject of the first verb ("LONDON ... said"),
# so the place would be read as the speaker.
_DATELINE = re.compile(
    r"""(?x)
    (?:[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]*)*   # the place in capitals: LONDON, CARROW FALLS, ST. LOUIS
       (?:,\s*[A-Z][\w.]*(?:\s+[\w.]+)?){0,3}      # , N.D. / , Ohio / , Oct. 8
       (?:\s*\([^()\n]{1,40}\))?                   # (Reuters)
     |\([^()\n]{1,40}\))                           # or the agency alone: (AP)
    \s*[-–—]{1,2}\s+(?=\S)"""
)


def _line_starts(doc: Doc) -> list[int]:
    """Token indices that begin a new line (and so may begin a sentence)."""
    starts = [0]
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text_with_ws and (token.is_space or "\n" in token.whitespace_):
            nxt = i + 1
            if doc[nxt].is_space:
                continue
            starts.append(nxt)
        elif token.is_space and i + 1 < len(doc) and starts[-1] != i + 1 and "\n" in token.text:
            starts.append(i + 1)
    return sorted(set(starts))


@Language.component(SEGMENTER)
def paragraph_segmenter(doc: Doc) -> Doc:
    if not len(doc):
        return doc
    # Boundaries are written as one array: setting ``Token.is_sent_start`` one token at a time checks the
    # whole doc's annotation on every call, which made this step cost a twentieth of the parse.
    sent_starts: Any = doc.to_array(["SENT_START"]).astype("int64")  # 1 start, -1 not a start, 0 parser decides
    starts = _line_starts(doc)
    bounds = starts + [len(doc)]
    for begin, end in zip(bounds, bounds[1:], strict=False):
        if begin >= len(doc):
            continue
        first = doc[begin]
        blank_before = begin == 0 or "\n\n" in "".join(t.text_with_ws for t in doc[max(0, begin - 3) : begin]).replace(
            " ", ""
        )
        if begin > 0 and (blank_before or not first.is_lower):
            sent_starts[begin] = 1
        words = [t for t in doc[begin:end] if not t.is_space]
        if not words:
            continue
        inner_final = any(t.text in _FINAL for t in words[:-1])
        if not inner_final and len(words) <= 60:
            for t in words[1:]:
                sent_starts[t.i] = -1
        if blank_before:
            _split_dateline(doc, doc_text(doc), begin, end, sent_starts)
    doc.from_array(["SENT_START"], sent_starts.astype("uint64"))
    return doc


def _split_dateline(doc: Doc, text: str, begin: int, end: int, sent_starts: Any) -> None:
    """Make a paragraph's opening dateline a sentence of its own (the text after it starts the next one)."""
    start = doc[begin].idx
    found = _DATELINE.match(text, start, min(len(text), start + 120))
    if found is None or found.end() - start < 5:
        return
    for t in doc[begin + 1 : end]:
        if t.idx >= found.end():
            if t.idx == found.end():
                for inside in doc[begin + 1 : t.i]:
                    sent_starts[inside.i] = -1
                sent_starts[t.i] = 1
            return


def add_segmenter(nlp: Language) -> None:
    if SEGMENTER not in nlp.pipe_names:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(SEGMENTER, before="parser")
        else:
            nlp.add_pipe(SEGMENTER, first=True)
