"""Sides learned across documents: a speaker's affiliation from an earlier document, a bare surname, and
reviewers' corrections teaching later documents (ingest service on in-memory SQLite)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from sqlmodel import Session, select

from claims.io.readers import Article
from claims.nlp.speakers import SpeakerRegistry
from claims.services.ingest import ingest_articles
from claims.services.review import reanalyse
from claims.types import ActorRef, DocumentAnalysis, ExtractedClaim, Span, SpeakerRef
from db import repository as repo
from db import review
from db.models import Claim

UNISON = ActorRef("Unison", "organisation")
_SAID = re.compile(r"^(?P<source>.+?) said (?P<content>.+?)\.$")


def person(name: str) -> SpeakerRef:
    """A speaker the text gives no affiliation: the pipeline makes them their own side."""
    return SpeakerRef(key=name.lower(), name=name, actor=name, side=ActorRef(name, "person"))


def bare(name: str) -> SpeakerRef:
    """A bare surname the tagger did not take for a person: a one-word side of kind group."""
    return SpeakerRef(key=name.lower(), name=name, actor=name, side=ActorRef(name, "group"))


# what the pipeline says about each source as written (one analyzer for every document here)
SOURCES = {
    "Unison's Dave Prentis": SpeakerRef(
        key="dave-prentis", name="Dave Prentis", organisation="Unison", actor="Unison", side=UNISON
    ),
    "Dave Prentis": person("Dave Prentis"),
    "Prentis": bare("Prentis"),
    "Lee": bare("Lee"),
    "Ann Lee": person("Ann Lee"),
    "Tom Lee": person("Tom Lee"),
    "Ruth Okafor": person("Ruth Okafor"),
    "Okafor": bare("Okafor"),
    "A spokesman": SpeakerRef(key="spokesman", name="spokesman"),
    "Brightwater's Ann Lee": SpeakerRef(
        key="ann-lee",
        name="Ann Lee",
        organisation="Brightwater",
        actor="Brightwater",
        side=ActorRef("Brightwater", "company"),
    ),
    "Harlow's Tom Lee": SpeakerRef(
        key="tom-lee", name="Tom Lee", organisation="Harlow", actor="Harlow", side=ActorRef("Harlow", "company")
    ),
}


class SourcesAnalyzer:
    """One claim per line "SOURCE said CONTENT.", the speaker taken from :data:`SOURCES`."""

    version = "sources-1"
    model_name = "fake"

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16, n_process: int = 1) -> Iterator[DocumentAnalysis]:
        for text in texts:
            paragraphs, claims = [], []
            for number, line in enumerate(re.finditer(r"[^\n]+", text)):
                para = Span(line.start(), line.end())
                paragraphs.append(para)
                m = _SAID.match(line.group())
                if not m:
                    continue
                base = line.start()
                claims.append(
                    ExtractedClaim(
                        sentence=para,
                        content=Span(base + m.start("content"), base + m.end("content")),
                        cue=None,
                        source=Span(base + m.start("source"), base + m.end("source")),
                        speaker=SOURCES[m.group("source")],
                        kind="indirect",
                        confidence=0.7,
                        paragraph=number,
                    )
                )
            yield DocumentAnalysis(text, paragraphs, list(paragraphs), claims, pipeline_version=self.version)


def ingest_texts(engine, *texts: str, start: int = 1) -> None:
    articles = [Article(external_id=f"doc{start + k}", text=t, origin=f"doc{start + k}") for k, t in enumerate(texts)]
    result = ingest_articles(articles, engine=engine, analyzer=SourcesAnalyzer())
    assert not result.skipped


def sides(engine, external_id: str) -> dict[str, str | None]:
    """source text -> actor name, for one document's claims."""
    with Session(engine) as s:
        doc = repo.find_document_by_external_id(external_id, session=s)
        assert doc is not None
        names = repo.actor_names(session=s)
        rows = s.exec(select(Claim).where(Claim.document_id == doc.id)).all()
        return {c.source_text or "": names.get(c.actor_id) if c.actor_id else None for c in rows}


