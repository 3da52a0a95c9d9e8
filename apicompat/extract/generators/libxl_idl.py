"""The `libxl-idl` generator: Xen libxl's IDL -> public headers, the way its Makefile does it.

Half of libxl's API is in headers its build generates: `_libxl_types.h`
and `_libxl_types_json.h` come from the IDL (`libxl.idl` in 4.1,
`libxl_types.idl` later) through the revision's own `gentypes.py`, and
`_libxl_list.h` (Dec 2011 - 4.16) comes from a Perl script over BSD's
queue.h.  This step runs *the revision's own* scripts, never a copy of
them:

* the libxl directory is the first of `dirs` that holds `gentypes.py`
  (tools/libs/light from 4.15, tools/libxl before);
* each IDL is found by the stem of the outputs asked for: `_libxl_types*.h`
  come from the first of `idl` that exists there, `_libxl_types_internal*.h`
  from `libxl_types_internal.idl` (libxl_json.h included the latter's JSON
  header from October 2011 to January 2012);
* Python 2 scripts (everything before 4.13) are converted with fissix first;
* the argument list is read from the script's own usage line
  (`Usage: gentypes.py <idl> <header> <header-private> <header-json>
  <implementation>`), so each era gets the outputs its Makefile asks for,
  named as the Makefile names them (`__libxl_types.h`, then renamed
  `_libxl_types.h`; the name matters: it is embedded in the header and
  its include guard is derived from it);
* each output the profile asks for is then placed where the profile wants
  it (from 4.15 the Makefile copies them into tools/include).

An output the revision's scripts cannot make (no JSON header before
October 2011, no queue script before December 2011) is simply not made;
the profile's header list decides whether that matters.

    [generator.libxl-idl]
    type = "libxl-idl"
    outputs = ["tools/libxl/_libxl_types.h", "tools/libxl/_libxl_types_json.h",
               "tools/libxl/_libxl_list.h"]
    dirs = ["tools/libs/light", "tools/libxl"]       # default
    idl = ["libxl_types.idl", "libxl.idl"]           # default, for _libxl_types*
    queue_script = ["tools/include/xen-external/bsd-sys-queue-h-seddery",
                    "tools/libxl/bsd-sys-queue-h-seddery"]          # default
    queue_header = ["tools/include/xen-external/bsd-sys-queue.h",
                    "tools/libxl/external/bsd-sys-queue.h"]         # default
    timeout = 120
"""
from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

from ...errors import GeneratorError
from ..config import GeneratorSpec
from ..snapshot import TREE, Snapshot
from . import memo
from .py2 import convert_python2
from .sandbox import inside_tree, run_step

DEFAULT_DIRS = ["tools/libs/light", "tools/libxl"]
DEFAULT_IDL = ["libxl_types.idl", "libxl.idl"]
# The queue.h seddery lived in tools/libxl first (Dec 2011), then in tools/include.
DEFAULT_QUEUE_SCRIPT = ["tools/include/xen-external/bsd-sys-queue-h-seddery",
                        "tools/libxl/bsd-sys-queue-h-seddery"]
DEFAULT_QUEUE_HEADER = ["tools/include/xen-external/bsd-sys-queue.h",
                        "tools/libxl/external/bsd-sys-queue.h"]
LIST_HEADER = "_libxl_list.h"
MAIN_STEM = "libxl_types"

# gentypes.py's usage placeholders -> the Makefile's output name (after the stem).
_OUTPUT_SUFFIX = {"header": ".h", "header-json": "_json.h", "header-private": "_private.h",
                  "implementation": ".c"}
_USAGE = re.compile(r"Usage:\s*gentypes\.py((?:\s+<[\w-]+>)+)")


def default_inputs(spec: GeneratorSpec) -> list[str]:
    """The files the step reads: the scripts and IDL of every candidate dir, and the queue script."""
    dirs = spec.options.get("dirs", DEFAULT_DIRS)
    queue = spec.options.get("queue_script", DEFAULT_QUEUE_SCRIPT) + \
        spec.options.get("queue_header", DEFAULT_QUEUE_HEADER)
    return [f"{d}/{pattern}" for d in dirs for pattern in ("*.py", "*.idl")] + queue


def run_libxl_idl(snapshot: Snapshot, spec: GeneratorSpec) -> list[str]:
    """Make the outputs `spec` names; returns the repository paths made."""
    tree = snapshot.root / TREE
    snapshot.lay_out_inputs(spec.inputs or default_inputs(spec))
    libxl_dir = _libxl_dir(tree, spec)
    wanted = {Path(o).name: o for o in spec.outputs}
    made: dict[str, Path] = {}
    for stem in dict.fromkeys(_stem(name) for name in wanted if name != LIST_HEADER):
        made.update(_run_gentypes(tree / libxl_dir, stem, spec, snapshot.label))
    if LIST_HEADER in wanted:
        made.update(_run_queue_seddery(tree, tree / libxl_dir, spec, snapshot.label))
    produced = []
    for name, target in wanted.items():
        source = made.get(name)
        if source is None:
            continue          # not made by this revision's build (see the module comment)
        destination = inside_tree(tree, target, "output", spec.name)
        if source.resolve() != destination.resolve():
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
        produced.append(target)
    return produced


