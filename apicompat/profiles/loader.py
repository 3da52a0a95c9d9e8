"""Read profiles (TOML) and turn one era of them into an ExtractConfig at a revision."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

from ..errors import ProfileError
from ..extract.config import ExtractConfig, GeneratorSpec, IncludeDir
from ..vcs.base import Repository

BUILTIN_DIR = Path(__file__).resolve().parent
DEFAULT_FILE = "apicompat.toml"

# Keys an era (or the top level) may set, and how to read each.
_LIST_KEYS = ("headers", "defines", "cflags", "optional", "generators", "top_level")
_ERA_KEYS = set(_LIST_KEYS) | {"name", "when_exists", "include_dirs", "compiler"}
_TOP_KEYS = _ERA_KEYS | {"description", "era", "generator", "trust", "strict", "shim"}


@dataclass
class Era:
    name: str
    when_exists: str | None
    settings: dict


@dataclass
class Profile:
    name: str
    path: Path
    description: str = ""
    base: dict = field(default_factory=dict)        # top-level settings, shared by every era
    eras: list[Era] = field(default_factory=list)
    generators: dict[str, dict] = field(default_factory=dict)
    trust: bool = False       # only honoured in a profile the user wrote (not a built-in one)
    builtin: bool = False
    shim: dict = field(default_factory=dict)        # shim conventions (issue: library's own names)

    def era_at(self, repo: Repository, rev: str) -> Era:
        """The first era whose marker file exists at `rev` (an era without a marker always matches)."""
        for era in self.eras:
            if era.when_exists is None or repo.exists(rev, era.when_exists):
                return era
        markers = ", ".join(e.when_exists for e in self.eras if e.when_exists)
        raise ProfileError(f"profile {self.name}: no era matches this revision (none of {markers} exists)")

    def config_at(self, repo: Repository, rev: str) -> ExtractConfig:
        """The extraction settings for `rev`: shared settings, then the era's."""
        era = self.era_at(repo, rev)
        merged = _merge(self.base, era.settings)
        config = ExtractConfig(profile=f"{self.name} ({era.name})" if era.name else self.name)
        if merged.get("headers"):
            config.headers = list(merged["headers"])
        config.defines = list(merged.get("defines", []))
        config.cflags = list(merged.get("cflags", []))
        config.optional = list(merged.get("optional", []))
        config.top_level = list(merged.get("top_level", []))
        config.compiler = merged.get("compiler", "cc")
        config.include_dirs = [self._include_dir(d) for d in merged.get("include_dirs", [])]
        config.generators = [self._generator(name) for name in merged.get("generators", [])]
        config.trust = self.trust and not self.builtin
        config.strict = bool(self.base.get("strict", False))
        return config

    def _include_dir(self, entry) -> IncludeDir:
        if isinstance(entry, str):
            entry = {"path": entry}
        path = entry.get("path") or ""
        if entry.get("profile_relative"):     # a folder shipped with the profile (stub headers)
            path = str((self.path.parent / path).resolve())
        return IncludeDir(path, entry.get("as", ""))

    def _generator(self, name: str) -> GeneratorSpec:
        spec = self.generators.get(name)
        if spec is None:
            raise ProfileError(f"profile {self.name}: era names generator '{name}', "
                               f"but there is no [generator.{name}] table")
        known = {f.name for f in dataclasses.fields(GeneratorSpec)}
        extra = {k: v for k, v in spec.items() if k not in known}
        return GeneratorSpec(name=name, **{k: v for k, v in spec.items() if k in known and k != "name"},
                             options={**spec.get("options", {}), **extra})


def _merge(base: dict, era: dict) -> dict:
    """Era settings override shared ones; lists named `extra_<key>` would add, not override."""
    merged = {k: v for k, v in base.items() if k in _ERA_KEYS}
    merged.update(era)
    return merged


def builtin_names() -> list[str]:
    return sorted(p.stem for p in BUILTIN_DIR.glob("*.toml"))


def load_profile(name_or_path: str) -> Profile:
    """A built-in profile by name (`xen-libxl`) or a TOML file by path."""
    path = Path(name_or_path).expanduser()
    builtin = False
    if not path.exists():
        candidate = BUILTIN_DIR / f"{name_or_path}.toml"
        if not candidate.exists():
            names = ", ".join(builtin_names()) or "none"
            raise ProfileError(f"no profile '{name_or_path}': not a file, and not a built-in profile "
                               f"(built-in: {names})")
        path, builtin = candidate, True
    try:
        data = tomllib.loads(path.read_text())
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"cannot read profile {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"profile {path} is not valid TOML: {exc}") from None
    return _parse(data, path, builtin)


def find_profile(cwd: Path | None = None) -> Profile | None:
    """`apicompat.toml` in the current directory, if there is one."""
    candidate = (cwd or Path.cwd()) / DEFAULT_FILE
    return load_profile(str(candidate)) if candidate.is_file() else None


def _parse(data: dict, path: Path, builtin: bool) -> Profile:
    unknown = set(data) - _TOP_KEYS - {"accept"}
    if unknown:
        raise ProfileError(f"profile {path}: unknown setting(s) {', '.join(sorted(unknown))}")
    base = {k: v for k, v in data.items() if k in _ERA_KEYS and k != "name"}
    eras = []
    for i, era in enumerate(data.get("era", [])):
        bad = set(era) - _ERA_KEYS
        if bad:
            raise ProfileError(f"profile {path}: era {i + 1} has unknown setting(s) {', '.join(sorted(bad))}")
        settings = {k: v for k, v in era.items() if k not in ("name", "when_exists")}
        eras.append(Era(era.get("name", f"era {i + 1}"), era.get("when_exists"), settings))
    if not eras:
        eras = [Era("", None, {})]
    for key in _LIST_KEYS:
        for where in [base] + [e.settings for e in eras]:
            if key in where and not isinstance(where[key], list):
                raise ProfileError(f"profile {path}: '{key}' must be a list")
    return Profile(name=data.get("name", path.stem), path=path, description=data.get("description", ""),
                   base=base, eras=eras, generators=data.get("generator", {}),
                   trust=bool(data.get("trust", False)), builtin=builtin, shim=data.get("shim", {}))
