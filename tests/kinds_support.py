"""Build API models of fixture folders without a VCS, and turn findings into expectations.

A change-kind fixture is a folder with two "revisions" side by side:

    tests/fixtures/kinds/<id>/old/include/*.h
    tests/fixtures/kinds/<id>/new/include/*.h
    tests/fixtures/kinds/<id>/expected.json     the whole classifier's findings on the pair
    tests/fixtures/kinds/<id>/consumer.c        the witness (see test_witness.py)
    tests/fixtures/kinds/<id>/defines           optional: macros to define, one a line

`FolderRepository` serves such a folder through the ordinary Repository
interface, so the real extraction pipeline (snapshot, preprocess, parse)
reads it exactly as it would read a git or hg revision.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from apicompat.diff.classify import classify
from apicompat.diff.finding import Finding
from apicompat.errors import MissingFileError, RevisionError
from apicompat.extract.config import ExtractConfig
from apicompat.extract.pipeline import extract_model
from apicompat.model import ApiModel
from apicompat.vcs.base import Repository, Revision
from apicompat.vcs.globs import filter_paths

FIXTURES = Path(__file__).resolve().parent / "fixtures"
KINDS_DIR = FIXTURES / "kinds"
SIDES = ("old", "new")
NEGATIVE_PREFIX = "_negative_"


class FolderRepository(Repository):
    """A read-only "repository" whose revisions are the subfolders of `folder`.

    >>> repo = FolderRepository("tests/fixtures/kinds/function_removed")
    >>> repo.list_files(repo.resolve("old").id, ["include/**/*.h"])
    ['include/lib.h']
    """

    kind = "folder"

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.path = str(self.folder)

    def resolve(self, name: str) -> Revision:
        if not name or "/" in name or not (self.folder / name).is_dir():
            raise RevisionError(name, self.path, "no such subfolder")
        return Revision(id=name, short=name, parents=(), author="fixture",
                        date="2000-01-01T00:00:00+00:00", summary=f"fixture side {name}")

    def read(self, rev: str, path: str) -> bytes:
        file = self.folder / rev / path
        if not file.is_file():
            raise MissingFileError(f"{path} does not exist at revision {rev}")
        return file.read_bytes()

    def exists(self, rev: str, path: str) -> bool:
        return (self.folder / rev / path).is_file()

    def list_files(self, rev: str, globs: list[str]) -> list[str]:
        base = self.folder / rev
        paths = [p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()]
        return filter_paths(globs, paths)

    def revisions_between(self, old: str, new: str, paths: list[str] | None = None,
                          first_parent: bool = False) -> list[Revision]:
        return [self.resolve(new)]


# -- models and findings ---------------------------------------------------

def fixture_dirs() -> list[Path]:
    """Every change-kind fixture folder (kinds and negatives), sorted by name."""
    return sorted(p for p in KINDS_DIR.iterdir() if p.is_dir() and (p / "old").is_dir())


def config_of(fixture: Path) -> ExtractConfig:
    """The default extraction config, plus the fixture's own `defines` if it has any."""
    defines_file = fixture / "defines"
    defines = defines_file.read_text().split() if defines_file.exists() else []
    return ExtractConfig(defines=defines)


@lru_cache(maxsize=None)
def model_of(fixture: Path, side: str) -> ApiModel:
    """The API model of one side ('old' or 'new') of a fixture folder."""
    repo = FolderRepository(fixture)
    return extract_model(repo, repo.resolve(side), config_of(fixture))


def findings_of(fixture: Path, old_side: str = "old", new_side: str = "new") -> list[Finding]:
    return classify(model_of(fixture, old_side), model_of(fixture, new_side))


# -- expectations ----------------------------------------------------------

# Facts that vary with the wording of evidence rather than with what changed are left out;
# `symbol` is already a top-level key.
_SKIPPED_FACTS = {"symbol"}


def loc_text(loc) -> str | None:
    return None if loc is None else f"{loc.file}:{loc.line}"


def expectation(f: Finding) -> dict:
    """A finding as the expected.json files spell it: what changed, never how sure we are."""
    entry = {"kind": f.kind, "symbol": f.symbol, "severity": f.severity}
    entry.update({k: v for k, v in sorted(f.facts.items()) if k not in _SKIPPED_FACTS})
    entry["old_loc"] = loc_text(f.old_loc)
    entry["new_loc"] = loc_text(f.new_loc)
    if f.members:
        entry["members"] = [expectation(m) for m in f.members]
    return {k: v for k, v in entry.items() if v is not None}


def sort_entries(entries: list[dict]) -> list[dict]:
    """Stable order: by kind, symbol, then the whole entry (independent of line numbers)."""
    return sorted(entries, key=lambda e: (e["kind"], e["symbol"], json.dumps(e, sort_keys=True)))


def expectations(findings: list[Finding]) -> list[dict]:
    return sort_entries([expectation(f) for f in findings])


def read_expected(fixture: Path) -> list[dict]:
    return json.loads((fixture / "expected.json").read_text())


def write_expected(fixture: Path, entries: list[dict]) -> None:
    (fixture / "expected.json").write_text(json.dumps(entries, indent=2) + "\n")


def kinds_in(entries: list[dict]) -> set[str]:
    """Every kind an expectation list produces, family members included."""
    found = set()
    for e in entries:
        found.add(e["kind"])
        found |= kinds_in(e.get("members", []))
    return found
