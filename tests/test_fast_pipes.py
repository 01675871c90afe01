"""The lookup stand-ins for spaCy's attribute ruler and lemmatizer give the same tokens as spaCy's own."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from claims.nlp.fast_pipes import LookupAttributeRuler, LookupLemmatizer, use_lookup_pipes
from tests import nlp_support

SENTENCES = [
    "The minister said on Tuesday that the talks had failed.",
    "“We won't back down,” she told reporters, adding that they'd n't known.",
    "Isn't it true that he was n't there? Y'all know nothin' about it, y' know.",
    "Officials denied the claims, which were first reported by The Times in 2015.",
    "They're going to have to be quicker -- and cheaper -- than last year's 3.5% rise.",
    "According to the ministry, 1,200 people were evacuated as rivers rose.",
    "I'd've gone if I could, but I couldn't; gonna try again, wanna come?",
    "   Leading  spaces,\n\nblank lines\tand tabs are tokens too.  ",
    "She's been writing letters to whomever would read them, whilst he slept.",
    "Did you see the biggest, best-known geese running faster than mice?",
    "Prices fell sharply; analysts were surprised, saying demand had been underestimated.",
    "U.S. Sen. Smith (R-Texas) said: 'Not so fast.' Mr. O'Neil disagreed.",
    "",
]

ATTRS = ("text", "tag_", "pos_", "morph", "lemma_", "dep_", "ent_type_", "is_sent_start")


def tokens(doc: Doc) -> list[tuple[object, ...]]:
    return [tuple(str(getattr(t, a)) for a in ATTRS) + (t.head.i,) for t in doc]


@lru_cache(maxsize=1)
def pipelines() -> tuple[spacy.Language, spacy.Language]:
    name = nlp_support.analyzer().model_name
    plain, fast = spacy.load(name), spacy.load(name)
    use_lookup_pipes(fast)
    return plain, fast


def test_stand_ins_are_used_and_compiled() -> None:
    _, fast = pipelines()
    ruler, lemmatizer = fast.get_pipe("attribute_ruler"), fast.get_pipe("lemmatizer")
    assert isinstance(ruler, LookupAttributeRuler) and ruler.compiled
    assert isinstance(lemmatizer, LookupLemmatizer) and lemmatizer.supported and lemmatizer.own_rules
    assert fast.pipe_names == pipelines()[0].pipe_names
    use_lookup_pipes(fast)  # twice: nothing more is wrapped
    assert fast.get_pipe("attribute_ruler") is ruler


def test_our_pipeline_uses_them() -> None:
    nlp = nlp_support.nlp()
    assert isinstance(nlp.get_pipe("attribute_ruler"), LookupAttributeRuler)  # type: ignore[attr-defined]
    assert isinstance(nlp.get_pipe("lemmatizer"), LookupLemmatizer)  # type: ignore[attr-defined]


def test_nlp_pipe_goes_through_them(monkeypatch: pytest.MonkeyPatch) -> None:
    # nlp.pipe calls a component's own ``pipe``: it must not reach the wrapped spaCy components
    _, fast = pipelines()
    for name in ("attribute_ruler", "lemmatizer"):
        wrapped = fast.get_pipe(name)
        inner = wrapped.ruler if name == "attribute_ruler" else wrapped.lemmatizer  # type: ignore[attr-defined]
        monkeypatch.setattr(inner, "pipe", lambda *a, **k: pytest.fail("spaCy's own component ran"))
        monkeypatch.setattr(inner, "__call__", lambda *a, **k: pytest.fail("spaCy's own component ran"))
    assert [len(d) for d in fast.pipe(SENTENCES[:3])] == [len(fast.make_doc(t)) for t in SENTENCES[:3]]


@pytest.mark.parametrize("text", SENTENCES)
def test_same_tokens_as_spacy(text: str) -> None:
    plain, fast = pipelines()
    # twice: the second time from the stand-ins' caches
    for _ in range(2):
        assert tokens(fast(text)) == tokens(plain(text))


def test_same_tokens_in_a_batch_of_all_sentences() -> None:
    plain, fast = pipelines()
    text = "\n\n".join(SENTENCES[::-1])
    assert tokens(fast(text)) == tokens(plain(text))


def test_same_tokens_on_polnear_articles() -> None:
    path = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "train_articles.jsonl"
    if not path.exists():
        pytest.skip("PolNeAR data not available")
    with path.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(12), f, strict=False)]
    plain, fast = pipelines()
    for a, b in zip(plain.pipe(texts), fast.pipe(texts), strict=True):
        assert tokens(b) == tokens(a)


def hand_doc(vocab: spacy.vocab.Vocab) -> Doc:
    words = ["They", "do", "n't", "like", "nothin'", "but", "the", "red", "cars", " ", "y'", "know", "."]
    tags = ["PRP", "VBP", "RB", "VB", "NN", "CC", "DT", "JJ", "NNS", "_SP", "PRP", "VBP", "."]
    deps = ["nsubj", "aux", "neg", "ROOT", "dobj", "cc", "det", "amod", "conj", "dep", "nsubj", "conj", "punct"]
    heads = [3, 3, 3, 3, 3, 4, 8, 8, 4, 8, 11, 3, 3]
    return Doc(vocab, words=words, tags=tags, deps=deps, heads=heads)


PATTERNS = [
    {"patterns": [[{"TAG": "VBP"}]], "attrs": {"POS": "VERB", "MORPH": "Tense=Pres"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n'?t$"}, "TAG": "RB"}]], "attrs": {"POS": "PART", "LEMMA": "not"}},
    {"patterns": [[{"LOWER": {"IN": ["do", "does"]}}, {"LOWER": "n't"}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"LOWER": "the"}, {"TAG": "JJ"}, {"TAG": "NNS"}]], "attrs": {"LEMMA": "car"}, "index": -1},
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": "JJ"}]], "attrs": {"POS": "ADJ"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE", "TAG": "_SP", "DEP": "dep"}},
    {"patterns": [[{"TAG": "VBP"}], [{"LOWER": "like"}]], "attrs": {"MORPH": "Mood=Ind"}},  # overrides rule 0
    {"patterns": [[{"LOWER": "y'"}, {"LOWER": "know"}]], "attrs": {"LEMMA": "you"}},
]


def test_hand_written_rules_match_spacy_attribute_ruler() -> None:
    plain, _ = pipelines()
    ruler = AttributeRuler(plain.vocab)
    ruler.add_patterns(PATTERNS)
    fast = LookupAttributeRuler(ruler)
    assert fast.compiled
    expected, got = ruler(hand_doc(plain.vocab)), fast(hand_doc(plain.vocab))
    assert tokens(got) == tokens(expected)
    assert got[2].lemma_ == "not" and got[1].pos_ == "AUX" and got[8].lemma_ == "car"
    assert str(got[1].morph) == "Mood=Ind"


def test_rules_it_cannot_express_go_to_spacy() -> None:
    plain, _ = pipelines()
    ruler = AttributeRuler(plain.vocab)
    ruler.add_patterns([*PATTERNS, {"patterns": [[{"TAG": "JJ", "OP": "+"}]], "attrs": {"LEMMA": "x"}}])
    fast = LookupAttributeRuler(ruler)
    assert not fast.compiled
    assert tokens(fast(hand_doc(plain.vocab))) == tokens(ruler(hand_doc(plain.vocab)))
