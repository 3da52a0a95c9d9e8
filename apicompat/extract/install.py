"""Lay a revision's public headers out as an installation would (`snapshot --out`, and the
folders consumer compiles use): the snapshot, then the generators, then the copy.

Apart from extract/snapshot.py so the snapshot never imports the generators (which use it):
extraction reads snapshot -> generators -> preprocess -> parse -> model, one way.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..vcs.base import Repository
from .config import ExtractConfig
from .snapshot import MAPPED, TREE, Snapshot


def install_headers(repo: Repository, rev, config: ExtractConfig, out_dir,
                    with_deps: bool = True, for_our_compiles: bool = True,
                    standins: list[str] | None = None) -> list[str]:
    """Lay a revision's public headers (after generators) out under `out_dir` by their include
    names; with `with_deps`, also the include directories they need (mapped ones under their
    names, others by their paths inside the directory), so `cc -I out_dir` compiles against it.
    A public header wins over a dependency file of the same name.  Returns the written paths."""
    from .generators import run_generators
    out = Path(out_dir)
    written: dict[str, bytes] = {}
    with Snapshot(repo, rev.id, config, label=rev.short) as snap:
        run_generators(snap, config)
        snap.check_headers()
        for header in snap.headers:
            written[snap.include_name(header)] = snap.path_of(header).read_bytes()
        # The headers an installation puts beside them (the public headers' folder: an umbrella
        # header's own includes), by their path under that folder.
        from ..vcs.globs import fixed_prefix, match
        for glob in config.dependency_globs():
            prefix = fixed_prefix(glob).rstrip("/")
            base = snap.root / TREE / prefix if prefix else snap.root / TREE
            if not base.is_dir():
                continue
            for path in sorted(p for p in base.rglob("*.h") if p.is_file()):
                rel = path.relative_to(snap.root / TREE).as_posix()
                if match(glob, rel) and not any(match(g, rel) for g in config.excludes):
                    written.setdefault(path.relative_to(base).as_posix(), path.read_bytes())
        if with_deps:
            for base in _dependency_dirs(snap, config):
                # A folder outside the revision (a profile's stub headers for what another part of
                # the build installs): its files are stand-ins, and the caller is told which.
                outside = not str(base.resolve()).startswith(str(snap.root.resolve()) + os.sep)
                for path in sorted(p for p in base.rglob("*") if p.is_file() and p.suffix == ".h"):
                    name = path.relative_to(base).as_posix()
                    if name not in written and outside and standins is not None:
                        standins.append(name)
                    written.setdefault(name, path.read_bytes())
    out.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(written.items()):
        Snapshot._write_file(out / name, data, out)
    if not for_our_compiles:
        return sorted(written)        # the user's copy (`snapshot --out`): byte for byte
    # A compile of ours against these must not depend on the analysing machine (extract/confine.py).
    from ..progress import warning
    from .confine import neutralize_probes
    for note in neutralize_probes([out / name for name in sorted(written)], lambda p: os.path.relpath(p, out)):
        warning(f"at revision {rev.short}: {note}")
    return sorted(written)


def _dependency_dirs(snap: Snapshot, config: ExtractConfig) -> list[Path]:
    dirs = [snap.root / MAPPED] if (snap.root / MAPPED).exists() else []
    for inc in config.include_dirs:
        if inc.as_name:
            continue
        dirs.append(Path(inc.path) if Path(inc.path).is_absolute() else snap.root / TREE / inc.path)
    return [d for d in dirs if d.is_dir()]
