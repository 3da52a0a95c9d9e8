"""Compat shims: a header that lets one source build against both revisions.

`generate_shim(old, new, findings, direction)` maps what can be mapped
(renames, families, parameters one side lacks, demanded macros) and lists
what cannot (opaque types, moved fields, removed mechanisms) as a porting
checklist in a comment.
"""
from .generate import Shim, generate_shim

__all__ = ["Shim", "generate_shim"]
