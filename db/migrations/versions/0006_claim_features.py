"""Claim parse features and the topic index.

``claim.features_json``: what topics and disputes need from the claim's parse, read once at ingest (NULL for
claims stored before: read when first needed, or at ``claims reanalyse``). ``feature_term`` and
``claim_term``: an inverted index over those features (each feature's document frequency; each claim's most
distinctive features) that new claims find their candidate topics through. ``topic_state``: when topics
were last brought up to date (claims changed since are looked at again). Indexes on ``claim.updated_at``
and ``topic.label``.

Revision ID: 0006
Revises: 0005
Create Date: 2024-07-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ALTER TABLE (no table copy on SQLite: copying the claim table would cascade to its memberships)
    op.add_column("claim", sa.Column("features_json", sa.Text(), nullable=True))
    op.create_index("ix_claim_updated_at", "claim", ["updated_at"], if_not_exists=True)
    op.create_index("ix_topic_label", "topic", ["label"], if_not_exists=True)
    op.create_table(
        "feature_term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(), nullable=False),
        sa.Column("df", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("term", name="uq_feature_term_term"),
    )
    op.create_table(
        "claim_term",
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["term_id"], ["feature_term.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["claim_id"], ["claim.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("term_id", "claim_id"),
    )
    op.create_index("ix_claim_term_claim_id", "claim_term", ["claim_id"])
    op.create_table(
        "topic_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("topic_state")
    op.drop_index("ix_claim_term_claim_id", table_name="claim_term")
    op.drop_table("claim_term")
    op.drop_table("feature_term")
    op.drop_index("ix_topic_label", table_name="topic", if_exists=True)
    op.drop_index("ix_claim_updated_at", table_name="claim", if_exists=True)
    op.drop_column("claim", "features_json")
