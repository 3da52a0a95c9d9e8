"""A revision whose read files are unchanged takes the model already made (history/reads.py).

Each case runs on git and hg, and compares the timeline with the one made with every revision
extracted (APICOMPAT_REUSE_READS=0): reuse must never change an answer."""
from __future__ import annotations


import pytest

from apicompat.extract.config import IncludeDir
from apicompat.history import api_timeline
from apicompat.history.render import render_timeline
from apicompat.settings import Settings
from helpers import make_repo
from test_history_support import generated, generated_settings, history_cache  # noqa: F401

LIB = "#include <dep.h>\nint lib_f(dep_t x);\n"

REVISIONS = [
    {"include/lib.h": LIB, "deps/b/dep.h": "typedef int dep_t;\n", "deps/b/unused.h": "int nothing;\n",
     "deps/b/notes.c": "int x;\n"},
    # r2: only files no extraction reads
    {"deps/b/unused.h": "int nothing_at_all;\n", "deps/b/notes.c": "int y;\n"},
    # r3: a new file shadows the one lib.h included: the listing changed, so it is read again
    {"deps/a/dep.h": "typedef long dep_t;\n"},
    # r4: a read file changes
    {"include/lib.h": LIB + "int lib_g(void);\n"},
    # r5: the shadowed file (no longer read) changes
    {"deps/b/dep.h": "typedef short dep_t;\n"},
]


def settings() -> Settings:
    return Settings(headers=["include/*.h"], include_dirs=[IncludeDir("deps/a"), IncludeDir("deps/b")])


def timeline_json(path, monkeypatch, cache, reuse: bool, settings_=None):
    monkeypatch.setenv("APICOMPAT_REUSE_READS", "1" if reuse else "0")
    result = api_timeline(str(path), None, settings_ or settings(), jobs=1, cache=cache)
    return result, render_timeline(result, "json")


@pytest.mark.parametrize("kind", ["git", "hg"])
def test_unread_changes_reuse_the_model(kind, tmp_path, monkeypatch):
    repo = make_repo(tmp_path / "repo", kind, REVISIONS)
    plain, expected = timeline_json(repo, monkeypatch, ":memory:", reuse=False)
    assert plain.extracted == 5
    reused, got = timeline_json(repo, monkeypatch, str(tmp_path / "c.sqlite3"), reuse=True)
    assert got == expected
    # r2 and r5 change nothing read; r3 adds a file (the listing), r4 changes lib.h
    assert reused.extracted == 3
    text = render_timeline(reused, "text")
    assert "lib_f" in text and "lib_g" in text            # r3's shadowing and r4's addition found
    warm, again = timeline_json(repo, monkeypatch, str(tmp_path / "c.sqlite3"), reuse=True)
    assert warm.extracted == 0 and again == expected


def test_a_generator_input_is_a_read(generated, monkeypatch):
    """At r2 only the generator's input changes (no header does): that is read, so extracted again."""
    path, ids = generated
    plain, expected = timeline_json(path, monkeypatch, ":memory:", reuse=False, settings_=generated_settings())
    reused, got = timeline_json(path, monkeypatch, ":memory:", reuse=True, settings_=generated_settings())
    assert reused.extracted == plain.extracted == 3 and got == expected
    assert "extra" in render_timeline(reused, "text")
