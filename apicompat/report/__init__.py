"""Reporters: each renders a DiffResult in one format; none decides severity."""
from __future__ import annotations

from ..result import DiffResult

FORMATS = ("text", "json", "markdown", "html", "sarif", "github")


def render(result: DiffResult, fmt: str, **options) -> str:
    """`result` as text, json, markdown or html."""
    if fmt == "text":
        from .text import render_text
        return render_text(result, **options)
    if fmt == "json":
        from .json_report import render_json
        return render_json(result)
    if fmt == "markdown":
        from .markdown import render_markdown
        from .safe_text import printable
        return printable(render_markdown(result))
    if fmt == "sarif":
        from .sarif import render_sarif
        return render_sarif(result)
    if fmt == "github":
        from .github import render_github
        from .safe_text import printable
        return printable(render_github(result), commands=True)   # its own commands, escaped values
    if fmt == "html":
        from .html import render_html
        return render_html(result, **options)
    raise ValueError(f"unknown format {fmt!r}")
