"""Each kind of conflict between two sides of any kind, and each kind of non-conflict, on invented sentences
(fictional unions, companies, boards and people; no corpus text)."""

from __future__ import annotations

from claims.analysis.disputes import Dispute, find_disputes
from claims.analysis.facts import ClaimFacts
from claims.analysis.kinds import DISPUTE_KIND_LABELS, dispute_kind_label
from claims.analysis.stance import KINDS
from claims.analysis.topics import Topic
from claims.types import ClaimParse, ParsedStance
from tests.dispute_support import make_claim
from tests.nlp_support import nlp

UNION, BOARD, FIRM = "Harbour Porters Union", "Port Board", "Tessaly Freight"
WITNESS, MANAGER, HOME = "Ilsa Moravec", "Otto Brandl", "Elmgate Care"

# (actor, source, cue, sentence, content): one paragraph each
Said = tuple[str, str, str, str, str]


def claims_of(paragraphs: list[Said], doc_id: str = "d") -> tuple[str, list[ClaimFacts]]:
    text = "Headline\n\n" + "\n\n".join(p[3] for p in paragraphs)
    claims = [
        make_claim(i, doc_id, text, sentence=sent, content=content, source=source, cue=cue, actor=actor)
        for i, (actor, source, cue, sent, content) in enumerate(paragraphs)
    ]
    return text, claims


def disputes_in_one_topic(paragraphs: list[Said]) -> list[Dispute]:
    text, claims = claims_of(paragraphs)
    topic = Topic(id=0, label="test", claim_ids=[c.claim_id for c in claims])
    return find_disputes([topic], claims, {"d": text}, nlp=nlp())


def apart(paragraphs: list[Said]) -> list[Dispute]:
    """Each claim in a topic of its own: only a conflict that names what it answers ties them."""
    text, claims = claims_of(paragraphs)
    topics = [Topic(id=i, label=f"t{i}", claim_ids=[c.claim_id]) for i, c in enumerate(claims)]
    return find_disputes(topics, claims, {"d": text}, nlp=nlp())


def said(actor: str, source: str, sentence: str, content: str, cue: str = "said") -> Said:
    return (actor, source, cue, sentence, content)


# ------------------------------------------------------------------------------------------- conflicts


def test_claim_against_rebuttal_of_that_account() -> None:
    """A denial aimed at "that account" answers the other side's claim just before it, across topics."""
    found = apart(
        [
            said(
                FIRM,
                "Tessaly Freight",
                "Tessaly Freight said every check had been carried out.",
                "every check had been carried out",
            ),
            said(BOARD, "The Port Board", "The Port Board rejected that account.", "that account", cue="rejected"),
        ]
    )
    assert len(found) == 1 and found[0].kind == "rebuttal"
    assert set(found[0].sides) == {FIRM, BOARD}


def test_accusation_against_what_she_said_is_wrong() -> None:
    found = apart(
        [
            said(
                WITNESS,
                "Ilsa Moravec",
                "Ilsa Moravec said the manager had shoved a resident.",
                "the manager had shoved a resident",
            ),
            said(MANAGER, "Otto Brandl", "Otto Brandl said what she said was wrong.", "what she said was wrong"),
        ]
    )
    assert len(found) == 1 and set(found[0].sides) == {WITNESS, MANAGER}


def test_accusation_called_a_lie() -> None:
    found = apart(
        [
            said(
                UNION, "The union", "The union said the board had hidden the losses.", "the board had hidden the losses"
            ),
            said(
                BOARD,
                "The board",
                "The board called the accusation a desperate lie.",
                "the accusation a desperate lie",
                cue="called",
            ),
        ]
    )
    assert len(found) == 1 and found[0].kind == "rebuttal"


