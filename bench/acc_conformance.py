#!/usr/bin/env python3
"""Conformance of apicompat's severities on ABI Compliance Checker's self-test library.

`abi-compliance-checker -test -lang C` writes libsample_c/ (libsample.v1/ and
libsample.v2/, one change per case).  This script puts the two versions of
libsample.h into a throw-away git repository (tags v1 and v2, header at
include/libsample.h), runs `apicompat diff v1 v2 --format json`, assigns every
finding to a case of acc_conformance.json and prints, per case, whether apicompat's
severity is the expected one, then the totals.

Severity classes compared: breaking, abi, and "nothing breaks" (compatible,
info, or no finding at all); --strict compares the four severities exactly
(and "no finding" only matches info).  A case's severity is the highest
severity among its findings that apicompat does not mark internal.

Usage:
  conformance.py [LIBSAMPLE_C_DIR] [--expected FILE (default bench/acc_conformance.json)] [--apicompat CMD]
                 [--from-json FILE] [--strict] [--fail-on-wrong] [--json OUT]

Without LIBSAMPLE_C_DIR, libsample_c is generated in a temporary folder with
`abi-compliance-checker -test -lang C` (Debian: apt-get install
abi-compliance-checker); nothing of it is kept.

Exit status: 0 done (1 with --fail-on-wrong and a wrong case), 2 on errors.
"""
import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

RANK = {"breaking": 3, "abi": 2, "compatible": 1, "info": 0, "none": -1}


def die(msg):
    print(f"conformance: {msg}", file=sys.stderr)
    sys.exit(2)


def run(cmd, cwd=None, ok=(0,), env=None):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    if p.returncode not in ok:
        die(f"{' '.join(map(shlex.quote, cmd))} exited {p.returncode}:\n{p.stderr.strip()[-2000:]}")
    return p


def generate_libsample(tmp):
    if not shutil.which("abi-compliance-checker"):
        die("abi-compliance-checker not found (Debian: apt-get install abi-compliance-checker), "
            "or pass the libsample_c folder it writes")
    work = os.path.join(tmp, "acc")
    os.makedirs(work)
    run(["abi-compliance-checker", "-test", "-lang", "C"], cwd=work)
    path = os.path.join(work, "libsample_c")
    if not os.path.isdir(path):
        die(f"abi-compliance-checker -test did not write {path}")
    return path


def make_repo(lib, tmp):
    repo = os.path.join(tmp, "repo")
    os.makedirs(os.path.join(repo, "include"))
    env = dict(os.environ, GIT_AUTHOR_NAME="conformance", GIT_AUTHOR_EMAIL="conformance@localhost",
               GIT_COMMITTER_NAME="conformance", GIT_COMMITTER_EMAIL="conformance@localhost",
               GIT_AUTHOR_DATE="2000-01-01T00:00:00Z", GIT_COMMITTER_DATE="2000-01-01T00:00:00Z")
    run(["git", "init", "-q", repo], env=env)
    for tag in ("v1", "v2"):
        src = os.path.join(lib, f"libsample.{tag}", "libsample.h")
        if not os.path.isfile(src):
            die(f"{src} not found: is {lib} a libsample_c folder?")
        shutil.copyfile(src, os.path.join(repo, "include", "libsample.h"))
        run(["git", "add", "-A"], cwd=repo, env=env)
        run(["git", "commit", "-q", "-m", f"libsample {tag}"], cwd=repo, env=env)
        run(["git", "tag", tag], cwd=repo, env=env)
    return repo


def run_apicompat(cmd, repo, tmp):
    out = os.path.join(tmp, "apicompat.json")
    # exit bits 4/8/32 are verdicts, not errors
    run(shlex.split(cmd) + ["diff", "v1", "v2", "--repo", repo, "--header", "include/*.h",
                           "--format", "json", "--out", out], ok=(0, 4, 12, 32, 36, 44))
    return json.load(open(out))


