"""Parse a revision's preprocessed text one top-level header at a time, reusing earlier parses.

pycparser is most of an extraction, and in a walk most commits change one header of many:
the other headers' preprocessed text is the same as at a revision already read.  So the text
is cut where the preprocessor enters or leaves a file (an `#include`: file scope), and each piece is parsed with the typedef names in scope before it.  A piece's
declarations depend only on its text and on that scope, so both make the key of the cache:
a piece seen before under the same scope is not parsed again.

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
_CACHE_ENTRIES = 20_000
# Pieces kept in memory, by the size of their text: a piece's syntax tree takes about 40 times
# its text, and a long walk meets many versions of a big header (each a new piece).  Those
# evicted are read back from the history cache when it backs this one.
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


def _item_hash(name: str, is_typedef: bool) -> int:
    return int.from_bytes(hashlib.blake2b(f"{name}\0{int(is_typedef)}".encode(), digest_size=8).digest(), "big")


class SegmentCache:
    """(piece digest, scope digest) -> (declarations, scope changes), least recently used out.

    In memory only: a piece stored in the history cache as data took as long to rebuild as
    to parse again (measured on Xen, issue 14), and writing each one cost a fifth of a walk."""

    def __init__(self, entries: int = _CACHE_ENTRIES, text_bytes: int = _CACHE_TEXT_BYTES):
        self.entries, self.text_bytes = entries, text_bytes
        self._data: OrderedDict = OrderedDict()
        self._sizes: dict = {}
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

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


def parse_pieces(text: str, root: str, cache: SegmentCache | None = None) -> c_ast.FileAST:
    """The FileAST of `text` (preprocessed, with line markers naming files under `root`), its
    coordinates naming files under ROOT.  c_parser.ParseError when a piece cannot be parsed
    alone (the caller then parses the whole text)."""
    cache = cache if cache is not None else CACHE
    text = text.replace(root.rstrip("/") + "/", ROOT + "/")
    scope: dict[str, bool] = {}
    scope_digest = 0
    ext: list = []
    for piece in pieces(text):
        key = (hashlib.blake2b(piece.encode("utf-8", "surrogateescape"), digest_size=16).digest(),
               scope_digest)
        found = cache.get(key)
        if found is None:
            nodes, after = _parser().parse_in_scope(piece, scope)
            changes = {name: is_typedef for name, is_typedef in after.items() if scope.get(name) != is_typedef}
            found = (nodes, changes)
            cache.put(key, found, len(piece))
        nodes, changes = found
        ext.extend(nodes)
        for name, is_typedef in changes.items():
            if name in scope:
                scope_digest -= _item_hash(name, scope[name])
            scope[name] = is_typedef
            scope_digest += _item_hash(name, is_typedef)
        scope_digest &= (1 << 64) - 1
    return c_ast.FileAST(ext)


def real_file(file: str, root: str) -> str:
    """A coordinate's file with ROOT mapped back to the snapshot's folder."""
    return root.rstrip("/") + file[len(ROOT):] if file.startswith(ROOT) else file
