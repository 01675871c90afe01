"""Plain data produced by the NLP pipeline.

Nothing here depends on spaCy: these dataclasses are what crosses from the pipeline to the ingest step
(which turns them into database rows) and to every consumer after it. All offsets are Python ``str``
indices into the document text exactly as read, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ClaimKind = Literal["direct", "indirect", "mixed", "unattributed"]


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int

    def text(self, document: str) -> str:
        return document[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class SpeakerRef:
    """Who a claim's source mention resolves to, within one document.

    ``key`` identifies the speaker inside the document (mentions with the same key are one speaker);
    ``name`` is the canonical display name ("Ana Ruiz"); ``organisation`` the body they speak for
    when the text says so ("White House"); ``actor`` the side (a country name) or None when unknown.
    """

    key: str
    name: str
    organisation: str | None = None
    actor: str | None = None
    is_pronoun: bool = False


@dataclass(frozen=True)
class ExtractedClaim:
    sentence: Span
    content: Span
    cue: Span | None
    source: Span | None
    speaker: SpeakerRef | None
    kind: ClaimKind
    confidence: float
    paragraph: int = 0
    # Extra cue pieces for discontinuous cues ("has accused ... saying"); the main cue is ``cue``.
    extra_cues: tuple[Span, ...] = ()


@dataclass
class DocumentAnalysis:
    text: str
    paragraphs: list[Span]
    sentences: list[Span]
    claims: list[ExtractedClaim] = field(default_factory=list)
    pipeline_version: str = ""
