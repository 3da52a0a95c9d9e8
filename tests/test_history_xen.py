"""History questions on a real project: Xen's libxl (needs APICOMPAT_XEN_MIRROR, a Xen git mirror).

Slow on a cold cache (every model of the range is extracted); the cache
(APICOMPAT_CACHE_DIR, or the user's) makes a second run quick.
"""
from __future__ import annotations

import os

import pytest

from apicompat.history import bisect_symbol, symbol_log

MIRROR = os.environ.get("APICOMPAT_XEN_MIRROR")
pytestmark = pytest.mark.skipif(not MIRROR, reason="set APICOMPAT_XEN_MIRROR to a Xen git mirror")

GOOD = "faf7c3e08d"        # RELEASE-4.1.2's merge base with 62698cdaf3 (xen-unstable, Feb 2012)
BAD = "62698cdaf3"


@pytest.fixture(scope="module")
def xen_settings():
    from apicompat.profiles import builtin_names, load_profile
    from apicompat.settings import Settings
    if "xen-libxl" not in builtin_names():
        pytest.skip("no built-in xen-libxl profile")
    return Settings(profile=load_profile("xen-libxl"), trust=True)


def test_which_changeset_removed_libxl_waiter(xen_settings):
    result = bisect_symbol(MIRROR, "libxl_waiter", "removed", GOOD, BAD, xen_settings)
    assert result.culprit.id.startswith("328eb1ab8a")
    assert result.culprit.summary == "libxl: New event generation API"
    assert [f.kind for f in result.findings] == ["record_removed"]


def test_log_names_the_commit_that_removed_force(xen_settings):
    result = symbol_log(MIRROR, "libxl_domain_destroy", f"{GOOD}..{BAD}", xen_settings)
    removed = [e for e in result.entries
               if any(f.kind == "function_param_removed" and "force" in f.facts.get("param", "") for f in e.findings)]
    assert [e.step.rev.id[:10] for e in removed] == ["0b5c5ae1bd"]
    assert removed[0].step.rev.summary == "libxl: remove force parameter from libxl_domain_destroy"
