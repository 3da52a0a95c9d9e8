"""Apply the severity rules of catalogue/rules/severity.toml: a maintainer's refinements of a kind.

A rule names a kind, a condition (a glob over the symbol's name, or a named
predicate below) and the severity it sets; the finding gains the rule's
sentence as evidence.  Adding a rule is data; a new kind of condition is one
predicate here.
"""
from __future__ import annotations

from functools import lru_cache

from pycparser import c_ast, c_parser

from ..extract.evaluate import evaluate
from ..vcs.globs import match
from .catalogue import CATALOGUE_DIR
from .finding import Finding

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib


@lru_cache(maxsize=1)
def load_rules() -> list[dict]:
    return tomllib.loads((CATALOGUE_DIR / "rules" / "severity.toml").read_text())["rule"]


def apply_severity_rules(findings: list[Finding]) -> None:
    """Refine severities in place (members of families too)."""
    rules = load_rules()
    for f in findings:
        for rule in rules:
            if rule["kind"] != f.kind:
                continue
            facts = _condition_facts(rule, f)
            if facts is None:
                continue
            f.severity = rule["severity"]
            values = {**f.facts, **facts}
            f.evidence.append(rule["evidence"].format(**values))
            if "message" in rule:
                f.message = rule["message"].format_map(_Missing(values))
            if "hint" in rule:
                f.hint = rule["hint"].format_map(_Missing(values))
            f.facts["rule"] = rule["id"]
            break


class _Missing(dict):
    def __missing__(self, key):
        return f"<{key}>"


def _condition_facts(rule: dict, f: Finding) -> dict | None:
    """The values the rule's evidence mentions when its condition holds, else None."""
    if "name_globs" in rule and not any(match(g, f.symbol) for g in rule["name_globs"]):
        return None
    when = rule.get("when")
    if when is None:
        return {}
    return PREDICATES[when](f)


def same_integer_value(f: Finding) -> dict | None:
    """`0x01` -> `1`, `0` -> `ARCHIVE_FILTER_NONE` when that is 0, `.05` -> `5000*.00001`: the
    same number."""
    from .macro_values import number
    old = number(f.facts.get("old_expansion", f.facts.get("old_value")))
    new = number(f.facts.get("new_expansion", f.facts.get("new_value")))
    return {"value": old} if old is not None and old == new and type(old) is type(new) else None


def same_expansion(f: Finding) -> dict | None:
    """`PNGAPI` (empty) -> `PNGCAPI` (itself empty): the same tokens once expanded."""
    if "old_expansion" in f.facts and f.facts["old_expansion"] == f.facts.get("new_expansion"):
        return {"expansion": f.facts["old_expansion"] or "nothing"}
    return None


def decorations_only(f: Finding) -> dict | None:
    """An export macro: both sides expand to nothing but `extern` or visibility-like attributes."""
    from .macro_values import body_tokens, is_decoration
    old = f.facts.get("old_expansion", f.facts.get("old_value") or "")
    new = f.facts.get("new_expansion", f.facts.get("new_value") or "")
    return {} if is_decoration(" ".join(body_tokens(old))) and is_decoration(" ".join(body_tokens(new))) else None


def old_return_void(f: Finding) -> dict | None:
    """The old return was void, and the new one comes back in registers: a record returned by
    value may be returned through a hidden pointer argument, which shifts every argument."""
    if (f.facts.get("old_type") or "").strip() != "void":
        return None
    new = " ".join([f.facts.get("new_type") or ""] + [e.rsplit("->", 1)[-1] for e in f.evidence if "->" in e])
    if any(word in new for word in ("struct ", "union ")) and "*" not in new:
        return None
    return {}


PREDICATES = {"same_integer_value": same_integer_value, "same_expansion": same_expansion,
              "decorations_only": decorations_only, "old_return_void": old_return_void}


@lru_cache(maxsize=4096)
def integer_value(body: str | None) -> int | None:
    """The value of a macro body that is an integer constant expression (`(0x01)` -> 1), else None."""
    if not body or len(body) > 200:
        return None
    try:
        ast = c_parser.CParser().parse(f"int apicompat_value = {body};")
    except Exception:      # not an expression pycparser reads: no value to compare
        return None
    decl = ast.ext[-1] if ast.ext else None
    if not isinstance(decl, c_ast.Decl) or decl.init is None:
        return None
    return evaluate(decl.init, {})
