"""Parsing a piece at a time (extract/segments.py) gives the model a whole parse gives (issue 14).

Every revision of the bundled example and of the fixture repositories is extracted three
ways: whole, a piece at a time with an empty cache, and again with the cache the walk has
filled (pieces reused from other revisions).  The models must be identical."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from apicompat.cli import main
from apicompat.extract import pipeline, segments
from apicompat.extract.config import ExtractConfig
from apicompat.extract.pipeline import extract_model
from apicompat.vcs import open_repository
from helpers import make_repo


def models_three_ways(repo_path: Path, config: ExtractConfig, monkeypatch) -> list[tuple]:
    out = []
    shared = segments.SegmentCache()
    with open_repository(str(repo_path)) as repo:
        revisions = repo.revisions_between(repo.root(repo.resolve("HEAD" if repo.kind == "git" else "tip").id).id,
                                           repo.resolve("HEAD" if repo.kind == "git" else "tip").id)
        for rev in [repo.root(revisions[-1].id)] + revisions if revisions else []:
            monkeypatch.setattr(pipeline, "SEGMENTED", False)
            whole = extract_model(repo, rev, config).to_dict()
            monkeypatch.setattr(pipeline, "SEGMENTED", True)
            monkeypatch.setattr(segments, "CACHE", segments.SegmentCache())
            cold = extract_model(repo, rev, config).to_dict()
            monkeypatch.setattr(segments, "CACHE", shared)
            warm = extract_model(repo, rev, config).to_dict()
            out.append((rev.short, whole, cold, warm))
    return out, shared


@pytest.mark.parametrize("vcs", ["git", "hg"])
def test_the_bundled_history_reads_the_same_a_piece_at_a_time(tmp_path, vcs, monkeypatch):
    demo = tmp_path / "libdemo"
    assert CliRunner().invoke(main, ["example", str(demo), "--vcs", vcs]).exit_code == 0
    results, shared = models_three_ways(demo, ExtractConfig(headers=["include/*.h"], defines=["DEMO_TOOLS"]),
                                        monkeypatch)
    assert len(results) >= 3
    for rev, whole, cold, warm in results:
        assert cold == whole, f"at {rev}: a piece-at-a-time parse differs from the whole parse"
        assert warm == whole, f"at {rev}: pieces reused from other revisions changed the model"


def test_headers_a_commit_does_not_touch_are_not_parsed_again(tmp_path, monkeypatch):
    """r2 changes c.h only: a.h's and b.h's pieces (and the prelude's) come from the cache."""
    first = {"include/a.h": "typedef int a_t;\nint a(a_t);\n", "include/b.h": "struct b { int x; };\n",
             "include/c.h": "int c(void);\n"}
    repo = make_repo(tmp_path / "repo", "git", [first, {**first, "include/c.h": "int c(int);\n"}])
    results, shared = models_three_ways(repo, ExtractConfig(headers=["include/*.h"]), monkeypatch)
    assert [whole == cold == warm for _, whole, cold, warm in results] == [True, True]
    assert shared.hits >= 3, (shared.hits, shared.misses)


def test_a_changed_typedef_scope_is_not_served_from_the_cache(tmp_path, monkeypatch):
    """b.h's text is the same at both revisions, but at r2 a.h makes `T` a typedef: `T * x;`
    in b.h is then a pointer declaration, not a multiplication.  The scope is in the key."""
    repo = make_repo(tmp_path / "repo", "git", [
        {"include/a.h": "int T;\n", "include/b.h": "int f(void);\n"},
        {"include/a.h": "typedef int T;\n", "include/b.h": "int f(void);\nT *x;\n"},
        {"include/a.h": "int T;\n", "include/b.h": "int f(void);\nT *x;\n"},
    ])
    results, _ = models_three_ways(repo, ExtractConfig(headers=["include/*.h"]), monkeypatch)
    for rev, whole, cold, warm in results:
        assert cold == whole and warm == whole, rev


def test_a_name_declared_otherwise_elsewhere_is_in_the_key_too(tmp_path, monkeypatch):
    """b.h makes `T` a typedef, which a.h declared as a variable: pycparser refuses that in a
    whole parse, so a piece must not accept it for not knowing `T` (the key holds every name
    of the piece the scope knows, typedef or not)."""
    repo = make_repo(tmp_path / "repo", "git", [
        {"include/a.h": "int T;\n", "include/b.h": "int g(void);\n"},
        {"include/a.h": "int T;\n", "include/b.h": "int g(void);\ntypedef int T;\nT f(void);\n"},
    ])
    results, _ = models_three_ways(repo, ExtractConfig(headers=["include/*.h"]), monkeypatch)
    for rev, whole, cold, warm in results:
        assert cold == whole and warm == whole, rev


def test_a_header_that_ends_inside_a_declaration_falls_back_to_the_whole_parse(tmp_path, monkeypatch):
    """a.h opens a struct that b.h closes: no piece parses alone, the whole text does."""
    repo = make_repo(tmp_path / "repo", "git", [
        {"include/a.h": "struct s {\n#include \"b.h\"\n", "include/b.h": "int x; };\n"},
    ])
    results, _ = models_three_ways(repo, ExtractConfig(headers=["include/a.h"]), monkeypatch)
    for rev, whole, cold, warm in results:
        assert cold == whole == warm
        assert json.dumps(whole).count('"x"') >= 1


def test_pieces_in_memory_are_bounded_by_their_text():
    cache = segments.SegmentCache(text_bytes=100)
    for n in range(5):
        cache.put(("k", n), ([f"nodes {n}"], {}), 40)
    assert len(cache._data) == 2 and cache._bytes == 80          # the three oldest left memory
    assert cache.get(("k", 0)) is None and cache.get(("k", 4)) == (["nodes 4"], {})
    cache.put(("k", 5), (["nodes 5"], {}), 40)
    assert cache._bytes <= 100 and ("k", 3) not in cache._data


def parsed_texts_per_revision(repo_path: Path, config: ExtractConfig, monkeypatch) -> list[tuple[dict, list[str]]]:
    """Each revision's model (pieces reused across revisions, as in a walk) and the texts that
    had to be parsed for it."""
    monkeypatch.setattr(segments, "CACHE", segments.SegmentCache())
    parsed: list[str] = []
    real = segments._parse_alone
    monkeypatch.setattr(segments, "_parse_alone", lambda text, typedefs: (parsed.append(text), real(text, typedefs))[1])
    out = []
    with open_repository(str(repo_path)) as repo:
        head = repo.resolve("HEAD")
        for rev in [repo.root(head.id)] + repo.revisions_between(repo.root(head.id).id, head.id):
            del parsed[:]
            model = extract_model(repo, rev, config).to_dict()
            monkeypatch.setattr(pipeline, "SEGMENTED", False)
            assert extract_model(repo, rev, config).to_dict() == model, rev.short
            monkeypatch.setattr(pipeline, "SEGMENTED", True)
            out.append((model, list(parsed)))
    return out


def test_declarations_an_edit_moves_down_are_not_parsed_again(tmp_path, monkeypatch):
    """r2 adds a typedef and a function at the top of a.h: every declaration below moves down
    three lines, but only the new ones are parsed; the others keep their lines (from the cache,
    moved by the offset)."""
    old = "int a1(void);\nint a2(int);\nstruct s { int x; };\n"
    repo = make_repo(tmp_path / "repo", "git", [
        {"include/a.h": old},
        {"include/a.h": "typedef long newt;\nint a0(newt);\n\n" + old},
    ])
    (_, _), (model, parsed) = parsed_texts_per_revision(repo, ExtractConfig(headers=["include/*.h"]), monkeypatch)
    assert any("a0" in text for text in parsed) and any("newt;" in text for text in parsed)
    assert not [text for text in parsed if "a1" in text or "struct s" in text], parsed
    assert model["functions"]["a1"]["loc"] == {"file": "include/a.h", "line": 4}
    assert model["records"]["s"]["loc"] == {"file": "include/a.h", "line": 6}


def test_a_typedef_another_header_adds_leaves_this_headers_pieces_alone(tmp_path, monkeypatch):
    """The key holds only the typedef names a piece mentions: a new typedef in a.h does not
    make b.h's unchanged text be parsed again (and a name it does mention does, above)."""
    b = "int f(int);\nstruct b { long y; };\n"
    repo = make_repo(tmp_path / "repo", "git", [
        {"include/a.h": "typedef int A;\n", "include/b.h": b},
        {"include/a.h": "typedef int A;\ntypedef int Z;\n", "include/b.h": b},
    ])
    (_, _), (model, parsed) = parsed_texts_per_revision(repo, ExtractConfig(headers=["include/*.h"]), monkeypatch)
    assert "Z" in model["typedefs"]
    assert not [text for text in parsed if "int f(" in text], parsed
