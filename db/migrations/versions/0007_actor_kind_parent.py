"""Actors of every kind: an actor has a kind (country, government, party, campaign, company, union,
organisation, group, person) and an optional parent actor (White House -> United States), each with the
source of its value ("user" when a reviewer set it: the pipeline never changes it then).

Every existing actor, alias and correction is kept. Existing actors with an ISO code are countries; the
kind of the others is left unknown (the next ingest or a reviewer sets it).

Revision ID: 0007
Revises: 0006
Create Date: 2024-07-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Columns are added in place: a batch table copy of ``actor`` would drop the table that claims, speakers
    # and aliases reference (refused with foreign keys on, and on SQLite a drop deletes through cascades).
    op.add_column("actor", sa.Column("kind", sa.String(), nullable=True))
    op.add_column("actor", sa.Column("kind_source", sa.String(), nullable=False, server_default="auto"))
    if op.get_bind().dialect.name == "sqlite":  # SQLite adds a column with a foreign key only inline
        op.execute("ALTER TABLE actor ADD COLUMN parent_id INTEGER REFERENCES actor (id)")
    else:
        op.add_column("actor", sa.Column("parent_id", sa.Integer(), nullable=True))
        op.create_foreign_key("fk_actor_parent_id", "actor", "actor", ["parent_id"], ["id"])
    op.add_column("actor", sa.Column("parent_source", sa.String(), nullable=False, server_default="auto"))
    op.create_index("ix_actor_parent_id", "actor", ["parent_id"])
    op.execute("UPDATE actor SET kind = 'country' WHERE iso_code IS NOT NULL AND iso_code <> ''")


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.drop_index("ix_actor_parent_id", table_name="actor")
    with op.batch_alter_table("actor") as batch:  # SQLite: a table copy (run with foreign keys off)
        if not sqlite:  # SQLite's inline foreign key has no name; the copy leaves it out with the column
            batch.drop_constraint("fk_actor_parent_id", type_="foreignkey")
        batch.drop_column("parent_source")
        batch.drop_column("parent_id")
        batch.drop_column("kind_source")
        batch.drop_column("kind")
