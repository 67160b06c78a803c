"""Errors a user can act on. The message says what to do; the CLI prints it on one line."""


class BriefingError(Exception):
    """Something the user can fix: bad input, a missing model, an unwritable output."""


class ModelError(BriefingError):
    """A model could not be found, loaded or run."""
