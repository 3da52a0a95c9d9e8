"""Parse a revision's preprocessed text a piece at a time, reusing earlier parses.

pycparser is most of an extraction, and in a walk most commits change one header of many,
and of that header a few declarations.  So the text is cut where the preprocessor enters or
leaves a file (an `#include`: file scope), and a piece not seen before is cut again after each
top-level declaration (`declarations`), its lines counted from 1 so that a declaration an edit
moved down is still the same text.  A piece's declarations depend only on its text and on
which of the names in it are typedefs in scope: both make the key of the cache, so a piece
seen before with the same typedefs among its names is not parsed again.

The snapshot's temporary folder is in every line marker; it is replaced by a fixed name
(ROOT) first, so pieces match across snapshots and runs, and `locate` maps it back.  When any
piece cannot be parsed on its own (a header that ends inside a declaration another one
finishes), the caller parses the whole text as before.
"""
from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import OrderedDict

from pycparser import c_ast, c_parser

ROOT = "/@apicompat-snapshot@"
# A line marker that enters a file (flag 1) or returns to one (flag 2): an `#include`, nearly
# always at file scope.  One that is not (an include inside a struct) makes its pieces fail to
# parse alone, and the caller parses the whole text.
_FILE_MARKER = re.compile(r'^# \d+ "[^"\n]*"(?: [34])*(?: [12])(?: [34])*$', re.M)
_MARKER = re.compile(r'^# (\d+) "([^"\n]*)"(?: \d)*$')
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
# Longest run of blank lines a marker within a piece stands for (longer: the piece is parsed whole).
_MAX_JUMP = 10_000
_CACHE_ENTRIES = 40_000
# Pieces kept in memory, by the size of their text: a piece's syntax tree takes about 40 times
# its text, and a long walk meets many versions of a big header (each a new piece).
_CACHE_TEXT_BYTES = int(float(os.environ.get("APICOMPAT_PIECE_CACHE_MB", "2")) * 2**20)


class _ScopedParser(c_parser.CParser):
    """A CParser that starts a parse with given names in file scope (name -> is a typedef).

    Both pycparser 2 and 3 begin `parse()` with `self._scope_stack = [{}]`: the setter puts
    the waiting scope there instead."""
    _waiting: dict | None = None

    @property
    def _scope_stack(self):
        return self.__dict__["_apicompat_scopes"]

    @_scope_stack.setter
    def _scope_stack(self, value):
        if self._waiting is not None and value == [{}]:
            value, self._waiting = [dict(self._waiting)], None
        self.__dict__["_apicompat_scopes"] = value

    def parse_in_scope(self, text: str, scope: dict[str, bool]) -> tuple[list, dict[str, bool]]:
        self._waiting = scope
        ast = self.parse(text, filename=ROOT + "/apicompat_main.c")
        return ast.ext, self._scope_stack[0]


