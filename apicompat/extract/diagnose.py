"""Why a public header could not be read, in words that point at the remedy.

A bare compiler error ("#error ...", "unknown type name") tells a new user
little.  The usual causes are few, and each has its own remedy:

* the header is a stand-in for a system header (the library's own
  `stdint.h` for a compiler that lacks one): leave it out with --exclude;
* it is meant for another platform or compiler (an `#error` unless
  `_MSC_VER`, `_WIN32`, `__APPLE__`... is defined): --exclude it, never
  -D the other platform's macro;
* it demands a macro consumers define (`#error` unless `LIB_TOOLS`): -D it;
* it includes a file that is not there: -I the folder that has it (or a
  profile's include_dirs).
"""
from __future__ import annotations

import re
from pathlib import Path

# Macros that name a platform or compiler: an #error demanding one means "not for this build".
PLATFORM_MACROS = frozenset({
    "_MSC_VER", "_WIN32", "_WIN64", "WIN32", "_WINDOWS", "__MINGW32__", "__CYGWIN__", "__APPLE__",
    "__MACH__", "__FreeBSD__", "__NetBSD__", "__OpenBSD__", "__sun", "__hpux", "_AIX", "__ANDROID__",
    "__clang__", "__INTEL_COMPILER", "__BORLANDC__", "__WATCOMC__", "__vxworks", "__QNX__",
})
_MISSING_INCLUDE = re.compile(r"(?:fatal error: )?([^\s:]+): No such file or directory")
_IF_MACROS = re.compile(r"\b([A-Za-z_]\w*)\b")


def explain(header: str, message: str, system_headers: Path, header_text: str = "") -> str:
    """A hint to append to a problem's message ('' when there is nothing better to say)."""
    name = header.rsplit("/", 1)[-1]
    if (system_headers / name).is_file() and "/" in header:
        return (f"the library's own {name} looks like a stand-in for the system's <{name}> "
                f"(for a platform that lacks it); leave it out with --exclude '{header}'")
    if "#error" in message:
        from .includes import scan_demands
        demands = scan_demands(header_text, header, header)
        condition = demands[0].condition if demands else _conditions_before_error(header_text)
        platform = sorted(m for m in _IF_MACROS.findall(condition) if m in PLATFORM_MACROS)
        if platform:
            return (f"it is meant for another platform or compiler ({', '.join(platform)}); "
                    f"leave it out with --exclude '{header}' (do not define {platform[0]})")
        wanted = demands[0].macros if demands else sorted(
            set(_IF_MACROS.findall(condition)) - {"defined", "ifdef", "ifndef", "if", "elif"})
        wanted = sorted(wanted, key=lambda m: (m not in message, m))     # the one the #error names first
        if wanted:
            return (f"it demands {' or '.join(wanted)}: if consumers define it, pass -D {wanted[0]} "
                    f"(or a profile's defines); if the header is for another configuration, "
                    f"--exclude '{header}'")
        return f"if the header is for another configuration, leave it out with --exclude '{header}'"
    missing = _missing_include(message)
    if missing and _leaves_the_tree(header, missing):
        return (f"it includes {missing}, a file outside the repository: apicompat reads only the revision's "
                "own files (its compiler runs where no other file exists), so nothing of it was used; "
                f"--exclude '{header}' to leave the header out")
    if missing:
        return (f"{missing} is not in the revision's tree or apicompat's system headers: "
                "add the folder that has it with -I DIR (or a profile's include_dirs), or "
                f"--exclude '{header}'")
    return ""


def _leaves_the_tree(header: str, spelled: str) -> bool:
    """An include spelled absolute, or climbing out of the tree from the header's folder."""
    import posixpath
    return spelled.startswith("/") or posixpath.normpath(
        posixpath.join(posixpath.dirname(header), spelled)).startswith("../")


def _missing_include(message: str) -> str:
    """The file of a "NAME: No such file or directory" message (found without a pattern: linear)."""
    at = message.find(": No such file or directory")
    if at < 0:
        return ""
    start = max(message.rfind(" ", 0, at), message.rfind("\n", 0, at)) + 1
    return message[start:at] if ":" not in message[start:at] else ""


def _conditions_before_error(text: str) -> str:
    """The #if/#ifdef/#ifndef lines open at the first #error of `text`."""
    open_conditions: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            continue
        directive = stripped[1:].lstrip()
        if directive.startswith(("if", "ifdef", "ifndef")):
            open_conditions.append(directive)
        elif directive.startswith("endif") and open_conditions:
            open_conditions.pop()
        elif directive.startswith("error"):
            return " ".join(open_conditions)
    return ""
