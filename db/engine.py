"""Making database engines and keeping the schema current (Alembic).

Nothing is built at import: call :func:`make_engine`. SQLite engines run in WAL mode with foreign keys
on; an in-memory SQLite URL ("sqlite://") gets a single shared connection (``StaticPool``).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from sqlalchemy import Engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool
from sqlmodel import create_engine

from claims.errors import ClaimsError

DB_ENV = "CLAIMS_DB"
DEFAULT_DB_URL = "sqlite:///claims.db"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseError(ClaimsError):
    """The database cannot be opened or used."""


class DatabaseURLError(DatabaseError):
    """The database URL is malformed or names an unknown backend."""


def database_url(url: str | None = None) -> str:
    """The URL to use: the given one, else $CLAIMS_DB, else ``sqlite:///claims.db`` (working directory)."""
    return url or os.environ.get(DB_ENV) or DEFAULT_DB_URL


def one_line(exc: BaseException) -> str:
    """An exception's message as a single line (SQLAlchemy appends SQL and links on further lines)."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseURLError(f"invalid database URL {url!r}: expected e.g. sqlite:///claims.db") from exc
    if parsed.drivername == "postgresql" and importlib.util.find_spec("psycopg2") is None:
        # SQLAlchemy's default PostgreSQL driver is psycopg2; this project depends on psycopg 3.
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _enable_sqlite_pragmas(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # pragma: no cover - exercised via every connect
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            if wal:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=5000")
        finally:
            cursor.close()


def make_engine(url: str | None = None, *, migrate: bool = True, echo: bool = False) -> Engine:
    """An engine for ``url`` (see :func:`database_url`), with the schema upgraded to the newest revision.

    Raises :class:`DatabaseURLError` for a malformed URL and :class:`DatabaseError` when the database
    cannot be opened or migrated; both carry a one-line message.
    """
    text_url = database_url(url)
    parsed = _parse_url(text_url)
    kwargs: dict = {"echo": echo}
    is_sqlite = parsed.get_backend_name() == "sqlite"
    in_memory = is_sqlite and parsed.database in (None, "", ":memory:")
    if in_memory:
        kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    try:
        engine = create_engine(parsed, **kwargs)
    except NoSuchModuleError as exc:
        raise DatabaseURLError(f"unknown database backend {parsed.drivername!r} in {text_url!r}") from exc
    except (ArgumentError, ImportError, TypeError) as exc:
        raise DatabaseURLError(f"cannot use database URL {text_url!r}: {one_line(exc)}") from exc
    if is_sqlite:
        if not in_memory:
            folder = Path(parsed.database).expanduser().resolve().parent  # type: ignore[arg-type]
            if not folder.is_dir():
                raise DatabaseError(f"cannot open database {text_url!r}: directory {folder} does not exist")
        _enable_sqlite_pragmas(engine, wal=not in_memory)
    if migrate:
        try:
            upgrade_database(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            shown = parsed.render_as_string(hide_password=True)
            raise DatabaseError(f"cannot open database {shown!r}: {one_line(exc)}") from exc
    return engine


def _alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_database(engine: Engine) -> None:
    """Bring the schema to the newest revision (``alembic upgrade head``).

    A database that has our tables but no Alembic version (made with ``create_all``) is stamped instead.
    """
    from alembic import command

    head = head_revision()
    if current_revision(engine) == head:
        return
    with engine.begin() as connection:
        config = _alembic_config(connection)
        from alembic.runtime.migration import MigrationContext

        current = MigrationContext.configure(connection).get_current_revision()
        if current is None and inspect(connection).has_table("document"):
            command.stamp(config, "head")
        else:
            command.upgrade(config, "head")
