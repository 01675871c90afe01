"""Making database engines and keeping the schema current (Alembic).

Nothing is built at import: call :func:`make_engine`. SQLite engines run in WAL mode with foreign keys
on; an in-memory SQLite URL ("sqlite://") gets a single shared connection (``StaticPool``).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

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


def make_engine(
    url: str | None = None, *, migrate: bool = True, echo: bool = False, on_upgrade: UpgradeCallback | None = None
) -> Engine:
    """An engine for ``url`` (see :func:`database_url`), with the schema upgraded to the newest revision
    (``on_upgrade`` is told when that changed anything; see :func:`upgrade_database`).

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
        shown = parsed.render_as_string(hide_password=True)
        try:
            upgraded = upgrade_database(engine)
        except DatabaseError as exc:
            engine.dispose()
            raise DatabaseError(f"cannot open database {shown!r}: {exc}") from exc
        except (SQLAlchemyError, OSError) as exc:
            engine.dispose()
            raise DatabaseError(f"cannot open database {shown!r}: {one_line(exc)}") from exc
        if upgraded is not None and on_upgrade is not None:
            on_upgrade(upgraded)
    return engine


def _alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


# The newest migration. Kept here so that opening an up-to-date database needs no Alembic import (a
# quarter of a second of every command); a test checks it against the migration scripts.
SCHEMA_HEAD = "0006"


def _stored_revision(engine: Engine) -> str | None:
    """The revision recorded in the database, read with plain SQL; None when there is none (or no table)."""
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError:
        return None
    return rows[0][0] if len(rows) == 1 else None


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@dataclass(frozen=True)
class Upgrade:
    """What :func:`upgrade_database` did: the revision before (None: a new database) and after, and the
    backup copy made first (SQLite files that had an older schema)."""

    before: str | None
    after: str
    backup: Path | None = None


UpgradeCallback = Callable[[Upgrade], None]


def _known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        return ScriptDirectory.from_config(_alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def upgrade_database(engine: Engine) -> Upgrade | None:
    """Bring the schema to the newest revision (``alembic upgrade head``); None when it already was.

    Safe when several processes open the same database at once (PostgreSQL: an advisory lock; SQLite: the
    upgrade runs in one ``BEGIN IMMEDIATE`` transaction, with foreign keys off so that table rebuilds do
    not fire ON DELETE actions, and checked before commit). A SQLite file with an older schema is first
    copied to ``<file>.bak-<old revision>``. A database that has our tables but no Alembic version (made
    with ``create_all``) is stamped. A revision this version does not know (a newer claims) is an error.
    """
    if _stored_revision(engine) == SCHEMA_HEAD:
        return None
    from alembic.util import CommandError

    try:
        return _upgrade_database(engine)
    except CommandError as exc:
        raise DatabaseError(one_line(exc)) from exc


def _upgrade_database(engine: Engine) -> Upgrade | None:
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return None
    if current is not None and not _known_revision(current):
        raise DatabaseError(
            f"the database schema is at revision {current!r}, unknown to this version of claims "
            f"(newest known: {head!r}); upgrade claims"
        )
    if engine.dialect.name == "sqlite":
        return _upgrade_sqlite(engine, head)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        return _upgrade_on(connection, head)


MIGRATION_LOCK_KEY = 0x636C61696D73  # "claims"


def _upgrade_on(connection: Connection, head: str, backup: Callable[[str], Path | None] | None = None):
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    current = MigrationContext.configure(connection).get_current_revision()  # again, under the lock
    if current == head:
        return None
    config = _alembic_config(connection)
    if current is None and inspect(connection).has_table("document"):
        command.stamp(config, "head")
        return Upgrade(None, head)
    saved = backup(current) if backup is not None and current is not None else None
    command.upgrade(config, "head")
    return Upgrade(current, head, saved)


def _upgrade_sqlite(engine: Engine, head: str) -> Upgrade | None:
    """Upgrade a SQLite database on a connection of its own, in one immediate transaction."""
    from sqlalchemy.pool import NullPool

    database = engine.url.database
    in_memory = database in (None, "", ":memory:")
    if in_memory:  # one shared connection (StaticPool): nobody else can be migrating it
        migrator = engine
    else:
        migrator = create_engine(engine.url, poolclass=NullPool)

        @event.listens_for(migrator, "connect")
        def _on_connect(dbapi_connection, _record) -> None:  # pragma: no cover - exercised via connect
            dbapi_connection.isolation_level = None  # we issue BEGIN ourselves: DDL in the transaction
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute("PRAGMA busy_timeout=30000")
                cursor.execute("PRAGMA foreign_keys=OFF")  # table rebuilds must not fire ON DELETE actions
            finally:
                cursor.close()

        @event.listens_for(migrator, "begin")
        def _on_begin(connection) -> None:  # pragma: no cover - exercised via begin
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    def backup(revision: str) -> Path | None:
        if in_memory:
            return None
        return _backup_sqlite(Path(database).expanduser(), revision, connection)  # type: ignore[arg-type]

    try:
        with migrator.begin() as connection:
            result = _upgrade_on(connection, head, backup)
            if not in_memory:
                problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise DatabaseError(
                        f"the schema upgrade would break {len(problems)} foreign key(s) "
                        f"(first: table {problems[0][0]}); nothing was changed"
                    )
        return result
    finally:
        if migrator is not engine:
            migrator.dispose()


def _backup_sqlite(path: Path, revision: str, connection: Connection) -> Path:
    """Copy the database to ``<path>.bak-<revision>``; an existing copy of that revision is kept (it is the
    older one). ``connection`` holds the write lock (BEGIN IMMEDIATE) and has written nothing yet, so the
    copy, read on a connection of its own, is the last committed state and nobody can change it meanwhile.
    """
    import sqlite3

    target = path.with_name(f"{path.name}.bak-{revision}")
    if target.exists():
        return target
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(path)
    destination = sqlite3.connect(partial)
    try:
        source.execute("PRAGMA busy_timeout=30000")
        source.backup(destination)
    finally:
        destination.close()
        source.close()
    os.replace(partial, target)
    return target
