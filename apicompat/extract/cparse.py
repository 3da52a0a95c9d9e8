"""pycparser AST -> API model.

Walks the file-level declarations once, in order (typedefs must be known
before later declarations use them), and keeps only those made in the
library's own headers; system and dependency declarations still feed the
typedef table so types resolve fully.
"""
from __future__ import annotations

from typing import Callable

from pycparser import c_ast

from ..model import (ApiModel, Enum, Enumerator, Field, Function, Location, Param,
                     Record, Typedef, Variable)
from .ctypes_text import TypeNamer
from .evaluate import evaluate

_RECORD_KIND = {c_ast.Struct: "struct", c_ast.Union: "union"}


class ModelBuilder(c_ast.NodeVisitor):
    """Builds an ApiModel from a FileAST.

    `locate(coord)` maps a pycparser coordinate to a Location in a library
    header, or None for declarations that are not the library's own.
    """

    def __init__(self, locate: Callable[[c_ast.Coord | None], Location | None]):
        self.locate = locate
        self.model = ApiModel()
        self.namer = TypeNamer()
        self.enum_values: dict[str, int | None] = {}
        self.defined_tags: set[str] = set()
        self.mentioned_tags: dict[str, tuple[str, Location]] = {}
        self.line_offset = 0

    def build(self, ast: c_ast.FileAST) -> ApiModel:
        # A node parsed from a piece of a file (extract/segments.py) counts its lines from the
        # piece's start: `line_offsets` (one per node, when given) moves them back to the file's.
        offsets = getattr(ast, "line_offsets", None) or [0] * len(ast.ext)
        for node, offset in zip(ast.ext, offsets):
            self.line_offset = offset
            self.visit(node)
        self.line_offset = 0
        self._add_incomplete_records()
        self._method_cache = None     # bound methods of self: a cycle that would keep the model
        return self.model

    def _locate(self, coord: c_ast.Coord | None) -> Location | None:
        loc = self.locate(coord)
        if loc is not None and self.line_offset:
            return Location(loc.file, loc.line + self.line_offset)
        return loc

    # -- file-level declarations ------------------------------------------

    def visit_Typedef(self, node: c_ast.Typedef) -> None:
        loc = self._locate(node.coord)
        self._define_nested(node.type, owner=node.name, loc=loc)
        self.namer.add_typedef(node.name, node.type)
        if loc is None:
            return
        self._note_mentions(node.type, loc)
        self.model.typedefs[node.name] = Typedef(
            node.name, self.namer.written(node.type), self.namer.resolved(node.type),
            self.namer.decl_text(node), loc)

    def visit_FuncDef(self, node: c_ast.FuncDef) -> None:
        self._add_function(node.decl, inline=True)

    def visit_Decl(self, node: c_ast.Decl) -> None:
        loc = self._locate(node.coord)
        if isinstance(node.type, c_ast.FuncDecl):
            self._add_function(node, inline=False)
            return
        self._define_nested(node.type, owner=node.name, loc=loc)
        if loc is None:
            return
        if node.name is None:
            if isinstance(node.type, (c_ast.Struct, c_ast.Union)) and node.type.decls is None:
                self._mention(node.type, loc)
            return
        if "typedef" in node.storage:
            return
        self._note_mentions(node.type, loc)
        self.model.variables[node.name] = Variable(
            node.name, self.namer.written(node.type), self.namer.resolved(node.type),
            self.namer.decl_text(node), loc)

    # -- functions ---------------------------------------------------------

    def _add_function(self, decl: c_ast.Decl, inline: bool) -> None:
        loc = self._locate(decl.coord)
        if loc is None or decl.name is None:
            return
        func: c_ast.FuncDecl = decl.type
        params, variadic = [], False
        for p in (func.args.params if func.args is not None else []):
            if isinstance(p, c_ast.EllipsisParam):
                variadic = True
            elif isinstance(p, (c_ast.Decl, c_ast.Typename)):
                if _is_void(p.type):
                    continue
                params.append(Param(getattr(p, "name", None) or None,
                                    self.namer.written(p.type), self.namer.resolved(p.type)))
                self._note_mentions(p.type, loc)
            elif isinstance(p, c_ast.ID):  # K&R identifier list
                params.append(Param(p.name, "int", "int"))
        self._note_mentions(func.type, loc)
        is_inline = inline and "inline" in (decl.funcspec or [])
        body_less = c_ast.Decl(decl.name, decl.quals, decl.align, decl.storage, decl.funcspec,
                               decl.type, None, None, decl.coord)
        self.model.functions[decl.name] = Function(
            decl.name, self.namer.written(func.type), self.namer.resolved(func.type),
            params, variadic, inline or is_inline, self.namer.decl_text(body_less, key=decl), loc)

    # -- records and enums -------------------------------------------------

    def _define_nested(self, type_node: c_ast.Node, owner: str | None, loc: Location | None) -> None:
        """Register record/enum definitions found in a declaration's type."""
        node = type_node
        while isinstance(node, (c_ast.TypeDecl, c_ast.PtrDecl, c_ast.ArrayDecl, c_ast.FuncDecl)):
            node = node.type
        if isinstance(node, (c_ast.Struct, c_ast.Union)) and node.decls is not None:
            self._add_record(node, owner, loc)
        elif isinstance(node, c_ast.Enum) and node.values is not None:
            self._add_enum(node, owner, loc)

    def _add_record(self, node, owner: str | None, loc: Location | None) -> None:
        name = node.name or owner
        if name is None:
            return
        if not node.name:
            self.namer.name_record(node, name)
        self.defined_tags.add(name)
        fields = [f for d in node.decls for f in self._fields(d, loc is not None)]
        if loc is None:
            return
        self.model.records[name] = Record(
            name, _RECORD_KIND[type(node)], True, fields, self.namer.decl_text(node),
            self._locate(node.coord) or loc)

    def _fields(self, decl: c_ast.Node, keep: bool) -> list[Field]:
        if not isinstance(decl, c_ast.Decl):
            return []
        inner = decl.type
        while isinstance(inner, (c_ast.TypeDecl, c_ast.ArrayDecl, c_ast.PtrDecl)):
            inner = inner.type
        record_kind, children = None, []
        if isinstance(inner, (c_ast.Struct, c_ast.Union)) and inner.decls is not None:
            if inner.name:       # a tagged record defined in place is a file-level record too
                self._add_record(inner, None, self._locate(inner.coord) if keep else None)
            else:
                record_kind = _RECORD_KIND[type(inner)]
                children = [f for d in inner.decls for f in self._fields(d, keep)]
        elif isinstance(inner, c_ast.Enum) and inner.values is not None:
            self._add_enum(inner, None, self._locate(inner.coord) if keep else None)
        if not keep:
            return []
        loc = self._locate(decl.coord) or Location("", 0)
        bits = evaluate(decl.bitsize, self.enum_values) if decl.bitsize is not None else None
        return [Field(decl.name or "", self.namer.written(decl.type), self.namer.resolved(decl.type), bits,
                      self.namer.decl_text(decl), loc, record_kind, children)]

    def _add_enum(self, node: c_ast.Enum, owner: str | None, loc: Location | None) -> None:
        members = []
        previous: int | None = -1
        for e in node.values.enumerators:
            if e.value is not None:
                value = evaluate(e.value, self.enum_values)
            else:
                value = None if previous is None else previous + 1
            self.enum_values[e.name] = value
            previous = value
            expr = self.namer.decl_text(e.value) if e.value is not None else None
            members.append(Enumerator(e.name, value, expr, self._locate(e.coord) or loc))
        if loc is None:
            return
        name = node.name or owner or (f"enum {members[0].name}" if members else None)
        if name is None:
            return
        if not node.name:
            self.namer.name_record(node, name)
        self.model.enums[name] = Enum(name, members, self.namer.decl_text(node),
                                      self._locate(node.coord) or loc)

    # -- opaque records ----------------------------------------------------

    def _note_mentions(self, type_node: c_ast.Node, loc: Location) -> None:
        node = type_node
        while isinstance(node, (c_ast.TypeDecl, c_ast.PtrDecl, c_ast.ArrayDecl, c_ast.FuncDecl)):
            node = node.type
        if isinstance(node, (c_ast.Struct, c_ast.Union)) and node.decls is None and node.name:
            self._mention(node, loc)

    def _mention(self, node, loc: Location) -> None:
        self.mentioned_tags.setdefault(node.name, (_RECORD_KIND[type(node)], loc))

    def _add_incomplete_records(self) -> None:
        """Records the library names but never defines: opaque to consumers."""
        for tag, (kind, loc) in sorted(self.mentioned_tags.items()):
            if tag not in self.defined_tags and tag not in self.model.records:
                self.model.records[tag] = Record(tag, kind, False, [], f"{kind} {tag}", loc)


def _is_void(type_node: c_ast.Node) -> bool:
    return (isinstance(type_node, c_ast.TypeDecl) and isinstance(type_node.type, c_ast.IdentifierType)
            and type_node.type.names == ["void"] and not type_node.quals)
