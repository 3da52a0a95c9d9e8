"""Write the shim header from two models and their classified findings.

Two directions:
  new-code: source written against NEW builds against NEW and OLD
            (mappings apply when compiling against OLD);
  old-code: source written against OLD builds against OLD and NEW
            (mappings apply when compiling against NEW).
The shim first defines what NEW's headers demand, then includes the
library's top-level headers, then maps -- so its macros touch only consumer
code -- and ends with the porting checklist of what it could not map.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..diff.finding import Finding
from ..model import ApiModel
from .calls import Unsafe, adapt_call
from .detect import Detection, choose_detection

DIRECTIONS = ("new-code", "old-code")
RENAMES = {"function_renamed", "record_renamed", "typedef_renamed", "enum_renamed", "enum_member_renamed",
           "macro_renamed", "variable_renamed"}
PARAM_KINDS = {"function_param_added", "function_param_removed"}
NOTHING_TO_DO = {"function_became_macro", "macro_became_function", "type_spelling_changed",
                 "function_param_renamed", "include_added", "header_added"}


@dataclass
class Shim:
    text: str
    coverage: dict[str, str] = field(default_factory=dict)   # finding symbol -> mapped | listed
    warnings: list[str] = field(default_factory=list)
    detection: Detection | None = None
    placeholders: list[str] = field(default_factory=list)
    check: dict | None = None        # consumer errors before/after per revision (shim --check)


@dataclass
class _Parts:
    demands: list[str] = field(default_factory=list)
    blocks: list[list[str]] = field(default_factory=list)
    singles: list[str] = field(default_factory=list)     # renames outside any family
    checklist: list[str] = field(default_factory=list)
    only_in_target: list[str] = field(default_factory=list)
    coverage: dict[str, str] = field(default_factory=dict)
    placeholders: list[str] = field(default_factory=list)
    options: "Options | None" = None


@dataclass
class Options:
    """What the user allows: values for new arguments ({"function.param": "expr"}), lossy adapters,
    and (with a consumer) the headers it includes."""
    values: dict[str, str] = field(default_factory=dict)
    seen_macros: tuple[set[str], set[str]] | None = None   # (old, new) macros under the consumer's flags
    allow_lossy: bool = False
    includes: list[str] | None = None


def generate_shim(old: ApiModel, new: ApiModel, findings: list[Finding], direction: str = "new-code",
                  detect: str | None = None, labels: tuple[str, str] = ("OLD", "NEW"),
                  guard_name: str = "APICOMPAT_SHIM_H", options: Options | None = None) -> Shim:
    """The shim header text (and which findings it maps).

    >>> shim = generate_shim(old_model, new_model, classify(old_model, new_model), "new-code")
    >>> print(shim.text)
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}")
    options = options or Options()
    detection = choose_detection(old, new, detect, options.seen_macros)
    warnings = []
    if detect and detection.macro not in old.macros and detection.macro not in new.macros:
        warnings.append(f"neither revision's public headers define {detection.macro}: the shim cannot "
                        "tell them apart unless your build defines it for one of them")
    if detection is None:
        warnings.append("no macro is defined (unconditionally) by only one revision, so the shim cannot "
                        "tell them apart: pass --detect NAME (or !NAME) with a macro your build defines "
                        "for one of them")
    for key in options.values:
        if key.split(".")[0] not in old.functions and key.split(".")[0] not in new.functions:
            warnings.append(f"--arg {key}=...: neither revision declares a function {key.split('.')[0]}")
    parts = _Parts()
    parts.options = options
    _collect(parts, old, new, findings, direction)
    if parts.singles:
        parts.blocks.append([f"/* renamed one by one ({len(parts.singles)}) */", *parts.singles])
    text = _render(parts, old, new, detection, direction, labels, guard_name, options.includes)
    return Shim(text, parts.coverage, warnings=warnings, detection=detection, placeholders=parts.placeholders)


# -- collecting mappings -------------------------------------------------------

