"""Build a gold file (format of ``../shared/eval/seed_gold.json``) from an article and a spec of span strings.

    python benchmarks/gold_builder.py benchmarks/articles_check [NAME ...] [--review]

For every ``DIR/specs/NAME.py`` (a plain Python file defining ``ACTORS``, ``SPEAKERS``, ``TOPIC``,
``CLAIMS``, ``NOT_CLAIMS`` and ``DISPUTES``) and its article ``DIR/NAME.txt``, writes ``DIR/NAME.gold.json``.
Offsets are never counted by hand: every span is given as its text and found in the article.

- A content span is a string that occurs once in the article, or ``(string, anchor)``: the string inside
  the first occurrence of ``anchor`` (which must occur once).
- A source or cue span is a string, ``(string, anchor)`` as above, or a string that occurs several times: then
  the occurrence nearest to the claim's content is taken (an exact tie is an error).
- A claim without a source (a quotation going on after the sentence that carries the cue) has
  ``source=None`` and ``cue=None``.
- ``speaker`` is the resolved speaker; its actor comes from ``SPEAKERS`` (speaker -> actor) unless the
  claim gives ``actor``; kind and parent of the actor come from ``ACTORS`` (actor -> (kind, parent)).
- The claim's kind (direct / mixed / indirect) is computed from the quotation marks around and inside the
  content unless the claim gives ``kind``.

Every file is validated as it is written (offsets, span texts, actors, dispute references); ``--review``
prints each claim's spans in context to read them over.
"""

from __future__ import annotations

import argparse
import json
import runpy
import sys
from pathlib import Path
from typing import Any

Span = dict[str, Any]
OPEN, CLOSE = "\u201c", "\u201d"


class SpecError(ValueError):
    pass


def _occurrences(text: str, s: str) -> list[int]:
    out, i = [], text.find(s)
    while i >= 0:
        out.append(i)
        i = text.find(s, i + 1)
    return out


def _span(text: str, start: int, s: str) -> Span:
    return {"start": start, "end": start + len(s), "text": s}


def _anchored(text: str, item: tuple[str, str]) -> Span:
    s, anchor = item
    at = _occurrences(text, anchor)
    if len(at) != 1:
        raise SpecError(f"anchor {anchor!r} occurs {len(at)} times")
    inner = anchor.find(s)
    if inner < 0:
        raise SpecError(f"{s!r} is not inside its anchor {anchor!r}")
    return _span(text, at[0] + inner, s)


def unique_span(text: str, item: str | tuple[str, str]) -> Span:
    if isinstance(item, tuple):
        return _anchored(text, item)
    at = _occurrences(text, item)
    if len(at) != 1:
        raise SpecError(f"{item!r} occurs {len(at)} times (give an anchor)")
    return _span(text, at[0], item)


def near_span(text: str, item: str | tuple[str, str], around: tuple[int, int]) -> Span:
    if isinstance(item, tuple):
        return _anchored(text, item)
    at = _occurrences(text, item)
    if not at:
        raise SpecError(f"{item!r} does not occur")
    lo, hi = around

    def distance(i: int) -> int:
        return max(lo - (i + len(item)), i - hi, 0)

    ranked = sorted(at, key=distance)
    if len(ranked) > 1 and distance(ranked[0]) == distance(ranked[1]):
        raise SpecError(f"{item!r}: two occurrences equally near the content (give an anchor)")
    return _span(text, ranked[0], item)


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def quoted_mask(text: str) -> list[bool]:
    """For every character, whether it lies inside a quotation (curly quotes, or straight double quotes
    paired within a paragraph)."""
    mask, inside = [], False
    for ch in text:
        if ch in (OPEN, CLOSE, '"'):
            inside = ch == OPEN or (ch == '"' and not inside)
            mask.append(False)
            continue
        if ch == "\n":
            inside = False
        mask.append(inside)
    return mask


def claim_kind(text: str, mask: list[bool], content: list[Span]) -> str:
    chars = [i for s in content for i in range(s["start"], s["end"]) if not text[i].isspace()]
    if all(mask[i] for i in chars):
        return "direct"
    if any(text[i] in (OPEN, CLOSE, '"') for i in chars):
        return "mixed"
    return "indirect"


