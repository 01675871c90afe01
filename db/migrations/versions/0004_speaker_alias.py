"""Speaker aliases: the earlier names of renamed speakers, so later mentions of an old name still land
on the renamed speaker.

Revision ID: 0004
Revises: 0003
Create Date: 2024-06-20
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "speaker_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("name_key", sa.String(), nullable=False),
        sa.Column("organisation_key", sa.String(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["speaker_id"], ["speaker.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name_key", "organisation_key", name="uq_speaker_alias_name_org"),
    )
    op.create_index("ix_speaker_alias_name_key", "speaker_alias", ["name_key"])
    op.create_index("ix_speaker_alias_speaker_id", "speaker_alias", ["speaker_id"])


def downgrade() -> None:
    op.drop_index("ix_speaker_alias_speaker_id", table_name="speaker_alias")
    op.drop_index("ix_speaker_alias_name_key", table_name="speaker_alias")
    op.drop_table("speaker_alias")
