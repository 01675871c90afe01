"""Human names for the kinds the pipeline stores: one table shared by the review app, the CLI and reports.

Plain data, no imports beyond the standard library; a kind not listed here is shown as it is stored.
"""

from __future__ import annotations

# Disputes (``db.models.Dispute.kind``; see :mod:`claims.analysis.disputes`).
DISPUTE_KIND_LABELS: dict[str, str] = {
    "mutual_blame": "mutual blame",
    "blame": "conflicting blame",
    "rebuttal": "rebuttal",
    "denial": "denial",
    "numbers": "conflicting figures",
    "polarity": "contradiction",
    "evaluation": "opposite evaluations",
    "refusal": "call and refusal",
}

# Claims (``db.models.Claim.kind``): the full name, and a short one for narrow table columns.
CLAIM_KIND_LABELS: dict[str, str] = {
    "direct": "direct quote",
    "indirect": "reported speech",
    "mixed": "partly quoted",
    "unattributed": "unattributed",
}
CLAIM_KIND_SHORT: dict[str, str] = {
    "direct": "direct",
    "indirect": "indirect",
    "mixed": "mixed",
    "unattributed": "unattr.",
}


def dispute_kind_label(kind: str | None) -> str:
    """ "mutual_blame" → "mutual blame"; unknown kinds as stored (underscores as spaces)."""
    if not kind:
        return "—"
    return DISPUTE_KIND_LABELS.get(kind, kind.replace("_", " "))


def claim_kind_label(kind: str | None, *, short: bool = False) -> str:
    if not kind:
        return "—"
    table = CLAIM_KIND_SHORT if short else CLAIM_KIND_LABELS
    return table.get(kind, kind.replace("_", " "))
