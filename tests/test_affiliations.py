"""The side a speaker stands for: organisations of every kind, parties, governments and their countries,
people who speak for themselves; and the sides of a dispute (hand-written sentences)."""

from __future__ import annotations

import pytest

from claims.analysis.sides import dispute_sides, topic_sides
from claims.nlp.affiliations import side_for
from claims.nlp.mentions import parse_mention
from claims.nlp.speakers import SpeakerRegistry
from claims.types import ActorRef


def side(*mentions: str):
    """The side of the last mention, after the earlier ones were seen in the same document."""
    reg = SpeakerRegistry()
    ref = None
    for k, mention in enumerate(mentions):
        ref = reg.add(mention, position=10 * k)
    assert ref is not None
    return ref.side


@pytest.mark.parametrize(
    ("mention", "chain", "kind"),
    [
        ("Maria Ortiz, general secretary of the Transport Workers Union", ("Transport Workers Union",), "union"),
        ("a spokesman for Northgate Bank", ("Northgate Bank",), "company"),
        ("a spokeswoman for Halvern Holdings Ltd", ("Halvern Holdings Ltd",), "company"),
        ("Conservative Peter Hale", ("Peter Hale", "Conservative Party"), "person"),
        ("former Democratic Senator Ann Blake", ("Ann Blake", "Democratic Party"), "person"),
        ("Labour MP Tom Reed", ("Tom Reed", "Labour Party"), "person"),
        ("a Republican senator", ("Republican Party",), "party"),
        ("Russian oil firm Petrovsk", ("Petrovsk",), "company"),
        ("the campaign group Clean Rivers Now", ("Clean Rivers Now",), "campaign"),
        ("White House spokesman Tom Hill", ("White House", "United States"), "government"),
        ("the Kremlin", ("Kremlin", "Russia"), "government"),
        ("the French Foreign Ministry", ("French Foreign Ministry", "France"), "government"),
        ("Brazilian Foreign Minister Luis Prado", ("Brazil",), "country"),
        ("Moscow", ("Russia",), "country"),
        ("Jane Morrow, a professor of law at the university", ("Jane Morrow",), "person"),
        ("an American academic, Paul Grant", ("Paul Grant",), "person"),
        ("the witness Lena Dahl", ("Lena Dahl",), "person"),
        ("Senator Mark Ellis", ("Mark Ellis",), "person"),
    ],
)
def test_side_of_one_mention(mention: str, chain: tuple[str, ...], kind: str) -> None:
    ref = side(mention)
    assert ref is not None
    assert (ref.names(), ref.kind) == (chain, kind)


def test_a_nationality_word_does_not_give_a_company_or_an_expert_a_country() -> None:
    assert side("the Russian oil firm Petrovsk").parent is None
    assert side("Russian economist Oleg Marin").names() == ("Oleg Marin",)


def test_a_state_run_company_stands_for_its_country() -> None:
    ref = side("Kenyan state utility Lakeside Power")
    assert ref is not None and ref.kind == "government"


def test_apposition_descriptor_gives_the_kind() -> None:
    ref = side("Fairwage, the public sector union")
    assert ref is not None and (ref.name, ref.kind) == ("Fairwage", "union")


def test_its_lawyer_speaks_for_the_body_its_refers_to() -> None:
    ref = side("Halvern Holdings Ltd", "its lawyer, Hugh Ray")
    assert ref is not None and ref.name == "Halvern Holdings Ltd"


def test_his_lawyer_speaks_for_that_person() -> None:
    ref = side("Conservative Peter Hale", "his lawyer, Ruth Penn")
    assert ref is not None and ref.names() == ("Peter Hale", "Conservative Party")


def test_earlier_mention_gives_the_affiliation() -> None:
    ref = side("Fairwage's Dave Moss", "Moss")
    assert ref is not None and ref.name == "Fairwage"


def test_a_body_named_only_by_generic_words_is_no_side_without_a_country() -> None:
    assert side("the ministry") is None


