"""Which revision is the consumer compiling against?  A macro only one of them defines.

Preference: a macro the profile or user names; a feature macro added by NEW
(`*_HAVE_*` names first, the usual convention); any other macro added by
NEW; a macro only OLD defines; the include guard of a header only one
revision has.  Only macros defined unconditionally count: one defined under
`#ifdef HAVE_X` exists only when the *consumer* defines HAVE_X, so it cannot
tell the revisions apart in the consumer's build.  With no such macro, no
guess: the shim says what to pass (--detect).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import ApiModel


@dataclass
class Detection:
    macro: str
    defined_in_new: bool     # True: `#ifdef macro` means NEW; False: it means OLD
    why: str

    @property
    def test_new(self) -> str:
        return f"defined({self.macro})" if self.defined_in_new else f"!defined({self.macro})"


def choose_detection(old: ApiModel, new: ApiModel, named: str | None = None,
                     seen: tuple[set[str], set[str]] | None = None) -> Detection | None:
    """The best macro telling NEW from OLD, or None if the revisions define the same macros.

    `seen`: the macros each revision's headers define under the consumer's own flags (the
    compiler's `-dM`, see api.macros_under_flags); when given, it decides, not the headers' text."""
    if named:
        negated = named.startswith("!")
        name = named.lstrip("!")
        return Detection(name, not negated, "named on the command line or in the profile")
    if seen is not None:
        in_old, in_new = seen

        def rank(name: str, model: ApiModel):     # plain feature macros first, guards last
            macro = model.macros.get(name)
            return (macro is not None and bool(macro.params), macro is not None and macro.guard,
                    "HAVE" not in name, name)
        for name in sorted(in_new - in_old, key=lambda m: rank(m, new)):
            return Detection(name, True, f"`{name}` is defined only by the new revision under your flags "
                                         "(checked by preprocessing both)")
        for name in sorted(in_old - in_new, key=lambda m: rank(m, old)):
            return Detection(name, False, f"`{name}` is defined only by the old revision under your flags "
                                          "(checked by preprocessing both)")
        return None
    added = sorted(set(new.macros) - set(old.macros))
    removed = sorted(set(old.macros) - set(new.macros))
    plain_added = [m for m in added if not new.macros[m].guard and not new.macros[m].params
                   and unconditional(new.macros[m])]
    for name in sorted(plain_added, key=lambda m: ("HAVE" not in m, m)):
        return Detection(name, True, f"`{name}` is defined only by the new revision")
    plain_removed = [m for m in removed if not old.macros[m].guard and not old.macros[m].params
                     and unconditional(old.macros[m])]
    if plain_removed:
        return Detection(plain_removed[0], False, f"`{plain_removed[0]}` is defined only by the old revision")
    guards = [m for m in added if new.macros[m].guard and unconditional(new.macros[m])]
    if guards:
        return Detection(guards[0], True, f"`{guards[0]}` guards a header only the new revision has")
    guards = [m for m in removed if old.macros[m].guard and unconditional(old.macros[m])]
    if guards:
        return Detection(guards[0], False, f"`{guards[0]}` guards a header only the old revision has")
    return None


def unconditional(macro) -> bool:
    """Defined whatever the consumer defines: under no #if (besides its header's include guard)."""
    return not getattr(macro, "condition", "")
