"""Replies and opposite readings of issue 11's second pass, on invented sentences (fictional unions, boards,
companies and countries; no corpus text): each reading with a conflict it finds and non-conflicts it must
leave alone (agreement, one side, different matters)."""

from __future__ import annotations

from claims.analysis.disputes import Dispute, find_disputes
from claims.analysis.topics import Topic
from claims.types import ParsedStance
from tests.nlp_support import nlp
from tests.test_dispute_kinds import BOARD, FIRM, UNION, apart, claims_of, disputes_in_one_topic, said

V, K = "Valdoria", "Kestrania"


def _stance(text: str) -> ParsedStance:
    from claims.nlp.stance import read_stance

    doc = nlp()(text)
    return read_stance(doc, list(doc))


# ------------------------------------------------------------------------------------------ no plans to act


def test_no_plans_to_act_refuses_the_act() -> None:
    assert "open" in _stance("The ministry said it had no plans to open a second depot.").refusals
    assert "leave" in _stance("The coach said he had no intention of leaving the club.").refusals
    assert "open" not in _stance("The ministry said it plans to open a second depot.").refusals


def test_call_against_no_plans_is_a_dispute_and_agreement_is_not() -> None:
    call = said(
        UNION,
        "The union",
        "The union urged the board to open a second depot.",
        "the board to open a second depot",
        cue="urged",
    )
    (found,) = disputes_in_one_topic(
        [
            call,
            said(
                BOARD,
                "The Port Board",
                "The Port Board said it had no plans to open a second depot.",
                "it had no plans to open a second depot",
            ),
        ]
    )
    assert "refusal" in found.kinds and set(found.sides) == {UNION, BOARD}
    agreeing = said(
        BOARD,
        "The Port Board",
        "The Port Board said it had plans to open a second depot.",
        "it had plans to open a second depot",
    )
    assert disputes_in_one_topic([call, agreeing]) == []
    other_act = said(
        BOARD,
        "The Port Board",
        "The Port Board said it had no plans to close the canteen.",
        "it had no plans to close the canteen",
    )
    assert disputes_in_one_topic([call, other_act]) == []


# ----------------------------------------------------------------------------------------- harm denied


def test_harm_said_not_to_be_there_is_a_denial() -> None:
    for text in (
        "The works cause no significant harm to the river.",
        "There were no injuries and no damage to the depot.",
        "No crime was committed at the depot.",
    ):
        assert _stance(text).denials, text
    for text in (
        "There is no doubt about the timetable.",  # not harm (the opinion lexicon rates "doubt" mildly)
        "Make no mistake about the new rota.",
        "The works caused serious harm to the river.",
        # negated verbs are not read as denials of harm: in political news they mostly deny no harm done
        "The board said its guards did not attack the pickets.",
        "The board said it did not block the bill.",
        "The board said it does not condone violence.",
        "The board said its guards did not solve the problem.",
    ):
        assert not _stance(text).denials, text


def test_accusation_of_harm_against_its_denial_across_topics() -> None:
    found = apart(
        [
            said(
                UNION,
                "The union",
                "The union said the dredging of the harbour had damaged the river.",
                "the dredging of the harbour had damaged the river",
            ),
            said(
                FIRM,
                "Tessaly Freight",
                "Tessaly Freight said the dredging of the harbour caused no harm.",
                "the dredging of the harbour caused no harm",
            ),
        ]
    )
    assert len(found) == 1 and "denial" in found[0].kinds and set(found[0].sides) == {UNION, FIRM}
    # the same side saying both is no dispute
    assert (
        apart(
            [
                said(
                    UNION,
                    "The union",
                    "The union said the dredging of the harbour had damaged the river.",
                    "the dredging of the harbour had damaged the river",
                ),
                said(
                    UNION,
                    "The union",
                    "The union said the dredging of the harbour caused no harm to fish.",
                    "the dredging of the harbour caused no harm to fish",
                ),
            ]
        )
        == []
    )


# ------------------------------------------------------------------------------------- "she made it up"


def test_made_it_up_rebuts_what_was_just_said() -> None:
    st = _stance("She just made it up.")
    assert st.denials and st.refers_back
    assert not _stance("She made up her mind.").refers_back
    assert not _stance("The board is made up of five harbour masters.").denials  # what it consists of
    assert not _stance("These are the three groups that made up the coalition.").denials
    assert _stance("The union said the board had made up the figures.").denials
    assert _stance("The union said the board was making things up.").denials
    assert not _stance("The porters worked late to make up for lost time.").denials
    found = apart(
        [
            said(
                UNION,
                "The union",
                "The union said guards had pushed a porter off the quay.",
                "guards had pushed a porter off the quay",
            ),
            said(BOARD, "The Port Board", "The Port Board said the union had made it up.", "the union had made it up"),
        ]
    )
    assert len(found) == 1 and found[0].kind in {"rebuttal", "denial"}


# ------------------------------------------------------------------------------------------- copulas


