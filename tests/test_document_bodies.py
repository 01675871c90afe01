"""The organisations one document names: acronyms, short forms and back-references resolve to them, people
speak for the body the document ties them to (hand-written sentences and mentions)."""

from __future__ import annotations

import pytest

from claims.nlp.bodies import DocumentBodies, bracketed_acronym, generic_reference
from claims.nlp.speakers import SpeakerRegistry


def sides(*mentions: str, bodies: tuple[tuple[str, int], ...] = ()) -> list[tuple[str, ...] | None]:
    """The side chain of every mention, added in order (positions 100, 200, ...) after ``bodies`` were
    noted as named (not speaking) in the document, then as the whole document leaves them."""
    reg = SpeakerRegistry()
    for name, position in bodies:
        reg.note_body(name, position)
    refs = [reg.add(m, position=100 * (k + 1)) for k, m in enumerate(mentions)]
    finals = [reg.final(r) for r in refs]
    return [r.side.names() if r.side else None for r in finals]


def test_an_acronym_is_the_body_whose_initials_it_writes() -> None:
    out = sides("the Marlow Port Authority", "the MPA")
    assert out[1] == ("Marlow Port Authority",)


def test_function_words_may_count_in_an_acronym() -> None:
    out = sides("Lenton Department of Roads", "LDOR")
    assert out[1] == ("Lenton Department of Roads",)


def test_an_acronym_in_brackets_is_learned() -> None:
    out = sides("The Federated Dock Workers (FDW)", "Ana Pires, general secretary of the FDW")
    assert out[1] == ("Federated Dock Workers",)


def test_a_short_form_is_the_longer_name() -> None:
    out = sides("Corvel Logistics", "a spokeswoman for Corvel")
    assert out[1] == ("Corvel Logistics",)


def test_a_common_noun_refers_back_to_the_body_with_that_word_in_its_name() -> None:
    out = sides("Bram Town Council", "the Regional Department of Water", "the council")
    assert out[2] == ("Bram Town Council",)


def test_a_descriptor_refers_back_to_the_body_of_its_kind() -> None:
    out = sides("the Office of Rail Standards", "Tellis Rail", "the regulator")
    assert out[2] == ("Office of Rail Standards",)


def test_a_body_named_but_not_speaking_is_found_by_a_back_reference() -> None:
    out = sides("the department", bodies=(("the Lenton Department of Roads", 10),))
    assert out[0] == ("Lenton Department of Roads",)


def test_a_headline_noun_is_the_body_named_below_it() -> None:
    out = sides("Union", "The Federated Dock Workers Union")
    assert out[0] == ("Federated Dock Workers Union",)


def test_a_proper_name_with_a_kind_word_is_no_back_reference() -> None:
    assert generic_reference("the Delacroix campaign") is None
    assert generic_reference("its foreign ministry") == ("ministry", ("foreign",))
    assert generic_reference("The company") == ("company", ())


def test_no_body_no_reference() -> None:
    assert DocumentBodies().resolve("the department", 10) is None
    assert sides("the ministry") == [None]


@pytest.mark.parametrize(
    ("text", "acronym"),
    [("The Federated Dock Workers (FDW) said", "FDW"), ("The union (which is large)", None)],
)
def test_bracketed_acronym(text: str, acronym: str | None) -> None:
    assert bracketed_acronym(text) == acronym


def test_a_person_under_a_body_named_by_its_acronym() -> None:
    out = sides("The Corvel Union of Drivers", "Tom Beck, the CUD's head of organising", "Beck")
    assert out[1] == out[2] == ("Corvel Union of Drivers",)


def test_a_name_before_a_title_is_the_body() -> None:
    out = sides("Tellis Rail", "Tellis spokesman Omar Reyes")
    assert out[1] == ("Tellis Rail",)


def test_a_possessive_person_gives_their_representative_their_side() -> None:
    out = sides("Peter Vane", "Mr Vane's solicitor, Ruth Crane KC")
    assert out[1] == ("Peter Vane",)


def test_a_role_that_is_no_title_speaks_for_themself() -> None:
    out = sides("Harlow Rovers defender Jamie Toft")
    assert out[0] == ("Jamie Toft",)


def test_coordinated_titles_are_one_person() -> None:
    out = sides("Harlow Rovers", "Harlow's owner and chairman, Dan Pryce")
    assert out[1] == ("Harlow Rovers",)


def test_a_title_opening_with_a_kind_word_refers_back() -> None:
    out = sides("the Mendes campaign", "campaign spokeswoman Lia Ross")
    assert out[1] == ("Mendes campaign",)


def test_a_dateline_is_not_part_of_the_name() -> None:
    out = sides("DUNMORE — Clara Wynn, the Liberal candidate for mayor")
    assert out[0] == ("Clara Wynn", "Liberal Party")


