#!/usr/bin/env python3
"""Measure apicompat on a real consumer of a real library: impact recall and false sites, shim before/after.

Nothing of the consumer is stored here: its sources are read from the library's own git mirror at run
time (`git archive REV PATHS`), e.g. libgit2's examples/ at v0.21.0 measured against v1.0.0's headers.

Environment:
  BENCH_MIRROR          the library's git directory (bare mirror or work tree)           [required]
  BENCH_CONSUMER_DIR    a scratch folder: consumer sources go to src/, outputs beside     [required]
  BENCH_PRESET          libgit2-examples | jansson-tests | libuv-tests (sets all below)   [optional]
  BENCH_OLD, BENCH_NEW  the two revisions
  BENCH_HEADERS         header globs, space-separated (default include/**/*.h)
  BENCH_PROFILE         a profile TOML (passed with --trust); "@jansson" writes the built-in jansson one
  BENCH_CONSUMER_REV    the revision the consumer's code is read at (default BENCH_OLD)
  BENCH_CONSUMER_PATHS  repository paths of the consumer, space-separated (e.g. "examples")
  BENCH_CONSUMER_DROP   globs (relative to src/) of consumer files to leave out (other platforms)
  BENCH_CFLAGS          the consumer's own flags (besides -I of the snapshot)
  BENCH_SHIM_ARGS       extra `apicompat shim` options for a second shim run, e.g. "--arg f.p=0"
  APICOMPAT             how to run apicompat (default: apicompat)
  CC                    the compiler (default: gcc)
  BENCH_APICOMPAT_REPO  apicompat's own checkout, to print which commit was measured (optional)

Example (a mirror from `git clone --mirror https://github.com/libuv/libuv`):
  BENCH_PRESET=libuv-tests BENCH_MIRROR=/work/.mirror/libuv+libuv/repo \
    BENCH_CONSUMER_DIR=/tmp/bench-libuv python3 bench_consumers.py --json /tmp/bench-libuv.json
  BENCH_MIRROR=... BENCH_CONSUMER_DIR=... BENCH_OLD=v0.27.0 BENCH_NEW=v1.0.0 \
    BENCH_CONSUMER_PATHS=examples python3 bench_consumers.py        # no preset

Prints: errors against OLD/NEW, impact recall (lines gcc rejects that impact names / all), false sites
(breaking sites on lines gcc accepts, listed by kind and name for checking by hand), impact's own --check
numbers beside ours, and for each shim the errors before/after against both revisions and the errors the
shim adds.  `--json FILE` also writes every number and list.
"""
from __future__ import annotations

import argparse
import collections
import fnmatch
import io
import json
import os
import re
import shlex
import subprocess
import sys
import tarfile
import time
from pathlib import Path

CONSTRAINTS = ["-Werror=implicit-function-declaration", "-Werror=incompatible-pointer-types",
               "-Werror=int-conversion"]

# Only where to find the consumer and how to build it: no third-party code.
JANSSON_PROFILE = """\
name = "jansson"
description = "jansson: configure substitutes @json_inline@ / @json_have_long_long@"

[[era]]
when_exists = "src/jansson_config.h.in"
headers = ["src/jansson.h", "src/jansson_config.h"]
top_level = ["src/jansson.h"]
generators = ["config"]

[[era]]
when_exists = "src/jansson.h.in"
headers = ["src/jansson.h"]
top_level = ["src/jansson.h"]
generators = ["header"]

[generator.config]
type = "command"
inputs = ["src/jansson_config.h.in"]
cwd = "src"
command = ["sed", "-n", "-e", "s/@json_inline@/inline/", "-e", "s/@json_have_long_long@/1/",
           "-e", "w jansson_config.h", "jansson_config.h.in"]
outputs = ["src/jansson_config.h"]

[generator.header]
type = "command"
inputs = ["src/jansson.h.in"]
cwd = "src"
command = ["sed", "-n", "-e", "s/@json_inline@/inline/", "-e", "w jansson.h", "jansson.h.in"]
outputs = ["src/jansson.h"]
"""

