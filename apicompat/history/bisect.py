"""`apicompat bisect SYMBOL --event E [GOOD [BAD]]`: the first revision where E happened to SYMBOL.

The search runs over the revisions on the first-parent line from GOOD to BAD
that touch the API's inputs (walk.py).  Each event is a yes/no question
about one revision's model, asked at both ends first:

* removed / added: is SYMBOL declared?
* renamed: is SYMBOL declared (as the old name: it goes away; as the new
  name: it appears), and the change found must be a rename;
* changed: is SYMBOL's declaration still the one it had at GOOD?

When the answer differs at the two ends, it is taken to flip once and the
flip is searched for, reading `jobs` revisions per round in parallel (a
binary search with one worker).  Where the VCS can say which revisions added
or removed a line naming the symbol (`git log -G`, `hg grep --diff`), those
are read first: a hint that usually ends the search in one round, never an
answer (the models decide).  When the answer is the same at both ends
(removed and added back; changed and changed back), every revision is read
in order until the first flip, and the result says when the symbol came back.

Merges: the revision found is on the first-parent line; if it is a merge and
the change came from the merged branch (its second parent already shows
it), the same search runs along that branch, down to the commit that made
the change (`merged`).  Revisions that cannot be read are skipped, as `git
bisect skip` does; if they hide the exact revision, the result says how many
(`unknown_between`).

>>> result = bisect_symbol("~/src/xen", "libxl_waiter", "removed", "faf7c3e08d", "62698cdaf3", settings)
>>> result.found.summary
'libxl: New event generation API'
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..diff.finding import Finding
from ..model import ApiModel
from ..vcs.base import Revision
from .answers import question_key
from .steps import Stepper
from .symbols import concerning, declaration, declared_in, find_symbol, is_event, rename_pairs, with_aliases
from .walk import Failure, Range, Session, input_paths, open_session, pair_range, walk_revisions

EVENTS = ("removed", "added", "changed", "renamed")


@dataclass
class BisectResult:
    repo: str
    vcs: str
    symbol: str
    event: str
    span: Range
    walked: int                          # revisions on the first-parent line touching the inputs
    method: str = ""                     # how it was found: "search", "linear walk"
    found: Revision | None = None        # first revision (first-parent line) where it happened
    before: Revision | None = None       # the revision compared with (the last one without the event)
    findings: list[Finding] = field(default_factory=list)     # the change, about the symbol
    merged: list[Revision] = field(default_factory=list)      # down the merged branch(es), outermost first
    merged_findings: list[Finding] = field(default_factory=list)
    came_back: Revision | None = None    # removed, then declared again (added: removed again...)
    unknown_between: int = 0             # revisions that could not be read between `before` and `found`
    reason: str = ""                     # why nothing was found
    models_read: int = 0
    notes: list[str] = field(default_factory=list)
    extracted: int = 0               # models extracted by this run (the rest came from the cache)

    @property
    def culprit(self) -> Revision | None:
        """The revision that made the change: down the merged branch if it came from one."""
        return self.merged[-1] if self.merged else self.found


def bisect_symbol(repo_path: str, symbol: str, event: str, good: str | None, bad: str | None, settings,
                  jobs: int | None = None, cache=None, progress=None, exhaustive: bool = False, scheduler: str | None = None) -> BisectResult:
    """The first revision after GOOD (default: the root) up to BAD (default: HEAD/tip) where
    `event` (one of EVENTS) happened to `symbol`.  `exhaustive` reads every revision in order
    instead of searching (for a symbol whose presence flips several times)."""
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r} (expected one of {', '.join(EVENTS)})")
    with open_session(repo_path, settings, jobs, cache, progress, scheduler) as session:
        span = pair_range(session.repo, good, bad)
        key = question_key("bisect", [symbol, event, exhaustive, span.old.id if span.old else None, span.new.id],
                           session.settings)
        known = session.store.cache.get_answer(key)
        if known is not None:
            return _from_data(known, session, symbol, event, span)
        # Both ends are read whatever the line holds: their extraction starts now, beside the walk
        # and the VCS's own search below.
        session.store.prefetch([r.id for r in (span.old, span.new) if r is not None])
        revs = walk_revisions(session.repo, session.settings, span, first_parent=True, cache=session.store.cache)
        line = ([span.old] if span.old else []) + revs      # line[0] is GOOD's state
        session.store.remember(line)
        result = BisectResult(session.repo.path, session.repo.kind, symbol, event, span, len(revs))
        _Search(session, symbol, event, exhaustive, result).run(line, span.old.id if span.old else None)
        result.models_read, result.extracted = session.store.revisions_read, session.store.extracted
        result.notes = session.notes
        if not session.store.unsettled:     # a time limit passed: ask again next time
            session.store.cache.put_answer(key, _data(result))
        return result


_REVISIONS = ("found", "before", "came_back")


def _data(result: BisectResult) -> dict:
    """The answer as the cache keeps it (revisions by id, findings as their dicts)."""
    data = {name: getattr(result, name).id if getattr(result, name) else None for name in _REVISIONS}
    data.update(walked=result.walked, method=result.method, merged=[r.id for r in result.merged],
                findings=[f.to_dict() for f in result.findings],
                merged_findings=[f.to_dict() for f in result.merged_findings],
                unknown_between=result.unknown_between, reason=result.reason, models_read=result.models_read)
    return data


def _from_data(data: dict, session: Session, symbol: str, event: str, span) -> BisectResult:
    """A kept answer, its revisions read again (one VCS call); nothing extracted."""
    from .cache import finding_from_dict
    store = session.store
    ids = [data[name] for name in _REVISIONS if data.get(name)] + list(data["merged"])
    store.preload(ids)
    result = BisectResult(session.repo.path, session.repo.kind, symbol, event, span, data["walked"],
                          method=data["method"], unknown_between=data["unknown_between"], reason=data["reason"],
                          models_read=data["models_read"], notes=session.notes)
    for name in _REVISIONS:
        setattr(result, name, store.revision(data[name]) if data.get(name) else None)
    result.merged = [store.revision(i) for i in data["merged"]]
    result.findings = [finding_from_dict(f) for f in data["findings"]]
    result.merged_findings = [finding_from_dict(f) for f in data["merged_findings"]]
    return result


class _Search:
    def __init__(self, session: Session, symbol: str, event: str, exhaustive: bool, result: BisectResult):
        self.session, self.store = session, session.store
        self.symbol, self.event, self.exhaustive, self.result = symbol, event, exhaustive, result
        self.stepper = Stepper(self.store, first_parent=True)
        self.headers: set[str] = set()   # where the symbol is declared, to tell "absent" from "unreadable"
        self.original = None             # its declaration at GOOD (event "changed")
        self.hints: set[int] | None = None   # the VCS's candidates on the first-parent line

    def run(self, line: list[Revision], old: str | None) -> None:
        store, result = self.store, self.result
        if len(line) < 2:
            result.reason = f"no revision in {result.span.describe()} touches the API's inputs"
            return
        self.hints = self._hints(line, old)           # asked while the ends are being read
        store.ensure([line[0].id, line[-1].id], "reading both ends")
        store.check_some_present([line[0].id, line[-1].id])
        for rev in (line[0], line[-1]):
            model = store.model(rev.id)
            if isinstance(model, ApiModel):
                self.headers |= declared_in(model, self.symbol)
                if rev is line[0]:
                    self.original = declaration(model, self.symbol)
        self._search(line, old, top=True)

    # -- the question asked of each revision ---------------------------------------

    def answer(self, rev_id: str) -> bool | None:
        """Presence of the symbol (or, for `changed`, whether its declaration is the original one);
        None if the model cannot tell (the revision, or the symbol's header, could not be read)."""
        model = self.store.model(rev_id)
        if isinstance(model, Failure):
            return None
        if find_symbol(model, self.symbol):
            self.headers |= declared_in(model, self.symbol)
            return declaration(model, self.symbol) == self.original if self.event == "changed" else True
        unreadable = {part.strip() for p in model.problems for part in p.file.split(",")}
        if unreadable and (not self.headers or self.headers & unreadable):
            return None
        return False

    def _start_value(self, start: bool | None, end: bool | None) -> bool | None:
        """The answer GOOD must give for the event to be possible after it (None: it is not)."""
        if self.event == "removed":
            return True if start else None
        if self.event == "added":
            return False if start is False else None
        if self.event == "changed":
            return True if start else None
        if start and end is False:       # renamed, SYMBOL as the old name
            return True
        if start is False and end:       # renamed, SYMBOL as the new name
            return False
        return None

    def _why_not(self, start, end, line) -> str:
        good, bad = line[0].short, line[-1].short
        if start is None:
            return f"the API cannot be read at {good}, so whether {self.symbol} exists there is unknown"
        if self.event in ("removed", "changed"):
            hint = " (it exists at the end: try --event added)" if end else ""
            return f"{self.symbol} does not exist at {good}, so it cannot be {self.event} after it{hint}"
        if self.event == "added":
            return f"{self.symbol} already exists at {good}, so it cannot be added after it"
        return f"{self.symbol} is neither renamed away nor renamed to between {good} and {bad}"

    # -- searching one line of history ----------------------------------------------

    def _search(self, line: list[Revision], old: str | None, top: bool, wanted: bool | None = None) -> bool:
        """Find the first flip along `line` and record it; False if there is none.  `wanted` is
        the answer before the event (found from both ends on the first-parent line)."""
        result = self.result
        start, end = self.answer(line[0].id), self.answer(line[-1].id)
        if top:
            wanted = self._start_value(start, end)
        if wanted is None or start != wanted:
            if top:
                result.reason = self._why_not(start, end, line)
            return False
        if self.event == "changed" and (end == wanted or self.exhaustive):
            return self._walk_changes(line, top)      # changed and changed back: compare every step
        if end == wanted or self.exhaustive:
            result.method = result.method or "linear walk"
            index, known, unknown = self._first_flip_in_order(line, wanted)
        else:
            result.method = result.method or "search"
            hints = self.hints if top and self.hints is not None else self._hints(line, old)
            index, known, unknown = self._first_flip_search(line, wanted, hints)
        if index is None:
            if top:
                result.reason = self._never(line, wanted)
            return False
        before, found = line[known], line[index]
        findings = self._change(before, found)
        if self.event == "renamed" and not any(is_event(f, "renamed", self.symbol) for f in findings):
            if top:                   # removed (or added), not renamed: look for a rename step by step
                return self._walk_changes(line, top)
            return False
        if top:
            result.found, result.before, result.findings = found, before, findings
            result.unknown_between = unknown
            if end == wanted:
                result.came_back = self._came_back(line, index, wanted)
        else:
            result.merged.append(found)
            result.merged_findings = findings
        self._descend(found, wanted)
        return True

    def _never(self, line: list[Revision], wanted: bool) -> str:
        what = {"removed": "removed", "added": "added", "renamed": "renamed", "changed": "changed"}[self.event]
        state = "declared" if wanted else "absent"
        if self.event == "changed":
            state = "declared the same way"
        return (f"{self.symbol} was {state} at every revision read from {line[0].short} to {line[-1].short}: "
                f"it was never {what} there")

    def _hints(self, line: list[Revision], old: str | None) -> set[int]:
        """Indices of `line` whose diff touches a line naming the symbol (see module comment)."""
        word = self.symbol.rsplit(".", 1)[-1]
        ids = self.session.repo.revisions_matching(old, line[-1].id, word, input_paths(self.session.settings),
                                                   first_parent=True)
        return {i for i, rev in enumerate(line) if rev.id in ids} if ids else set()

    def _first_flip_search(self, line: list[Revision], wanted: bool,
                           hints: set[int]) -> tuple[int | None, int, int]:
        """Search `line` (answer `wanted` at 0, not at the end) for the first index answering
        otherwise; `jobs` revisions per round, hinted ones first, unreadable ones skipped.
        Returns (that index, the last index read before it, how many between could not be read)."""
        lo, hi, unknown, seen = 0, len(line) - 1, set(), {}
        jobs = max(1, self.store.jobs)
        while True:
            candidates = [i for i in range(lo + 1, hi) if i not in unknown]
            if not candidates:
                return hi, lo, sum(1 for i in range(lo + 1, hi) if i in unknown)
            probes = _probes(candidates, sorted(h for h in hints if lo < h <= hi), jobs, seen)
            self.store.ensure([line[i].id for i in probes], "searching")
            for i in probes:
                seen[i] = value = self.answer(line[i].id)
                if value is None:
                    unknown.add(i)
                elif value == wanted:
                    lo = max(lo, i)
                else:
                    hi = min(hi, i)
                    break

    def _first_flip_in_order(self, line: list[Revision], wanted: bool,
                             start: int = 1) -> tuple[int | None, int, int]:
        """The first index from `start` answering otherwise than `wanted`, reading in order;
        (that index, the last index read before it, how many between could not be read)."""
        known, unknown, chunk = start - 1, 0, max(2, 2 * self.store.jobs)
        for lo in range(start, len(line), chunk):
            ids = [r.id for r in line[lo:lo + chunk]]
            self.store.ensure(ids, "reading in order")
            for offset, rev_id in enumerate(ids):
                value = self.answer(rev_id)
                if value is None:
                    unknown += 1
                elif value != wanted:
                    return lo + offset, known, unknown
                else:
                    known, unknown = lo + offset, 0
        return None, known, unknown

    def _came_back(self, line: list[Revision], index: int, wanted: bool) -> Revision | None:
        back, _, _ = self._first_flip_in_order(line, not wanted, index + 1)
        return line[back] if back is not None else None

    def _change(self, before: Revision, found: Revision) -> list[Finding]:
        """The findings about the symbol between two revisions."""
        state = self.stepper.state_of
        findings = self.stepper.findings(state(before.id), state(found.id))
        return concerning(findings, with_aliases({self.symbol}, rename_pairs(findings)))

    # -- merges ------------------------------------------------------------------------

    def _descend(self, found: Revision, wanted: bool) -> None:
        """If `found` is a merge whose second parent already had the change, search that branch."""
        if len(found.parents) < 2:
            return
        side = self._branch(found)
        if side is None or self.answer(found.parents[1]) == wanted:
            return                                  # the merge itself made the change
        self._search(side, found.parents[0], top=False, wanted=wanted)

    def _branch(self, merge: Revision) -> list[Revision] | None:
        """[fork point] + the merged branch's first-parent line touching the inputs."""
        revs = self.session.repo.revisions_between(merge.parents[0], merge.parents[1],
                                                   input_paths(self.session.settings), first_parent=True)
        if not revs or not revs[0].parents:
            return None
        fork = self.store.revision(revs[0].parents[0])
        self.store.remember(revs)
        return [fork] + revs

    # -- changes, step by step ----------------------------------------------------------

    def _walk_changes(self, line: list[Revision], top: bool) -> bool:
        """Compare each revision with the previous one, in order, until the event shows."""
        result = self.result
        result.method = result.method or "linear walk"
        stepper = Stepper(self.store, first_parent=True)
        stepper.prime(line[0].id)
        names, chunk = {self.symbol}, max(2, 2 * self.store.jobs)
        for lo in range(1, len(line), chunk):
            for step in stepper.run(line[lo:lo + chunk], "reading in order"):
                names = with_aliases(names, rename_pairs(step.findings))
                about = concerning(step.findings, names)
                if not any(is_event(f, self.event, n) for f in about for n in names):
                    continue
                if top:
                    result.found, result.findings = step.rev, about
                    result.before = self.store.revision(step.bases[0]) if step.bases else None
                else:
                    result.merged.append(step.rev)
                    result.merged_findings = about
                if step.is_merge:
                    side = self._branch(step.rev)
                    if side is not None:
                        self._walk_changes(side, top=False)
                return True
        if top:
            result.reason = (f"{self.symbol} was never {self.event} between {line[0].short} and {line[-1].short} "
                             "(every revision compared with the one before)")
        return False


def _probes(candidates: list[int], hints: list[int], jobs: int, seen: dict[int, bool | None]) -> list[int]:
    """Which indices to read next: around a hinted revision (it and the one before) when there
    are few hints, else evenly spread over the hints or, without them, over the interval."""
    fresh = [h for h in hints if h in candidates or h - 1 in candidates]
    if fresh and len(fresh) <= jobs:
        wanted = {i for h in fresh for i in (h - 1, h) if i in candidates and i not in seen}
        if wanted:
            return sorted(wanted)[: max(jobs, 2)]
    pool = [h for h in fresh if h in candidates and h not in seen] or candidates
    count = min(jobs, len(pool))
    return sorted({pool[(k + 1) * len(pool) // (count + 1)] for k in range(count)})
