"""Reads stay inside the snapshot: no byte of a file outside it reaches a model or a report.

A header of the analysed repository may `#include "/etc/passwd"`, climb out
with `"../../../../home/me/.netrc"`, compute the name with a macro, or probe
with `__has_include`.  The preprocessor may read only the revision's own
files (the snapshot), our fake libc, and include folders the *user* named
(an absolute -I on the command line or in their own profile).

Two checks, both needed:

* before running: every literal include and `__has_include` spelling is
  resolved against the folders it could be found in; one that leaves the
  allowed roots names its header and line (a precise message, and the
  preprocessor never opens the file);
* after running: every file the preprocessor actually opened (its
  dependency output, `-MD`, plus its line markers) must lie in the allowed
  roots.  This catches computed includes.  The caller then discards the
  output, so nothing of the outside file is used.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import CompilerError

_DIRECTIVE = re.compile(r'^[ \t]*#[ \t]*(include|include_next|import)[ \t]*([<"])([^>"\n]{0,1024})[>"]', re.M)
# The operand's length is bounded: unbounded, a line repeating `__has_include(<` without a closing
# `>` makes every match attempt scan to the end of the line (quadratic).
_HAS_INCLUDE = re.compile(r'__has_include(?:_next)?[ \t]{0,64}\([ \t]{0,64}([<"])([^>"\n]{0,1024})[>"]')
# `__has_include(MACRO)`: the name comes from a macro, so no spelling can be checked.
_COMPUTED_PROBE = re.compile(r'(__has_include(?:_next)?)[ \t]{0,64}\([ \t]{0,64}([A-Za-z_]\w{0,255})[ \t]{0,64}\)')
# `#pragma GCC dependency "file"` stats a file (an error if it is missing): host-dependent.
_DEPENDENCY = re.compile(r'^[ \t]*#[ \t]*pragma[ \t]+GCC[ \t]+dependency\b[^\n]*$', re.M)


class OutsideReadError(CompilerError):
    """A header includes (or probes) a file outside the repository's snapshot."""

    def __init__(self, message: str, file: str = "", line: int | None = None):
        self.file, self.line = file, line
        super().__init__(message)


def allowed_roots(snapshot_root: Path, fake_libc: Path, user_dirs: list[str]) -> list[str]:
    """Real paths of the folders reads may come from."""
    return [os.path.realpath(p) for p in [snapshot_root, fake_libc, *user_dirs]]


def is_allowed(path: str, roots: list[str], cwd: Path) -> bool:
    real = os.path.realpath(os.path.join(cwd, path))
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def find_spelling(files: list[Path], outside: str, cwd: Path, display) -> tuple[str, int, str] | None:
    """(file, line, spelling) of a literal include or `__has_include` in `files` that names `outside`."""
    target = os.path.realpath(os.path.join(cwd, outside))
    for path in files:
        try:
            text = path.read_text(errors="replace")
        except OSError:
            continue
        if "include" not in text:
            continue
        for match in list(_DIRECTIVE.finditer(text)) + list(_HAS_INCLUDE.finditer(text)):
            spelled = match.group(match.lastindex).strip()
            if spelled and os.path.realpath(os.path.join(path.parent, spelled)) == target \
                    or os.path.isabs(spelled) and os.path.realpath(spelled) == target:
                return display(str(path)), text.count("\n", 0, match.start()) + 1, spelled
    return None


REFUSED = "apicompat-outside-the-repository.h"     # a name no search folder has


def neutralize_probes(files: list[Path], display) -> list[str]:
    """`__has_include` opens no file the dependency output would show, yet tells whether one
    exists.  A probe that names an absolute path or climbs with '..' is rewritten, in the
    snapshot's copy, to probe a name that exists nowhere: the model no longer depends on the
    analysing machine.  Returns one message per probe rewritten."""
    notes = []
    for path in files:
        try:
            text = path.read_text(errors="surrogateescape")
        except OSError:
            continue
        if "__has_include" not in text and "dependency" not in text:
            continue

        def refuse_computed(match: re.Match) -> str:
            line = text.count("\n", 0, match.start()) + 1
            notes.append(f"{display(str(path))}:{line} probes a file named by the macro {match.group(2)} with "
                         "__has_include: not checkable, treated as absent")
            return f'{match.group(1)}("{REFUSED}")'

        def refuse_dependency(match: re.Match) -> str:
            line = text.count("\n", 0, match.start()) + 1
            notes.append(f"{display(str(path))}:{line}: #pragma GCC dependency ignored (it looks at files "
                         "outside apicompat's view)")
            return ""

        def refuse(match: re.Match) -> str:
            spelled = match.group(2).strip()
            if not (os.path.isabs(spelled) or ".." in Path(spelled).parts):
                return match.group(0)
            line = text.count("\n", 0, match.start()) + 1
            notes.append(f"{display(str(path))}:{line} probes {spelled!r} with __has_include, a file outside "
                         "the repository: treated as absent")
            return match.group(0).replace(match.group(1) + match.group(2), f'"{REFUSED}', 1) \
                .replace('>', '"', 1) if match.group(1) == "<" else \
                match.group(0).replace(match.group(2), REFUSED, 1)
        rewritten = _DEPENDENCY.sub(refuse_dependency, _COMPUTED_PROBE.sub(refuse_computed,
                                                                          _HAS_INCLUDE.sub(refuse, text)))
        if rewritten != text:
            path.write_text(rewritten, errors="surrogateescape")
    return notes


def read_dependencies(deps_file: Path) -> list[str]:
    """The files of a make-style dependency file (`-MD -MF`): `target: a.h b\\ c.h ...`."""
    try:
        text = deps_file.read_text(errors="replace")
    except OSError:
        return []
    text = text.replace("\\\n", " ")
    _, _, rest = text.partition(": ")
    files, current, escaped = [], [], False
    for char in rest:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char.isspace():
            if current:
                files.append("".join(current))
                current = []
        else:
            current.append(char)
    if current:
        files.append("".join(current))
    return files


def check_opened(opened: list[str], roots: list[str], cwd: Path, display, files=lambda: []) -> None:
    """Raise OutsideReadError when the preprocessor opened a file outside `roots`.

    `files()` (the snapshot's files) are searched for the include that did it, for its file:line."""
    for path in opened:
        if path.startswith("<") or not path:
            continue                      # <built-in>, <command-line>
        if not is_allowed(path, roots, cwd):
            found = find_spelling(files(), path, cwd, display)
            if found:
                file, line, spelled = found
                raise OutsideReadError(f"{file}:{line} includes {spelled!r}, a file outside the repository; "
                                       "nothing of it was used (apicompat reads only the revision's own files)",
                                       file, line)
            raise OutsideReadError(
                "a header includes a file outside the repository (through a macro or a search path); "
                "nothing of it was used (apicompat reads only the revision's own files)")
