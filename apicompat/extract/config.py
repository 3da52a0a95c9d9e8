"""What to extract at a revision: headers, include path, defines, compiler.

Built from the command line, or from a profile (see apicompat.profiles).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

DEFAULT_HEADER_GLOB = "include/**/*.h"

# NAME or NAME=VALUE, one line, no control characters: a define reaches the
# compiler's command line, and a newline there would be a directive of its own.
_DEFINE = re.compile(r"[A-Za-z_]\w*(=[^\x00-\x1f\x7f]*)?")


def bad_define(define: str) -> str:
    """Why `define` is not a NAME[=VALUE] the preprocessor can take ('' when it is fine)."""
    if not isinstance(define, str) or not _DEFINE.fullmatch(define):
        return f"{define!r} is not NAME or NAME=VALUE (one line, NAME an identifier)"
    return ""


@dataclass
class IncludeDir:
    """A directory of the revision put on the include path.

    `path` is repository-relative (or absolute, for a directory outside the
    repository); `as_name` is the name consumers see it under: with
    `path="xen/include/public", as_name="xen"`, `<xen/sysctl.h>` finds
    `xen/include/public/sysctl.h`.
    """

    path: str
    as_name: str = ""


@dataclass
class GeneratorSpec:
    """A step that makes headers the library's build would generate.

    `type` is "command" (run `command` in `cwd` inside the revision's
    temporary tree) or the name of a built-in generator (see
    extract/generators).  `inputs` are globs of repository files the step
    reads; `outputs` are the repository-relative paths it must produce.
    """

    name: str
    type: str = "command"
    inputs: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    command: list[str] = field(default_factory=list)
    cwd: str = ""
    timeout: float = 120.0
    options: dict = field(default_factory=dict)


@dataclass
class ExtractConfig:
    headers: list[str] = field(default_factory=lambda: [DEFAULT_HEADER_GLOB])
    excludes: list[str] = field(default_factory=list)    # globs of headers the globs match but are not public
    include_dirs: list[IncludeDir] = field(default_factory=list)
    defines: list[str] = field(default_factory=list)     # NAME or NAME=VALUE
    compiler: str = "cc"
    cflags: list[str] = field(default_factory=list)
    optional: list[str] = field(default_factory=list)    # globs of headers that may fail to read
    # Globs of the public headers a consumer includes directly: the translation unit
    # includes them first, in this order, then the other public headers (e.g. a
    # generated header that compiles only after its parent).  When a header cannot
    # be read, each of these is read on its own.  Empty: every public header, sorted.
    top_level: list[str] = field(default_factory=list)
    generators: list[GeneratorSpec] = field(default_factory=list)
    trust: bool = False        # allow generators (code from the analysed repository) to run
    strict: bool = False       # a header that cannot be read fails the run instead of a partial model
    profile: str = ""          # the profile (and era) these settings came from, for messages
    target: str = ""           # --target: the GNU triple layouts are judged for ('' = the host)

    def dependency_globs(self) -> list[str]:
        """Headers laid out beside the public ones, as an installation has them: everything
        under each header glob's fixed folder (`include/lib.h` -> `include/**/*.h`), so an
        umbrella header's own includes are found (and are public by reach, see build_model)."""
        from ..vcs.globs import fixed_prefix, has_wildcard
        prefixes = []
        for glob in self.headers:
            prefix = fixed_prefix(glob).rstrip("/") if has_wildcard(glob) else glob.rpartition("/")[0]
            prefixes.append(prefix)
        # A folder inside another one is already laid out with it (and named relative to the outer).
        outer = [p for p in dict.fromkeys(prefixes)
                 if not any(q != p and q and (p + "/").startswith(q + "/") for q in prefixes)]
        return [f"{p}/**/*.h" if p else "*.h" for p in outer]

    def fingerprint(self) -> dict:
        """Everything here that determines a model (for cache keys)."""
        return {
            "headers": self.headers,
            "excludes": self.excludes,
            "include_dirs": [(d.path, d.as_name) for d in self.include_dirs],
            "defines": self.defines,
            "compiler": self.compiler,
            "cflags": self.cflags,
            "target": self.target,
            "optional": self.optional,
            "top_level": self.top_level,
            "generators": [vars(g) for g in self.generators],
            "strict": self.strict,
        }
