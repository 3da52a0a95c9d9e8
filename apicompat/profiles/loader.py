"""Read profiles (TOML) and turn one era of them into an ExtractConfig at a revision."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

from ..errors import ProfileError
from ..trust import is_tree_relative, is_trusted_file, profile_origin
from ..extract.config import ExtractConfig, GeneratorSpec, IncludeDir, bad_define
from ..vcs.base import Repository

BUILTIN_DIR = Path(__file__).resolve().parent
DEFAULT_FILE = "apicompat.toml"

# Keys an era (or the top level) may set, and how to read each.
_LIST_KEYS = ("headers", "excludes", "defines", "cflags", "optional", "generators", "top_level")
_ERA_KEYS = set(_LIST_KEYS) | {"name", "when_exists", "include_dirs", "compiler"}
_TOP_KEYS = _ERA_KEYS | {"description", "era", "generator", "trust", "strict", "shim", "internal", "api_version"}


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
    origin: str = "user"      # builtin | user | found (in the current folder) | repository (apicompat.trust)
    ignored: list[str] = field(default_factory=list)  # keys dropped by the trust boundary, for a warning
    bad_defines: list[str] = field(default_factory=list)  # why each unusable define was left out

    def era_signature(self) -> str:
        """What decides the era of a revision: the eras' names and markers, in order."""
        return "|".join(f"{e.name}:{e.when_exists or ''}" for e in self.eras)

    def era_at(self, repo: Repository, rev: str) -> Era:
        """The first era whose marker file exists at `rev` (an era without a marker always matches)."""
        index = self.era_indices(repo, [rev])[0]
        if index is None:
            markers = ", ".join(e.when_exists for e in self.eras if e.when_exists)
            raise ProfileError(f"profile {self.name}: no era matches this revision (none of {markers} exists)")
        return self.eras[index]

    def era_indices(self, repo: Repository, revs: list[str]) -> list[int | None]:
        """era_at of each revision, as an index (None: no era matches); every marker of every
        revision is asked of the repository at once."""
        markers = list(dict.fromkeys(e.when_exists for e in self.eras if e.when_exists))
        answers = repo.exists_at([(rev, m) for rev in revs for m in markers]) if markers else []
        found = []
        for n in range(len(revs)):
            present = dict(zip(markers, answers[n * len(markers):(n + 1) * len(markers)]))
            found.append(next((i for i, era in enumerate(self.eras)
                               if era.when_exists is None or present[era.when_exists]), None))
        return found

    def config_at(self, repo: Repository, rev: str, eras=None) -> ExtractConfig:
        """The extraction settings for `rev`: shared settings, then the era's.  `eras` remembers
        which era a revision is in (get(rev) -> index or None, put(rev, index)): a revision never
        changes, and a long walk asked git about the era markers tens of thousands of times."""
        era = None
        if eras is not None:
            index = eras.get(rev)
            era = self.eras[index] if index is not None and 0 <= index < len(self.eras) else None
        if era is None:
            era = self.era_at(repo, rev)
            if eras is not None:
                eras.put(rev, self.eras.index(era))
        merged = _merge(self.base, era.settings)
        config = ExtractConfig(profile=f"{self.name} ({era.name})" if era.name else self.name)
        if merged.get("headers"):
            config.headers = list(merged["headers"])
        config.excludes = list(merged.get("excludes", []))
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
        as_name = entry.get("as", "")
        if as_name and not is_tree_relative(as_name):
            raise ProfileError(f"profile {self.name}: include_dirs 'as = \"{as_name}\"' must be a relative "
                               "name without '..' (it is where the folder is laid out in the temporary tree)")
        if entry.get("profile_relative"):     # a folder shipped with the profile (stub headers)
            path = _resolved(str(self.path.parent / path))
        return IncludeDir(path, as_name)

    def restrict_to_reading(self) -> None:
        """Drop every key that says how to run something or reaches outside the repository.

        For a profile the analysed repository ships and the user has not trusted
        (see apicompat.trust); what was dropped is kept in `ignored`."""
        if self.trust:
            self.ignored.append("trust = true (only you can grant trust: --trust, or `apicompat trust`)")
            self.trust = False
        if self.generators:
            self.ignored.append(f"generator(s) {', '.join(sorted(self.generators))} (they run code from the "
                                "repository)")
            self.generators = {}
        for where, settings in [("", self.base)] + [(f" (era '{e.name}')", e.settings) for e in self.eras]:
            settings.pop("generators", None)
            for key in ("compiler", "cflags"):
                if key in settings:
                    self.ignored.append(f"{key}{where} (it reaches the compiler's command line)")
                    del settings[key]
            if "include_dirs" in settings:
                kept = []
                for entry in settings["include_dirs"]:
                    reason = _outside_reason(entry)
                    if reason:
                        self.ignored.append(f"include_dirs entry {entry!r}{where} ({reason})")
                    else:
                        kept.append(entry)
                settings["include_dirs"] = kept

    def _generator(self, name: str) -> GeneratorSpec:
        spec = self.generators.get(name)
        if spec is None:
            raise ProfileError(f"profile {self.name}: era names generator '{name}', "
                               f"but there is no [generator.{name}] table")
        known = {f.name for f in dataclasses.fields(GeneratorSpec)}
        extra = {k: v for k, v in spec.items() if k not in known}
        return GeneratorSpec(name=name, **{k: v for k, v in spec.items() if k in known and k != "name"},
                             options={**spec.get("options", {}), **extra})


