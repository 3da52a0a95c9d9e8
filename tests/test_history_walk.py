"""The walk: ranges, which revisions touch the API's inputs, models at revisions."""
from __future__ import annotations

import pytest

from apicompat.errors import RevisionError
from apicompat.history.cache import ModelCache
from apicompat.model import ApiModel
from apicompat.history.walk import ModelStore, input_paths, parse_range, walk_revisions
from apicompat.profiles import load_profile
from apicompat.settings import Settings
from apicompat.vcs import open_repository
from test_history_support import generated_settings, history_cache, linear, merged, plain_settings, unreadable  # noqa: F401


def short_tags(revs, ids):
    tag = {v: k for k, v in ids.items()}
    return [tag.get(r.id, r.summary) for r in revs]


def test_range_syntax(linear):
    path, ids = linear
    with open_repository(path) as repo:
        span = parse_range(repo, "r2..r5")
        assert (span.old.id, span.new.id, span.root) == (ids["r2"], ids["r5"], None)
        span = parse_range(repo, "r3")
        assert span.old is None and span.new.id == ids["r3"] and span.root.id == ids["r1"]
        span = parse_range(repo, "")
        assert span.old is None and span.root.id == ids["r1"]
        assert parse_range(repo, "r5..").old.id == ids["r5"]
        with pytest.raises(RevisionError, match="nope"):
            parse_range(repo, "r1..nope")


def test_only_revisions_touching_the_inputs(linear):
    path, ids = linear
    with open_repository(path) as repo:
        whole = walk_revisions(repo, plain_settings(), parse_range(repo, ""))
        assert short_tags(whole, ids) == ["r1", "r2", "r3", "r4", "r5", "r7"]     # r6: README only
        assert short_tags(walk_revisions(repo, plain_settings(), parse_range(repo, "r4..r7")), ids) == ["r5", "r7"]


def test_first_parent_walk(merged):
    path, ids = merged
    with open_repository(path) as repo:
        span = parse_range(repo, f"{ids['c0']}..{ids['c8']}")
        assert short_tags(walk_revisions(repo, plain_settings(), span, first_parent=True), ids) == [
            "c1", "c4", "c5", "c7", "c8"]
        assert short_tags(walk_revisions(repo, plain_settings(), span), ids) == [
            "c1", "c2", "c3", "c5", "c6", "c7", "c8"]


def test_inputs_of_every_era_and_generator():
    xen = Settings(profile=load_profile("xen-libxl"), trust=True)
    paths = input_paths(xen)
    assert "tools/libxl/libxl.h" in paths and "tools/include/libxl.h" in paths      # two eras
    assert "tools/libxl/*.idl" in paths                                              # the IDL generator's inputs
    assert "xen/include/public/**" in paths                                          # an include directory
    assert "tools/libxl/libxl_types.idl" in paths                                    # an era marker
    assert input_paths(generated_settings()) == ["include/*.h", "include/**/*.h", "gen/*"]


def test_model_store_reads_each_input_state_once(linear, tmp_path):
    path, ids = linear
    with open_repository(path) as repo, ModelCache(tmp_path / "c.sqlite3") as cache:
        store = ModelStore(repo, plain_settings(), cache, jobs=2)
        revs = [repo.resolve(t) for t in ("r4", "r5", "r6", "r7")]
        store.remember(revs)
        store.ensure([r.id for r in revs])
        assert store.extracted == 3                       # r6 has r5's inputs
        assert store.key(ids["r5"]) == store.key(ids["r6"]) != store.key(ids["r4"])
        assert "lib_wait" in store.model(ids["r7"]).functions
        assert "lib_wait" not in store.model(ids["r6"]).functions
        store.close()


def test_library_absent_at_a_revision(tmp_path, vcs, history_cache):
    """Before its first header exists there is no library: an empty model, not an error."""
    from apicompat.vcs.create import Commit, build_repository
    dest = tmp_path / "repo"
    ids = build_repository(vcs, dest, [Commit("readme", {"README": "x\n"}),
                                       Commit("first header", {"include/a.h": "int a(void);\n"})])
    from apicompat.history import api_timeline
    result = api_timeline(str(dest), None, plain_settings())
    assert [e.step.rev.id for e in result.entries] == [ids[1]]
    assert [f.kind for f in result.entries[0].findings if f.kind == "function_added"] == ["function_added"]


def test_no_header_anywhere_is_an_error(linear):
    from apicompat.errors import MissingFileError
    from apicompat.history import api_timeline
    path, ids = linear
    with pytest.raises(MissingFileError, match="no header matches"):
        api_timeline(path, None, Settings(headers=["nothing/*.h"]))


