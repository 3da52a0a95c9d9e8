#!/usr/bin/env python3
"""Score apicompat (and, with --acc, abi-compliance-checker) on the corpus in this folder.

Each <lib>.toml names a library, two revisions, the header globs, and a checklist of
expectations derived from the library's own migration document: identifiers and the change
kind a maintainer would expect (see README.md here).  For each library this runs

    apicompat diff OLD NEW --repo MIRROR (--profile P --trust | --header G ... -D ... -I ...) --format json

and prints: recall (expected symbols found at all), right kind, wrong kind, missing; deprecated
aliases reported as breaking; findings not on the checklist (counted; the breaking ones listed);
problems (unreadable headers); exit status; time.

Mirrors: $APICOMPAT_CORPUS_DIR/<owner>+<name>/repo (or .../<owner>+<name>), else
/work/.mirror/<owner>+<name>/repo (the layout the `fetch` tool makes).  A toml with `repo = "x"`
uses that path relative to this folder (the Mercurial conversion, made by make_hg.sh).

    score.py                      # all libraries, "scored" mode (profile / defines / -I)
    score.py libgit2 libuv        # some
    score.py --mode newuser       # only the --header globs a new user would type
    score.py --acc                # abi-compliance-checker's recall beside (slow)
    score.py --json out.json      # everything, machine-readable
Environment: APICOMPAT (the apicompat executable; default: venv/bin/apicompat here, else PATH).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import hashlib
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = HERE / "runs"          # each run's JSON report is kept here as <name>.<mode>.json
TIMEOUT = float(os.environ.get("APICOMPAT_CORPUS_TIMEOUT", "1800"))
ACC_TIMEOUT = float(os.environ.get("ACC_TIMEOUT", "1200"))


# ----------------------------------------------------------------------------- setup

def apicompat_exe() -> str:
    env = os.environ.get("APICOMPAT")
    if env:
        return env
    local = HERE / "venv" / "bin" / "apicompat"
    if local.exists():
        return str(local)
    found = shutil.which("apicompat")
    if not found:
        sys.exit("score.py: no apicompat (set APICOMPAT=/path/to/apicompat)")
    return found


def load_libs(names: list[str]) -> list[dict]:
    libs = []
    for path in sorted(HERE.glob("*.toml")):
        data = tomllib.loads(path.read_text())
        if data.get("expect_from"):          # same checklist as another entry (a workaround run)
            # The checklist is shared; the judgments are not (another configuration can make another
            # severity right: the workaround reads the MSVC stand-ins the other cannot).
            data["expect"] = tomllib.loads((HERE / data["expect_from"]).read_text())["expect"]
        if "expect" not in data:
            continue
        data["_file"] = path.name
        if names and data["name"] not in names and path.stem not in names:
            continue
        libs.append(data)
    return libs


def mirror_path(lib: dict) -> Path:
    if lib.get("repo"):
        return (HERE / lib["repo"]).resolve()
    source = lib["source"].removeprefix("github:")
    owner, name = source.split("/", 1)
    key = f"{owner}+{name}"
    roots = []
    if os.environ.get("APICOMPAT_CORPUS_DIR"):
        roots.append(Path(os.environ["APICOMPAT_CORPUS_DIR"]))
    roots.append(Path("/work/.mirror"))
    for root in roots:
        for cand in (root / key / "repo", root / key, root / name):
            if cand.exists():
                return cand
    return roots[0] / key / "repo"


def command(lib: dict, mode: str, exe: str, out: Path) -> list[str]:
    cmd = [exe, "diff", lib["old"], lib["new"], "--repo", str(mirror_path(lib))]
    if mode == "scored" and lib.get("profile"):
        cmd += ["--profile", str(HERE / lib["profile"]), "--trust"]
    else:
        for glob in lib["headers"]:
            cmd += ["--header", glob]
        if mode == "scored":
            for d in lib.get("defines", []):
                cmd += ["-D", d]
            for i in lib.get("include_dirs", []):
                cmd += ["-I", i]
    cmd += ["--format", "json", "--out", str(out)]
    return cmd


# ----------------------------------------------------------------------------- matching

def base(name: str) -> str:
    return name.rsplit("/", 1)[-1]


def finding_names(f: dict) -> set[str]:
    facts = f.get("facts") or {}
    names = {f.get("symbol") or ""}
    for key in ("old_name", "new_name", "header", "target"):
        if isinstance(facts.get(key), str):
            names.add(facts[key])
    if facts.get("record") and facts.get("path"):
        names.add(f"{facts['record']}.{facts['path']}")
    if facts.get("record") and facts.get("new_path"):
        names.add(f"{facts['record']}.{facts['new_path']}")
    names.discard("")
    # headers are matched by their last component too (git2/inttypes.h vs inttypes.h)
    names |= {base(n) for n in names if n.endswith(".h")}
    return names


def expect_names(e: dict) -> set[str]:
    names = {e["symbol"]}
    if e.get("new_name"):
        names.add(e["new_name"])
    names |= {base(n) for n in names if n.endswith(".h")}
    return names


def _pairs(f: dict, e: dict) -> bool:
    facts = f.get("facts") or {}
    if not (facts.get("old_name") and facts.get("new_name")):
        return True
    return facts["old_name"] == e["symbol"] and (not e.get("new_name") or facts["new_name"] == e["new_name"])


def _describe(f: dict) -> str:
    facts = f.get("facts") or {}
    if facts.get("old_name") and facts.get("new_name"):
        return f"{f['kind']} {facts['old_name']} -> {facts['new_name']}"
    return f"{f['kind']} {f.get('symbol')}"


def flatten(findings: list[dict]) -> list[dict]:
    flat = []
    for f in findings:
        flat.append(f)
        for m in f.get("members") or []:
            m = dict(m)
            m["_family"] = f.get("symbol")
            m.setdefault("severity", f.get("severity"))
            flat.append(m)
    return flat


def score_findings(lib: dict, report: dict) -> dict:
    flat = flatten(report.get("findings", []))
    expects = lib["expect"]
    all_expected = set().union(*(expect_names(e) for e in expects)) if expects else set()
    # A finding may be named by the old *or* the new name, and a family member by either.
    rows = []
    for e in expects:
        names = expect_names(e)
        primary = {e["symbol"]} | ({base(e["symbol"])} if e["symbol"].endswith(".h") else set())
        hits = [f for f in flat if finding_names(f) & names]
        # Prefer findings that name the expected symbol itself over ones naming only new_name.
        hits.sort(key=lambda f: (not (finding_names(f) & primary),))
        kinds_ok = {e["kind"], *e.get("alt_kinds", [])}
        # A pairing (rename) counts only if it pairs the expected old name: a rename of some
        # other symbol into the expected new name is a different claim (libarchive's removed
        # archive_api_feature "renamed" to archive_read_free).
        right = [f for f in hits if f["kind"] in kinds_ok and _pairs(f, e)]
        if right:
            status = "ok"
        elif hits:
            status = "wrong-kind"
        else:
            status = "missing"
        chosen = right[0] if right else (hits[0] if hits else None)
        rows.append({
            "symbol": e["symbol"], "new_name": e.get("new_name"), "expected": e["kind"],
            "alt_kinds": e.get("alt_kinds", []), "deprecated": bool(e.get("deprecated")),
            "status": status,
            "found_kinds": sorted({f["kind"] for f in hits}),
            "found": sorted({_describe(f) for f in hits})[:6],
            "severity": chosen.get("severity") if chosen else None,
            "family": chosen.get("_family") if chosen else None,
        })
    unexpected = [f for f in flat if f.get("kind") != "rename_family"
                  and not (finding_names(f) & all_expected)]
    by_sev: dict[str, int] = {}
    for f in unexpected:
        by_sev[f.get("severity") or "?"] = by_sev.get(f.get("severity") or "?", 0) + 1
    n = len(rows)
    found = sum(r["status"] != "missing" for r in rows)
    ok = sum(r["status"] == "ok" for r in rows)
    dep = [r for r in rows if r["deprecated"] and r["status"] != "missing"]
    changes = [r for r in rows if not r["expected"].endswith("_added")]
    return {
        "changes": len(changes), "changes_found": sum(r["status"] != "missing" for r in changes),
        "expectations": n, "found": found, "right_kind": ok,
        "wrong_kind": sum(r["status"] == "wrong-kind" for r in rows),
        "missing": sum(r["status"] == "missing" for r in rows),
        "recall": found / n if n else None,
        "deprecated_found": len(dep),
        "deprecated_as_breaking": sum(r["severity"] == "breaking" for r in dep),
        "rows": rows,
        "unexpected": len(unexpected),
        "unexpected_by_severity": by_sev,
        "unexpected_fields": sum("." in (f.get("symbol") or "") for f in unexpected),
        "unexpected_breaking": [
            {"kind": f["kind"], "symbol": f.get("symbol"), "family": f.get("_family"),
             "loc": (f.get("new_loc") or f.get("old_loc") or {}).get("file")}
            for f in unexpected if f.get("severity") == "breaking"],
    }


# ----------------------------------------------------------------------------- severity, hand-checked

SEVERITIES = ("breaking", "abi", "compatible", "info")
SAMPLE_PER_SEVERITY = 4


def judge_key(f: dict) -> str:
    """One finding, named stably across runs: kind, symbol, the pair it names, the slot."""
    facts = f.get("facts") or {}
    key = f"{f['kind']} {f.get('symbol') or ''}"
    if facts.get("old_name") and facts.get("new_name"):
        key += f" {facts['old_name']} -> {facts['new_name']}"
    if facts.get("position"):
        key += f" #{facts['position']}"
    return key


def severity_sample(flat: list[dict], per: int = SAMPLE_PER_SEVERITY) -> list[dict]:
    """The findings whose severity is checked by hand: per severity, the `per` findings with the
    smallest hash of their key.  A hash, not the first ones, so the sample is spread over kinds and
    headers, and a finding's membership does not depend on what else the run found."""
    chosen = []
    for sev in SEVERITIES:
        pool = sorted((f for f in flat if f.get("severity") == sev),
                      key=lambda f: hashlib.sha1(judge_key(f).encode()).hexdigest())
        chosen += pool[:per]
    return chosen


