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


def test_a_plain_install_from_a_built_wheel_runs_the_example(tmp_path):
    """Issue 15: a plain (non-editable) install of the built wheel into a fresh venv gives a working
    `apicompat` -- fake libc, catalogue, severity rules, templates and `hg` included."""
    import os
    import subprocess
    import sys
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                   check=True, timeout=600)
    (wheel,) = wheels.glob("apicompat-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("VIRTUAL_ENV", None)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], check=True, timeout=1200, env=env)
    apicompat = str(venv / "bin" / "apicompat")
    path = {**env, "PATH": f"{venv / 'bin'}:{os.environ['PATH']}"}
    for vcs in ("git", "hg"):
        demo = tmp_path / f"demo-{vcs}"
        subprocess.run([apicompat, "example", str(demo), "--vcs", vcs], check=True, env=path, cwd=tmp_path)
        result = subprocess.run([apicompat, "diff", "v1.0", "v2.0", "--repo", str(demo), "-D", "DEMO_TOOLS"],
                                capture_output=True, text=True, env=path, cwd=tmp_path)
        assert result.returncode == 12, result.stderr
        assert "Family of renames: *_destroy -> *_dispose" in result.stdout
        assert "requires a major release" in result.stdout
