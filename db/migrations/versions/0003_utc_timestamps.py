"""Timestamps with time zone on PostgreSQL.

The models store aware UTC datetimes (SQLModel's ``UTCDateTime``, i.e. ``DateTime(timezone=True)``), but
0001 and 0002 created ``timestamp without time zone`` columns. On PostgreSQL that made stored times depend
on the server's TimeZone setting. This revision turns every such column into ``timestamptz``, reading the
old values as UTC (which is what the application wrote). SQLite has a single datetime storage: nothing to
do there.

Revision ID: 0003
Revises: 0002
Create Date: 2024-06-10
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _timestamp_columns(timezone: bool) -> list[tuple[str, str]]:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    found = []
    for table in inspector.get_table_names():
        if table == "alembic_version":
            continue
        for column in inspector.get_columns(table):
            kind = column["type"]
            if isinstance(kind, sa.DateTime) and bool(getattr(kind, "timezone", False)) == timezone:
                found.append((table, column["name"]))
    return found


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in _timestamp_columns(timezone=False):
        op.execute(
            f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE TIMESTAMP WITH TIME ZONE '
            f"USING \"{column}\" AT TIME ZONE 'UTC'"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in _timestamp_columns(timezone=True):
        op.execute(
            f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE TIMESTAMP WITHOUT TIME ZONE '
            f"USING \"{column}\" AT TIME ZONE 'UTC'"
        )
