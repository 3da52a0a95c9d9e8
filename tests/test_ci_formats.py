"""Issue 15: CI formats -- SARIF 2.1.0 (validated by sarif-pydantic's model) and GitHub annotations."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sarif_pydantic import Sarif

from apicompat.cli import main
from apicompat.example import create_example


@pytest.fixture(scope="module", params=["git", "hg"])
def demo(request, tmp_path_factory):
    path = tmp_path_factory.mktemp(request.param) / "libdemo"
    create_example(path, request.param)
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_sarif_is_valid_2_1_0_with_each_finding_at_its_header_line(demo):
    result = run("diff", "v1.0", "v2.0", "--repo", demo, "-D", "DEMO_TOOLS", "--format", "sarif")
    assert result.exit_code == 12
    data = json.loads(result.output)
    log = Sarif.model_validate(data)
    assert data["version"] == "2.1.0" and len(log.runs) == 1
    run0 = data["runs"][0]
    rules = [r["id"] for r in run0["tool"]["driver"]["rules"]]
    assert all(r["ruleId"] in rules and rules[r["ruleIndex"]] == r["ruleId"] for r in run0["results"])
    moved = next(r for r in run0["results"] if r["properties"]["symbol"] == "demo_build_info.kernel")
    assert moved["level"] == "error" and moved["ruleId"] == "record_field_moved"
    region = moved["locations"][0]["physicalLocation"]
    assert region["artifactLocation"]["uri"] == "include/demo_types.h" and region["region"]["startLine"] > 0
    assert "Use `.u.pv.kernel` instead of `.kernel`." in moved["message"]["text"]


def test_github_annotations_escape_values(demo):
    result = run("diff", "v1.0", "v2.0", "--repo", demo, "-D", "DEMO_TOOLS", "--format", "github")
    lines = result.output.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    moved = next(line for line in lines if "demo_build_info.kernel" in line)
    assert moved.startswith("::error file=include/demo_types.h,line=")
    assert "title=Field moved%3A demo_build_info.kernel::" in moved
    assert lines[-1].startswith("::notice title=apicompat verdict::")
    # A version macro is a notice (severity rule), worded as a release, not an API change.
    version = next(line for line in lines if "DEMO_VERSION_MAJOR" in line)
    assert version.startswith("::notice ") and "a new release, not an API change" in version
