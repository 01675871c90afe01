"""A source mention split into its parts: the plain record :mod:`claims.nlp.mentions` produces and
:mod:`claims.nlp.speakers` and :mod:`claims.nlp.affiliations` read (conventions in ``claims.nlp.mentions``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ParsedMention:
    """A source mention split into its parts (see the module doc for the conventions)."""

    text: str
    name: str
    organisation: str | None = None
    title: str | None = None
    actor: str | None = None
    kind: str = "other"
    is_pronoun: bool = False
    is_person: bool = False
    is_document: bool = False
    is_plural: bool = False
    definite: bool | None = None  # "the ..." True, "a/an/another ..." False, else None
    gender: str | None = None  # "m" / "f" from honorifics, gendered titles or pronouns
    person_name: str | None = None  # the personal name when the mention has one
    head: str | None = None  # lowercase singular head noun of a body, group or unnamed titled person
    party: str | None = None  # the party a party word before the name gives ("Conservative X" -> "Conservative Party")
    org_kind: str | None = None  # the organisation's kind a descriptor gives ("oil firm Yukos" -> "company")
