"""The read-only VCS layer, on real git and hg repositories built by vcs.create.

History used throughout (index: message, files changed):

    0  initial                 include/foo.h include/sub/bar.h src/a.c README   tag v1
    1  foo: add function       include/foo.h
    2  src only                src/a.c                                          tag v2 (annotated)
    3  bar: on feature         include/sub/bar.h      branch feature, from v2
    4  feature src             src/b.c                branch feature
    5  readme on main          README
    6  Merge feature           (merge of 4 into 5)
    7  baz: new deep header    include/sub/deep/baz.h                           tag v3

In hg the tags are written afterwards by one more commit, 8 "Added tags" (tip).
"""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from apicompat.errors import MissingFileError, RepositoryError, RevisionError
from apicompat.vcs import Repository, Revision, detect, open_repository
from apicompat.vcs.create import Commit, build_from_folders, build_repository
from apicompat.vcs.hg import hg_executable

HG_ENV = {"HGRCPATH": "", "HGPLAIN": "1"}
GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def history() -> list[Commit]:
    return [
        Commit("initial", {"include/foo.h": "int foo;\n", "include/sub/bar.h": "int bar;\n",
                           "src/a.c": "a\n", "README": "r\n"}, tag="v1"),
        Commit("foo: add function", {"include/foo.h": "int foo;\nint f(void);\n"}),
        Commit("src only", {"src/a.c": "a2\n"}, tag="v2", tag_message="Release 2"),
        Commit("bar: on feature", {"include/sub/bar.h": "int bar2;\n"},
               branch="feature", start="v2"),
        Commit("feature src", {"src/b.c": "b\n"}, branch="feature"),
        Commit("readme on main", {"README": "r2\n"}),
        Commit("Merge feature", merge="feature"),
        Commit("baz: new deep header\n\nA longer explanation\nover two lines.",
               {"include/sub/deep/baz.h": "int baz;\n"}, tag="v3"),
    ]


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> str:
    return subprocess.run(cmd, cwd=cwd, env={**os.environ, **env}, check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """{kind: (base directory, commit ids)}: base holds `work` and, for git,
    `bare.git` and `mirror.git` clones, for hg a `noworking` clone (-U)."""
    result = {}
    for kind in ("git", "hg"):
        base = tmp_path_factory.mktemp(kind)
        ids = build_repository(kind, base / "work", history())
        if kind == "git":
            run(["git", "clone", "-q", "--bare", str(base / "work"), str(base / "bare.git")],
                base, GIT_ENV)
            run(["git", "clone", "-q", "--mirror", str(base / "work"), str(base / "mirror.git")],
                base, GIT_ENV)
        else:
            hg = hg_executable()
            run([hg, "bookmark", "-r", ids[5], "mybook"], base / "work", HG_ENV)
            run([hg, "clone", "-q", "-U", str(base / "work"), str(base / "noworking")],
                base, HG_ENV)
        result[kind] = (base, ids)
    return result


VARIANTS = [("git", "work"), ("git", "bare.git"), ("git", "mirror.git"),
            ("hg", "work"), ("hg", "noworking")]


@pytest.fixture(params=VARIANTS, ids=["-".join(v) for v in VARIANTS])
def repo(request, built):
    kind, where = request.param
    base, ids = built[kind]
    with open_repository(str(base / where)) as r:
        r.ids = ids              # the history's commit ids, for the tests
        yield r


# -- opening ---------------------------------------------------------------

@pytest.mark.parametrize("kind", ["git", "hg"])
def test_open_from_subdirectory_finds_the_root(built, kind):
    base, _ = built[kind]
    assert detect(str(base / "work" / "include" / "sub")) == (kind, base / "work")
    with open_repository(str(base / "work" / "include" / "sub")) as r:
        assert r.kind == kind and Path(r.path) == base / "work"


def test_open_bare_mirror_and_git_dir(built):
    base, _ = built["git"]
    for where in ("bare.git", "mirror.git", "work/.git", "bare.git/refs"):
        assert detect(str(base / where))[0] == "git"
        with open_repository(str(base / where)) as r:
            assert r.kind == "git"


def test_open_hg_from_inside_dot_hg(built):
    base, _ = built["hg"]
    assert detect(str(base / "work" / ".hg")) == ("hg", base / "work")


def test_not_a_repository(tmp_path):
    with pytest.raises(RepositoryError, match="not inside a git or Mercurial repository"):
        open_repository(str(tmp_path))
    with pytest.raises(RepositoryError, match="no such file"):
        open_repository(str(tmp_path / "missing"))


def test_repository_is_the_interface(repo):
    assert isinstance(repo, Repository)


# -- resolving revisions ---------------------------------------------------

# (name, index into the history) for names valid in every variant of a kind
GIT_NAMES = [
    ("v1", 0), ("v2", 2), ("v3", 7), ("refs/tags/v1", 0), ("v2^{}", 2),
    ("main", 7), ("feature", 4), ("HEAD", 7), ("@", 7), ("HEAD^", 6),
    ("HEAD~3", 2), ("HEAD^^2", 4), ("v3~1^2~1", 3), ("v3^1", 6),
    (":/deep header", 7), ("main~2^{commit}", 5),
]
HG_NAMES = [
    ("v1", 0), ("v2", 2), ("v3", 7), ("feature", 4), ("mybook", 5),
    ("0", 0), ("3", 3), ("-2", 7), ("tip~2", 6), ("v3^", 6), ("6^2", 4),
    ("p2(6)", 4), ("max(branch(feature))", 4), ("v3~2", 5),
]


@pytest.mark.parametrize("name,index", GIT_NAMES)
def test_git_revision_names(built, name, index):
    base, ids = built["git"]
    for where in ("work", "bare.git", "mirror.git"):
        with open_repository(str(base / where)) as r:
            assert r.resolve(name).id == ids[index], (where, name)


@pytest.mark.parametrize("name,index", HG_NAMES)
def test_hg_revision_names(built, name, index):
    base, ids = built["hg"]
    for where in ("work", "noworking"):
        with open_repository(str(base / where)) as r:
            assert r.resolve(name).id == ids[index], (where, name)


def test_full_and_short_hashes(repo):
    target = repo.ids[3]
    assert repo.resolve(target).id == target
    assert repo.resolve(target[:7]).id == target
    assert repo.resolve(target[:12]).id == target


def test_hg_tip_dot_and_negative_numbers(built):
    base, ids = built["hg"]
    with open_repository(str(base / "work")) as r:
        tip = r.resolve("tip")
        assert tip.summary == "Added tags" and tip.number == 8 and tip.parents == (ids[7],)
        assert r.resolve("-1") == tip
        assert r.resolve("default") == tip
        assert r.resolve(".") == tip           # the work tree sits on tip after building
        assert r.resolve(".^").id == ids[7]


def test_hg_dot_without_working_copy_is_an_error(built):
    base, _ = built["hg"]
    with open_repository(str(base / "noworking")) as r:
        with pytest.raises(RevisionError, match=r"'\.'.*the null revision"):
            r.resolve(".")


def test_revision_fields(repo):
    merge = repo.resolve(repo.ids[6])
    assert merge.parents == (repo.ids[5], repo.ids[4])
    assert merge.summary == "Merge feature"
    assert merge.author == "apicompat tests <tests@example.org>"
    assert merge.date == "2012-02-01T18:00:00+00:00"
    assert merge.number == (6 if repo.kind == "hg" else None)
    assert repo.ids[6].startswith(merge.short) and len(merge.short) >= 7
    root = repo.resolve("v1")
    assert root.parents == () and root.summary == "initial"
    last = repo.resolve("v3")
    assert last.summary == "baz: new deep header"
    assert last.description == "baz: new deep header\n\nA longer explanation\nover two lines."


@pytest.mark.parametrize("name", ["nosuchrev", "deadbeef", "v9", "feature~10", "v1^2"])
def test_unknown_revision_names_the_revision(repo, name):
    with pytest.raises(RevisionError) as info:
        repo.resolve(name)
    assert f"'{name}'" in str(info.value)
    assert info.value.revision == name
    assert repo.path in str(info.value)


def test_empty_revision_name(repo):
    with pytest.raises(RevisionError):
        repo.resolve("")


def test_git_names_a_tree_not_a_commit(built):
    base, _ = built["git"]
    with open_repository(str(base / "work")) as r:
        with pytest.raises(RevisionError, match=r"'HEAD\^\{tree\}'"):
            r.resolve("HEAD^{tree}")


@pytest.mark.parametrize("name", ["0:3", "null", "all()"])
def test_hg_names_that_are_not_one_revision(built, name):
    base, _ = built["hg"]
    with open_repository(str(base / "work")) as r:
        with pytest.raises(RevisionError, match=re.escape(f"'{name}'")):
            r.resolve(name)


# -- reading files ---------------------------------------------------------

def test_read_at_revisions(repo):
    v1, v3 = repo.resolve("v1").id, repo.resolve("v3").id
    assert repo.read(v1, "include/foo.h") == b"int foo;\n"
    assert repo.read(v3, "include/foo.h") == b"int foo;\nint f(void);\n"
    assert repo.read(v3, "include/sub/bar.h") == b"int bar2;\n"
    assert repo.read(v3, "include/sub/deep/baz.h") == b"int baz;\n"
    assert repo.read(v3, "./include/foo.h") == repo.read(v3, "include/foo.h")


def test_read_missing_file(repo):
    v1 = repo.resolve("v1").id
    with pytest.raises(MissingFileError, match="include/sub/deep/baz.h does not exist"):
        repo.read(v1, "include/sub/deep/baz.h")
    with pytest.raises(MissingFileError, match="is a directory"):
        repo.read(v1, "include/sub")
    for bad in ("", "../outside.h", "include/foo.h/", "include/../README"):
        with pytest.raises(MissingFileError):
            repo.read(v1, bad)
        assert not repo.exists(v1, bad)


def test_exists(repo):
    v1, v3 = repo.resolve("v1").id, repo.resolve("v3").id
    assert repo.exists(v3, "include/sub/deep/baz.h")
    assert not repo.exists(v1, "include/sub/deep/baz.h")
    assert not repo.exists(v3, "include/sub")        # a directory is not a file
    assert not repo.exists(v3, "include/nope.h")
    assert repo.exists(v1, "README")


def test_exists_at_answers_as_exists_does(repo, monkeypatch):
    """Asked all at once (git: one write to cat-file, not one question each) and in order, names
    git cannot take too; the answers after it are still in step (nothing was left unread)."""
    v1, v3 = repo.resolve("v1").id, repo.resolve("v3").id
    paths = ["include/sub/deep/baz.h", "include/sub", "include/nope.h", "README", "../outside.h",
             "include/foo.h/", "with space missing", "bad\nname", "include/foo.h"] * 30
    expected = {rev: [repo.exists(rev, p) for p in paths] for rev in (v1, v3)}
    if type(repo).__name__ == "GitRepository":
        monkeypatch.setattr(type(repo), "exists", lambda *a: pytest.fail("asked one at a time"))
    for rev in (v1, v3):
        assert repo.exists_at([(rev, p) for p in paths]) == expected[rev]
    assert repo.exists_at([(v3, "include/sub/deep/baz.h")]) == [True]
    assert repo.exists_at([]) == []
    pairs = [(rev, p) for p in paths for rev in (v1, v3)]             # revisions mixed
    assert repo.exists_at(pairs) == [expected[rev][paths.index(p)] for rev, p in pairs]


@pytest.mark.parametrize("globs,expected", [
    (["include/*.h"], ["include/foo.h"]),
    (["include/**"], ["include/foo.h", "include/sub/bar.h", "include/sub/deep/baz.h"]),
    (["include/**/*.h"], ["include/foo.h", "include/sub/bar.h", "include/sub/deep/baz.h"]),
    (["**/*.h"], ["include/foo.h", "include/sub/bar.h", "include/sub/deep/baz.h"]),
    (["include/*/*.h"], ["include/sub/bar.h"]),
    (["include/sub/"], ["include/sub/bar.h", "include/sub/deep/baz.h"]),
    (["src/?.c"], ["src/a.c", "src/b.c"]),
    (["src/[!a].c"], ["src/b.c"]),
    (["README", "src/a.c", "missing.h"], ["README", "src/a.c"]),
    (["src/*.c", "nothere/*.h"], ["src/a.c", "src/b.c"]),
    (["include"], []),                                # names a directory, not a file
    (["*"], ["README"]),
    ([], []),
])
def test_list_files(repo, globs, expected):
    v3 = repo.resolve("v3").id
    assert repo.list_files(v3, globs) == expected


def test_list_files_differs_by_revision(repo):
    v1 = repo.resolve("v1").id
    assert repo.list_files(v1, ["**/*.h"]) == ["include/foo.h", "include/sub/bar.h"]
    assert repo.list_files(v1, ["src/*"]) == ["src/a.c"]


# -- history ---------------------------------------------------------------

def summaries(revs: list[Revision]) -> list[str]:
    return [r.summary for r in revs]


@pytest.mark.parametrize("paths,first_parent,expected", [
    (None, False, ["foo: add function", "src only", "bar: on feature", "feature src",
                   "readme on main", "Merge feature", "baz: new deep header"]),
    (None, True, ["foo: add function", "src only", "readme on main", "Merge feature",
                  "baz: new deep header"]),
    # the side branch's own commit changed bar.h; the merge only carried it over
    (["include/**"], False, ["foo: add function", "bar: on feature", "baz: new deep header"]),
    # along the first parents, the merge is where bar.h changed
    (["include/**"], True, ["foo: add function", "Merge feature", "baz: new deep header"]),
    (["src/*.c"], False, ["src only", "feature src"]),
    (["src/*.c"], True, ["src only", "Merge feature"]),
    (["include/*.h"], False, ["foo: add function"]),
    (["README"], False, ["readme on main"]),
    (["nothing/**"], False, []),
])
def test_revisions_between(repo, paths, first_parent, expected):
    v1, v3 = repo.resolve("v1").id, repo.resolve("v3").id
    revs = repo.revisions_between(v1, v3, paths, first_parent=first_parent)
    assert summaries(revs) == expected


def test_revisions_between_is_oldest_first_with_full_fields(repo):
    v1, v3 = repo.resolve("v1").id, repo.resolve("v3").id
    revs = repo.revisions_between(v1, v3)
    assert [r.id for r in revs] == repo.ids[1:]
    assert revs == [repo.resolve(i) for i in repo.ids[1:]]
    assert revs[-1].description.endswith("over two lines.")
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", r.date)
               for r in revs)


