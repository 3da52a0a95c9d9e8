"""Glob matching over repository paths (apicompat.vcs.globs).

The last test checks that git's `:(glob)` pathspecs, as the git backend
writes them, select exactly the files our matcher selects, so that git's
pre-filtering never disagrees with the Python filter used for hg.
"""
from __future__ import annotations

import os
import subprocess

import pytest

from apicompat.vcs import globs as G
from apicompat.vcs.git import _pathspec


@pytest.mark.parametrize("glob,path,expected", [
    ("*.h", "a.h", True),
    ("*.h", "include/a.h", False),                  # * stops at /
    ("include/*.h", "include/a.h", True),
    ("include/*.h", "include/sub/a.h", False),
    ("include/**/*.h", "include/a.h", True),        # ** may be no directory at all
    ("include/**/*.h", "include/sub/deep/a.h", True),
    ("**/*.h", "a.h", True),
    ("**/*.h", "x/y/z/a.h", True),
    ("**", "x/y/z/a.h", True),
    ("include/**", "include/sub/a.h", True),
    ("include/**", "include", False),
    ("include/**", "includes/a.h", False),
    ("**/sub/*.h", "include/sub/a.h", True),
    ("**/sub/*.h", "sub/a.h", True),
    ("**/sub/*.h", "include/subx/a.h", False),
    ("a/**/b", "a/b", True),
    ("a/**/b", "a/x/y/b", True),
    ("a/**/b", "a/xb", False),
    ("a**.h", "abc.h", True),                        # not a whole component: plain *
    ("a**.h", "a/c.h", False),
    ("src/?.c", "src/a.c", True),
    ("src/?.c", "src/ab.c", False),
    ("?", "/", False),
    ("src/[ab].c", "src/b.c", True),
    ("src/[ab].c", "src/c.c", False),
    ("src/[!a].c", "src/b.c", True),
    ("src/[!a].c", "src/a.c", False),
    ("src/[^a].c", "src/a.c", False),
    ("src/[a-c].c", "src/b.c", True),
    ("src/[a-c].c", "src/d.c", False),
    ("src/[]x].c", "src/].c", True),                 # ] first is literal
    ("x[/]y", "x/y", False),                         # a class never matches /
    ("src/[ab.c", "src/[ab.c", True),                # unclosed [ is literal
    ("star\\*.h", "star*.h", True),
    ("star\\*.h", "starx.h", False),
    ("a.h", "a.h", True),
    ("a.h", "axh", False),                           # . is literal
    ("include", "include/a.h", False),               # whole paths only
    ("include/", "include/a.h", True),               # a trailing / means the directory
    ("./include/a.h", "include/a.h", True),
    ("/include/a.h", "include/a.h", True),
    ("include//a.h", "include/a.h", True),
])
def test_match(glob, path, expected):
    assert G.match(glob, path) is expected


@pytest.mark.parametrize("glob,prefix", [
    ("tools/libxl/*.h", "tools/libxl"),
    ("tools/libxl/libxl.h", "tools/libxl"),
    ("tools/**/*.h", "tools"),
    ("xen/include/public/**", "xen/include/public"),
    ("include/", "include"),
    ("*/x.h", ""),
    ("**/*.h", ""),
    ("a.h", ""),
    ("a/b[cd]/e.h", "a"),
    ("a/b\\*/e.h", "a"),
])
def test_fixed_prefix(glob, prefix):
    assert G.fixed_prefix(glob) == prefix


def test_prefixes_are_minimal():
    assert G.prefixes(["a/b/*.h", "a/*.h", "c/d.h", "ab/x/*.h"]) == ["a", "ab/x", "c"]
    assert G.prefixes(["a/*.h", "*.h"]) == [""]
    assert G.prefixes([]) == []


def test_normalize():
    assert G.normalize("./include//xen/") == "include/xen/**"
    assert G.normalize("/a/./b.h") == "a/b.h"
    assert G.normalize("a/**") == "a/**"


def test_clean_path():
    assert G.clean_path("./include//foo.h") == "include/foo.h"
    assert G.clean_path("/a.h") == "a.h"
    assert [G.clean_path(p) for p in ("", ".", "a/../b", "dir/", "a\nb")] == [None] * 5


def test_filter_paths_sorts_and_dedups():
    paths = ["b.h", "a.h", "x/c.h", "a.h"]
    assert G.filter_paths(["*.h", "a.*"], paths) == ["a.h", "b.h"]
    assert G.filter_paths([], paths) == []


def test_has_wildcard():
    assert not G.has_wildcard("tools/libxl/libxl.h")
    assert all(G.has_wildcard(g) for g in ("*.h", "a?", "[ab]", "a\\b"))


PATHS = ["a.h", "include/foo.h", "include/x.c", "include/sub/bar.h",
         "include/sub/deep/baz.h", "include/subx/q.h", "src/a.c", "src/b.c", "src/ab.c",
         "tools/libxl/libxl.h", "tools/libxl/_libxl_types.h", "tools/libxl/libxl_types.idl",
         "weird/[x].h", "weird/star*.h", "dir.h/inner.h", "a/b", "a/x/y/b", "a/xb"]
PATTERNS = ["*.h", "*", "**", "**/*.h", "include/*.h", "include/**", "include/**/*.h",
            "include/**/deep/*.h", "**/sub/**", "**/sub/*.h", "src/?.c", "src/[ab].c",
            "src/[!a].c", "src/[^a].c", "src/[a-b]*.c", "tools/**/_*.h", "include",
            "include/", "include/sub", "weird/\\[x\\].h", "weird/star\\*.h", "dir.h",
            "a**.h", "include/*/*.h", "**/deep/**", "tools/libxl/libxl.h", "a/**/b",
            "*/*.h", "tools/libxl/*.idl"]


@pytest.fixture(scope="module")
def git_index(tmp_path_factory):
    root = tmp_path_factory.mktemp("globs")
    for p in PATHS:
        (root / p).parent.mkdir(parents=True, exist_ok=True)
        (root / p).write_text(p)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q"], cwd=root, env=env, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, env=env, check=True)
    return root, env


@pytest.mark.parametrize("pattern", PATTERNS)
def test_git_pathspec_agrees(git_index, pattern):
    root, env = git_index
    out = subprocess.run(["git", "ls-files", "-z", "--", _pathspec(pattern)], cwd=root,
                         env=env, check=True, capture_output=True).stdout
    by_git = sorted(n.decode() for n in out.split(b"\0") if n)
    assert by_git == G.filter_paths([pattern], PATHS)