def finding_base(symbol):
    for sep in (" (", "."):
        symbol = symbol.split(sep)[0]
    return symbol


def severity_class(sev, strict):
    if strict:
        return "info" if sev == "none" else sev
    return sev if sev in ("breaking", "abi") else "nothing breaks"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("libsample", nargs="?", help="libsample_c folder written by abi-compliance-checker -test -lang C")
    ap.add_argument("--expected", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "acc_conformance.json"))
    ap.add_argument("--apicompat", default="apicompat", help="command that runs apicompat (default: apicompat)")
    ap.add_argument("--from-json", help="score this apicompat JSON report instead of running apicompat")
    ap.add_argument("--strict", action="store_true", help="tell compatible, info and no finding apart")
    ap.add_argument("--fail-on-wrong", action="store_true", help="exit 1 when a case is wrong")
    ap.add_argument("--json", help="also write the per-case results to this file")
    args = ap.parse_args()

    expected = json.load(open(args.expected))["cases"]
    owner = {}
    for case, e in expected.items():
        for sym in e.get("match", [case]):
            if sym in owner:
                die(f"{sym} is matched by both {owner[sym]} and {case} in {args.expected}")
            owner[sym] = case

    with tempfile.TemporaryDirectory(prefix="apicompat-conformance-") as tmp:
        if args.from_json:
            report = json.load(open(args.from_json))
        else:
            lib = os.path.abspath(args.libsample) if args.libsample else generate_libsample(tmp)
            report = run_apicompat(args.apicompat, make_repo(lib, tmp), tmp)

    by_case, stray = {}, []
    for f in report.get("findings", []):
        case = owner.get(finding_base(f["symbol"]))
        (by_case.setdefault(case, []) if case else stray).append(f)

    results = []
    for case, e in expected.items():
        fs = by_case.get(case, [])
        public = [f for f in fs if not f.get("internal")]
        got = max((f["severity"] for f in public), key=RANK.get, default="none")
        right = severity_class(got, args.strict) == severity_class(e["severity"], args.strict)
        kinds = sorted({f"{f['kind']}:{f['severity']}" + (":internal" if f.get("internal") else "") for f in fs})
        results.append(dict(case=case, expected=e["severity"], got=got, right=right,
                            scope=e.get("scope", "headers"), kinds=kinds, reason=e["reason"]))

    width = max(len(r["case"]) for r in results)
    for r in results:
        mark = "right" if r["right"] else "WRONG"
        scope = "" if r["scope"] == "headers" else f"  [needs {r['scope']}, not in the headers]"
        print(f"{mark:5}  {r['case']:{width}}  expected {r['expected']:10} got {r['got']:10}"
              f"  {', '.join(r['kinds']) or '-'}{scope}")
        if not r["right"]:
            print(f"{'':7}{'':{width}}  why: {r['reason']}")
    if stray:
        print("\nfindings that belong to no case (extra or mis-assigned):")
        for f in stray:
            print(f"  {f['severity']:10} {f['kind']:28} {f['symbol']}")

    n, ok = len(results), sum(r["right"] for r in results)
    hdr = [r for r in results if r["scope"] == "headers"]
    wrong = [r for r in results if not r["right"]]
    print(f"\napicompat right on {ok} of {n} cases"
          f" ({sum(r['right'] for r in hdr)} of {len(hdr)} decidable from the headers)")
    for sev in ("breaking", "abi", "compatible", "info"):
        sub = [r for r in results if r["expected"] == sev]
        if sub:
            print(f"  expected {sev:10} {sum(r['right'] for r in sub):3} of {len(sub)} right")
    print(f"wrong: {len(wrong)}" + (" (" + ", ".join(r["case"] for r in wrong) + ")" if wrong else ""))
    if args.json:
        json.dump({"right": ok, "cases": n, "results": results,
                   "stray": [f["symbol"] for f in stray]}, open(args.json, "w"), indent=1)
    sys.exit(1 if args.fail_on_wrong and wrong else 0)


if __name__ == "__main__":
    main()
