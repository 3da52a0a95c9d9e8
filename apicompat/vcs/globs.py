# Glob patterns over repository paths, one syntax for both backends.
#
# Profiles name headers with globs such as `tools/libxl/*.h` or
# `xen/include/public/**/*.h`.  The rules follow git's `:(glob)` pathspec
# magic (wildmatch with WM_PATHNAME), so git can pre-filter with the very same
# pattern; Mercurial is filtered in Python with the regex built here:
#
#   *      any run of characters except '/'
#   **     as a whole path component: any number (zero included) of
#          directories; `dir/**` is everything below `dir`; elsewhere
#          (e.g. `a**b`) it is a plain `*`
#   ?      one character except '/'
#   [abc]  one of the listed characters; `[a-z]` ranges, `[!abc]`/`[^abc]`
#          negation; never matches '/'
#   \x     the character x itself
#
# A glob matches whole paths only: `include/*` does not match
# `include/sub/x.h`, and `include` does not match files below it (write
# `include/` or `include/**` for that).  Paths are repository-relative with
# '/' separators.
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

WILDCARDS = "*?[\\"


def normalize(glob: str) -> str:
    """Canonical form of `glob`: no leading `./` or `/`, no empty components,
    and a trailing `/` spelled out as `/**`.

    >>> normalize("./include//xen/")
    'include/xen/**'
    """
    trailing_dir = glob.endswith("/")
    while glob.startswith("./"):
        glob = glob[2:]
    parts = [p for p in glob.split("/") if p and p != "."]
    if trailing_dir and parts:
        parts.append("**")
    return "/".join(parts)


def clean_path(path: str) -> str | None:
    """`path` as a repository-relative file path, or None if it cannot name a
    file in a repository (empty, a directory with trailing '/', '..', newlines).

    >>> clean_path("./include//foo.h")
    'include/foo.h'
    """
    parts = [p for p in path.split("/") if p and p != "."]
    if not parts or ".." in parts or path.endswith("/") or any(c in path for c in "\n\r\0"):
        return None
    return "/".join(parts)


def has_wildcard(text: str) -> bool:
    """True if `text` contains a glob special character (`*`, `?`, `[`, `\\`)."""
    return any(c in text for c in WILDCARDS)


@lru_cache(maxsize=4096)
def fixed_prefix(glob: str) -> str:
    """The leading directories of `glob` that contain no wildcard ('' if none).

    Used to limit a listing to one subtree, e.g. `git ls-tree -r REV -- prefix`.

    >>> fixed_prefix("tools/libxl/*.h")
    'tools/libxl'
    >>> fixed_prefix("**/*.h")
    ''
    """
    parts = normalize(glob).split("/")[:-1]   # the last component names files
    fixed = []
    for part in parts:
        if has_wildcard(part):
            break
        fixed.append(part)
    return "/".join(fixed)


def to_regex(glob: str) -> str:
    """A Python regular expression (without anchors) equivalent to `glob`."""
    parts = normalize(glob).split("/")
    out = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "**":
            out.append(".*" if last else "(?:[^/]*/)*")
        else:
            out.append(_component_regex(part) + ("" if last else "/"))
    return "".join(out)


def _component_regex(part: str) -> str:
    """Regex for one path component (no '/' inside)."""
    out, i = [], 0
    while i < len(part):
        c = part[i]
        if c == "*":
            while i + 1 < len(part) and part[i + 1] == "*":
                i += 1                      # `a**b` is a plain `*`
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "\\" and i + 1 < len(part):
            i += 1
            out.append(re.escape(part[i]))
        elif c == "[":
            cls, end = _bracket(part, i)
            if cls is None:
                out.append(re.escape(c))
            else:
                out.append(cls)
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def _bracket(part: str, start: int) -> tuple[str | None, int]:
    """Regex for the bracket expression at part[start] and the index of its ']'.

    Returns (None, start) when the bracket is not closed (then '[' is literal).
    """
    i = start + 1
    negate = i < len(part) and part[i] in "!^"
    if negate:
        i += 1
    first = i
    items = []
    while i < len(part) and (part[i] != "]" or i == first):
        c = part[i]
        if c == "\\" and i + 1 < len(part):
            i += 1
            c = part[i]
        if i + 2 < len(part) and part[i + 1] == "-" and part[i + 2] != "]":
            hi = part[i + 2]
            if hi == "\\" and i + 3 < len(part):
                i += 1
                hi = part[i + 2]
            items.append(_class_char(c) + "-" + _class_char(hi))
            i += 3
            continue
        items.append(_class_char(c))
        i += 1
    if i >= len(part):
        return None, start
    body = "".join(items)
    if negate:
        return f"[^/{body}]", i
    return f"(?:(?!/)[{body}])", i


def _class_char(c: str) -> str:
    return "\\" + c if c in "\\]^-[" else c


# Matching runs a small automaton over the path (a set of states, one pass), not the
# regex above: globs come from profiles, which a repository may ship, and a regex like
# `[^/]*a[^/]*a[^/]*a...` or `(?:[^/]*/)*` backtracks for polynomial or exponential time.
_ANY, _STAR, _DIRS, _DIRS_IN = "any", "star", "dirs", "dirs-in"