US = ActorRef("United States", "country")
RU = ActorRef("Russia", "country")
WHITE_HOUSE = ActorRef("White House", "government", US)
KREMLIN = ActorRef("Kremlin", "government", RU)
GOVERNMENT = ActorRef("Government of Norland", "government", ActorRef("Norland", "country"))


def names(pair):
    return None if pair is None else tuple(a.name for a in pair)


def test_dispute_sides_climb_to_the_highest_unshared_actor() -> None:
    assert names(dispute_sides(KREMLIN, WHITE_HOUSE)) == ("Russia", "United States")
    assert names(dispute_sides(KREMLIN.chain(), WHITE_HOUSE.chain())) == ("Russia", "United States")


def test_a_senator_against_the_white_house_stays_below_the_country() -> None:
    senator = ActorRef("Mark Ellis", "person")
    assert names(dispute_sides(senator, WHITE_HOUSE)) == ("Mark Ellis", "White House")


def test_two_ministers_of_one_government_are_the_two_ministers() -> None:
    a, b = ActorRef("Minister A", "person", GOVERNMENT), ActorRef("Minister B", "person", GOVERNMENT)
    assert names(dispute_sides(a, b)) == ("Minister A", "Minister B")


def test_one_branch_is_one_side() -> None:
    assert dispute_sides(KREMLIN, RU) is None
    assert dispute_sides(ActorRef("Tom Hill", "person", WHITE_HOUSE), WHITE_HOUSE) is None


def test_a_body_outside_a_country_faces_the_country() -> None:
    army = ActorRef("Norland Army", "government", ActorRef("Norland", "country"))
    assert names(dispute_sides(ActorRef("Free Hills Front", "organisation"), army)) == ("Free Hills Front", "Norland")


def test_topic_sides_merge_a_country_and_its_bodies() -> None:
    sides = topic_sides([KREMLIN, RU, WHITE_HOUSE])
    assert {k: v.name for k, v in sides.items()} == {
        "Kremlin": "Russia",
        "Russia": "Russia",
        "White House": "United States",
    }


# ------------------------------------------------------------------------------ international bodies


def home_side(mention: str, home: str, ent_label: str | None = "ORG") -> ActorRef | None:
    """The side of one mention in a story datelined in ``home``."""
    reg = SpeakerRegistry()
    reg.home = home
    return reg.add(mention, position=0, ent_label=ent_label).side


@pytest.mark.parametrize(
    ("mention", "chain"),
    [
        ("the UN Security Council", ("UN Security Council", "United Nations")),
        ("the UN refugee agency", ("UN refugee agency", "United Nations")),
        ("the U.N. human rights office", ("U.N. human rights office", "United Nations")),
        ("the European Commission", ("European Commission", "European Union")),
        ("the European Parliament", ("European Parliament", "European Union")),
        ("the EU border agency", ("EU border agency", "European Union")),
        ("the Security Council", ("Security Council", "United Nations")),
        ("the United Nations", ("United Nations",)),
        ("Nato", ("NATO",)),
        ("the IMF", ("International Monetary Fund",)),
    ],
)
def test_international_bodies_belong_to_their_organisation_not_the_dateline_country(mention, chain) -> None:
    got = home_side(mention, "Kenya")
    assert got is not None and tuple(n.lower() for n in got.names()) == tuple(n.lower() for n in chain)
    assert all(a.kind == "organisation" for a in got.chain())


def test_a_country_s_own_security_council_stays_the_country_s() -> None:
    got = home_side("the Russian Security Council", "Kenya")
    assert got is not None and got.names()[-1] == "Russia"


@pytest.mark.parametrize(
    ("mention", "side_name"),
    [
        ("UN Secretary-General Ana Costa", "United Nations"),
        ("EU foreign policy chief Karl Berg", "European Union"),
        ("WHO Director-General Lena Hart", "World Health Organization"),
    ],
)
def test_officials_of_an_international_organisation_speak_for_it(mention, side_name) -> None:
    got = home_side(mention, "Kenya", ent_label="PERSON")
    assert got is not None and got.names() == (side_name,)


def test_an_ordinary_government_body_still_takes_the_dateline_country() -> None:
    got = home_side("the Foreign Ministry", "Kenya")
    assert got is not None and got.names()[-1] == "Kenya"


