"""Ingest: read articles, analyse them with the pipeline, store documents and claims.

The CLI command is a thin wrapper around :func:`ingest`. Articles stream through ``analyzer.pipe`` in
batches (only a batch is ever held in memory), each document is written in its own transaction, and
claims are inserted in bulk. A document already stored with the same text is left alone; a changed one
gets fresh automatic claims while its hand-reviewed claims are kept.
"""

from __future__ import annotations

import json
import random
import time
from collections import deque
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import BinaryIO, Literal, Protocol

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlmodel import Session

from claims.errors import ClaimsError
from claims.io.readers import Article, Notice, Skipped, iter_inputs
from claims.services.heap import fewer_collections
from claims.types import ActorRef, DocumentAnalysis, ExtractedClaim, SpeakerRef
from db import repository as repo
from db.engine import one_line
from db.models import Claim, Document, content_hash, is_proper_name, normalise_name

BARE_PRONOUNS = frozenset("he she they i we you him her them me us it his its their our one".split())


def is_bare_pronoun(name: str) -> bool:
    """An unresolved pronoun ("he", "They"), not a name written in capitals ("US", "IT")."""
    stripped = name.strip()
    if len(stripped) > 1 and stripped.isupper():
        return False
    return stripped.lower() in BARE_PRONOUNS


TITLE_MAX = 200
WRITE_ATTEMPTS = 8  # tries to store one document when other writers get in the way


class AnalyzerLike(Protocol):
    version: str
    model_name: str

    def pipe(
        self, texts: Iterable[str], *, batch_size: int = ..., n_process: int = ...
    ) -> Iterator[DocumentAnalysis]: ...


@dataclass
class IngestResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    claims: int = 0  # claims written
    kept: int = 0  # hand-reviewed claims carried over to a changed document
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    def add(self, write: repo.DocumentWrite, origin: str) -> None:
        if write.status == "created":
            self.created += 1
        elif write.status == "updated":
            self.updated += 1
        else:
            self.unchanged += 1
        self.claims += write.claims_written
        self.kept += write.claims_kept
        if write.claims_unanchored:
            self.notices.append(
                Notice(
                    origin,
                    f"{write.claims_unanchored} reviewed claim(s) no longer found in the changed text; "
                    "kept with their old offsets",
                )
            )

    @property
    def stored(self) -> int:
        return self.created + self.updated

    @property
    def exit_code(self) -> int:
        """0 when every input was taken, 1 when some were skipped."""
        return 1 if self.skipped else 0


ProgressCallback = Callable[[str, Literal["created", "updated", "unchanged", "failed"]], None]


def ingest(
    paths: Iterable[str | Path],
    *,
    engine: Engine,
    analyzer: AnalyzerLike,
    batch_size: int = 16,
    n_process: int = 1,
    force: bool = False,
    stdin: BinaryIO | None = None,
    only_ids: Container[str] | None = None,
    on_document: ProgressCallback | None = None,
) -> IngestResult:
    """Ingest files, directories and ``-`` (standard input). See :func:`ingest_articles`."""
    return ingest_articles(
        iter_inputs(paths, stdin=stdin),
        engine=engine,
        analyzer=analyzer,
        batch_size=batch_size,
        n_process=n_process,
        force=force,
        only_ids=only_ids,
        on_document=on_document,
    )


