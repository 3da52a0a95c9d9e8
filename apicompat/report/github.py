"""GitHub Actions workflow commands: one annotation per finding, at its header line.

`::error file=include/lib.h,line=12,title=Function removed::...` makes the
finding show on the pull request's diff.  Breaking findings are errors,
ABI-only warnings, the rest notices; acknowledged findings and internals
are notices.  Values are escaped as the runner requires.
"""
from __future__ import annotations

from ..result import DiffResult
from .common import kind_title

COMMANDS = {"breaking": "error", "abi": "warning", "compatible": "notice", "info": "notice"}


def render_github(result: DiffResult) -> str:
    lines = []
    for p in result.problems:
        lines.append(_command("warning", p.file, p.line, "apicompat: header not compared", p.message))
    for f in result.listed:
        level = "notice" if f.accepted or f.internal else COMMANDS[f.severity]
        loc = f.loc
        title = f"{kind_title(f.kind)}: {f.symbol}"
        text = f"{f.message} Fix: {f.hint}" + (f" (accepted: {f.accepted})" if f.accepted else "")
        lines.append(_command(level, loc.file if loc else "", loc.line if loc else None, title, text))
    lines.append(_command("notice", "", None, "apicompat verdict", result.verdict))
    return "\n".join(lines) + "\n"


def _command(level: str, file: str, line: int | None, title: str, message: str) -> str:
    props = []
    if file:
        props.append(f"file={_prop(file)}")
    if line:
        props.append(f"line={int(line)}")
    props.append(f"title={_prop(title)}")
    return f"::{level} {','.join(props)}::{_data(message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