def test_a_copula_asserted_and_negated_of_one_subject_is_a_contradiction() -> None:
    (found,) = disputes_in_one_topic(
        [
            said(
                V,
                "Valdoria",
                "Valdoria said Kestrania was no longer a democracy.",
                "Kestrania was no longer a democracy",
            ),
            said(
                K,
                "Kestrania",
                "Kestrania said Kestrania will always be a democracy.",
                "Kestrania will always be a democracy",
            ),
        ]
    )
    assert "polarity" in found.kinds
    # the same on both sides, of different subjects, or of a pronoun: no contradiction
    assert (
        disputes_in_one_topic(
            [
                said(V, "Valdoria", "Valdoria said Kestrania was a democracy.", "Kestrania was a democracy"),
                said(
                    K,
                    "Kestrania",
                    "Kestrania said Kestrania will always be a democracy.",
                    "Kestrania will always be a democracy",
                ),
            ]
        )
        == []
    )
    assert (
        disputes_in_one_topic(
            [
                said(
                    V,
                    "Valdoria",
                    "Valdoria said Lumeria was no longer a democracy.",
                    "Lumeria was no longer a democracy",
                ),
                said(
                    K,
                    "Kestrania",
                    "Kestrania said Kestrania will always be a democracy.",
                    "Kestrania will always be a democracy",
                ),
            ]
        )
        == []
    )
    assert _stance("It is not a problem.").predicates == ()


# --------------------------------------------------------------------------- precision: readings that blame nothing


def test_what_caused_a_feeling_is_no_agent_and_good_news_no_culprit() -> None:
    assert [t.via for t in _stance("The board was not surprised by the union's decision.").targets] == []
    assert [t.via for t in _stance("The board said the ferry was damaged by the union's pickets.").targets] == ["by"]
    assert [t.via for t in _stance("It was good news for every porter.").targets] == []
    assert [t.via for t in _stance("It was the union's pickets.").targets] == ["it was"]


def test_withholding_is_no_denial() -> None:
    for text in (
        "He was denied bail.",
        "The board denied them entry to the quay.",
        "The plan gives porters a say that other staff have been denied.",
    ):
        assert not _stance(text).denials, text
    for text in ("The board denied the claim.", "The claim was denied by the board."):
        assert _stance(text).denials, text


# ------------------------------------------------------------------------- one dispute cut in two by the topics


def _two_topics(second_board: str) -> list[Dispute]:
    """The union and the board in two topics of one document, each topic a dispute between them."""
    paragraphs = [
        said(
            UNION,
            "The union",
            "The union said the closure of the quay was unjustified.",
            "the closure of the quay was unjustified",
        ),
        said(
            BOARD,
            "The Port Board",
            "The Port Board said the closure of the quay was justified.",
            "the closure of the quay was justified",
        ),
        said(UNION, "The union", "The union said the pay offer was unfair.", "the pay offer was unfair"),
        said(BOARD, "The Port Board", second_board, second_board.removeprefix("The Port Board said ").rstrip(".")),
    ]
    text, claims = claims_of(paragraphs)
    topics = [Topic(id=0, label="a", claim_ids=[0, 1]), Topic(id=1, label="b", claim_ids=[2, 3])]
    return find_disputes(topics, claims, {"d": text}, nlp=nlp())


def test_one_dispute_the_topics_cut_in_two_is_one_dispute() -> None:
    # the board's second claim also praises the closure the union condemned in the first topic: one dispute
    (one,) = _two_topics("The Port Board said the pay offer was fair and the closure of the quay was sensible.")
    assert set(one.sides) == {UNION, BOARD} and sorted(one.claim_ids) == [0, 1, 2, 3]
    # two matters between the same two sides, nothing tying their claims: two disputes (as the example
    # article's convoy attack and suspension of cooperation)
    two = _two_topics("The Port Board said the pay offer was fair.")
    assert len(two) == 2 and all(set(d.sides) == {UNION, BOARD} for d in two)


# ---------------------------------------------------------------- a proposal dismissed "as unworkable"


def test_calling_a_proposal_unworkable_dismisses_it() -> None:
    st = _stance("The minister described their proposal as unworkable and misguided.")
    assert "unworkable" in st.denials and st.refers_back
    assert (-1, ("plan", "union")) in _stance("The board described the union's plan as unworkable.").evaluations
    # said of a thing and not of something said, praise, or a negated verb: no dismissal
    for text in (
        "The council described the new bridge as too expensive.",
        "The minister described his proposal as sensible and realistic.",
        "The minister did not describe his proposal as unrealistic.",
    ):
        assert not _stance(text).denials, text
    assert (1, ("proposal",)) in _stance("The minister did not describe his proposal as unrealistic.").evaluations


def test_a_proposal_called_unrealistic_answers_the_one_who_made_it() -> None:
    proposal = said(
        UNION,
        "The union",
        "The union said every porter should get a four-day week.",
        "every porter should get a four-day week",
    )
    found = apart(
        [
            proposal,
            said(
                BOARD,
                "The Port Board",
                "The Port Board described the proposal as unrealistic.",
                "the proposal as unrealistic",
                cue="described",
            ),
        ]
    )
    assert len(found) == 1 and found[0].kind == "rebuttal" and set(found[0].sides) == {UNION, BOARD}
    praised = said(
        BOARD,
        "The Port Board",
        "The Port Board described the proposal as sensible.",
        "the proposal as sensible",
        cue="described",
    )
    assert apart([proposal, praised]) == []