def pieces(text: str) -> list[str]:
    """The text cut before each line marker that enters or leaves a file (each piece starts at
    file scope, with the marker that gives its lines their file and number)."""
    cuts = [m.start() for m in _FILE_MARKER.finditer(text)]
    bounds = [0] + [c for c in cuts if c > 0] + [len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


class SegmentCache:
    """(text digest, the scope's names in it) -> a parse; (text digest, None) -> the text's
    identifiers.  Least recently used out.

    In memory only: a piece stored in the history cache as data took as long to rebuild as
    to parse again (measured on Xen, issue 14), and writing each one cost a fifth of a walk."""

    def __init__(self, entries: int = _CACHE_ENTRIES, text_bytes: int = _CACHE_TEXT_BYTES):
        self.entries, self.text_bytes = entries, text_bytes
        self._data: OrderedDict = OrderedDict()
        self._sizes: dict = {}
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def peek(self, key):
        """get() without counting it as a parse saved."""
        with self._lock:
            found = self._data.get(key)
            if found is not None:
                self._data.move_to_end(key)
            return found

    def get(self, key):
        with self._lock:
            found = self._data.get(key)
            if found is not None:
                self._data.move_to_end(key)
                self.hits += 1
            else:
                self.misses += 1
            return found

    def put(self, key, value, size: int = 0) -> None:
        """`size`: the piece's text length, what the memory budget counts."""
        with self._lock:
            self._remember(key, value, size)

    def _remember(self, key, value, size: int) -> None:
        if key not in self._data:
            self._sizes[key] = size
            self._bytes += size
        self._data[key] = value
        self._data.move_to_end(key)
        while len(self._data) > 1 and (len(self._data) > self.entries or self._bytes > self.text_bytes):
            old, _ = self._data.popitem(last=False)
            self._bytes -= self._sizes.pop(old, 0)


CACHE = SegmentCache()
_local = threading.local()


def _parser() -> _ScopedParser:
    if not hasattr(_local, "parser"):
        _local.parser = _ScopedParser()
    return _local.parser


class FileAST(c_ast.FileAST):
    """A FileAST whose nodes' lines may count from a piece's start: `line_offsets`, one per node,
    is what to add to each line to have the file's."""
    __slots__ = ("line_offsets",)

    def __init__(self, ext: list, line_offsets: list[int]):
        super().__init__(ext)
        self.line_offsets = line_offsets


def parse_pieces(text: str, root: str, cache: SegmentCache | None = None) -> c_ast.FileAST:
    """The FileAST of `text` (preprocessed, with line markers naming files under `root`), its
    coordinates naming files under ROOT; `line_offsets` (one per node) says how far each node's
    lines are from its file's.  c_parser.ParseError when a piece cannot be parsed alone (the
    caller then parses the whole text)."""
    cache = cache if cache is not None else CACHE
    text = text.replace(root.rstrip("/") + "/", ROOT + "/")
    scope: dict[str, bool] = {}
    ext: list = []
    offsets: list[int] = []
    for piece in pieces(text):
        nodes, node_offsets, changes = _file_piece(piece, scope, cache)
        ext.extend(nodes)
        offsets.extend(node_offsets if node_offsets is not None else [0] * len(nodes))
        scope.update(changes)
    return FileAST(ext, offsets)


def _file_piece(piece: str, scope: dict[str, bool], cache: SegmentCache):
    """(nodes, their line offsets or None, scope changes) of one file's piece: from the cache;
    else its declarations one at a time (most reused, from other versions of the file); else
    the piece whole."""
    key = _key(piece, scope.get, cache)
    found = cache.get(key)
    if found is None:
        found = _by_declaration(piece, scope, cache)
        if found is None:
            nodes, changes = _parse_alone(piece, key[1])
            found = (nodes, None, changes)
        cache.put(key, found, len(piece))
    return found


def _key(text: str, in_scope, cache: SegmentCache) -> tuple:
    """(the text's digest, ((name, is a typedef), ...) for the names in it the scope holds): all
    a parse depends on.  The parser asks the scope only about identifiers it meets (is it a
    type; was it declared otherwise before), so a name declared elsewhere leaves this text's
    parse (and its key) as it was."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).digest()
    names = cache.peek((digest, None))
    if names is None:
        names = tuple(sorted(set(_IDENTIFIER.findall(text))))
        cache.put((digest, None), names, len(text) // 8)
    return digest, tuple((n, flag) for n in names for flag in [in_scope(n)] if flag is not None)


def _parse_alone(text: str, known: tuple) -> tuple[list, dict[str, bool]]:
    """Declarations and scope changes of `text` parsed with only the `known` names in scope."""
    given = dict(known)
    nodes, after = _parser().parse_in_scope(text, given)
    return nodes, {name: flag for name, flag in after.items() if given.get(name) != flag}


def _by_declaration(piece: str, scope: dict[str, bool], cache: SegmentCache):
    """The piece parsed a top-level declaration (or a run of them) at a time, each keyed like a
    piece with its lines counted from 1, so a declaration moved down by an edit above it is
    still found.  None when the piece cannot be cut so (then it is parsed whole)."""
    parts = declarations(piece)
    if parts is None or len(parts) < 2:
        return None
    changed: dict[str, bool] = {}

    def in_scope(name: str):
        return changed[name] if name in changed else scope.get(name)

    nodes, offsets = [], []
    for first_line, text in parts:
        key = _key(text, in_scope, cache)
        found = cache.get(key)
        if found is None:
            try:
                found = _parse_alone(text, key[1])
            except (c_parser.ParseError, RecursionError):
                return None               # a cut inside a declaration: no part stands alone
            cache.put(key, found, len(text))
        part_nodes, changes = found
        nodes.extend(part_nodes)
        offsets.extend([first_line - 1] * len(part_nodes))
        changed.update(changes)
    return nodes, offsets, changed


def declarations(piece: str) -> list[tuple[int, str]] | None:
    """The piece (one file's lines, from its line marker) cut after each line that ends a
    top-level declaration: [(the part's first line in the file, its text)], each text a line
    marker `# 1 "file"` and the lines, blank lines standing in for the markers within.

    Brackets are counted without reading strings: a miscount can only cut inside a
    declaration, and such a part fails to parse (the caller then parses the piece whole).
    None when the piece has no usable marker, or one that leaves the file or goes back."""
    lines = piece.split("\n")
    head = _MARKER.match(lines[0])
    if head is None:
        return None
    file, line = head[2], int(head[1])
    marker = f'# 1 "{file}"\n'
    parts: list[tuple[int, str]] = []
    current: list[str] = []
    first, depth = line, 0
    for text in lines[1:]:
        if text.startswith("#"):
            jump = _MARKER.match(text)
            if jump is not None:
                target = int(jump[2] == file and jump[1])
                if not line <= target <= line + _MAX_JUMP:
                    return None
                if current:
                    current.extend([""] * (target - line))
                else:
                    first = target
                line = target
                continue
        if not current and not text.strip():
            first, line = line + 1, line + 1          # a part starts at its first written line
            continue
        current.append(text)
        line += 1
        depth += text.count("{") - text.count("}") + text.count("(") - text.count(")")
        if depth < 0:
            return None
        if depth == 0 and text.rstrip().endswith(";"):
            parts.append((first, marker + "\n".join(current) + "\n"))
            current, first = [], line
    if any(t.strip() for t in current):
        parts.append((first, marker + "\n".join(current) + "\n"))
    return parts


def real_file(file: str, root: str) -> str:
    """A coordinate's file with ROOT mapped back to the snapshot's folder."""
    return root.rstrip("/") + file[len(ROOT):] if file.startswith(ROOT) else file
