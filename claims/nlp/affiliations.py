"""The side a speaker stands for: an :class:`~claims.types.ActorRef` with a kind and a parent.

Plain strings and parsed mentions in, plain data out. The rules (``claims/data/affiliations.json``):

* the organisation the text says a speaker speaks for is the side ("Dave Prentis, general secretary of
  Unison", "a spokesman for Deutsche Bank", "Unison's Dave Prentis", "Treasury spokeswoman Ana Ruiz");
  a party word before a named person makes the person the side with their party as its parent
  ("Conservative Graham Brady" -> Graham Brady, parent Conservative Party; the dispute sides keep the
  person, :mod:`claims.analysis.sides`); an unnamed one stands for the party ("a Republican senator");
* the kind of an organisation comes from a descriptor the text gives it ("oil firm Yukos", "Unison, the
  public sector union"), else from the words of its name ("... Ltd", "... Party", "Ministry of ..."), else
  from the NER label; government metonyms ("the Kremlin") are government bodies;
* only government bodies and officials belong to a country (their parent): "Russian Foreign Ministry" ->
  parent Russia, "Russian Foreign Minister X" -> Russia itself. A nationality word does not make a company,
  a union, a party, a campaign, an NGO or a person speak for a country ("Russian oil firm Yukos" is Yukos);
  a state-run body does ("the state utility");
* people with own-voice titles (legislators, candidates, experts, lawyers, witnesses ...) and people with no
  affiliation in the text speak for themselves (kind "person");
* a body named only by generic words ("the ministry") is a side only when a country owns it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from claims.nlp.actors import FUNCTION_WORDS, ActorResolver, Tok, default_resolver, norm_key, phrase_key, tokenize
from claims.nlp.rules import load_affiliation_rules, load_supranational_rules, load_title_rules
from claims.types import ACTOR_KINDS, ActorKind, ActorRef

if TYPE_CHECKING:
    from claims.nlp.parsed_mention import ParsedMention


def as_kind(value: str | None) -> ActorKind | None:
    """``value`` when it is an actor kind ("union"), else None."""
    value = (value or "").strip().lower()
    return cast(ActorKind, value) if value in ACTOR_KINDS else None


def _best(kinds: Iterable[str]) -> ActorKind | None:
    found = set(kinds)
    priority = load_affiliation_rules().kind_priority
    return next((cast(ActorKind, k) for k in priority if k in found), None)


def _word_kinds(norms: list[str]) -> list[str]:
    words = load_affiliation_rules().kind_words
    out = [words[w] for w in norms if w in words]
    out += [words[f"{a} {b}"] for a, b in zip(norms, norms[1:], strict=False) if f"{a} {b}" in words]
    return out


def descriptor_kind(text: str) -> ActorKind | None:
    """The kind a descriptor gives a body ("oil firm" -> company, "the public sector union" -> union,
    "the state utility" -> government), or None. Only its lower-case words count."""
    rules = load_affiliation_rules()
    norms = [t.norm for t in tokenize(text) if not t.punct and not t.cap]
    if any(w in rules.state_words for w in norms):
        return "government"
    return _best(_word_kinds(norms))


@lru_cache(maxsize=8192)
def name_kind(name: str, *, ent_label: str | None = None) -> ActorKind | None:
    """The kind an organisation's name says ("Unite the Union" -> union, "Acme Ltd" -> company,
    "Democratic National Committee" -> party, "Kremlin" -> government, "Russia" -> country), or None."""
    resolver = default_resolver()
    if resolver.country_from_name(name) or resolver.country_from_capital(name):
        return "country"
    if resolver.country_from_institution(name):
        return "government"
    rules = load_affiliation_rules()
    toks = [t for t in tokenize(name) if not t.punct]
    norms = [t.norm for t in toks]
    kinds = _word_kinds(norms)
    if any(t.cap and t.norm in rules.party_words for t in toks) and "party" not in kinds:
        kinds.append("party")
    kind = _best(kinds)
    if kind is None and (ent_label or "").upper() == "NORP":
        return "group"
    return kind


def party_name(word: str) -> str:
    """The party a party word names ("Conservative" -> "Conservative Party", "Democrats" -> "Democratic
    Party", "Labour" -> "Labour Party")."""
    rules = load_affiliation_rules()
    words = word.split()
    last = words[-1]
    low = last.lower()
    for ending in sorted(rules.party_word_forms, key=len, reverse=True):
        if low.endswith(ending):
            last = last[: len(last) - len(ending)] + rules.party_word_forms[ending]
            break
    words[-1] = last[:1].upper() + last[1:]
    return " ".join(w[:1].upper() + w[1:] for w in words) + f" {rules.party_name_suffix}"


def is_party_word(text: str) -> bool:
    return norm_key(text) in load_affiliation_rules().party_words


def is_generic(name: str) -> bool:
    """A body named only by generic words, written as a common noun ("the ministry", "Government", "the
    foreign ministry"); "Department of Health" (two capitalised words) is a name."""
    generic = load_affiliation_rules().generic_words
    words = [t for t in tokenize(name) if not t.punct]
    capitalised = [t for t in words if t.cap and t.norm not in FUNCTION_WORDS]
    return all(t.norm in generic for t in words) and len(capitalised) < 2


def own_voice(title: str | None) -> bool:
    """A title whose holder speaks for themself (or their organisation), not their country."""
    if not title:
        return False
    rules = load_affiliation_rules()
    key = norm_key(title)
    words = key.split()
    return key in rules.own_voice_titles or any(
        " ".join(words[i:]) in rules.own_voice_titles for i in range(1, len(words))
    )


def office_title(text: str) -> tuple[str | None, str] | None:
    """For words that end in an office title (``office_titles``: "Sheriff", "County Prosecutor", "Harlan
    County Sheriff", "district attorney"), the place the words name before it when they do ("Harlan
    County": capitalised words ending in an ``office_jurisdictions`` word) and the title as the office is
    named ("Sheriff", "District Attorney"); None for other words."""
    rules = load_affiliation_rules()
    words = [t for t in tokenize(text) if not t.punct]
    for n in (3, 2, 1):
        if len(words) < n or " ".join(t.norm for t in words[-n:]) not in rules.office_titles:
            continue
        office = " ".join(t.text[:1].upper() + t.text[1:] for t in words[-n:])
        before = words[:-n]
        place = None
        if before and before[-1].cap and before[-1].norm in rules.office_jurisdictions:
            k = j = len(before) - 1
            while j > 0 and before[j - 1].cap and before[j - 1].norm not in FUNCTION_WORDS:
                j -= 1
            if j < k:
                place = text[before[j].start : before[k].end]
        return place, office
    return None


def local_jurisdiction(text: str) -> str | None:
    """The first place the text names with an ``office_jurisdictions`` word ("Brantley County"): the place
    an office the text names only by its title serves ("County Prosecutor X", "the sheriff's office")."""
    for m in _jurisdiction_re().finditer(text):
        words = m.group(1).split()
        while words and re.search(rf"(?<![\w’'-]){re.escape(words[0].lower())}(?![\w’'-])", text):
            words = words[1:]  # "In Brantley County", "The County": a word the text also writes in lower case
        if words:
            return " ".join([*words, m.group(2)])
    return None


@lru_cache(maxsize=1)
def _jurisdiction_re() -> re.Pattern[str]:
    ends = sorted(load_affiliation_rules().office_jurisdictions, key=len, reverse=True)
    alternatives = "|".join(re.escape(w[:1].upper() + w[1:]) for w in ends) or "(?!)"
    return re.compile(rf"((?:[A-Z][a-z][\w.'’-]* ){{1,2}})({alternatives})\b")


@lru_cache(maxsize=1)
def _title_keys() -> frozenset[tuple[str, ...]]:
    """The titles of ``claims/data/titles.json`` as word tuples (as :mod:`claims.nlp.mentions` matches them)."""
    return frozenset(phrase_key(t) for t in load_title_rules().titles)


def represents(title: str | None) -> bool:
    """Whether a person with this title speaks for the organisation the text names: any known title
    (``claims/data/titles.json``: "spokesman", "chief executive", "head coach") or none ("Unison's Dave
    Prentis"); a role that is no title ("Ashbourne Athletic striker X", "Acme engineer Y") and an independent
    title (``independent_titles``: "a political scientist at X", "a consultant with Y") do not."""
    if not title:
        return True
    words = phrase_key(title)  # as the titles are keyed: "Secretary-General" is ("secretary", "general")
    independent = load_affiliation_rules().independent_titles
    if any(" ".join(words[i:]) in independent for i in range(len(words))):
        return False  # "a political scientist at Halden State University" speaks for herself
    titles = _title_keys()
    return any(words[i:] in titles or words[i:-1] + (words[-1].rstrip("s"),) in titles for i in range(len(words)))


def _country(name: str | None, resolver: ActorResolver) -> ActorRef | None:
    if not name:
        return None
    country = resolver.country_from_name(name)
    return ActorRef(country, "country") if country else None


def organisation_ref(
    name: str,
    *,
    kind: ActorKind | None = None,
    country: str | None = None,
    ent_label: str | None = None,
    resolver: ActorResolver | None = None,
    home: str | None = None,
) -> ActorRef | None:
    """The actor for an organisation: its kind (given, else from its name, else "organisation"); a
    government body belongs to its country (``country``, else the country its name marks, else ``home``:
    the country the story is datelined in, whose "Foreign Ministry" needs no country word; a body named only
    by generic words is then that country: "the government"). None for a body named only by generic words
    that no country owns."""
    resolver = resolver or default_resolver()
    name = _without_descriptor(name)
    bare = " ".join(t.text for t in _words_after_article(name))
    if is_party_word(bare):
        return ActorRef(party_name(bare), "party")  # "the Social Democrats’ leader": the Social Democratic Party
    # a country the mention marks owns its body ("Russia's Security Council"); else the UN's or the EU's
    international = supranational_ref(name) if country is None and resolver.resolve(name) is None else None
    if international is not None:
        return international  # the UN's or the EU's, not the dateline country's
    kind = kind or name_kind(name, ent_label=ent_label) or "organisation"
    if kind == "country":
        return _country(name, resolver) or ActorRef(name, "country")
    parent = None
    if kind == "government":
        parent = _country(country, resolver) or _country(resolver.resolve(name), resolver) or _leading_country(name)
        if parent is None and home:
            parent = _country(home, resolver)
            if parent is not None and is_generic(name):
                return parent
    if parent is None and (is_generic(name) or not any(t.cap for t in tokenize(name))):
        return None  # "the ministry", "law at the university": no particular body
    return ActorRef(name, kind, parent)


def _words_after_article(name: str) -> list[Tok]:
    """The words of ``name`` (no punctuation) after a leading "the", "a" or "an"."""
    words = [t for t in tokenize(name) if not t.punct]
    while words and words[0].norm in ("the", "a", "an"):
        words = words[1:]
    return words


def _without_descriptor(name: str) -> str:
    """An organisation's name without the lower-case words written before it ("opposition Reform Party" ->
    "Reform Party", "the ruling Unity Party" -> "Unity Party"); other names as they are."""
    words = _words_after_article(name)
    first = next((k for k, t in enumerate(words) if t.cap), None)
    if not first or any(not t.cap and t.norm not in FUNCTION_WORDS for t in words[first:]):
        return name
    if any(t.norm in FUNCTION_WORDS or t.possessive for t in words[:first]):
        return name  # "law at the University": no descriptor
    place = words[first - 1]
    if place.norm in load_affiliation_rules().jurisdiction_words and name_kind(name[words[first].start :]) == "party":
        return name[place.start :]  # "the county Democratic Party": the county's party, not the national one
    return name[words[first].start :]


def _leading_country(name: str) -> ActorRef | None:
    """The country whose name opens a government body's name ("United Kingdom Maritime Trade Operations
    agency"; the country mark rules ignore a country name before another capitalised word, which is right
    for "Washington Post" but not for a state agency)."""
    words = [t for t in tokenize(name) if not t.punct]
    while words and words[0].norm in FUNCTION_WORDS:
        words = words[1:]
    for n in (3, 2, 1):
        if len(words) > n and all(t.cap for t in words[:n]):
            country = default_resolver().country_from_name(name[words[0].start : words[n - 1].end])
            if country:
                return ActorRef(country, "country")
    return None


@lru_cache(maxsize=1)
def _supranational_keys() -> tuple[dict[tuple[str, ...], str], dict[tuple[str, ...], str]]:
    rules = load_supranational_rules()
    names = {tuple(t.text for t in tokenize(n) if not t.punct): org for n, org in rules.names.items()}
    return names, {phrase_key(b): org for b, org in rules.bodies.items()}


@lru_cache(maxsize=8192)
def supranational_ref(name: str) -> ActorRef | None:
    """The side of an intergovernmental organisation or one of its bodies (``claims/data/supranational.json``):
    "the UN" -> United Nations; "the UN Security Council", "U.N. refugee agency", "European Commission" ->
    the body, kind organisation, parent the organisation (never a country). None for other names."""
    words = _words_after_article(name)
    if not words:
        return None
    names, bodies = _supranational_keys()
    body = name[words[0].start : words[-1].end]
    owner = bodies.get(tuple(t.norm for t in words))
    if owner is not None:
        return ActorRef(body, "organisation", ActorRef(owner, "organisation"))
    texts = tuple(t.text for t in words)
    for n in range(len(texts), 0, -1):
        owner = names.get(texts[:n])
        if owner is None:
            continue
        if n == len(texts):
            return ActorRef(owner, "organisation")
        return ActorRef(body, "organisation", ActorRef(owner, "organisation"))  # "<UN> <body words>"
    return None


def alias_ref(name: str, resolver: ActorResolver | None = None) -> ActorRef:
    """The actor a user alias names (its kind read from the name; the database knows better)."""
    resolver = resolver or default_resolver()
    country = _country(name, resolver)
    return country or ActorRef(name, name_kind(name) or "organisation")


def side_for(
    parsed: ParsedMention,
    *,
    org_kind: ActorKind | None = None,
    resolver: ActorResolver | None = None,
    home: str | None = None,
) -> ActorRef | None:
    """The most specific side the text supports for one (merged) parsed mention; see the module doc.

    ``org_kind`` is the kind the document's descriptors gave the speaker's organisation; ``home`` the
    country of the story's dateline (:func:`organisation_ref`).
    """
    resolver = resolver or default_resolver()
    if parsed.is_pronoun or parsed.is_document:
        return None
    if parsed.kind == "place":
        return _country(parsed.actor, resolver) or supranational_ref(parsed.name)
    org = parsed.organisation if represents(parsed.title) else None
    kind = org_kind or as_kind(parsed.org_kind)
    if org:
        ref = organisation_ref(org, kind=kind, country=parsed.actor, resolver=resolver, home=home)
        if ref is not None and (ref.kind != "government" or not parsed.party):
            return ref
    if parsed.party:
        party = ActorRef(parsed.party, "party")
        return ActorRef(parsed.person_name, "person", party) if parsed.person_name else party
    if parsed.kind == "group":
        if is_party_word(parsed.name):
            return ActorRef(party_name(parsed.name), "party")
        if parsed.actor and not own_voice(parsed.title) and not _non_state_group(parsed):
            return _country(parsed.actor, resolver)
        international = supranational_ref(parsed.name)  # "UN officials", "EU diplomats"
        if international is not None:
            return international
        if any(t.cap for t in tokenize(parsed.name)) and not is_generic(parsed.name):
            return ActorRef(parsed.name, "group")
        return None
    role = parsed.title is not None and parsed.person_name is not None and not represents(parsed.title)
    if parsed.actor and not own_voice(parsed.title) and not role:
        # an official of a country ("Russian Foreign Minister X"); a nationality before a role that is no
        # title describes the person ("Russian engineer X" speaks for himself)
        return _country(parsed.actor, resolver)
    international = supranational_ref(parsed.title) if parsed.title and represents(parsed.title) else None
    if international is not None:  # "EU foreign policy chief X": the organisation the title names
        return international.chain()[-1]
    if parsed.person_name:
        return ActorRef(parsed.person_name, "person")
    if parsed.is_person and parsed.definite is False and not parsed.is_plural and own_voice(parsed.title):
        # "a nurse", "one business owner": an unnamed person who speaks for themself, as the text calls them
        written = " ".join(parsed.text.split())
        return ActorRef(written[:1].lower() + written[1:], "person")
    return None


def _non_state_group(parsed: ParsedMention) -> bool:
    from claims.nlp.rules import load_institution_rules

    words = load_institution_rules().non_state_words
    return any(t.norm in words for t in tokenize(parsed.name))
