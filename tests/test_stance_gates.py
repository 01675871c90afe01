"""The stance reader's cheap gates (read from the document's lists) never turn away a token the full
reading accepts: on invented sentences with falsity words of every shape (a verb, an adjective, an adverb, a
hyphenated word, a phrasal verb)."""

from __future__ import annotations

from claims.nlp.lexemes import doc_lists
from claims.nlp.stance import StanceReader, _falsity, load_conflict_cues
from tests.nlp_support import nlp

SENTENCES = [
    "The union said the board lied about the figures.",
    "These baseless accusations are false and misleading, the manager said.",
    "She said the porters had made it up and that the figures were cherry-picked.",
    "He falsely claimed the warehouse was closed, a made-up story.",
    "The company said the report was untrue.",
]


def test_falsity_gate_keeps_every_falsity_word() -> None:
    reader = StanceReader(load_conflict_cues())
    words = reader.cues.falsity_words
    accepted = 0
    for text in SENTENCES:
        doc = nlp()(text)
        lists = doc_lists(doc)
        for t in doc:
            full = _falsity(t, words, reader.cues.speech_nouns)
            gate = reader.may_be_falsity(t.i, lists.words.lemmas[t.i], lists.columns.pos[t.i], lists.columns.lower)
            assert gate or not full, t.text
            accepted += full
    assert accepted >= 5  # the sentences do hold falsity words


def test_falsity_gate_turns_away_plain_words() -> None:
    reader = StanceReader(load_conflict_cues())
    doc = nlp()("The new warehouse opened on the river bank in the spring.")
    lists = doc_lists(doc)
    turned = [
        t.text
        for t in doc
        if not reader.may_be_falsity(t.i, lists.words.lemmas[t.i], lists.columns.pos[t.i], lists.columns.lower)
    ]
    assert "warehouse" in turned and "river" in turned
