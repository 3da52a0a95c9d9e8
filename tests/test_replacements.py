"""A removed function names likely replacements as evidence (not as a rename)."""
from __future__ import annotations

from apicompat.diff.classify import classify
from helpers import make_repo, model_of

OLD = "struct ctx; struct disk;\nint lib_disk_del(struct ctx *c, struct disk *d, int wait);\nint lib_open(void);\n"
NEW = ("struct ctx; struct disk;\nint lib_disk_remove(struct ctx *c, unsigned domid, struct disk *d);\n"
       "void lib_disk_init(struct disk *d);\nint lib_close(struct ctx *c, struct disk *d);\n")


def test_removed_function_names_a_possible_replacement(tmp_path):
    repo = make_repo(tmp_path / "r", "git", [{"include/lib.h": OLD}, {"include/lib.h": NEW}])
    findings = classify(model_of(repo, "r1"), model_of(repo, "r2"))
    removed = next(f for f in findings if f.kind == "function_removed" and f.symbol == "lib_disk_del")
    assert [e for e in removed.evidence if "possible replacement" in e] == [
        "possible replacement: `lib_disk_remove` (same `lib_disk_` prefix, same return type, shares most parameters)"]
    assert not any(f.kind == "function_renamed" for f in findings)
