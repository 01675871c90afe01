"""Building :class:`claims.analysis.topics.ClaimFacts` by hand from invented test texts (no corpus text here)."""

from __future__ import annotations

from claims.analysis.facts import ClaimFacts


def locate(text: str, piece: str, start: int = 0) -> tuple[int, int]:
    i = text.index(piece, start)
    return (i, i + len(piece))


def make_claim(
    claim_id: int | str,
    doc_id: str,
    text: str,
    *,
    sentence: str,
    content: str,
    source: str | None = None,
    cue: str | None = None,
    actor: str | None = None,
    speaker: str | None = None,
    kind: str = "indirect",
) -> ClaimFacts:
    """A claim whose sentence, content, source and cue are the first occurrences of the given pieces
    (content, source and cue searched inside the sentence). ``paragraph`` counts blank-line breaks."""
    s = locate(text, sentence)
    c = locate(text, content, s[0])
    src = locate(text, source, s[0]) if source else None
    cu = locate(text, cue, s[0]) if cue else None
    paragraph = text[: s[0]].count("\n\n")
    return ClaimFacts(
        claim_id=claim_id,
        doc_id=doc_id,
        content=c,
        sentence=s,
        content_text=text[c[0] : c[1]],
        sentence_text=text[s[0] : s[1]],
        cue=cu,
        source=src,
        cue_text=text[cu[0] : cu[1]] if cu else "",
        speaker=speaker if speaker is not None else source,
        actor=actor,
        kind=kind if (source or speaker) else "unattributed",
        paragraph=paragraph,
    )
