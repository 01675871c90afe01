"""parse_mention, same_speaker and SpeakerRegistry on hand-built mentions."""

from __future__ import annotations

import pytest

from claims.nlp.actors import ActorResolver
from claims.nlp.mentions import parse_mention
from claims.nlp.speakers import SpeakerRegistry, same_speaker
from claims.types import SpeakerRef

# ------------------------------------------------------------------------------------ parse_mention


def test_spokesman_with_name() -> None:
    p = parse_mention("White House spokesman Josh Earnest")
    expected = ("Josh Earnest", "White House", "spokesman", "United States")
    assert (p.name, p.organisation, p.title, p.actor) == expected
    assert p.is_person and not p.is_pronoun and p.kind == "person"
    assert p.gender == "m"


def test_minister_with_country_adjective() -> None:
    p = parse_mention("Russian Foreign Minister Sergey Lavrov")
    assert (p.name, p.organisation, p.title, p.actor) == ("Sergey Lavrov", None, "Foreign Minister", "Russia")
    assert p.person_name == "Sergey Lavrov"


@pytest.mark.parametrize(
    ("mention", "name", "org", "title", "actor"),
    [
        ("US Secretary of State John Kerry", "John Kerry", None, "Secretary of State", "United States"),
        ("German Chancellor Angela Merkel", "Angela Merkel", None, "Chancellor", "Germany"),
        ("Republican nominee Donald Trump", "Donald Trump", None, "Republican nominee", None),
        ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", "Kremlin", "spokesman", "Russia"),
        (
            "a senior State Department official",
            "State Department official",
            "State Department",
            "official",
            "United States",
        ),
        (
            "a spokesman for the Democratic National Committee",
            "a spokesman for the Democratic National Committee",  # the speaker as the source span says it
            "Democratic National Committee",
            "spokesman",
            None,
        ),
        (
            "Josh Earnest, the White House press secretary",
            "Josh Earnest",
            "White House",
            "press secretary",
            "United States",
        ),
        ("Sergey Lavrov, Russia's foreign minister", "Sergey Lavrov", None, "foreign minister", "Russia"),
        ("Russia's foreign minister Sergey Lavrov", "Sergey Lavrov", None, "foreign minister", "Russia"),
        ("Sen. Ted Cruz (R-Texas)", "Ted Cruz", None, "Senator", None),
        ("Mr. Trump", "Trump", None, None, None),
        ("Donald Trump", "Donald Trump", None, None, None),
        ("Trump's campaign manager Kellyanne Conway", "Kellyanne Conway", "Trump", "campaign manager", None),
        ("the Kremlin", "Kremlin", "Kremlin", None, "Russia"),
        ("the Russian Foreign Ministry", "Russian Foreign Ministry", "Russian Foreign Ministry", None, "Russia"),
        ("the Russian foreign ministry", "Russian Foreign Ministry", "Russian Foreign Ministry", None, "Russia"),
        ("Clinton's campaign", "Clinton campaign", "Clinton campaign", None, None),
        ("the Clinton campaign", "Clinton campaign", "Clinton campaign", None, None),
        ("Moscow", "Moscow", None, None, "Russia"),
        ("the US", "US", None, None, "United States"),
        ("the Americans", "Americans", None, None, "United States"),
        ("Washington Post", "Washington Post", "Washington Post", None, None),
    ],
)
def test_parse_table(mention: str, name: str, org: str | None, title: str | None, actor: str | None) -> None:
    p = parse_mention(mention)
    assert (p.name, p.organisation, p.title, p.actor) == (name, org, title, actor)


@pytest.mark.parametrize(
    ("mention", "kind", "is_person", "plural"),
    [
        ("Lavrov", "person", True, False),
        ("the Kremlin", "body", False, False),
        ("Moscow", "place", False, False),
        ("the Americans", "group", False, True),
        ("US officials", "group", True, True),
        ("Republicans", "group", False, True),
        ("Washington Post", "body", False, False),
        ("CNN", "body", False, False),
        ("the minister", "person", True, False),
        ("Russia and the US", "group", False, True),
        ("Bashar al-Assad", "person", True, False),
    ],
)
def test_kinds(mention: str, kind: str, is_person: bool, plural: bool) -> None:
    p = parse_mention(mention)
    assert (p.kind, p.is_person, p.is_plural) == (kind, is_person, plural)


def test_pronouns() -> None:
    he = parse_mention("he")
    assert he.is_pronoun and he.is_person and he.gender == "m" and not he.is_plural
    they = parse_mention("They")
    assert they.is_pronoun and they.is_plural and not they.is_person
    it = parse_mention("it")
    assert it.is_pronoun and not it.is_person


