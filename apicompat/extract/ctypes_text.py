"""C type nodes -> text, as written and resolved through typedefs.

pycparser keeps a declaration's type as a chain of declarator nodes
(TypeDecl / PtrDecl / ArrayDecl / FuncDecl).  Here that chain is printed
without its declared name, with record bodies collapsed to their names, and
optionally with every typedef name replaced by what it stands for.
"""
from __future__ import annotations

import copy
import weakref

from pycparser import c_ast, c_generator

_RECORDS = (c_ast.Struct, c_ast.Union, c_ast.Enum)


def _shallow(node):
    """copy.copy for a pycparser node, without copy's generic protocol (a third of a model's
    build time went to it)."""
    if not isinstance(node, c_ast.Node):
        return copy.copy(node)
    new = object.__new__(type(node))
    for slot in type(node).__slots__:
        if slot != "__weakref__":
            setattr(new, slot, getattr(node, slot, None))
    return new


# Texts that depend on nothing but the node: kept while the node lives.  A walk reuses parsed
# pieces (extract/segments.py), the same node objects revision after revision, and printing
# them again was most of a model's build.  (A record's name comes from its own declaration, so
# the written text of a node is the same in every build; resolved texts depend on the typedefs
# in scope and are kept per build only.)
_WRITTEN: "weakref.WeakKeyDictionary[c_ast.Node, str]" = weakref.WeakKeyDictionary()
_DECL_TEXT: "weakref.WeakKeyDictionary[c_ast.Node, str]" = weakref.WeakKeyDictionary()


class TypeNamer:
    """Prints types; knows the typedefs seen so far and names given to anonymous records.

    >>> namer = TypeNamer()
    >>> namer.add_typedef("u8", typedef_node.type)
    >>> namer.written(decl.type), namer.resolved(decl.type)
    ('u8 *', 'unsigned char *')
    """

    def __init__(self) -> None:
        self.typedefs: dict[str, c_ast.Node] = {}
        self.record_names: dict[int, str] = {}   # id(anonymous record node) -> name
        self._gen = c_generator.CGenerator()
        # written text -> resolved text.  Sound because C declares a typedef before any use and
        # never redefines it to another type: the same spelling resolves the same way later on.
        self._resolved_of: dict[str, str] = {}
        self._last: tuple[object, str] | None = None     # (node, written text) of the last written()

    def add_typedef(self, name: str, type_node: c_ast.Node) -> None:
        self.typedefs[name] = type_node

    def name_record(self, node: c_ast.Node, name: str) -> None:
        self.record_names[id(node)] = name

    def written(self, type_node: c_ast.Node) -> str:
        text = _WRITTEN.get(type_node)
        if text is None:
            text = _WRITTEN[type_node] = self._text(self._collapse(type_node))
        self._last = (type_node, text)
        return text

    def resolved(self, type_node: c_ast.Node) -> str:
        # Callers ask written() then resolved() of one node: the written text is the memo's key.
        if self._last is not None and self._last[0] is type_node:
            key = self._last[1]
        else:
            key = self._text(self._collapse(type_node))
        found = self._resolved_of.get(key)
        if found is None:
            found = self._resolved_of[key] = self._text(self._resolve(self._collapse(type_node), depth=0))
        return found

    def decl_text(self, node: c_ast.Node, key: c_ast.Node | None = None) -> str:
        """A declaration as C text, one line, without a trailing semicolon.  `key`: the node the
        text stands for, when `node` is a copy made for printing (a prototype without its body)."""
        key = node if key is None else key
        text = _DECL_TEXT.get(key)
        if text is None:
            text = _DECL_TEXT[key] = " ".join(self._gen.visit(node).split())
        return text

    # -- internals ---------------------------------------------------------

    def _text(self, node: c_ast.Node) -> str:
        """`node`: a chain _collapse made (and _resolve changed), so this build's own copies:
        its names are taken off in place."""
        _strip_declname(node)
        text = self._gen.visit(c_ast.Typename(None, [], None, node))
        return " ".join(text.split())

    def _collapse(self, node: c_ast.Node) -> c_ast.Node:
        """A copy of the declarator chain with record bodies replaced by their names.

        Only the nodes later steps change are copied (shallow copies along the
        chain); a record's members are never copied -- deep-copying them was
        most of the extraction time on a large library.
        """
        if isinstance(node, _RECORDS):
            # A shallow copy keeps whatever fields this pycparser version has (3.12 added
            # an enum's underlying type and attributes); only the body goes.
            collapsed = _shallow(node)
            collapsed.name = node.name or self.record_names.get(id(node)) or "{...}"
            if isinstance(node, c_ast.Enum):
                collapsed.values = None
            else:
                collapsed.decls = None
            return collapsed
        node = _shallow(node)
        if isinstance(node, c_ast.IdentifierType):
            node.names = canonical_names(node.names)
        if isinstance(getattr(node, "quals", None), list):     # _add_quals appends to them
            node.quals = list(node.quals)
        if isinstance(getattr(node, "type", None), c_ast.Node):
            node.type = self._collapse(node.type)
        if isinstance(node, c_ast.FuncDecl) and node.args is not None:
            node.args = _shallow(node.args)
            node.args.params = [self._collapse_param(p) for p in node.args.params]
        return node

    def _collapse_param(self, param: c_ast.Node) -> c_ast.Node:
        if not isinstance(param, (c_ast.Decl, c_ast.Typename)):
            return param
        param = _shallow(param)
        param.type = self._collapse(param.type)
        return param

    def _resolve(self, node: c_ast.Node, depth: int) -> c_ast.Node:
        if depth > 64:
            return node
        if isinstance(node, c_ast.TypeDecl):
            inner = node.type
            if isinstance(inner, c_ast.IdentifierType) and len(inner.names) == 1 \
                    and inner.names[0] in self.typedefs:
                target = self._collapse(self.typedefs[inner.names[0]])
                _add_quals(target, node.quals)
                return self._resolve(target, depth + 1)
            return node
        if isinstance(node, (c_ast.PtrDecl, c_ast.ArrayDecl)):
            node.type = self._resolve(node.type, depth + 1)
        elif isinstance(node, c_ast.FuncDecl):
            node.type = self._resolve(node.type, depth + 1)
            if node.args is not None:
                for p in node.args.params:
                    if isinstance(p, (c_ast.Decl, c_ast.Typename)):
                        p.type = self._resolve(p.type, depth + 1)
        return node


