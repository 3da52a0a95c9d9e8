"""Compat shims, proven by compiling: consumers of either revision build against both with the shim."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from apicompat.cli import main
from apicompat.example import create_example

CONSUMERS = Path(__file__).parent / "fixtures" / "shim" / "libdemo"
# The values the consumers have for arguments one revision lacks, and leave to drop the ones the
# other has no parameter for (the consumers here pass nothing meaningful in them).
VALUES = {"new-code": ["--arg", "demo_domain_destroy.force=0", "--allow-lossy"],
          "old-code": ["--arg", "demo_init_create_info.ctx=ctx", "--allow-lossy"]}
PLACEHOLDERS: list[str] = []


def cli(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code in (0, 4, 12), result.output
    return result


@pytest.fixture(scope="module", params=["git", "hg"])
def built(request, tmp_path_factory):
    """Installed headers of v1.0 and v2.0 and both shims, made with the command line."""
    base = tmp_path_factory.mktemp(request.param)
    repo = base / "libdemo"
    create_example(repo, request.param)
    for rev in ("v1.0", "v2.0"):
        cli("snapshot", rev, "--repo", repo, "-D", "DEMO_TOOLS", "--out", base / rev)
    for direction in ("new-code", "old-code"):
        (base / f"shim-{direction}").mkdir()
        cli("shim", "v1.0", "v2.0", "--repo", repo, "-D", "DEMO_TOOLS", "--for", direction, *VALUES[direction],
            "--out", base / f"shim-{direction}" / "demo_compat.h")
        (base / f"strict-{direction}").mkdir()
        cli("shim", "v1.0", "v2.0", "--repo", repo, "-D", "DEMO_TOOLS", "--for", direction,
            "--out", base / f"strict-{direction}" / "demo_compat.h")
    return base


def compiles(built: Path, consumer: str, rev: str, shim: str | None) -> subprocess.CompletedProcess:
    header = '"demo_compat.h"' if shim else "<demo.h>"
    argv = ["cc", "-fsyntax-only", "-Werror=implicit-function-declaration", f"-I{built / rev}",
            f"-DAPICOMPAT_HEADER={header}", *PLACEHOLDERS, str(CONSUMERS / consumer)]
    if shim:
        argv.insert(2, f"-I{built / f'shim-{shim}'}")
    if rev == "v2.0" and not shim:
        argv.append("-DDEMO_TOOLS")
    return subprocess.run(argv, capture_output=True, text=True)


@pytest.mark.parametrize("rev", ["v1.0", "v2.0"])
@pytest.mark.parametrize("consumer,shim", [("consumer_old.c", "old-code"), ("consumer_new.c", "new-code")])
def test_consumer_builds_against_both_revisions_with_its_shim(built, consumer, shim, rev):
    proc = compiles(built, consumer, rev, shim)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("consumer,rev", [("consumer_old.c", "v2.0"), ("consumer_new.c", "v1.0")])
def test_mismatched_consumer_fails_without_the_shim(built, consumer, rev):
    assert compiles(built, consumer, rev, None).returncode != 0


@pytest.mark.parametrize("consumer,rev", [("consumer_old.c", "v1.0"), ("consumer_new.c", "v2.0")])
def test_matched_consumer_builds_without_the_shim(built, consumer, rev):
    assert compiles(built, consumer, rev, None).returncode == 0


@pytest.mark.parametrize("shim", ["old-code", "new-code"])
@pytest.mark.parametrize("rev", ["v1.0", "v2.0"])
def test_shim_never_breaks_code_that_compiled_before(built, shim, rev):
    proc = compiles(built, "consumer_plain.c", rev, shim)
    assert proc.returncode == 0, proc.stderr


def test_a_reused_name_is_mapped_only_for_old_code(built):
    """New code means the new function by the reused name: nothing to map.  Old code means the old
    function, now under its new name: a #define after the library's include rewrites only its calls."""
    new_code = (built / "shim-new-code" / "demo_compat.h").read_text()
    assert not re.search(r"#define demo_device_disk_destroy\b", new_code)
    assert "demo_device_disk_destroy [function_old_name_reused]" in new_code
    old_code = (built / "shim-old-code" / "demo_compat.h").read_text()
    assert re.search(r"#define demo_device_disk_destroy demo_device_disk_dispose\b", old_code)
    assert old_code.index("#include <demo.h>") < old_code.index("#define demo_device_disk_destroy")


def test_no_adapter_drops_or_invents_an_argument_unless_told(built):
    old_code = (built / "strict-old-code" / "demo_compat.h").read_text()
    new_code = (built / "strict-new-code" / "demo_compat.h").read_text()
    assert not re.search(r"#define demo_domain_destroy\(", old_code)       # would drop `force`
    assert "the adapter would drop force" in old_code
    assert not re.search(r"#define demo_init_create_info\(", old_code)     # would invent a ctx
    assert "pass --arg demo_init_create_info.ctx=EXPR" in old_code
    assert "APICOMPAT_ARG_" not in old_code + new_code


def test_shim_finds_a_detection_macro_and_the_demanded_define(built):
    text = (built / "shim-new-code" / "demo_compat.h").read_text()
    assert "#if defined(DEMO_HAVE_EVENTS)" in text
    assert "#ifndef DEMO_TOOLS\n#define DEMO_TOOLS 1" in text
    assert text.index("#define DEMO_TOOLS 1") < text.index("#include <demo.h>")
    assert "demo_build_info.kernel [record_field_moved]: Use `.u.pv.kernel`" in text


def test_families_are_compact_blocks(built):
    text = (built / "shim-old-code" / "demo_compat.h").read_text()
    block = text[text.index("/* family *_destroy -> *_dispose"):]
    assert block.splitlines()[1:5] == [
        "#define demo_create_info_destroy demo_create_info_dispose",
        "#define demo_build_info_destroy demo_build_info_dispose",
        "#define demo_device_vfb_destroy demo_device_vfb_dispose",
        "#define demo_device_nic_destroy demo_device_nic_dispose"]


def test_detect_option_overrides(tmp_path):
    repo = tmp_path / "libdemo"
    create_example(repo)
    out = CliRunner().invoke(main, ["shim", "v1.0", "v2.0", "--repo", str(repo), "-D", "DEMO_TOOLS",
                                    "--detect", "!DEMO_OLD_ONLY"]).output
    assert "#if !defined(DEMO_OLD_ONLY)" in out


def test_check_compiles_the_consumer_without_and_with_the_shim(built, tmp_path):
    """`shim --check`: errors against each revision before and after, and none added by the shim."""
    (tmp_path / "out").mkdir()
    result = CliRunner().invoke(main, ["shim", "v1.0", "v2.0", "--repo", str(built / "libdemo"), "-D", "DEMO_TOOLS",
                                       "--for", "old-code", *VALUES["old-code"], "--consumer",
                                       str(Path(__file__).parent / "fixtures" / "consumers" / "libdemo" / "mechanical.c"),
                                       "--check", "--out", str(tmp_path / "out" / "shim.h")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    old_line = next(line for line in result.stderr.splitlines() if line.startswith("against v1.0"))
    new_line = next(line for line in result.stderr.splitlines() if line.startswith("against v2.0"))
    assert old_line == "against v1.0: 0 error line(s) without the shim, 0 with it"
    before, after = (int(n) for n in re.findall(r"(\d+) error line", new_line.replace(" with it", " error line")))
    assert after < before and "adds" not in new_line