def test_the_supranational_list_is_data() -> None:
    from claims.nlp.rules import load_supranational_rules

    rules = load_supranational_rules()
    assert rules.names["UN"] == "United Nations" and rules.bodies["european commission"] == "European Union"
    assert "who" not in rules.names  # acronyms keep their case: the pronoun is no organisation


def test_an_officials_generic_agency_is_the_international_body_named_before() -> None:
    reg = SpeakerRegistry()
    reg.home = "Kenya"
    reg.add("The UN refugee agency", position=0, ent_label="ORG")
    got = reg.add("Amina Farah, a spokeswoman for the agency", position=50, ent_label="PERSON").side
    assert got is not None and got.names()[-1] == "United Nations"


def test_a_portfolio_minister_is_no_organisation_called_after_the_portfolio() -> None:
    got = side("Transport Minister Rawiri Tane")
    assert got is not None and got.names() == ("Rawiri Tane",)


def test_a_lower_case_descriptor_is_not_part_of_a_party_s_name() -> None:
    got = side("The opposition Reform Party’s transport spokesman, Mark Whitcombe")
    assert got is not None and got.names() == ("Reform Party",) and got.kind == "party"


def test_a_name_followed_by_which_is_a_body_even_when_tagged_a_person() -> None:
    reg = SpeakerRegistry()
    first = reg.add("Minera Cordillera, which operates the mine", position=0, ent_label="PERSON")
    assert first.side is not None and first.side.kind != "person"
    later = reg.add("a company spokesman, Felipe Rojas", position=40, ent_label="PERSON")
    assert later.side is not None and later.side.name == "Minera Cordillera"


@pytest.mark.parametrize(
    ("mention", "chain"),
    [
        ("A spokeswoman for the Free Citizens’ Party", ("Free Citizens’ Party",)),
        ("Ann Roe, leader of the Free Citizens' Party", ("Free Citizens' Party",)),
        ("the Harwell Supporters’ Trust", ("Harwell Supporters’ Trust",)),
    ],
)
def test_a_plural_possessive_inside_a_name_stays_in_the_name(mention: str, chain: tuple[str, ...]) -> None:
    found = side(mention)
    assert found is not None and found.names() == chain


def test_a_plural_possessive_before_a_title_is_still_an_owner() -> None:
    found = side("Ann Roe, the Social Democrats’ parliamentary leader")
    assert found == ActorRef("Social Democratic Party", "party")  # the party a party word names


def test_its_with_words_before_the_title_still_points_back() -> None:
    found = side("the Norland Sailing Federation", "Its performance director, Jon Hale")
    assert found is not None and found.names() == ("Norland Sailing Federation",)


def test_an_appositive_gives_a_body_its_intergovernmental_owner() -> None:
    body = side("UNMIK, the UN mission in the region")
    assert body is not None and body.names() == ("UNMIK", "United Nations")
    person = side("UNMIK, the UN mission in the region", "UNMIK spokesman Ivo Laska")
    assert person is not None and person.names() == ("UNMIK", "United Nations")
    plain = side("Harbour Watch, a local charity")
    assert plain is not None and plain.parent is None


def test_a_place_word_before_a_party_name_stays_in_the_side() -> None:
    side = side_for(parse_mention("Jane Doyle, chair of the county Democratic Party"))
    assert side is not None and side.name == "county Democratic Party" and side.kind == "party", side
    side = side_for(parse_mention("a spokesman for the opposition Reform Party"))
    assert side is not None and side.name == "Reform Party", side  # a descriptor, not a place


# --- speaker forms of news about non-country sides (issue 11, benchmarks/articles_sides2) ------------------