def test_a_side_seen_in_one_document_is_kept_in_the_next(engine) -> None:
    ingest_texts(engine, "Unison's Dave Prentis said the offer was an insult.")
    ingest_texts(engine, "Dave Prentis said members would vote.", start=2)
    assert sides(engine, "doc2") == {"Dave Prentis": "Unison"}


def test_a_bare_surname_gets_the_side_of_the_one_person_stored_with_it(engine) -> None:
    ingest_texts(engine, "Unison's Dave Prentis said the offer was an insult.")
    ingest_texts(engine, "Prentis said members would vote.", start=2)
    assert sides(engine, "doc2") == {"Prentis": "Unison"}


def test_without_an_earlier_document_a_bare_surname_is_its_own_side(engine) -> None:
    ingest_texts(engine, "Prentis said members would vote.")
    assert sides(engine, "doc1") == {"Prentis": "Prentis"}


def test_a_surname_two_stored_people_share_gets_no_learned_side(engine) -> None:
    ingest_texts(engine, "Brightwater's Ann Lee said the mine was safe.", "Harlow's Tom Lee said the mine leaked.")
    ingest_texts(engine, "Lee said the river was clean.", start=3)
    assert sides(engine, "doc3") == {"Lee": "Lee"}


def test_a_surname_another_person_of_the_document_has_gets_no_learned_side(engine) -> None:
    ingest_texts(engine, "Brightwater's Ann Lee said the mine was safe.")
    ingest_texts(engine, "Tom Lee said the river was dirty.\nLee said the river was clean.", start=2)
    got = sides(engine, "doc2")
    assert got["Lee"] != "Brightwater" and got["Tom Lee"] == "Tom Lee"


def test_the_full_name_the_document_also_has_keeps_the_side(engine) -> None:
    ingest_texts(engine, "Unison's Dave Prentis said the offer was an insult.")
    ingest_texts(engine, "Dave Prentis said members would vote.\nPrentis said the vote was close.", start=2)
    assert sides(engine, "doc2") == {"Dave Prentis": "Unison", "Prentis": "Unison"}


def _claim_id(engine, external_id: str, source: str) -> int:
    with Session(engine) as s:
        doc = repo.find_document_by_external_id(external_id, session=s)
        assert doc is not None
        claim = s.exec(select(Claim).where(Claim.document_id == doc.id, Claim.source_text == source)).one()
        assert claim.id is not None
        return claim.id


def test_a_reviewer_correction_teaches_the_next_document_and_survives_reanalyse(engine) -> None:
    ingest_texts(engine, "Ruth Okafor said the ward was full.")
    assert sides(engine, "doc1") == {"Ruth Okafor": "Ruth Okafor"}
    claim_id = _claim_id(engine, "doc1", "Ruth Okafor")
    with Session(engine) as s:
        review.set_claim_actor(claim_id, "Patients Association", session=s, reviewer="rev")
        s.commit()
    ingest_texts(engine, "Ruth Okafor said waits were longer.\nOkafor said nurses were tired.", start=2)
    assert sides(engine, "doc2") == {"Ruth Okafor": "Patients Association", "Okafor": "Patients Association"}
    # re-analysing every document keeps the hand correction and the side it taught
    result = reanalyse(engine=engine, analyzer=SourcesAnalyzer(), everything=True)
    assert result.documents == 2 and not result.failed
    assert sides(engine, "doc1") == {"Ruth Okafor": "Patients Association"}
    assert sides(engine, "doc2") == {"Ruth Okafor": "Patients Association", "Okafor": "Patients Association"}
    with Session(engine) as s:
        corrected = s.get(Claim, claim_id)
        assert corrected is not None and corrected.status == "corrected"