# github_commits.c (jansson's tutorial) includes <curl/curl.h>; this stand-in declares what it calls.
CURL_STUB = """\
/* Stand-in written for the measurement: only what jansson's doc/github_commits.c uses. */
#ifndef BENCH_STUB_CURL_H
#define BENCH_STUB_CURL_H
typedef void CURL;
typedef int CURLcode;
typedef int CURLoption;
typedef int CURLINFO;
#define CURLE_OK 0
#define CURLOPT_URL 10002
#define CURLOPT_WRITEFUNCTION 20011
#define CURLOPT_WRITEDATA 10001
#define CURLINFO_RESPONSE_CODE 0x200002
CURL *curl_easy_init(void);
CURLcode curl_easy_setopt(CURL *c, CURLoption o, ...);
CURLcode curl_easy_perform(CURL *c);
CURLcode curl_easy_getinfo(CURL *c, CURLINFO i, ...);
const char *curl_easy_strerror(CURLcode);
void curl_easy_cleanup(CURL *c);
void curl_global_cleanup(void);
#endif
"""

PRESETS = {
    # libgit2's examples/ as of 0.21 (written against that API) vs the 1.0 headers.
    "libgit2-examples": dict(OLD="v0.21.0", NEW="v1.0.0", HEADERS="include/**/*.h", CONSUMER_PATHS="examples"),
    # jansson 1.3's API tests, json_process and the tutorial program vs jansson 2.0.
    "jansson-tests": dict(OLD="v1.3", NEW="v2.0", PROFILE="@jansson", CONSUMER_PATHS="test/suites/api test/bin "
                          "doc/github_commits.c", CFLAGS="-I@stub", STUB="curl",
                          SHIM_ARGS="--arg json_loads.flags=0 --arg json_loadf.flags=0 "
                                    "--arg json_load_file.flags=0"),
    # libuv 0.10's own tests and benchmarks vs libuv 1.0 (runner-win.c is Windows-only).
    "libuv-tests": dict(OLD="v0.10.37", NEW="v1.0.0", HEADERS="include/**/*.h", CONSUMER_PATHS="test",
                        CONSUMER_DROP="test/runner-win.c"),
}

ERROR = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?:\d+:)?\s*(?:fatal )?error:\s*(?P<msg>.*)$", re.M)


def settings() -> dict:
    preset = os.environ.get("BENCH_PRESET")
    s = dict(PRESETS.get(preset, {})) if preset else {}
    if preset and preset not in PRESETS:
        sys.exit(f"unknown BENCH_PRESET {preset!r}; known: {', '.join(PRESETS)}")
    for key in ("OLD", "NEW", "HEADERS", "PROFILE", "CONSUMER_REV", "CONSUMER_PATHS", "CONSUMER_DROP", "CFLAGS",
                "SHIM_ARGS", "MIRROR", "CONSUMER_DIR"):
        if os.environ.get("BENCH_" + key) is not None:
            s[key] = os.environ["BENCH_" + key]
    for key in ("MIRROR", "CONSUMER_DIR", "OLD", "NEW", "CONSUMER_PATHS"):
        if not s.get(key):
            sys.exit(f"BENCH_{key} is not set (or choose BENCH_PRESET: {', '.join(PRESETS)})")
    s.setdefault("CONSUMER_REV", s["OLD"])
    s.setdefault("HEADERS", "include/**/*.h")
    return s


