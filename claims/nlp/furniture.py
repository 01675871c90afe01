"""Site furniture: banners, share counters, disclaimers and notices that are not claims.

Signals, all general: lines with no words (counters), short lines without sentence punctuation after the
headline (section titles, banners), shouting (mostly upper-case words), boilerplate terms from
``claims/data/furniture.json``, and the tail rule (once furniture starts late in an article, what follows
is furniture too, as footers come last).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from claims.nlp.attribution import doc_text
from claims.types import Span


@dataclass(frozen=True)
class FurnitureRules:
    terms: tuple[str, ...]
    tail_fraction: float
    max_heading_words: int


@lru_cache(maxsize=1)
def load_furniture_rules() -> FurnitureRules:
    data = json.loads(resources.files("claims.data").joinpath("furniture.json").read_text(encoding="utf-8"))
    return FurnitureRules(
        terms=tuple(str(t).lower() for t in data["terms"]),
        tail_fraction=float(data["tail_fraction"]),
        max_heading_words=int(data["max_heading_words"]),
    )


class FurnitureDetector:
    def __init__(self, rules: FurnitureRules | None = None) -> None:
        self.rules = rules or load_furniture_rules()
        self._pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(self.rules.terms, key=len, reverse=True)) + r")(?!\w)"
        )

    def strong_signal(self, text: str) -> bool:
        """Counters, boilerplate phrases, shouting: furniture wherever it stands."""
        stripped = text.strip()
        words = re.findall(r"[^\W\d_]+", stripped)
        if not words:
            return any(ch.isdigit() for ch in stripped)  # counters and lone numbers; not stray quote marks
        if self._pattern.search(stripped.lower()):
            return True
        return self.shouting(stripped)

    def shouting(self, text: str) -> bool:
        """Mostly upper-case words: a banner."""
        words = re.findall(r"[^\W\d_]+", text)
        upper = sum(1 for w in words if w.isupper() and len(w) > 1)
        return len(words) >= 2 and upper / len(words) > 0.6

    def heading_like(self, text: str) -> bool:
        """A short line without sentence punctuation: a heading, caption or banner, not an assertion."""
        stripped = text.strip()
        words = re.findall(r"[^\W\d_]+", stripped)
        return len(words) <= self.rules.max_heading_words and not stripped.endswith((".", "!", "?", '"', "”", "’", "'"))

    def furniture_sentences(
        self, doc: Doc, sents: list[SpacySpan], paragraphs: list[Span], attributed: set[int] | None = None
    ) -> tuple[set[int], set[int]]:
        """Indices of sentences that are furniture (no claims at all), and of heading-like ones (no
        unattributed assertion, but an attribution such as "Name: text" still counts).

        A sentence in ``attributed`` (it has a reporting cue) is furniture only when it shouts or is a
        counter, never for a boilerplate phrase alone ("wants to sign up voters"), and it opens no footer.
        """
        attributed = attributed or set()
        junk: set[int] = set()
        headings: set[int] = set()
        text = doc_text(doc)
        n = len(text) or 1
        tail_start: int | None = None
        for i, sent in enumerate(sents):
            sent_text = text[sent.start_char : sent.end_char]  # ``sent.text``, without rebuilding it per use
            if self.heading_like(sent_text) and i > 0:
                headings.add(i)
            if self.strong_signal(sent_text):
                boilerplate = bool(self._pattern.search(sent_text.lower()))
                if i in attributed and boilerplate and not self.shouting(sent_text):
                    continue
                junk.add(i)
                # only a boilerplate phrase on a short, heading-like or shouted line opens the footer
                looks_like_footer = self.heading_like(sent_text) or self.shouting(sent_text) or len(sent) <= 12
                late = sent.start_char / n >= self.rules.tail_fraction
                if boilerplate and looks_like_footer and late and tail_start is None and i > 0:
                    tail_start = sent.start_char
        if tail_start is not None:
            # the footer: everything from the first late furniture paragraph on
            para_start = max((p.start for p in paragraphs if p.start <= tail_start), default=tail_start)
            for i, sent in enumerate(sents):
                if sent.start_char >= para_start:
                    junk.add(i)
        return junk, headings
