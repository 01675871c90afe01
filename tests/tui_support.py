"""Shared helpers for the review-app tests: a seeded database (the example article, real pipeline)."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlmodel import Session, select

from claims.services.ingest import ingest
from db.engine import make_engine
from db.models import Claim, ClaimTopic, Dispute, DisputeClaim, Topic
from tests.conftest import REPO

SEED_ARTICLE = REPO / "examples" / "seed_article.txt"
REVIEWER = "tester"


def build_seed_database(folder: Path, analyzer) -> Path:
    path = folder / "seed.db"
    engine = make_engine(f"sqlite:///{path}")
    ingest([SEED_ARTICLE], engine=engine, analyzer=analyzer)
    engine.dispose()
    return path


def copy_database(template: Path, folder: Path):
    target = folder / "review.db"
    shutil.copy(template, target)
    return make_engine(f"sqlite:///{target}")


def add_dispute(engine, *, status: str = "auto") -> tuple[int, list[int]]:
    """A topic over the first claims and one dispute between a Russian and a US claim (rows inserted here)."""
    with Session(engine) as session:
        claims = session.exec(select(Claim).order_by(Claim.id)).all()
        russia = [c.id for c in claims if c.source_text in ("Moscow",)][:2]
        us = [c.id for c in claims if c.source_text in ("Washington",)][:2]
        topic = Topic(label="Syria convoy attack", status="auto")
        session.add(topic)
        session.flush()
        for claim_id in russia + us:
            session.add(ClaimTopic(claim_id=claim_id, topic_id=topic.id, status="auto"))
        dispute = Dispute(
            topic_id=topic.id,
            kind="blame",
            reason="who attacked the aid convoy",
            confidence=0.8,
            status=status,
        )
        session.add(dispute)
        session.flush()
        for claim_id in russia:
            session.add(DisputeClaim(dispute_id=dispute.id, claim_id=claim_id, side="Russia"))
        for claim_id in us:
            session.add(DisputeClaim(dispute_id=dispute.id, claim_id=claim_id, side="United States"))
        session.commit()
        return dispute.id, russia + us  # type: ignore[return-value]


async def settle(pilot) -> None:
    """Wait until the app's workers are done and their results are shown."""
    from textual.worker import WorkerCancelled, WorkerState

    for _ in range(20):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass
        await pilot.pause()
        busy = [w for w in pilot.app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        if not busy:
            await pilot.pause()
            return


_TEMPLATES: dict[str, Path] = {}


def seed_template_fixture():
    import pytest

    @pytest.fixture(scope="session")
    def seed_template(tmp_path_factory, real_analyzer) -> Path:
        if "seed" not in _TEMPLATES:  # one database for every module that uses it
            _TEMPLATES["seed"] = build_seed_database(tmp_path_factory.mktemp("seed"), real_analyzer)
        return _TEMPLATES["seed"]

    return seed_template
