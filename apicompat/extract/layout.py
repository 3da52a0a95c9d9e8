"""Sizes, alignments and offsets as the target's compiler computes them -- without running anything.

A layout claim ("binaries break") must come from the data model, not from
type spelling: `long` -> `long long` is the same 8 bytes on LP64.  Each
expression becomes a global `char apicompat_v_N[(EXPR) + 1];` in a unit
compiled with `-S` against the revision's headers; the assembler output's
`.size apicompat_v_N, K` line gives the value K - 1.  The unit is only
compiled, never linked or run.
"""
from __future__ import annotations

import re

from ..bounded import DIAGNOSTICS, run_bounded
from ..vcs.base import Repository, Revision
from .compile_check import UNIT, prepared
from .config import ExtractConfig
from .preprocess import compiler_argv, compiler_jail, reads_confined
from .snapshot import Snapshot

_SIZE = re.compile(r"^\s*\.size\s+apicompat_v_(\d+),\s*(\d+)\s*$", re.M)
_ERROR_LINE = re.compile(r"^[^:\n]*apicompat_witness\.c:(\d+):(?:\d+:)?\s*(?:fatal )?error:", re.M)


def probe(repo: Repository, rev: Revision, config: ExtractConfig, exprs: list[str]) -> dict[str, int]:
    """{expression: value} for the integer constant expressions that compile at `rev`."""
    if not exprs:
        return {}
    with prepared(repo, rev, config) as snap:
        return probe_in(snap, config, exprs)


def probe_in(snap: Snapshot, config: ExtractConfig, exprs: list[str]) -> dict[str, int]:
    """probe in a snapshot already prepared (compile_check.prepared)."""
    if not exprs:
        return {}
    head = "".join(f'#include "{snap.path_of(h)}"\n' for h in snap.top_headers())
    todo = list(dict.fromkeys(exprs))
    for _ in range(3):                 # drop expressions that do not compile, then retry
        if not todo:
            return {}
        body = "".join(f"char apicompat_v_{i}[({e}) + 1];\n" for i, e in enumerate(todo))
        (snap.root / UNIT).write_text(head + body, errors="surrogateescape")
        argv = [a for a in compiler_argv(snap, config, snap.root / UNIT) if a not in ("-E", "-dD")]
        if "-include" in argv:
            at = argv.index("-include")
            del argv[at:at + 2]
        argv[1:1] = ["-S", "-o", "-", "-O0", "-fno-common", "-w", "-std=gnu11"]
        argv[-1:-1] = ["-MD", "-MF", str(snap.root / "apicompat_layout.d")]
        outcome = run_bounded(argv, cwd=snap.root, timeout=120, keep=DIAGNOSTICS,
                              jail=compiler_jail(snap, config))
        if not reads_confined(snap, config, snap.root / "apicompat_layout.d"):
            return {}
        if outcome.returncode == 0:
            return {todo[int(i)]: int(size) - 1 for i, size in _SIZE.findall(outcome.stdout)}
        first = head.count("\n")
        bad = {int(n) - first - 1 for n in _ERROR_LINE.findall(outcome.stderr)}
        if not bad or any(b < 0 for b in bad):
            return {}
        todo = [e for i, e in enumerate(todo) if i not in bad]
    return {}


def register_class(resolved: str) -> str:
    """How x86-64 and most ABIs pass a scalar: `sse` (floating), `integer` (integers, pointers,
    enums) or `memory` (records and anything else: no conclusion)."""
    text = resolved.replace("const", "").replace("volatile", "").strip()
    if "*" in text or "(" in text:
        return "integer"
    words = set(text.split())
    if words & {"float", "double"}:
        return "sse"
    if text.startswith("enum ") or words <= {"signed", "unsigned", "char", "short", "int", "long", "_Bool"} \
            or re.fullmatch(r"u?int\d+_t|size_t|ssize_t|off_t|uintptr_t|intptr_t|ptrdiff_t|bool", text):
        return "integer"
    return "memory"