def test_revisions_between_same_revision_is_empty(repo):
    v2 = repo.resolve("v2").id
    assert repo.revisions_between(v2, v2) == []
    assert repo.revisions_between(v2, repo.resolve("v1").id) == []


def test_revisions_between_from_a_side_branch(repo):
    # reachable from v3 but not from `feature`: the main line since the fork
    feature, v3 = repo.resolve("feature").id, repo.resolve("v3").id
    assert summaries(repo.revisions_between(feature, v3)) == [
        "readme on main", "Merge feature", "baz: new deep header"]


def test_hg_tags_commit_touches_only_hgtags(built):
    base, ids = built["hg"]
    with open_repository(str(base / "work")) as r:
        tip = r.resolve("tip").id
        assert summaries(r.revisions_between(ids[7], tip)) == ["Added tags"]
        assert r.revisions_between(ids[7], tip, ["**/*.h"]) == []
        assert r.list_files(tip, [".hgtags"]) == [".hgtags"]


# -- building repositories -------------------------------------------------

@pytest.mark.parametrize("kind", ["git", "hg"])
def test_build_is_deterministic(tmp_path, built, kind):
    _, first = built[kind]
    assert build_repository(kind, tmp_path / "again", history()) == first


@pytest.mark.parametrize("kind", ["git", "hg"])
def test_build_from_folders(tmp_path, kind):
    folders = []
    for name, files in [("r1", {"a.h": "1", "d/b.h": "1"}),
                        ("r2", {"a.h": "2", "d/c.h": "2"}),
                        ("r3", {"d/c.h": "3"})]:
        for rel, text in files.items():
            (tmp_path / name / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name / rel).write_text(text)
        folders.append(tmp_path / name)
    ids = build_from_folders(kind, tmp_path / "repo", folders, tags=["r1", "r2", "r3"])
    with open_repository(str(tmp_path / "repo")) as r:
        assert [r.resolve(t).id for t in ("r1", "r2", "r3")] == ids
        assert r.list_files(ids[0], ["**"]) == ["a.h", "d/b.h"]
        assert r.list_files(ids[1], ["**"]) == ["a.h", "d/c.h"]
        assert r.list_files(ids[2], ["**"]) == ["d/c.h"]
        assert r.read(ids[2], "d/c.h") == b"3"
        assert summaries(r.revisions_between(ids[0], ids[2])) == ["r2", "r3"]
        assert summaries(r.revisions_between(ids[0], ids[2], ["a.h"])) == ["r2", "r3"]
        assert summaries(r.revisions_between(ids[0], ids[2], ["d/b.h"])) == ["r2"]


