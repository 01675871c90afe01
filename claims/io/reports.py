"""Disputed-claims reports and exports: JSON, Markdown, HTML, CSV and schema.org ClaimReview (JSON-LD).

Every format is built from the views that :func:`claims.services.disputes.list_disputes` returns. The claim
records inside the JSON export are exactly those of ``claims export claims`` (:func:`claims.io.export.claim_record`).
The HTML report is
one self-contained file (inline CSS, no external assets) rendered by Jinja2 with autoescaping on, links only
to http(s) URLs; the Markdown report escapes the characters of article text that would break its layout or
make a link, an image or HTML. In both, every value shows control, format and bidi characters as visible
placeholders (:func:`claims.safe_text.visible`). JSON and ClaimReview are exact (those characters written as
``\\u`` escapes; a document URL that is not http(s) is left out of ClaimReview); CSV cells that a spreadsheet
would take for a formula get a leading ``'`` unless ``raw_csv``. Files are written atomically (see
:func:`claims.io.export.atomic_writer`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import IO, Any, Literal

from claims.io.export import claim_record
from claims.safe_text import csv_row, json_dumps, visible
from db.models import normalise_name
from db.views import DisputeView

ReportFormat = Literal["json", "md", "html", "csv", "claimreview"]
REPORT_FORMATS: tuple[str, ...] = ("json", "md", "html", "csv", "claimreview")

CSV_COLUMNS = (
    "dispute_id",
    "topic",
    "kind",
    "status",
    "confidence",
    "side",
    "claim_id",
    "speaker",
    "cue",
    "content",
    "document_external_id",
)

KIND_LABELS = {
    "mutual_blame": "mutual blame",
    "blame": "conflicting blame",
    "rebuttal": "rebuttal",
    "denial": "denial",
    "numbers": "conflicting figures",
    "polarity": "contradiction",
}


def dispute_urn(dispute_id: int) -> str:
    return f"urn:claims:dispute:{dispute_id}"


def claim_urn(claim_id: int) -> str:
    return f"urn:claims:claim:{claim_id}"


def review_urn(dispute_id: int, claim_id: int) -> str:
    return f"urn:claims:review:{dispute_id}:{claim_id}"


# ------------------------------------------------------------------------------------------------ json


def dispute_record(view: DisputeView) -> dict:
    """One dispute as a JSON object; its claims are ``claims export claims`` records (with their actor)."""
    return {
        "id": view.id,
        "topic": {"id": view.topic_id, "label": view.topic_label},
        "kind": view.kind,
        "reason": view.reason,
        "confidence": round(min(1.0, max(0.0, view.confidence)), 4),
        "status": view.status,
        "claims": [
            {
                **claim_record(c.row, c.row.document.text, topic={"id": view.topic_id, "label": view.topic_label}),
                "side": c.side,  # the side the claim takes in this dispute (a White House claim: United States)
            }
            for c in view.claims
        ],
    }


# ---------------------------------------------------------------------------------- report (md and html)


QUOTES = "\"“”„«»‘’'"  # stripped from the ends of a content: the reports put it in quotation marks


def _text(document_text: str, start: int | None, end: int | None) -> str:
    if start is None or end is None:
        return ""
    return " ".join(document_text[start:end].split())


def _date(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


def report_context(views: Sequence[DisputeView], *, title: str = "Disputed claims") -> dict:
    """What the report templates see: disputes grouped by topic, each side with its claims (plain data)."""
    topics: dict[int, dict] = {}
    for view in views:
        topic = topics.setdefault(view.topic_id, {"id": view.topic_id, "label": view.topic_label, "disputes": []})
        sides = []
        for side, members in view.sides.items():
            claims = []
            for member in members:
                claim, document, speaker, actor = member.row
                text = document.text
                claims.append(
                    {
                        "id": claim.id,
                        "content": _text(text, claim.content_start, claim.content_end).strip(QUOTES),
                        "speaker": speaker.name if speaker else (claim.source_text or ""),
                        "organisation": speaker.organisation if speaker and speaker.organisation else "",
                        "source": " ".join((claim.source_text or "").split()),
                        "cue": _text(text, claim.cue_start, claim.cue_end),
                        "kind": claim.kind,
                        "actor": actor.name if actor else "",
                        "status": claim.status,
                        "document": {
                            "external_id": document.external_id,
                            "title": " ".join((document.title or "").split()),
                            "url": document.url or "",
                            "publisher": document.publisher or "",
                            "published": document.published or "",
                        },
                    }
                )
            sides.append({"actor": side, "label": view.side_label(side), "claims": claims})
        topic["disputes"].append(
            {
                "id": view.id,
                "kind": view.kind,
                "kind_label": KIND_LABELS.get(view.kind, view.kind.replace("_", " ")),
                "reason": view.reason,
                "confidence": f"{view.confidence:.2f}",
                "status": view.status,
                "sides": sides,
                "sides_label": view.sides_label,
                "claims": len(view.claims),
                "created": _date(view.created_at),
                "updated": _date(view.updated_at),
            }
        )
    return {
        "title": title,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "topics": list(topics.values()),
        "disputes": len(views),
        "claims": sum(len(v.claims) for v in views),
        "by_status": {s: sum(1 for v in views if v.status == s) for s in ("auto", "confirmed", "dismissed")},
    }


_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-])")
_MD_ORDERED = re.compile(r"^(\s*\d+)([.)])")


def md_escape(value: Any) -> str:
    """Article text made safe to put inside a Markdown line or table cell: whitespace (newlines included)
    collapsed, Markdown punctuation backslash-escaped (pipes, emphasis, links, code, HTML angle brackets,
    entities), and a leading ``#``, ``>``, ``-``, ``+``, ``=`` or ``1.`` that would start a block escaped."""
    text = " ".join(str(value if value is not None else "").split())
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    text = _MD_ORDERED.sub(r"\1\\\2", text)
    return _MD_LINE_START.sub(r"\1\\\2", text)


