"""Names as `_`-separated tokens, and the rewrite rules that turn one name into another.

A rule is a substitution on whole tokens at one place in the name:
prefix (`DISK_FORMAT_*` -> `LIBXL_DISK_FORMAT_*`, also `*` -> `LIBXL_*`),
suffix (`*_destroy` -> `*_dispose`) or infix (`libxl_*_cfg_*` style).  The
part of the name the rule keeps must be substantial, so `foo_open` ->
`bar_close` yields no rule at all.
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache
from dataclasses import dataclass

_TOKEN = re.compile(r"_+")

# Words a rename never swaps for each other: `x_lock` -> `x_unlock` is another function.
_OPPOSITE_PAIRS = """
    get set  open close  enable disable  start stop  add remove  add del  alloc free
    create destroy  lock unlock  read write  push pop  begin end  inc dec  on off
    show hide  attach detach  register unregister  load unload  connect disconnect
    min max  first last  in out  up down  enter leave  acquire release  suspend resume
    send recv  input output  src dst  head tail  next prev  old new  true false
    encode decode  encrypt decrypt  pack unpack  map unmap  ref unref  insert remove
    save restore  freeze thaw  rx tx  high low  before after  pre post  init fini
    init exit  client server  host guest  major minor  import export  yes no
""".split()
OPPOSITES = {frozenset(_OPPOSITE_PAIRS[i:i + 2]) for i in range(0, len(_OPPOSITE_PAIRS), 2)}
_NEGATIONS = ("un", "dis", "de", "non", "no")


def tokens(name: str) -> list[str]:
    """`libxl__ctx_free` -> ['libxl', 'ctx', 'free'] (empty tokens dropped)."""
    return [t for t in _TOKEN.split(name) if t]


@dataclass(frozen=True)
class Rule:
    """Replace `old` by `new` at `where` (prefix | suffix | infix) of a name."""

    where: str
    old: str          # the replaced fragment, with its joining underscores
    new: str

    def apply(self, name: str) -> str | None:
        """The name this rule turns `name` into, or None if it does not apply."""
        if self.where == "prefix" and name.startswith(self.old) and len(name) > len(self.old):
            return self.new + name[len(self.old):]
        if self.where == "suffix" and name.endswith(self.old) and len(name) > len(self.old):
            return name[: len(name) - len(self.old)] + self.new
        if self.where == "infix" and self.old in name[1:-1]:
            return name[0] + name[1:].replace(self.old, self.new, 1)
        return None

    def __str__(self) -> str:
        if self.where == "prefix":
            return f"{self.old}* -> {self.new}*"
        if self.where == "suffix":
                return f"*{self.old} -> *{self.new}"
        return f"*{self.old}* -> *{self.new}*"


def is_opposite(old: str, new: str) -> bool:
    """The names differ by one word swapped for its opposite (`get`/`set`, `lock`/`unlock`).

    >>> is_opposite("lib_ctx_lock", "lib_ctx_unlock")
    True
    """
    a, b = [t.lower() for t in tokens(old)], [t.lower() for t in tokens(new)]
    lead = _common_prefix(a, b)
    trail = _common_prefix(a[lead:][::-1], b[lead:][::-1])
    diff_a, diff_b = a[lead:len(a) - trail], b[lead:len(b) - trail]
    if len(diff_a) != 1 or len(diff_b) != 1:
        return False
    x, y = diff_a[0], diff_b[0]
    return frozenset((x, y)) in OPPOSITES or any(x == n + y or y == n + x for n in _NEGATIONS)


@lru_cache(maxsize=1 << 16)          # matching asks about the same pairs again and again
def rule_between(old: str, new: str) -> Rule | None:
    """The single-place token rewrite that turns `old` into `new`, if the kept part is substantial.

    A word swapped for its opposite (`*_lock` -> `*_unlock`) is no rewrite at all.

    >>> str(rule_between("foo_bar_destroy", "foo_bar_dispose"))
    '*_destroy -> *_dispose'
    >>> str(rule_between("DISK_FORMAT_QCOW", "LIBXL_DISK_FORMAT_QCOW"))
    '* -> LIBXL_*'
    """
    if old == new or is_opposite(old, new):
        return None
    a, b = _split_keep_sep(old), _split_keep_sep(new)
    lead = _common_prefix(a, b)
    trail = _common_prefix(a[lead:][::-1], b[lead:][::-1])
    # Keep joining underscores with the replaced part: `*_destroy`, not `*destroy`.
    if lead and a[lead - 1].startswith("_"):
        lead -= 1
    if trail and a[len(a) - trail].startswith("_") and len(a) - trail > lead:
        trail -= 1
    # An insertion between two words (`*_ACTION_*` -> `*_ACTION_ON_SHUTDOWN_*`) is anchored on
    # the word before it, so the rule applies in one place only.
    if 0 < lead and trail and not re.search(r"[A-Za-z0-9]", "".join(a[lead:len(a) - trail])):
        lead = max(0, lead - 1)
        if lead and a[lead - 1].startswith("_"):
            lead -= 1
    kept = "".join(a[:lead]) + "".join(a[len(a) - trail:])
    if not _substantial(kept, old):
        return None
    old_mid, new_mid = "".join(a[lead:len(a) - trail]), "".join(b[lead:len(b) - trail])
    if lead == 0:
        return Rule("prefix", old_mid, new_mid)
    if trail == 0:
        return Rule("suffix", old_mid, new_mid)
    return Rule("infix", old_mid, new_mid)


def _split_keep_sep(name: str) -> list[str]:
    """Tokens and the underscores between them: 'a_bc' -> ['a', '_', 'bc']."""
    return [p for p in re.split(r"(_+)", name) if p]


def _common_prefix(a: list[str], b: list[str]) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _substantial(kept: str, old: str) -> bool:
    """The kept part carries meaning: a real word, and a fair share of the name."""
    letters = re.sub(r"[^A-Za-z0-9]", "", kept)
    return len(letters) >= 3 and len(kept) * 3 >= len(old)


@lru_cache(maxsize=1 << 16)
def similarity(a: str, b: str) -> float:
    """0..1 how alike two names are (case-insensitive)."""
    return difflib.SequenceMatcher(a=a.lower(), b=b.lower(), autojunk=False).ratio()


def shares_only_a_namespace(old: str, new: str) -> bool:
    """`rp_remote_set_callbacks` / `rp_remote_prune`: once the common leading tokens (the library's
    and object's namespace) are set aside, nothing of the names is alike -- two different
    functions of one object, not a rename.  An extension (`x_wait` -> `x_wait_timeout`) or a
    respelling (`x_free` -> `x_release`, `READDIR` -> `SCANDIR`) is not this."""
    a, b = tokens(old.lower()), tokens(new.lower())
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    rest_a, rest_b = a[common:], b[common:]
    if not rest_a or not rest_b or common == 0:
        return False
    # A type suffix (`_t`, `_s`) shared by `uv_err_t` and `uv_dirent_t` says nothing.
    if {w for w in rest_a if len(w) > 1} & {w for w in rest_b if len(w) > 1}:
        return False
    return difflib.SequenceMatcher(a="_".join(rest_a), b="_".join(rest_b)).ratio() < 0.5
