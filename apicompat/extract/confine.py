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

import hashlib
import os
import re
from pathlib import Path

from ..errors import CompilerError
from .ctokens import SPLICE

_DIRECTIVE = re.compile(r'^[ \t]*#[ \t]*(include|include_next|import)[ \t]*([<"])([^>"\n]{0,1024})[>"]', re.M)
# The operand's length is bounded: unbounded, a line repeating `__has_include(<` without a closing
# `>` makes every match attempt scan to the end of the line (quadratic).
_HAS_INCLUDE = re.compile(r'__has_include(?:_next)?[ \t]{0,64}\([ \t]{0,64}([<"])([^>"\n]{0,1024})[>"]')


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


_PROBES = {"__has_include", "__has_include_next", "__has_include__", "__has_include_next__",
           "__has_embed", "__has_embed__"}
# Directives whose operand names a file the dependency output may not show.
_FILE_DIRECTIVES = {"embed"}
# After these a probe's name is only tested for being defined, which tells nothing of the host.
_NAME_TESTS = {"defined", "ifdef", "ifndef", "elifdef", "elifndef"}
# Words without which a spliced text has nothing _probe_edits rewrites (a probe, a _Pragma, an
# #embed, a #pragma ... dependency): the others are not tokenized.  Whole words, so that prose
# ("embedded", "a dependency") costs no tokenizing.  Searched as plain substrings first: a
# regular expression starting with \b is tried at every offset, seventy times slower.
def _may_probe(logical: str) -> bool:
    """Whether `logical` (the text with its line splices removed) may hold something to rewrite."""
    return "__has_" in logical or "_Pragma" in logical or _has_word(logical, "embed") \
        or _has_word(logical, "pragma") and _has_word(logical, "dependency")


def _has_word(text: str, word: str) -> bool:
    """Whether `word` occurs in `text` as a whole identifier."""
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if (start == 0 or not _is_ident(text[start - 1])) and (end == len(text) or not _is_ident(text[end])):
            return True
        start = text.find(word, end)
    return False


def _is_ident(char: str) -> bool:
    return char.isalnum() or char in "_$"


def _safe_operand(text: str) -> str | None:
    """The file a literal probe operand names, when it cannot leave the search folders."""
    text = text.strip()
    if len(text) < 3 or (text[0], text[-1]) not in (('"', '"'), ("<", ">")):
        return None
    spelled = text[1:-1]
    if not spelled or os.path.isabs(spelled) or ".." in Path(spelled).parts or '"' in spelled:
        return None
    return spelled


def _closing_paren(tokens, open_index: int) -> int | None:
    """Index of the `)` matching tokens[open_index] on the same logical line."""
    depth = 0
    for index in range(open_index, len(tokens)):
        token = tokens[index]
        if token.kind == "nl":
            return None
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
            if depth == 0:
                return index
    return None