def score_severity(lib: dict, flat: list[dict]) -> dict:
    """Every finding of the sample, and every finding judged before, against its hand-checked
    severity (`[[judged]]` in the library's toml: key, severity, why)."""
    judged = {j["key"]: j for j in lib.get("judged", [])}
    by_key = {}
    for f in flat:
        by_key.setdefault(judge_key(f), f)
    sample = {judge_key(f) for f in severity_sample(flat)}
    rows = []
    for key in sorted(sample | (judged.keys() & by_key.keys())):
        f, j = by_key[key], judged.get(key)
        rows.append({"key": key, "got": f.get("severity"), "right": j["severity"] if j else None,
                     "why": j.get("why", "") if j else "", "in_sample": key in sample,
                     "internal": bool(f.get("internal"))})
    checked = [r for r in rows if r["right"]]
    return {
        "judging": bool(judged),      # a library without judgments (the workaround entry) is not scored
        "checked": len(checked),
        "agree": sum(r["got"] == r["right"] for r in checked),
        "misjudged": [r for r in checked if r["got"] != r["right"]],
        "unjudged": [r["key"] for r in rows if not r["right"]],
        "gone": sorted(judged.keys() - by_key.keys()),
    }


# ----------------------------------------------------------------------------- apicompat

def run_apicompat(lib: dict, mode: str, exe: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="apicompat-corpus-") as tmp:
        out = Path(tmp) / "report.json"
        cmd = command(lib, mode, exe, out)
        t0 = time.monotonic()
        try:
            proc = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True, timeout=TIMEOUT)
            rc, stderr, stdout = proc.returncode, proc.stderr, proc.stdout
        except subprocess.TimeoutExpired:
            rc, stderr, stdout = None, f"timed out after {TIMEOUT:g} s", ""
        elapsed = time.monotonic() - t0
        report = None
        if out.exists():
            RUNS.mkdir(exist_ok=True)
            shutil.copy(out, RUNS / f"{lib['name']}.{mode}.json")
            try:
                report = json.loads(out.read_text())
            except json.JSONDecodeError as exc:
                stderr += f"\n(report is not JSON: {exc})"
    shown = [c if c != str(out) else "OUT.json" for c in cmd]
    result = {"name": lib["name"], "old": lib["old"], "new": lib["new"], "mode": mode,
              "workaround": bool(lib.get("expect_from")),
              "command": " ".join(_quote(c) for c in shown), "exit": rc, "seconds": round(elapsed, 1),
              "stderr": (stderr or stdout).strip()[-2000:]}
    if report is None:
        errors = [l for l in (stderr or stdout or "").splitlines() if l.startswith("apicompat: error")]
        result["error"] = (errors[0] if errors else _last_line(stderr or stdout)) or "no report"
        return result
    result["verdict"] = report.get("verdict")
    result["counts"] = report.get("counts")
    problems = report.get("problems") or []
    result["problems"] = len(problems)
    result["problem_files"] = sorted({p.get("file") or "?" for p in problems})
    result["problem_samples"] = _problem_samples(problems)
    result["score"] = score_findings(lib, report)
    result["severity"] = score_severity(
        lib, [f for f in flatten(report.get("findings", [])) if f.get("kind") != "rename_family"])
    return result


