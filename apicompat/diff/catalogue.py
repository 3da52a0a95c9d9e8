"""The catalogue of change kinds: one TOML file per kind in apicompat/catalogue/.

Each entry: id (= file name), area, title, source and binary severity, a
sentence explaining the effect on consumer code, a fix-hint template, and a
tiny before/after.  Everything user-facing about a kind (docs, `apicompat
kinds`, `--explain`, the JSON schema's kind list, the HTML legend) is made
from here.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "catalogue"
SOURCE_LEVELS = ("breaking", "compatible", "info")
BINARY_LEVELS = ("breaking", "compatible", "info")


@dataclass(frozen=True)
class Kind:
    id: str
    area: str            # functions | records | enums | typedefs | variables | macros | headers | families
    title: str
    source: str          # effect on compiling consumer code: breaking | compatible | info
    binary: str          # effect on already-built consumers: breaking | compatible | info
    explanation: str     # template: one sentence for a user
    hint: str            # template: what to do
    before: str
    after: str

    @property
    def severity(self) -> str:
        """breaking (won't compile), abi (compiles, binaries break), compatible, info."""
        if self.source == "breaking":
            return "breaking"
        if self.binary == "breaking":
            return "abi"
        if "compatible" in (self.source, self.binary):
            return "compatible"
        return "info"

    def render(self, template: str, facts: dict) -> str:
        return string.Formatter().vformat(template, (), _Defaults(facts)).strip()


class _Defaults(dict):
    def __missing__(self, key):
        return f"<{key}>"


@lru_cache(maxsize=1)
def load() -> dict[str, Kind]:
    """Every kind, by id."""
    kinds = {}
    for path in sorted(CATALOGUE_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text())
        kinds[data["id"]] = Kind(**{k: data.get(k, "") for k in Kind.__dataclass_fields__})
    return kinds


def get(kind_id: str) -> Kind:
    try:
        return load()[kind_id]
    except KeyError:
        raise KeyError(f"change kind '{kind_id}' is not in the catalogue") from None
