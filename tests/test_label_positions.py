"""Label candidates read on token positions: the text of any run of positions (with gaps) is what the
Token-based join gives, and the children from the heads are spaCy's own (invented sentences)."""

from __future__ import annotations

from claims.nlp.features import _join, _join_at
from claims.nlp.lexemes import doc_lists
from tests.nlp_support import nlp

TEXT = 'The Port Board  said on Monday that the "new schedule" was unworkable, and the porters\' union disagreed.'


def test_join_at_gives_the_token_join_for_every_run() -> None:
    doc = nlp()(TEXT)
    lists = doc_lists(doc)
    n = len(doc)
    for a in range(n):
        for b in range(a + 1, min(n, a + 7) + 1):
            for gap in (None, a + 1):
                positions = [i for i in range(a, b) if i != gap]
                if positions:
                    assert _join_at(lists.text, lists.flags, positions) == _join([doc[i] for i in positions])


def test_children_are_spacys() -> None:
    doc = nlp()(TEXT)
    kids = doc_lists(doc).children()
    assert [kids[t.i] for t in doc] == [[c.i for c in t.children] for t in doc]
    assert any(kids)  # the sentence is parsed