def test_documents() -> None:
    p = parse_mention("the statement")
    assert p.is_document and p.organisation is None and p.actor is None and p.definite
    assert parse_mention("the statements").is_document and parse_mention("the statements").is_plural
    for mention in ("a Kremlin statement", "a statement from the Kremlin", "the Kremlin's statement"):
        d = parse_mention(mention)
        assert d.is_document and d.organisation == "Kremlin" and d.actor == "Russia", mention
    d = parse_mention("a statement by the Russian Foreign Ministry")
    assert d.organisation == "Russian Foreign Ministry" and d.actor == "Russia"
    assert not parse_mention("the Washington Post").is_document  # capitalised: a name, not a document


def test_determiners_and_definiteness() -> None:
    assert parse_mention("the spokesman").definite is True
    assert parse_mention("a spokesman").definite is False
    assert parse_mention("another official").definite is False
    assert parse_mention("several diplomats").is_plural


def test_person_label_and_org_label() -> None:
    assert parse_mention("Hezbollah", ent_label="ORG").kind == "body"
    assert parse_mention("Jordan", ent_label="PERSON").kind == "person"
    assert parse_mention("Jordan", ent_label="PERSON").actor is None
    assert parse_mention("Jordan").actor == "Jordan"


def test_name_with_title_word_surname() -> None:
    p = parse_mention("Steve King")
    assert p.person_name == "Steve King" and p.title is None
    p = parse_mention("Rep. Steve King")
    assert p.person_name == "Steve King" and p.title == "Representative"


# ------------------------------------------------------------------------------------- same_speaker


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Lavrov", "Sergey Lavrov", True),
        ("Lavrov", "Russian Foreign Minister Sergey Lavrov", True),
        ("Sergey Lavrov", "Russian Foreign Minister Sergey Lavrov", True),
        ("Sergei Lavrov", "Sergey Lavrov", True),  # transliteration variant
        ("Mr. Trump", "Donald Trump", True),
        ("Donald Trump", "Donald J. Trump", True),
        ("Clinton", "Hillary Clinton", True),
        ("Bill Clinton", "Hillary Clinton", False),  # both first names, different
        ("Mrs. Clinton", "Mr. Clinton", False),
        ("Donald Trump Jr.", "Donald Trump", False),
        ("George W. Bush", "George H. W. Bush", False),
        ("Assad", "Bashar al-Assad", True),
        ("al-Assad", "Bashar al-Assad", True),
        ("the ministry", "the Russian Foreign Ministry", True),
        ("Russia's Foreign Ministry", "the Russian Foreign Ministry", True),
        ("the Russian Defence Ministry", "the Russian Foreign Ministry", False),
        ("the Clinton campaign", "Clinton's campaign", True),
        ("the Clinton campaign", "the Trump campaign", False),
        ("DNC", "the Democratic National Committee", True),
        ("the foreign minister", "Russian Foreign Minister Sergey Lavrov", True),
        ("the secretary", "US Secretary of State John Kerry", True),
        ("the minister", "US Secretary of State John Kerry", False),
        ("the spokeswoman", "White House spokesman Josh Earnest", False),
        ("the Kremlin spokesman", "White House spokesman Josh Earnest", False),
        ("Moscow", "the Kremlin", False),
        ("Clinton", "the Clinton campaign", False),
        ("US officials", "officials", True),
        ("officials", "a US official", False),
        ("the statement", "the Kremlin", False),
        ("he", "Donald Trump", False),
    ],
)
def test_same_speaker(a: str, b: str, same: bool) -> None:
    pa, pb = parse_mention(a), parse_mention(b)
    assert same_speaker(pa, pb) is same
    assert same_speaker(pb, pa) is same  # symmetric


# --------------------------------------------------------------------------------------- registry


def test_registry_reuses_and_carries_affiliation() -> None:
    reg = SpeakerRegistry()
    first = reg.add("Russian Foreign Minister Sergey Lavrov", position=10)
    assert isinstance(first, SpeakerRef)
    later = reg.add("Lavrov", position=200)
    assert later.key == first.key
    assert (later.name, later.actor) == ("Sergey Lavrov", "Russia")
    kerry = reg.add("US Secretary of State John Kerry", position=300)
    assert kerry.key != first.key and kerry.actor == "United States"


def test_registry_learns_later_affiliation() -> None:
    reg = SpeakerRegistry()
    a = reg.add("Earnest", position=5)
    assert a.side is not None and (a.side.name, a.side.kind) == ("Earnest", "person")  # nothing else known yet
    b = reg.add("White House spokesman Josh Earnest", position=50)
    assert b.key == a.key
    assert (b.name, b.organisation, b.actor) == ("Josh Earnest", "White House", "White House")
    assert b.side is not None and b.side.names() == ("White House", "United States")
    assert reg.get(a.key) == b