def _problem_samples(problems: list[dict], n: int = 3) -> list[str]:
    """Distinct first lines of problem messages, with the revision hash masked, most frequent first."""
    counts: dict[str, int] = {}
    for p in problems:
        line = (p.get("message") or "").splitlines()[0] if p.get("message") else ""
        line = re.sub(r"at revision [0-9a-f]{6,40}", "at revision …", line)
        counts[line] = counts.get(line, 0) + 1
    return [f"{c}× {m}" for m, c in sorted(counts.items(), key=lambda kv: -kv[1])[:n]]


def _quote(s: str) -> str:
    return f"'{s}'" if re.search(r"[*?\[\] ]", s) else s


def _last_line(text: str) -> str:
    lines = [l for l in (text or "").strip().splitlines() if l.strip()]
    return lines[-1] if lines else ""


# ----------------------------------------------------------------------------- abi-compliance-checker

def run_acc(lib: dict, exe: str) -> dict:
    """abi-compliance-checker -headers-only on the headers apicompat's `snapshot` lays out.

    ACC needs no repository: each revision's public headers (generated ones included) are written
    with `apicompat snapshot` (same profile / -I as the scored run), then described in an XML
    descriptor.  Its XML report's symbol and type names are matched to the checklist (found or
    not; ACC's problem kinds are not apicompat's, so only recall is compared)."""
    acc = shutil.which("abi-compliance-checker")
    if not acc:
        return {"error": "abi-compliance-checker not installed"}
    keep = os.environ.get("ACC_KEEP")           # a folder to keep ACC's inputs, logs and report in
    with tempfile.TemporaryDirectory(prefix="acc-corpus-") as tmp:
        tmp = Path(keep) / lib["name"] if keep else Path(tmp)
        if keep:
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir(parents=True)
        descs = {}
        for side in ("old", "new"):
            inc = tmp / f"inc-{side}"
            cmd = [exe, "snapshot", lib[side], "--repo", str(mirror_path(lib)), "--out", str(inc)]
            if lib.get("profile"):
                cmd += ["--profile", str(HERE / lib["profile"]), "--trust"]
            else:
                for g in lib["headers"]:
                    cmd += ["--header", g]
                for d in lib.get("defines", []):
                    cmd += ["-D", d]
                for i in lib.get("include_dirs", []):
                    cmd += ["-I", i]
            if lib.get("acc_tree"):
                # the repository's own folders, as they are (apicompat's snapshot flattens
                # sub-folders of an explicit header list: libuv's include/uv-private/)
                _extract_tree(lib, lib[side], lib["acc_tree"], inc)
                headers = sorted(p for p in inc.rglob("*.h"))
                public = sorted({p for g in lib["acc_headers"] for p in inc.glob(g)
                                 if not any(p.match(x) for x in lib.get("acc_skip", []))})
                extra_inc = [str(inc / d) for d in lib.get("acc_include", [])]
            else:
                proc = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True, timeout=TIMEOUT)
                if proc.returncode != 0:
                    return {"error": f"snapshot {lib[side]} failed: {_last_line(proc.stderr or proc.stdout)}"}
                headers = sorted(p for p in inc.rglob("*.h"))
                public = _acc_public(lib, inc, headers)
                extra_inc = [str(inc / d) for d in lib.get("acc_include_subdirs", [])]
            incdirs = sorted({str(inc)} | {str(p.parent) for p in headers} - {str(p.parent) for p in headers
                                                                                   if _is_standin(p)})
            desc = tmp / f"{side}.xml"
            desc.write_text(
                f"<version>{lib[side]}</version>\n"
                f"<headers>\n{chr(10).join(str(p) for p in public)}\n</headers>\n"
                f"<include_paths>\n{chr(10).join([str(inc)] + extra_inc)}\n</include_paths>\n"
                + (f"<defines>\n{chr(10).join('#define ' + d.replace('=', ' ', 1) for d in lib.get('defines', []))}\n</defines>\n"
                   if lib.get("defines") else "")
                # ACC compiles C headers as C++ (-x c++ -U__cplusplus); glibc's _FloatN types are
                # then unknown and each header "fails to compile" (exit 6) though it is dumped.
                + "<gcc_options>\n-D_Float32=float -D_Float64=double -D_Float128=__float128 "
                  "-D_Float32x=double -D_Float64x='long double'\n</gcc_options>\n"
                + "<skip_including>\n" + "\n".join(str(p) for p in headers if _is_standin(p)) + "\n</skip_including>\n")
            descs[side] = desc
        report = tmp / "report.xml"
        cmd = [acc, "-lang", "C", "-l", lib["name"], "-old", str(descs["old"]), "-new", str(descs["new"]),
               "-headers-only", "-report-format", "xml", "-report-path", str(report), "-quiet"]
        t0 = time.monotonic()
        # its own process group: ACC re-executes itself and runs gcc, and a time-out must stop them all
        proc = subprocess.Popen(cmd, cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                start_new_session=True)
        try:
            out, _ = proc.communicate(timeout=ACC_TIMEOUT)
            rc = proc.returncode
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.communicate()
            return {"error": f"timed out after {ACC_TIMEOUT:g} s (ACC_TIMEOUT)",
                    "seconds": round(time.monotonic() - t0, 1)}
        elapsed = time.monotonic() - t0
        logs = ""
        for log in (tmp / "logs").rglob("*.txt") if (tmp / "logs").exists() else []:
            logs += log.read_text(errors="replace")[-1500:]
        if not report.exists():
            return {"error": f"exit {rc}: {_last_line(out) or _last_line(logs) or 'no report'}",
                    "seconds": round(elapsed, 1)}
        names, problems = _acc_names(report.read_text(errors="replace"))
    rows = []
    for e in lib["expect"]:
        en = expect_names(e)
        hit = bool(en & names) or any(n.endswith(".h") and n in problems for n in en)
        rows.append({"symbol": e["symbol"], "found": hit})
    found = sum(r["found"] for r in rows)
    changes = [r for r, e in zip(rows, lib["expect"]) if not e["kind"].endswith("_added")]
    return {"changes_found": sum(r["found"] for r in changes), "changes": len(changes),
            "exit": rc, "seconds": round(elapsed, 1), "found": found, "expectations": len(rows),
            "recall": found / len(rows) if rows else None, "names_reported": len(names),
            "problems": problems[:200] if isinstance(problems, list) else [], "rows": rows}


