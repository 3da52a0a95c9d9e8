"""Type texts (extract/ctypes_text.py): written and resolved through typedefs, names taken off
on the namer's own copies, never on the parsed declarations a walk reuses."""
from __future__ import annotations

from pycparser import c_ast, c_parser

from apicompat.extract.ctypes_text import TypeNamer

SOURCE = """
typedef unsigned int u32;
typedef int (*handler)(u32 code, void (*done)(u32 *out, const char *why), ...);
struct s { handler on; u32 bits[4]; };
handler table(handler h, u32 n);
"""


def declnames(node) -> list:
    """Every declared name under `node` (parameters' too), in order."""
    found = []

    class Names(c_ast.NodeVisitor):
        def visit_TypeDecl(self, n):
            found.append(n.declname)
            self.generic_visit(n)
    Names().visit(node)
    return found


def test_texts_of_function_pointer_types_and_the_tree_left_as_parsed():
    unit = c_parser.CParser().parse(SOURCE)
    before = [declnames(n) for n in unit.ext]
    namer = TypeNamer()
    texts = []
    for node in unit.ext:
        if isinstance(node, c_ast.Typedef):
            texts.append((namer.written(node.type), namer.resolved(node.type)))
            namer.add_typedef(node.name, node.type)
        elif isinstance(node.type, c_ast.FuncDecl):
            texts.append((namer.written(node.type), namer.resolved(node.type)))
        else:
            field = node.type.decls[0]
            texts.append((namer.written(field.type), namer.resolved(field.type)))
    assert texts == [
        ("unsigned int", "unsigned int"),
        ("int (*)(u32, void (*)(u32 *, const char *), ...)",
         "int (*)(unsigned int, void (*)(unsigned int *, const char *), ...)"),
        ("handler", "int (*)(unsigned int, void (*)(unsigned int *, const char *), ...)"),
        ("handler (handler, u32)",
         "int (*(int (*)(unsigned int, void (*)(unsigned int *, const char *), ...), unsigned int))"
         "(unsigned int, void (*)(unsigned int *, const char *), ...)"),
    ]
    assert [declnames(n) for n in unit.ext] == before        # names still there: nothing shared was edited
    assert "code" in before[1] and "out" in before[1]
