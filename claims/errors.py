"""Errors the CLI turns into one-line messages."""


class ClaimsError(Exception):
    """Base class: an expected failure with a message fit for the user."""


class ModelNotFoundError(ClaimsError):
    pass
