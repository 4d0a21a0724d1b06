"""One hierarchy for the failures a user can fix; the CLI prints them as one line, the app as st.error."""


class FazhiError(Exception):
    """A failure caused by input or setup that the user can correct (no traceback is shown)."""

    exit_code = 1


class LoadError(FazhiError):
    """A file could not be read into the graph."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class QueryError(FazhiError):
    """A query could not be run as asked: unknown name, bad parameter, syntax error, update refused."""

    exit_code = 2


class QueryNotFound(QueryError):
    pass


class BadParameter(QueryError):
    pass


class QueryTimeout(QueryError):
    pass


class StoreUnavailable(FazhiError):
    """The store cannot be opened (locked by another process, unreachable endpoint, bad path)."""
