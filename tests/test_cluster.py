"""History walks on a Dask cluster (`--scheduler ADDRESS`, issue 14): a local cluster of worker
processes gives the same answers as local processes, through the same cache."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from apicompat.cli import main
from apicompat.example import create_example

distributed = pytest.importorskip("distributed", reason="Dask's distributed is a test extra (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as local:
        yield local.scheduler_address


@pytest.mark.parametrize("vcs", ["git", "hg"])
def test_timeline_on_a_cluster_matches_local_processes(tmp_path, vcs, cluster, monkeypatch):
    demo = tmp_path / "libdemo"
    create_example(demo, vcs)

    def timeline(*extra, cache):
        monkeypatch.setenv("APICOMPAT_CACHE_DIR", str(tmp_path / cache))
        result = CliRunner().invoke(main, ["timeline", "--repo", str(demo), "-D", "DEMO_TOOLS", "--format", "json",
                                           *extra])
        assert result.exit_code in (0, 4, 8, 12), result.output
        return json.loads(result.stdout)
    local = timeline("-j", "1", cache="local")
    remote = timeline("--scheduler", cluster, cache="cluster")
    assert remote == local and remote["entries"]


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path, monkeypatch):
    demo = tmp_path / "libdemo"
    create_example(demo, "git")
    monkeypatch.setenv("APICOMPAT_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(main, ["timeline", "--repo", str(demo), "-D", "DEMO_TOOLS",
                                       "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1 and "cannot reach the Dask scheduler" in result.output, result.output
    assert "Traceback" not in result.output
