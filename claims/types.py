"""Plain data produced by the NLP pipeline.

Nothing here depends on spaCy: these dataclasses are what crosses from the pipeline to the ingest step
(which turns them into database rows) and to every consumer after it. All offsets are Python ``str``
indices into the document text exactly as read, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

ClaimKind = Literal["direct", "indirect", "mixed", "unattributed"]

ActorKind = Literal["country", "government", "party", "campaign", "company", "union", "organisation", "group", "person"]
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)


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
class ActorRef:
    """A side a claim can speak for: its name, its kind and the actor it belongs to, if any.

    ``Josh Earnest``'s side is ``ActorRef("White House", "government", ActorRef("United States", "country"))``;
    a union, a company or a party has no parent because of a nationality word ("Russian oil firm Yukos" is
    Yukos, not Russia's side).
    """

    name: str
    kind: ActorKind
    parent: ActorRef | None = None

    def chain(self) -> tuple[ActorRef, ...]:
        """This actor, its parent, the parent's parent ... (a cycle is cut where it repeats)."""
        out: list[ActorRef] = []
        node: ActorRef | None = self
        while node is not None and all(node.name != seen.name for seen in out):
            out.append(node)
            node = node.parent
        return tuple(out)

    def names(self) -> tuple[str, ...]:
        """The names of :meth:`chain` ("White House", "United States")."""
        return tuple(a.name for a in self.chain())

    def to_data(self) -> list[dict[str, str]]:
        """The chain as plain data, actor first: ``[{"name": ..., "kind": ...}, ...]``."""
        return [{"name": a.name, "kind": a.kind} for a in self.chain()]

    @classmethod
    def from_data(cls, data: list[dict[str, str]] | None) -> ActorRef | None:
        """The inverse of :meth:`to_data` (None for an empty chain)."""
        ref: ActorRef | None = None
        for item in reversed(data or []):
            kind = item.get("kind") or "organisation"
            ref = cls(str(item["name"]), kind if kind in ACTOR_KINDS else "organisation", ref)  # type: ignore[arg-type]
        return ref

    def label(self) -> str:
        """The name with its parent, as reports show it ("White House (United States)")."""
        return f"{self.name} ({self.parent.name})" if self.parent else self.name


@dataclass(frozen=True)
class SpeakerRef:
    """Who a claim's source mention resolves to, within one document.

    ``key`` identifies the speaker inside the document (mentions with the same key are one speaker);
    ``name`` is the canonical display name ("Ana Ruiz"); ``organisation`` the body they speak for
    when the text says so ("White House"); ``actor`` the name of the side or None when unknown; ``side`` the
    same side with its kind and parent chain (``side.name == actor`` whenever both are set).
    """

    key: str
    name: str
    organisation: str | None = None
    actor: str | None = None
    is_pronoun: bool = False
    side: ActorRef | None = None


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
