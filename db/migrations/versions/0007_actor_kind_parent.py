"""Actors of every kind: an actor has a kind (country, government, party, campaign, company, union,
organisation, group, person) and an optional parent actor (White House -> United States), each with the
source of its value ("user" when a reviewer set it: the pipeline never changes it then).

Every existing actor, alias and correction is kept. Existing actors with an ISO code are countries; the
kind of the others is left unknown (the next ingest or a reviewer sets it).

Revision ID: 0007
Revises: 0005 (in branch issue11; re-chained onto 0006 at merge)
Create Date: 2024-07-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("actor") as batch:  # SQLite cannot add a foreign key in place
        batch.add_column(sa.Column("kind", sa.String(), nullable=True))
        batch.add_column(sa.Column("kind_source", sa.String(), nullable=False, server_default="auto"))
        batch.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("parent_source", sa.String(), nullable=False, server_default="auto"))
        batch.create_foreign_key("fk_actor_parent_id", "actor", ["parent_id"], ["id"])
        batch.create_index("ix_actor_parent_id", ["parent_id"])
    op.execute("UPDATE actor SET kind = 'country' WHERE iso_code IS NOT NULL AND iso_code <> ''")


def downgrade() -> None:
    with op.batch_alter_table("actor") as batch:
        batch.drop_index("ix_actor_parent_id")
        batch.drop_constraint("fk_actor_parent_id", type_="foreignkey")
        batch.drop_column("parent_source")
        batch.drop_column("parent_id")
        batch.drop_column("kind_source")
        batch.drop_column("kind")