def test_call_against_refusal() -> None:
    found = disputes_in_one_topic(
        [
            said(
                UNION,
                "The union",
                "The union urged the harbour master to resign over the closure.",
                "the harbour master to resign over the closure",
                cue="urged",
            ),
            said(
                BOARD,
                "The Port Board",
                "The Port Board said the harbour master would stay in his post.",
                "the harbour master would stay in his post",
            ),
        ]
    )
    assert len(found) == 1 and found[0].kind == "refusal"
    assert set(found[0].sides) == {UNION, BOARD}
    assert dispute_kind_label(found[0].kind) == "call and refusal"


def test_call_against_full_confidence() -> None:
    found = disputes_in_one_topic(
        [
            said(UNION, "The union", "The union said the harbour master should go.", "the harbour master should go"),
            said(
                BOARD,
                "The Port Board",
                "The Port Board said the harbour master had its full confidence.",
                "the harbour master had its full confidence",
            ),
        ]
    )
    assert len(found) == 1 and "refusal" in found[0].kinds


def test_call_for_an_action_against_saying_it_will_not_happen() -> None:
    found = disputes_in_one_topic(
        [
            said(
                UNION,
                "The union",
                "The union urged the board to reopen the night shift.",
                "the board to reopen the night shift",
                cue="urged",
            ),
            said(
                BOARD,
                "The Port Board",
                "The Port Board said it would not reopen the night shift.",
                "it would not reopen the night shift",
            ),
        ]
    )
    assert len(found) == 1 and "refusal" in found[0].kinds


def test_blame_against_blame_for_a_harmful_act() -> None:
    """Each side says the other did the harm ("had attacked"), with no blame verb."""
    found = disputes_in_one_topic(
        [
            said(
                UNION,
                "The union",
                "The union said Port Board guards had attacked the pickets.",
                "Port Board guards had attacked the pickets",
            ),
            said(
                BOARD,
                "The Port Board",
                "The Port Board said Harbour Porters Union members had attacked its guards.",
                "Harbour Porters Union members had attacked its guards",
            ),
        ]
    )
    assert len(found) == 1 and found[0].kind == "mutual_blame"


def test_conflicting_percentages_of_one_thing() -> None:
    found = apart(
        [
            said(
                UNION, "The union", "The union said pay had fallen 6% in real terms.", "pay had fallen 6% in real terms"
            ),
            said(
                BOARD,
                "The Port Board",
                "The Port Board said pay had risen 3% in real terms.",
                "pay had risen 3% in real terms",
            ),
        ]
    )
    assert len(found) == 1 and "numbers" in found[0].kinds


def test_conflicting_sums_in_millions() -> None:
    """ "£3 million" and "£5 million" are 3,000,000 and 5,000,000 (not both "a million")."""
    found = apart(
        [
            said(
                UNION,
                "The union",
                "The union said the board had paid a £3 million fine.",
                "the board had paid a £3 million fine",
            ),
            said(
                BOARD,
                "The Port Board",
                "The Port Board said it had paid a £5 million fine.",
                "it had paid a £5 million fine",
            ),
        ]
    )
    assert len(found) == 1 and "numbers" in found[0].kinds


def test_money_made_and_lost_by_one_fund() -> None:
    found = apart(
        [
            said(
                UNION,
                "The union",
                "The union said the pension fund had lost £1.5 million.",
                "the pension fund had lost £1.5 million",
            ),
            said(
                BOARD,
                "The Port Board",
                "The Port Board said the pension fund had made a profit of £2 million.",
                "the pension fund had made a profit of £2 million",
            ),
        ]
    )
    assert len(found) == 1 and "numbers" in found[0].kinds


# ------------------------------------------------------------------------------------------ non-conflicts


def test_percentages_of_different_things_do_not_conflict() -> None:
    found = disputes_in_one_topic(
        [
            said(
                UNION,
                "The union",
                "The union said the chairman owned 40% of the firm.",
                "the chairman owned 40% of the firm",
            ),
            said(
                BOARD,
                "The Port Board",
                "The Port Board said traffic had risen 22% this year.",
                "traffic had risen 22% this year",
            ),
        ]
    )
    assert found == []


