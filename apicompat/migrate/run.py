"""Run the semantic patch with Coccinelle's `spatch`: a reviewable diff, or the consumer's files edited.

spatch runs on the consumer's own files (the user's code) with rules that
apicompat wrote (smpl.py); `--apply` is the only apicompat command that
writes to a work tree, and only to the consumer files the user named.
Each hunk of the diff names the finding it applies (after its `@@ ... @@`,
where unified diffs allow a comment).
"""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..bounded import run_bounded
from ..errors import ApicompatError
from .smpl import Plan

INSTALL_HINT = ("Coccinelle's spatch is not installed: on Debian/Ubuntu `apt install coccinelle`, on Fedora "
                "`dnf install coccinelle`, with opam `opam install coccinelle`")
_HUNK = re.compile(r"^(@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@)(.*)$")
_WORD = re.compile(r"[A-Za-z_]\w*")


@dataclass
class PatchResult:
    diff: str = ""
    changed: list[str] = field(default_factory=list)        # consumer files the patch changes
    failed: dict[str, str] = field(default_factory=dict)    # file -> why spatch could not patch it


def spatch_path() -> str:
    found = shutil.which("spatch")
    if found is None:
        raise ApicompatError(INSTALL_HINT)
    return found


def run_spatch(plan: Plan, files: list[Path], root: Path, work: Path, apply: bool = False,
               out_dir: Path | None = None) -> PatchResult:
    """Apply `plan` to `files`: the unified diff (paths relative to `root`); with `apply`, edit them in
    place; with `out_dir`, write the patched copies there (same relative paths) and leave them alone."""
    spatch = spatch_path()
    result = PatchResult()
    if not plan.rules:
        for path in files if out_dir is not None else []:
            _copy_unchanged(path, out_dir / os.path.relpath(path, root))
        return result
    cocci = work / "apicompat.cocci"
    cocci.write_text(plan.smpl())
    for path in files:
        rel = os.path.relpath(path, root)
        if apply and Path(path).is_symlink():
            result.failed[str(path)] = "a symbolic link: not edited (--apply edits only the files you named)"
            continue
        argv = [spatch, "--sp-file", str(cocci), "--very-quiet", "--no-includes"]
        if apply:
            argv.append("--in-place")
        elif out_dir is not None:
            target = out_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            argv += ["-o", str(target)]
        argv.append(str(path))
        outcome = run_bounded(argv, cwd=work, timeout=300, env={"PATH": os.environ.get("PATH", ""),
                                                                  "HOME": str(work)})
        if outcome.returncode != 0:
            result.failed[str(path)] = (outcome.stderr.strip().splitlines() or ["spatch failed"])[-1]
        if out_dir is not None and not (out_dir / rel).exists():
            _copy_unchanged(path, out_dir / rel)       # nothing changed: the copy is the original
        if outcome.returncode != 0:
            continue
        diff = "" if apply else _relabel(outcome.stdout, rel)
        if apply:
            result.changed.append(rel)
        elif diff.strip():
            result.diff += annotate(diff, plan)
            result.changed.append(rel)
    return result


def _copy_unchanged(path: Path, target: Path) -> None:
    """The copy `--check` compiles, of a file the patch leaves as it is (its errors count too)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)


def _relabel(diff: str, rel: str) -> str:
    """spatch's headers name its temporary output: make them `a/<rel>` and `b/<rel>` (git apply, patch -p1)."""
    lines = diff.splitlines()
    out = []
    for line in lines:
        if line.startswith("--- "):
            out.append(f"--- a/{rel}")
        elif line.startswith("+++ "):
            out.append(f"+++ b/{rel}")
        else:
            out.append(line)
    return "\n".join(out) + "\n" if out else ""


def annotate(diff: str, plan: Plan) -> str:
    """Name, after each hunk's `@@ ... @@`, the findings whose old names its removed lines use."""
    names: dict[str, list[str]] = {}
    for rule in plan.rules:
        for word in rule.keys:
            names.setdefault(word, []).append(rule.label)
    lines = diff.splitlines()
    out = []
    for i, line in enumerate(lines):
        match = _HUNK.match(line)
        if not match:
            out.append(line)
            continue
        removed = []
        for body in lines[i + 1:]:
            if body.startswith("@@") or body.startswith("--- "):
                break
            if body.startswith("-"):
                removed.append(body)
        labels = list(dict.fromkeys(label for text in removed for word in _WORD.findall(text)
                                    for label in names.get(word, [])))
        shown = "; ".join(labels[:4]) + (f"; and {len(labels) - 4} more" if len(labels) > 4 else "")
        out.append(match.group(1) + (" apicompat: " + shown if labels else match.group(2)))
    return "\n".join(out) + "\n"