def test_registry_keys_are_stable_and_distinct() -> None:
    reg = SpeakerRegistry()
    bill = reg.add("Bill Clinton", position=1)
    hillary = reg.add("Hillary Clinton", position=2)
    assert bill.key != hillary.key
    assert reg.add("Hillary Clinton", position=3).key == hillary.key
    assert [s.key for s in reg.speakers()] == [bill.key, hillary.key]


def test_registry_indefinite_unnamed_mentions_are_new_speakers() -> None:
    reg = SpeakerRegistry()
    a = reg.add("a senior State Department official", position=1)
    b = reg.add("another senior State Department official", position=2)
    c = reg.add("the official", position=3)
    assert a.key != b.key
    assert c.key == b.key  # the most recent compatible one


def test_registry_pronouns() -> None:
    reg = SpeakerRegistry()
    reg.add("Russian Foreign Minister Sergey Lavrov", position=10)
    ministry = reg.add("the Russian Foreign Ministry", position=40)
    zakharova = reg.add("Foreign Ministry spokeswoman Maria Zakharova", position=60)  # gender from the title
    he = reg.add("he", position=80)
    assert he.is_pronoun and he.name == "Sergey Lavrov" and he.actor == "Russia"
    she = reg.resolve_pronoun(90, plural=False, person=True, gender="f")
    assert she is not None and she.key == zakharova.key
    assert reg.resolve_pronoun(70, plural=False, person=True).key == zakharova.key  # no gender: most recent
    it = reg.add("it", position=100)
    assert it.key == ministry.key and it.is_pronoun
    they = reg.resolve_pronoun(100, plural=True, person=None)
    assert they is not None and they.key == ministry.key
    assert reg.resolve_pronoun(5, plural=False, person=True) is None  # nothing before position 5
    lone = SpeakerRegistry().add("she", position=3)
    assert lone.is_pronoun and lone.key.startswith("unresolved")


def test_registry_pronoun_respects_position() -> None:
    reg = SpeakerRegistry()
    a = reg.add("Donald Trump", position=10)
    b = reg.add("Mike Pence", position=50)
    assert reg.resolve_pronoun(40, plural=False, person=True).key == a.key
    assert reg.resolve_pronoun(60, plural=False, person=True).key == b.key


def test_registry_documents_resolve_to_organisation() -> None:
    reg = SpeakerRegistry()
    ministry = reg.add("the Russian Foreign Ministry", position=10)
    reg.add("Sergey Lavrov", position=20)
    statement = reg.add("the statement", position=30)
    assert statement.key == ministry.key and not statement.is_pronoun
    kremlin = reg.add("a statement from the Kremlin", position=40)
    assert kremlin.name == "Kremlin" and kremlin.side is not None and kremlin.side.names() == ("Kremlin", "Russia")
    assert reg.add("the Kremlin", position=50).key == kremlin.key
    assert reg.resolve_document(45).key == kremlin.key


def test_registry_body_head_match() -> None:
    reg = SpeakerRegistry()
    a = reg.add("the Russian Foreign Ministry", position=1)
    assert reg.add("the ministry", position=2).key == a.key
    assert reg.add("the Russian Defence Ministry", position=3).key != a.key


def test_registry_alias_on_canonical_name() -> None:
    resolver = ActorResolver(aliases={"Sergey Lavrov": "Moscow side"})
    reg = SpeakerRegistry(resolver)
    reg.add("Russian Foreign Minister Sergey Lavrov", position=1)
    assert reg.add("Lavrov", position=2).actor == "Moscow side"


def test_a_spokesperson_for_a_body_keeps_the_words_of_the_source() -> None:
    for text, name in (
        ("according to a spokeswoman for Hexlon Energy", "a spokeswoman for Hexlon Energy"),
        ('"a spokesman for the Marlow Port Authority"', "a spokesman for the Marlow Port Authority"),
    ):
        parsed = parse_mention(text)
        assert parsed.name == name and parsed.organisation is not None, parsed


def test_a_documents_author_named_with_by_is_the_speaker() -> None:
    p = parse_mention("a tally by the union’s officials")
    assert (p.name, p.organisation, p.is_person, p.is_plural) == ("officials", "union", True, True)
    p = parse_mention("A report by Jane Marlow")
    assert p.person_name == "Jane Marlow"
    # a body as author stays a document of that body
    p = parse_mention("a statement by the ministry")
    assert p.is_document and p.organisation == "ministry"
    # "by" after a noun that is no document names no author
    assert parse_mention("a man hit by the car").name != "car"
