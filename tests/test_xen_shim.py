"""Opt-in: the old-code shim on the real Xen case (4.1.2 -> xen-unstable of February 2012).

A small consumer written in the style of a 4.1-era libxl user
(tests/fixtures/xen/consumer_41.c) builds against RELEASE-4.1.2; against
62698cdaf3 it fails, and the shim removes the errors it can map (renamed
enumerators, parameters added or removed) while the porting checklist names
the rest.  Needs APICOMPAT_XEN_MIRROR (a Xen git mirror).
"""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from apicompat.cli import main

MIRROR = os.environ.get("APICOMPAT_XEN_MIRROR")
pytestmark = pytest.mark.skipif(not MIRROR, reason="set APICOMPAT_XEN_MIRROR to a Xen git mirror to run")
CONSUMER = Path(__file__).parent / "fixtures" / "xen" / "consumer_41.c"
OLD, NEW = "RELEASE-4.1.2", "62698cdaf3"
COMMON = ["--profile", "xen-libxl", "--trust"]
CTX = "&d->ctx"
PLACEHOLDERS = [f"-DAPICOMPAT_ARG_{f}_ctx={CTX}" for f in
                ("libxl_init_create_info", "libxl_init_build_info", "libxl_device_nic_init", "libxl_device_vfb_init")]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("xen")
    runner = CliRunner()
    for rev in (OLD, NEW):
        result = runner.invoke(main, ["snapshot", rev, "--repo", MIRROR, *COMMON, "--out", str(base / rev)])
        assert result.exit_code == 0, result.output
    (base / "shim").mkdir()
    # The values this consumer has for the new arguments, and leave to drop `force` (it passes 0).
    result = runner.invoke(main, ["shim", OLD, NEW, "--repo", MIRROR, *COMMON, "--for", "old-code",
                                  "--arg", f"libxl_init_create_info.ctx={CTX}", "--arg", f"libxl_init_build_info.ctx={CTX}",
                                  "--allow-lossy", "--out", str(base / "shim" / "libxl_compat.h")])
    assert result.exit_code == 0, result.output
    return base


def errors(built: Path, rev: str, shim: bool) -> list[str]:
    argv = ["cc", "-fsyntax-only", "-fmax-errors=0", "-D__XEN_TOOLS__", "-DHAVE_YAJL_VERSION", f"-I{built / rev}",
            "-include", "stdint.h"]
    if rev == OLD:   # the stand-in xenctrl.h does not pull in xen.h as the real one does
        argv += ["-include", "xen/xen.h"]
    if shim:
        argv += [f"-I{built / 'shim'}", '-DAPICOMPAT_HEADER="libxl_compat.h"', *PLACEHOLDERS]
    else:
        argv.append("-DAPICOMPAT_HEADER=<libxl.h>")
    proc = subprocess.run(argv + [str(CONSUMER)], capture_output=True, text=True)
    return [line.split("error: ", 1)[1] for line in proc.stderr.splitlines()
            if "error: " in line and str(CONSUMER) in line]


def test_consumer_builds_against_its_own_revision(built):
    assert errors(built, OLD, shim=False) == []
    assert errors(built, OLD, shim=True) == []


def test_shim_removes_the_mappable_errors_and_lists_the_rest(built):
    without, with_shim = errors(built, NEW, shim=False), errors(built, NEW, shim=True)
    removed = [e for e in without if e not in with_shim]
    print(f"\nxen-unstable errors: {len(without)} without the shim, {len(with_shim)} with it")
    assert len(without) >= 12 and len(with_shim) <= len(without) - 5
    for gone in ("DISK_FORMAT_QCOW2", "DISK_BACKEND_TAP", "NICTYPE_VIF", "libxl_init_create_info",
                 "libxl_domain_destroy"):
        assert any(gone in e for e in removed), (gone, removed)
    checklist = (built / "shim" / "libxl_compat.h").read_text()
    for remaining in ("libxl_ctx [record_made_opaque]",
                      "libxl_domain_build_info.kernel [record_field_moved]", "libxl_device_vfb.vnc [record_fields_regrouped]"):
        assert remaining in checklist
    # Old code means the old libxl_device_disk_destroy, now called _dispose: mapped after the include.
    assert re.search(r"#define libxl_device_disk_destroy libxl_device_disk_dispose\b", checklist)