def test_both_sides_calling_for_the_same_is_agreement() -> None:
    found = disputes_in_one_topic(
        [
            said(
                UNION,
                "The union",
                "The union urged the harbour master to resign.",
                "the harbour master to resign",
                cue="urged",
            ),
            said(
                BOARD,
                "The Port Board",
                "The Port Board said the harbour master should resign.",
                "the harbour master should resign",
            ),
        ]
    )
    assert found == []


def test_denial_answers_the_speaker_just_before_not_an_earlier_one() -> None:
    """ "That account" is the neutral expert's, said just before: no dispute with the union, said earlier."""
    found = apart(
        [
            said(UNION, "The union", "The union said the cranes were unsafe.", "the cranes were unsafe"),
            said(
                "Mira Solenne",
                "Mira Solenne",
                "Mira Solenne said the cranes had passed every test.",
                "the cranes had passed every test",
            ),
            said(BOARD, "The Port Board", "The Port Board rejected that account.", "that account", cue="rejected"),
        ]
    )
    assert all(UNION not in d.sides for d in found)


def test_shared_speech_noun_is_not_what_a_denial_denies() -> None:
    """The employer mentions 'the allegation' too, but the manager's denial is not aimed at it."""
    found = disputes_in_one_topic(
        [
            said(
                WITNESS,
                "Ilsa Moravec",
                "Ilsa Moravec said the manager had shoved a resident.",
                "the manager had shoved a resident",
            ),
            said(
                HOME,
                "Elmgate Care",
                "Elmgate Care said it had suspended the manager when the allegation was made.",
                "it had suspended the manager when the allegation was made",
            ),
            said(
                MANAGER,
                "Otto Brandl",
                "Otto Brandl denied the allegation of shoving anyone.",
                "the allegation of shoving anyone",
                cue="denied",
            ),
        ]
    )
    assert len(found) == 1 and HOME not in found[0].sides
    assert set(found[0].sides) == {WITNESS, MANAGER}


def test_one_sides_claims_among_themselves_are_no_dispute() -> None:
    found = apart(
        [
            said(
                BOARD,
                "The Port Board",
                "The Port Board said the cranes had passed every test.",
                "the cranes had passed every test",
            ),
            said(
                BOARD,
                "The board",
                "The board rejected that account of the delays.",
                "that account of the delays",
                cue="rejected",
            ),
        ]
    )
    assert found == []


def test_a_sacking_is_not_a_denial() -> None:
    from claims.nlp.stance import read_stance

    doc = nlp()("She was dismissed for lateness in April.")
    assert read_stance(doc, list(doc)).denials == ()


def test_laying_out_facts_is_not_calling_them_a_lie() -> None:
    """ "lay" is a past form of "lie" in the lemmatizer's tables; "laying out", "laid" are not lies."""
    from claims.nlp.stance import read_stance

    for text in ("Laying out the facts raises serious questions.", "The board laid the figures before the court."):
        doc = nlp()(text)
        assert read_stance(doc, list(doc)).denials == (), text
    doc = nlp()("The board lied about the losses.")
    assert read_stance(doc, list(doc)).denials == ("lied",)


def test_laying_out_facts_against_the_other_side_is_no_rebuttal() -> None:
    found = disputes_in_one_topic(
        [
            said(
                UNION, "The union", "The union said the board had hidden the losses.", "the board had hidden the losses"
            ),
            said(
                BOARD,
                "The board",
                "The board said laying out the losses would take a month.",
                "laying out the losses would take a month",
            ),
        ]
    )
    assert found == []


def test_a_side_telling_of_its_own_harmful_act_blames_no_one() -> None:
    from claims.nlp.stance import read_stance

    doc = nlp()("We fired warning shots.")
    assert read_stance(doc, list(doc)).targets == ()


# ----------------------------------------------------------------------------------------- stored data


