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


def test_a_header_that_ends_inside_a_declaration_falls_back_to_the_whole_parse(tmp_path, monkeypatch):
    """a.h opens a struct that b.h closes: no piece parses alone, the whole text does."""
    repo = make_repo(tmp_path / "repo", "git", [
        {"include/a.h": "struct s {\n#include \"b.h\"\n", "include/b.h": "int x; };\n"},
    ])
    results, _ = models_three_ways(repo, ExtractConfig(headers=["include/a.h"]), monkeypatch)
    for rev, whole, cold, warm in results:
        assert cold == whole == warm
        assert json.dumps(whole).count('"x"') >= 1


@pytest.mark.parametrize("vcs", ["git", "hg"])
def test_pieces_parsed_in_one_run_are_read_from_the_history_cache_in_the_next(tmp_path, vcs, monkeypatch):
    """Across runs: a second process (a fresh in-memory cache) parses no piece the first one
    parsed, and builds the same models from them.  The models table is emptied in between, so
    only the pieces can be reused."""
    import sqlite3
    from apicompat.history.cache import FILE_NAME
    demo = tmp_path / "libdemo"
    assert CliRunner().invoke(main, ["example", str(demo), "--vcs", vcs]).exit_code == 0
    monkeypatch.setenv("APICOMPAT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("APICOMPAT_JOBS", "1")           # both revisions read in this process
    args = ["diff", "v1.0", "v2.0", "--repo", str(demo), "-D", "DEMO_TOOLS", "--format", "json", "--out"]
    monkeypatch.setattr(segments, "CACHE", segments.SegmentCache())
    CliRunner().invoke(main, args + [str(tmp_path / "first.json")], catch_exceptions=False)
    assert segments.CACHE.misses > 0 and segments.CACHE.backing is None     # detached when the run ended
    db = sqlite3.connect(tmp_path / "cache" / FILE_NAME)
    stored = db.execute("SELECT count(*) FROM pieces").fetchone()[0]
    assert stored == segments.CACHE.misses
    db.execute("DELETE FROM models")
    db.commit()
    db.close()
    monkeypatch.setattr(segments, "CACHE", segments.SegmentCache())
    CliRunner().invoke(main, args + [str(tmp_path / "second.json")], catch_exceptions=False)
    assert segments.CACHE.misses == 0 and segments.CACHE.hits >= stored
    first, second = (json.loads((tmp_path / f"{n}.json").read_text()) for n in ("first", "second"))
    assert first["findings"] and second["findings"] == first["findings"]


def test_the_piece_cache_stores_syntax_trees_as_data_and_rebuilds_only_pycparser_nodes():
    from pycparser import c_generator, c_parser
    from apicompat.extract.ast_json import decode, encode
    text = ("typedef struct lib_s { int a : 3; union { char c[4]; } u; } lib_t;\n"
            "enum e { A = 1 << 2, B };\nint f(const lib_t *p, int (*cb)(void *), ...);\n")
    ast = c_parser.CParser().parse(text, filename="h.h")
    again = decode(json.loads(json.dumps(encode(ast.ext))))
    generate = c_generator.CGenerator()
    assert [generate.visit(n) for n in again] == [generate.visit(n) for n in ast.ext]
    assert [(n.coord.file, n.coord.line) for n in again] == [(n.coord.file, n.coord.line) for n in ast.ext]
    with pytest.raises(ValueError):
        decode({"@": "Popen", "args": "true"})
    with pytest.raises(ValueError):
        decode({"@": "__class__"})


def test_pieces_in_memory_are_bounded_by_their_text_and_come_back_from_the_backing_store():
    class Store:
        def __init__(self):
            self.rows = {}

        def get_piece(self, key):
            return self.rows.get(key)

        def put_pieces(self, items):
            self.rows.update({key: (*value, size) for key, value, size in items})

    cache = segments.SegmentCache(text_bytes=100)
    cache.backing = Store()
    for n in range(5):
        cache.put(("k", n), ([f"nodes {n}"], {}), 40)
    cache.flush()
    assert len(cache._data) == 2 and cache._bytes == 80          # the three oldest left memory
    assert cache.get(("k", 0)) == (["nodes 0"], {})             # ... but not the store
    assert ("k", 0) in cache._data and cache._bytes <= 100