def _collect(parts: _Parts, old: ApiModel, new: ApiModel, findings: list[Finding], direction: str) -> None:
    to_new = direction == "old-code"          # mapping old spellings onto NEW
    source, target = (old, new) if to_new else (new, old)
    adapted: set[str] = set()
    for f in findings:
        if f.kind == "rename_family":
            block = [f"/* family {_c(f.symbol)} ({len(f.members)}) */"]
            for m in f.members:
                line = _rename_line(m, to_new, source, target, adapted, parts)
                if line:
                    block.extend(line)
            parts.blocks.append(block)
            parts.coverage[f.symbol] = "mapped"
        elif f.kind in RENAMES and to_new and f.facts.get("kept_as_wrapper"):
            parts.coverage[f.symbol] = "mapped"    # the old function is still declared: nothing to map
        elif f.kind in RENAMES:
            line = _rename_line(f, to_new, source, target, adapted, parts)
            if line:
                parts.singles.extend(line)
        elif f.kind in PARAM_KINDS and f.symbol in source.functions and f.symbol in target.functions:
            if f.symbol not in adapted:
                adapted.add(f.symbol)
                try:
                    macro = _adapt(parts, source.functions[f.symbol], target.functions[f.symbol], f.symbol,
                                   f.symbol)
                except Unsafe as why:
                    _list(parts, f, str(why))
                    continue
                if macro is None:
                    _list(parts, f)
                    continue
                parts.blocks.append([f"/* {_c(f.symbol)}: {_c(f.message)} */", macro[0]])
                _note_placeholders(parts, macro[1], f.symbol)
            parts.coverage[f.symbol] = "mapped" if parts.coverage.get(f.symbol) != "listed" else "listed"
        elif f.kind == "function_old_name_reused" and to_new and f.facts.get("new_name") in target.functions:
            # Placed after the library's own include, the #define rewrites only the consumer's
            # calls, which (written for OLD) mean the old function, now under its new name.
            parts.singles.append(f"#define {f.symbol} {f.facts['new_name']}   /* reused name: old meaning */")
            parts.coverage[f.symbol] = "mapped"
        elif f.kind == "include_demands_macro":
            macro = f.facts.get("macros", "")
            if re.fullmatch(r"\w+", macro):
                parts.demands.append(f"#ifndef {macro}\n#define {macro} 1   /* {_c(f.facts.get('target'))} demands it */\n#endif")
                parts.coverage[f.symbol] = "mapped"
            else:
                _list(parts, f)
        elif f.kind in NOTHING_TO_DO or f.severity in ("info", "abi") and not f.kind.endswith("_added"):
            continue
        elif f.severity == "compatible" or (f.severity == "abi" and f.kind.endswith("_added")):
            if not to_new and f.kind.endswith("_added"):
                parts.only_in_target.append(f.symbol)
        else:
            _list(parts, f)


def _rename_line(f: Finding, to_new: bool, source: ApiModel, target: ApiModel, adapted: set[str],
                 parts: _Parts) -> list[str] | None:
    old_name, new_name = f.facts.get("old_name"), f.facts.get("new_name", f.symbol)
    if not old_name or not new_name:
        _list(parts, f)
        return None
    src, dst = (old_name, new_name) if to_new else (new_name, old_name)
    if not rests_on_names(f):
        _list(parts, f, "the match rests on an equal value or shape, not on the names: check it by hand")
        return None
    if f.kind == "function_renamed" and src in source.functions and dst in target.functions:
        adapted.add(new_name)
        try:
            macro = _adapt(parts, source.functions[src], target.functions[dst], src, dst)
        except Unsafe as why:
            _list(parts, f, str(why))
            return None
        if macro is None:
            _list(parts, f)
            return None
        parts.coverage[f.symbol] = "mapped"
        _note_placeholders(parts, macro[1], src)
        if macro[0] == f"#define {src}({_formals(source.functions[src])}) {dst}({_formals(source.functions[src])})":
            return [f"#define {src} {dst}"]
        return [macro[0]]
    parts.coverage[f.symbol] = "mapped"
    return [f"#define {src} {dst}"]


def _adapt(parts: _Parts, source, target, src: str, dst: str):
    options = parts.options or Options()
    return adapt_call(source, target, src, dst, options.values, options.allow_lossy)


def rests_on_names(f: Finding) -> bool:
    """A rename the shim may map: one that a family's rewrite rule or the names' likeness supports
    (an enumerator matched only by its value, a record only by its shape, stays on the checklist)."""
    if f.facts.get("rule") or any(e.startswith(("family", "rule")) for e in f.evidence):
        return True        # a rewrite rule that explains several renames at once
    # The matcher no longer pairs names that share only a namespace (diff/names.py), so a
    # single rename here rests on its names' likeness; one on an equal value alone does not.
    return any(e.startswith(("similar name", "shares the rewrite rule")) for e in f.evidence)


def _formals(fn) -> str:
    return ", ".join(f"_a{i + 1}" for i in range(len(fn.params)))


def _note_placeholders(parts: _Parts, needed, function: str) -> None:
    for name, param in needed:
        parts.placeholders.append(f"{name}: the `{param.type}` to pass as {param.name or 'the new argument'} "
                                  f"of {function}")