@pytest.mark.parametrize(
    ("mention", "name", "chain"),
    [
        # an age between commas is no part of the mention (three comma parts are not a list)
        ("Peter Vance, 47, a former banker", "Peter Vance", ("Peter Vance",)),
        ("Ruth Dale, 71, a retired teacher", "Ruth Dale", ("Ruth Dale",)),
        # an indefinite descriptor beside a name describes the body, it is no second body
        ("Harwick Watch, a Leeds-based research group", "Harwick Watch", ("Harwick Watch",)),
        # a title word inside a body's name ("Nurses" before "Association") is no title
        ("the Eastvale Nurses Association", "Eastvale Nurses Association", ("Eastvale Nurses Association",)),
        # a party word, then a jurisdiction word before the title
        ("Republican state Rep. Joan Miles", "Joan Miles", ("Joan Miles", "Republican Party")),
        # titles of county officials (an office title: the office) and of joint leaders
        ("Sheriff Tom Kerr", "Tom Kerr", ("Sheriff’s Office",)),
        ("Superintendent Ana Ruiz", "Ana Ruiz", ("Ana Ruiz",)),
        ("Labour Party co-leader Ann Reese", "Ann Reese", ("Labour Party",)),
    ],
)
def test_news_speaker_forms(mention: str, name: str, chain: tuple[str, ...]) -> None:
    reg = SpeakerRegistry()
    ref = reg.add(mention, position=0)
    assert ref.name == name
    assert ref.side is not None and ref.side.names() == chain


def test_a_descriptor_with_a_place_word_still_gives_the_kind() -> None:
    ref = side("Harwick Watch, a Leeds-based research group")
    assert ref is not None and ref.kind == "organisation"


@pytest.mark.parametrize(
    ("earlier", "mention", "chain"),
    [
        ("Harlow Mining Ltd", "a source close to the company", ("Harlow Mining Ltd",)),
        ("Renee Albright", "an aide to Albright", ("Renee Albright",)),
        ("Tom Ardent", "a source close to Ardent", ("Tom Ardent",)),
        ("the Orla Growth Fund", "a person familiar with the fund's thinking", ("Orla Growth Fund",)),
        ("Kestrel Bank", "an adviser to Kestrel Bank", ("Kestrel Bank",)),
    ],
)
def test_an_unnamed_source_close_to_someone_speaks_for_them(earlier: str, mention: str, chain: tuple[str, ...]) -> None:
    ref = side(earlier, mention)
    assert ref is not None and ref.names() == chain


def test_closeness_to_a_matter_or_a_target_gives_no_side() -> None:
    assert side("Harlow Mining Ltd", "a source familiar with the matter") is None
    envoy = side("an envoy to Moscow")
    assert envoy is None or "Russia" not in envoy.names()  # "to" after a title that serves nobody: a target


def test_an_unnamed_spokesperson_of_a_named_body_speaks_for_it() -> None:
    assert side("Corliss Brewing Co", "a Corliss spokesperson").names() == ("Corliss Brewing Co",)
    assert side("a Corliss spokesperson").names() == ("Corliss",)
    assert side("a Republican spokesperson").names() == ("Republican Party",)  # a party word stays a party


def test_a_capitalised_title_word_before_a_title_is_no_body() -> None:
    ref = side("Activist investor Tarn Capital")
    assert ref is not None and "Activist" not in ref.names()


def test_a_body_word_means_the_body_named_with_it_not_the_last_body_that_spoke() -> None:
    # "Board chair X" right after a parents' group spoke: the board the document named, not the group
    ref = side(
        "the Marrow Valley Board of Education", "Save Our Parks, a group formed by parents", "Board chair Tom Reyes"
    )
    assert ref is not None and ref.names() == ("Marrow Valley Board of Education",)
    # with no such body, "the group's chair" is still the group that spoke last
    ref = side("Save Our Parks, a group formed by parents", "the group's chair, Ana Lopes")
    assert ref is not None and ref.names() == ("Save Our Parks",)


def test_a_common_noun_that_ends_a_body_named_before_is_that_body() -> None:
    for mention in ("a spokesperson for the gallery", "the gallery"):
        reg = SpeakerRegistry()
        reg.add("the Albury Gallery", position=0, ent_label="ORG")  # the tagger's organisation
        ref = reg.add(mention, position=10)
        assert ref.side is not None and ref.side.names() == ("Albury Gallery",), mention


def test_an_indefinite_workplace_is_no_body_to_speak_for() -> None:
    # "a nurse at a hospital" speaks for herself, not for the hospital the story named
    assert side("the Mercy Vale Hospital", "Jo Pike, a nurse at a hospital").names() == ("Jo Pike",)


