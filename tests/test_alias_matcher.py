"""The alias index that finds the actors a text names (``claims.analysis.facts.AliasMatcher``) against the one
regular expression of all the names it replaced: the same names at the same positions, whatever the names
and the text (word boundaries, overlapping names, punctuation in names, the empty name)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.analysis.facts import AliasMatcher, actors_in


def by_pattern(names: set[str], text: str) -> list[str]:
    """The names found the old way: one pattern, longest name first, at every position after no word character."""
    ordered = sorted(sorted(names), key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?=(" + "|".join(re.escape(n) for n in ordered) + r")(?!\w))")
    return [m.group(1) for m in pattern.finditer(text)]


def test_longest_name_at_each_word_start() -> None:
    matcher = AliasMatcher({"us": "United States", "u.s.": "United States", "the us army": "Army", "army": "Army"})
    assert matcher.names_in("the us army and the u.s. said thus") == ["the us army", "us", "army", "u.s."]
    assert matcher.names_in("busy armys") == []


def test_actors_in_takes_a_matcher_or_a_mapping() -> None:
    aliases = {"ministry of roads": "Valdoria", "kestrel corp": "Kestrel Corp"}
    text = "The Ministry of Roads blamed Kestrel Corp."
    assert actors_in(text, AliasMatcher(aliases)) == actors_in(text, aliases)
    assert {"Valdoria", "Kestrel Corp"} <= actors_in(text, aliases)


ALPHABET = st.sampled_from(list("ab _-.'é1ß(İ"))
NAMES = st.sets(st.text(ALPHABET, min_size=0, max_size=5), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(NAMES, st.text(ALPHABET, max_size=40))
def test_same_names_as_the_pattern(names: set[str], text: str) -> None:
    assert AliasMatcher(dict.fromkeys(names, "x")).names_in(text) == by_pattern(names, text)