def _extract_tree(lib: dict, rev: str, dirs: list[str], dest: Path) -> None:
    repo = mirror_path(lib)
    dest.mkdir(parents=True, exist_ok=True)
    if lib.get("vcs") == "hg":
        hg = str(HERE / "venv" / "bin" / "hg") if (HERE / "venv" / "bin" / "hg").exists() else "hg"
        args = [hg, "-R", str(repo), "archive", "-r", rev, "-t", "files"]
        for d in dirs:
            args += ["-I", d]
        subprocess.run(args + [str(dest)], check=True, capture_output=True)
    else:
        archive = subprocess.run(["git", "--git-dir", str(repo), "archive", rev, *dirs],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)


def _is_standin(p: Path) -> bool:
    return p.name in {"stdint.h", "inttypes.h", "stdbool.h"} or p.name.startswith("stdint-msvc")


def _acc_public(lib: dict, inc: Path, headers: list[Path]) -> list[Path]:
    public = [p for p in headers if not _is_standin(p)]
    skip = lib.get("acc_skip", [])
    return [p for p in public if not any(p.match(s) for s in skip)]


def _acc_names(xml_text: str) -> tuple[set[str], list[str]]:
    """Symbol, type and constant names ACC's XML report mentions (added, removed, problems).

    Header elements are not counted: ACC names every header it read, changed or not."""
    names: set[str] = set()
    try:
        root = ET.fromstring(xml_text)
    except ET.ParseError:
        root = None       # ACC writes unescaped '&' in macro values (SDL): read it with patterns
    if root is not None:
        for el in root.iter():
            if el.tag in ("symbol", "type", "constant") and el.get("name"):
                names.add(el.get("name").strip())
            if el.tag == "change" and el.get("target"):
                names.add(el.get("target").strip())
            if el.tag == "name" and el.text:
                names.add(el.text.strip())
    else:
        import html
        names |= {html.unescape(m) for m in re.findall(r'<(?:symbol|type|constant) name="([^"]*)"', xml_text)}
        names |= {html.unescape(m) for m in re.findall(r'<change target="([^"]*)"', xml_text)}
        names |= {html.unescape(m).strip() for m in re.findall(r"<name>([^<]*)</name>", xml_text)}
    names |= {re.sub(r"\(.*", "", n).strip() for n in names}
    names |= {n.split()[-1] for n in names if n.startswith(("struct ", "union ", "enum "))}
    names |= {n.replace("*", "").strip() for n in names}
    return {n for n in names if n}, []