def test_a_headline_bare_title_is_the_first_person_named_later_with_that_title() -> None:
    reg = SpeakerRegistry()
    headline = reg.add("Deputy leader", position=0)
    reg.add("Tom Reyes", position=50)  # someone else named first
    reg.add("deputy leader Fiona Marsh", position=100)
    assert reg.final(headline).name == "Fiona Marsh"
    # not for an indefinite title, nor once someone was named before the title
    reg = SpeakerRegistry()
    one = reg.add("a prosecutor", position=0)
    reg.add("County Prosecutor Ann Weld", position=100)
    assert reg.final(one).name != "Ann Weld"
    reg = SpeakerRegistry()
    reg.add("Ann Weld", position=0)
    later = reg.add("Prosecutor", position=10)
    reg.add("County Prosecutor Jo Pike", position=100)
    assert reg.final(later).name != "Jo Pike"


def test_a_plural_possessive_says_whom_a_body_is_for_not_its_name() -> None:
    parsed = parse_mention("a parents' group in Alder Bay")
    assert (parsed.name, parsed.head) == ("group", "group")
    assert parse_mention("the teachers' union").name == "union"
    assert parse_mention("Free Citizens' Party").name == "Free Citizens' Party"  # inside a name it stays


def test_an_indefinite_body_is_not_one_named_before_it() -> None:
    reg = SpeakerRegistry()
    reg.add("Reuters", position=0, ent_label="ORG")
    ref = reg.add("A group representing nurses", position=10)
    assert ref.side is None or ref.side.name != "Reuters"


def test_a_headline_descriptor_is_the_body_of_its_kind_named_below() -> None:
    reg = SpeakerRegistry()
    reg.note_body("Brookfield Physicians Association", 100)  # the pipeline notes the tagger's bodies first
    headline = reg.add("Doctors' group", position=0)
    side = reg.final(headline).side  # resolved once the whole document is read
    assert side is not None and side.name == "Brookfield Physicians Association"


def test_a_named_persons_campaign_speaks_for_that_person() -> None:
    assert side("deputy leader Fiona Marsh", "Marsh's campaign").names() == ("Fiona Marsh",)


def test_a_date_with_a_slash_and_a_leading_number_stay_in_the_mention() -> None:
    # "7/7 widow X": the slash between digits is part of the mention, the widow speaks for herself
    assert side("7/7 widow Ann Dole").names() == ("Ann Dole",)
    assert parse_mention("2024/25 captain Jo Bell").name == "Jo Bell"


def test_a_member_of_a_body_speaks_for_themself() -> None:
    # a member is part of the body but does not speak for it, unlike its chair or spokesperson
    assert side("the Marrow Valley Board of Education", "Board member Ann Reyes").names() == ("Ann Reyes",)
    assert side("the Marrow Valley Board of Education", "Board chair Tom Reyes").names() == (
        "Marrow Valley Board of Education",
    )


def test_an_unnamed_person_who_speaks_for_themself_is_their_own_side() -> None:
    assert side("a nurse").names() == ("a nurse",)
    assert side("One business owner").names() == ("one business owner",)
    # an official without a body or country says nothing of a side, and "a Kremlin spokesman" is the Kremlin's
    assert side("a senior official") is None
    assert side("a Kremlin spokesman").names() == ("Kremlin", "Russia")


def test_a_former_office_holder_no_longer_speaks_for_the_office() -> None:
    assert side("former White House spokesman Tom Hill").names() == ("Tom Hill",)
    assert side("Ann Blake, the former Republican mayor of Ohio").names() == ("Ann Blake", "Republican Party")
    assert side("White House spokesman Tom Hill").names() == ("White House", "United States")


def test_a_policy_lead_speaks_for_the_body_named_before_the_title() -> None:
    assert side("Corliss Brewing Co", "Corliss policy lead Ana Ruiz").names() == ("Corliss Brewing Co",)


