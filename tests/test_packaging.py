"""The package list in pyproject.toml matches the source tree (no hand-synced lists)."""
from __future__ import annotations

import re
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def test_every_python_package_is_listed():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "apicompat").rglob("__init__.py")}
    assert listed == found | {"apicompat.fake_libc_include"}


def test_fake_libc_include_is_mapped_from_the_top_of_the_tree():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert data["package-dir"]["apicompat.fake_libc_include"] == "fake_libc_include"
    assert (ROOT / "fake_libc_include" / "_apicompat_prelude.h").exists()
