"""The organisations one document names, and what short, generic and abbreviated mentions of them refer to.

Plain strings in, plain data out. :class:`DocumentBodies` collects every body the document names in full
(speakers and organisations the parser found anywhere, with their positions) and answers, for a later
mention, which of them it means:

* an acronym: written out in brackets after the name ("the Allied Health Workers Union (AHWU)") or the
  initials of the name's words ("the CAA" = "the Civil Aviation Authority"; function words may be skipped
  or counted: "ODOT" = "Ohio Department of Transportation");
* a short form: the first words of a longer name ("Skylark" = "Skylark Air");
* a back-reference by a common noun: "the department", "the union", "the council" mean the nearest body
  named earlier with that word in its name ("Ohio Department of Transportation"); the nouns of
  ``descriptor_heads`` (``claims/data/affiliations.json``: "the regulator", "the company", "the club")
  also mean the body of their kind the story names most ("the Civil Aviation Authority" is a government
  body; a body of unknown kind may be a company or an organisation: "the company", "the group"). For
  the first, modifiers must be in the name too ("the foreign ministry"). With no such body before the
  mention, the nearest one after it with the word in its name is taken (a headline: "Union says ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claims.nlp.actors import FUNCTION_WORDS, Tok, default_resolver, norm_key, tokenize
from claims.nlp.affiliations import as_kind, descriptor_kind, name_kind
from claims.nlp.mentions import singular
from claims.nlp.rules import load_affiliation_rules, load_mention_rules
from claims.types import ActorKind

_ACRONYM_RE = re.compile(r"\(\s*([A-Z][A-Za-z&.]{1,11}[A-Z])\s*\)")


def bracketed_acronym(text: str, *, leading: bool = False) -> str | None:
    """The acronym written in brackets in ``text`` ("The Allied Health Workers Union (AHWU)" -> "AHWU");
    ``leading``: only one the text starts with (the words after a name: " (AHWU) said ...")."""
    m = _ACRONYM_RE.match(text.lstrip()) if leading else _ACRONYM_RE.search(text)
    return m.group(1) if m else None


_DATELINE_RE = re.compile(r"^\s*([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3})(?=,| \(| [—–-] )", re.MULTILINE)


def home_country(text: str, *, within: int = 600) -> str | None:
    """The country of the story's dateline ("BEIJING, May 3 (Reuters) -" -> China, "LONDON -" -> United
    Kingdom), from a line in the first ``within`` characters that opens with a capital or a country in
    capitals; None when there is none (a town: "CARROW FALLS, Ohio")."""
    resolver = default_resolver()
    for m in _DATELINE_RE.finditer(text[:within]):
        place = m.group(1).title()
        country = resolver.country_from_capital(place) or resolver.country_from_name(place)
        if country:
            return country
    return None


def _initials_match(letters: str, words: list[str], function: list[bool]) -> bool:
    """Whether ``letters`` are the initials of ``words`` in order, every content word counted and function
    words counted or skipped."""

    def go(i: int, k: int) -> bool:
        if k == len(words):
            return i == len(letters)
        if function[k] and go(i, k + 1):
            return True
        return i < len(letters) and words[k][:1] == letters[i] and go(i + 1, k + 1)

    return len(words) > 1 and go(0, 0)


@dataclass
class Body:
    """A body the document names in full: its name as written (no determiner), its kind when known, its
    written acronyms and where it is mentioned."""

    name: str
    kind: ActorKind | None
    positions: list[int] = field(default_factory=list)
    acronyms: set[str] = field(default_factory=set)
    named: bool = True  # named as a body (an organisation entity, a body's mention), not only as someone's employer

    @property
    def words(self) -> list[Tok]:
        return [t for t in tokenize(self.name) if not t.punct]


def _content(text: str) -> list[Tok]:
    """The words of a mention without determiners, possessive determiners and punctuation."""
    skip = load_mention_rules().determiners | load_affiliation_rules().possessive_determiners
    toks = [t for t in tokenize(text) if not t.punct]
    while toks and toks[0].norm in skip:
        toks = toks[1:]
    return toks


def generic_reference(text: str) -> tuple[str, tuple[str, ...]] | None:
    """(head noun, modifiers) of a mention naming a body only by common nouns ("the department" ->
    ("department", ()), "its foreign ministry" -> ("ministry", ("foreign",)), a headline's "Union"), or None."""
    toks = _content(text)
    if not toks or len(toks) > 3:
        return None
    rules = load_affiliation_rules()
    kinds = rules.kind_words
    if any(t.cap for t in toks[1:]) or toks[0].upper:
        return None
    if toks[0].cap and len(toks) > 1 and toks[0].norm not in kinds and toks[0].norm not in rules.generic_words:
        return None  # "Delacroix campaign" is a name; "Union" (a headline) and "Foreign ministry" are not
    head = singular(toks[-1].norm)
    if head not in kinds and toks[-1].norm not in kinds:
        return None
    return head, tuple(singular(t.norm) for t in toks[:-1])


class DocumentBodies:
    """The bodies of ONE document (see the module doc)."""

    def __init__(self) -> None:
        self._bodies: dict[str, Body] = {}

    def note(
        self,
        name: str,
        position: int,
        *,
        kind: ActorKind | None = None,
        acronym: str | None = None,
        named: bool = True,
    ) -> None:
        """Record a body named in full at ``position`` (generic names and single acronyms are not recorded
        as bodies; an acronym in brackets is recorded for its body)."""
        words = _content(name)
        if not words or not any(t.cap for t in words) or generic_reference(name) is not None:
            return
        if len(words) == 1 and words[0].upper:
            return  # an acronym alone names nothing new
        while words and not words[0].cap:
            words = words[1:]  # "nonpartisan Commission on Presidential Debates", "new ad from X campaign"
        if not words:
            return
        display = name[words[0].start : words[-1].end]
        key = norm_key(display)
        body = self._bodies.get(key)
        if body is None:
            body = self._bodies[key] = Body(display, kind or name_kind(display), named=named)
        else:
            body.named = body.named or named
            if kind and body.kind is None:
                body.kind = kind
        body.positions.append(position)
        if acronym:
            body.acronyms.add(norm_key(acronym))

    def set_kind(self, name: str, kind: str | None) -> None:
        """A kind a descriptor gave the body elsewhere in the document ("Regional airline Skylark Air")."""
        body = self._bodies.get(norm_key(name))
        if body is not None and body.kind is None:
            body.kind = as_kind(kind)

    def kind_of(self, name: str) -> ActorKind | None:
        body = self._bodies.get(norm_key(name))
        return body.kind if body else None

    def resolve(self, text: str, position: int, *, indefinite: bool = False) -> Body | None:
        """The body a short, generic or abbreviated mention at ``position`` refers to (module doc), or None
        (also for a mention that already names a body in full). An ``indefinite`` generic mention ("a group
        representing doctors") is no body named before: only one named after it (the lead's "a group",
        named in the next paragraph)."""
        words = _content(text)
        if not words:
            return None
        if indefinite:
            generic = generic_reference(text)
            return self._back_reference(*generic, position, after_only=True) if generic is not None else None
        if len(words) <= 2 and all(t.cap for t in words) and not (len(words) == 1 and words[0].upper):
            short = [t.norm for t in words]
            longer = [b for b in self._bodies.values() if [t.norm for t in b.words][: len(short)] == short]
            found = self._nearest([b for b in longer if len(b.words) > len(short)], position)
            if found is not None:
                return found
        if norm_key(" ".join(t.text for t in words)) in self._bodies:
            return None
        if len(words) > 1 and any(t.cap for t in words):
            # "Carrow Falls council" = "Carrow Falls City Council": its words in a longer name, same head
            have = {singular(t.norm) for t in words if t.norm not in FUNCTION_WORDS}
            head = singular(words[-1].norm)
            wider = [
                b
                for b in self._bodies.values()
                if len(b.words) > len(words)
                and singular(b.words[-1].norm) == head
                and have <= {singular(t.norm) for t in b.words}
            ]
            found = self._nearest(wider, position)
            if found is not None:
                return found
        generic = generic_reference(text)
        if generic is not None:
            return self._back_reference(*generic, position)
        if len(words) == 1 and not words[0].cap:
            # "the gallery": the body named before whose name ends in the noun ("Albrecht Gallery")
            head = singular(words[0].norm)
            ending = [b for b in self._bodies.values() if len(b.words) > 1 and singular(b.words[-1].norm) == head]
            found = self._nearest(ending, position, before=True)
            if found is not None:
                return found
        if len(words) == 1 and words[0].upper:
            return self._nearest([b for b in self._bodies.values() if self._abbreviates(words[0].norm, b)], position)
        return None

    def resolve_later(self, text: str, position: int) -> Body | None:
        """For a generic mention nothing before ``position`` resolved (a headline's "Club denies ...",
        "Doctors' group accuses ..."), once the whole document is read: the nearest body after it with the
        word in its name, of the word's kind, or of no known kind (as :meth:`resolve` reads them)."""
        generic = generic_reference(text)
        if generic is None:
            return None
        return self._back_reference(*generic, position, after_only=True, later=True)

    def named_with(self, head: str, position: int) -> bool:
        """Whether a body named before ``position`` has the noun ``head`` (singular) in its name."""
        return any(
            head in {singular(t.norm) for t in b.words} and any(p < position for p in b.positions)
            for b in self._bodies.values()
        )

    def portfolio(self, title: str, position: int) -> Body | None:
        """The government body a minister's or secretary's portfolio names ("Health minister" -> the
        Department of Health and Social Care named in the document), or None."""
        words = [singular(t.norm) for t in tokenize(title) if not t.punct]
        if len(words) < 2:
            return None
        wanted = set(words[:-1])
        found = [
            b for b in self._bodies.values() if b.kind == "government" and wanted <= {singular(t.norm) for t in b.words}
        ]
        return self._nearest(found, position)

    # ------------------------------------------------------------------------------- internals

    @staticmethod
    def _abbreviates(acronym: str, body: Body) -> bool:
        if acronym in body.acronyms:
            return True
        words = body.words
        return _initials_match(acronym, [t.norm for t in words], [t.norm in FUNCTION_WORDS for t in words])

    def _back_reference(
        self, head: str, modifiers: tuple[str, ...], position: int, *, after_only: bool = False, later: bool = False
    ) -> Body | None:
        rules = load_affiliation_rules()
        kind = rules.kind_words.get(head)
        # "state utility": a state-run body, not any company (nor the salient ministry)
        state_run = descriptor_kind(" ".join((*modifiers, head))) == "government" and kind != "government"
        resolver = default_resolver()

        def named(b: Body) -> bool:
            have = {singular(t.norm) for t in b.words}
            return head in have and all(m in have for m in modifiers)

        def of_kind(b: Body) -> bool:
            return head in rules.descriptor_heads and kind is not None and b.kind == kind and not state_run

        def maybe(b: Body) -> bool:
            if head not in rules.descriptor_heads or kind not in ("company", "organisation") or state_run:
                return False
            if b.kind is not None or not b.named:
                return False
            return resolver.resolve(b.name) is None  # not a country or a government metonym

        def organ(b: Body) -> bool:  # "the board" of a company that has no body named with "board"
            return head in rules.organ_words and not modifiers and b.kind == "company"

        bodies = list(self._bodies.values())
        found = None if after_only else self._nearest([b for b in bodies if named(b)], position, before=True)
        for test in (of_kind, maybe, organ):
            if found is None and not after_only:
                found = self._salient([b for b in bodies if test(b)], position)
        if found is not None:
            return found
        # nothing before (a headline's "Union says ..."): the nearest body after with the word in its name
        after = self._nearest([b for b in bodies if named(b)], position, before=False)
        if after is None and later:
            after = self._nearest([b for b in bodies if of_kind(b) or maybe(b)], position, before=False)
        return after

    @staticmethod
    def _salient(bodies: list[Body], position: int) -> Body | None:
        """The body mentioned most often before ``position`` (the nearest of those): "the company" is the
        company the story is about, not the last one it named in passing."""
        scored = [
            (sum(p < position for p in b.positions), max((p for p in b.positions if p < position), default=-1), b)
            for b in bodies
        ]
        scored = [s for s in scored if s[0]]
        return max(scored, key=lambda s: (s[0], s[1]))[2] if scored else None

    @staticmethod
    def _nearest(bodies: list[Body], position: int, *, before: bool | None = None) -> Body | None:
        """The body mentioned nearest before ``position`` (``before`` True), after it (False), or before,
        else after (None)."""
        if before is None:
            return DocumentBodies._nearest(bodies, position, before=True) or DocumentBodies._nearest(
                bodies, position, before=False
            )
        best: tuple[int, Body] | None = None
        for b in bodies:
            ps = [p for p in b.positions if (p < position if before else p > position)]
            if not ps:
                continue
            distance = position - max(ps) if before else min(ps) - position
            if best is None or distance < best[0]:
                best = (distance, b)
        return best[1] if best else None
