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

from claims.analysis.kinds import dispute_kind_label
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


QUOTES = "\"“”„«»‘’'"  # stripped from the ends of a direct quotation: the reports put it in quotation marks
_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s")  # a gap across sentences is left out
GAP_LIMIT = 40  # article text between source, cue and content kept in reported speech up to this length


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


def quotation(text: str) -> str:
    """A direct quotation's words without the article's own quotation marks and trailing comma (the
    report puts the words in its quotation marks)."""
    return text.strip(QUOTES + " ").rstrip(",;:").strip(QUOTES + " ")


def reported_speech(claim: Any, document_text: str) -> list[dict]:
    """A claim as reported speech, built only from the article's words: its source, cue and content in
    text order, with the article text between them when it is short (else "…"). A list of pieces
    ``{"role": "source"|"cue"|"content"|"gap", "text": ...}`` for the templates to mark up."""
    spans = [("content", claim.content_start, claim.content_end)]
    if claim.source_start is not None and claim.source_end is not None and claim.source_end > claim.source_start:
        spans.append(("source", claim.source_start, claim.source_end))
    if claim.cue_start is not None and claim.cue_end is not None and claim.cue_end > claim.cue_start:
        spans.append(("cue", claim.cue_start, claim.cue_end))
    spans.sort(key=lambda span: (span[1], span[2]))
    pieces: list[dict] = []
    end = None
    for role, start, stop in spans:
        if end is not None and start < end:  # overlaps the previous piece: only what is new
            start = end
            if start >= stop:
                continue
        if end is not None:
            gap = document_text[end:start]
            words = " ".join(gap.split())
            if len(words) <= GAP_LIMIT and "\n\n" not in gap and not _SENTENCE_END.search(gap):
                pieces.append(
                    {
                        "role": "gap",
                        "text": (" " if gap[:1].isspace() else "")
                        + words
                        + (" " if gap[-1:].isspace() and words else ""),
                    }
                )
            else:
                pieces.append({"role": "gap", "text": " … "})
        text = _text(document_text, start, stop)
        if text:
            pieces.append({"role": role, "text": text})
        end = stop
    return pieces


# ------------------------------------------------------------------------------------- the reason


_ARTICLE_WORDS = ("United ", "Republic ", "Kingdom ", "European ", "Islamic State", "Russian Federation")
_ARTICLE_NAMES = {"kremlin", "white house", "pentagon", "netherlands", "philippines", "vatican", "un", "us", "uk", "eu"}


def actor_phrase(name: str, *, start: bool = False) -> str:
    """An actor's name as it reads in a sentence: "the United States", "the Kremlin", "Russia"."""
    name = " ".join(name.split())
    if name.lower().startswith("the ") or not (name.startswith(_ARTICLE_WORDS) or name.lower() in _ARTICLE_NAMES):
        phrase = name
    else:
        phrase = f"the {name}"
    return phrase[:1].upper() + phrase[1:] if start else phrase


def _possessive(phrase: str) -> str:
    return phrase + ("'" if phrase.endswith("s") else "'s")


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


_T = r"'([^']+)'"
_PHRASES = [
    (re.compile(rf"^says it was done by {_T}$"), "says it was done by {0}"),
    (re.compile(rf"^says it was {_T}$"), "says it was {0}"),
    (re.compile(rf"^holds {_T} responsible$"), "holds {0} responsible"),
    (re.compile(rf"^says {_T} failed$"), "says {0} failed"),
    (re.compile(rf"^says {_T} did not ([\w ]+)$"), "says {0} did not {1}"),
    (re.compile(rf"^([a-z]+) {_T}$"), "{0} {1}"),  # "blames 'X'", "accuses 'X'"
]


def _blame_phrases(rest: str) -> list[str] | None:
    phrases = []
    for part in re.split(r", (?=says |holds |[a-z]+ ')", rest):
        for pattern, template in _PHRASES:
            m = pattern.match(part)
            if m:
                phrases.append(template.format(*m.groups()))
                break
        else:
            return None
    return phrases or None


