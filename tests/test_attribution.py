"""Rule tests for the attribution finder, on sentences written for the tests."""

from __future__ import annotations

import pytest

from claims.nlp.attribution import RuleAttributor, quotation_char_spans
from tests import nlp_support


@pytest.fixture(scope="module")
def find():
    spacy_nlp = nlp_support.nlp()
    attributor = RuleAttributor()

    def run(text: str) -> list[tuple[str | None, str, str]]:
        doc = spacy_nlp(text)
        out = []
        for a in attributor(doc):
            source = text[a.source[0] : a.source[1]] if a.source else None
            cue = " ".join(text[s:e] for s, e in a.cue)
            out.append((source, cue, text[a.content[0] : a.content[1]]))
        return out

    return run


def test_subject_said_that_clause(find):
    assert find("The mayor said that the bridge would reopen in May.") == [
        ("The mayor", "said", "that the bridge would reopen in May")
    ]


def test_parenthetical_cue_after_content(find):
    assert find("The bridge will reopen in May, the mayor said.") == [
        ("the mayor", "said", "The bridge will reopen in May")
    ]


def test_inverted_cue_with_quotation(find):
    (source, cue, content), = find("“We will not back down,” said Governor Ana Ruiz.")
    assert source == "Governor Ana Ruiz" and cue == "said"
    assert content == "“We will not back down,”"


def test_auxiliary_is_part_of_cue_and_object_content(find):
    result = find("The opposition has blamed the government for the blackout.")
    assert result == [("The opposition", "has blamed", "the government for the blackout")]


def test_two_attributions_in_one_sentence(find):
    result = find(
        "Paris has blamed smugglers for the fire, while Rome has accused the port authority of negligence."
    )
    sources = {r[0] for r in result}
    assert sources == {"Paris", "Rome"}
    contents = {r[0]: r[2] for r in result}
    assert contents["Paris"] == "smugglers for the fire"
    assert contents["Rome"].startswith("the port authority of negligence")


def test_according_to(find):
    result = find("According to the ministry, exports fell by a third last year.")
    assert result == [("the ministry", "According to", "exports fell by a third last year")]


def test_participle_inherits_subject(find):
    result = find("The minister spoke at a forum in Oslo, saying: “The deal is dead.”")
    assert ("The minister", "saying", "“The deal is dead.”") in result


def test_relative_pronoun_source_is_kept_as_written_with_its_antecedent(find):
    result = find("The plan was announced by the senator, who expressed hope that the vote would pass.")
    assert ("senator, who", "expressed hope", "that the vote would pass") in result


def test_reported_clause_stops_before_a_final_which_aside(find):
    result = find("The union said it was ending the strike, which had lasted for nine weeks.")
    assert result == [("The union", "said", "it was ending the strike")]


def test_document_subject_reads(find):
    result = find("“Talks will resume on Monday,” the statement reads.")
    assert result and result[0][0] == "the statement" and result[0][1] == "reads"


def test_read_needs_a_document_subject(find):
    assert find("The children read that book every night.") == []


def test_headline_dash_attribution(find):
    result = find("Talks on the border dispute to resume next week – Ankara\n\nMore text follows here.")
    assert result[0] == ("Ankara", "–", "Talks on the border dispute to resume next week")


def test_headline_colon_attribution(find):
    result = find("Senator Diaz: The budget is a disaster for farmers\n\nThe budget passed on Friday.")
    assert result[0][0] == "Senator Diaz" and result[0][1] == ":"


def test_quote_continues_over_sentences_and_keeps_speaker(find):
    text = "The coach said: “We played badly. Next week will be different.”"
    result = find(text)
    assert result[0][0] == "The coach"
    # the quotation is one content, and its second sentence is also a claim of the same speaker
    assert "Next week will be different" in result[0][2]
    assert any(r[0] is None and r[2].startswith("Next week") for r in result[1:])


def test_interrupted_quotation_is_one_content(find):
    text = "“The plan is sound,” Ms. Lee said. “It will pass.”"
    (source, cue, content), *rest = find(text)
    assert source == "Ms. Lee" and content.endswith("It will pass.”")


def test_cue_inside_someone_elses_quote_is_not_a_new_attribution(find):
    result = find("“I think the vote is rigged,” the candidate said.")
    assert [r[0] for r in result] == ["the candidate"]


def test_told_object_is_the_listener_not_the_content(find):
    result = find("The general told reporters that the troops would stay.")
    assert result == [("The general", "told", "that the troops would stay")]


def test_plain_narration_has_no_attribution(find):
    assert find("The river flooded the valley after three days of rain.") == []


def test_infinitive_with_other_agent_is_not_attributed(find):
    assert find("The judge asked the jury to consider the evidence again.")[0][0] == "The judge"
    assert all(r[0] != "the jury" for r in find("The judge asked the jury to consider the evidence again."))


def test_quotation_spans_pair_marks_within_paragraphs():
    text = "He said “yes” and ''no''.\n\nAn “unclosed mark\n\nstays in its paragraph."
    spans = quotation_char_spans(text)
    assert [text[s:e] for s, e in spans] == ["“yes”", "''no''"]


def test_interrupting_cue_content_runs_around_it(find):
    (source, cue, content), = find("Riding alone at night, they said, can be dangerous.")
    assert (source, cue) == ("they", "said")
    assert content.startswith("Riding alone") and content.endswith("can be dangerous")


def test_quotation_before_cue_with_a_topic_phrase(find):
    assert find('"Absolutely not," he said of the proposal.') == [("he", "said", '"Absolutely not,"')]


def test_mixed_content_grows_over_the_resumed_quotation(find):
    text = "Yet the plan is also a “real change,” Cole said. “People want it now.”"
    (source, cue, content), *_ = find(text)
    assert source == "Cole" and content.startswith("Yet the plan") and content.endswith("now.”")
