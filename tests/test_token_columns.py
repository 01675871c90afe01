"""The per-document token columns (claims.nlp.lexemes.token_columns) give what the tokens give."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from claims.nlp.lexemes import token_columns
from tests.nlp_support import nlp


def test_columns_are_the_tokens_strings_on_a_parsed_text():
    doc = nlp()("The mayor's office said on Tuesday that the bridge, closed since May, would reopen.")
    columns = token_columns(doc)
    assert columns.pos == [t.pos_ for t in doc]
    assert columns.tag == [t.tag_ for t in doc]
    assert columns.dep == [t.dep_ for t in doc]
    assert columns.lower == [t.lower_ for t in doc]
    assert "VERB" in columns.pos and "nsubj" in columns.dep and columns.lower[1] == "mayor"


def test_columns_follow_the_document_asked_about():
    first = nlp()("Officials denied it.")
    second = nlp()("Rain fell in the north and the rivers rose.")
    assert token_columns(first).lower == ["officials", "denied", "it", "."]
    assert token_columns(second).lower[0] == "rain"
    assert token_columns(first).pos == [t.pos_ for t in first]


def test_an_unannotated_doc_has_empty_labels_and_an_empty_doc_no_rows():
    doc = Doc(nlp().vocab, words=["Hello", "World"])  # words only: no tags, no parse
    columns = token_columns(doc)
    assert columns.lower == ["hello", "world"]
    assert columns.pos == ["", ""] and columns.tag == ["", ""] and columns.dep == ["", ""]
    empty = token_columns(Doc(Vocab(), words=[]))
    assert (empty.pos, empty.tag, empty.dep, empty.lower) == ([], [], [], [])


def test_words_are_what_the_token_readers_give():
    from claims.nlp.features import _event_stem, event_stem, prepare
    from claims.nlp.lexemes import _word_feature, doc_lists, lemma_of

    verbs = prepare(nlp())
    doc = nlp()(
        "The ferry sank near the coast on Monday, and 40 passengers were rescued after the collapse of the "
        "pier; officials said the suspension of services in Paris would continue."
    )
    words = doc_lists(doc).words
    assert words.lemmas == [lemma_of(t) for t in doc]
    assert words.features == [_word_feature(t) for t in doc]
    assert words.ent_types == [t.ent_type_ for t in doc]
    assert [event_stem(t, verbs) for t in doc] == [_event_stem(t, verbs) for t in doc]
    # what the sentence holds: a stop word and a number have no feature, a reporting verb no event
    by_text = {t.text: i for i, t in enumerate(doc)}
    assert words.features[by_text["the"]] is None and words.features[by_text["40"]] is None
    assert words.features[by_text["ferry"]] == "ferry"
    assert event_stem(doc[by_text["said"]], verbs) is None
    assert event_stem(doc[by_text["suspension"]], verbs) == "suspend"
    assert "GPE" in words.ent_types