def _strip_declname(node: c_ast.Node) -> None:
    """Remove the declared name (and parameter names) so only the type prints: in place, on
    the copies _collapse made (every declarator and parameter along the chain is one; copying
    them again here, parameters deeply, was a third of resolving a type)."""
    while node is not None:
        if isinstance(node, c_ast.TypeDecl):
            node.declname = None
            return
        if isinstance(node, c_ast.FuncDecl) and node.args is not None:
            node.args.params = [_unnamed(p) for p in node.args.params]
        nxt = getattr(node, "type", None)
        node = nxt if isinstance(nxt, c_ast.Node) else None


def _unnamed(param: c_ast.Node) -> c_ast.Node:
    if isinstance(param, c_ast.Decl):
        _strip_declname(param.type)
        return c_ast.Typename(None, param.quals, None, param.type)
    return param


def _add_quals(node: c_ast.Node, quals: list[str]) -> None:
    """Qualifiers on a typedef name apply to the type it stands for as a whole."""
    if not quals:
        return
    if isinstance(node, c_ast.PtrDecl):
        node.quals = list(dict.fromkeys(node.quals + quals))
        return
    while isinstance(node, c_ast.ArrayDecl):
        node = node.type
    if isinstance(node, c_ast.TypeDecl):
        node.quals = list(dict.fromkeys(node.quals + quals))


_INTEGER_WORDS = {"signed", "unsigned", "short", "long", "int"}


def canonical_names(names: list[str]) -> list[str]:
    """One spelling per integer type: `unsigned` -> `unsigned int`, `long int` -> `long`,
    `signed` -> `int`, `short unsigned` -> `unsigned short` (the same type in C, so no change)."""
    if not names or not set(names) <= _INTEGER_WORDS:
        return list(names)
    longs = names.count("long")
    size = ["short"] if "short" in names else ["long"] * min(longs, 2)
    sign = ["unsigned"] if "unsigned" in names else []
    return sign + (size or ["int"])