def _libxl_dir(tree: Path, spec: GeneratorSpec) -> str:
    candidates = [spec.cwd] if spec.cwd else spec.options.get("dirs", DEFAULT_DIRS)
    for directory in candidates:
        if (tree / directory / "gentypes.py").is_file():
            return directory
    raise GeneratorError(f"generator '{spec.name}': no gentypes.py in {', '.join(candidates)}")


def _stem(output: str) -> str:
    """`_libxl_types_internal_json.h` -> `libxl_types_internal`: the IDL an output comes from."""
    for suffix in sorted(_OUTPUT_SUFFIX.values(), key=len, reverse=True):
        if output.startswith("_") and output.endswith(suffix):
            return output[1:-len(suffix)]
    raise GeneratorError(f"libxl-idl cannot make {output}: not a name gentypes.py's outputs have "
                         "(_<idl stem>.h, _json.h, _private.h)")


def _run_gentypes(directory: Path, stem: str, spec: GeneratorSpec, label: str) -> dict[str, Path]:
    """Run gentypes.py for one IDL with the Makefile's argv; returns {output name after rename: file}.

    An IDL the revision does not have makes nothing (an internal IDL before Sept 2011)."""
    candidates = spec.options.get("idl", DEFAULT_IDL) if stem == MAIN_STEM else [f"{stem}.idl"]
    idl = next((name for name in candidates if (directory / name).is_file()), None)
    if idl is None:
        if stem == MAIN_STEM:
            raise GeneratorError(f"generator '{spec.name}' at revision {label}: no IDL file "
                                 f"({', '.join(candidates)}) next to gentypes.py")
        return {}
    placeholders = _usage(directory / "gentypes.py", spec.name)
    # libxl.idl (4.1) was built by the pattern rule `_libxl_%.h: libxl.idl` with % = types,
    # so its outputs are __libxl_types.h and so on.
    argv, outputs = [sys.executable, "-S", "gentypes.py"], []      # -S: the scripts use the stdlib only
    for placeholder in placeholders:
        if placeholder == "idl":
            argv.append(idl)
        elif placeholder in _OUTPUT_SUFFIX:
            argv.append(f"__{stem}{_OUTPUT_SUFFIX[placeholder]}")
            outputs.append(argv[-1])
        else:
            raise GeneratorError(f"generator '{spec.name}' at revision {label}: gentypes.py asks for "
                                 f"<{placeholder}>, which this generator does not know how to name")
    scripts = sorted(directory.glob("*.py"))
    convert_python2(scripts)            # first: the key is then the same whichever step ran before
    # gentypes.py reads its scripts and the one IDL it is given (idl.parse runs that file alone):
    # an edit to the main IDL does not run the internal IDL's step again.
    memo.step(memo.step_key("libxl-idl gentypes", argv[1:], scripts + [directory / idl]), directory, outputs,
              lambda: run_step(argv, directory, spec.timeout, label, spec.name))
    made = {}
    for name in outputs:                    # the Makefile's move-if-changed __X -> _X
        source, target = directory / name, directory / name[1:]
        if not source.is_file():
            raise GeneratorError(f"generator '{spec.name}' at revision {label}: gentypes.py did not "
                                 f"write {name}")
        source.replace(target)
        made[target.name] = target
    return made


def _usage(script: Path, name: str) -> list[str]:
    """The placeholders of the script's usage line: ['idl', 'header', 'header-json', ...]."""
    match = _USAGE.search(script.read_text(errors="replace"))
    if not match:
        raise GeneratorError(f"generator '{name}': cannot find the usage line of {script.name}, "
                             "so the arguments its Makefile passes are unknown")
    return re.findall(r"<([\w-]+)>", match.group(1))


def _run_queue_seddery(tree: Path, directory: Path, spec: GeneratorSpec, label: str) -> dict[str, Path]:
    """_libxl_list.h: `perl bsd-sys-queue-h-seddery bsd-sys-queue.h --prefix=libxl` (when present)."""
    script = _first_file(tree, spec.options.get("queue_script", DEFAULT_QUEUE_SCRIPT))
    header = _first_file(tree, spec.options.get("queue_header", DEFAULT_QUEUE_HEADER))
    if script is None or header is None:
        return {}                           # before December 2011: no such header
    if shutil.which("perl") is None:
        raise GeneratorError(f"generator '{spec.name}' at revision {label}: {LIST_HEADER} is made by "
                             "a Perl script, and perl is not installed")
    argv = ["perl", os.path.relpath(script, directory), os.path.relpath(header, directory), "--prefix=libxl"]
    target = directory / LIST_HEADER
    memo.step(memo.step_key("libxl-idl queue", argv, [script, header]), directory, [LIST_HEADER],
              lambda: target.write_text(run_step(argv, directory, spec.timeout, label, spec.name)))
    return {LIST_HEADER: target}


def _first_file(tree: Path, candidates: list[str]) -> Path | None:
    return next((tree / c for c in candidates if (tree / c).is_file()), None)
