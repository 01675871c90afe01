"""Sides through the whole pipeline on short hand-written articles: bodies named once and referred to
later, people tied to their body by the parse, the dateline's country, headlines resolved by the text
below them."""

from __future__ import annotations

import pytest

from tests import nlp_support


@pytest.fixture(scope="module")
def analyze():
    return nlp_support.analyzer().analyze


def sides_by_source(analyze, text: str) -> dict[str, tuple[str, ...] | None]:
    out: dict[str, tuple[str, ...] | None] = {}
    for c in analyze(text).claims:
        if c.kind == "unattributed" or c.source is None:
            continue
        side = c.speaker.side if c.speaker else None
        out[text[c.source.start : c.source.end]] = side.names() if side else None
    return out


def test_back_references_and_acronyms_reach_the_body_named_first(analyze) -> None:
    text = (
        "Dock workers vote to strike over pay\n\n"
        "The Federated Dock Workers Union (FDWU) said on Monday that 81% of its members had voted for a strike.\n\n"
        'Ana Pires, general secretary of the FDWU, said the offer was "an insult".\n\n'
        "The Marlow Port Authority said the offer was fair. The authority said it would not reopen talks.\n\n"
        "The union said the strike would begin on Friday.\n"
    )
    out = sides_by_source(analyze, text)
    assert out["Ana Pires, general secretary of the FDWU"] == ("Federated Dock Workers Union",)
    assert out["The union"] == ("Federated Dock Workers Union",)
    assert out["The authority"][0] == "Marlow Port Authority"


def test_a_person_described_after_the_quote_speaks_for_that_body(analyze) -> None:
    text = (
        '"The spill is far larger than reported," said Nina Holt, the alliance\'s executive director, '
        "after the Green Rivers Alliance published its survey.\n\n"
        "Holt said the company had failed to act.\n"
    )
    out = sides_by_source(analyze, text)
    assert out["Holt"] == ("Green Rivers Alliance",)


def test_the_dateline_country_owns_an_unmarked_ministry(analyze) -> None:
    text = (
        "OSLO, June 2 (Wire) - A Norwegian fishing vessel was seized on Tuesday in the Barents Sea.\n\n"
        "The Foreign Ministry said the seizure was illegal.\n\nFjord Fisheries Ltd said the crew was safe.\n"
    )
    out = sides_by_source(analyze, text)
    assert out["The Foreign Ministry"] == ("Foreign Ministry", "Norway")
    assert out["Fjord Fisheries Ltd"] == ("Fjord Fisheries Ltd",)


def test_a_state_agency_named_after_its_country(analyze) -> None:
    text = "The United Kingdom Maritime Safety Agency said the tanker had been boarded.\n"
    out = sides_by_source(analyze, text)
    side = out["The United Kingdom Maritime Safety Agency"]
    assert side is not None and side[-1] == "United Kingdom"


def test_a_relative_clause_gives_a_person_the_body_they_lead(analyze) -> None:
    text = (
        "The Harwood Cyclists Forum said on Monday that the new lanes were unsafe.\n\n"
        '"Nobody asked us," said Tomas Brandt, who chairs the group. He said riders had been hurt.\n\n'
        "Petra Lind, who leads the Green Valley Party, said the lanes would stay.\n\n"
        "Omar Reyes, who lives near the lanes, said he had seen two crashes.\n"
    )
    out = sides_by_source(analyze, text)
    assert out["Tomas Brandt"] == ("Harwood Cyclists Forum",)  # "the group": the body that spoke last
    assert out["He"] == ("Harwood Cyclists Forum",)
    assert out["Petra Lind"][0] == "Green Valley Party"
    assert out["Omar Reyes"] == ("Omar Reyes",)  # "lives near" is no role in a body


def test_the_group_a_person_chairs_is_not_the_other_body_named_before(analyze) -> None:
    text = (
        "A tenants' association accused Bramley Homes Ltd of ignoring damp in its flats.\n\n"
        "Bramley Homes Ltd said it had repaired every flat reported to it.\n\n"
        '"The damp is still there," said Kate Olsen, who chairs the association.\n'
    )
    out = sides_by_source(analyze, text)
    # the body that spoke last is the company, which is no association: Olsen keeps no company side
    assert out["Kate Olsen"] != ("Bramley Homes Ltd",)


