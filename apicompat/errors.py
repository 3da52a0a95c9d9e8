"""Every failure a user can cause, as one exception class each.

The CLI turns these into one message and an exit status; nothing else in the
package prints.  Each class says when it is raised.
"""


class ApicompatError(Exception):
    """Base class: a failure the user can act on (message is shown as is)."""


class RepositoryError(ApicompatError):
    """The path is not a git or Mercurial repository, or the VCS failed."""


class RevisionError(ApicompatError):
    """A revision name does not resolve in the repository."""

    def __init__(self, revision: str, repo: str, detail: str = ""):
        self.revision = revision
        msg = f"unknown revision '{revision}' in {repo}"
        if detail:
            msg += f": {detail}"
        super().__init__(msg)


class MissingFileError(ApicompatError):
    """A file (or no file at all for a glob) is absent at a revision."""


class FileTooLargeError(MissingFileError):
    """A file of the repository is larger than apicompat reads (vcs.base.MAX_FILE_BYTES)."""

    def __init__(self, path: str, size: int, limit: int):
        self.path, self.size, self.limit = path, size, limit
        super().__init__(f"{path} is {size / 2**20:.1f} MiB, over the {limit // 2**20} MiB apicompat reads "
                         "from one file (APICOMPAT_MAX_FILE_MB): not read")


class NoHeadersError(MissingFileError):
    """The header globs matched nothing at a revision."""


class CompilerError(ApicompatError):
    """The C preprocessor is missing or failed on a header."""


class ParseError(ApicompatError):
    """pycparser could not read a header: carries revision, file, line and the line's text."""

    def __init__(self, revision: str, file: str, line: int, message: str, text: str = ""):
        self.revision, self.file, self.line, self.text = revision, file, line, text
        msg = f"cannot parse {file}:{line} at revision {revision}: {message}"
        if text:
            msg += f"\n    {text.strip()}"
        super().__init__(msg)


class ProfileError(ApicompatError):
    """A profile file is missing, malformed or names unknown settings."""


class GeneratorError(ApicompatError):
    """A header generator failed, timed out, or was not allowed to run."""


class AcceptFileError(ApicompatError):
    """An acknowledgements file is malformed."""
