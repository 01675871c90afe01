"""Alembic environment for the claims database.

Used two ways: programmatically by :func:`db.engine.upgrade_database` (which passes an open connection in
``config.attributes["connection"]``), and from the command line with
``alembic -c db/alembic.ini upgrade head`` (the URL comes from ``-x db=URL``, else $CLAIMS_DB, else
``sqlite:///claims.db``).
"""

from alembic import context
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata


def _url() -> str:
    from db.engine import database_url

    return context.get_x_argument(as_dictionary=True).get("db") or database_url()


def _configure_and_run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    from db.engine import make_engine

    engine = make_engine(_url(), migrate=False)
    try:
        with engine.begin() as conn:
            _configure_and_run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
