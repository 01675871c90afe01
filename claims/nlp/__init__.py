"""spaCy components of the claims pipeline."""
