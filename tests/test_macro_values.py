"""What a macro stands for (diff/macro_values.py): the expansions severity rules compare."""
from __future__ import annotations

from apicompat.diff.macro_values import expansion, is_decoration, number
from apicompat.model import ApiModel, Enum, Enumerator, Location, Macro

HERE = Location("lib.h", 1)


def model(*defines: str, enumerators: dict[str, int] | None = None) -> tuple[ApiModel, dict]:
    m = ApiModel()
    for text in defines:
        head, _, body = text.partition(" ")
        name, params = (head.split("(")[0], [p for p in head.split("(")[1].rstrip(")").split(",") if p]) \
            if "(" in head else (head, None)
        m.macros[name] = Macro(name, params, body, f"#define {text}", HERE)
    members = [Enumerator(n, v, str(v), HERE) for n, v in (enumerators or {}).items()]
    if members:
        m.enums["e"] = Enum("e", members, "enum e", HERE)
    return m, m.enumerators()


def test_object_function_like_and_enumerators_expand_with_parameters_numbered():
    m, e = model("ONE 1", "IS(x) (value(x) == ONE)", "TWICE(a,b) IS(a) + IS(b)", enumerators={"K": 7})
    assert expansion("TWICE(p, q) + K", m, e) == "( value ( p ) == 1 ) + ( value ( q ) == 1 ) + 7"
    assert expansion("IS(attr)", m, e, ["attr"]) == "( value ( $1 ) == 1 )"


def test_stringizing_pasting_and_self_reference_stop_or_stay():
    m, e = model("STR(x) #x", "CAT(a,b) a##b", "SELF SELF + 1", "VA(f,...) f(__VA_ARGS__)")
    assert expansion("STR(a)", m, e) is None and expansion("CAT(a, b)", m, e) is None
    assert expansion("SELF", m, e) == "SELF + 1"
    assert expansion("VA(g, 1, 2)", m, e) == "g ( 1 , 2 )"


def test_numbers_and_decorations():
    assert number("( 5000 * .00001 )") == number(".05") and number("1 / 2") == 0 and number("x") is None
    assert is_decoration("") and is_decoration('__attribute__ ( ( visibility ( "default" ) ) )')
    assert not is_decoration("__attribute__ ( ( regparm ( 3 ) ) )") and not is_decoration("int")