def _acc_clean(s: str) -> str:
    return s.strip()


# ----------------------------------------------------------------------------- output

def pct(x):
    return "—" if x is None else f"{100 * x:.0f}%"


def print_result(r: dict, acc: dict | None, verbose: bool) -> None:
    print(f"== {r['name']}  {r['old']} -> {r['new']}  [{r['mode']}]")
    print(f"   $ {r['command']}")
    print(f"   exit {r['exit']}, {r['seconds']} s" + (f"; verdict: {r['verdict']}" if r.get("verdict") else ""))
    if "error" in r:
        print(f"   ERROR: {r['error']}")
        if acc is not None:
            print_acc(acc)
        print()
        return
    s = r["score"]
    print(f"   recall {pct(s['recall'])} ({s['found']}/{s['expectations']} expected symbols found); "
          f"right kind {s['right_kind']}, wrong kind {s['wrong_kind']}, missing {s['missing']}; "
          f"without the *_added expectations {s['changes_found']}/{s['changes']}")
    if s["deprecated_found"]:
        print(f"   deprecated aliases found {s['deprecated_found']}, of which reported as breaking: "
              f"{s['deprecated_as_breaking']}")
    sev = ", ".join(f"{k} {v}" for k, v in sorted(s["unexpected_by_severity"].items()))
    print(f"   findings not on the checklist: {s['unexpected']} ({sev or 'none'}); on record fields: "
          f"{s['unexpected_fields']}")
    print(f"   problems (unreadable headers): {r['problems']}"
          + (f" in {len(r['problem_files'])} file(s)" if r['problems'] else ""))
    for m in r["problem_samples"]:
        print(f"      {m[:220]}")
    wrong = [row for row in s["rows"] if row["status"] == "wrong-kind"]
    missing = [row for row in s["rows"] if row["status"] == "missing"]
    if wrong:
        print("   wrong kind:")
        for row in wrong[: (None if verbose else 12)]:
            print(f"      {row['symbol']}: expected {row['expected']}; got {'; '.join(row['found'])}")
        if not verbose and len(wrong) > 12:
            print(f"      … {len(wrong) - 12} more")
    if missing:
        names = ", ".join(row["symbol"] for row in missing)
        print(f"   missing: {names if verbose or len(names) < 400 else names[:400] + ' …'}")
    sv = r["severity"]
    if sv.get("judging"):
        print(f"   severity checked by hand: {sv['agree']}/{sv['checked']} right"
              + (f"; {len(sv['unjudged'])} of the sample not yet judged" if sv["unjudged"] else "")
              + (f"; {len(sv['gone'])} judged finding(s) no longer reported" if sv["gone"] else ""))
        for row in sv["misjudged"]:
            print(f"      MISJUDGED {row['key']}: {row['got']}, should be {row['right']} — {row['why']}")
        for key in sv["unjudged"][: (None if verbose else 5)]:
            print(f"      not judged: {key}")
    ub = s["unexpected_breaking"]
    if ub:
        print(f"   breaking findings not on the checklist ({len(ub)}; sample):")
        for f in ub[: (None if verbose else 10)]:
            print(f"      {f['kind']} {f['symbol']}" + (f"  [family {f['family']}]" if f["family"] else ""))
    if acc is not None:
        print_acc(acc)
    print()


