"""Read models: what the dispute and topic queries of :mod:`claims.services.disputes` return, and what the
reports (:mod:`claims.io.reports`), the CLI and the review app show. Plain dataclasses over database rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from db import repository as repo


@dataclass
class DisputeClaimView:
    side: str
    row: repo.ClaimRow  # the claim with its document (text loaded), speaker and actor


@dataclass
class DisputeView:
    id: int
    topic_id: int
    topic_label: str
    kind: str
    reason: str
    confidence: float
    status: str
    version: int
    created_at: datetime | None
    updated_at: datetime | None
    claims: list[DisputeClaimView] = field(default_factory=list)
    parents: dict[str, str] = field(default_factory=dict)  # side (actor name) -> its parent's name

    def side_label(self, side: str) -> str:
        """The side with its parent: "White House (United States)"."""
        parent = self.parents.get(side)
        return f"{side} ({parent})" if parent else side

    @property
    def sides(self) -> dict[str, list[DisputeClaimView]]:
        """Side (actor name) → its claims, sides in the order they were stored."""
        out: dict[str, list[DisputeClaimView]] = {}
        for c in self.claims:
            out.setdefault(c.side or "—", []).append(c)
        return out

    @property
    def sides_label(self) -> str:
        """ "Russia (3) vs United States (1)"."""
        return " vs ".join(f"{self.side_label(side)} ({len(claims)})" for side, claims in self.sides.items())


@dataclass(frozen=True)
class DisputeFilter:
    actor: str | None = None  # an actor (name or alias) on one of the sides
    topic: str | None = None  # a topic id, or part of its label
    status: str | None = None  # auto, confirmed or dismissed
    document: str | None = None  # a document (external id) one of the claims is in
    ids: tuple[int, ...] | None = None  # only these disputes


@dataclass
class TopicView:
    id: int
    label: str
    status: str
    claims: int
    documents: int
    actors: dict[str, int]  # actor → claims in the topic
    disputes: int
    corrected: int  # claims placed here by a reviewer
