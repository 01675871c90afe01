"""Typed loader for the cue lexicon (``claims/data/cues.json``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

PRONOUNS = frozenset("he she they i we you him her them me us it his its their our".split())


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, str]
    class_confidence: dict[str, float]
    verb_particles: dict[str, tuple[str, ...]]
    document_subjects: frozenset[str]
    preposition_cues: tuple[tuple[str, ...], ...]
    passive_source_verbs: frozenset[str]
    non_sources: frozenset[str]
    light_verbs: frozenset[str] = frozenset()
    cue_nouns: frozenset[str] = frozenset()
    no_object_content: frozenset[str] = frozenset()
    possessive_cue_nouns: frozenset[str] = frozenset()
    colon_non_sources: frozenset[str] = frozenset()
    refusal_verbs: frozenset[str] = frozenset()  # "declined to comment": a refusal to speak reports nothing
    pronouns: frozenset[str] = PRONOUNS


def parse_cue_lexicon(data: dict) -> CueLexicon:
    return CueLexicon(
        verbs={str(k): str(v) for k, v in data["verbs"].items()},
        class_confidence={str(k): float(v) for k, v in data["class_confidence"].items()},
        verb_particles={str(k): tuple(v) for k, v in data.get("verb_particles", {}).items()},
        document_subjects=frozenset(data.get("document_subjects", [])),
        preposition_cues=tuple(tuple(p) for p in data.get("preposition_cues", [])),
        passive_source_verbs=frozenset(data.get("passive_source_verbs", [])),
        non_sources=frozenset(data.get("non_sources", [])),
        light_verbs=frozenset(data.get("light_verbs", [])),
        cue_nouns=frozenset(data.get("cue_nouns", [])),
        no_object_content=frozenset(data.get("no_object_content", [])),
        possessive_cue_nouns=frozenset(data.get("possessive_cue_nouns", [])),
        colon_non_sources=frozenset(data.get("colon_non_sources", [])),
        refusal_verbs=frozenset(data.get("refusal_verbs", [])),
    )


@lru_cache(maxsize=4)
def load_cue_lexicon(path: str | None = None) -> CueLexicon:
    """The bundled cue lexicon, or one from ``path`` (same JSON shape)."""
    if path:
        raw = Path(path).read_text(encoding="utf-8")
    else:
        raw = resources.files("claims.data").joinpath("cues.json").read_text(encoding="utf-8")
    return parse_cue_lexicon(json.loads(raw))