def web_url(value: Any) -> str:
    """``value`` when it is an http(s) URL (safe to link to), else ""."""
    text = str(value or "").strip()
    return text if re.match(r"https?://[^\s<>\"']+$", text, re.IGNORECASE) else ""


@lru_cache(maxsize=2)
def _environment(autoescape: bool):
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("claims.io", "templates"),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=visible,  # every value shown: control, format and bidi characters as placeholders
    )
    env.filters["md"] = md_escape
    env.filters["web_url"] = web_url
    return env


def render_html(views: Sequence[DisputeView], *, title: str = "Disputed claims") -> str:
    return _environment(True).get_template("disputes.html.j2").render(**report_context(views, title=title))


def render_markdown(views: Sequence[DisputeView], *, title: str = "Disputed claims") -> str:
    return _environment(False).get_template("disputes.md.j2").render(**report_context(views, title=title))


# ------------------------------------------------------------------------------------------------- csv


def csv_rows(views: Iterable[DisputeView]) -> Iterable[dict]:
    """One row per (dispute, claim)."""
    for view in views:
        for member in view.claims:
            claim, document, speaker, _actor = member.row
            text = document.text
            yield {
                "dispute_id": view.id,
                "topic": view.topic_label,
                "kind": view.kind,
                "status": view.status,
                "confidence": round(view.confidence, 4),
                "side": member.side,
                "claim_id": claim.id,
                "speaker": speaker.name if speaker else (claim.source_text or ""),
                "cue": text[claim.cue_start : claim.cue_end] if claim.cue_start is not None else "",
                "content": text[claim.content_start : claim.content_end],
                "document_external_id": document.external_id,
            }


# ----------------------------------------------------------------------------------------- ClaimReview


