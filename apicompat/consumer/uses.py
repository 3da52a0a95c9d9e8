"""What a consumer's code uses of a library: calls, names, types, member accesses, macros.

The consumer's source is preprocessed against the OLD revision's headers as
an installation lays them out (extract/install.install_headers), with our
fake libc, and parsed with pycparser; one small visitor collects every use
with file:line:col.  Member accesses are resolved through the declared type
of the expression (`b_info.kernel` where `b_info` is a
`libxl_domain_build_info`) into (record, field path), the way findings name
fields.  Macros vanish in preprocessing, so their uses are found in the raw
source text instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pycparser import c_ast


@dataclass(frozen=True)
class Use:
    file: str          # as the preprocessor named it (the consumer's path)
    line: int
    column: int
    what: str          # call | name | type | tag | member | macro
    name: str          # the symbol; for members `record.path`

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class UseCollector(c_ast.NodeVisitor):
    """Every use in one translation unit; `keep(file)` says which files are the consumer's."""

    def __init__(self, keep):
        self.keep = keep
        self.uses: list[Use] = []
        self.typedefs: dict[str, c_ast.Node] = {}
        self.records: dict[str, list] = {}          # struct/union tag -> member decls
        self.scopes: list[dict[str, c_ast.Node]] = [{}]

    # -- declarations: remember types ------------------------------------------------------

    def visit_Typedef(self, node):
        self.typedefs[node.name] = node.type
        self._type_uses(node.type, node.coord)
        self.generic_visit(node)

    def visit_Struct(self, node):
        self._record(node)

    def visit_Union(self, node):
        self._record(node)

    def _record(self, node):
        if node.name and node.decls is not None:
            self.records[node.name] = node.decls
        for decl in node.decls or []:        # member types only: members are not variables
            if isinstance(decl, c_ast.Decl):
                self._type_uses(decl.type, decl.coord)

    def visit_Decl(self, node):
        if node.name:
            self.scopes[-1][node.name] = node.type
        self._type_uses(node.type, node.coord)
        if node.init is not None:
            self.visit(node.init)
        if node.bitsize is not None:
            self.visit(node.bitsize)

    def visit_FuncDef(self, node):
        self.visit_Decl(node.decl)
        self.scopes.append({})
        args = node.decl.type.args if isinstance(node.decl.type, c_ast.FuncDecl) else None
        for param in (args.params if args else []):
            if isinstance(param, c_ast.Decl) and param.name:
                self.scopes[-1][param.name] = param.type
                self._type_uses(param.type, param.coord)
        self.visit(node.body)
        self.scopes.pop()

    def visit_Compound(self, node):
        self.scopes.append({})
        self.generic_visit(node)
        self.scopes.pop()

    def visit_Typename(self, node):          # casts, sizeof
        self._type_uses(node.type, node.coord)

    # -- uses ---------------------------------------------------------------------------

    def visit_FuncCall(self, node):
        if isinstance(node.name, c_ast.ID):
            self._add(node.name.coord, "call", node.name.name)
        else:
            self.visit(node.name)
        if node.args is not None:
            self.visit(node.args)

    def visit_ID(self, node):
        self._add(node.coord, "name", node.name)

    def visit_StructRef(self, node):
        resolved = self._member_path(node)
        if resolved:
            self._add(node.field.coord or node.coord, "member", resolved)
        self.visit(node.name)

    # -- helpers ------------------------------------------------------------------------

    def _add(self, coord, what: str, name: str) -> None:
        if coord is None or not coord.file or not self.keep(coord.file):
            return
        self.uses.append(Use(coord.file, coord.line, coord.column or 0, what, name))

    def _type_uses(self, node, coord) -> None:
        """Typedef names and struct/union/enum tags a declaration's type spells (`type*`/`tag*`
        when only through a pointer: that still compiles when the type becomes opaque)."""
        pointer = ""
        while node is not None:
            if isinstance(node, c_ast.PtrDecl):
                pointer = "*"
            if isinstance(node, c_ast.TypeDecl):
                node = node.type
                continue
            if isinstance(node, c_ast.IdentifierType):
                for name in node.names:
                    if name in self.typedefs:
                        self._add(node.coord or coord, "type" + pointer, name)
                return
            if isinstance(node, (c_ast.Struct, c_ast.Union, c_ast.Enum)):
                if node.name:
                    self._add(node.coord or coord, "tag" + pointer, node.name)
                if getattr(node, "decls", None):
                    self._record(node)
                return
            if isinstance(node, c_ast.FuncDecl):
                if node.args:
                    for p in node.args.params:
                        if isinstance(p, (c_ast.Decl, c_ast.Typename)):
                            self._type_uses(p.type, p.coord or coord)
            node = getattr(node, "type", None)

    def _lookup(self, name: str):
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    def _type_of(self, expr):
        """The declared type node of an expression, where a declaration says it."""
        if isinstance(expr, c_ast.ID):
            return self._lookup(expr.name)
        if isinstance(expr, c_ast.StructRef):
            found = self._field_type(expr)
            return found[1] if found else None
        if isinstance(expr, c_ast.UnaryOp) and expr.op == "*":
            inner = self._type_of(expr.expr)
            return _pointee(self._strip(inner))
        if isinstance(expr, c_ast.ArrayRef):
            inner = self._strip(self._type_of(expr.name))
            return getattr(inner, "type", None) if isinstance(inner, (c_ast.ArrayDecl, c_ast.PtrDecl)) else None
        if isinstance(expr, c_ast.Cast):
            return expr.to_type.type
        return None

    def _strip(self, node, depth: int = 0):
        """Through typedef names to the type they stand for."""
        while isinstance(node, c_ast.TypeDecl) and isinstance(node.type, c_ast.IdentifierType) \
                and len(node.type.names) == 1 and node.type.names[0] in self.typedefs and depth < 32:
            node = self.typedefs[node.type.names[0]]
            depth += 1
        return node

    def _record_of(self, type_node):
        """(record name as the model names it, member decls) for a struct/union type node."""
        name_by_typedef = None
        node = type_node
        for _ in range(32):
            if isinstance(node, c_ast.TypeDecl) and isinstance(node.type, c_ast.IdentifierType) \
                    and len(node.type.names) == 1 and node.type.names[0] in self.typedefs:
                name_by_typedef = node.type.names[0]
                node = self.typedefs[name_by_typedef]
                continue
            if isinstance(node, c_ast.TypeDecl):
                node = node.type
                continue
            break
        if isinstance(node, (c_ast.Struct, c_ast.Union)):
            name = node.name or name_by_typedef
            decls = node.decls if node.decls is not None else self.records.get(node.name or "")
            return (name, decls) if name else None
        return None

    def _field_type(self, ref: c_ast.StructRef):
        """(record, path, type node) of a member access, following nested members."""
        base_type = self._type_of(ref.name)
        if base_type is None:
            return None
        # Not stripped for `.`: the typedef's name is what names an anonymous record.
        base = _pointee(self._strip(base_type)) if ref.type == "->" else base_type
        if isinstance(ref.name, c_ast.StructRef):
            outer = self._field_type(ref.name)
            if outer is None:
                return None
            record, prefix, node = outer
            if ref.type == "->":
                node = _pointee(self._strip(node))
            decls = self._record_of(node)
            decls = decls[1] if decls else _inline_decls(self._strip(node))
            member = _member(decls, ref.field.name)
            return (record, f"{prefix}.{ref.field.name}", member.type) if member is not None else None
        found = self._record_of(base)
        if found is None:
            return None
        record, decls = found
        member = _member(decls, ref.field.name)
        return (record, ref.field.name, member.type) if member is not None else None

    def _member_path(self, ref: c_ast.StructRef) -> str | None:
        found = self._field_type(ref)
        return f"{found[0]}.{found[1]}" if found else None


