"""claims: find attributed claims in news, who made them, for which side, and where sources disagree."""

__version__ = "0.1.0"