def test_a_nationality_before_a_role_that_is_no_title_describes_the_person() -> None:
    assert side("Russian engineer Oleg Marin").names() == ("Oleg Marin",)
    assert side("Italian chef Marco Rossi").names() == ("Marco Rossi",)
    # before an official's title it is still the country's voice
    assert side("Russian diplomat Ivan Petrov").names() == ("Russia",)


def office_side(*mentions: str, jurisdiction: str | None = None, apostrophe: str = "'"):
    reg = SpeakerRegistry()
    reg.jurisdiction = jurisdiction
    reg.apostrophe = apostrophe
    ref = None
    for k, mention in enumerate(mentions):
        ref = reg.add(mention, position=10 * k)
    assert ref is not None
    return ref.side


def test_an_office_title_holder_speaks_for_the_office() -> None:
    # the office is named from the title and the place the title names
    assert office_side("Marlow County Sheriff Ann Ruiz").names() == ("Marlow County Sheriff's Office",)
    assert office_side("Marlow County Sheriff Ann Ruiz").kind == "government"
    # or, when the title names none, the county the text names
    assert office_side("County Prosecutor Tom Hale", jurisdiction="Dunmore County").names() == (
        "Dunmore County Prosecutor's Office",
    )
    assert office_side("District Attorney Lena Bright", "Bright").names() == ("District Attorney's Office",)
    # a body named by the title is that office; so are the holder's aides and lawyer
    assert office_side(
        "Sheriff Ann Ruiz", "a spokeswoman for the sheriff's office", jurisdiction="Dunmore County", apostrophe="’"
    ).names() == ("Dunmore County Sheriff’s Office",)
    assert office_side("Sheriff Ann Ruiz", "Ruiz's lawyer, Ben Cole").names() == ("Sheriff's Office",)
    # not a former holder, nor a lawyer or a party's sheriff
    assert office_side("former Sheriff Ann Ruiz").names() == ("Ann Ruiz",)
    assert office_side("defense lawyer Ben Cole").names() == ("Ben Cole",)
    assert office_side("Republican Sheriff Ann Ruiz").names() == ("Ann Ruiz", "Republican Party")


def test_the_county_a_text_names_first() -> None:
    from claims.nlp.affiliations import local_jurisdiction, office_title

    assert local_jurisdiction("DUNMORE, Ohio - The sheriff in Dunmore County said on Monday in a statement") == (
        "Dunmore County"
    )
    assert local_jurisdiction("The County said the plan was late.") is None
    assert local_jurisdiction("The city council said the plan was late.") is None
    assert office_title("Harlan County Sheriff") == ("Harlan County", "Sheriff")
    assert office_title("county prosecutor") == (None, "Prosecutor")
    assert office_title("chief executive") is None


def test_a_leads_indefinite_body_is_the_body_of_its_kind_named_next() -> None:
    reg = SpeakerRegistry()
    lead = reg.add("A tenants’ group in Marlow", position=0)
    reg.add("the Marlow Housing Trust", position=10, ent_label="ORG")
    reg.add("Fairview Renters Action, a group formed by tenants", position=20, ent_label="ORG")
    final = reg.final(lead)
    assert final.name == "Fairview Renters Action"
    assert final.side is not None and final.side.names() == ("Fairview Renters Action",)
    # with none named the same way, the next body of its kind
    reg = SpeakerRegistry()
    lead = reg.add("An environmental group", position=0)
    reg.add("The Clearwater Rivers Alliance", position=10, ent_label="ORG")
    assert reg.final(lead).name == "Clearwater Rivers Alliance"
    # a body of its kind named before: "a group" is another one
    reg = SpeakerRegistry()
    reg.add("The Clearwater Rivers Alliance", position=0, ent_label="ORG")
    lead = reg.add("An environmental group", position=10)
    reg.add("Fairview Renters Action", position=20, ent_label="ORG")
    assert reg.final(lead).side is None


