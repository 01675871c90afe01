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


def test_flags_and_subtrees_are_what_the_tokens_give():
    from claims.nlp.lexemes import doc_lists

    doc = nlp()('"We will not pay," the minister, who spoke in Paris, told reporters on Monday.\n\nRain fell.')
    lists = doc_lists(doc)
    flags = lists.flags
    assert flags.starts == [t.idx for t in doc]
    assert flags.ends == [t.idx + len(t.text) for t in doc]
    assert flags.space == [t.is_space for t in doc] and any(flags.space)
    assert flags.punct == [t.is_punct for t in doc] and flags.alpha == [t.is_alpha for t in doc]
    for t in doc:
        assert lists.subtree(t.i) == [w.i for w in t.subtree]


def test_a_non_projective_subtree_keeps_spacys_order():
    from claims.nlp.lexemes import doc_lists

    # heads by hand: word 1's child 3 lies right of word 2, whose child 0 lies left of word 1
    doc = Doc(Vocab(), words=["a", "b", "c", "d"], heads=[2, 2, 2, 1], deps=["dep", "dep", "ROOT", "dep"])
    for t in doc:
        assert doc_lists(doc).subtree(t.i) == [w.i for w in t.subtree]


def test_char_span_at_positions_is_the_char_span_of_the_tokens():
    from claims.nlp.attribution import _char_span, _char_span_at, mark_quotes

    doc = nlp()('He said, "the plan failed." Then, she left -- quickly ... ')
    n = len(doc)
    for marked in (False, True):
        if marked:
            mark_quotes(doc)  # a stop inside a quotation stays
            assert any(doc.user_data["claims_quoted"].values())
        for lo in range(n):
            for hi in range(lo, n + 1):
                positions = list(range(lo, hi))
                assert _char_span_at(doc, positions) == _char_span([doc[i] for i in positions]), (lo, hi)
    skipping = [0, 2, 3, 5]
    assert _char_span_at(doc, skipping) == _char_span([doc[i] for i in skipping])