def _outside_reason(entry) -> str:
    """Why an include_dirs entry from the analysed repository reaches outside its tree ('' if it does not)."""
    if isinstance(entry, str):
        entry = {"path": entry}
    if not isinstance(entry, dict):
        return "not a folder name"
    if entry.get("profile_relative"):
        return "a folder beside the profile file, outside the revision's tree"
    if not is_tree_relative(str(entry.get("path") or "")):
        return "absolute, or leaves the repository with '..'"
    if entry.get("as") and not is_tree_relative(str(entry["as"])):
        return "'as' is absolute or leaves the temporary tree with '..'"
    return ""


def _merge(base: dict, era: dict) -> dict:
    """Era settings override shared ones; lists named `extra_<key>` would add, not override."""
    merged = {k: v for k, v in base.items() if k in _ERA_KEYS}
    merged.update(era)
    return merged


def builtin_names() -> list[str]:
    return sorted(p.stem for p in BUILTIN_DIR.glob("*.toml"))


def load_profile(name_or_path: str, repo_root: Path | None = None, trusted: bool = False,
                 found: bool = False) -> Profile:
    """A built-in profile by name (`xen-libxl`) or a TOML file by path.

    A file inside `repo_root` (the analysed repository) is the repository's, not
    the user's: unless `trusted` (--trust) or recorded with `apicompat trust`, it
    may only say what to read (see Profile.restrict_to_reading).  So is one merely
    `found` in the current folder (not named with --profile): the folder may be an
    unpacked tarball that holds the repository (direnv's rule for `.envrc`)."""
    path = Path(name_or_path).expanduser()
    builtin = False
    if not path.exists():
        candidate = BUILTIN_DIR / f"{name_or_path}.toml"
        if not candidate.exists():
            names = ", ".join(builtin_names()) or "none"
            raise ProfileError(f"no profile '{name_or_path}': not a file, and not a built-in profile "
                               f"(built-in: {names})")
        path, builtin = candidate, True
    if not builtin and path.is_symlink() and profile_origin(path, repo_root, False) != "user" or \
            found and path.is_symlink():
        # A repository's (or a found) profile that is a link could point at any file of this machine.
        raise RefusedProfile(f"{path} is a symbolic link; a profile from the analysed repository (or one merely "
                             "found in the current folder) is not read through a link")
    try:
        data = tomllib.loads(path.read_text())
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"cannot read profile {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"profile {path} is not valid TOML: {exc}") from None
    profile = _parse(data, path, builtin)
    profile.origin = profile_origin(path, repo_root, builtin)
    if found and profile.origin == "user":
        profile.origin = "found"
    if profile.origin in ("repository", "found") and not trusted and not is_trusted_file(path):
        profile.restrict_to_reading()
        profile.ignored += [f"{d} (not a define the preprocessor can take)" for d in profile.bad_defines]
    elif profile.bad_defines:
        raise ProfileError(f"profile {path}: {profile.bad_defines[0]}")
    return profile


class RefusedProfile(ProfileError):
    """A profile file apicompat will not read (a symbolic link from the analysed repository)."""


def find_profile(cwd: Path | None = None, repo_root: Path | None = None, trusted: bool = False) -> Profile | None:
    """`apicompat.toml` in the current directory, if there is one (see load_profile's `found`);
    one that is a symbolic link is left unread, with a warning."""
    candidate = (cwd or Path.cwd()) / DEFAULT_FILE
    if candidate.is_symlink():
        from ..progress import warning
        warning(f"{candidate} is a symbolic link: not read (it could point at any file of this machine)")
        return None
    return load_profile(str(candidate), repo_root, trusted, found=True) if candidate.is_file() else None


def _parse(data: dict, path: Path, builtin: bool) -> Profile:
    unknown = set(data) - _TOP_KEYS - {"accept"}
    if unknown:
        raise ProfileError(f"profile {path}: unknown setting(s) {', '.join(sorted(unknown))}")
    base = {k: v for k, v in data.items() if k in _ERA_KEYS and k != "name"}
    if "api_version" in data:
        if bad_define(data["api_version"]) or "=" not in str(data["api_version"]):
            raise ProfileError(f"profile {path}: api_version must be \"MACRO=VALUE\" (the define that "
                               "selects the old API)")
        base["api_version"] = data["api_version"]
    if "internal" in data:
        if not isinstance(data["internal"], list):
            raise ProfileError(f"profile {path}: 'internal' must be a list of symbol globs")
        base["internal"] = data["internal"]
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
    bad_defines = []           # an error in the user's profile; dropped from an untrusted one
    for where in [base] + [e.settings for e in eras]:
        for define in where.get("defines", []):
            if bad_define(define):
                bad_defines.append(f"defines entry {bad_define(define)}")
        if "defines" in where:
            where["defines"] = [d for d in where["defines"] if not bad_define(d)]
    for era in eras:
        if era.when_exists is not None and not is_tree_relative(str(era.when_exists)):
            raise ProfileError(f"profile {path}: era '{era.name}': when_exists must be a repository-relative "
                               f"path without '..' (not {era.when_exists!r})")
    return Profile(name=data.get("name", path.stem), path=path, description=data.get("description", ""),
                   base=base, eras=eras, generators=data.get("generator", {}),
                   trust=bool(data.get("trust", False)), builtin=builtin, shim=data.get("shim", {}),
                   bad_defines=bad_defines)


@lru_cache(maxsize=256)
def _resolved(path: str) -> str:
    """A profile's own folder, symlinks resolved: asked for every revision of a walk."""
    return str(Path(path).resolve())