def test_hg_executable_is_found():
    assert Path(hg_executable()).name == "hg"


@pytest.mark.parametrize("kind", ["git", "hg"])
def test_paths_do_not_depend_on_the_current_directory(built, kind, monkeypatch):
    base, ids = built[kind]
    monkeypatch.chdir(base / "work" / "include" / "sub")
    with open_repository(".") as r:
        assert r.list_files(ids[7], ["include/sub/**"]) == ["include/sub/bar.h",
                                                             "include/sub/deep/baz.h"]
        assert r.read(ids[7], "include/sub/bar.h") == b"int bar2;\n"
        assert summaries(r.revisions_between(ids[0], ids[7], ["include/sub/*.h"], True)) == [
            "Merge feature"]


@pytest.mark.parametrize("kind", ["git", "hg"])
def test_build_merge_with_conflict(tmp_path, kind):
    commits = [Commit("base", {"a.h": "base\n"}),
               Commit("side", {"a.h": "side\n"}, branch="topic", start=0),
               Commit("main", {"a.h": "main\n"}),
               Commit("merge", {"a.h": "resolved\n"}, merge="topic")]
    ids = build_repository(kind, tmp_path / "ok", commits)
    with open_repository(str(tmp_path / "ok")) as r:
        merge = r.resolve(ids[3])
        assert merge.parents == (ids[2], ids[1])
        assert r.read(ids[3], "a.h") == b"resolved\n"
        # the merge resolved a.h itself, so it counts as touching it
        assert summaries(r.revisions_between(ids[0], ids[3], ["a.h"])) == [
            "side", "main", "merge"]
    commits[3] = Commit("merge", merge=1)
    with pytest.raises(ValueError, match="resolve the merge conflicts in a.h"):
        build_repository(kind, tmp_path / "bad", commits)