def ingest_articles(
    items: Iterable[Article | Skipped | Notice],
    *,
    engine: Engine,
    analyzer: AnalyzerLike,
    batch_size: int = 16,
    n_process: int = 1,
    force: bool = False,
    only_ids: Container[str] | None = None,
    on_document: ProgressCallback | None = None,
) -> IngestResult:
    """Analyse and store a stream of articles; ``Skipped``/``Notice`` items are collected in the result.

    ``force`` re-analyses documents whose text is unchanged; ``only_ids`` limits the run to those
    external ids (others are passed over silently); ``on_document(origin, status)`` is called after each.
    """
    result = IngestResult()
    notify = on_document or (lambda origin, status: None)
    with fewer_collections(), Session(engine) as session:
        resolver = SpeakerResolver(session)
        pending: deque[tuple[Article, str]] = deque()
        first_seen: dict[str, str] = {}

        def texts() -> Iterator[str]:
            for item in items:
                if isinstance(item, Skipped):
                    result.skipped.append(item)
                    continue
                if isinstance(item, Notice):
                    result.notices.append(item)
                    continue
                if only_ids is not None and item.external_id not in only_ids:
                    continue
                if item.external_id in first_seen:
                    where = first_seen[item.external_id]
                    result.skipped.append(
                        Skipped(item.origin, f"duplicate document id {item.external_id!r} (also in {where})")
                    )
                    continue
                first_seen[item.external_id] = item.origin
                digest = content_hash(item.text)
                if not force and repo.document_hash(item.external_id, session=session) == digest:
                    result.unchanged += 1
                    notify(item.origin, "unchanged")
                    continue
                pending.append((item, digest))
                yield item.text

        def save(article: Article, digest: str, analysis: DocumentAnalysis) -> None:
            for attempt in range(1, WRITE_ATTEMPTS + 1):
                try:
                    write = store_analysis(
                        article,
                        analysis,
                        session=session,
                        resolver=resolver,
                        digest=digest,
                        force=force,
                        default_version=analyzer.version,
                        notices=result.notices if attempt == 1 else None,
                    )
                    session.commit()
                    break
                except (IntegrityError, OperationalError) as exc:
                    # Another process stored the same document, speaker or actor first (a unique key), or
                    # held the lock (SQLite "database is locked", PostgreSQL deadlock): start this document
                    # again, in a new transaction that sees what the other one committed.
                    session.rollback()
                    resolver.clear()
                    if attempt == WRITE_ATTEMPTS:
                        fail(article, exc)
                        return
                    time.sleep(random.uniform(0.01, 0.05) * attempt)
                except SQLAlchemyError as exc:
                    session.rollback()
                    resolver.clear()
                    fail(article, exc)
                    return
            result.add(write, article.origin)
            notify(article.origin, write.status)

        def fail(article: Article, exc: SQLAlchemyError) -> None:
            result.skipped.append(Skipped(article.origin, f"database error: {one_line(exc)}"))
            notify(article.origin, "failed")

        source = texts()
        while True:
            try:
                for analysis in analyzer.pipe(source, batch_size=batch_size, n_process=n_process):
                    save(*pending.popleft(), analysis)
                break
            except ClaimsError:
                raise
            except Exception:  # the pipeline failed on a text in flight: retry those one by one, go on
                in_flight = list(pending)
                pending.clear()
                for article, digest in in_flight:
                    try:
                        analysis = next(iter(analyzer.pipe([article.text], batch_size=1, n_process=1)))
                    except ClaimsError:
                        raise
                    except Exception as exc:
                        reason = f"analysis failed: {type(exc).__name__}: {one_line(exc)}"
                        result.skipped.append(Skipped(article.origin, reason))
                        notify(article.origin, "failed")
                        continue
                    save(article, digest, analysis)
    return result


def store_analysis(
    article: Article,
    analysis: DocumentAnalysis,
    *,
    session: Session,
    resolver: SpeakerResolver | None = None,
    digest: str | None = None,
    force: bool = False,
    default_version: str = "",
    notices: list[Notice] | None = None,
) -> repo.DocumentWrite:
    """Turn one article and its analysis into rows (flushed, not committed)."""
    resolver = resolver or SpeakerResolver(session)
    version = analysis.pipeline_version or default_version
    document = Document(
        external_id=article.external_id,
        title=article.title if article.title is not None else guess_title(article.text),
        url=article.url,
        publisher=article.publisher,
        published=article.published,
        author=article.author,
        metadata_json=json.dumps(article.metadata, ensure_ascii=False, sort_keys=True, default=str),
        text=article.text,
        content_hash=digest or content_hash(article.text),
        pipeline_version=version,
    )
    rows = []
    resolver.begin_document(c.speaker for c in analysis.claims)
    for extracted in analysis.claims:
        if not _spans_valid(extracted, len(article.text)):
            if notices is not None:
                notices.append(Notice(article.origin, f"claim with offsets outside the text dropped: {extracted}"))
            continue
        rows.append(claim_row(extracted, article.text, resolver=resolver, pipeline_version=version))
    return repo.add_document_with_claims(document, rows, session=session, force=force)


class ClaimValues(SimpleNamespace):
    """The column values of a new claim row: what :func:`db.repository.add_document_with_claims` reads
    from a :class:`Claim` (plain attributes), without the cost of building and validating a model per
    claim. Used for automatic claims, which are inserted in bulk and never loaded into the session."""


def claim_row(extracted: ExtractedClaim, text: str, *, resolver: SpeakerResolver, pipeline_version: str) -> Claim:
    source_text = extracted.source.text(text) if extracted.source else None
    speaker_id, actor_id = resolver.resolve(extracted.speaker, source_text)
    return ClaimValues(  # type: ignore[return-value]
        document_id=0,  # filled in when stored
        sentence_start=extracted.sentence.start,
        sentence_end=extracted.sentence.end,
        content_start=extracted.content.start,
        content_end=extracted.content.end,
        cue_start=extracted.cue.start if extracted.cue else None,
        cue_end=extracted.cue.end if extracted.cue else None,
        extra_cues_json=json.dumps([[s.start, s.end] for s in extracted.extra_cues]),
        source_start=extracted.source.start if extracted.source else None,
        source_end=extracted.source.end if extracted.source else None,
        source_text=source_text,
        speaker_id=speaker_id,
        actor_id=actor_id,
        kind=extracted.kind,
        confidence=min(1.0, max(0.0, float(extracted.confidence))),
        status="auto",
        pipeline_version=pipeline_version,
        paragraph=extracted.paragraph,
        features_json=json.dumps(extracted.parse.to_dict(), ensure_ascii=False) if extracted.parse else None,
        version=1,
        created_at=None,
        updated_at=None,
    )


def _spans_valid(claim: ExtractedClaim, length: int) -> bool:
    spans = [claim.sentence, claim.content, claim.cue, claim.source, *claim.extra_cues]
    return all(0 <= s.start <= s.end <= length for s in spans if s is not None)