def _pointee(node):
    if isinstance(node, (c_ast.PtrDecl, c_ast.ArrayDecl)):
        return node.type
    return None


def _inline_decls(node):
    node = node.type if isinstance(node, c_ast.TypeDecl) else node
    return node.decls if isinstance(node, (c_ast.Struct, c_ast.Union)) else None


def _member(decls, name: str):
    for decl in decls or []:
        if decl.name == name:
            return decl
    return None


_WORD = re.compile(r"[A-Za-z_]\w*")


def macro_uses(path: Path, names: set[str]) -> list[Use]:
    """Uses of the named macros in a source file's own text (comments and strings skipped roughly)."""
    uses = []
    in_comment = False
    for lineno, line in enumerate(path.read_text(errors="replace").splitlines(), start=1):
        text = line
        if in_comment:
            end = text.find("*/")
            if end < 0:
                continue
            text, in_comment = " " * (end + 2) + text[end + 2:], False
        text = re.sub(r'"(?:[^"\\\n]|\\.)*"', lambda m: " " * len(m.group(0)), text)
        text = text.split("//", 1)[0]
        start = text.find("/*")
        if start >= 0:
            end = text.find("*/", start + 2)
            if end < 0:
                in_comment, text = True, text[:start]
        if text.lstrip().startswith("#") and re.match(r"\s*#\s*(define|undef|ifn?def)\b", text):
            continue
        for m in _WORD.finditer(text):
            if m.group(0) in names:
                uses.append(Use(str(path), lineno, m.start() + 1, "macro", m.group(0)))
    return uses