def test_listings_are_reused_only_where_they_cover_the_question(tmp_path):
    """One `ls-tree` per revision serves the include folders asked next; a question about the
    whole tree is never answered from a listing of one folder."""
    from helpers import make_repo
    repo_path = make_repo(tmp_path / "r", "git", [{"include/a.h": "int a;\n", "include/sub/b.h": "int b;\n",
                                                  "top.h": "int t;\n", "src/c.c": "int c;\n"}])
    with open_repository(str(repo_path)) as repo:
        rev = repo.resolve("r1").id
        repo.list_ahead(rev, ["include/**"])
        assert repo.list_files(rev, ["include/sub/*.h"]) == ["include/sub/b.h"]
        assert repo.list_files(rev, ["*.h"]) == ["top.h"]
        assert repo.list_files(rev, ["**/*.h"]) == ["include/a.h", "include/sub/b.h", "top.h"]
        assert repo.list_files(rev, ["src/*.c"]) == ["src/c.c"]


def test_file_ids_read_again_only_the_folders_a_commit_changed(tmp_path, monkeypatch):
    """Folder listings are kept by tree id: after a commit that changed one folder, only that
    tree is read again (through the running cat-file, no `git ls-tree`), its untouched
    subfolders not at all, and the answer is git's own."""
    from helpers import make_repo
    from apicompat.vcs import git as G
    repo_path = make_repo(tmp_path / "r", "git", [
        {"inc/a.h": "int a;\n", "inc/x.c": "int x;\n", "gen/g.idl": "g\n", "gen/deep/d.idl": "d\n"},
        {"inc/b.h": "int b;\n"},
        {"gen/g.idl": "g2\n", "inc/x.c": "int y;\n"}])
    globs = ["inc/*.h", "gen/**/*.idl"]
    read: list[list[str]] = []
    real = G.tree_entries_from_data
    monkeypatch.setattr(G, "tree_entries_from_data", lambda data: read.append(sorted(e[2] for e in real(data)))
                        or real(data))
    monkeypatch.setattr(G.GitRepository, "_ls_tree", None)          # never called
    with open_repository(str(repo_path)) as repo:
        answers, trees = {}, []
        for tag in ("r1", "r2", "r3"):
            read.clear()
            answers[tag] = repo.file_ids(repo.resolve(tag).id, globs)
            trees.append(sorted(read))
        assert trees == [[["a.h", "x.c"], ["d.idl"], ["deep", "g.idl"]],    # inc, gen/deep, gen
                         [["a.h", "b.h", "x.c"]],                          # inc alone
                         [["a.h", "b.h", "x.c"], ["deep", "g.idl"]]]       # gen, not gen/deep
        read.clear()
        assert repo.file_ids(repo.resolve("r2").id, globs) == answers["r2"] and read == []
    assert list(answers["r2"]) == ["gen/deep/d.idl", "gen/g.idl", "inc/a.h", "inc/b.h"]
    for tag, found in answers.items():
        with open_repository(str(repo_path)) as fresh:
            rev = fresh.resolve(tag).id
            assert found == {p: "git:" + fresh._run("rev-parse", f"{rev}:{p}").decode().strip() for p in found}
            assert list(found) == fresh.list_files(rev, globs)