def run(argv, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(argv, capture_output=True, text=True, errors="replace", **kw)


def extract_consumer(s: dict, src: Path) -> list[Path]:
    """git archive the consumer's paths out of the mirror into src/ (fresh each run)."""
    if src.exists():
        subprocess.run(["rm", "-rf", str(src)], check=True)
    src.mkdir(parents=True)
    archive = subprocess.run(["git", "--git-dir", s["MIRROR"], "archive", "--format=tar", s["CONSUMER_REV"],
                              *s["CONSUMER_PATHS"].split()], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            if member.name.startswith("/") or ".." in Path(member.name).parts:
                continue
            tar.extract(member, src)
    files = sorted(p for p in src.rglob("*.c") if p.is_file())
    for glob in (s.get("CONSUMER_DROP") or "").split():
        for p in list(files):
            if fnmatch.fnmatch(str(p.relative_to(src)), glob):
                p.unlink()
                files.remove(p)
    return files


def lib_options(s: dict, work: Path) -> list[str]:
    opts = ["--repo", s["MIRROR"]]
    if s.get("PROFILE"):
        profile = s["PROFILE"]
        if profile == "@jansson":
            profile = str(work / "jansson.toml")
            Path(profile).write_text(JANSSON_PROFILE)
        opts += ["--profile", profile, "--trust"]
    else:
        for glob in s["HEADERS"].split():
            opts += ["--header", glob]
    return opts


def cflags(s: dict, work: Path) -> list[str]:
    text = (s.get("CFLAGS") or "").replace("@stub", str(work / "stub"))
    if s.get("STUB") == "curl":
        (work / "stub" / "curl").mkdir(parents=True, exist_ok=True)
        (work / "stub" / "curl" / "curl.h").write_text(CURL_STUB)
    return shlex.split(text)


def compile_errors(files, include: Path, flags, src: Path, extra=(), cc="gcc", everywhere=False) -> list[tuple]:
    """(file, line, message) of every error in the consumer's own files; with `everywhere`, also those in
    the library's headers and a -include'd shim (an error there is an error all the same).  The same
    error reported for several sources (a header's) counts once per source."""
    errors = []
    own = str(src.resolve()) + os.sep
    for f in files:
        out = run([cc, "-fsyntax-only", *CONSTRAINTS, *flags, *extra, "-I", str(include), str(f)], cwd=f.parent)
        for m in ERROR.finditer(out.stderr):
            real = os.path.realpath(os.path.join(f.parent, m["file"]))
            if everywhere or real.startswith(own):
                msg = re.sub(r"; did you mean .*", "", m["msg"].strip())
                where = real if real.startswith(own) else f"{real} (from {f.name})"
                errors.append((where, int(m["line"]), msg))
    return errors


def lines(errors) -> set:
    return {(f, n) for f, n, _ in errors}


def apicompat(*args) -> subprocess.CompletedProcess:
    return run([*shlex.split(os.environ.get("APICOMPAT", "apicompat")), *args])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", help="also write every number and list to this file")
    ap.add_argument("--skip-shim", action="store_true")
    a = ap.parse_args()
    s = settings()
    cc = os.environ.get("CC", "gcc")
    work = Path(s["CONSUMER_DIR"]).resolve()
    work.mkdir(parents=True, exist_ok=True)
    src = work / "src"
    files = extract_consumer(s, src)
    lib = lib_options(s, work)
    flags = cflags(s, work)
    version = apicompat("--version").stdout.strip()
    head = ""
    if os.environ.get("BENCH_APICOMPAT_REPO"):
        head = run(["git", "-C", os.environ["BENCH_APICOMPAT_REPO"], "rev-parse", "--short", "HEAD"]).stdout.strip()
    result: dict = {"apicompat": f"{version} {head}".strip(), "settings": s, "files": len(files),
                    "lines_of_code": sum(len(p.read_text(errors="replace").splitlines()) for p in files)}

    snaps = {}
    for side in ("OLD", "NEW"):
        out = work / f"snap-{side.lower()}"
        subprocess.run(["rm", "-rf", str(out)], check=True)
        p = apicompat("snapshot", s[side], *lib, "--out", str(out))
        if p.returncode != 0:
            sys.exit(f"snapshot {s[side]} failed: {p.stderr.strip()}")
        snaps[side] = out
    err_old = compile_errors(files, snaps["OLD"], flags, src, cc=cc)
    err_new = compile_errors(files, snaps["NEW"], flags, src, cc=cc)
    result["gcc"] = {"old_errors": len(err_old), "old_error_lines": len(lines(err_old)),
                     "new_errors": len(err_new), "new_error_lines": len(lines(err_new))}

    # impact
    impact_json = work / "impact.json"
    started = time.monotonic()
    p = apicompat("impact", s["OLD"], s["NEW"], *lib, "--consumer", str(src), "--consumer-cflags",
                  shlex.join(flags), "--check", "--format", "json", "--out", str(impact_json))
    if not impact_json.exists():
        sys.exit(f"impact failed ({p.returncode}): {p.stderr.strip()[-2000:]}")
    imp = json.loads(impact_json.read_text())
    result["impact_seconds"] = round(time.monotonic() - started, 1)
    sites = imp["sites"]
    new_lines = lines(err_new)
    by_sev = collections.defaultdict(set)
    for site in sites:
        by_sev[site["severity"]].add((os.path.realpath(site["file"]), site["line"]))
    any_lines = set().union(*by_sev.values()) if by_sev else set()
    brk = by_sev["breaking"]
    brk_abi = brk | by_sev["abi"]
    missed = sorted(new_lines - any_lines)
    false_brk = [x for x in sites if x["severity"] == "breaking"
                 and (os.path.realpath(x["file"]), x["line"]) not in new_lines]
    false_groups = collections.Counter((x["kind"], x["name"]) for x in false_brk)
    # A breaking site gcc does not reject on its line is not necessarily wrong: gcc reports an undeclared
    # name once per function/file ("repeat"), and reports a multi-line call on the argument's line
    # ("nearby": an error up to 3 lines below).  The rest ("unconfirmed") need a look by hand.
    named_in_file = collections.defaultdict(str)
    for f, n, m in err_new:
        named_in_file[f] += m + "\n"

    def why(x) -> str:
        f = os.path.realpath(x["file"])
        if f"‘{x['name'].split('.')[-1]}’" in named_in_file[f]:
            return "repeat"
        if any((f, x["line"] + k) in new_lines for k in (1, 2, 3)):
            return "nearby"
        return "unconfirmed"
    false_why = collections.Counter(why(x) for x in false_brk)
    unconfirmed = collections.Counter((x["kind"], x["name"]) for x in false_brk if why(x) == "unconfirmed")
    near_lines = {(f, n + k) for f, n in brk_abi for k in (0, 1, 2, 3)}
    rel = lambda f: os.path.relpath(f, src)  # noqa: E731
    msg_by_line = {}
    for f, n, m in err_new:
        msg_by_line.setdefault((f, n), m)
    result["impact"] = {
        "exit_status": p.returncode, "sites": len(sites),
        "sites_by_severity": {k: sum(1 for x in sites if x["severity"] == k) for k in
                              ("breaking", "abi", "compatible", "info")},
        "recall_any_site": [len(new_lines & any_lines), len(new_lines)],
        "recall_breaking_or_abi_site": [len(new_lines & brk_abi), len(new_lines)],
        "recall_breaking_site": [len(new_lines & brk), len(new_lines)],
        "false_breaking_sites": len(false_brk),
        "false_breaking_lines": len({(x["file"], x["line"]) for x in false_brk}),
        "recall_breaking_or_abi_site_within_3_lines_above": [len(new_lines & near_lines), len(new_lines)],
        "false_breaking_by_finding": [[k, nm, c] for (k, nm), c in false_groups.most_common()],
        "false_breaking_why": dict(false_why),
        "false_breaking_unconfirmed": [[k, nm, c] for (k, nm), c in unconfirmed.most_common()],
        "missed_lines": [[rel(f), n, msg_by_line.get((f, n), "")] for f, n in missed],
        "unread_sources": imp.get("unread_sources", {}),
        "its_own_check": {k: v for k, v in (imp.get("check") or {}).items() if k != "unpredicted"},
    }

    if not a.skip_shim:
        shims = {"shim": []}
        if s.get("SHIM_ARGS"):
            shims["shim+args"] = shlex.split(s["SHIM_ARGS"])
        result["shim"] = {}
        everywhere = {side: compile_errors(files, snaps[side], flags, src, cc=cc, everywhere=True)
                      for side in ("OLD", "NEW")}
        for name, extra in shims.items():
            out = work / f"{name.replace('+', '-')}.h"
            p = apicompat("shim", s["OLD"], s["NEW"], *lib, "--for", "old-code", "--consumer", str(src),
                          "--consumer-cflags", shlex.join(flags), *extra, "--out", str(out))
            if p.returncode != 0 or not out.exists():
                result["shim"][name] = {"error": p.stderr.strip()[-2000:]}
                continue
            entry = {"summary": p.stderr.strip().splitlines()[-1] if p.stderr.strip() else "",
                     "defines": len(re.findall(r"^#define (?!APICOMPAT_)", out.read_text(), re.M))}
            for side in ("OLD", "NEW"):
                before = everywhere[side]
                after = compile_errors(files, snaps[side], flags, src, extra=("-include", str(out)), cc=cc,
                                       everywhere=True)
                added = [e for e in after if (e[0], e[1], e[2]) not in set(before)]
                entry[side.lower()] = {"before": len(before), "after": len(after),
                                       "before_lines": len(lines(before)), "after_lines": len(lines(after)),
                                       "added": len(added),
                                       "added_list": [[os.path.relpath(f, work), n, m] for f, n, m in added][:50]}
            result["shim"][name] = entry

    report(result)
    if a.json:
        Path(a.json).write_text(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


def report(r: dict) -> None:
    s, g, i = r["settings"], r["gcc"], r["impact"]
    pct = lambda a, b: f"{a}/{b} = {100 * a / b:.1f}%" if b else f"{a}/{b}"  # noqa: E731
    print(f"consumer: {s['CONSUMER_PATHS']} @ {s['CONSUMER_REV']} ({r['files']} files, {r['lines_of_code']} lines); "
          f"library {s['OLD']} -> {s['NEW']}; measured with {r['apicompat']}")
    print(f"gcc errors in the consumer's files: OLD {g['old_errors']} ({g['old_error_lines']} lines), "
          f"NEW {g['new_errors']} ({g['new_error_lines']} lines)")
    print(f"impact: {i['sites']} sites {i['sites_by_severity']}, exit {i['exit_status']}, "
          f"{r.get('impact_seconds')} s")
    print(f"  recall (NEW error lines with a site): any site {pct(*i['recall_any_site'])}; "
          f"breaking/abi site {pct(*i['recall_breaking_or_abi_site'])}; "
          f"breaking site {pct(*i['recall_breaking_site'])}")
    print(f"  recall, a breaking/abi site on the error's line or up to 3 lines above (multi-line calls): "
          f"{pct(*i['recall_breaking_or_abi_site_within_3_lines_above'])}")
    print(f"  false sites (breaking sites on lines gcc accepts): {i['false_breaking_sites']} sites on "
          f"{i['false_breaking_lines']} lines; {i['false_breaking_why']}")
    for kind, name, c in i["false_breaking_by_finding"]:
        print(f"    {c:4d}  {kind}  {name}")
    print("  of which unconfirmed (no error for that name anywhere in the file, none just below):")
    for kind, name, c in i["false_breaking_unconfirmed"]:
        print(f"    {c:4d}  {kind}  {name}")
    if i["missed_lines"]:
        print(f"  missed NEW error lines ({len(i['missed_lines'])}):")
        for f, n, m in i["missed_lines"][:40]:
            print(f"    {f}:{n}: {m[:110]}")
    if i["unread_sources"]:
        print(f"  consumer files impact could not read: {i['unread_sources']}")
    print(f"  impact --check says: {i['its_own_check']}  (ours: NEW {g['new_errors']} errors / "
          f"{g['new_error_lines']} lines)")
    for name, e in (r.get("shim") or {}).items():
        if "error" in e:
            print(f"{name}: failed: {e['error']}")
            continue
        print(f"{name}: {e['summary']} ({e['defines']} #define lines)")
        for side in ("old", "new"):
            x = e[side]
            print(f"  against {side.upper()} (errors anywhere, per source): {x['before']} -> {x['after']} "
                  f"(lines {x['before_lines']} -> {x['after_lines']}), added by the shim: {x['added']}")
            for f, n, m in x["added_list"][:10]:
                print(f"    + {f}:{n}: {m[:110]}")


if __name__ == "__main__":
    sys.exit(main())
