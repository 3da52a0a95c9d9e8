"""`apicompat log`, `bisect` and `timeline` on the command line: statuses, messages, arguments."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from apicompat.cli import main
from apicompat.errors import ApicompatError
from test_history_support import FIXTURES, generated, history_cache, linear, merged  # noqa: F401

HEADERS = ("--header", "include/*.h")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_log(linear):
    path, ids = linear
    result = run("log", "lib_read", "--repo", path, *HEADERS)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"lib_read in {ids['r1'][:7]}") and "(root)" in lines[0] and "2 revision(s) changed it, of 6" in lines[0]
    shorts = [line.split()[0] for line in lines if line[:1].isalnum() and not line.startswith("lib_read")]
    assert [ids["r1"].startswith(shorts[0]), ids["r2"].startswith(shorts[1])] == [True, True]
    assert "Parameter type changed [breaking]: lib_read" in result.stdout
    data = json.loads(run("log", "lib_build_info.hvm", "r1..r7", "--repo", path, *HEADERS, "--format", "json").stdout)
    assert [e["revision"]["id"] for e in data["entries"]] == [ids["r2"]]
    assert data["entries"][0]["findings"][0]["kind"] == "record_field_type_changed"


def test_log_of_an_unknown_symbol_exits_16(linear):
    path, ids = linear
    result = run("log", "nothing_here", "--repo", path, *HEADERS)
    assert result.exit_code == 16 and "nothing_here is not declared anywhere in this range" in result.stdout


def test_bisect(linear):
    path, ids = linear
    result = run("bisect", "lib_wait", "--event", "removed", "--repo", path, *HEADERS)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"lib_wait was removed in {ids['r4'][:7]}")
    assert f"revision {ids['r4']}\n" in out and "    linear r4\n" in out
    assert "Function removed [breaking]: lib_wait" in out
    assert f"Note: lib_wait came back later: added again in {ids['r7'][:7]}" in out


def test_bisect_json_and_range(linear):
    path, ids = linear
    data = json.loads(run("bisect", "lib_read", "r1", "r5", "--event", "changed", "--repo", path, *HEADERS,
                          "--format", "json").stdout)
    assert data["found"]["id"] == ids["r2"] and data["culprit"]["id"] == ids["r2"]
    assert data["compared_with"]["id"] == ids["r1"] and data["description"] == "linear r2"


def test_bisect_event_never_happens_exits_16(linear):
    path, ids = linear
    result = run("bisect", "lib_read", "--event", "removed", "--repo", path, *HEADERS)
    assert result.exit_code == 16
    assert result.stdout.startswith("not found: lib_read was declared at every revision read from")


def test_bisect_merge(merged):
    path, ids = merged
    result = run("bisect", "lib_waiter", "--event", "removed", "--repo", path, *HEADERS)
    assert result.exit_code == 0, result.output
    assert f"{ids['c4'][:7]}" in result.stdout.splitlines()[0]
    assert "the change came from the merged branch, in " + ids["c2"][:7] in result.stdout
    assert "events: remove waiters" in result.stdout


def test_bisect_needs_an_event_and_a_known_one(linear):
    path, ids = linear
    assert run("bisect", "lib_read", "--repo", path).exit_code == 2
    assert run("bisect", "lib_read", "--event", "vanished", "--repo", path).exit_code == 2


def test_bad_revision_is_one_message(linear):
    path, ids = linear
    result = run("timeline", "r1..nope", "--repo", path, *HEADERS)
    assert result.exit_code == 1
    assert "apicompat: error: unknown revision 'nope'" in result.output and "Traceback" not in result.output


def test_generated_needs_trust(generated):
    path, ids = generated
    profile = FIXTURES / "generated" / "profile.toml"
    result = run("bisect", "lib_config.extra", "--event", "removed", "--repo", path, "--profile", profile)
    assert result.exit_code == 1 and "--trust" in result.output
    result = run("bisect", "lib_config.extra", "--event", "removed", "--repo", path, "--profile", profile, "--trust")
    assert result.exit_code == 0 and result.stdout.startswith(f"lib_config.extra was removed in {ids['r2'][:7]}")


def test_timeline_formats(linear, tmp_path):
    path, ids = linear
    text = run("timeline", "r3..r7", "--repo", path, *HEADERS, "--top", "1")
    assert text.exit_code == 0
    assert [line[:7] for line in text.stdout.splitlines() if line[:7] in (ids["r4"][:7], ids["r7"][:7])] == [
        ids["r4"][:7], ids["r7"][:7]]
    out = tmp_path / "t.json"
    assert run("timeline", "--repo", path, *HEADERS, "--format", "json", "--out", out).exit_code == 0
    assert len(json.loads(out.read_text())["entries"]) == 5
    html = run("timeline", "--repo", path, *HEADERS, "--format", "html", "--out", tmp_path / "tl")
    assert html.exit_code == 0 and "timeline written to" in html.stdout
    assert (tmp_path / "tl" / "index.html").is_file() and len(list((tmp_path / "tl" / "revs").glob("*.html"))) == 5


@pytest.mark.parametrize("argv, function, expected", [
    (["log", "sym", "a..b", "--first-parent", "-j", "3", "--no-cache"], "symbol_log",
     (("REPO", "sym", "a..b"), {"first_parent": True, "jobs": 3, "cache": ":memory:"})),
    (["bisect", "sym", "good", "bad", "--event", "renamed", "--exhaustive"], "bisect_symbol",
     (("REPO", "sym", "renamed", "good", "bad"), {"jobs": None, "cache": None, "exhaustive": True})),
    (["timeline", "x..y", "-j", "1", "--scheduler", "tcp://h:8786"], "api_timeline",
     (("REPO", "x..y"), {"first_parent": False, "jobs": 1, "cache": None, "scheduler": "tcp://h:8786"})),
])
def test_arguments_reach_the_library(monkeypatch, argv, function, expected):
    import apicompat.history as history
    seen = {}

    def fake(*args, **kwargs):
        seen["args"], seen["kwargs"] = args, kwargs
        raise ApicompatError("stop here")
    monkeypatch.setattr(history, function, fake)
    result = run(*argv, "--repo", "REPO", "-D", "X")
    assert result.exit_code == 1 and "stop here" in result.output
    positional, named = expected
    args = seen["args"]
    assert args[:len(positional)] == positional
    settings = args[len(positional)]
    assert settings.defines == ["X"]
    names = {"symbol_log": ["first_parent", "jobs", "cache", "progress"],
             "bisect_symbol": ["jobs", "cache", "progress", "exhaustive"],
             "api_timeline": ["first_parent", "jobs", "cache", "progress"]}[function]
    passed = {**dict(zip(names, args[len(positional) + 1:])), **seen["kwargs"]}
    assert {k: passed[k] for k in named} == named and passed["progress"] is None
    assert passed.get("scheduler") == named.get("scheduler")


def test_progress_bar_draws_each_phase():
    import io

    from apicompat.history.progress import TerminalProgress
    out = io.StringIO()
    progress = TerminalProgress(file=out)
    for done in range(4):
        progress("reading the API", done, 3)
    progress("comparing", 1, 2)
    progress.finish()
    assert "reading the API" in out.getvalue() and "comparing" in out.getvalue()


def test_no_progress_bar_off_a_terminal(monkeypatch):
    from apicompat.history.progress import terminal_progress
    monkeypatch.setattr("sys.stderr.isatty", lambda: False, raising=False)
    assert terminal_progress() is None


def test_history_output_marks_acknowledged_changes(tmp_path):
    from apicompat.example import create_example
    repo = tmp_path / "libdemo"
    create_example(repo)
    accept = tmp_path / "accept.toml"
    accept.write_text('[[accept]]\nkind = "function_param_added"\nsymbol = "demo_init_create_info"\n'
                      'reason = "ported to the context API"\n')
    result = CliRunner().invoke(main, ["log", "demo_init_create_info", "--repo", str(repo), "-D", "DEMO_TOOLS",
                                       "--accept", str(accept)])
    assert result.exit_code == 0, result.output
    assert "(accepted: ported to the context API)" in result.output