def test_ids_ahead_asks_git_once_for_many_revisions(tmp_path, monkeypatch):
    """After ids_ahead, file_ids of those revisions asks git for no folder id (they came in one
    question) and answers what it answers without the hint."""
    from helpers import make_repo
    from apicompat.vcs import git as G
    repo_path = make_repo(tmp_path / "r", "git", [{"inc/a.h": f"int a{i};\n", "gen/g.idl": f"g{i % 2}\n"}
                                                  for i in range(6)] + [{"gen/g.idl": None}])
    globs = ["inc/*.h", "gen/**/*.idl"]
    with open_repository(str(repo_path)) as plain:
        revs = [plain.resolve(f"r{i}").id for i in range(1, 8)]
        expected = [plain.file_ids(rev, globs) for rev in revs]
    assert "gen/g.idl" not in expected[-1]                     # a folder gone at the last one
    with open_repository(str(repo_path)) as repo:
        questions = []
        real = G.GitRepository._object_headers
        monkeypatch.setattr(G.GitRepository, "_object_headers",
                            lambda self, refs: questions.append(list(refs)) or real(self, refs))
        repo.ids_ahead([(rev, globs) for rev in revs])
        assert len(questions) == 1 and len(questions[0]) == 2 * len(revs)
        assert [repo.file_ids(rev, globs) for rev in revs] == expected
        assert len(questions) == 1, "file_ids asked git for folder ids again"