def test_a_headlines_descriptor_is_the_body_the_text_calls_so() -> None:
    reg = SpeakerRegistry()
    reg.headline_end = 40
    head = reg.add("Charity", position=0, ent_label="ORG")
    reg.add("the Marlow Housing Trust", position=50, ent_label="ORG")
    reg.add("Fenmoor Watch, an environmental charity", position=60, ent_label="ORG")
    final = reg.final(head)
    assert final.name == "Fenmoor Watch"
    # a body nowhere called so is not it; nor is a proper name in the headline
    reg = SpeakerRegistry()
    reg.headline_end = 40
    head = reg.add("Charity", position=0, ent_label="ORG")
    reg.add("Fenmoor Watch", position=60, ent_label="ORG")
    assert reg.final(head).name == "Charity"
    reg = SpeakerRegistry()
    reg.headline_end = 40
    head = reg.add("Fenmoor Watch", position=0, ent_label="ORG")
    reg.add("Marlow Trust, a charity", position=60, ent_label="ORG")
    assert reg.final(head).name == "Fenmoor Watch"


def test_headline_end() -> None:
    from claims.nlp.components import headline_end, paragraph_spans

    text = "Charity says dam is leaking\n\nA charity said on Tuesday that the dam leaked.\n\nIt said more."
    assert headline_end(text, paragraph_spans(text)) == len("Charity says dam is leaking")
    text = "A charity said on Tuesday that the dam leaked.\n\nIt said more."
    assert headline_end(text, paragraph_spans(text)) == 0


def test_unnamed_officials_of_a_county_story_are_the_countys() -> None:
    assert office_side("Officials", jurisdiction="Dunmore County").names() == ("Dunmore County",)
    assert office_side("county officials", jurisdiction="Dunmore County").kind == "government"
    assert office_side("state officials", jurisdiction="Dunmore County") is None
    assert office_side("Officials") is None
    # officials of a body the text names are that body's
    assert office_side("Officials at the Marlow Housing Trust", jurisdiction="Dunmore County").names() == (
        "Marlow Housing Trust",
    )
    assert office_side("senior officials", jurisdiction="Dunmore County") is None
    assert office_side("the officials", jurisdiction="Dunmore County").names() == ("Dunmore County",)


def test_the_fund_is_the_fund_named_before() -> None:
    reg = SpeakerRegistry()
    reg.add("Corbel Capital", position=0, ent_label="ORG")
    reg.add("packaged-food maker Hollin Foods", position=5, ent_label="ORG")  # another body spoke since
    ref = reg.add("a person familiar with the fund’s thinking", position=10)
    assert ref.side is not None and ref.side.names() == ("Corbel Capital",)


def test_the_board_is_the_companys_board() -> None:
    reg = SpeakerRegistry()
    reg.add("packaged-food maker Hollin Foods", position=0, ent_label="ORG")
    reg.add("the Marlow Department of Trade", position=5, ent_label="ORG")
    ref = reg.add("a source close to the board", position=10)
    assert ref.side is not None and ref.side.names() == ("Hollin Foods",)
    # a body named with the word is that body; with no company, no side
    reg = SpeakerRegistry()
    reg.add("packaged-food maker Hollin Foods", position=0, ent_label="ORG")
    reg.add("the Marlow School Board", position=5, ent_label="ORG")
    ref = reg.add("a source close to the board", position=10)
    assert ref.side is not None and ref.side.names() == ("Marlow School Board",)
    reg = SpeakerRegistry()
    reg.add("the Marlow Department of Trade", position=0, ent_label="ORG")
    assert reg.add("a source close to the board", position=10).side is None


def test_an_unnamed_speaker_is_named_with_the_full_name_of_whom_they_speak_for() -> None:
    reg = SpeakerRegistry()
    reg.add("Skyline Air", position=0, ent_label="ORG")
    assert reg.add("A spokeswoman for Skyline", position=10).name == "A spokeswoman for Skyline Air"
    reg = SpeakerRegistry()
    reg.add("Senator Claire Hadley", position=0, ent_label="PERSON")
    assert reg.add("a spokeswoman for Hadley", position=10).name == "a spokeswoman for Claire Hadley"
    # the text's own common-noun back-reference is kept
    reg = SpeakerRegistry()
    reg.add("the Marlow Department of Trade", position=0, ent_label="ORG")
    assert reg.add("a spokesman for the department", position=10).name == "a spokesman for the department"
