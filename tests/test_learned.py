"""The learned attribution layer (claims.nlp.learned): training on hand-written articles, shipped weights."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.nlp.components import ATTRIBUTORS, AttributionComponent, ClaimsComponent, doc_to_analysis
from claims.nlp.learned.linear import LinearModel
from claims.nlp.learned.model import LearnedAttributor, shipped_model_path
from claims.nlp.pipeline import PIPELINE_VERSION
from claims.services.training import read_gold, train
from tests.nlp_support import analyzer

# Hand-written for these tests (no corpus text). "grumble" is not in the rules' cue lexicon: the model has
# to learn it as a cue from the examples, and that "visited" and "painted" are not cues.
PEOPLE = ["Anna Berg", "Tomas Wik", "Lena Dahl", "Oskar Lund", "Greta Holm", "Nils Ek", "Sara Falk", "Erik Strom"]
COMPLAINTS = [
    "the ferry fares were unfair",
    "the new bridge was far too narrow",
    "the council ignored the fishermen",
    "the harbour lights stayed off all winter",
    "the market closed much too early",
    "the school buses were always late",
    "the museum charged visitors twice",
    "the parking rules changed every month",
]
PLACES = ["the old harbour", "the northern market", "the town library", "the ferry terminal"]


def _article(k: int) -> dict:
    person, other = PEOPLE[k % len(PEOPLE)], PEOPLE[(k + 3) % len(PEOPLE)]
    complaint = COMPLAINTS[k % len(COMPLAINTS)]
    place = PLACES[k % len(PLACES)]
    text = (
        f"Town news {k}\n\n"
        f"{other} visited {place} on Monday with a group of students.\n\n"
        f"{person} grumbled that {complaint}.\n\n"
        f"{other} painted the fence of {place} in the afternoon."
    )
    attributions = []
    start = text.index(f"{person} grumbled")
    content_start = text.index(complaint, start)
    attributions.append(
        {
            "source": [{"start": start, "end": start + len(person)}],
            "cue": [{"start": start + len(person) + 1, "end": start + len(person) + 1 + len("grumbled")}],
            "content": [{"start": content_start, "end": content_start + len(complaint)}],
        }
    )
    return {"article": f"town-{k}", "text": text, "attributions": attributions}


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("scipy")  # training needs the [train] extra
    out = tmp_path_factory.mktemp("learned")
    gold = out / "gold.jsonl"
    gold.write_text("".join(json.dumps(_article(k)) + "\n" for k in range(16)), encoding="utf-8")
    train(gold, None, out, folds=2, l2=0.5, nlp=analyzer().nlp, log=lambda *_: None)
    return out


def _attributions(attributor, text: str) -> list[tuple[str | None, str]]:  # type: ignore[no-untyped-def]
    doc = analyzer().nlp.make_doc(text)
    for _, proc in analyzer().nlp.pipeline:
        if isinstance(proc, (AttributionComponent, ClaimsComponent)):
            break
        doc = proc(doc)
    out = []
    for a in attributor(doc):
        source = text[a.source[0] : a.source[1]] if a.source else None
        out.append((source, text[a.content[0] : a.content[1]]))
    return out


def test_tiny_model_predicts_what_it_was_taught(tiny_model: Path) -> None:
    text = (
        "Harbour week\n\nPeter Moss visited the fish market on Friday.\n\n"
        "Ingrid Sand grumbled that the tram stop was moved again."
    )
    rules = _attributions(ATTRIBUTORS["rules"](), text)
    assert not any(s == "Ingrid Sand" for s, _ in rules)  # the rules do not know the cue
    for mode in ("model", "hybrid"):
        found = _attributions(LearnedAttributor(mode, model_path=tiny_model), text)
        assert any(s == "Ingrid Sand" and "the tram stop was moved again" in c for s, c in found), (mode, found)
        assert not any(s == "Peter Moss" for s, _ in found), (mode, found)


def test_training_is_reproducible(tiny_model: Path, tmp_path: Path) -> None:
    gold = tiny_model / "gold.jsonl"
    train(gold, None, tmp_path, folds=2, l2=0.5, nlp=analyzer().nlp, log=lambda *_: None)
    first = json.loads((tiny_model / "attribution.json").read_text(encoding="utf-8"))
    again = json.loads((tmp_path / "attribution.json").read_text(encoding="utf-8"))
    first["meta"].pop("seconds")
    again["meta"].pop("seconds")
    assert first == again


def test_corrections_replace_gold_articles(tmp_path: Path) -> None:
    base, fix = tmp_path / "gold.jsonl", tmp_path / "fix.jsonl"
    base.write_text(json.dumps(_article(0)) + "\n" + json.dumps(_article(1)) + "\n", encoding="utf-8")
    corrected = {**_article(1), "attributions": []}
    fix.write_text(json.dumps(corrected) + "\n", encoding="utf-8")
    merged = read_gold([base, fix])
    assert sorted(merged) == ["town-0", "town-1"]
    assert merged["town-1"]["attributions"] == [] and merged["town-0"]["attributions"]


def test_shipped_weights_load_and_attribute() -> None:
    assert shipped_model_path().is_file()
    model = LinearModel.load(shipped_model_path())
    assert model.weights and set(model.thresholds) >= {"model_add", "hybrid_add"}
    text = "Bridge plans\n\nThe mayor said the bridge would reopen in May after the repairs."
    for name in ("hybrid", "model"):
        found = _attributions(ATTRIBUTORS[name](), text)
        assert any(s == "The mayor" and "the bridge would reopen in May" in c for s, c in found), (name, found)


def test_hybrid_in_the_pipeline() -> None:
    import spacy

    from claims.nlp.components import add_claims_components

    nlp = spacy.load(analyzer().model_name)
    add_claims_components(nlp, attributor="hybrid")
    text = "Ferry strike\n\n“We will not sail until the contract is signed,” said Mara Olsen, a union leader."
    analysis = doc_to_analysis(nlp(text), PIPELINE_VERSION)
    attributed = [c for c in analysis.claims if c.kind != "unattributed"]
    assert attributed and attributed[0].speaker is not None and "Mara Olsen" in attributed[0].speaker.name


def test_claims_train_command_writes_a_model_that_the_pipeline_loads(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    import claims.cli.common
    from claims.cli import app

    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(_article(k)) + "\n" for k in range(16)), encoding="utf-8")
    out = tmp_path / "model"
    saved = claims.cli.common.analyzer_factory
    try:
        result = CliRunner().invoke(app, ["train", "--gold", str(gold), "-o", str(out), "--seed", "3"])
    finally:
        claims.cli.common.analyzer_factory = saved
    assert result.exit_code == 0, result.stderr
    assert (out / "attribution.json").is_file() and "model written to" in result.stdout
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    failed = CliRunner().invoke(app, ["train", "--gold", str(bad), "-o", str(tmp_path / "x")])
    assert failed.exit_code != 0 and "Traceback" not in failed.stderr


def test_reviewed_claims_export_as_training_gold(tmp_path: Path) -> None:
    """`claims export training`: a fully reviewed document becomes a gold article (accepted and corrected
    claims, rejected ones left out), which `claims train --from-corrections` and `evaluate` read."""
    from typer.testing import CliRunner

    import claims.cli.common
    from claims.cli import app

    article = _article(0)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "town-0", "text": article["text"]})
        + "\n"
        + json.dumps({"id": "other", "text": "Officials said the road would reopen soon."})
        + "\n",
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'claims.db'}"
    saved = claims.cli.common.analyzer_factory
    claims.cli.common.analyzer_factory = lambda model: analyzer()
    try:
        run = CliRunner()
        assert run.invoke(app, ["--db", db, "ingest", str(feed)]).exit_code == 0
        records = [json.loads(line) for line in run.invoke(app, ["--db", db, "export", "claims"]).stdout.splitlines()]
        town = [r for r in records if r["document"]["external_id"] == "town-0" and r["kind"] != "unattributed"]
        assert town
        assert run.invoke(app, ["--db", db, "export", "training"]).stdout == ""  # nothing reviewed yet
        for record in town[1:]:
            assert run.invoke(app, ["--db", db, "correct", str(record["id"]), "--reject"]).exit_code == 0
        assert run.invoke(app, ["--db", db, "correct", str(town[0]["id"]), "--accept"]).exit_code == 0
        out = tmp_path / "training.jsonl"
        result = run.invoke(app, ["--db", db, "export", "training", "-o", str(out)])
        assert result.exit_code == 0, result.stderr
        gold = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [g["article"] for g in gold] == ["town-0"]  # "other" was not reviewed
        (attribution,) = gold[0]["attributions"]
        assert attribution["content"][0]["text"] == town[0]["content"]["text"]
        assert read_gold([out])["town-0"]["text"] == article["text"]
    finally:
        claims.cli.common.analyzer_factory = saved


def _rejecting_model(path: Path, rule_examples: dict[str, int] | None) -> Path:
    """A model that rejects every candidate (probability ~0) and drops rule attributions below 0.5."""
    meta: dict = {} if rule_examples is None else {"rule_examples": rule_examples, "min_rule_examples": 20}
    thresholds = {"model_add": 0.5, "model_replace": 2.0, "model_drop": 0.5, "hybrid_add": 0.5}
    path.mkdir(parents=True, exist_ok=True)
    LinearModel({"bias": -10.0}, thresholds=thresholds, lexicon={}, meta=meta).save(path / "attribution.json")
    return path


def test_model_never_drops_a_rule_with_few_training_examples(tmp_path: Path) -> None:
    text = "Bridge plans\n\nThe mayor said the bridge would reopen in May after the repairs."
    rules = _attributions(ATTRIBUTORS["rules"](), text)
    assert any(s == "The mayor" for s, _ in rules)
    rare = _rejecting_model(tmp_path / "rare", {"verb:speech": 3})
    assert _attributions(LearnedAttributor("model", model_path=rare), text) == rules
    common = _rejecting_model(tmp_path / "common", {"verb:speech": 500})
    assert not any(s == "The mayor" for s, _ in _attributions(LearnedAttributor("model", model_path=common), text))
    # a rule the training never saw is not dropped either
    unseen = _rejecting_model(tmp_path / "unseen", {"colon": 500})
    assert _attributions(LearnedAttributor("model", model_path=unseen), text) == rules


def test_threshold_simulation_keeps_rare_rules() -> None:
    from claims.services.training import Example, choose_policy, rule_counts, simulate

    rare = Example(["bias"], 1, False, "a", group="1", rule="dash")
    common = [Example(["bias"], k % 2, False, "a", group=str(10 + k), rule="verb:speech") for k in range(40)]
    groups = [[(0.1, rare)]] + [[(0.1 if e.label == 0 else 0.9, e)] for e in common]
    counts = rule_counts([rare] + common)
    assert counts == {"dash": 1, "verb:speech": 40}
    droppable = frozenset(k for k, v in counts.items() if v >= 20)
    policy = {"add": 2.0, "replace": 2.0, "drop": 0.5}
    assert simulate(groups, policy) == (20.0, 20.0)  # without counts the rare rule's true claim is dropped
    assert simulate(groups, policy, droppable) == (21.0, 21.0)
    chosen, _ = choose_policy(groups, 21.0, fixed={"add": 2.0, "replace": 2.0}, droppable=droppable)
    assert simulate(groups, chosen, droppable)[0] == 21.0


def test_trained_model_records_rule_counts(tiny_model: Path) -> None:
    meta = LinearModel.load(tiny_model / "attribution.json").meta
    assert meta["rule_examples"] and all(v > 0 for v in meta["rule_examples"].values())
    assert meta["min_rule_examples"] == 20


def test_preposition_marked_sources_are_candidates() -> None:
    """'For X, ...' / 'in X's view': the preposition's object (or its possessor) is a candidate source, the
    clause without the phrase the content; no preposition word list."""
    from claims.nlp.learned.candidates import CandidateFinder

    text = "Harbour plans\n\nFor the fishermen, the new bridge is a disaster that will ruin the harbour."
    doc = analyzer().nlp(text)
    extra = CandidateFinder().find(doc).extra
    preps = [a for a in extra if a.extra.get("origin") == "prep"]
    found = [(text[a.source[0] : a.source[1]], text[a.content[0] : a.content[1]]) for a in preps if a.source]
    assert any(s == "the fishermen" and c.startswith("the new bridge is a disaster") for s, c in found), found
    assert all(a.rule == "open:prep" and text[a.cue[0][0] : a.cue[0][1]] == "For" for a in preps), found