def _clause(clause: str, sides: Sequence[str], rest_clauses: list[str]) -> str | None:
    """One clause of a stored reason as a sentence part, or None when it is not one the pipeline writes."""
    names = sorted(sides, key=len, reverse=True)

    def actor_at(text: str) -> tuple[str, str] | None:
        for name in names:
            if text.startswith(name + " "):
                return name, text[len(name) + 1 :]
        return None

    found = actor_at(clause)
    if found is None:
        return None
    actor, rest = found
    m = re.match(r"^rebuts (.+?): ('[^']*'(?:, '[^']*')*)$", rest)
    if m and m.group(1) in sides:
        thing = "accusation" if "accus" in m.group(2).lower() else "account"
        return f"{actor_phrase(actor, start=True)} calls {_possessive(actor_phrase(m.group(1)))} {thing} false"
    m = re.match(r"^denies \(('[^']*'(?:, '[^']*')*)\) what (.+) says$", rest)
    if m and m.group(2) in sides:
        return f"{actor_phrase(actor, start=True)} denies what {actor_phrase(m.group(2))} says"
    m = re.match(r"^says (\S+) \((.+)\)$", rest)
    if m and rest_clauses:
        other = actor_at(rest_clauses[0])
        n = re.match(r"^says (\S+)$", other[1]) if other else None
        if other and n:
            rest_clauses.pop(0)
            figures = f"{m.group(1).replace('/', ' or ')} against {n.group(1).replace('/', ' or ')}"
            return (
                f"{actor_phrase(actor, start=True)} and {actor_phrase(other[0])} give different figures "
                f"for {m.group(2)}: {figures}"
            )
    m = re.match(r"^says '([^']+)', (.+) says not '([^']+)' \((.+)\)$", rest)
    if m and m.group(2) in sides:
        return (
            f"{actor_phrase(actor, start=True)} and {actor_phrase(m.group(2))} contradict each other "
            f"about {m.group(4)} ({m.group(1)})"
        )
    phrases = _blame_phrases(rest)
    if phrases:
        return f"{actor_phrase(actor, start=True)} {_join(phrases)}"
    return None


KIND_SENTENCES = {
    "mutual_blame": "{a} and {b} blame each other",
    "blame": "{a} and {b} blame different parties",
    "rebuttal": "{a} calls {b_s} account false",
    "denial": "{a} denies what {b} says",
    "numbers": "{a} and {b} give different figures",
    "polarity": "{a} and {b} say opposite things",
}


def kind_sentence(kind: str, sides: Sequence[str]) -> str:
    """What a dispute of ``kind`` between ``sides`` means, as a sentence."""
    names = [actor_phrase(s) for s in sides] or ["one side", "another"]
    a, b = names[0], _join(names[1:]) if len(names) > 1 else "another side"
    template = KIND_SENTENCES.get(kind, "{a} and {b} disagree")
    sentence = template.format(a=a, b=b, b_s=_possessive(b))
    return sentence[:1].upper() + sentence[1:] + "."


def reason_sentence(reason: str, kind: str, sides: Sequence[str]) -> str:
    """The reason of a dispute as it reads to a person: the pipeline's reason ("India blames 'the
    smugglers'; Pakistan accuses 'the army'; Pakistan rebuts India: 'falsely'") rewritten as sentences
    ("India blames the smugglers; Pakistan accuses the army. Pakistan calls India's account false."); a
    reason in another form that quotes trigger words becomes the sentence of its kind and sides
    (:func:`kind_sentence`); any other reason (written by a person) is kept as it is."""
    reason = " ".join((reason or "").split())
    if not reason:
        return kind_sentence(kind, sides)
    clauses = reason.split("; ")
    sentences: list[str] = []
    while clauses:
        text = _clause(clauses.pop(0), sides, clauses)
        if text is None:
            return kind_sentence(kind, sides) if re.search(r"'[^']+'", reason) else reason
        sentences.append(text)
    return " ".join(sentence + "." for sentence in sentences)