def test_new_stance_features_round_trip_and_old_features_still_load() -> None:
    stance = ParsedStance(refers_back=True, calls=("resign", "leave"), refusals=("leave",), refers_back_both=True)
    parse = ClaimParse(weights={"w": 1.0}, stance=stance)
    again = ClaimParse.from_dict(parse.to_dict())
    assert (
        again.stance.refers_back and again.stance.calls == ("resign", "leave") and again.stance.refusals == ("leave",)
    )
    assert again.stance.refers_back_both
    old = parse.to_dict()
    for key in ("refers_back", "calls", "refusals", "refers_back_both"):
        del old["stance"][key]
    old["format"] = 2
    loaded = ClaimParse.from_dict(old)
    assert loaded.stance.refers_back is False and loaded.stance.calls == () and loaded.format == 2
    assert loaded.stance.refers_back_both is False


def test_every_dispute_kind_has_a_label() -> None:
    assert set(KINDS) <= set(DISPUTE_KIND_LABELS)
    assert dispute_kind_label("evaluation") == "opposite evaluations"


# ------------------------------------------------------------- falsity words that deny nothing, and dismissals


def _stance(text: str) -> ParsedStance:
    from claims.nlp.stance import read_stance

    doc = nlp()(text)
    return read_stance(doc, list(doc))


def test_an_idiom_with_a_falsity_word_denies_nothing() -> None:
    for text in (
        "I like the board; don't get me wrong.",
        "Nobody knows what went wrong at the depot.",
        "There is nothing wrong with the new rota.",
    ):
        assert _stance(text).denials == (), text
    assert _stance("The board said the figures were wrong.").denials == ("wrong",)


def test_lie_of_a_place_is_no_lie() -> None:
    for text in (
        "The depot lies on the river.",
        "The answer lies in the accounts.",
        "Trouble lies ahead for the port.",
    ):
        assert _stance(text).denials == (), text
    for text in ("He lied to the court.", "He lies in every debate.", "The board lied about the losses."):
        assert _stance(text).denials != (), text


def test_a_falsity_word_on_a_noun_denies_only_something_said() -> None:
    for text in ("She filed a false insurance claim.", "The council chose the wrong route.", "He gave a false name."):
        assert _stance(text).denials == (), text
    for text in ("The board dismissed these false claims.", "Those baseless accusations hurt the union."):
        assert _stance(text).denials != (), text


def test_rejecting_people_is_not_denying_what_they_said() -> None:
    for text in ("Voters consistently reject establishment Republicans.", "The board dismissed him as a rival."):
        assert _stance(text).denials == (), text
    assert _stance("The board rejected his account.").denials == ("rejected",)


def test_a_negative_evaluation_of_what_was_said_dismisses_it() -> None:
    st = _stance("This is extremely irresponsible.")
    assert st.denials == ("irresponsible",) and st.refers_back
    assert _stance("The accusation is outrageous.").refers_back
    assert not _stance("The new rota is unfair.").refers_back  # said of a thing, not of something said
    assert not _stance("This is not irresponsible.").denials


def test_no_evidence_of_blame_is_a_denial_and_an_unmade_accusation_no_blame() -> None:
    st = _stance("He did not see convincing evidence that the harbour guards were behind the fire.")
    assert st.denials and not st.targets
    st = _stance("The union has not accused the harbour guards of being behind the fire.")
    assert not st.denials and not st.targets
    st = _stance("The harbour guards were behind the fire.")
    assert [t.via for t in st.targets] == ["responsible"]


def test_failing_to_act_is_the_negated_act() -> None:
    st = _stance("The board failed to publish the report.")
    assert ("publish", True, ("report",)) in st.predicates


def test_figures_that_count_no_total_are_not_compared() -> None:
    assert _stance("The office released 5,500 more pages of emails.").numbers == {}
    assert _stance("More than 5,000 people attended the rally.").numbers == {"n:people": ("5000",)}


