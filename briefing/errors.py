"""Errors a user can act on. The message says what to do; the CLI prints it on one line."""


class BriefingError(Exception):
    """Something the user can fix: bad input, a missing model, an unwritable output. Exit 1."""


class UsageError(BriefingError):
    """The command line asks for what cannot be: a folder that does not exist, an output name
    that is not .docx, a file where a folder is needed. Exit 2, as for any usage error."""


class ModelError(BriefingError):
    """A model could not be found, loaded or run."""
