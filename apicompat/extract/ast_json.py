"""pycparser syntax trees as JSON, for the cache of parsed pieces (extract/segments.py).

JSON, not pickle: reading a cache file never runs code, whatever the file holds.  Only
pycparser's own node classes are rebuilt; anything else in the data is refused.
"""
from __future__ import annotations

from functools import lru_cache

from pycparser import c_ast, c_parser

_NODE, _COORD = "@", "@c"


def encode(value):
    """A node, a list of nodes, or a plain value as JSON-ready data."""
    if isinstance(value, c_ast.Node):
        data = {_NODE: type(value).__name__}
        for slot in type(value).__slots__:
            if slot != "__weakref__":
                data[slot] = encode(getattr(value, slot, None))
        return data
    if isinstance(value, list):
        return [encode(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if type(value) is _coord_class():
        return {_COORD: [value.file, value.line, value.column]}
    raise TypeError(f"not a syntax tree value: {type(value).__name__}")


def decode(data):
    """The inverse of encode; ValueError for anything encode cannot have written."""
    if isinstance(data, list):
        return [decode(v) for v in data]
    if isinstance(data, dict):
        if _COORD in data:
            file, line, column = data[_COORD]
            coord = object.__new__(_coord_class())
            coord.file, coord.line, coord.column = file, line, column
            return coord
        cls = getattr(c_ast, data.get(_NODE, ""), None)
        if not (isinstance(cls, type) and issubclass(cls, c_ast.Node)):
            raise ValueError(f"not a pycparser node: {data.get(_NODE)!r}")
        node = object.__new__(cls)
        for slot in cls.__slots__:
            if slot != "__weakref__":
                setattr(node, slot, decode(data.get(slot)))
        return node
    if data is None or isinstance(data, (str, int, float, bool)):
        return data
    raise ValueError(f"not syntax tree data: {type(data).__name__}")


@lru_cache(maxsize=1)
def _coord_class() -> type:
    """pycparser's coordinate class (c_parser.Coord in 3.x, plyparser.Coord in 2.x)."""
    return type(c_parser.CParser().parse("int apicompat_probe;", filename="x").ext[0].coord)
