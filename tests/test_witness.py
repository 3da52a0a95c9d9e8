"""Witness compiles: each kind's severity, proven by a C compiler.

Every change-kind fixture has a consumer.c written against its OLD headers
that uses the changed declaration.  If the kind's source severity is
`breaking`, the consumer compiles against old and fails against new; if it
is `compatible` or `info` (abi kinds included: they still compile), it
compiles against both.  The compiler runs with the errors modern GCC and
Clang give by default for what C forbids (implicit declarations, int <->
pointer conversions, incompatible pointers), so "fails" means a real error.
"""
from __future__ import annotations

import shutil
import subprocess

import pytest

from apicompat.diff import catalogue
from kinds_support import KINDS_DIR

CC = shutil.which("cc")
CFLAGS = ["-fsyntax-only", "-std=c99", "-pedantic-errors", "-Werror=implicit-function-declaration",
          "-Werror=int-conversion", "-Werror=incompatible-pointer-types"]

# Kinds whose effect a consumer cannot show either way, and why.
NO_WITNESS = {
    "include_removed": "whether a consumer breaks depends on whether it relied on the transitive "
                       "include, so a consumer can show either answer",
}

KINDS = sorted(catalogue.load().values(), key=lambda k: k.id)
CASES = [pytest.param(k, id=k.id, marks=pytest.mark.skip(reason=NO_WITNESS[k.id])) if k.id in NO_WITNESS
         else pytest.param(k, id=k.id) for k in KINDS]


def compile_consumer(kind_id: str, side: str) -> subprocess.CompletedProcess:
    fixture = KINDS_DIR / kind_id
    return subprocess.run([CC, *CFLAGS, "-I", str(fixture / side / "include"), str(fixture / "consumer.c")],
                          capture_output=True, text=True)


@pytest.mark.skipif(CC is None, reason="no C compiler")
@pytest.mark.parametrize("kind", CASES)
def test_consumer_proves_severity(kind):
    old = compile_consumer(kind.id, "old")
    assert old.returncode == 0, f"consumer.c must compile against old:\n{old.stderr}"
    new = compile_consumer(kind.id, "new")
    if kind.source == "breaking":
        assert new.returncode != 0, f"{kind.id} is breaking, but consumer.c still compiles against new"
    else:
        assert new.returncode == 0, f"{kind.id} is {kind.source}, but consumer.c fails against new:\n{new.stderr}"


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.id)
def test_every_kind_has_a_witness_or_a_reason(kind):
    has_consumer = (KINDS_DIR / kind.id / "consumer.c").exists()
    assert has_consumer != (kind.id in NO_WITNESS), "a consumer.c, or a reason in NO_WITNESS (not both)"


def test_witness_skips_are_few():
    assert sorted(NO_WITNESS) == ["include_removed"]
