"""The history cache: content keys, warm runs, two runs at once, a run killed mid-write."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from apicompat.extract.config import ExtractConfig, GeneratorSpec, IncludeDir
from apicompat.history import api_timeline, symbol_log
from apicompat.history.cache import FILE_NAME, ModelCache, cache_dir, input_globs, model_key
from apicompat.history.render import render_timeline
from apicompat.model import ApiModel, Function, Location, Param
from apicompat.vcs import open_repository
from test_history_support import history_cache, linear, plain_settings  # noqa: F401


def big_model(n: int = 400, tag: str = "") -> ApiModel:
    model = ApiModel(revision="x" * 40, headers=["include/lib.h"])
    for i in range(n):
        name = f"lib_function_{tag}{i}"
        model.functions[name] = Function(name, "int", "int", [Param("x", "int", "int")], False, False,
                                         f"int {name}(int x)", Location("include/lib.h", i + 1))
    return model


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("APICOMPAT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "apicompat"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "apicompat"
    monkeypatch.setenv("APICOMPAT_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"


def test_models_round_trip(tmp_path):
    with ModelCache(tmp_path / "c.sqlite3") as cache:
        model = big_model(3)
        cache.put_model("k", model, "abc1234")
        assert cache.get_model("k").to_dict() == model.to_dict()
        assert cache.get_model("other") is None and cache.is_partial("k") is False


def test_inputs_decide_the_key():
    base = ExtractConfig(headers=["include/*.h"], include_dirs=[IncludeDir("xen/include/public", "xen")],
                         generators=[GeneratorSpec("g", inputs=["gen/*.py"], outputs=["include/g.h"])])
    # The public globs, the headers laid out beside them (their folder), include dirs, generator inputs.
    assert input_globs(base) == ["include/*.h", "include/**/*.h", "xen/include/public/**", "gen/*.py"]
    assert model_key(base, "inputs-1") == model_key(base, "inputs-1")
    assert model_key(base, "inputs-1") != model_key(base, "inputs-2")
    other = ExtractConfig(headers=["include/*.h"], defines=["X"])
    assert model_key(base, "inputs-1") != model_key(other, "inputs-1")


def test_file_ids_name_contents(linear):
    """Equal bytes, equal ids: r5 and r6 have the same lib.h; r4 and r5 differ by a comment."""
    path, ids = linear
    with open_repository(path) as repo:
        at = {tag: repo.file_ids(ids[tag], ["include/*.h"]) for tag in ("r4", "r5", "r6")}
    assert list(at["r5"]) == ["include/lib.h"]
    assert at["r5"] == at["r6"] and at["r4"] != at["r5"]


def test_warm_run_extracts_nothing(linear, tmp_path):
    path, ids = linear
    cache = str(tmp_path / FILE_NAME)
    cold = api_timeline(path, None, plain_settings(), cache=cache)
    assert cold.extracted == 6          # r1 ... r5 and r7 (r6 has r5's inputs)
    warm = api_timeline(path, None, plain_settings(), cache=cache)
    assert warm.extracted == 0
    assert render_timeline(warm, "json") == render_timeline(cold, "json")
    other_question = symbol_log(path, "lib_read", None, plain_settings(), cache=cache)
    assert other_question.extracted == 0


def test_without_cache_nothing_is_written(linear, tmp_path, monkeypatch):
    path, ids = linear
    monkeypatch.setenv("APICOMPAT_CACHE_DIR", str(tmp_path / "nothing"))
    api_timeline(path, "r1..r3", plain_settings(), cache=":memory:")
    assert not (tmp_path / "nothing").exists()


WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {tests!r})
    from test_history_cache import big_model
    from apicompat.history.cache import ModelCache
    path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with ModelCache(path) as cache:
        for i in range(count):
            cache.put_model(f"{{tag}}-{{i}}", big_model(300, tag), tag)
            cache.put_model("shared", big_model(50, tag), tag)
            assert cache.get_model(f"{{tag}}-{{i}}") is not None
            print(i, flush=True)
""")


