"""Review: topics, disputes, speaker merges, grouped and undoable corrections.

Revision ID: 0002
Revises: 0001
Create Date: 2024-06-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "topic",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_topic_status", "topic", ["status"])

    op.create_table(
        "claim_topic",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claim.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["topic_id"], ["topic.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("claim_id"),
    )
    op.create_index("ix_claim_topic_topic_id", "claim_topic", ["topic_id"])
    op.create_index("ix_claim_topic_status", "claim_topic", ["status"])

    op.create_table(
        "dispute",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["topic_id"], ["topic.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_dispute_topic_id", "dispute", ["topic_id"])
    op.create_index("ix_dispute_status", "dispute", ["status"])

    op.create_table(
        "dispute_claim",
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["dispute_id"], ["dispute.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["claim_id"], ["claim.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("dispute_id", "claim_id"),
    )
    op.create_index("ix_dispute_claim_claim_id", "dispute_claim", ["claim_id"])

    with op.batch_alter_table("speaker") as batch:
        batch.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_speaker_merged_into_id", "speaker", ["merged_into_id"], ["id"])
        batch.create_index("ix_speaker_merged_into_id", ["merged_into_id"])

    with op.batch_alter_table("correction") as batch:
        batch.add_column(sa.Column("action_id", sa.String(), nullable=True))
        batch.add_column(sa.Column("undone_correction_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_correction_undone_correction_id", "correction", ["undone_correction_id"], ["id"])
        batch.create_index("ix_correction_action_id", ["action_id"])
        batch.create_index("ix_correction_undone_correction_id", ["undone_correction_id"])
        batch.create_index("ix_correction_reviewer", ["reviewer", "id"])


def downgrade() -> None:
    with op.batch_alter_table("correction") as batch:
        batch.drop_index("ix_correction_reviewer")
        batch.drop_index("ix_correction_undone_correction_id")
        batch.drop_index("ix_correction_action_id")
        batch.drop_constraint("fk_correction_undone_correction_id", type_="foreignkey")
        batch.drop_column("undone_correction_id")
        batch.drop_column("action_id")
    with op.batch_alter_table("speaker") as batch:
        batch.drop_index("ix_speaker_merged_into_id")
        batch.drop_constraint("fk_speaker_merged_into_id", type_="foreignkey")
        batch.drop_column("merged_into_id")
    for table in ("dispute_claim", "dispute", "claim_topic", "topic"):
        op.drop_table(table)