def sev_col(r: dict) -> str:
    sv = r.get("severity") or {}
    return f"{sv['agree']}/{sv['checked']}" if sv.get("checked") else "—"


def print_acc(acc: dict) -> None:
    if "error" in acc:
        print(f"   abi-compliance-checker: {acc['error']}")
    else:
        print(f"   abi-compliance-checker: recall {pct(acc['recall'])} ({acc['found']}/{acc['expectations']}); "
              f"without the *_added expectations {acc['changes_found']}/{acc['changes']}; "
              f"exit {acc['exit']}, {acc['seconds']} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("libs", nargs="*")
    ap.add_argument("--mode", choices=["scored", "newuser"], default="scored")
    ap.add_argument("--acc", action="store_true", help="also run abi-compliance-checker")
    ap.add_argument("--json", metavar="FILE", help="write all results as JSON")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    exe = apicompat_exe()
    libs = load_libs(args.libs)
    if not libs:
        sys.exit("score.py: no library matches")
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"apicompat: {exe} ({version}); mode {args.mode}; {len(libs)} libraries\n")
    results = []
    for lib in libs:
        r = run_apicompat(lib, args.mode, exe)
        acc = run_acc(lib, exe) if args.acc else None
        if acc is not None:
            r["acc"] = acc
        print_result(r, acc, args.verbose)
        sys.stdout.flush()
        results.append(r)
    # summary table
    print("== summary")
    print(f"   {'library':<19} {'exp':>4} {'recall':>7} {'right':>6} {'wrong':>6} {'miss':>5} {'dep→brk':>8} "
          f"{'unlisted':>9} {'unl.brk':>8} {'probl':>6} {'exit':>5} {'time':>7}  {'sev.ok':>7}" + ("  acc" if args.acc else ""))
    tot = {"exp": 0, "found": 0, "right": 0, "agree": 0, "checked": 0}
    for r in results:
        s = r.get("score")
        acc = r.get("acc")
        acc_col = ("  " + (pct(acc.get("recall")) if acc and "error" not in acc else "err")) if args.acc else ""
        if not s:
            print(f"   {r['name']:<19} {'':>4} {'ERROR':>7} {'':>6} {'':>6} {'':>5} {'':>8} {'':>9} {'':>8} {'':>6} "
                  f"{str(r['exit']):>5} {r['seconds']:>6}s{acc_col}")
            continue
        if not r.get("workaround"):          # the workaround entry repeats libgit2's checklist
            tot["exp"] += s["expectations"]; tot["found"] += s["found"]; tot["right"] += s["right_kind"]
            tot["agree"] += r["severity"]["agree"]; tot["checked"] += r["severity"]["checked"]
        print(f"   {r['name']:<19} {s['expectations']:>4} {pct(s['recall']):>7} {s['right_kind']:>6} {s['wrong_kind']:>6} "
              f"{s['missing']:>5} {str(s['deprecated_as_breaking']) + '/' + str(s['deprecated_found']):>8} "
              f"{s['unexpected']:>9} {len(s['unexpected_breaking']):>8} {r['problems']:>6} {str(r['exit']):>5} "
              f"{r['seconds']:>6}s  {sev_col(r):>7}{acc_col}")
    if tot["exp"]:
        print(f"   {'all (no workaround)':<19} {tot['exp']:>4} {pct(tot['found'] / tot['exp']):>7} {tot['right']:>6}"
              + f"{'':>70}{str(tot['agree']) + '/' + str(tot['checked']):>7}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