def test_pronouns_resolve_by_gender() -> None:
    reg = SpeakerRegistry()
    reg.add("Ms. Clara Wynn", position=10)
    reg.add("Senator Paul Obi", position=20)
    reg.add("Ms. Wynn", position=30)
    he = reg.resolve_pronoun_word("He", 40)
    she = reg.resolve_pronoun_word("she", 40)
    assert he is not None and he.name == "Paul Obi"
    assert she is not None and she.name == "Clara Wynn"


def test_the_final_ref_carries_what_later_mentions_said() -> None:
    reg = SpeakerRegistry()
    first = reg.add("Wynn", position=10)
    reg.add("Clara Wynn, the Liberal candidate", position=50)
    assert reg.final(first).name == "Clara Wynn"


def test_an_academic_speaks_for_herself_not_her_university() -> None:
    out = sides("Nora Vale, a historian at Kestrel State University")
    assert out[0] == ("Nora Vale",)


def test_a_ministers_portfolio_names_the_department() -> None:
    out = sides("the Department of Transport and Roads", "Transport minister Ian Marsh")
    assert out[1] is not None and out[1][0] == "Department of Transport and Roads"


def test_a_persons_office_speaks_for_that_person() -> None:
    out = sides("Senator Joan Pratt", "Ms. Pratt's office")
    assert out[1] == ("Joan Pratt",)


def test_a_shorter_name_with_the_same_head_is_the_longer_body() -> None:
    out = sides("Bram council", "the Bram Town Council")
    assert out[0] == ("Bram Town Council",)


def test_a_descriptor_means_the_body_the_story_is_about() -> None:
    bodies = (("Harlow Rovers", 10), ("Harlow Rovers", 20), ("Harlow Rovers", 30), ("Dunley Town", 90))
    out = sides("The club", bodies=bodies)
    assert out[0] == ("Harlow Rovers",)


def test_a_state_run_descriptor_does_not_take_the_salient_ministry() -> None:
    out = sides("the Ministry of Water", "the Ministry of Water", "state utility")
    assert out[2] is None


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Port row deepens\n\nOSLO, June 2 (Wire) - The ministry said", "Norway"),
        ("NAIROBI — Officials said", "Kenya"),
        ("DUNMORE, Ohio — The council said", None),
        ("Union says pay offer is a cut\n\nThe union said", None),
    ],
)
def test_the_dateline_gives_the_home_country(text: str, country: str | None) -> None:
    from claims.nlp.bodies import home_country

    assert home_country(text) == country


def test_a_government_body_without_a_country_word_belongs_to_the_dateline_country() -> None:
    reg = SpeakerRegistry()
    reg.home = "Norway"
    ministry = reg.add("the Foreign Ministry", position=10)
    company = reg.add("Fjord Shipping Ltd", position=20)
    assert ministry.side is not None and ministry.side.names() == ("Foreign Ministry", "Norway")
    assert company.side is not None and company.side.names() == ("Fjord Shipping Ltd",)


def test_a_country_adjective_gives_a_government_body_its_country() -> None:
    assert sides("Philippine Coast Guard spokesperson Ana Cruz")[0] == ("Philippine Coast Guard", "Philippines")


def test_one_national_is_no_country_and_means_the_person_last_named() -> None:
    out = sides("Tomas Ibarra", "the 24-year-old Argentine")
    assert out[1] == ("Tomas Ibarra",)
    assert sides("an Argentine") == [None]
    assert sides("the Argentines") == [("Argentina",)]


def test_a_surname_that_is_a_nationality_is_still_a_name() -> None:
    assert sides("Lena Cuban") == [("Lena Cuban",)]


def test_a_place_before_a_title_is_no_body() -> None:
    assert sides("City Attorney Brad Holm") == [("Brad Holm",)]
    assert sides("Ohio Governor Ann Tull") == [("Ann Tull",)]


def test_a_spokesman_for_a_person_named_in_full_speaks_for_that_person_not_a_body_of_that_name() -> None:
    out = sides("Clara Vane", "the Vane Foundation", "Vane spokesman Tom Roe")
    assert out[2] == ("Clara Vane",)


def test_a_critic_of_a_person_does_not_speak_for_them() -> None:
    out = sides("Donna Ruhl", "Ruhl critic Pat Weller")
    assert out[1] == ("Pat Weller",)


def test_a_campaign_is_only_the_campaign_named_so() -> None:
    out = sides("the Black Voters Forum", "campaign aides")
    assert out[1] is None or out[1][0] != "Black Voters Forum"


def test_a_headline_descriptor_is_no_body_for_later_back_references() -> None:
    out = sides("Pipeline operator", "The company", bodies=(("Bessemer Midstream", 150),))
    assert out[1] == ("Bessemer Midstream",)