def guess_title(text: str) -> str | None:
    """A plain-text article's title: its first non-blank line (shortened)."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line if len(line) <= TITLE_MAX else line[: TITLE_MAX - 1] + "…"
    return None


class SpeakerResolver:
    """Maps the pipeline's :class:`SpeakerRef` to (speaker id, actor id), caching rows within one run.

    The actor is, in order: a user alias of the speaker's name, of their organisation or of the source
    mention; the side reviewers gave that name's claims by hand in other documents (the strongest evidence
    after an alias); the affiliation the pipeline found (stored with its kind and parents); an automatic
    alias of the name or organisation; for a person the text gives no affiliation, the side other documents
    gave that name ("Unison's Dave Prentis" once: "Dave Prentis" stays Unison's; a bare "Prentis" too when
    one stored speaker, and no other speaker of the document, is named so in full), else the person
    themself; the actor already stored on the speaker.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.clear()

    def clear(self) -> None:
        # read once per run (and after a failed write): one query each instead of one per new name
        self._user_aliases = repo.aliases_of_source("user", session=self.session)
        self._auto_aliases = repo.aliases_of_source("auto", session=self.session)
        self._former_names = repo.former_name_keys(session=self.session)
        self._learned = repo.learned_sides(session=self.session)
        self._actors: dict[str, int] = {}
        self._speakers: dict[tuple[str, str], tuple[int, int | None]] = {}
        self._document_full_names: dict[str, set[str]] = {}

    def begin_document(self, refs: Iterable[SpeakerRef | None]) -> None:
        """Note the speakers of the next document: a bare surname is matched to a stored full name only
        when the document names nobody else so."""
        self._document_full_names = {}
        for ref in refs:
            key = normalise_name(ref.name) if ref is not None and not ref.is_pronoun else ""
            words = key.split()
            if len(words) > 1 and ref is not None and is_proper_name(ref.name):
                self._document_full_names.setdefault(words[-1], set()).add(key)

    def _learned_for(self, name: str) -> int | None:
        """The side other documents (or reviewers) gave this name, or the one full name its surname stands for."""
        key = normalise_name(name)
        found = self._learned.get(key)
        if found is not None or len(key.split()) != 1 or not is_proper_name(name):
            return found
        full = self._learned.full_name(key)
        in_document = self._document_full_names.get(key, set())
        if full is None or (in_document and in_document != {full}):
            return None  # no one, or several people, stored with this surname; or another one here
        return self._learned.get(full)

    def auto_alias(self, name: str | None) -> int | None:
        return self._auto_aliases.get(normalise_name(name)) if name else None

    def actor_id(self, actor: str | ActorRef) -> int:
        """The id of an actor (by name, or with its kind and parents), created when missing."""
        name = actor.name if isinstance(actor, ActorRef) else actor
        key = name.strip().lower()
        if key not in self._actors:
            if isinstance(actor, ActorRef):
                self._actors[key] = repo.ensure_actor_id(actor, session=self.session)
            else:
                row = repo.get_or_create_actor(name, session=self.session)
                assert row.id is not None
                self._actors[key] = row.id
        return self._actors[key]

    def resolve(self, ref: SpeakerRef | None, source_text: str | None = None) -> tuple[int | None, int | None]:
        names = [ref.name, ref.organisation] if ref else []
        user = next(
            (self._user_aliases[k] for k in map(normalise_name, [*names, source_text]) if k in self._user_aliases),
            None,
        )
        if ref is None or is_bare_pronoun(ref.name) or not normalise_name(ref.name):
            return None, user
        actor = user
        if actor is None:  # a reviewer's correction of this name's claims elsewhere beats the pipeline's guess
            actor = self._learned.taught.get(normalise_name(ref.name))
        taught = actor is not None and user is None
        # the speaker's own side (a person the text gives no affiliation, or a bare surname the pipeline
        # took for a group): a side learned in other documents wins
        own = (
            ref.side is not None
            and (ref.side.kind == "person" or (ref.side.kind == "group" and len(ref.name.split()) == 1))
            and normalise_name(ref.side.name) == normalise_name(ref.name)
        )
        if actor is None and ref.actor and not own:
            actor = self.actor_id(ref.side or ref.actor)
        if actor is None:
            for name in names:
                actor = self.auto_alias(name)
                if actor is not None:
                    break
        if actor is None and own:
            actor = self._learned_for(ref.name)
            if actor is None and ref.side is not None:
                actor = self.actor_id(ref.side)
        elif actor is not None and not own and user is None and not taught:
            self._learned.seen.setdefault(normalise_name(ref.name), actor)  # for later documents of this run
        key = (normalise_name(ref.name), normalise_name(ref.organisation))
        if key not in self._speakers:
            self._speakers[key] = repo.get_or_create_speaker_ids(
                ref.name,
                ref.organisation,
                session=self.session,
                actor_id=actor,
                check_former_names=key[0] in self._former_names,
            )
        speaker_id, speaker_actor = self._speakers[key]
        return speaker_id, actor if actor is not None else speaker_actor
