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
    ((source, cue, content),) = find("“We will not back down,” said Governor Ana Ruiz.")
    assert source == "Governor Ana Ruiz" and cue == "said"
    assert content == "“We will not back down,”"


def test_auxiliary_is_part_of_cue_and_object_content(find):
    result = find("The opposition has blamed the government for the blackout.")
    assert result == [("The opposition", "has blamed", "the government for the blackout")]


def test_two_attributions_in_one_sentence(find):
    result = find("Paris has blamed smugglers for the fire, while Rome has accused the port authority of negligence.")
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
    # what the quotation says after the cue is also a claim of its own, by the same speaker (no source)
    assert rest == [(None, "", "“It will pass.”")]


def test_each_sentence_of_a_quotation_resumed_after_the_cue_is_a_claim(find):
    text = "“The audit is wrong,” said Dr. Amal Rhee, the board's chair. “We kept every record. We will appeal.”\n"
    (source, _, content), *rest = find(text)
    assert source == "Dr. Amal Rhee"
    assert content.startswith("“The audit is wrong,”") and content.endswith("We will appeal.”")
    assert rest == [(None, "", "“We kept every record."), (None, "", "We will appeal.”")]
    # a quotation mark left alone on a line is no claim
    assert all(r[2].strip('“”" ') for r in find(text + "”\n"))


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
    ((source, cue, content),) = find("Riding alone at night, they said, can be dangerous.")
    assert (source, cue) == ("they", "said")
    assert content.startswith("Riding alone") and content.endswith("can be dangerous")


def test_quotation_before_cue_with_a_topic_phrase(find):
    assert find('"Absolutely not," he said of the proposal.') == [("he", "said", '"Absolutely not,"')]


def test_mixed_content_grows_over_the_resumed_quotation(find):
    text = "Yet the plan is also a “real change,” Cole said. “People want it now.”"
    (source, cue, content), *_ = find(text)
    assert source == "Cole" and content.startswith("Yet the plan") and content.endswith("now.”")


def test_opening_quote_does_not_cut_an_object_complement(find):
    assert find("The professor called it “an incredibly significant development.”") == [
        ("The professor", "called", "it “an incredibly significant development.”")
    ]


def test_cue_sentence_of_its_own_takes_the_quotation_before_it(find):
    result = find("“We are ready. We will win the final.” The coach said.")
    assert result[0] == ("The coach", "said", "“We are ready. We will win the final.”")


def test_topic_verb_reports_its_particle_object(find):
    assert find("The senator talked about the budget for an hour.") == [("The senator", "talked about", "the budget")]


def test_topic_verb_without_its_particle_is_no_cue(find):
    assert find("The senator talked for an hour.") == []


def test_gerund_after_preposition_inherits_the_clause_subject(find):
    result = find("The judge began the hearing by asking whether the witness was present.")
    assert ("The judge", "asking", "whether the witness was present") in result


def test_ask_for_takes_the_prepositional_object(find):
    assert find("The union asked for a pay rise.") == [("The union", "asked for", "a pay rise")]


def test_embedded_question_of_ask_is_the_content(find):
    result = find("The reporter asked the minister if the plan would survive the vote.")
    assert result == [("The reporter", "asked", "if the plan would survive the vote")]


def test_issuer_of_a_statement_is_the_source(find):
    result = find("The ministry issued a statement saying that the talks would resume.")
    assert result == [("The ministry", "saying", "that the talks would resume")]


def test_possessive_reporting_noun_with_that_clause(find):
    result = find("The mayor's claim that the bridge is safe was disputed by engineers.")
    assert ("The mayor's", "claim", "that the bridge is safe") in result


def test_possessive_reporting_noun_with_its_complement(find):
    assert find("Her attacks on the press have grown sharper.") == [("Her", "attacks on", "the press")]


def test_possessive_noun_object_of_a_cue_verb_is_left_to_the_verb(find):
    result = find("The minister repeated her claim that the tax was fair.")
    assert all(cue != "claim" for _, cue, _ in result)


