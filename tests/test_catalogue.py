"""The change-kind catalogue (apicompat/catalogue/*.toml) and the pages made from it.

Every entry must be complete, use only the placeholders findings provide, show
a before/after that a C compiler accepts, and docs/changes.md must be what the
catalogue renders to.
"""
from __future__ import annotations

import importlib.util
import re
import shutil
import string
import subprocess
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

from apicompat.diff import catalogue
from apicompat.diff.catalogue import BINARY_LEVELS, CATALOGUE_DIR, SOURCE_LEVELS, Kind
from apicompat.report import kinds_doc

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(CATALOGUE_DIR.glob("*.toml"))
KEYS = set(Kind.__dataclass_fields__)
TEXT_KEYS = ("id", "area", "title", "source", "binary", "explanation", "hint")
TEMPLATE_KEYS = ("explanation", "hint")
PLACEHOLDERS = {
    "symbol", "old_name", "new_name", "param", "position", "path", "new_path",
    "record", "old_type", "new_type", "old_value", "new_value", "header", "target",
    "macros", "rule", "count", "users", "enum",
}


def raw(path: Path) -> dict:
    return tomllib.loads(path.read_text())


def placeholders(template: str) -> list[str]:
    return [field for _, field, _, _ in string.Formatter().parse(template) if field is not None]


def test_catalogue_is_not_empty():
    assert len(FILES) >= 50
    assert set(catalogue.load()) == {f.stem for f in FILES}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_entry_is_complete(path):
    data = raw(path)
    assert data["id"] == path.stem
    assert re.fullmatch(r"[a-z]+(_[a-z]+)+", data["id"])
    assert set(data) == KEYS, "missing or unknown keys"
    for key in TEXT_KEYS:
        assert isinstance(data[key], str) and data[key].strip(), f"{key} is empty"
    assert data["source"] in SOURCE_LEVELS
    assert data["binary"] in BINARY_LEVELS
    assert data["area"] in kinds_doc.AREA_ORDER


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_title_is_short_sentence_case(path):
    title = raw(path)["title"]
    words = title.split()
    assert len(title) <= 50 and not title.endswith(".")
    assert words[0][0].isupper() and all(w == w.lower() for w in words[1:])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_explanation_is_one_sentence(path):
    explanation = raw(path)["explanation"]
    assert explanation.endswith(".")
    assert not re.search(r"[.!?]\s+[A-Z]", explanation)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_templates_use_only_known_placeholders(path):
    data = raw(path)
    for key in TEMPLATE_KEYS:
        fields = placeholders(data[key])          # raises on a stray brace
        assert set(fields) <= PLACEHOLDERS, f"{key}: unknown {set(fields) - PLACEHOLDERS}"
        assert all(f.isidentifier() for f in fields), f"{key}: positional or indexed field"
        assert data[key].count("`") % 2 == 0, f"{key}: unbalanced code span"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_templates_render_with_and_without_facts(path):
    kind = catalogue.get(path.stem)
    facts = {name: f"X{name}" for name in PLACEHOLDERS}
    for template in (kind.explanation, kind.hint):
        assert "{" not in kind.render(template, facts)
        assert "<" in kind.render(template, {}) or not placeholders(template)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_before_and_after_differ(path):
    data = raw(path)
    assert data["before"].strip() or data["after"].strip()
    assert data["before"].strip() != data["after"].strip()


CC = shutil.which("cc")
SNIPPETS = [(f.stem, side) for f in FILES for side in ("before", "after")]


@pytest.mark.skipif(CC is None, reason="no C compiler")
@pytest.mark.parametrize("kind_id,side", SNIPPETS, ids=[f"{k}-{s}" for k, s in SNIPPETS])
def test_snippet_compiles(kind_id, side):
    code = raw(CATALOGUE_DIR / f"{kind_id}.toml")[side]
    if not code.strip():
        pytest.skip("empty side of an added/removed kind")
    source = "#include <stddef.h>\n" + code
    done = subprocess.run([CC, "-fsyntax-only", "-std=c99", "-Wall", "-Werror", "-x", "c", "-"],
                          input=source, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_docs_page_is_current():
    page = (ROOT / "docs" / "changes.md").read_text()
    assert page == kinds_doc.render_kinds_markdown(), "run python scripts/gen_docs.py"


def test_docs_page_lists_every_kind_with_its_severity():
    page = kinds_doc.render_kinds_markdown()
    for kind in catalogue.load().values():
        assert f"| [`{kind.id}`](#{kind.id}) | {kind.title} | {kind.severity} |" in page
        assert f'<a id="{kind.id}"></a>' in page


def test_markdown_puts_placeholders_in_code_spans():
    shown = kinds_doc.show_placeholders("Pass {param} ({new_type}) as `{symbol}`.", markdown=True)
    assert shown == "Pass `<param>` (`<new_type>`) as `<symbol>`."


def test_kind_text_for_explain():
    text = kinds_doc.render_kind_text("function_renamed")
    assert text.splitlines()[:3] == [
        "function_renamed: Function renamed",
        "area: functions",
        "severity: breaking (source: breaking, binary: breaking)",
    ]
    assert "Fix: Call `<new_name>` instead of `<old_name>`." in text
    assert "    void widget_dispose(struct widget *w);" in text


def test_kind_text_for_every_kind():
    for kind_id in catalogue.load():
        text = kinds_doc.render_kind_text(kind_id)
        assert "{" not in text.split("Before:")[0]


def test_kind_text_unknown_id():
    with pytest.raises(KeyError, match="no_such_kind"):
        kinds_doc.render_kind_text("no_such_kind")


def load_gen_docs():
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gen_docs_check_and_write(tmp_path, monkeypatch):
    gen_docs = load_gen_docs()
    target = tmp_path / "docs" / "changes.md"
    monkeypatch.setattr(gen_docs, "CHANGES_MD", target)
    assert gen_docs.main(["--check"]) == 1          # missing
    assert gen_docs.main([]) == 0
    assert target.read_text() == kinds_doc.render_kinds_markdown()
    assert gen_docs.main(["--check"]) == 0
    target.write_text(target.read_text() + "edited by hand\n")
    assert gen_docs.main(["--check"]) == 1