# ------------------------------------------------------------------------------------- the context


def _contains(a: Any, b: Any) -> bool:
    """Claim ``a``'s content contains claim ``b``'s (same document), ``a`` the longer (or the first)."""
    if a.document_id != b.document_id or a.id == b.id:
        return False
    if not (a.content_start <= b.content_start and b.content_end <= a.content_end):
        return False
    same = (a.content_start, a.content_end) == (b.content_start, b.content_end)
    return not same or (a.id or 0) < (b.id or 0)


def _document(document: Any) -> dict:
    return {
        "id": document.id,
        "external_id": document.external_id,
        "title": " ".join((document.title or "").split()),
        "url": web_url(document.url),
        "publisher": document.publisher or "",
        "published": _date(document.published) or "",
    }


def claim_context(member: Any) -> dict:
    """One claim for the templates: a direct quotation's words (``quote``), or the reported speech pieces."""
    claim, document, speaker, actor = member.row
    text = document.text
    direct = claim.kind == "direct"
    return {
        "id": claim.id,
        "kind": claim.kind,
        "direct": direct,
        "quote": quotation(_text(text, claim.content_start, claim.content_end)) if direct else "",
        "content": _text(text, claim.content_start, claim.content_end),
        "reported": [] if direct else reported_speech(claim, text),
        "speaker": speaker.name if speaker else (" ".join((claim.source_text or "").split())),
        "organisation": speaker.organisation if speaker and speaker.organisation else "",
        "source": " ".join((claim.source_text or "").split()),
        "cue": _text(text, claim.cue_start, claim.cue_end),
        "actor": actor.name if actor else "",
        "status": claim.status,
        "document": _document(document),
    }


def report_context(views: Sequence[DisputeView], *, title: str = "Disputed claims") -> dict:
    """What the report templates see: disputes grouped by topic, each side with its claims grouped by
    article (plain data). A claim whose content lies inside another claim's of the same dispute is left out."""
    topics: dict[int, dict] = {}
    shown_claims = 0
    for view in views:
        topic = topics.setdefault(view.topic_id, {"id": view.topic_id, "label": view.topic_label, "disputes": []})
        rows = [m.row.claim for m in view.claims]
        sides: list[dict] = []
        for side, members in view.sides.items():
            articles: dict[int | None, dict] = {}
            count = 0
            for member in members:
                claim = member.row.claim
                if any(_contains(other, claim) for other in rows):
                    continue  # the tail (or a part) of another claim of the dispute: shown there
                document = member.row.document
                group = articles.setdefault(document.id, {"document": _document(document), "claims": []})
                group["claims"].append(claim_context(member))
                count += 1
            shown_claims += count
            sides.append(
                {"actor": side, "label": view.side_label(side), "count": count, "articles": list(articles.values())}
            )
        side_names = list(view.sides)
        topic["disputes"].append(
            {
                "id": view.id,
                "kind": view.kind,
                "kind_label": dispute_kind_label(view.kind),
                "reason": reason_sentence(view.reason, view.kind, side_names),
                "stored_reason": view.reason,
                "confidence": f"{view.confidence:.2f}",
                "status": view.status,
                "sides": sides,
                "sides_label": " vs ".join(f"{s['label']} ({s['count']})" for s in sides),
                "claims": sum(s["count"] for s in sides),
                "created": _date(view.created_at),
                "updated": _date(view.updated_at),
            }
        )
    return {
        "title": title,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "topics": list(topics.values()),
        "disputes": len(views),
        "claims": shown_claims,
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


def md_inline(value: Any) -> str:
    """Article text for the middle of a Markdown line (the words between a source, cue and content):
    escaped as :func:`md_escape` does, with the spaces at its ends kept."""
    text = str(value if value is not None else "")
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    inner = _MD_ENTITY.sub(r"\\&", _MD_INLINE.sub(r"\\\1", " ".join(text.split())))
    return lead + inner + trail


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
    env.filters["md_inline"] = md_inline
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