def test_dismissal_answers_the_accusation_before_it() -> None:
    found = apart(
        [
            said(
                UNION,
                "The union",
                "The union said the board had hidden the losses.",
                "the board had hidden the losses",
            ),
            said(BOARD, "The board", "The board said this was irresponsible.", "this was irresponsible"),
        ]
    )
    assert len(found) == 1 and found[0].kind == "rebuttal"
    assert set(found[0].sides) == {UNION, BOARD}


def test_no_evidence_of_the_blame_against_the_blame() -> None:
    found = disputes_in_one_topic(
        [
            said(
                UNION,
                "The union",
                "The union said the harbour guards were behind the fire at the depot.",
                "the harbour guards were behind the fire at the depot",
            ),
            said(
                WITNESS,
                "Ilsa Moravec",
                "Ilsa Moravec said she had not seen any evidence that the guards were behind the depot fire.",
                "she had not seen any evidence that the guards were behind the depot fire",
            ),
        ]
    )
    assert len(found) == 1 and set(found[0].sides) == {UNION, WITNESS}


def test_idiom_in_agreement_is_no_dispute() -> None:
    found = disputes_in_one_topic(
        [
            said(UNION, "The union", "The union said the new rota was fair.", "the new rota was fair"),
            said(
                BOARD,
                "The board",
                "The board said: don't get me wrong, the rota is fair to the porters.",
                "don't get me wrong, the rota is fair to the porters",
            ),
        ]
    )
    assert found == []


def test_a_dismissal_among_one_sides_claims_is_no_dispute() -> None:
    found = apart(
        [
            said(
                UNION, "The union", "The union said the board had hidden the losses.", "the board had hidden the losses"
            ),
            said(UNION, "The union", "The union said this was irresponsible.", "this was irresponsible"),
        ]
    )
    assert found == []


def test_an_evaluation_in_a_complement_noun_is_said_of_the_subject_too() -> None:
    st = _stance("They said the closure was an unfair decision.")
    assert (-1, ("closure", "decision")) in st.evaluations


def test_dates_of_saying_or_of_a_light_verb_are_not_compared() -> None:
    assert _stance("“The rota is fair,” said Ilsa Moravec, 59, of Elmgate.").numbers == {}
    assert _stance("The union said on 3 May 2021 that the rota was fair.").numbers == {}
    assert _stance("The depot closed on 3 May 2021.").numbers == {"d:close": ("3 may 2021",)}


def test_going_to_is_the_future_not_a_departure() -> None:
    st = _stance("It is not going to be easy for Otto Brandl to win.")
    assert "leave" not in st.refusals
    assert "leave" in _stance("Otto Brandl is not going anywhere.").refusals


def test_an_age_against_an_age_is_no_conflicting_figure() -> None:
    found = disputes_in_one_topic(
        [
            said(
                WITNESS,
                "Ilsa Moravec",
                "“The rota is fair,” said Ilsa Moravec, 59.",
                "“The rota is fair,” said Ilsa Moravec, 59",
            ),
            said(
                MANAGER,
                "Otto Brandl",
                "“The rota is unfair,” said Otto Brandl, 83.",
                "“The rota is unfair,” said Otto Brandl, 83",
            ),
        ]
    )
    assert found and all("numbers" not in d.kinds for d in found)


def test_condemning_the_other_side_by_name_is_a_conflict() -> None:
    found = disputes_in_one_topic(
        [
            said(
                UNION,
                "The union",
                "The union said Tessaly Freight's new rota was reckless.",
                "Tessaly Freight's new rota was reckless",
            ),
            said(
                FIRM,
                "Tessaly Freight",
                "Tessaly Freight said the rota would start in May.",
                "the rota would start in May",
            ),
        ]
    )
    assert len(found) == 1 and found[0].kind == "evaluation"
    assert set(found[0].sides) == {UNION, FIRM}