@lru_cache(maxsize=1024)
def compile_glob(glob: str) -> tuple:
    """`glob` as a list of steps for `match`: (kind, test) with kind one char, `star`
    (a run without '/'), `dirs` (`**/`: whole directories) or `any` (a final `**`)."""
    steps: list[tuple] = []
    parts = normalize(glob).split("/")
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "**":
            steps.append((_ANY, None) if last else (_DIRS, None))
            continue
        for piece in _component_pieces(part):
            steps.append(piece)
        if not last:
            steps.append(("char", "/"))
    return tuple(steps)


def _component_pieces(part: str) -> list[tuple]:
    pieces, i = [], 0
    while i < len(part):
        c = part[i]
        if c == "*":
            while i + 1 < len(part) and part[i + 1] == "*":
                i += 1
            pieces.append((_STAR, None))
        elif c == "?":
            pieces.append(("class", re.compile("[^/]")))
        elif c == "\\" and i + 1 < len(part):
            i += 1
            pieces.append(("char", part[i]))
        elif c == "[":
            cls, end = _bracket(part, i)
            if cls is None:
                pieces.append(("char", c))
            else:
                pieces.append(("class", re.compile(cls, re.DOTALL)))
                i = end
        else:
            pieces.append(("char", c))
        i += 1
    return pieces


def _closure(steps: tuple, states: set) -> set:
    """Add the states reachable without reading a character (stars and `**/` may match nothing)."""
    todo, seen = list(states), set(states)
    while todo:
        state = todo.pop()
        index, inner = state
        if inner or index >= len(steps):
            continue
        if steps[index][0] in (_STAR, _DIRS, _ANY):
            nxt = (index + 1, False)
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _step(steps: tuple, states: set, char: str) -> set:
    out = set()
    for index, inner in states:
        if index >= len(steps):
            continue
        kind, test = steps[index]
        if inner:                                  # inside a directory name of `**/`
            out.add((index, char != "/"))
        elif kind == "char":
            if char == test:
                out.add((index + 1, False))
        elif kind == "class":
            if test.fullmatch(char):
                out.add((index + 1, False))
        elif kind == _STAR:
            if char != "/":
                out.add((index, False))
        elif kind == _DIRS:
            out.add((index, char != "/"))
        elif kind == _ANY:
            out.add((index, False))
    return _closure(steps, out)


def match(glob: str, path: str) -> bool:
    """True if the repository path `path` matches `glob` (see module comment).

    Linear in the path's length for a given glob.

    >>> match("include/**/*.h", "include/xen/io/ring.h")
    True
    >>> match("include/*.h", "include/xen/io/ring.h")
    False
    """
    prefix = fixed_prefix(glob)
    if prefix and not (path == prefix or path.startswith(prefix.rstrip("/") + "/")):
        return False                  # most paths of a tree fail here, before any state machine
    return _match(glob, path)


@lru_cache(maxsize=1 << 17)
def _match(glob: str, path: str) -> bool:
    """match() past the prefix test; kept, since a walk asks about the same paths at every revision."""
    steps = compile_glob(glob)
    states = _closure(steps, {(0, False)})
    for char in path:
        states = _step(steps, states, char)
        if not states:
            return False
    return (len(steps), False) in states


def match_any(globs: Iterable[str], path: str) -> bool:
    """True if `path` matches at least one of `globs`."""
    return any(match(g, path) for g in globs)


@lru_cache(maxsize=1 << 13)
def _kept(globs: tuple[str, ...], path: str) -> bool:
    """match_any, kept: a walk filters the same paths of each changed folder at every revision
    (8k answers: a few eras' input folders; the walk's parent stays under its memory bound)."""
    return match_any(globs, path)


def filter_paths(globs: Iterable[str], paths: Iterable[str]) -> list[str]:
    """Sorted, de-duplicated `paths` matching any of `globs`.

    A path no checkout could hold (a hand-made tree entry `..`, a newline in a name) is left
    out with a warning, not read: it would name a file outside the tree."""
    globs = tuple(globs)
    kept, odd = set(), set()
    for p in paths:
        if _kept(globs, p):
            (kept if clean_path(p) == p else odd).add(p)
    if odd:
        from ..progress import warning
        from ..report.safe_text import printable
        warning(f"left out {len(odd)} file(s) whose path no checkout could hold (a '..' entry, a line break "
                f"in a name): {printable(', '.join(sorted(odd)[:5]))}")
    return sorted(kept)


def prefixes(globs: Iterable[str]) -> list[str]:
    """Minimal list of fixed prefixes covering `globs`; [''] means the whole tree.

    >>> prefixes(["a/b/*.h", "a/*.h", "c/d.h"])
    ['a', 'c']
    """
    found = sorted({fixed_prefix(g) for g in globs})
    if "" in found:
        return [""]
    kept: list[str] = []
    for p in found:
        if not any(p == k or p.startswith(k + "/") for k in kept):
            kept.append(p)
    return kept