def _probe_edits(source, tokens, where) -> tuple[list[tuple[int, int, str]], list[str]]:
    """(start, end, replacement) edits of the original text, and one note per edit."""
    from .ctokens import destringize
    edits, notes = [], []
    directive = None
    for index, token in enumerate(tokens):
        if token.line_start:
            directive = None
            if token.text == "#" and index + 1 < len(tokens) and tokens[index + 1].kind == "id":
                directive = tokens[index + 1].text
                if directive == "pragma" or directive in _FILE_DIRECTIVES:
                    line_end = next((t for t in tokens[index:] if t.kind == "nl"), None)
                    end = line_end.start if line_end else len(source.text)
                    words = {t.text for t in tokens[index:] if t.kind == "id" and t.start < end}
                    if directive in _FILE_DIRECTIVES or "dependency" in words:
                        edits.append((token.start, end, source.blank(token.start, end)))
                        notes.append(f"{where(token)}: #{directive} "
                                     f"{'GCC dependency ' if directive == 'pragma' else ''}ignored "
                                     "(it looks at files outside apicompat's view)")
        if token.kind != "id" or token.text not in _PROBES and token.text != "_Pragma":
            continue
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        close = _closing_paren(tokens, index + 1) if after is not None and after.text == "(" else None
        if token.text == "_Pragma":
            if close is not None and close == index + 3 and tokens[index + 2].kind == "str":
                pragma = destringize(tokens[index + 2].text)
                if "dependency" not in pragma:
                    continue                # a plain pragma: kept (pack, diagnostics)
            end = tokens[close].end if close is not None else token.end
            edits.append((token.start, end, source.blank(token.start, end)))
            notes.append(f"{where(token)}: a _Pragma that may be GCC dependency (or is computed) was "
                         "dropped (it looks at files outside apicompat's view)")
            continue
        before = [t.text for t in tokens[max(0, index - 2):index]]
        if close is None:
            if directive in _NAME_TESTS or "defined" in before:
                continue                    # `defined(__has_include)`, `#ifdef __has_include`
            edits.append((token.start, token.end, source.blank(token.start, token.end, "0")))
            notes.append(f"{where(token)}: {token.text} used other than as a call with a file name: "
                         "not checkable, treated as absent")
            continue
        operand = source.logical[tokens[index + 1].logical_end:tokens[close].logical_start]
        if _safe_operand(operand) is not None:
            continue
        end = tokens[close].end
        edits.append((token.start, end, source.blank(token.start, end, "0")))
        shown = operand.strip()
        notes.append(f"{where(token)}: {token.text} probes {shown[:80]!r}, which may name a file outside "
                     "the repository (or comes from a macro): treated as absent")
    return edits, notes


# (digest of a text, where it is shown) -> (the text with its probes made inert, or None when
# there is nothing to edit; the notes): a walk reads the same headers at revision after
# revision, and tokenizing them again was a tenth of an extraction.
_PROBED: dict[tuple[bytes, str], tuple[str | None, tuple[str, ...]]] = {}


def neutralize_probes(files: list[Path], display) -> list[str]:
    """`__has_include` opens no file the dependency output would show, yet tells whether one
    exists; `#pragma GCC dependency` stats one (a missing file is fatal).  Every probe the
    compiler could see (read as it reads: spliced lines, comments, digraphs, `_Pragma`) that
    names an absolute path, climbs with '..' or takes its name from a macro is rewritten in
    the snapshot's copy to "absent", lines kept: the model no longer depends on the
    analysing machine.  Returns one message per rewrite."""
    notes = []
    for path in files:
        try:
            text = path.read_text(errors="surrogateescape")
        except OSError:
            continue
        if not _may_probe(SPLICE.sub("", text) if "\\" in text else text):
            continue
        shown = display(str(path))
        key = (hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).digest(), shown)
        found = _PROBED.get(key)
        if found is None:
            if len(_PROBED) > 50_000:
                _PROBED.clear()
            found = _PROBED[key] = _inert(text, shown)
        edited, said = found
        notes.extend(said)
        if edited is not None:
            path.write_text(edited, errors="surrogateescape")
    return notes


def _inert(text: str, shown: str) -> tuple[str | None, tuple[str, ...]]:
    """(the text with its probes rewritten, or None if it has none to rewrite; the notes)."""
    from .ctokens import Source
    source = Source(text)
    if not _may_probe(source.logical):
        return None, ()
    tokens = source.tokens()

    def where(token) -> str:
        return f"{shown}:{text.count(chr(10), 0, token.start) + 1}"
    edits, found = _probe_edits(source, tokens, where)
    if not edits:
        return None, ()
    pieces, last = [], 0
    for start, end, replacement in sorted(edits):
        if start < last:
            continue                    # inside an edit already made (a probe in a _Pragma)
        pieces += [text[last:start], replacement]
        last = end
    return "".join(pieces) + text[last:], tuple(found)


def read_dependencies(deps_file: Path) -> list[str]:
    """The files of a make-style dependency file (`-MD -MF`): `target: a.h b\\ c.h ...`, with make's
    quoting undone (`\\ ` is a space, `$$` a `$`: a folder named `x$` must not hide what it leads to)."""
    try:
        text = deps_file.read_text(errors="surrogateescape")
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
    return [f.replace("$$", "$") for f in files]


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