def test_a_range_listed_before_is_answered_without_diffing_its_commits_again(merged, tmp_path):
    """Whether a commit changes the inputs is its own property: after one walk over c0..c8, a
    walk over any range inside it (first-parent walks kept apart) asks git only for the range's
    commits, and gives what git's path-limited log gives, in its order.  A range reaching
    commits never listed asks the log again."""
    path, ids = merged
    with open_repository(path) as repo, ModelCache(str(tmp_path / "h.sqlite3")) as cache:
        asked = []
        real = repo.revisions_between

        def counted(*args, **kwargs):
            asked.append(args[:2])
            return real(*args, **kwargs)
        repo.revisions_between = counted
        whole = f"{ids['c0']}..{ids['c8']}"
        inside = [f"{ids['c2']}..{ids['c7']}", f"{ids['c1']}..{ids['c6']}"]
        # First parents from c7 may leave c8's chain: only the same range again is known.
        for first_parent, spans in ((False, [whole] + inside), (True, [whole, whole])):
            for n, text in enumerate(spans):
                del asked[:]
                span = parse_range(repo, text)
                got = walk_revisions(repo, plain_settings(), span, first_parent, cache=cache)
                assert got == real(span.old.id, span.new.id, input_paths(plain_settings()), first_parent)
                if repo.kind == "git":
                    assert len(asked) == (1 if n == 0 else 0), (text, first_parent, asked)
        del asked[:]                   # from the root: the root, then root..c8 (known)
        from_root = walk_revisions(repo, plain_settings(), parse_range(repo, ids["c8"]), cache=cache)
        assert short_tags(from_root, ids) == ["c0", "c1", "c2", "c3", "c5", "c6", "c7", "c8"]
        assert len(asked) == (0 if repo.kind == "git" else 1)


def test_commits_of_a_range_not_listed_before_are_diffed_alone(merged, tmp_path):
    """c2..c7 is listed first; then c0..c8: only the commits c2..c7 did not hold are diffed
    (`touching_among`), and the answer is git's own for c0..c8."""
    path, ids = merged
    with open_repository(path) as repo, ModelCache(str(tmp_path / "h.sqlite3")) as cache:
        if repo.kind != "git":
            pytest.skip("Mercurial lists a range's files in one `hg log`: nothing to save (covered above)")
        walk_revisions(repo, plain_settings(), parse_range(repo, f"{ids['c2']}..{ids['c7']}"), cache=cache)
        inside = set(repo.ids_between(ids["c2"], ids["c7"]))
        asked, real = [], repo.touching_among
        repo.touching_among = lambda found, *rest: (asked.append(list(found)), real(found, *rest))[1]
        span = parse_range(repo, f"{ids['c0']}..{ids['c8']}")
        got = walk_revisions(repo, plain_settings(), span, cache=cache)
        assert got == repo.revisions_between(span.old.id, span.new.id, input_paths(plain_settings()))
        assert len(asked) == 1 and asked[0] and not set(asked[0]) & inside


def _timeline_and_parent_comparisons(path, tmp_path, name, monkeypatch, first_parent=False):
    from apicompat.history import steps as S
    from apicompat.history.timeline import api_timeline
    here: list[int] = []
    real = S.classify
    monkeypatch.setattr(S, "classify", lambda old, new: here.append(1) or real(old, new))
    result = api_timeline(path, "", plain_settings(), first_parent=first_parent, jobs=2,
                          cache=str(tmp_path / f"{name}.sqlite3"))
    monkeypatch.setattr(S, "classify", real)
    return [(e.step.rev.id, e.step.uncertain_since.id if e.step.uncertain_since else None, e.step.problems,
             [f.to_dict() for f in e.step.findings]) for e in result.entries], len(here)


def _compared_in_workers(repo, tmp_path, monkeypatch) -> tuple[int, int]:
    """The timeline with workers equals the one without; (pairs this process compared with
    workers, without them)."""
    path, _ = repo
    shared, here = _timeline_and_parent_comparisons(path, tmp_path, "shared", monkeypatch)
    monkeypatch.setattr(ModelStore, "shares_work", lambda self: False)
    alone, all_here = _timeline_and_parent_comparisons(path, tmp_path, "alone", monkeypatch)
    assert shared == alone and alone
    return here, all_here


def test_workers_compare_the_pairs_a_linear_walk_needs(linear, tmp_path, monkeypatch):
    """With workers, the pairs of models a walk compares are compared there (the steps take
    them from the cache), and the timeline is the one this process alone gives."""
    here, alone = _compared_in_workers(linear, tmp_path, monkeypatch)
    assert alone >= 4 and here == 0


def test_workers_compare_the_pairs_across_merges(merged, tmp_path, monkeypatch):
    here, alone = _compared_in_workers(merged, tmp_path, monkeypatch)     # a merge: both parents
    assert alone >= 6 and here == 0


