"""Where extraction settings come from: a profile (per era) plus command-line overrides.

Command-line `--header` replaces the profile's headers; `--exclude`, `-I` and
`-D` add to its excludes, include directories and defines; `--cc`, `--trust` and `--strict`
override.  Without a profile, the command line alone decides.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .extract.config import ExtractConfig, IncludeDir
from .profiles import Profile
from .vcs.base import Repository


@dataclass
class Settings:
    profile: Profile | None = None
    headers: list[str] = field(default_factory=list)
    excludes: list[str] = field(default_factory=list)
    include_dirs: list[IncludeDir] = field(default_factory=list)
    defines: list[str] = field(default_factory=list)
    compiler: str | None = None
    trust: bool = False
    strict: bool = False
    target: str = ""                                        # --target: a GNU triple ('' = the host)
    target_flags: list[str] = field(default_factory=list)   # what the compiler needs for it (-m32)

    def api_version(self) -> str:
        """The profile's `api_version = "MACRO=VALUE"`: the define that selects the old API ('' if none)."""
        value = getattr(self.profile, "base", {}).get("api_version", "") if self.profile else ""
        return value if isinstance(value, str) else ""

    def internal_globs(self) -> list[str]:
        """Symbol globs the profile marks internal (`internal = [...]`), beside the general rules."""
        value = getattr(self.profile, "base", {}).get("internal", []) if self.profile else []
        return [v for v in value if isinstance(v, str)]

    def config_at(self, repo: Repository, rev: str, eras=None) -> ExtractConfig:
        """The ExtractConfig for revision `rev` (full id); `eras`: see Profile.config_at."""
        config = self.profile.config_at(repo, rev, eras) if self.profile else ExtractConfig()
        config = replace(config, include_dirs=list(config.include_dirs), defines=list(config.defines),
                         excludes=list(config.excludes))
        if self.headers:
            config.headers = list(self.headers)
        config.excludes += self.excludes
        config.include_dirs += self.include_dirs
        config.defines += self.defines
        if self.compiler:
            config.compiler = self.compiler
        config.trust = config.trust or self.trust
        config.strict = config.strict or self.strict
        if self.target:
            config.target = self.target
            config.cflags = list(config.cflags) + [f for f in self.target_flags if f not in config.cflags]
        return config
