"""Acknowledgements: known changes marked as accepted, with a required reason.

    [[accept]]
    kind = "function_removed"          # a catalogue id, or "*"
    symbol = "demo_wait_*"             # a glob over the finding's symbol
    reason = "waiters replaced by events; the port is done"

Accepted findings are still reported (marked as such) but do not set the
breaking exit bit.  They live in `apicompat.toml` (or the file given with
`--accept`).
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

from .diff import catalogue
from .diff.finding import Finding
from .errors import AcceptFileError


@dataclass(frozen=True)
class Accept:
    kind: str
    symbol: str
    reason: str

    def covers(self, f: Finding) -> bool:
        return (self.kind in ("*", f.kind)) and fnmatch.fnmatchcase(f.symbol, self.symbol)


def load_accepts(path: Path) -> list[Accept]:
    """The [[accept]] entries of a TOML file; AcceptFileError naming the entry if one is malformed."""
    try:
        data = tomllib.loads(path.read_text())
    except OSError as exc:
        raise AcceptFileError(f"cannot read {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise AcceptFileError(f"{path} is not valid TOML: {exc}") from None
    entries = data.get("accept", [])
    if not isinstance(entries, list):
        raise AcceptFileError(f"{path}: 'accept' must be a list of [[accept]] tables")
    kinds = catalogue.load()
    result = []
    for i, entry in enumerate(entries, start=1):
        where = f"{path}: [[accept]] entry {i}"
        if not isinstance(entry, dict):
            raise AcceptFileError(f"{where} is not a table")
        missing = [k for k in ("kind", "symbol", "reason") if not str(entry.get(k, "")).strip()]
        if missing:
            raise AcceptFileError(f"{where} needs {', '.join(missing)} (a reason is required)")
        if entry["kind"] != "*" and entry["kind"] not in kinds:
            raise AcceptFileError(f"{where}: unknown kind '{entry['kind']}' (see 'apicompat kinds')")
        result.append(Accept(entry["kind"], entry["symbol"], entry["reason"].strip()))
    return result


def apply_accepts(findings: list[Finding], accepts: list[Accept]) -> None:
    """Mark every finding (and family member) an acknowledgement covers."""
    for f in findings:
        for a in accepts:
            if a.covers(f):
                f.accepted = a.reason
                break
        apply_accepts(f.members, accepts)


def toml_string(text: str) -> str:
    """`text` as a TOML basic string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c >= " " or c == "\t" else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'


def baseline_entries(findings: list[Finding], reason: str, kinds: tuple[str, ...] = (),
                     severities: tuple[str, ...] = ("breaking", "abi")) -> str:
    """[[accept]] entries acknowledging today's findings (not already accepted), as TOML text."""
    out = []
    seen = set()
    for f in findings:
        if f.accepted or f.internal or f.severity not in severities or (kinds and f.kind not in kinds):
            continue
        key = (f.kind, f.symbol)
        if key in seen:
            continue
        seen.add(key)
        # Glob characters in a symbol are taken literally: bracket them.
        symbol = "".join(f"[{c}]" if c in "*?[" else c for c in f.symbol)
        out.append(f"\n[[accept]]\nkind = {toml_string(f.kind)}\nsymbol = {toml_string(symbol)}\n"
                   f"reason = {toml_string(reason)}\n")
    return "".join(out)