def test_a_reviewer_correction_beats_the_side_other_documents_gave(engine) -> None:
    ingest_texts(engine, "Unison's Dave Prentis said the offer was an insult.")
    claim_id = _claim_id(engine, "doc1", "Unison's Dave Prentis")
    with Session(engine) as s:
        review.set_claim_actor(claim_id, "GMB", session=s, reviewer="rev")
        s.commit()
    ingest_texts(engine, "Unison's Dave Prentis said pay was low.\nDave Prentis said the vote was close.", start=2)
    assert sides(engine, "doc2") == {"Unison's Dave Prentis": "GMB", "Dave Prentis": "GMB"}
    # the correction itself is never overwritten by a re-ingest of its document
    with Session(engine) as s:
        doc = repo.find_document_by_external_id("doc1", session=s)
        assert doc is not None
        doc.text = doc.text + "\n"
        s.add(doc)
        s.commit()
    articles = [Article(external_id="doc1", text="Unison's Dave Prentis said the offer was an insult.\n", origin="x")]
    ingest_articles(articles, engine=engine, analyzer=SourcesAnalyzer(), force=True)
    with Session(engine) as s:
        corrected = s.get(Claim, claim_id)
        assert corrected is not None and repo.actor_names(session=s)[corrected.actor_id] == "GMB"  # type: ignore[index]


def test_an_undone_correction_teaches_nothing(engine) -> None:
    ingest_texts(engine, "Ruth Okafor said the ward was full.")
    claim_id = _claim_id(engine, "doc1", "Ruth Okafor")
    with Session(engine) as s:
        review.set_claim_actor(claim_id, "Patients Association", session=s, reviewer="rev")
        s.commit()
        review.undo_last(session=s, reviewer="rev")
        s.commit()
    ingest_texts(engine, "Ruth Okafor said waits were longer.", start=2)
    assert sides(engine, "doc2") == {"Ruth Okafor": "Ruth Okafor"}


def test_a_description_corrected_once_teaches_nothing(engine) -> None:
    ingest_texts(engine, "A spokesman said the ward was full.")
    claim_id = _claim_id(engine, "doc1", "A spokesman")
    with Session(engine) as s:
        review.set_claim_actor(claim_id, "Patients Association", session=s, reviewer="rev")
        s.commit()
        assert repo.learned_sides(session=s).taught == {}
    ingest_texts(engine, "A spokesman said waits were longer.", start=2)
    assert sides(engine, "doc2") == {"A spokesman": None}


def test_registry_reads_a_mistagged_surname_as_the_person_named_before() -> None:
    registry = SpeakerRegistry()
    first = registry.add("Dave Prentis", position=10, ent_label="PERSON")
    again = registry.add("Prentis", position=80, ent_label="NORP")  # the small model's tag for it
    assert again.key == first.key and again.name == "Dave Prentis"


def test_registry_leaves_a_surname_two_people_share_alone() -> None:
    registry = SpeakerRegistry()
    registry.add("Ann Lee", position=10, ent_label="PERSON")
    registry.add("Tom Lee", position=40, ent_label="PERSON")
    assert registry.add("Lee", position=80, ent_label="ORG").name == "Lee"


def test_registry_does_not_take_a_country_for_a_surname() -> None:
    registry = SpeakerRegistry()
    registry.add("Ellen Jordan", position=10, ent_label="PERSON")
    assert registry.add("Jordan", position=80, ent_label="GPE").name != "Ellen Jordan"


def test_the_real_pipeline_keeps_a_union_leader_s_side_in_a_later_story(engine, real_analyzer) -> None:
    first = "Pay talks\n\nLONDON - Unison's Dave Prentis said the offer was an insult to nurses.\n"
    later = (
        "Strike vote\n\nLONDON - Dave Prentis said members would vote on strike action next week.\n\n"
        '"We have been patient," Prentis said.\n'
    )
    articles = [Article(external_id="a", text=first, origin="a"), Article(external_id="b", text=later, origin="b")]
    ingest_articles(articles, engine=engine, analyzer=real_analyzer)
    got = sides(engine, "b")
    assert got and set(got.values()) == {"Unison"}