def test_workers_leave_carried_states_to_the_steps(unreadable, tmp_path, monkeypatch):
    """Pairs with a carried state (a model filled from the last one read in full) are compared by
    the steps themselves, with the same answer."""
    here, alone = _compared_in_workers(unreadable, tmp_path, monkeypatch)
    assert alone >= 3 and 0 < here <= alone


def test_compare_pairs_keeps_both_models_of_a_pair(tmp_path):
    """A worker's run of pairs where a pair's old model is the least recent one kept (a merge's
    base met again after two other models): both are still there, and each pair's findings
    are classify's."""
    from apicompat.diff.classify import classify
    from apicompat.history import steps as S
    from apicompat.model import Function, Location
    cache = ModelCache(str(tmp_path / "h.sqlite3"))
    models = {}
    for key, names in (("a", ["f"]), ("b", ["f", "g"]), ("c", ["g"]), ("d", ["f", "h"])):
        models[key] = ApiModel(functions={n: Function(n, "int", "int", [], False, False, f"int {n}(void)",
                                                      Location("x.h", 1)) for n in names})
        cache.put_model(key, models[key], key)
    cache.close()
    S._worker_cache = None
    pairs = [("a", "b"), ("b", "c"), ("a", "d"), ("a", "missing")]
    found = S.compare_pairs(str(tmp_path / "h.sqlite3"), pairs)
    assert list(found) == pairs[:3]
    for old, new in pairs[:3]:
        assert [f.to_dict() for f in found[(old, new)]] == [f.to_dict() for f in classify(models[old], models[new])]


def test_workers_start_comparing_while_the_first_pass_goes_on(linear, tmp_path, monkeypatch):
    """Runs of pairs go to the workers as the pass that lists them finds them (not all at its
    end), and the timeline is unchanged."""
    from apicompat.history import steps as S
    from apicompat.history.timeline import api_timeline
    path, _ = linear
    events: list[str] = []
    real_step, real_pool = S.Stepper.step, ModelStore.local_pool

    class Pool:
        def __init__(self, pool):
            self.pool = pool

        def submit(self, fn, *args):
            events.append(f"send {len(args[-1])}" if fn is S.compare_pairs else "extract")
            return self.pool.submit(fn, *args)

    monkeypatch.setattr(S.Stepper, "step", lambda self, rev: events.append("step") or real_step(self, rev))
    monkeypatch.setattr(ModelStore, "local_pool", lambda self: (lambda p: p and Pool(p))(real_pool(self)))
    result = api_timeline(path, "", plain_settings(), jobs=2, cache=str(tmp_path / "h.sqlite3"))
    sends = [i for i, e in enumerate(events) if e.startswith("send")]
    steps = [i for i, e in enumerate(events) if e == "step"]
    first_pass = steps[:len(steps) // 2]
    assert len(sends) >= 2 and sends[0] < first_pass[-1], events
    assert sum(int(events[i].split()[1]) for i in sends) >= 4
    monkeypatch.setattr(ModelStore, "shares_work", lambda self: False)
    alone = api_timeline(path, "", plain_settings(), jobs=2, cache=str(tmp_path / "alone.sqlite3"))
    assert [[f.to_dict() for f in e.step.findings] for e in result.entries] == \
        [[f.to_dict() for f in e.step.findings] for e in alone.entries]


def test_a_range_never_listed_is_diffed_by_several_git_processes(merged, tmp_path, monkeypatch):
    """With jobs, a first walk over a long range splits its commits among git processes (here
    every share is one commit's worth), and the answer is git's path-limited log's, in its order,
    merges included, kept for the next walk."""
    from apicompat.history import listings
    path, ids = merged
    monkeypatch.setattr(listings, "PARALLEL_FROM", 1)
    with open_repository(path) as repo, ModelCache(str(tmp_path / "h.sqlite3")) as cache:
        if repo.kind != "git":
            pytest.skip("Mercurial lists a range with its files in one `hg log` (ids_between: None)")
        shares, real = [], repo.touching_among
        repo.touching_among = lambda found, *rest: (shares.append(len(found)), real(found, *rest))[1]
        for first_parent in (False, True):
            del shares[:]
            span = parse_range(repo, f"{ids['c0']}..{ids['c8']}")
            got = walk_revisions(repo, plain_settings(), span, first_parent, cache=cache, jobs=3)
            assert got == repo.revisions_between(span.old.id, span.new.id, input_paths(plain_settings()),
                                                 first_parent)
            assert len(shares) == 3 and sum(shares) == len(repo.ids_between(span.old.id, span.new.id,
                                                                               first_parent))
            del shares[:]
            assert walk_revisions(repo, plain_settings(), span, first_parent, cache=cache, jobs=3) == got
            assert shares == []               # kept: nothing diffed again
