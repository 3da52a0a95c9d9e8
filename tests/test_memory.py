"""The walk's collector policy (apicompat/memory.py): cyclic garbage of a revision is freed
within EVERY extractions (issue 14: thirty let a worker's peak RSS reach 300 MB on Xen)."""
import gc

from apicompat import memory


class _Cycle:
    def __init__(self):
        self.me = self


def test_cycles_are_freed_within_every_extractions(monkeypatch):
    monkeypatch.setattr(memory, "_since", 0)
    gc.disable()                    # only now_and_then may collect during the test
    try:
        gc.collect()
        before = sum(isinstance(o, _Cycle) for o in gc.get_objects())
        for _ in range(memory.EVERY):
            _Cycle()                # garbage only a cycle collection frees
            memory.now_and_then()
        after = sum(isinstance(o, _Cycle) for o in gc.get_objects())
    finally:
        gc.enable()
    assert before == 0 and after == 0


def test_between_passes_nothing_is_collected(monkeypatch):
    calls = []
    monkeypatch.setattr(memory, "_since", 0)
    monkeypatch.setattr(memory.gc, "collect", lambda *a: calls.append(1))
    for _ in range(memory.EVERY - 1):
        memory.now_and_then()
    assert calls == []
    memory.now_and_then()
    assert calls == [1]
    assert memory.EVERY <= 10


def test_a_tuned_command_freezes_survivors_and_still_frees_later_cycles(monkeypatch):
    monkeypatch.setattr(memory, "_since", 0)
    monkeypatch.setattr(memory, "_freeze", False)
    before_threshold = gc.get_threshold()
    try:
        memory.tune()
        kept = [_Cycle()]           # alive at the pass: frozen, not scanned again
        for _ in range(memory.EVERY):
            memory.now_and_then()
        assert gc.get_freeze_count() > 0
        assert not any(o is kept[0] for o in gc.get_objects())     # frozen: no pass looks at it again
        gc.disable()
        try:
            for _ in range(memory.EVERY):
                _Cycle()            # made after the freeze: the next pass frees it
                memory.now_and_then()
            assert not any(isinstance(o, _Cycle) and o is not kept[0] for o in gc.get_objects())
        finally:
            gc.enable()
    finally:
        gc.unfreeze()
        gc.set_threshold(*before_threshold)


def test_an_untuned_process_is_not_frozen(monkeypatch):
    monkeypatch.setattr(memory, "_since", 0)
    monkeypatch.setattr(memory, "_freeze", False)
    gc.unfreeze()
    for _ in range(memory.EVERY):
        memory.now_and_then()
    assert gc.get_freeze_count() == 0