def test_condemning_a_third_party_or_oneself_is_no_conflict_between_the_sides() -> None:
    found = disputes_in_one_topic(
        [
            said(
                UNION,
                "The union",
                "The union said the Port Board's inspection was reckless.",
                "the Port Board's inspection was reckless",
            ),
            said(
                FIRM,
                "Tessaly Freight",
                "Tessaly Freight said the rota would start in May.",
                "the rota would start in May",
            ),
        ]
    )
    assert found == []
    st = _stance("Tessaly Freight's rota is fair.")
    assert not any(t.via == "criticise" for t in st.targets)  # praise is no criticism


def test_a_criticism_is_not_a_culprit_against_a_blame() -> None:
    """One side condemns a third party, the other blames someone: not two culprits named for one event."""
    found = disputes_in_one_topic(
        [
            said(
                UNION,
                "The union",
                "The union said the Port Board's inspection was reckless.",
                "the Port Board's inspection was reckless",
            ),
            said(
                FIRM,
                "Tessaly Freight",
                "Tessaly Freight blamed the storm for the delays.",
                "the storm for the delays",
                cue="blamed",
            ),
        ]
    )
    assert all(BOARD not in d.sides for d in found) and all(d.kind != "blame" for d in found)


def test_disputing_both_critiques_answers_the_two_speakers_before() -> None:
    found = apart(
        [
            said(UNION, "The union", "The union said the new rota was reckless.", "the new rota was reckless"),
            said(
                WITNESS,
                "Ilsa Moravec",
                "Ilsa Moravec said the rota was a serious lapse.",
                "the rota was a serious lapse",
            ),
            said(FIRM, "Tessaly Freight", "Tessaly Freight disputed both critiques.", "both critiques", cue="disputed"),
        ]
    )
    assert len(found) == 1 and {UNION, WITNESS, FIRM} <= set(found[0].sides)
    one = apart(
        [
            said(UNION, "The union", "The union said the new rota was reckless.", "the new rota was reckless"),
            said(
                WITNESS,
                "Ilsa Moravec",
                "Ilsa Moravec said the rota was a serious lapse.",
                "the rota was a serious lapse",
            ),
            said(FIRM, "Tessaly Freight", "Tessaly Freight disputed that critique.", "that critique", cue="disputed"),
        ]
    )
    assert len(one) == 1 and UNION not in one[0].sides  # "that critique": the speaker just before only


def test_what_a_side_undergoes_is_no_harmful_act_of_it() -> None:
    for text in ("The ministry said Valdoria had lost its identity.", "The port suffered heavy losses."):
        assert not any(t.via.startswith("harm ") for t in _stance(text).targets), text
    assert [t.via for t in _stance("The guards fired on the pickets.").targets] == ["harm fire"]


def test_remain_as_a_copula_is_no_retention() -> None:
    assert _stance("He remains the overwhelming second choice.").refusals == ()
    assert _stance("Stay calm, the board said.").refusals == ()
    assert "leave" in _stance("He will remain in office.").refusals


def test_a_call_to_leave_against_a_copula_remain_is_no_dispute() -> None:
    found = disputes_in_one_topic(
        [
            said(
                UNION,
                "The union",
                "The union said Otto Brandl should leave the board.",
                "Otto Brandl should leave the board",
            ),
            said(
                FIRM,
                "Tessaly Freight",
                "Tessaly Freight said it remains the largest employer.",
                "it remains the largest employer",
            ),
        ]
    )
    assert found == []


def test_a_figure_aimed_at_is_no_count() -> None:
    assert _stance("The ministry has a target to build 300 homes.").numbers == {}
    assert _stance("It fell short of its goal of releasing 4,000 pages.").numbers == {}
    assert _stance("The ministry built 300 homes.").numbers == {"n:home": ("300",)}


def test_a_goal_against_a_count_is_no_conflicting_figure() -> None:
    found = disputes_in_one_topic(
        [
            said(
                BOARD,
                "The board",
                "The board said its goal was to move 9,000 containers.",
                "its goal was to move 9,000 containers",
            ),
            said(
                UNION, "The union", "The union said the port moved 7,000 containers.", "the port moved 7,000 containers"
            ),
        ]
    )
    assert all("numbers" not in d.kinds for d in found)
