"""Issue 12: impact -- which of the consumer's lines use something that changed, proven by compiling.

The fixture driver (tests/fixtures/consumers/libdemo/driver.c) marks each line
that must break against libdemo 2.0 with "breaks"; impact must name exactly
those lines, and --check must find no error on a line impact did not name.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from apicompat.cli import main
from apicompat.consumer.sources import consumer_sources, preprocessor_flags
from apicompat.example import create_example

DRIVER_DIR = Path(__file__).parent / "fixtures" / "consumers" / "libdemo"
DRIVER = DRIVER_DIR / "driver.c"


@pytest.fixture(scope="module", params=["git", "hg"])
def demo(request, tmp_path_factory):
    path = tmp_path_factory.mktemp(request.param) / "libdemo"
    create_example(path, request.param)
    return path


def marked_lines() -> set[int]:
    return {n for n, line in enumerate(DRIVER.read_text().splitlines(), start=1) if "/* breaks" in line}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_impact_names_exactly_the_lines_that_break(demo):
    result = run("impact", "v1.0", "v2.0", "--repo", demo, "-D", "DEMO_TOOLS", "--consumer", DRIVER_DIR,
                 "--format", "json")
    assert result.exit_code == 12, result.output
    data = json.loads(result.output)
    sites = [s for s in data["sites"] if s["file"].endswith("driver.c")]
    assert {s["line"] for s in sites} == marked_lines()
    by_line = {s["line"]: s for s in sites}
    kernel = next(n for n, l in enumerate(DRIVER.read_text().splitlines(), 1) if "b_info.kernel" in l)
    assert by_line[kernel]["kind"] == "record_field_moved" and by_line[kernel]["name"] == "demo_build_info.kernel"
    assert "u.pv.kernel" in by_line[kernel]["hint"]


def test_check_compiles_both_revisions_and_every_error_was_predicted(demo):
    result = run("impact", "v1.0", "v2.0", "--repo", demo, "-D", "DEMO_TOOLS", "--consumer", DRIVER,
                 "--check", "--format", "json")
    check = json.loads(result.output)["check"]
    assert check["old_errors"] == 0
    assert check["new_errors"] > 0 and check["unpredicted"] == []
    assert check["predicted_lines"] == check["new_error_lines"]


def test_text_output_by_file_with_fixes(demo):
    result = run("impact", "v1.0", "v2.0", "--repo", demo, "-D", "DEMO_TOOLS", "--consumer", DRIVER)
    assert f"{DRIVER}" in result.output
    assert "fix: Use `.u.pv.kernel` instead of `.kernel`." in result.output
    assert "Your code: " in result.output


def test_a_consumer_that_uses_nothing_that_changed_exits_0(demo, tmp_path):
    quiet = tmp_path / "quiet.c"
    quiet.write_text("#include <demo.h>\nint f(demo_ctx *ctx) { return demo_device_disk_add(ctx, 1, 0); }\n")
    result = run("impact", "v1.0", "v2.0", "--repo", demo, "-D", "DEMO_TOOLS", "--consumer", quiet)
    assert result.exit_code == 0, result.output


def test_compilation_database_flags(tmp_path):
    src = tmp_path / "a.c"
    src.write_text("int x;\n")
    db = tmp_path / "compile_commands.json"
    db.write_text(json.dumps([{"directory": str(tmp_path), "file": "a.c",
                               "command": "cc -c -Iinc -DHAVE_X=1 -O2 -std=gnu99 -o a.o a.c"}]))
    (source,) = consumer_sources([], "", str(db))
    assert source.path == src.resolve()
    assert source.flags == ["-I", str((tmp_path / "inc").resolve()), "-D", "HAVE_X=1", "-std=gnu99"]
    assert preprocessor_flags(["cc", "-include", "cfg.h", "x.c"], tmp_path) == ["-include", str(tmp_path / "cfg.h")]


def test_missing_consumer_is_a_usage_error(demo):
    result = run("impact", "v1.0", "v2.0", "--repo", demo)
    assert result.exit_code == 2 and "--consumer" in result.output


def test_html_report_has_a_your_code_section_linked_to_the_findings(demo, tmp_path):
    """`report --consumer`: each line impact names appears in the HTML report's "Your code"
    section, with a link to the finding it uses."""
    out = tmp_path / "r.html"
    run("report", "v1.0", "v2.0", "--repo", demo, "-D", "DEMO_TOOLS", "--consumer", DRIVER, "--out", out)
    html = out.read_text()
    section = html[html.index('id="your-code"'):html.index('id="filters"')]
    for line in sorted(marked_lines()):
        assert f"driver.c:{line}:" in section, line
    anchors = set(re.findall(r'href="#(f-\d+)"', section))
    assert anchors and all(f'id="{a}"' in html for a in anchors)


def test_html_report_without_consumer_has_no_your_code_section(demo, tmp_path):
    out = tmp_path / "r.html"
    run("report", "v1.0", "v2.0", "--repo", demo, "-D", "DEMO_TOOLS", "--out", out)
    assert 'id="your-code"' not in out.read_text()


@pytest.mark.parametrize("vcs", ["git", "hg"])
def test_an_error_inside_a_poisoning_macro_is_the_consumer_line_that_used_it(tmp_path, vcs):
    """`#define lib_bool lib_bool_renamed_bool` in NEW: gcc reports the error at the header's
    #define; --check places it on the consumer's line that expanded it, which impact named."""
    from helpers import make_repo
    repo = make_repo(tmp_path / "lib", vcs, [
        {"include/lib.h": "typedef int lib_bool;\nint lib_ok(lib_bool v);\n"},
        {"include/lib.h": "#include <stdbool.h>\n#define lib_bool lib_bool_renamed_bool\nint lib_ok(bool v);\n"}])
    consumer = tmp_path / "app"
    consumer.mkdir()
    (consumer / "app.c").write_text("#include <lib.h>\nint use(void) {\n  lib_bool b = 1;\n  return lib_ok(b);\n}\n")
    result = run("impact", "r1", "r2", "--repo", repo, "--consumer", consumer, "--check", "--format", "json")
    check = json.loads(result.output)["check"]
    assert check["new_errors"] >= 1 and check["unpredicted"] == []
    assert check["predicted_lines"] == check["new_error_lines"] == 1