def _writer(path: Path, tag: str, count: int) -> subprocess.Popen:
    code = WRITER.format(tests=str(Path(__file__).parent))
    return subprocess.Popen([sys.executable, "-c", code, str(path), tag, str(count)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_write_at_once(tmp_path):
    path = tmp_path / FILE_NAME
    writers = [_writer(path, tag, 40) for tag in ("a", "b")]
    for w in writers:
        out, err = w.communicate(timeout=300)
        assert w.returncode == 0, err
    with ModelCache(path) as cache:
        assert cache.integrity() == "ok"
        for tag in ("a", "b"):
            for i in range(40):
                assert len(cache.get_model(f"{tag}-{i}").functions) == 300
        assert len(cache.get_model("shared").functions) == 50


def test_killed_mid_write_leaves_a_usable_cache(tmp_path, linear):
    path = tmp_path / FILE_NAME
    writer = _writer(path, "k", 100000)
    writer.stdout.readline()                      # it has written once; now it writes continuously
    time.sleep(0.3)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=60)
    assert writer.returncode == -signal.SIGKILL
    with ModelCache(path) as cache:
        assert cache.integrity() == "ok"
        assert cache.get_model("k-0") is not None
        written = [i for i in range(200) if cache.has_model(f"k-{i}")]
        assert written == list(range(len(written)))          # whole entries only, in order
    repo, ids = linear
    fresh = api_timeline(repo, None, plain_settings(), cache=":memory:")
    after = api_timeline(repo, None, plain_settings(), cache=str(path))
    assert render_timeline(after, "json") == render_timeline(fresh, "json")


def test_two_timelines_at_once_share_a_fresh_cache(linear, tmp_path):
    repo, ids = linear
    env = {**os.environ, "APICOMPAT_CACHE_DIR": str(tmp_path / "shared")}
    cmd = [sys.executable, "-c", "from apicompat.cli import main; main()", "timeline", "--repo", repo, "--header", "include/*.h",
           "--format", "json"]
    runs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [r.communicate(timeout=300) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outputs
    assert outputs[0][0] == outputs[1][0] and '"timeline"' in outputs[0][0]


def test_a_broken_cache_file_is_moved_aside(linear, tmp_path):
    path = tmp_path / FILE_NAME
    path.write_bytes(b"this is not a database" * 100)
    repo, ids = linear
    result = api_timeline(repo, "r1..r3", plain_settings(), cache=str(path))
    assert result.entries and any("moved to" in note for note in result.notes)
    assert list(tmp_path.glob(FILE_NAME + ".broken-*"))
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_unwritable_cache_falls_back_to_memory(linear, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    repo, ids = linear
    result = api_timeline(repo, "r1..r3", plain_settings(), cache=str(locked / "sub" / FILE_NAME))
    assert result.entries and any("in memory" in note for note in result.notes)


def test_a_cache_failing_mid_run_goes_on_in_memory(tmp_path):
    cache = ModelCache(tmp_path / FILE_NAME)
    cache._conn.close()                        # as if the file had gone bad under us
    cache.put_model("k", big_model(2), "abc")
    assert cache.get_model("k") is not None
    assert cache.path == ":memory:" and "caching in memory only" in cache.warnings[-1]
    cache.close()


def test_diff_stores_both_models_as_a_read_alone_would(linear, tmp_path, monkeypatch):
    """A first `diff` reads OLD in a forked worker (which packs it for the cache) beside NEW; both
    land in the cache, OLD's as this process would have stored it, and a second diff reads them."""
    from apicompat import api
    from apicompat.history.cache import model_blob
    from apicompat.vcs import open_repository
    path, ids = linear
    monkeypatch.setenv("APICOMPAT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(api, "_can_fork_for", lambda repo, revs: True)        # a one-CPU runner too
    first = api.diff_revisions(path, ids["r1"], ids["r3"], plain_settings(), use_cache=True)
    with open_repository(path) as repo, ModelCache(str(tmp_path / FILE_NAME)) as cache:
        for name in ("r1", "r3"):
            rev = repo.resolve(ids[name])
            stored = cache.get_model(api._model_key(repo, rev, plain_settings()))
            alone = api.model_at(repo, rev, plain_settings())
            alone.revision = rev.id
            assert stored is not None and model_blob(stored) == model_blob(alone), name
    monkeypatch.setattr(api, "extract_model", lambda *a, **k: pytest.fail("read again"))
    again = api.diff_revisions(path, ids["r1"], ids["r3"], plain_settings(), use_cache=True)
    assert [f.to_dict() for f in again.findings] == [f.to_dict() for f in first.findings]
