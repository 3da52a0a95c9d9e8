"""Headers that could not be read at one revision: their declarations are not "removed".

A partial model (see extract.pipeline) lists the headers it could not read
as Problems.  A finding that only exists because one side could not read the
header holding the declaration is dropped here, and the problem records
which declarations it hid.
"""
from __future__ import annotations

from ..model import ApiModel
from .finding import Finding


def drop_unreadable(findings: list[Finding], old: ApiModel, new: ApiModel) -> list[Finding]:
    unreadable_new = {p.file: p for p in new.problems}
    unreadable_old = {p.file: p for p in old.problems}
    kept = []
    for f in findings:
        problem = None
        if f.old_loc is not None and f.old_loc.file in unreadable_new:
            problem = unreadable_new[f.old_loc.file]
        elif f.new_loc is not None and f.new_loc.file in unreadable_old:
            problem = unreadable_old[f.new_loc.file]
        if problem is None:
            kept.append(f)
        elif f.symbol not in problem.affects:
            problem.affects.append(f.symbol)
    return kept