def test_a_long_name_cut_at_its_and_is_one_body(analyze) -> None:
    text = (
        "A patients' group accused the Ashby and Fenwick NHS Foundation Trust on Monday of hiding waits.\n\n"
        "The trust said the figures measured different things. Its chief executive, Dr Paul Imre, said the "
        "trust published every figure.\n"
    )
    out = sides_by_source(analyze, text)
    assert out["The trust"] == ("Ashby and Fenwick NHS Foundation Trust",)
    assert out["Its chief executive, Dr Paul Imre"] == ("Ashby and Fenwick NHS Foundation Trust",)


def test_an_honorific_before_a_judicial_title_is_no_side(analyze) -> None:
    text = (
        "Court rejects appeal\n\n"
        "Mr Justice Carver said the appeal had no merit.\n\n"
        "Lord Justice Hale said the ruling was final.\n"
    )
    out = sides_by_source(analyze, text)
    for source, honorific in (("Mr Justice Carver", "Mr"), ("Lord Justice Hale", "Lord")):
        side = out[source] or ()
        assert honorific not in side and side, (source, side)


def test_a_body_acting_on_an_expert_in_a_participle_is_not_their_side(analyze) -> None:
    text = (
        "Trial hears evidence\n\n"
        "Dr Alan Reyes, a microbiologist called by Ms Carla Dunn's lawyers, said the samples were contaminated.\n"
    )
    out = sides_by_source(analyze, text)
    side = out["Dr Alan Reyes, a microbiologist called by Ms Carla Dunn's lawyers"] or ()
    assert not any("Dunn" in name for name in side), side


def test_a_second_role_after_and_does_not_hide_the_first(analyze) -> None:
    # "the association's president and a surgeon at X": one person with two roles, the first says whom she
    # speaks for; "his father and the club's director" would be two people
    text = (
        "The Orla Nurses Association filed a complaint on Monday.\n\n"
        "“Patients are being turned away,” said Dr. Ann Blake, the association’s president and a surgeon at "
        "Vale Hospital.\n\n"
        "Blake said the complaint would go to the regulator.\n"
    )
    out = sides_by_source(analyze, text)
    assert out["Blake"] == ("Orla Nurses Association",)


def test_a_descriptor_before_a_name_anywhere_gives_the_body_its_kind(analyze) -> None:
    # "packaged-food maker Orvin Foods" is a company though it is no source there; "the company" is then
    # Orvin, not the fund named more often
    text = (
        "Tarn Capital called for the chairman of packaged-food maker Orvin Foods to step down.\n\n"
        "Tarn Capital said the board had failed. Tarn Capital said costs were too high.\n\n"
        "The company said its margins had improved.\n"
    )
    out = sides_by_source(analyze, text)
    assert out["The company"] == ("Orvin Foods",)


def test_a_quotation_going_on_keeps_the_speaker_of_its_own_paragraph(analyze) -> None:
    # each continuation names its owner by index; the owner's place after sorting, not before, so the
    # second paragraph's continuation is Jones's, not Marsh's
    text = (
        "“The plan is a gift to our opponents,” Marsh told party members at a hustings in Leeds. "
        "“We would be handing them twenty seats.”\n\n"
        "“Members are tired,” Jones said at a meeting in Cardiff on Saturday. “They want a party of their own.”\n"
    )
    claims = analyze(text).claims
    later = [c for c in claims if c.source is None and text[c.content.start : c.content.end].startswith("“They want")]
    assert len(later) == 1 and later[0].speaker is not None and later[0].speaker.name == "Jones"


def test_a_headline_body_word_is_not_a_body_of_its_kind_named_far_below(analyze) -> None:
    # the headline's "Club" must not become the league named at the end (then "the club" follows it)
    text = (
        "Club denies promise to striker\n\n"
        "Harwick Rovers said on Monday it had made no promise to Tom Bell.\n\n"
        "The club said Bell was under contract until 2027.\n\n"
        "The Northern Football League said it would not intervene.\n"
    )
    out = sides_by_source(analyze, text)
    assert out["The club"] != ("Northern Football League",)


def test_a_headline_group_is_the_body_named_below_not_the_datelines_agency(analyze) -> None:
    # "(Reuters)" in a dateline credits the agency: no body of the story for a headline's "Nurses' group"
    text = (
        "Nurses’ group says pay offer is an insult\n\n"
        "CHICAGO (Reuters) - Nurses at three hospitals will strike next week.\n\n"
        "The Lakeside Nurses Association said the offer was an insult.\n"
    )
    out = sides_by_source(analyze, text)
    assert out["Nurses’ group"] == ("Lakeside Nurses Association",)