def test_a_tree_entry_no_checkout_could_hold_is_listed_by_git(tmp_path):
    """A hand-made tree with a `..` entry: the tree walk refuses it and git's own listing is
    used, so the path is left out with a warning as before."""
    import subprocess
    from helpers import make_repo
    repo_path = make_repo(tmp_path / "r", "git", [{"inc/a.h": "int a;\n"}])
    git = ["git", "-C", str(repo_path)]
    blob = subprocess.run(git + ["hash-object", "-w", "--stdin"], input=b"int evil;\n", capture_output=True,
                          check=True).stdout.decode().strip()
    inc = subprocess.run(git + ["rev-parse", "r1:inc"], capture_output=True, text=True, check=True).stdout.strip()
    odd = subprocess.run(git + ["mktree", "--missing"], input=f"100644 blob {blob}\t..\n040000 tree {inc}\tinc\n",
                         capture_output=True, text=True)
    if odd.returncode != 0:
        pytest.skip("this git refuses to write a tree with a '..' entry (the walk's fallback is then unreachable)")
    root = subprocess.run(git + ["mktree"], input=f"040000 tree {odd.stdout.strip()}\tinc2\n040000 tree {inc}\tinc\n",
                          capture_output=True, text=True, check=True).stdout.strip()
    commit = subprocess.run(git + ["commit-tree", root, "-m", "odd"], capture_output=True, text=True,
                            check=True).stdout.strip()
    with open_repository(str(repo_path)) as repo:
        assert repo.file_ids(commit, ["inc/*.h"]) == {"inc/a.h": "git:" + repo._run("rev-parse", f"{commit}:inc/a.h").decode().strip()}
        assert repo.file_ids(commit, ["inc2/**"]) == {"inc2/inc/a.h": "git:" + repo._run(
            "rev-parse", f"{commit}:inc/a.h").decode().strip()}