def test_participle_on_a_noun_takes_the_noun_as_source(find):
    result = find("The share of voters saying the economy is improving has doubled.")
    assert result == [("The share of voters", "saying", "the economy is improving")]


def test_cue_under_an_adjective_inherits_the_subject(find):
    result = find("Voters were more likely to say the economy was improving.")
    assert result == [("Voters", "to say", "the economy was improving")]


def test_it_said_is_an_attribution(find):
    result = find("The company said it would appeal. It said the ruling was wrong.")
    assert ("It", "said", "the ruling was wrong") in result


def test_it_is_still_no_source_of_other_cues(find):
    assert find("It shows the limits of the plan.") == []


def test_quotation_resumes_after_a_long_cue_clause(find):
    text = "''We are ready,'' Ms. Lee said, thanking the many supporters in the hall. ''We will win.''"
    source, cue, content = find(text)[0]
    assert (source, cue) == ("Ms. Lee", "said")
    assert content.startswith("''We are ready") and content.endswith("We will win.''")


def test_general_reporting_verbs(find):
    assert find("The senator assailed the plan as reckless.") == [("The senator", "assailed", "the plan as reckless")]
    assert find("The governor reaffirmed that the state would not raise taxes.") == [
        ("The governor", "reaffirmed", "that the state would not raise taxes")
    ]


def test_another_speakers_clause_is_cut_from_the_content(find):
    result = find("Most voters said the economy was weak, while a third said it was improving.")
    assert ("Most voters", "said", "the economy was weak") in result
    assert ("a third", "said", "it was improving") in result


def test_continue_to_is_aspect_not_speech(find):
    assert all(cue != "continue" for _, cue, _ in find("Analysts continue to doubt the forecast."))
    assert find("“We will fight on,” she continued.") == [("she", "continued", "“We will fight on,”")]


def test_interview_labels_are_not_speakers(find):
    assert find("Q: Will you run again?\nA: I have not decided yet.") == []


def test_headline_label_noun_before_colon(find):
    assert find("Poll: Voters back the new tax plan.") == [("Poll", ":", "Voters back the new tax plan")]


def test_headline_colon_holds_the_cues_of_its_content(find):
    assert find("Senator Diaz: I believe the budget is a disaster.") == [
        ("Senator Diaz", ":", "I believe the budget is a disaster")
    ]


def test_transcript_turn_takes_the_rest_of_the_paragraph(find):
    result = find("MORALES:\nWe have to protect the river. It is our water.\n\nThe vote is on Monday.")
    assert result[0] == ("MORALES", ":", "We have to protect the river. It is our water")


def test_call_for_an_infinitive_clause(find):
    assert find("The union called for the minister to resign over the scandal.") == [
        ("The union", "called for", "the minister to resign over the scandal")
    ]


def test_sentence_final_according_to_reports_the_whole_sentence(find):
    result = find(
        "The plant will close next year and most of its workers will be moved to other sites, according to the company."
    )
    assert result == [
        (
            "the company",
            "according to",
            "The plant will close next year and most of its workers will be moved to other sites",
        )
    ]


def test_according_to_source_keeps_its_relative_clause(find):
    result = find("The mayor said the bridge would reopen in May, according to two officials who attended the meeting.")
    assert result[0][0] == "two officials who attended the meeting"


def test_according_to_is_cut_from_a_nested_report(find):
    result = find("The senator said that the bill passed easily, according to a local newspaper.")
    assert ("a local newspaper", "according to", "The senator said that the bill passed easily") in result
    assert ("The senator", "said", "that the bill passed easily") in result


def test_cue_verb_inside_a_reported_clause_is_not_a_second_report(find):
    # "continue" can report speech ("..., he continued."), but here it is what the spokesman reports
    assert find("A spokesman said the operation would continue.") == [
        ("A spokesman", "said", "the operation would continue")
    ]


def test_a_refusal_to_speak_reports_nothing(find):
    assert find("The company declined to comment.") == []
    assert find("A spokeswoman for the council refused to elaborate.") == []
    # a refusal that names what was not said is still reported
    assert [c for _, _, c in find("The senator refused to say whether she would vote for the bill.")]