def _list(parts: _Parts, f: Finding, why: str = "") -> None:
    parts.coverage[f.symbol] = "listed"
    # Concrete leads for the porter: a removed function's likely replacement, the siblings that
    # took over a dropped argument, an enum's successor (diff/detect_*.py put them in evidence).
    leads = [e for e in f.evidence if e.startswith("possible replacement") or "added beside it" in e
             or "has the same values in the same order" in e or "were renamed into" in e]
    parts.checklist.append(f"{f.symbol} [{f.kind}]: {f.hint}" + (f" (not mapped: {why})" if why else "")
                           + "".join(f"; {lead}" for lead in leads))


# -- rendering -------------------------------------------------------------------

def top_level_headers(model: ApiModel) -> list[str]:
    """Include names of public headers that no other public header includes."""
    included: set[str] = set()
    for inc in model.includes:
        if inc.loc.file in model.headers:
            included.add(inc.target)
            if not inc.system:   # "x.h" is found beside the including header
                folder = model.include_names.get(inc.loc.file, "").rpartition("/")[0]
                included.add(f"{folder}/{inc.target}" if folder else inc.target)
    names = (model.include_names.get(h, h) for h in model.headers)
    return sorted(n for n in names if n not in included)


def _c(text) -> str:
    """Text from the repository made safe inside a C comment: a `*/` in a declaration (a string
    in an array bound, say) would end the comment and make the rest live code in the user's build."""
    return str(text).replace("*/", "* /").replace("\r", " ").replace("\n", " ")


def _render(parts: _Parts, old: ApiModel, new: ApiModel, detection: Detection | None, direction: str,
            labels: tuple[str, str], guard: str, includes: list[str] | None = None) -> str:
    old_label, new_label = labels
    written, target = (old_label, new_label) if direction == "old-code" else (new_label, old_label)
    out = [f"/* Compatibility shim generated by apicompat ({direction}).",
           f" * Source written against {_c(written)} builds against both {_c(old_label)} and {_c(new_label)}.",
           " * Include this header instead of the library's own headers (it includes them first).",
           " */",
           f"#ifndef {guard}", f"#define {guard}", ""]
    if parts.demands:
        out += ["/* Macros the new revision's headers demand. */", *parts.demands, ""]
    out += _includes(old, new, includes)
    if detection is None:
        out += ["#error \"apicompat: no macro tells the two revisions apart; "
                "re-generate the shim with --detect NAME\"", ""]
        cond = "0"
    else:
        out += [f"/* {_c(detection.why)}. */",
                f"#if {detection.test_new}", "#define APICOMPAT_BUILDING_AGAINST_NEW 1", "#else",
                "#define APICOMPAT_BUILDING_AGAINST_NEW 0", "#endif", ""]
        cond = "APICOMPAT_BUILDING_AGAINST_NEW" if direction == "old-code" else "!APICOMPAT_BUILDING_AGAINST_NEW"
    if parts.blocks:
        out += [f"/* When compiling against {_c(target)}: map {_c(written)}'s names and calls onto it. */", f"#if {cond}"]
        for block in parts.blocks:
            out += block
        out += ["#endif", ""]
    if parts.placeholders:
        out += ["/* Placeholders you must define (the value to pass where one revision needs an",
                " * argument the other has no parameter for):"]
        out += [f" *   {_c(p)}" for p in sorted(set(parts.placeholders))] + [" */", ""]
    out += _checklist(parts, written, target)
    out += [f"#endif /* {guard} */", ""]
    return "\n".join(out)


def _includes(old: ApiModel, new: ApiModel, only: list[str] | None = None) -> list[str]:
    """The top-level headers (or, for a consumer, the library headers it includes itself: a header
    the consumer never includes may not even compile under its flags)."""
    old_top, new_top = set(top_level_headers(old)), set(top_level_headers(new))
    if only is not None:
        known = set(old.include_names.values()) | set(new.include_names.values())
        old_top = {n for n in only if n in known and n in set(old.include_names.values())}
        new_top = {n for n in only if n in known and n in set(new.include_names.values())}
    lines = ["/* The library's own headers first, so the mappings below touch only your code. */"]
    for name in sorted(old_top | new_top):
        if name in old_top and name in new_top:
            lines.append(f"#include <{name}>")
        else:
            lines += [f"#if __has_include(<{name}>)", f"#include <{name}>", "#endif"]
    return lines + [""]


def _checklist(parts: _Parts, written: str, target: str) -> list[str]:
    if not parts.checklist and not parts.only_in_target:
        return []
    out = [f"/* Porting checklist: what this shim cannot map (fix these in the source):"]
    for item in parts.checklist:
        out.append(" *   - " + _c(item))
    if parts.only_in_target:
        out.append(f" *   - only in {_c(written)}, so guard their use with #if APICOMPAT_BUILDING_AGAINST_NEW: "
                   + _c(", ".join(sorted(set(parts.only_in_target)))))
    return out + [" */", ""]
