"""Group parsed source mentions into the speakers of one document.

``same_speaker`` says whether two parsed mentions (:func:`claims.nlp.mentions.parse_mention`) denote the same
speaker; ``SpeakerRegistry`` assigns stable keys within a document, carries affiliations learned once to later
mentions and resolves pronouns and document nouns to earlier speakers. Plain data in and out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache

from claims.nlp.actors import (
    ActorResolver,
    Tok,
    default_resolver,
    norm_key,
    tokenize,
)
from claims.nlp.affiliations import (
    alias_ref,
    as_kind,
    office_title,
    represents,
    side_for,
    supranational_ref,
)
from claims.nlp.bodies import DocumentBodies, bracketed_acronym, generic_reference
from claims.nlp.mentions import (
    mention_lexicon,
    name_words,
    parse_mention,
    place_words,
    singular,
    strip_honorific,
    title_at,
)
from claims.nlp.parsed_mention import ParsedMention
from claims.nlp.rules import (
    load_affiliation_rules,
    load_mention_rules,
)
from claims.types import ActorKind, ActorRef, SpeakerRef

# ---------------------------------------------------------------------------------- same speaker


@dataclass(frozen=True)
class _NameParts:
    given: str | None
    middles: tuple[str, ...]
    surname: str
    suffix: str | None
    words: tuple[str, ...]


@lru_cache(maxsize=4096)
def _name_parts(person_name: str) -> _NameParts | None:
    lex = mention_lexicon()
    toks, _ = strip_honorific([t for t in tokenize(person_name) if not t.punct])
    words = name_words(toks)
    suffix = None
    if len(words) > 1 and words[-1] in lex.suffixes:
        suffix, words = words[-1], words[:-1]
    if not words:
        return None
    core = [w for w in words if w not in lex.particles]
    if not core:
        return None

    def strip_particle(word: str) -> str:
        head, _, tail = word.partition("-")
        return tail if tail and head in lex.particles else word

    surname = strip_particle(core[-1])
    given = core[0] if len(core) > 1 and words[0] not in lex.particles else None
    middles = tuple(core[1:-1]) if given else ()
    return _NameParts(given, middles, surname, suffix, tuple(strip_particle(w) for w in core))


def _given_compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if a[0] != b[0]:
        return False
    if a.startswith(b) or b.startswith(a):
        return True
    ratio = SequenceMatcher(None, a, b).ratio()
    return ratio >= 0.8 or (min(len(a), len(b)) <= 4 and ratio >= 0.5)


def _persons_match(a: _NameParts, b: _NameParts) -> bool:
    if len(a.words) == 1 or len(b.words) == 1:
        single, full = (a, b) if len(a.words) == 1 else (b, a)
        return single.surname == full.surname or (full.given is not None and single.surname == full.given)
    if a.surname != b.surname:
        return False
    if a.given and b.given:
        if not _given_compatible(a.given, b.given):
            return False
        if a.middles and b.middles and a.middles[0][0] != b.middles[0][0]:
            return False
        if a.suffix != b.suffix:
            return False
    return True


def _compatible(x: str | None, y: str | None) -> bool:
    return x is None or y is None or norm_key(x) == norm_key(y)


def _org_compatible(x: str | None, y: str | None) -> bool:
    if x is None or y is None:
        return True
    kx, ky = set(norm_key(x).split()), set(norm_key(y).split())
    return kx <= ky or ky <= kx


def _title_compatible(a: ParsedMention, b: ParsedMention) -> bool:
    if not a.title or not b.title or a.head != b.head:
        return False
    ta = {singular(w) for w in norm_key(a.title).split()}
    tb = {singular(w) for w in norm_key(b.title).split()}
    return ta <= tb or tb <= ta


def _acronym(words: list[Tok]) -> str:
    return "".join(t.norm[0] for t in words if not t.punct and t.cap and t.norm not in ("of", "the", "and", "for"))


@lru_cache(maxsize=4096)
def _body_words(name: str, resolver: ActorResolver) -> tuple[str | None, frozenset[str]]:
    """Head and modifier words of a body or group name, country marks left out."""
    toks = [t for t in tokenize(name) if not t.punct]
    if not toks:
        return None, frozenset()
    marks = resolver.marks(name)
    in_mark = {k for m in marks if m.kind != "institution" for k in range(m.start, m.end)}
    head = singular(toks[-1].norm)
    mods = frozenset(
        singular(t.norm) for k, t in enumerate(toks[:-1]) if k not in in_mark and t.norm not in ("of", "the")
    )
    return head, mods


def same_speaker(a: ParsedMention, b: ParsedMention, *, resolver: ActorResolver | None = None) -> bool:
    """Whether two parsed mentions denote the same speaker (pronouns and documents: never; see registry)."""
    if a.is_pronoun or b.is_pronoun or a.is_document or b.is_document:
        return False
    if not _compatible(a.actor, b.actor):
        return False
    if a.gender and b.gender and a.gender != b.gender:
        return False
    if a.is_person != b.is_person and (
        a.person_name or b.person_name or a.kind in ("body", "place") or b.kind in ("body", "place")
    ):
        return False
    if a.is_plural != b.is_plural:
        return False
    if a.person_name and b.person_name:
        pa, pb = _name_parts(a.person_name), _name_parts(b.person_name)
        return bool(pa and pb and _persons_match(pa, pb))
    if a.person_name or b.person_name:
        # an unnamed titled person ("the foreign minister") against a named one with that title
        return (
            a.is_person and b.is_person and _title_compatible(a, b) and _org_compatible(a.organisation, b.organisation)
        )
    if a.is_person and b.is_person:
        return _title_compatible(a, b) and _org_compatible(a.organisation, b.organisation)
    if a.kind == "place" and b.kind == "place":
        # "Moscow" and "Russia" stand for one side (the actor) but are different speakers as written;
        # only the same name ("the US" / "US") is the same speaker
        return norm_key(a.name) == norm_key(b.name)
    if a.kind != b.kind and not {a.kind, b.kind} <= {"body", "other"}:
        return False
    if norm_key(a.name) == norm_key(b.name):
        return True
    resolver = resolver or default_resolver()
    ta = [t for t in tokenize(a.name) if not t.punct]
    tb = [t for t in tokenize(b.name) if not t.punct]
    for x, y in ((ta, tb), (tb, ta)):
        if len(x) == 1 and x[0].upper and len(y) > 1 and _acronym(y) == x[0].norm:
            return True
    ha, ma = _body_words(a.name, resolver)
    hb, mb = _body_words(b.name, resolver)
    if ha is None or ha != hb:
        return False
    if a.kind == "group" or b.kind == "group":
        return ma <= mb or mb <= ma
    # bodies: the shorter name's modifiers are a subset of the longer's ("the ministry" ~ "Foreign Ministry")
    return ma <= mb or mb <= ma


# -------------------------------------------------------------------------------------- registry


@dataclass
class _Speaker:
    key: str
    parsed: ParsedMention  # merged view of everything learned
    positions: list[int]
    texts: list[str]
    owner: _Speaker | None = None  # "its lawyer, Hugh Ray": the speaker "its" refers to


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", norm_key(text)).strip("-")
    return slug or "speaker"


def _merge(old: ParsedMention, new: ParsedMention) -> ParsedMention:
    """Combine what two mentions of one speaker say; the first known value wins, longer names win."""
    person_name = old.person_name
    if new.person_name and (not person_name or len(new.person_name.split()) > len(person_name.split())):
        person_name = new.person_name
    if person_name:
        name = person_name
    elif len(new.name.split()) > len(old.name.split()) and old.kind == new.kind:
        name = new.name
    else:
        name = old.name
    kind = old.kind if old.kind != "other" else new.kind
    organisation = old.organisation or new.organisation
    if kind == "body":
        organisation = name
    return replace(
        old,
        name=name,
        person_name=person_name,
        organisation=organisation,
        title=old.title or new.title,
        actor=old.actor or new.actor,
        gender=old.gender or new.gender,
        kind=kind,
        is_person=old.is_person or new.is_person,
        head=old.head or new.head,
        party=old.party or new.party,
        org_kind=old.org_kind or new.org_kind,
    )


def _full_person(parsed: ParsedMention) -> bool:
    """A person named with given name and surname ("Gerald Pike"), not a bare capitalised word that the
    NER took for a person ("Ashbourne")."""
    return bool(parsed.is_person and parsed.person_name and len(parsed.person_name.split()) > 1)


def _bare_name(parsed: ParsedMention) -> bool:
    """One capitalised word taken for a person, with no title, honorific or affiliation ("Bessemer")."""
    name = parsed.person_name
    return bool(name and len(name.split()) == 1 and not parsed.title and not parsed.gender and not parsed.organisation)


def _proper(name: str) -> bool:
    """A body's proper name: every word capitalised but function words and a last word of
    ``lowercase_name_heads`` ("Lenton Department of Roads", "the Delacroix campaign"; not "Pipeline
    operator" or "X who has ...")."""
    words = [t for t in tokenize(name) if not t.punct]
    while words and words[0].norm in load_mention_rules().determiners:
        words = words[1:]
    if len(words) > 1 and not words[-1].cap and words[-1].norm in load_affiliation_rules().lowercase_name_heads:
        words = words[:-1]
    return bool(words) and words[0].cap and all(t.cap or t.norm in ("of", "the", "and", "for", "de") for t in words)


def relative_of_body(text: str) -> bool:
    """Whether a mention's name is followed by a relative clause only a thing takes ("X, which ...":
    ``body_relatives`` in ``claims/data/affiliations.json``)."""
    toks = tokenize(text)
    relatives = load_affiliation_rules().body_relatives
    return any(a.punct and a.text == "," and b.norm in relatives for a, b in zip(toks, toks[1:], strict=False))


class SpeakerRegistry:
    """The speakers of ONE document: stable keys, merged affiliations, pronoun and document resolution.

    ``position`` is any integer that grows through the document (a character offset is best).
    """

    def __init__(self, resolver: ActorResolver | None = None) -> None:
        self.resolver = resolver or default_resolver()
        self._speakers: list[_Speaker] = []
        self._keys: set[str] = set()
        self._org_kinds: dict[str, str] = {}  # organisation key -> kind a descriptor gave it in this document
        self.bodies = DocumentBodies()  # the organisations the document names, for short and generic mentions
        self.home: str | None = None  # the country of the story's dateline (claims.nlp.bodies.home_country)
        self.jurisdiction: str | None = None  # the first county the text names (affiliations.local_jurisdiction)
        self.apostrophe = "’"  # the apostrophe the text writes, for the names of offices it never writes
        self.headline_end = 0  # the end of the story's headline, when it has one (components.headline_end)
        self._owners: dict[str, ActorRef] = {}  # body key -> the organisation an appositive says owns it
        self._parsed: dict[tuple[str, str | None], ParsedMention] = {}  # (text, entity label) -> its parse

    def _parse(self, text: str, ent_label: str | None) -> ParsedMention:
        """:func:`parse_mention` with this registry's resolver, once per text and label in the document (a
        mention is parsed from its text, label and the resolver's fixed tables alone; the result is frozen)."""
        key = (text, ent_label)
        found = self._parsed.get(key)
        if found is None:
            found = self._parsed[key] = parse_mention(text, ent_label=ent_label, resolver=self.resolver)
        return found

    # ------------------------------------------------------------------------------ public API

    def add(self, mention_text: str, *, position: int, ent_label: str | None = None) -> SpeakerRef:
        """The speaker for a mention: an earlier one when ``same_speaker`` says so, else a new one.

        Pronouns resolve to the most recent compatible speaker and document nouns ("the statement") to
        their written owner or the most recent organisational speaker; the ref then has
        ``is_pronoun=True`` (pronouns only). Unresolvable pronouns and documents get a ref of their own
        with key ``"unresolved-<position>"``.
        """
        if ent_label == "PERSON" and relative_of_body(mention_text):
            ent_label = "ORG"  # "Minera Cordillera, which operates the mine": the tagger took a body for a person
        if ent_label != "PERSON" and self._surname_of_named_person(mention_text):
            ent_label = "PERSON"  # "Prentis" after "Dave Prentis", whatever the tagger made of the word
        parsed = self._parse(mention_text, ent_label)
        if parsed.is_person and not parsed.title and bracketed_acronym(mention_text):
            # "The Federated Dock Workers (FDW)": a name with an acronym in brackets is a body's
            parsed = self._parse(mention_text, "ORG")
        if parsed.is_pronoun:
            sp = self._resolve(
                position, plural=parsed.is_plural, person=self._pronoun_person(parsed), gender=parsed.gender
            )
            if sp is None:
                return SpeakerRef(key=f"unresolved-{position}", name=parsed.name, is_pronoun=True)
            self._note(sp, position, mention_text)
            if parsed.gender and sp.parsed.gender is None:
                sp.parsed = replace(sp.parsed, gender=parsed.gender)  # "he" tells us the speaker's gender
            return replace(self._ref(sp), is_pronoun=True)
        if parsed.is_person and parsed.definite and not (parsed.person_name or parsed.title or parsed.organisation):
            # "the 24-year-old Argentine": a description of the person last named, read as "he" or "she"
            described = self._resolve(position, plural=False, person=True, gender=parsed.gender)
            if described is not None:
                self._note(described, position, mention_text)
                return self._ref(described)
        if parsed.is_document:
            if parsed.organisation:
                return self.add(parsed.organisation, position=position)
            sp = self._resolve_org(position)
            if sp is None:
                side = side_for(parsed, resolver=self.resolver, home=self.home) or (
                    alias_ref(parsed.actor, self.resolver) if parsed.actor else None
                )
                return SpeakerRef(key=f"unresolved-{position}", name=parsed.name, actor=parsed.actor, side=side)
            self._note(sp, position, mention_text)
            return self._ref(sp)
        owner = self._owner(mention_text, position) if parsed.is_person else None
        if owner is None and parsed.is_person and parsed.organisation and represents(parsed.title):
            owner = self._person_owner(parsed.organisation, position)  # "Mr Pike's barrister", "Clinton spokesman"
            if owner is not None:
                parsed = replace(parsed, organisation=None)
        if owner is None and parsed.kind == "body":
            owner = self._personal_office(mention_text, position)  # "Ms. Ellison's office"
            if owner is not None:
                parsed = replace(parsed, organisation=None, kind="other")
        parsed = self._canonical(parsed, position)
        if parsed.kind == "body" and not parsed.is_person:
            self._note_owner(parsed.name, mention_text)
        if parsed.org_kind and parsed.organisation:
            self._org_kinds.setdefault(norm_key(parsed.organisation), parsed.org_kind)
            self.bodies.set_kind(parsed.organisation, parsed.org_kind)
        international = parsed.kind == "body" and supranational_ref(parsed.name) is not None  # "UN refugee agency"
        if (
            parsed.kind in ("body", "group", "other") and (_proper(parsed.name) or international)
        ) and not parsed.is_person:
            acronym = bracketed_acronym(mention_text)
            self.bodies.note(parsed.name, position, kind=as_kind(parsed.org_kind), acronym=acronym)
        elif parsed.organisation and parsed.is_person and _proper(parsed.organisation):
            self.bodies.note(parsed.organisation, position, kind=as_kind(parsed.org_kind), named=False)
        match = self._find(parsed, position)
        if match is None:
            match = self._new(parsed, position, mention_text)
        else:
            match.parsed = _merge(match.parsed, parsed)
            self._note(match, position, mention_text)
        if owner is not None and owner is not match and match.owner is None:
            match.owner = owner
        return self._ref(match)

    def note_body(self, name: str, position: int, *, acronym: str | None = None, kind: ActorKind | None = None) -> None:
        """An organisation the document names at ``position`` (not a speaker there), with the ``kind`` a
        descriptor before it gives: short, generic and abbreviated mentions may refer to it
        (:class:`claims.nlp.bodies.DocumentBodies`)."""
        self.bodies.note(name, position, acronym=acronym, kind=kind)

    def resolve_pronoun(
        self, position: int, *, plural: bool, person: bool | None, gender: str | None = None
    ) -> SpeakerRef | None:
        """The most recent speaker mentioned before ``position`` that a pronoun could refer to.

        ``person=True, plural=False`` (he/she): a single person (``gender`` "m"/"f" skips the other);
        ``person=False`` (it): a body or place, ``plural=True`` also groups; ``person=None`` (they/we):
        plural speakers, bodies and places when ``plural``, any singular speaker otherwise.
        """
        sp = self._resolve(position, plural=plural, person=person, gender=gender)
        return self._ref(sp) if sp else None

    def resolve_pronoun_word(self, word: str, position: int) -> SpeakerRef | None:
        """:meth:`resolve_pronoun` for a pronoun as written ("she": a single female person; "it": a body
        or place; "they": plural speakers or bodies), its number, person and gender read from
        ``claims/data/mentions.json``; None for a word that is not a pronoun there."""
        info = load_mention_rules().pronouns.get(norm_key(word))
        if info is None:
            return None
        return self.resolve_pronoun(position, plural=info.plural, person=info.person, gender=info.gender)

    def final(self, ref: SpeakerRef) -> SpeakerRef:
        """``ref`` as its speaker stands at the end of the document (names and affiliations learned from
        later mentions), keeping whether it was a pronoun; unresolved refs are returned as they are."""
        sp = next((s for s in self._speakers if s.key == ref.key), None)
        if sp is None:
            return ref
        sp = self._named_holder(sp) or sp
        p = sp.parsed
        generic = p.kind in ("body", "other") and not p.is_person and not _proper(p.name) and p.definite is not False
        if generic and self._side(sp) is None:
            # a headline's "Doctors' group": the body of its kind the document names below it
            body = self.bodies.resolve_later(p.name, min(sp.positions))
            if body is not None:
                sp.parsed = self._body_parse(p, body.name, body.kind)
        elif (p.kind == "body" and not p.is_person and p.definite is False and not _proper(p.name)) or (
            self._headline_descriptor(sp)
        ):
            named = self._cataphor(sp)
            if named is not None and (self._side(sp) is None or p.definite is None):
                # a lead's "A group that tracks ...", a headline's "Charity says ...": the body named next
                o = named.parsed
                sp.parsed = self._body_parse(p, o.name, as_kind(o.org_kind) or self.bodies.kind_of(o.name))
        return replace(self._ref(sp), is_pronoun=ref.is_pronoun)

    def _headline_descriptor(self, sp: _Speaker) -> bool:
        """A headline's body named by common nouns, capitalised as the headline's first word ("Charity says
        ...", "Pipeline operator denies ...", "Patients' group says ...")."""
        p = sp.parsed
        if p.definite is not None or p.party or p.actor or min(sp.positions) >= self.headline_end:
            return False
        if p.is_person and (p.title or p.person_name is None or len(p.person_name.split()) > 1):
            return False  # a bare title ("Prosecutor says") is a person's
        text = p.text[:1].lower() + p.text[1:]
        return generic_reference(text) is not None

    def _cataphor(self, sp: _Speaker) -> _Speaker | None:
        """For an indefinite generic body before any body of its kind is named (a lead's "A parents' group
        in X said ...", "An environmental group said ..."), the body named next that the text calls by the
        head or a modifier of the description ("Save Our Schools, a group formed by parents"; "Ashcombe
        Patients Voice" for "a patients' group"), else the next one of the head's kind or of no known kind;
        None when a body of that kind was named before it (then it is a body of its own). A headline's
        descriptor ("Charity says ...") is only a body the text calls by its head or a modifier."""
        text = sp.parsed.text
        if sp.parsed.definite is None:
            text = text[:1].lower() + text[1:]  # a headline's capital
        generic = generic_reference(text) or generic_reference(sp.parsed.name)  # "... in Denton Falls"
        if generic is None:
            return None
        head, modifiers = generic
        kind = load_affiliation_rules().kind_words.get(head)
        first = min(sp.positions)
        later: list[tuple[int, int, _Speaker]] = []
        for k, other in enumerate(self._speakers):
            o = other.parsed
            if other is sp or o.is_person or o.kind not in ("body", "group", "other") or not _proper(o.name):
                continue
            own = as_kind(o.org_kind) or self.bodies.kind_of(o.name)
            if own is not None and own != kind:
                continue
            at = min(other.positions)
            if max(other.positions) < self.headline_end <= first:
                continue  # the headline's words: the lead tells who they are
            if at < first:
                return None  # a body of its kind was named before: "a group" is another one
            later.append((at, k, other))
        later.sort(key=lambda x: (x[0], x[1]))
        words = {head, *modifiers}
        for _, _, other in later:
            said = {singular(t.norm) for text in other.texts for t in tokenize(text) if not t.punct}
            if words & said:
                return other
        if sp.parsed.definite is None:
            return None  # a headline's descriptor is only a body the text calls so
        return later[0][2] if later else None

    def resolve_document(self, position: int) -> SpeakerRef | None:
        """The most recent organisational speaker (body, place) before ``position``, for "the statement"."""
        sp = self._resolve_org(position)
        return self._ref(sp) if sp else None

    def get(self, key: str) -> SpeakerRef | None:
        """The current ref for ``key`` (with everything learned so far)."""
        sp = next((s for s in self._speakers if s.key == key), None)
        return self._ref(sp) if sp else None

    def parsed(self, key: str) -> ParsedMention | None:
        """The merged parse behind ``key``."""
        sp = next((s for s in self._speakers if s.key == key), None)
        return sp.parsed if sp else None

    def speakers(self) -> list[SpeakerRef]:
        """All speakers in order of first mention, with their final names and affiliations."""
        return [self._ref(s) for s in self._speakers]

    # ------------------------------------------------------------------------------- internals

    @staticmethod
    def _pronoun_person(parsed: ParsedMention) -> bool | None:
        info = load_mention_rules().pronouns.get(norm_key(parsed.text))
        return info.person if info else None

    def _ref(self, sp: _Speaker) -> SpeakerRef:
        p = sp.parsed
        organisation = p.organisation if p.kind != "place" else None
        side = self._side(sp)
        if organisation is None and sp.owner is not None and side is not None and side.kind != "person":
            organisation = side.name  # "its lawyer": the body "its" refers to
        return SpeakerRef(
            key=sp.key,
            name=self._display_name(sp),
            organisation=organisation,
            actor=side.name if side else None,
            side=side,
        )

    @staticmethod
    def _display_name(sp: _Speaker) -> str:
        """An unnamed person's name with the body or person they speak for named in full, when the mention
        names them by a short form of the name ("a spokeswoman for Skylark" -> "... for Skylark Air", "a
        spokeswoman for Hadley" -> "... for Claire Hadley"); other names as they are ("a spokesman for the
        department" keeps the text's back-reference)."""
        p = sp.parsed
        if not p.is_person or p.person_name:
            return p.name
        m = re.search(r"\bfor\s+(?:the\s+)?(\S.*)$", p.name)
        full = p.organisation or (sp.owner.parsed.person_name if sp.owner is not None else None)
        if m is None or not full or norm_key(m.group(1)) == norm_key(full):
            return p.name
        toks = [t for t in tokenize(m.group(1)) if not t.punct]
        if not toks or not all(t.cap for t in toks):
            return p.name  # "a spokesman for the department": the text's own back-reference is kept
        if not {singular(t.norm) for t in toks} <= {singular(t.norm) for t in tokenize(full) if not t.punct}:
            return p.name
        return p.name[: m.start(1)] + full

    def _side(self, sp: _Speaker, depth: int = 0) -> ActorRef | None:
        """The side of a speaker: a user alias, else the most specific affiliation the text supports
        (:func:`claims.nlp.affiliations.side_for`), else the side of the speaker "its"/"his" refers to."""
        p = sp.parsed
        alias = self.resolver.alias_for(p.name, p.person_name, *sp.texts)
        if alias is not None:
            return alias_ref(alias, self.resolver)
        org_kind = as_kind(self._org_kinds.get(norm_key(p.organisation))) if p.organisation else None
        if sp.owner is not None and depth < 8 and not p.organisation and not p.party:
            owned = self._side(sp.owner, depth + 1)
            if owned is not None:
                return owned
        office = self._office(sp) or self._local_officials(p)
        if office is not None:
            return office
        if _bare_name(p) and p.person_name and not self._known_person(p):
            body = self.bodies.resolve(p.person_name, max(sp.positions))
            if body is not None:  # "Ashbourne" in a headline: Ashbourne Athletic, named below
                return side_for(self._body_parse(p, body.name, body.kind), resolver=self.resolver, home=self.home)
        return self._owned(side_for(p, org_kind=org_kind, resolver=self.resolver, home=self.home))

    def _office(self, sp: _Speaker) -> ActorRef | None:
        """The office an office title's holder speaks for ("Sheriff X", "County Prosecutor Y", "the district
        attorney"), or a body names by that title ("a spokesperson for the sheriff's office"): a government
        body named from the title and the place the title or the text names ("Harlan County Sheriff's
        Office"), whatever the text calls it. None for other speakers, for a former holder ("former sheriff
        X") and for one the text gives a party, a country or another organisation."""
        p = sp.parsed
        if p.party or p.actor or p.is_plural or (p.is_person and p.organisation):
            return None
        found = None
        if p.is_person and p.title:
            found = office_title(p.title)
        elif p.kind == "body" and not p.is_person:
            words = [t for t in tokenize(p.name) if not t.punct]
            if len(words) > 1 and words[-1].norm == "office":
                found = office_title(p.name[: words[-2].end])
        if found is None:
            return None
        past = load_affiliation_rules().past_modifiers
        if any(t.norm in past or t.norm.rstrip("-") in past for text in sp.texts for t in tokenize(text)):
            return None  # "the former sheriff": no longer the office's voice
        place, office = found
        place = place or self.jurisdiction
        name = f"{office}{self.apostrophe}s Office"
        parent = ActorRef(self.home, "country") if self.home else None
        return ActorRef(f"{place} {name}" if place else name, "government", parent)

    def _local_officials(self, p: ParsedMention) -> ActorRef | None:
        """Unnamed officials of no body the text names ("Officials said ...", "county officials") in a story
        that names a county (``jurisdiction``): that county's government; "state officials" or "senior
        officials" are not."""
        rules = load_affiliation_rules()
        if not self.jurisdiction or not p.is_plural or p.organisation or p.actor or p.party or not p.title:
            return None
        words = [t.norm for t in tokenize(p.text) if not t.punct]
        while words and words[0] in load_mention_rules().determiners:
            words = words[1:]
        if not words or words[-1] not in rules.local_official_titles:
            return None
        place = self.jurisdiction.split()[-1].lower()
        if words[:-1] not in ([], [place]):
            return None
        parent = ActorRef(self.home, "country") if self.home else None
        return ActorRef(self.jurisdiction, "government", parent)

    def _named_holder(self, sp: _Speaker) -> _Speaker | None:
        """For a bare title before anyone is named (a headline's "Prosecutor says ...", "Deputy leader
        says ..."), the first person named later with a title of that head; else None."""
        p = sp.parsed
        bare = p.is_person and p.title and not p.person_name and not p.organisation and p.definite is None
        if not bare or p.is_plural or p.actor or p.party:
            return None
        first = min(sp.positions)
        named = sorted((min(o.positions), k, o) for k, o in enumerate(self._speakers) if o.parsed.person_name)
        if any(at < first for at, _, _ in named):
            return None  # someone was named before: not a headline's title
        return next((o for at, _, o in named if at > first and o.parsed.is_person and o.parsed.head == p.head), None)

    def _owner(self, text: str, position: int) -> _Speaker | None:
        """The earlier speaker a possessive determiner in the mention refers to ("its lawyer", "his aide")."""
        rules = load_mention_rules()
        possessive = load_affiliation_rules().possessive_determiners
        toks = [t for t in tokenize(text) if not t.punct]
        for k, t in enumerate(toks[:-1]):
            # "its lawyer", "its performance director": lower-case words may stand before the title
            starts = [j for j in range(k + 1, min(k + 4, len(toks))) if all(not x.cap for x in toks[k + 1 : j])]
            if t.norm in possessive and any(title_at(toks, j) is not None for j in starts):
                info = rules.pronouns.get(t.norm)
                if info is None:
                    return None
                return self._resolve(position, plural=info.plural, person=info.person, gender=info.gender)
        return None

    def _canonical(self, parsed: ParsedMention, position: int) -> ParsedMention:
        """The mention with the body it means named in full: "the department" -> the Ohio Department of
        Transportation named earlier, "the CAA" -> the Civil Aviation Authority, "Skylark" -> Skylark Air; for
        a person, their organisation so ("Maureen Castell, general secretary of the AHWU")."""
        if parsed.is_person:
            name = parsed.person_name
            if name and _bare_name(parsed):
                body = self.bodies.resolve(name, position)
                if body is not None and not self._known_person(parsed):
                    return self._body_parse(parsed, body.name, body.kind)  # "Bessemer" tagged as a person
            if parsed.organisation:
                speaking = self._speaking_body(parsed.organisation, position)
                if speaking is not None:  # "the group's chair" right after the group spoke
                    return replace(parsed, organisation=speaking.parsed.name, org_kind=parsed.org_kind)
                body = self.bodies.resolve(parsed.organisation, position)
                if body is None and len(parsed.organisation.split()) == 1 and parsed.title:
                    body = self.bodies.portfolio(
                        f"{parsed.organisation} {parsed.title}", position
                    )  # "Transport minister"
                if body is not None:
                    self.bodies.note(body.name, position)
                    return replace(parsed, organisation=body.name, org_kind=parsed.org_kind or body.kind)
            elif (
                parsed.title
                and not parsed.actor
                and not parsed.party
                and represents(parsed.title)
                and not place_words(" ".join(parsed.title.split()[:-1]), self.resolver)
            ):
                body = self.bodies.portfolio(parsed.title, position)  # "Health minister X"
                if body is not None:
                    return replace(parsed, organisation=body.name, org_kind=parsed.org_kind or body.kind)
            return parsed
        if parsed.kind in ("body", "other"):
            body = self.bodies.resolve(parsed.name, position, indefinite=parsed.definite is False)
            if body is not None:
                self.bodies.note(body.name, position)
                return self._body_parse(parsed, body.name, body.kind)
        return parsed

    def _note_owner(self, name: str, mention_text: str) -> None:
        """Remember the intergovernmental organisation an appositive gives a body ("UNIFIL, the UN
        peacekeeping force in southern Lebanon": UNIFIL belongs to the United Nations)."""
        parts = [p.strip() for p in mention_text.split(",")[1:] if p.strip()]
        for part in parts:
            ref = supranational_ref(part)
            if ref is not None and ref.parent is not None:
                self._owners.setdefault(norm_key(name), ref.parent)
                return

    def _owned(self, side: ActorRef | None) -> ActorRef | None:
        """``side`` under the owner an appositive gave it (``_note_owner``), when it has no parent yet; a
        person of the body ("UNIFIL spokesman X") is the body's."""
        if side is None or side.parent is not None:
            return side
        owner = self._owners.get(norm_key(side.name))
        return replace(side, parent=owner) if owner is not None else side

    def _speaking_body(self, organisation: str, position: int) -> _Speaker | None:
        """The body that spoke last before ``position``, when a person's organisation is a generic noun of
        its kind ("the group's chair" after "Ashcombe Patients Voice said"): a named body whose name has
        the noun, or whose kind is the noun's or unknown, and the latest speaker of all bodies (a group
        "the group" may mean). None when the most recent body speaker does not fit, or for a name."""
        generic = generic_reference(organisation)
        if generic is None:
            return None
        head, modifiers = generic
        if modifiers:
            return None
        kind = load_affiliation_rules().kind_words.get(head)
        for _, sp in self._recent(position):
            p = sp.parsed
            if p.kind not in ("body", "group") or p.is_person or not _proper(p.name):
                continue
            words = {singular(t.norm) for t in tokenize(p.name) if not t.punct}
            if head in words:
                return sp
            if self.bodies.named_with(head, position):
                return None  # "Board chair X" after a parents' group spoke: the board the document named
            own = as_kind(p.org_kind) or self.bodies.kind_of(p.name)
            if (kind is not None and own == kind) or (own is None and kind == "organisation"):
                return sp
            return None  # only the body that spoke last
        return None

    def _body_parse(self, parsed: ParsedMention, name: str, kind: str | None) -> ParsedMention:
        full = self._parse(name, "ORG")
        if full.kind not in ("body", "place"):
            # one body the document named, though its name has an "and" ("Ashcombe and Dale NHS Trust")
            full = replace(
                full, kind="body", organisation=name, is_person=False, is_plural=False, person_name=None, title=None
            )
        return replace(full, text=parsed.text, definite=parsed.definite, org_kind=full.org_kind or kind)

    def _surname_of_named_person(self, text: str) -> bool:
        """Whether ``text`` is one capitalised word (not an acronym, not a country mark) that is the surname
        of exactly one person the document has named in full so far."""
        toks = [t for t in tokenize(text) if not t.punct]
        if len(toks) != 1 or not toks[0].cap or toks[0].upper or self.resolver.marks(text):
            return False
        word = toks[0].norm
        full = {
            norm_key(sp.parsed.person_name or "")
            for sp in self._speakers
            if _full_person(sp.parsed)
            and (parts := _name_parts(sp.parsed.person_name or "")) is not None
            and parts.surname == word
        }
        return len(full) == 1

    def _known_person(self, parsed: ParsedMention) -> bool:
        """Whether a person named in full (two words or more) could be this mention."""
        return any(
            _full_person(sp.parsed) and same_speaker(sp.parsed, parsed, resolver=self.resolver) for sp in self._speakers
        )

    def _personal_office(self, text: str, position: int) -> _Speaker | None:
        """The person whose office, staff or team a mention names ("Ms. Ellison's office": Margaret
        Ellison's side; ``personal_bodies`` in ``claims/data/affiliations.json``)."""
        toks = [t for t in tokenize(text) if not t.punct]
        k = next((i for i, t in enumerate(toks) if t.possessive), None)
        personal = load_affiliation_rules().personal_bodies
        if k is None or k + 2 != len(toks) or toks[-1].norm not in personal:
            return None
        return self._person_owner(text[toks[0].start : toks[k].end], position)

    def _person_owner(self, organisation: str, position: int) -> _Speaker | None:
        """The earlier named person an organisation slot names ("Pike" in "Mr Pike's barrister")."""
        as_person = self._parse(organisation, "PERSON")
        if not as_person.person_name:
            return None
        for _, sp in self._recent(position):
            if _full_person(sp.parsed) and same_speaker(sp.parsed, as_person, resolver=self.resolver):
                return sp
        return None

    def _note(self, sp: _Speaker, position: int, text: str) -> None:
        sp.positions.append(position)
        sp.texts.append(text)

    def _new(self, parsed: ParsedMention, position: int, text: str) -> _Speaker:
        base = _slug(parsed.name)
        key, n = base, 2
        while key in self._keys:
            key, n = f"{base}-{n}", n + 1
        self._keys.add(key)
        sp = _Speaker(key, parsed, [position], [text])
        self._speakers.append(sp)
        return sp

    def _recent(self, position: int) -> list[tuple[int, _Speaker]]:
        """Speakers with a mention before ``position``, most recent first (ties: later added first)."""
        out = []
        for idx, sp in enumerate(self._speakers):
            before = [p for p in sp.positions if p < position]
            if before:
                out.append((max(before), idx, sp))
        out.sort(key=lambda x: (x[0], x[1]), reverse=True)
        return [(p, sp) for p, _, sp in out]

    def _find(self, parsed: ParsedMention, position: int) -> _Speaker | None:
        anonymous = not parsed.person_name and parsed.kind in ("person", "group", "other")
        if anonymous and parsed.definite is False:
            return None  # "a senior official", "another diplomat": a new speaker
        ordered = self._recent(position + 1) or []
        seen = {id(sp) for _, sp in ordered}
        ordered += [(0, sp) for sp in self._speakers if id(sp) not in seen]
        for _, sp in ordered:
            if parsed.person_name and not sp.parsed.person_name and sp.parsed.is_person:
                continue  # a named person is not merged into an earlier unnamed one
            if same_speaker(sp.parsed, parsed, resolver=self.resolver):
                return sp
        return None

    def _resolve(self, position: int, *, plural: bool, person: bool | None, gender: str | None) -> _Speaker | None:
        for _, sp in self._recent(position):
            p = sp.parsed
            organisational = p.kind in ("body", "place")
            if person is True:
                ok = p.is_person and p.is_plural == plural
            elif person is False:
                ok = (organisational and (plural or not p.is_plural)) or (plural and p.is_plural and not p.is_person)
            else:
                ok = (p.is_plural or organisational) if plural else not p.is_plural
            if ok and gender and p.gender and p.gender != gender:
                ok = False
            if ok:
                return sp
        return None

    def _resolve_org(self, position: int) -> _Speaker | None:
        for _, sp in self._recent(position):
            if sp.parsed.kind in ("body", "place"):
                return sp
        return None
