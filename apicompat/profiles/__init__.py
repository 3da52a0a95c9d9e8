"""Profiles: what a library's public API is, per era of its history, as TOML.

A profile names the public headers (globs), the include directories (and the
name each is seen under), macros, the compiler, generators for headers the
build makes, and optional headers.  History moves things, so a profile is a
list of *eras*: the first era whose `when_exists` path exists at a revision
is used there; keys set at the top level apply to every era.

    name = "mylib"
    defines = ["MYLIB_TOOLS"]

    [[era]]
    name = "new layout"
    when_exists = "include/mylib.h"
    headers = ["include/mylib*.h"]

    [[era]]
    name = "old layout"
    headers = ["src/mylib*.h"]

Built-in profiles ship in this folder (`--profile xen-libxl`); a user's
profile is `apicompat.toml` in the current directory or `--profile FILE`.
"""
from .loader import BUILTIN_DIR, Profile, builtin_names, find_profile, load_profile

__all__ = ["BUILTIN_DIR", "Profile", "builtin_names", "find_profile", "load_profile"]
