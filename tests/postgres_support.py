"""A PostgreSQL server for the tests, when one is given in $CLAIMS_TEST_POSTGRES_URL (``.ci/run`` starts one).

The URL names a database the tests may connect to with rights to create databases (e.g. the ``postgres``
database as the ``postgres`` user). The session creates one database migrated to the newest revision and
empties it (TRUNCATE ... RESTART IDENTITY) before every test that asks for ``postgres_url``: creating a
database per test costs about 0.4 s, emptying one a few milliseconds. Tests that need a database of their
own (migrations, concurrent processes) ask for ``empty_postgres_url``. Without the variable these tests skip.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

POSTGRES_ENV = "CLAIMS_TEST_POSTGRES_URL"
SKIP_REASON = (
    f"no PostgreSQL server given: set {POSTGRES_ENV} "
    "(e.g. postgresql+psycopg://postgres@127.0.0.1:55432/postgres; .ci/run starts one)"
)
BACKENDS = ("sqlite", "postgresql")
# Test modules whose `engine`, `session` and `cli` fixtures run against both backends.
DUAL_BACKEND_MODULES = frozenset(
    {
        "test_db",
        "test_tui_queries",
        "test_review",
        "test_dispute_store",
        "test_cli_disputes",
        "test_cli",
        "test_cli_aliases",
        "test_ingest",
        "test_export",
        "test_postgres",
        "test_robustness",
        "test_robustness_cli",
        "test_robustness_processes",
        "test_migrations",
    }
)


class PostgresServer:
    """Creates and drops throwaway databases on one server."""

    def __init__(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        from db.engine import _parse_url

        self.url = _parse_url(url)
        if self.url.get_backend_name() != "postgresql":
            raise pytest.UsageError(f"{POSTGRES_ENV} must be a postgresql URL, got {make_url(url).drivername}")
        self.shared = ""

    def _admin(self):
        from sqlalchemy import create_engine

        return create_engine(self.url, isolation_level="AUTOCOMMIT", pool_pre_ping=True)

    def url_for(self, database: str) -> str:
        return self.url.set(database=database).render_as_string(hide_password=False)

    def _execute(self, *statements: str) -> None:
        from sqlalchemy import text

        engine = self._admin()
        try:
            with engine.connect() as connection:
                for statement in statements:
                    connection.execute(text(statement))
        finally:
            engine.dispose()

    def create_shared(self) -> None:
        from db.engine import make_engine

        self.shared = self.create_database(migrated=False)
        make_engine(self.url_for(self.shared)).dispose()  # migrated to head

    def reset_shared(self) -> str:
        """Empty every table of the shared database (keeping its schema); returns its URL."""
        from sqlalchemy import create_engine, inspect, text

        from db.engine import current_revision, head_revision

        url = self.url_for(self.shared)
        engine = create_engine(url)
        try:
            if current_revision(engine) != head_revision():  # a test changed the schema: start afresh
                engine.dispose()
                self.drop_database(self.shared)
                self.create_shared()
                return self.url_for(self.shared)
            tables = [t for t in inspect(engine).get_table_names() if t != "alembic_version"]
            with engine.begin() as connection:
                connection.execute(
                    text(f"TRUNCATE TABLE {', '.join(map(repr_ident, tables))} RESTART IDENTITY CASCADE")
                )
        finally:
            engine.dispose()
        return url

    def create_database(self, *, migrated: bool = False) -> str:
        from db.engine import make_engine

        name = f"claims_test_{uuid.uuid4().hex[:12]}"
        self._execute(f'CREATE DATABASE "{name}"')
        if migrated:
            make_engine(self.url_for(name)).dispose()
        return name

    def drop_database(self, name: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def repr_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The test PostgreSQL server; skips when none is given, fails when the given one is unreachable."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(SKIP_REASON)
    server = PostgresServer(url)
    try:
        server.create_shared()
    except Exception as exc:  # a server was promised: say clearly why it cannot be used
        pytest.fail(f"{POSTGRES_ENV} is set but unusable: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    yield server
    server.drop_database(server.shared)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """The URL of an empty PostgreSQL database at the newest schema revision (shared, emptied per test)."""
    return postgres_server.reset_shared()


@pytest.fixture
def empty_postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database (no tables), dropped after the test."""
    name = postgres_server.create_database(migrated=False)
    yield postgres_server.url_for(name)
    postgres_server.drop_database(name)


@pytest.fixture
def backend(request) -> str:
    """The backend: "sqlite" or "postgresql"; the dual-backend modules are parametrised over both (see conftest)."""
    return getattr(request, "param", "sqlite")


def parametrize_backends(metafunc) -> None:
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    if "backend" in metafunc.fixturenames and module in DUAL_BACKEND_MODULES:
        metafunc.parametrize("backend", BACKENDS, indirect=True)
