"""Pass 2: classify raw differences into findings (kinds, severity, evidence, hints).

Order matters, because matches consume what they explain: renames and
families first, then typedef targets (so their users are not repeated),
then each area's own detector over what is left.
"""
from __future__ import annotations

from ..model import ApiModel
from .compare import compare
from .context import Context
from .detect_enums import enum_changes
from .detect_functions import function_changes
from .detect_headers import header_changes
from .detect_records import opaque_changes, record_changes
from .detect_simple import macro_changes, typedef_changes, variable_changes
from .finding import Finding
from .deprecations import mark_deprecated_aliases
from .internals import mark_internals, reserved_slots_used
from .matching import match_renames
from .severity_rules import apply_severity_rules
from .unreadable import drop_unreadable


def classify(old: ApiModel, new: ApiModel, internal: list[str] = ()) -> list[Finding]:
    """Every finding between two models, sorted by (file, line, kind, symbol).

    >>> findings = classify(old_model, new_model)
    >>> [f.kind for f in findings]
    ['rename_family', 'function_param_added', ...]
    """
    ctx = Context(old, new, compare(old, new))
    findings = match_renames(ctx)
    changed_typedefs: set[str] = set()
    findings += list(opaque_changes(ctx, changed_typedefs))     # consumes the typedef/record pair it explains
    findings += list(typedef_changes(ctx, changed_typedefs))
    findings += list(record_changes(ctx, changed_typedefs))
    findings += list(function_changes(ctx, changed_typedefs))
    findings += list(enum_changes(ctx))
    findings += list(variable_changes(ctx))
    findings += list(macro_changes(ctx))
    findings += list(header_changes(ctx))
    findings = drop_unreadable(findings, old, new)
    findings = mark_deprecated_aliases(findings, new)
    apply_severity_rules(findings)
    reserved_slots_used(findings, old, new)
    mark_internals(findings, old, new, list(internal))
    return sorted(findings, key=Finding.sort_key)