def build(text: str, spec: dict[str, Any], name: str) -> dict[str, Any]:
    actors: dict[str, tuple[str, str | None]] = spec["ACTORS"]
    speakers: dict[str, str] = spec.get("SPEAKERS", {})
    mask = quoted_mask(text)
    attributions = []
    for c in spec["CLAIMS"]:
        try:
            content = [unique_span(text, item) for item in _as_list(c["content"])]
            around = (min(s["start"] for s in content), max(s["end"] for s in content))
            source = [near_span(text, item, around) for item in _as_list(c.get("source"))]
            cue = [near_span(text, item, around) for item in _as_list(c.get("cue"))]
        except SpecError as e:
            raise SpecError(f"{name} {c['id']}: {e}") from None
        speaker = c["speaker"]
        actor = c.get("actor") or speakers[speaker]
        kind, parent = actors[actor]
        attributions.append(
            {
                "id": c["id"],
                "type": "Attribution",
                "source": source,
                "cue": cue,
                "content": content,
                "speaker": speaker,
                "actor": actor,
                "actor_kind": kind,
                "actor_parent": parent,
                "topic": c.get("topic") or spec["TOPIC"],
                "kind": c.get("kind") or claim_kind(text, mask, content),
            }
        )
    gold = {
        "article": name,
        "id": name,
        "text": text,
        "attributions": attributions,
        "not_claims": [unique_span(text, s) for s in spec.get("NOT_CLAIMS", [])],
        "disputes": [{"topic": t, "sides": sides, "why": why} for t, sides, why in spec.get("DISPUTES", [])],
        "actors": {a: {"kind": k, "parent": p} for a, (k, p) in actors.items()},
    }
    problems = validate(gold)
    if problems:
        raise SpecError(f"{name}: " + "; ".join(problems))
    return gold


def validate(gold: dict[str, Any]) -> list[str]:
    """What is wrong with a gold file (empty when nothing): span offsets and texts, ids, actors, disputes.
    The one check of every benchmark gold file: ``build`` runs it and tests/test_benchmark_gold.py too."""
    text, problems = gold["text"], []

    def check(where: str, span: dict) -> None:
        start, end = span["start"], span["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problems.append(f"{where}: offsets {start}-{end} out of range")
        elif text[start:end] != span["text"]:
            problems.append(f"{where}: {span['text']!r} is not the text at {start}-{end}")

    ids = [a["id"] for a in gold["attributions"]]
    if len(set(ids)) != len(ids):
        problems.append("duplicate attribution ids")
    tree = gold.get("actors")
    for a in gold["attributions"]:
        if not a["content"]:
            problems.append(f"{a['id']}: no content")
        if a["source"] and not a["cue"]:
            problems.append(f"{a['id']}: source without cue")
        for part in ("source", "cue", "content"):
            for span in a[part]:
                check(f"{a['id']} {part}", span)
        for key in ("speaker", "actor", "topic"):
            if not a.get(key):
                problems.append(f"{a['id']}: no {key}")
        if tree is not None:
            node = tree.get(a.get("actor"))
            if node is None:
                problems.append(f"{a['id']}: actor {a.get('actor')!r} not in the actors tree")
            elif "actor_kind" in a and node["kind"] != a["actor_kind"]:
                problems.append(f"{a['id']}: actor_kind differs from the actors tree")
            elif "actor_parent" in a and node.get("parent") != a["actor_parent"]:
                problems.append(f"{a['id']}: actor_parent differs from the actors tree")
    for span in gold.get("not_claims", []):
        check("not_claims", span)
    for name, node in (tree or {}).items():
        if node.get("parent") is not None and node["parent"] not in tree:
            problems.append(f"actors: parent of {name!r} not in the tree")
    by_id = {a["id"]: a for a in gold["attributions"]}
    for d in gold.get("disputes", []):
        if len(d["sides"]) < 2:
            problems.append(f"dispute {d['topic']!r}: fewer than two sides")
        for side, claim_ids in d["sides"].items():
            if not claim_ids:
                problems.append(f"dispute {d['topic']!r}: side {side!r} without claims")
            for cid in claim_ids:
                if cid not in by_id:
                    problems.append(f"dispute {d['topic']!r}: no attribution {cid}")
                elif by_id[cid]["actor"] != side:
                    problems.append(f"dispute {d['topic']!r}: {cid} is not {side!r}'s")
    return problems


def review(gold: dict[str, Any]) -> None:
    text = gold["text"]
    for a in gold["attributions"]:
        src = " | ".join(s["text"] for s in a["source"]) or "-"
        cue = " | ".join(f"{s['text']}@{text[max(0, s['start'] - 25) : s['end'] + 10]!r}" for s in a["cue"]) or "-"
        content = " | ".join(s["text"] for s in a["content"])
        print(f"{a['id']:4s} [{a['kind']:8s}] {a['speaker']} / {a['actor']} ({a['topic']})")
        print(f"     source {src!r}  cue {cue}")
        print(f"     content {content!r}")
    for d in gold["disputes"]:
        print(f"dispute {d['topic']!r}: {d['sides']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", type=Path)
    parser.add_argument("names", nargs="*")
    parser.add_argument("--review", action="store_true")
    args = parser.parse_args()
    failed = False
    for spec_path in sorted((args.dir / "specs").glob("*.py")):
        name = spec_path.stem
        if args.names and name not in args.names:
            continue
        text = (args.dir / f"{name}.txt").read_text(encoding="utf-8")
        try:
            gold = build(text, runpy.run_path(str(spec_path)), name)
        except SpecError as e:
            print(f"ERROR {e}", file=sys.stderr)
            failed = True
            continue
        (args.dir / f"{name}.gold.json").write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", "utf-8")
        n = len(gold["attributions"])
        words = len(text.split())
        print(f"{name}: {words} words, {n} claims, {len(gold['disputes'])} disputes")
        if args.review:
            review(gold)
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