def author_type(name: str, organisation: str | None = None) -> Literal["Person", "Organization"]:
    """schema.org type of a speaker: an Organization when the name stands for a country or government body
    ("Moscow", "the Kremlin", "Russian Foreign Ministry") or is a single word; a Person otherwise."""
    from claims.nlp.actors import resolve_actor

    words = name.split()
    if resolve_actor(name) is not None:
        return "Organization"
    if organisation and normalise_name(organisation) != normalise_name(name):
        return "Person"  # someone speaking for a body ("Ana Ruiz" of a ministry)
    if len(words) < 2:
        return "Organization"
    if not all(w[:1].isupper() for w in words if w[:1].isalpha()):
        return "Organization"  # "the foreign ministry", "officials in Moscow"
    return "Person"


def claim_reviews(views: Iterable[DisputeView], *, today: date | None = None) -> list[dict]:
    """A schema.org ClaimReview per disputed claim (JSON-LD). ``@id``s are stable URNs: the review
    ``urn:claims:review:D:C``, the claim ``urn:claims:claim:C``, the dispute ``urn:claims:dispute:D``;
    each review is part of its dispute and names the other claims of the dispute."""
    reviews = []
    for view in views:
        dispute_id = dispute_urn(view.id)
        review_date = _date(view.created_at) or (today or date.today()).isoformat()
        for member in view.claims:
            claim, document, speaker, _actor = member.row
            text = document.text
            name = speaker.name if speaker else (claim.source_text or "unknown")
            appearance: dict[str, Any] = {"@type": "CreativeWork"}
            url = web_url(document.url)  # a link: http(s) only
            if url:
                appearance["url"] = url
            appearance["headline"] = document.title or document.external_id
            if document.publisher:
                appearance["publisher"] = {"@type": "Organization", "name": document.publisher}
            item: dict[str, Any] = {
                "@type": "Claim",
                "@id": claim_urn(claim.id),  # type: ignore[arg-type]
                "author": {"@type": author_type(name, speaker.organisation if speaker else None), "name": name},
                "appearance": appearance,
            }
            if document.published:
                item["datePublished"] = document.published
            others = [claim_urn(o.row.claim.id) for o in view.claims if o.row.claim.id != claim.id]  # type: ignore[arg-type]
            review: dict[str, Any] = {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "@id": review_urn(view.id, claim.id),  # type: ignore[arg-type]
                "claimReviewed": text[claim.content_start : claim.content_end],
                "itemReviewed": item,
                "reviewRating": {
                    "@type": "Rating",
                    "alternateName": "Disputed",
                    "ratingExplanation": view.reason,
                },
                "datePublished": review_date,
                "isPartOf": {
                    "@type": "CreativeWork",
                    "@id": dispute_id,
                    "name": f"Dispute {view.id}: {view.topic_label}",
                    "about": [{"@id": claim_urn(o.row.claim.id)} for o in view.claims],  # type: ignore[arg-type]
                },
                "about": {"@id": dispute_id},
                "mentions": [{"@id": other} for other in others],
                "keywords": [member.side, view.kind, view.status],
            }
            if url:
                review["url"] = url
            reviews.append(review)
    return reviews


# ---------------------------------------------------------------------------------------------- export


def write_report(views: Sequence[DisputeView], stream: IO[str], fmt: ReportFormat, *, raw_csv: bool = False) -> int:
    """Write the disputes in ``fmt``; returns the number of disputes (for csv and claimreview: of rows).
    ``raw_csv``: CSV cells exactly as stored (no formula neutralisation)."""
    if fmt == "json":
        stream.write(json_dumps([dispute_record(v) for v in views], indent=1) + "\n")
        return len(views)
    if fmt == "md":
        stream.write(render_markdown(views))
        return len(views)
    if fmt == "html":
        stream.write(render_html(views))
        return len(views)
    if fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        count = 0
        for row in csv_rows(views):
            writer.writerow(csv_row(row, raw=raw_csv))
            count += 1
        return count
    if fmt == "claimreview":
        reviews = claim_reviews(views)
        stream.write(json_dumps(reviews, indent=1) + "\n")
        return len(reviews)
    raise ValueError(f"unknown report format {fmt!r} (expected one of {', '.join(REPORT_FORMATS)})")
