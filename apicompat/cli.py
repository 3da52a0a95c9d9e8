"""The command line: one click group; each command parses options and calls the library.

Library exceptions (apicompat.errors) become one message and exit status 1;
usage errors exit 2; a diff exits with the bit field 0 / 4 (changed) /
12 (changed, breaking).
"""
from __future__ import annotations

import dataclasses
import functools
import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import ApicompatError
from .extract.config import DEFAULT_HEADER_GLOB, IncludeDir
from .diff.finding import SEVERITIES
from .result import EXIT_ERROR
from .trust import is_tree_relative

EPILOG = """\b
Exit status (a bit field, like abidiff):
  0  no API change          4  API changed, additions only
  12 a change breaks code   1  error (bad revision, header, compiler)
  2  usage error
  +32 incomplete: some public headers could not be read at a revision;
      the verdict covers only the others (e.g. 44 = 12 + 32)"""


def fail(message: str) -> None:
    from .report.safe_text import printable
    click.echo(f"apicompat: error: {printable(message)}", err=True)
    sys.exit(EXIT_ERROR)


def handle_errors(fn):
    """Turn library errors into one message and exit 1 (never a traceback)."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from .progress import set_sink
        if sys.stderr.isatty():      # progress notes only for a person watching
            from .report.safe_text import printable
            set_sink(lambda message: click.echo(click.style(printable(message), dim=True), err=True))
        from .progress import set_warning_sink
        set_warning_sink(warn)
        try:
            return fn(*args, **kwargs)
        except ApicompatError as exc:
            fail(str(exc))
        except BrokenPipeError:          # `apicompat kinds | head`: the reader has what it wanted
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        except OSError as exc:           # a file we were asked to write or read
            fail(f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc))
        except KeyboardInterrupt:
            click.echo("apicompat: interrupted", err=True)
            sys.exit(130)
    return wrapper


def extract_options(fn):
    """Options shared by every command that reads headers at revisions."""
    options = [
        click.option("--repo", "repo", default=".", show_default=True, metavar="PATH",
                     help="The git or Mercurial repository (work tree, bare repository or mirror)."),
        click.option("--header", "headers", multiple=True, metavar="GLOB",
                     help=f"Public headers, repository-relative ('*' stays in a folder, '**' crosses). "
                          f"Repeatable. Default: {DEFAULT_HEADER_GLOB}"),
        click.option("-I", "includes", multiple=True, metavar="DIR[=NAME]",
                     help="Add an include directory: repository-relative at each revision, or absolute. "
                          "DIR=NAME makes <NAME/x.h> find DIR/x.h (e.g. -I xen/include/public=xen)."),
        click.option("-D", "defines", multiple=True, metavar="NAME[=VALUE]",
                     help="Define a macro while preprocessing."),
        click.option("--cc", "compiler", default=None, help="The C preprocessor driver [default: cc]."),
        click.option("--target", "target_triple", default=None, metavar="TRIPLE",
                     help="Judge sizes, offsets and calling conventions for this target (e.g. "
                          "i686-linux-gnu), not the host: uses TRIPLE-gcc, clang --target, or the host "
                          "gcc's -m32."),
        click.option("--profile", "profile", metavar="NAME|FILE",
                     help="A profile: built-in name (e.g. xen-libxl) or a TOML file. "
                          "Default: ./apicompat.toml if it exists."),
        click.option("--trust", is_flag=True,
                     help="Allow the profile's generators to run code from the analysed repository."),
        click.option("--strict", is_flag=True,
                     help="Fail when a header cannot be read in full, instead of reporting it as a problem."),
        click.option("--exclude", "excludes", multiple=True, metavar="GLOB",
                     help="Leave out headers the --header globs (or the profile) match, e.g. a platform's "
                          "stand-ins: --exclude 'include/*/stdint.h'. Repeatable."),
    ]

    @functools.wraps(fn)
    def packed(*args, headers, excludes, includes, defines, compiler, target_triple, profile, trust, strict,
               **kwargs):
        return fn(*args, xo=ExtractOptions(headers, excludes, includes, defines, compiler, profile, trust, strict,
                                           target_triple), **kwargs)
    for option in reversed(options):
        packed = option(packed)
    return packed


@dataclasses.dataclass
class ExtractOptions:
    """The shared extraction options of one command line; `settings(repo)` turns them into Settings."""
    headers: tuple = ()
    excludes: tuple = ()
    includes: tuple = ()
    defines: tuple = ()
    compiler: str | None = None
    profile: str | None = None
    trust: bool = False
    strict: bool = False
    target: str | None = None

    def settings(self, repo: str = "."):
        return make_settings(self.headers, self.includes, self.defines, self.compiler, self.profile,
                             self.trust, self.strict, repo, self.excludes, self.target)


def config_dirs(repo: str) -> list[Path]:
    """Where `apicompat.toml` may be: the current directory, then the repository's top folder."""
    from .errors import RepositoryError
    from .vcs import detect
    dirs = [Path.cwd()]
    try:
        root = detect(repo)[1]
    except RepositoryError:
        return dirs
    return dirs if root.resolve() == Path.cwd().resolve() else dirs + [root]


def repo_root(repo: str) -> Path | None:
    """The analysed repository's top folder (None when `repo` is not one: the command will say so)."""
    from .errors import RepositoryError
    from .vcs import detect
    try:
        return detect(repo)[1]
    except RepositoryError:
        return None


def make_settings(headers, includes, defines, compiler, profile, trust, strict, repo=".", excludes=(), target=None):
    """Settings from the shared options (profile first, command line on top).

    A profile file inside the analysed repository is the repository's own: unless
    trusted, the keys that say how to run anything are dropped, with a warning."""
    from .profiles import find_profile, load_profile
    from .settings import Settings
    from .extract.config import bad_define
    for define in defines:
        if bad_define(define):
            raise click.BadParameter(bad_define(define), param_hint="-D")
    root = repo_root(repo)
    chosen = load_profile(profile, root, trust) if profile else next(
        (p for p in (find_profile(d, root, trust) for d in config_dirs(repo)) if p is not None), None)
    if chosen is not None and chosen.ignored and chosen.origin == "found":
        warn(f"{chosen.path}: ignored what a profile found in the current folder may not set until you say "
             "it is yours (the folder could hold someone else's files): " + "; ".join(chosen.ignored)
             + f". Name it with --profile {chosen.path}, pass --trust for this run, or trust the file as it is "
             f"with `apicompat trust {chosen.path}`.")
    elif chosen is not None and chosen.ignored:
        warn(f"{chosen.path}: ignored what the analysed repository's own profile may not set: "
             + "; ".join(chosen.ignored)
             + f". Pass --trust for this run, or trust the file as it is with `apicompat trust {chosen.path}`.")
    include_dirs = [IncludeDir(*(inc.split("=", 1) + [""])[:2]) for inc in includes]
    for inc in include_dirs:
        if inc.as_name and not is_tree_relative(inc.as_name):
            raise click.BadParameter(f"in {inc.path}={inc.as_name}, NAME must be a relative name without '..'",
                                     param_hint="-I")
    target_flags: list[str] = []
    if target:
        from .target import TargetError, compiler_for
        try:
            compiler, target_flags = compiler_for(target, compiler)
        except TargetError as exc:
            raise click.BadParameter(str(exc), param_hint="--target") from None
    return Settings(profile=chosen, headers=list(headers), excludes=list(excludes), defines=list(defines),
                    compiler=compiler, include_dirs=include_dirs, trust=trust, strict=strict,
                    target=target or "", target_flags=target_flags)


def load_accept_option(accept_file: Path | None, repo: str = "."):
    """The acknowledgements: --accept FILE, else apicompat.toml (current directory, then repository)."""
    from .accept import load_accepts
    if accept_file is not None:
        return load_accepts(accept_file)
    from .trust import is_inside
    root = repo_root(repo)
    for folder in config_dirs(repo):
        if (folder / "apicompat.toml").is_symlink():
            continue                  # not read through a link (see profiles.find_profile)
        if (folder / "apicompat.toml").is_file():
            accepts = load_accepts(folder / "apicompat.toml")
            if accepts and root is not None and is_inside(folder / "apicompat.toml", root, follow_links=False):
                # A pull request can accept its own breaking change: honoured (that is how a
                # maintainer records a deliberate break), but never silently.
                warn(f"{len(accepts)} [[accept]] entr{'y' if len(accepts) == 1 else 'ies'} from "
                     f"{folder / 'apicompat.toml'}, inside the analysed repository, can excuse findings "
                     "(they are listed as accepted); pass --accept FILE to use only yours")
            return accepts
    return []


def unused_accepts(accepts, findings):
    """Acknowledgements that cover nothing any more: likely stale."""
    everything = [m for f in findings for m in [f, *f.members]]
    return [a for a in accepts if not any(a.covers(f) for f in everything)]


def write_output(out: Path, text: str, make_parent: bool = False) -> None:
    """Write a report or header; a path that cannot be written is one clear error.

    The folder must exist (a typo in a path is an error, not a new folder), unless
    `make_parent` (apicompat's own default paths, e.g. reports/)."""
    from .errors import ApicompatError
    from .trust import is_inside
    if not make_parent and not out.parent.is_dir():
        raise ApicompatError(f"cannot write {out}: folder {out.parent} does not exist")
    if out.is_symlink():        # a symlink planted where a report goes could point at ~/.ssh/...
        raise ApicompatError(f"refused to write {out}: it is a symbolic link")
    if make_parent and not is_inside(out.parent if out.parent.exists() else Path.cwd(), Path.cwd()):
        raise ApicompatError(f"refused to write {out}: its default folder leads outside the current folder")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text)
    except OSError as exc:
        raise ApicompatError(f"cannot write {out}: {exc.strerror or exc}") from None


def terminal_safe(text: str, fmt: str) -> str:
    """Plain-text formats show repository text with control characters escaped (JSON escapes its own)."""
    from .report.safe_text import printable
    return printable(text) if fmt in ("text", "markdown") else text


def arg_values(args) -> dict[str, str]:
    """--arg FUNC.PARAM=EXPR options as {"FUNC.PARAM": "EXPR"}."""
    values = {}
    for given in args:
        key, sep, expr = given.partition("=")
        if not sep or "." not in key or not expr.strip():
            raise click.BadParameter(f"'{given}' is not FUNC.PARAM=EXPR", param_hint="--arg")
        values[key.strip()] = expr.strip()
    return values


def warn(message: str) -> None:
    from .report.safe_text import printable
    click.echo(f"apicompat: warning: {printable(message)}", err=True)


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="apicompat")
def main():
    """What changed in a C library's API between two revisions, and what to do about it.

    \b
    Start here:
      apicompat example /tmp/libdemo          # a small library with a history
      apicompat diff v1.0 v2.0 --repo /tmp/libdemo -D DEMO_TOOLS
    """
    from .memory import tune
    tune()                  # the cycle collector's full passes, rarer (apicompat/memory.py)


def revision_pair(old, new, base) -> tuple[str, str]:
    """OLD NEW; OLD alone (NEW = the working tree); --base BRANCH [NEW] (OLD = their merge base)."""
    from .api import BASE_PREFIX
    from .vcs.worktree import WORKTREE
    if base:
        if new is not None:
            raise click.UsageError("with --base, give at most one revision (NEW; default: HEAD/tip)")
        return BASE_PREFIX + base, old or ""
    if old is None:
        raise click.UsageError("name the revision to compare with: OLD [NEW], or --base BRANCH")
    return old, new or WORKTREE


PAIR_HELP = """\b
OLD NEW   two revisions
OLD       OLD against the files on disk (uncommitted changes included)
--base BRANCH [NEW]   NEW (default HEAD) against its merge base with BRANCH:
          what a pull request changes"""


@main.command(epilog=EPILOG)
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--base", metavar="BRANCH", help="Compare NEW (default: HEAD/tip) with its merge base with BRANCH.")
@extract_options
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html", "sarif", "github"]),
              default="text", show_default=True,
              help="Report format: sarif (2.1.0, for code scanning), github (workflow annotations at each "
                   "header line), markdown (a PR comment).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write the report to FILE instead of standard output.")
@click.option("--fail-on", type=click.Choice(["breaking", "abi"]), default="breaking", show_default=True,
              help="Which severity sets the 'breaking' exit bit: source breaks only, or ABI breaks too.")
@click.option("--accept", "accept_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Acknowledged changes ([[accept]] kind/symbol/reason). Default: ./apicompat.toml if it has any.")
@click.option("--show", "show", type=click.Choice(["breaking", "abi", "compatible", "info"]), default="info",
              show_default=True,
              help="List findings of this severity and worse (breaking < abi < compatible < info); "
                   "the summary and exit status still count everything.")
@click.option("-v", "--verbose", is_flag=True, help="Show all evidence and whole declarations.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the model cache (see `apicompat log --help`).")
@handle_errors
def diff(old, new, base, repo, xo, fmt, out, fail_on,
         accept_file, show, verbose, no_cache):
    """Classify every API change between revisions OLD and NEW.

    OLD and NEW are any revision names the repository's VCS understands:
    tags, branches, bookmarks, hashes, HEAD~3, tip, .^ and so on.  Nothing
    in the repository is changed: files are read at those revisions (or,
    for the working tree, from disk).

    \b
    Example:
      apicompat diff RELEASE-1.0 HEAD --repo ~/src/lib --header 'include/*.h'
      apicompat diff HEAD                  # your uncommitted header edits
      apicompat diff --base origin/main    # what this branch (a pull request) changes
    """
    from .api import diff_revisions
    from .report import render
    old, new = revision_pair(old, new, base)
    fail_levels = ("breaking",) if fail_on == "breaking" else ("breaking", "abi")
    settings = xo.settings(repo)
    accepts = load_accept_option(accept_file, repo)
    result = diff_revisions(repo, old, new, settings, fail_levels, accepts, use_cache=not no_cache)
    result.shown = SEVERITIES[:SEVERITIES.index(show) + 1]
    for entry in unused_accepts(accepts, result.findings):
        warn(f"[[accept]] kind={entry.kind} symbol={entry.symbol} matches no finding (stale?)")
    color = fmt == "text" and not out and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = render(result, fmt, **({"verbose": verbose, "color": color} if fmt == "text" else {}))
    if out:
        write_output(out, text)
        click.echo(f"{result.verdict}; report written to {out}", err=True)
    else:
        click.echo(text, nl=False)
    sys.exit(result.exit_status)


@main.command(name="accept")
@click.argument("old")
@click.argument("new", required=False)
@extract_options
@click.option("--reason", required=True, help="Why these changes are acknowledged (kept beside each entry).")
@click.option("--kind", "kinds", multiple=True, metavar="KIND", help="Only findings of this kind (repeatable).")
@click.option("--severity", "severities", multiple=True, default=("breaking", "abi"), show_default=True,
              type=click.Choice(["breaking", "abi", "compatible", "info"]), help="Which findings to acknowledge.")
@click.option("--file", "target", type=click.Path(dir_okay=False, path_type=Path), default=Path("apicompat.toml"),
              show_default=True, help="The file to append [[accept]] entries to (created if missing).")
@handle_errors
def accept_command(old, new, repo, xo, reason, kinds, severities, target):
    """Acknowledge today's findings from OLD to NEW as a baseline, so CI fails only on new ones.

    Appends one [[accept]] entry (kind, symbol, reason) per finding to
    apicompat.toml; `diff` then still lists them, marked, but they no longer
    set the breaking exit bit.
    """
    from .accept import baseline_entries
    from .api import diff_revisions
    if not reason.strip():
        raise click.BadParameter("give a reason", param_hint="--reason")
    old, new = revision_pair(old, new, None)
    result = diff_revisions(repo, old, new, xo.settings(repo), accepts=load_accept_option(None, repo))
    text = baseline_entries(result.findings, reason, tuple(kinds), tuple(severities))
    if not text:
        click.echo("nothing to acknowledge: no such finding is unacknowledged", err=True)
        return
    if not target.parent.is_dir():
        fail(f"cannot write {target}: folder {target.parent} does not exist")
    if target.is_symlink():
        fail(f"refused to write {target}: it is a symbolic link")
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(text)
    click.echo(f"acknowledged {text.count('[[accept]]')} finding(s) in {target}", err=True)


@main.command()
@click.option("--explain", metavar="KIND", help="Explain one change kind in full.")
@click.option("--markdown", is_flag=True, help="Print the whole catalogue as Markdown (docs/changes.md).")
@handle_errors
def kinds(explain, markdown):
    """List the change kinds apicompat reports, with their severity."""
    from .diff import catalogue
    from .report.kinds_doc import render_kind_text, render_kinds_markdown
    if explain:
        if explain not in catalogue.load():
            raise click.BadParameter(f"unknown kind '{explain}' (see 'apicompat kinds')", param_hint="--explain")
        click.echo(render_kind_text(explain))
    elif markdown:
        click.echo(render_kinds_markdown(), nl=False)
    else:
        for kind in catalogue.load().values():
            click.echo(f"{kind.id:34} {kind.severity:10} {kind.title}")


@main.command()
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@click.option("--vcs", type=click.Choice(["git", "hg"]), default="git", show_default=True)
@handle_errors
def example(dest, vcs):
    """Create the bundled example repository (libdemo 1.0 -> 1.1 -> 2.0) at DEST.

    \b
    Then try:
      apicompat diff v1.0 v2.0 --repo DEST -D DEMO_TOOLS
    """
    from .example import DEFINES, TAGS, create_example
    create_example(dest, vcs)
    defines = " ".join(f"-D {d}" for d in DEFINES)
    click.echo(f"created {vcs} repository {dest} with tags {', '.join(TAGS)}\n"
               f"try: apicompat diff {TAGS[0]} {TAGS[-1]} --repo {dest} {defines}")


@main.command()
@click.argument("old")
@click.argument("new", required=False)
@extract_options
@click.option("--for", "direction", type=click.Choice(["new-code", "old-code"]), default="new-code",
              show_default=True,
              help="new-code: source written against NEW also builds against OLD; "
                   "old-code: source written against OLD also builds against NEW.")
@click.option("--detect", metavar="[!]MACRO",
              help="The macro only NEW defines (or, with !, only OLD defines). Default: found automatically.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write the shim to FILE instead of standard output.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the model cache (see `apicompat log --help`).")
@click.option("--consumer", "consumer", multiple=True, metavar="PATH",
              help="Your code (files or folders): map only what it uses, include only what it includes.")
@click.option("--consumer-cflags", default="", metavar="FLAGS", help="The flags your code compiles with.")
@click.option("--compile-commands", type=click.Path(dir_okay=False, exists=True), metavar="FILE",
              help="A compilation database (compile_commands.json) with each file's flags.")
@click.option("--arg", "args", multiple=True, metavar="FUNC.PARAM=EXPR",
              help="The value to pass where the other revision's function takes a parameter old calls lack "
                   "(e.g. --arg demo_init_create_info.ctx=ctx). Without it such calls stay on the checklist.")
@click.option("--allow-lossy", is_flag=True,
              help="Also adapt calls by dropping arguments the other revision has no parameter for "
                   "(this can change what the program does: a reboot request becoming a shutdown).")
@click.option("--check", is_flag=True,
              help="With --consumer: compile your code against both revisions without and with the shim, and "
                   "say how many errors each gives and any the shim adds.")
@handle_errors
def shim(old, new, repo, xo, direction, detect, out, no_cache, consumer, consumer_cflags, compile_commands,
         args, allow_lossy, check):
    """Write a compat header so one source builds against both OLD and NEW.

    It maps renamed functions, types, enumerators and macros, adapts calls
    whose parameters were added or removed, defines macros NEW's headers
    demand, and lists everything it cannot map as a porting checklist.
    Include it instead of the library's headers (it includes them first).

    \b
    Example:
      apicompat shim v1.0 v2.0 --repo /tmp/libdemo -D DEMO_TOOLS --out demo_compat.h
    """
    from .api import shim_between
    settings = xo.settings(repo)
    from .shim.generate import Options
    values = arg_values(args)
    options = Options(values=values, allow_lossy=allow_lossy)
    old, new = revision_pair(old, new, None)
    result_shim, result = shim_between(repo, old, new, settings, direction, detect, use_cache=not no_cache,
                                       options=options, consumer=list(consumer), cflags=consumer_cflags,
                                       compile_commands=compile_commands, check=check)
    for message in result_shim.warnings:
        warn(message)
    if check and result_shim.check is None:
        raise click.UsageError("--check needs your code: --consumer PATH or --compile-commands FILE")
    if result_shim.check:
        for label, name in (("old", old), ("new", new)):
            c = result_shim.check[label]
            if c.get("withheld"):
                click.echo(f"against {name}: no errors shown: {c['withheld']}", err=True)
                continue
            click.echo(f"against {name}: {c['before']} error line(s) without the shim, {c['after']} with it"
                       + (f"; the shim adds {c['added']}: {', '.join(c['added_lines'][:5])}" if c["added"] else ""),
                       err=True)
    if out:
        write_output(out, result_shim.text)
        breaking = [f for f in result.findings if f.severity == "breaking"]
        mapped = sum(1 for f in breaking if result_shim.coverage.get(f.symbol) == "mapped")
        click.echo(f"shim written to {out}: maps {mapped} of {len(breaking)} breaking finding(s); "
                   f"the other {len(breaking) - mapped} are on its porting checklist", err=True)
    else:
        click.echo(result_shim.text, nl=False)


@main.command()
@click.argument("old")
@click.argument("new", required=False)
@extract_options
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Where to write the HTML report. Default: reports/<repo>-<OLD>-<NEW>.html")
@click.option("--format", "fmt", type=click.Choice(["html", "json", "markdown", "text", "sarif", "github"]),
              default="html", show_default=True)
@click.option("--file-url", metavar="TEMPLATE",
              help="Link each file:line in the HTML report, e.g. "
                   "'https://git.example.org/lib/tree/{path}?id={rev}#n{line}' ({rev}, {short}, {path}, {line}).")
@click.option("--rev-url", metavar="TEMPLATE",
              help="Link the revisions in the HTML report, e.g. 'https://git.example.org/lib/commit/?id={rev}'.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the model cache (see `apicompat log --help`).")
@click.option("--consumer", "consumer", multiple=True, metavar="PATH",
              help="Your code (C files or folders, repeatable): the HTML report gains a \"Your code\" section "
                   "listing each of your lines that uses something that changed (as `apicompat impact`).")
@click.option("--consumer-cflags", default="", metavar="FLAGS", help="The flags your code compiles with.")
@click.option("--compile-commands", type=click.Path(dir_okay=False, exists=True), metavar="FILE",
              help="A compilation database (compile_commands.json) with each file's flags.")
@handle_errors
def report(old, new, repo, xo, out, fmt, file_url, rev_url, no_cache, consumer, consumer_cflags, compile_commands):
    """Write a self-contained report of the changes from OLD to NEW (HTML by default).

    The HTML report opens offline: verdict and summary first, then (with
    --consumer) your lines that use what changed, then each finding with old
    and new declarations side by side, families collapsed, and which findings
    the compat shim maps.
    """
    from .api import impact_between, shim_between
    from .report import render
    old, new = revision_pair(old, new, None)
    settings = xo.settings(repo)
    result_shim, result = shim_between(repo, old, new, settings, use_cache=not no_cache)
    links = {k: v for k, v in (("file_url", file_url), ("rev_url", rev_url)) if v}
    options = {"shim_coverage": result_shim.coverage, "links": links or None} if fmt == "html" else {}
    if (consumer or compile_commands) and fmt == "html":
        found, _ = impact_between(repo, old, new, settings, list(consumer), consumer_cflags, compile_commands,
                                  use_cache=not no_cache, accepts=load_accept_option(None, repo))
        for file, why in sorted(found.unread.items()):
            warn(f"could not read {file}: {why}")
        options["consumer"] = [site.to_dict() for site in found.sites]
    elif consumer or compile_commands:
        warn("--consumer adds a section to the HTML report only; use `apicompat impact` for other formats")
    text = render(result, fmt, **options)
    default = out is None
    if default:
        ext = {"html": "html", "json": "json", "markdown": "md", "text": "txt", "sarif": "sarif",
               "github": "txt"}[fmt]
        out = Path("reports") / f"{_safe(repo_label(result.repo))}-{_safe(old)}-{_safe(new)}.{ext}"
    write_output(out, text, make_parent=default)
    click.echo(f"{result.verdict}; report written to {out}")
    sys.exit(result.exit_status)


@main.command(epilog=EPILOG)
@click.argument("old")
@click.argument("new", required=False)
@extract_options
@click.option("--consumer", "consumer", multiple=True, metavar="PATH",
              help="Your code: C files or folders (repeatable). Default: the files of --compile-commands.")
@click.option("--consumer-cflags", default="", metavar="FLAGS",
              help="The flags your code compiles with (-I, -D, -std), e.g. \"-Iinclude -DHAVE_CONFIG_H\".")
@click.option("--compile-commands", type=click.Path(dir_okay=False, exists=True), metavar="FILE",
              help="A compilation database (compile_commands.json) with each file's flags.")
@click.option("--check", is_flag=True,
              help="Also compile your code against both revisions and say which errors impact did not predict.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE")
@click.option("--no-cache", is_flag=True, help="Do not read or write the model cache.")
@handle_errors
def impact(old, new, repo, xo, consumer, consumer_cflags, compile_commands, check, fmt, out, no_cache):
    """Which of YOUR lines use something that changed from OLD to NEW, and the fix for each.

    Your sources are preprocessed against OLD's headers (as installed) with
    your flags; every call, enumerator, type, member access (`x.kernel` where
    `x` is a record that changed) and macro that a finding is about is listed
    with file:line:col.  The exit status counts only what you use.

    \b
    Example:
      apicompat impact v1.0 v2.0 --repo /tmp/libdemo -D DEMO_TOOLS --consumer src/ --check
    """
    from .api import impact_between
    from .report.impact_report import render_impact
    if not consumer and not compile_commands:
        raise click.UsageError("name your code with --consumer PATH or --compile-commands FILE")
    old, new = revision_pair(old, new, None)
    settings = xo.settings(repo)
    found, result = impact_between(repo, old, new, settings, list(consumer), consumer_cflags, compile_commands,
                                   check, use_cache=not no_cache, accepts=load_accept_option(None, repo))
    text = render_impact(found, result, fmt)
    if out:
        write_output(out, text)
    else:
        click.echo(text, nl=False)
    sys.exit(result.exit_status)


@main.command(epilog=EPILOG)
@click.argument("old")
@click.argument("new")
@extract_options
@click.option("--consumer", "consumer", multiple=True, metavar="PATH", help="Your code: C files or folders.")
@click.option("--consumer-cflags", default="", metavar="FLAGS", help="The flags your code compiles with.")
@click.option("--compile-commands", type=click.Path(dir_okay=False, exists=True), metavar="FILE",
              help="A compilation database (compile_commands.json) with each file's flags.")
@click.option("--arg", "args", multiple=True, metavar="FUNC.PARAM=EXPR",
              help="The value to pass for a parameter NEW adds (else a placeholder that does not compile).")
@click.option("--allow-lossy", is_flag=True, help="Also drop arguments NEW no longer takes (may change behaviour).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), metavar="PATCH",
              help="Write the unified diff to PATCH instead of standard output.")
@click.option("--cocci", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Also write the semantic patch (SmPL) apicompat made.")
@click.option("--apply", is_flag=True, help="Edit your files in place (only the consumer files you named).")
@click.option("--check", is_flag=True, help="Compile the patched code against NEW; map each error left to the checklist.")
@handle_errors
def migrate(old, new, repo, xo, consumer, consumer_cflags, compile_commands, args, allow_lossy, out, cocci, apply,
            check):
    """Port YOUR code from OLD's API to NEW's: a patch made with Coccinelle (spatch).

    Renames (families included), arguments added or dropped, and members
    moved or regrouped are rewritten for the uses in your code; what cannot
    be migrated mechanically is printed as a checklist with file:line.
    Nothing is written unless --apply, and then only your files.

    \b
    Example:
      apicompat migrate v1.0 v2.0 --repo /tmp/libdemo -D DEMO_TOOLS --consumer src/ --out port.patch
    """
    from .api import migrate_between
    if not consumer and not compile_commands:
        raise click.UsageError("name your code with --consumer PATH or --compile-commands FILE")
    values = arg_values(args)
    settings = xo.settings(repo)
    plan, patch, found, checked = migrate_between(repo, old, new, settings, list(consumer), consumer_cflags,
                                                  compile_commands, values, allow_lossy, apply, check)
    for message in plan.warnings:
        warn(message)
    if cocci:
        write_output(cocci, plan.smpl())
    if apply:
        click.echo(f"edited {len(patch.changed)} file(s): {', '.join(patch.changed) or 'none'}", err=True)
    elif out:
        write_output(out, patch.diff)
        click.echo(f"patch written to {out} ({len(patch.changed)} file(s))", err=True)
    else:
        click.echo(patch.diff, nl=False)
    sys.stdout.flush()                     # the patch before the notes on stderr
    for file, why in sorted(patch.failed.items()):
        warn(f"spatch could not patch {file}: {why}")
    _print_checklist(plan, found)
    if found.check and found.check.get("withheld"):
        click.echo(f"after the patch, against {new}: no errors shown: {found.check['withheld']}", err=True)
    elif checked is not None:
        click.echo(f"after the patch, {len(checked)} error(s) against {new}", err=True)
        for e in checked:
            click.echo(f"  {e['file']}:{e['line']}: {e['message']}"
                       + (f"  <- checklist: {e['checklist']}" if e["checklist"] else "  <- not on the checklist"),
                       err=True)


def _print_checklist(plan, found) -> None:
    """What the patch could not do, with the lines of your code it concerns."""
    if not plan.checklist:
        return
    from .report.safe_text import printable
    click.echo(f"Checklist: {len(plan.checklist)} change(s) to make by hand:", err=True)
    for f, why in plan.checklist:
        sites = [s for s in found.sites if s.finding is f]
        where = ", ".join(f"{s.use.file}:{s.use.line}" for s in sites[:6]) + (" ..." if len(sites) > 6 else "")
        click.echo(printable(f"  - {f.symbol} [{f.kind}] at {where}: {why}"), err=True)


def repo_label(path: str) -> str:
    """A repository's name for file names: its folder, or the folder above a bare `repo`/`x.git`."""
    p = Path(path)
    if p.name in ("repo", ".git", "repository") and p.parent.name:
        p = p.parent
    return p.name[:-4] if p.name.endswith(".git") and len(p.name) > 4 else p.name


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in name)


@main.command()
@click.argument("rev")
@extract_options
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, metavar="DIR",
              help="Directory to write the headers into (created if needed).")
@click.option("--deps/--no-deps", default=True, show_default=True,
              help="Also write the headers of the include directories they need "
                   "(the profile's stand-ins for absent dependencies included).")
@handle_errors
def snapshot(rev, repo, xo, out, deps):
    """Write REV's public headers, generated ones included, as an installation lays them out.

    Compile anything against any revision with `cc -I DIR` (plus the
    profile's defines, e.g. -D__XEN_TOOLS__).
    """
    from .api import write_snapshot
    from .report.safe_text import printable
    settings = xo.settings(repo)
    standins: list[str] = []
    written = write_snapshot(repo, rev, settings, out, deps, standins)
    click.echo(f"wrote {len(written)} header(s) to {out}")
    if standins:
        click.echo(printable(f"{len(standins)} of them are the profile's stand-ins, not headers this revision "
                             f"produces (another part of its build installs the real ones): "
                             + ", ".join(sorted(standins))))


@main.command(name="trust")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--repo", default=".", show_default=True, metavar="PATH",
              help="The repository whose apicompat.toml to trust (when FILE is not given).")
@click.option("--revoke", is_flag=True, help="Forget the trust given to FILE.")
@click.option("--list", "list_", is_flag=True, help="List the files you trust, with their SHA-256.")
@handle_errors
def trust_command(file, repo, revoke, list_):
    """Trust a repository's own apicompat.toml as it is now (like direnv allow).

    A repository's own profile may say what to read, but not how to run
    anything: its compiler, cflags, generators, trust and folders outside the
    repository are ignored until you trust it.  Trust is recorded for the
    file's exact content (SHA-256) in your config folder
    ($APICOMPAT_CONFIG_DIR, else $XDG_CONFIG_HOME/apicompat); after any change
    to the file, it must be trusted again.  --trust trusts for one run only.
    """
    from . import trust as trust_store
    if list_:
        for path, digest in sorted(trust_store.trusted_files().items()):
            click.echo(f"{digest[:16]}  {path}")
        return
    if file is None:
        root = repo_root(repo)
        if root is None:
            fail(f"{repo} is not inside a git or Mercurial repository (name the file to trust)")
        file = root / "apicompat.toml"
    if revoke:
        found = trust_store.revoke_trust(file)
        click.echo(f"{'no longer trusted' if found else 'was not trusted'}: {file}")
        return
    if not file.is_file():
        fail(f"{file}: no such file")
    digest = trust_store.record_trust(file)
    click.echo(f"trusted {file} (sha256 {digest[:16]}...): its generators, compiler and flags may run "
               "until the file changes")


@main.group(name="profile")
def profile_group():
    """Inspect profiles (built-in ones and your own apicompat.toml)."""


@profile_group.command(name="list")
def profile_list():
    """List the built-in profiles."""
    from .profiles import builtin_names, load_profile
    for name in builtin_names():
        click.echo(f"{name:16} {load_profile(name).description}")


@profile_group.command(name="init")
@click.argument("rev", default=None, required=False)
@click.option("--repo", default=".", show_default=True, metavar="PATH", help="The repository to look at.")
@click.option("--header", "headers", multiple=True, metavar="GLOB", help="Start from these header globs.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("apicompat.toml"),
              show_default=True, metavar="FILE", help="Where to write the profile ('-' for standard output).")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@handle_errors
def profile_init(rev, repo, headers, out, force):
    """Look at the repository at REV (default: HEAD/tip) and write a first, commented profile.

    It proposes header globs, excludes headers that fail on their own for a
    platform reason (a library's stdint.h stand-in, a Windows-only header),
    and adds the defines a header demands; review it before use.
    """
    from .history.walk import head_name
    from .profiles.init import propose, render_profile
    from .vcs import open_repository
    with open_repository(repo) as r:
        revision = r.resolve(rev or head_name(r))
        proposal = propose(r, revision, list(headers) or None)
        text = render_profile(proposal, Path(r.path).resolve().name, rev or revision.short)
    if str(out) == "-":
        click.echo(text, nl=False)
        return
    if out.exists() and not force:
        fail(f"{out} exists (use --force to overwrite it, or --out FILE)")
    write_output(out, text)
    click.echo(f"wrote {out}: {proposal.read} of {proposal.total} public header(s) read at "
               f"{rev or revision.short}; {len(proposal.excludes)} excluded, {len(proposal.defines)} define(s)",
               err=True)


@profile_group.command(name="show")
@click.argument("rev", default="HEAD")
@extract_options
@handle_errors
def profile_show(rev, repo, xo):
    """Print the effective extraction settings at REV (which era, headers, includes, defines, generators)."""
    from .report.safe_text import printable
    from .vcs import open_repository

    def echo(line: str) -> None:      # names, globs and files come from the repository's profile
        click.echo(printable(line))
    settings = xo.settings(repo)
    with open_repository(repo) as r:
        revision = r.resolve(rev)
        config = settings.config_at(r, revision.id)
        files = r.list_files(revision.id, config.headers)
    echo(f"revision:   {rev} ({revision.short})")
    echo(f"profile:    {config.profile or '(none: command line only)'}")
    echo(f"headers:    {', '.join(config.headers)}")
    echo(f"            matches {len(files)} file(s): {', '.join(files[:12])}{' ...' if len(files) > 12 else ''}")
    for d in config.include_dirs:
        echo(f"include:    {d.path}" + (f" as <{d.as_name}/...>" if d.as_name else ""))
    echo(f"defines:    {' '.join(config.defines) or '(none)'}")
    echo(f"compiler:   {config.compiler} {' '.join(config.cflags)}".rstrip())
    if config.optional:
        echo(f"optional:   {', '.join(config.optional)}")
    for g in config.generators:
        echo(f"generator:  {g.name} ({g.type}) -> {', '.join(g.outputs) or 'outputs chosen at run time'}"
                   f"{'' if config.trust else '  [needs --trust]'}")


# -- history: log, bisect, timeline (apicompat.history) ----------------------------------

RANGE_HELP = """\b
RANGE is OLD..NEW (the revisions after OLD up to NEW), OLD.. (up to HEAD/tip),
..NEW or NEW (from the first revision), or nothing (the whole history).
"""

HISTORY_EPILOG = """\b
Only revisions that touch the API's inputs (public headers, include
directories, generator inputs) are read.  Models are cached by the hash of
their inputs in $APICOMPAT_CACHE_DIR, else $XDG_CACHE_HOME/apicompat
(~/.cache/apicompat), so a second run reads no header again.

\b
Exit status:
  0  answered               1  error (bad revision, header, compiler)
  2  usage error            16 not found (the symbol, or the event, is not in the range)"""


BISECT_EPILOG = """\b
GOOD is the revision before the event (default: the first revision), BAD
the one after it (default: HEAD/tip).
""" + HISTORY_EPILOG


def history_options(fn):
    """Options shared by log, bisect and timeline."""
    options = [
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
                     help="Extract in N processes [default: one per CPU]."),
        click.option("--scheduler", metavar="ADDRESS", default=None,
                     help="Extract on a Dask cluster (tcp://host:8786) instead of local processes; its workers "
                          "must see the repository at the same path. Needs `pip install 'apicompat[cluster]'`."),
        click.option("--no-cache", is_flag=True, help="Do not read or write the model cache."),
        click.option("--accept", "accept_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
                     help="Acknowledged changes, marked as such (default: apicompat.toml if it has any)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _acknowledge(findings, accept_file, repo) -> None:
    """Mark acknowledged findings in history output, as diff does."""
    from .accept import apply_accepts
    apply_accepts(list(findings), load_accept_option(accept_file, repo))


def _history_cache(no_cache: bool):
    return ":memory:" if no_cache else None


def _progress():
    from .history.progress import terminal_progress
    return terminal_progress()


def _finish(progress) -> None:
    if progress is not None:
        progress.finish()


@main.command(epilog=RANGE_HELP + HISTORY_EPILOG)
@click.argument("symbol")
@click.argument("rev_range", metavar="[RANGE]", required=False)
@extract_options
@history_options
@click.option("--first-parent", is_flag=True,
              help="Follow only the first parent of merges (a merge then shows what it brought in).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def log(symbol, rev_range, repo, xo, jobs, scheduler, no_cache,
        accept_file, first_parent, fmt):
    """Every revision in RANGE where SYMBOL's declaration changed, and how.

    SYMBOL is a function, type, enum, enumerator, macro or variable name, or a
    field path (lib_info.u.pv.kernel).  Renames are followed both ways.  Each
    revision is compared with its parent; a merge shows only what it changed
    itself (unless --first-parent).

    \b
    Example:
      apicompat log demo_domain_destroy v1.0..v2.0 --repo /tmp/libdemo -D DEMO_TOOLS
    """
    from .history import EXIT_NOT_FOUND, symbol_log
    from .history.render import render_log
    settings = xo.settings(repo)
    progress = _progress()
    try:
        result = symbol_log(repo, symbol, rev_range, settings, first_parent, jobs, _history_cache(no_cache), progress,
                            scheduler=scheduler)
    finally:
        _finish(progress)
    _acknowledge((f for e in result.entries for f in e.findings), accept_file, repo)
    click.echo(terminal_safe(render_log(result, fmt), fmt), nl=False)
    sys.exit(0 if result.found else EXIT_NOT_FOUND)


@main.command(epilog=BISECT_EPILOG)
@click.argument("symbol")
@click.argument("good", required=False)
@click.argument("bad", required=False)
@click.option("--event", type=click.Choice(["removed", "added", "changed", "renamed"]), required=True,
              help="What to look for: SYMBOL removed, added, its declaration changed, or renamed (from or to SYMBOL).")
@extract_options
@history_options
@click.option("--exhaustive", is_flag=True,
              help="Read every revision in order instead of searching (when the symbol comes and goes several times).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def bisect(symbol, good, bad, event, repo, xo, jobs, scheduler,
           no_cache, accept_file, exhaustive, fmt):
    """The first revision after GOOD (default: the first revision) up to BAD (default:
    HEAD/tip) where SYMBOL was removed, added, changed or renamed.

    Searches the first-parent line (reading a few revisions in parallel per
    round) when the answer differs at GOOD and BAD, else reads revisions in
    order.  Shows the change and the changeset's description; for a merge,
    also the commit on the merged branch that made the change; for a symbol
    removed and added back, the first removal and when it came back.  Exits
    16 when the event does not happen between GOOD and BAD.

    \b
    Example:
      apicompat bisect demo_wait_for_disk --event removed v1.0 v2.0 --repo /tmp/libdemo -D DEMO_TOOLS
    """
    from .history import EXIT_NOT_FOUND, bisect_symbol
    from .history.render import render_bisect
    settings = xo.settings(repo)
    progress = _progress()
    try:
        result = bisect_symbol(repo, symbol, event, good, bad, settings, jobs, _history_cache(no_cache), progress,
                               exhaustive, scheduler=scheduler)
    finally:
        _finish(progress)
    _acknowledge(result.findings + result.merged_findings, accept_file, repo)
    click.echo(terminal_safe(render_bisect(result, fmt), fmt), nl=False)
    sys.exit(0 if result.found else EXIT_NOT_FOUND)


@main.command(epilog=RANGE_HELP + HISTORY_EPILOG)
@click.argument("rev_range", metavar="[RANGE]", required=False)
@extract_options
@history_options
@click.option("--first-parent", is_flag=True,
              help="Follow only the first parent of merges (a merge then shows what it brought in).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), metavar="PATH",
              help="text/json: write to this file.  html: the directory for index.html and one report per "
                   "revision [default: reports/timeline-<repo>-<RANGE>].")
@click.option("--top", type=click.IntRange(min=0), default=5, show_default=True,
              help="How many findings to show per revision (text, json).")
@handle_errors
def timeline(rev_range, repo, xo, jobs, scheduler, no_cache,
             accept_file, first_parent, fmt, out, top):
    """For each revision in RANGE that changes the API: counts of breaking / abi /
    compatible changes and the top findings.

    The HTML page has a bar chart of breaking changes over time; each bar
    links to that revision's own report (written next to it).

    \b
    Example:
      apicompat timeline v1.0..v2.0 --repo /tmp/libdemo -D DEMO_TOOLS --format html
    """
    from .history import api_timeline, write_timeline_html
    from .history.render import render_timeline
    settings = xo.settings(repo)
    progress = _progress()
    try:
        result = api_timeline(repo, rev_range, settings, first_parent, jobs, _history_cache(no_cache), progress,
                              scheduler=scheduler)
    finally:
        _finish(progress)
    _acknowledge((f for e in result.entries for f in e.findings), accept_file, repo)
    if fmt == "html":
        if out is not None and not out.parent.is_dir():
            fail(f"cannot write {out}: folder {out.parent} does not exist")
        out = out or Path("reports") / f"timeline-{_safe(Path(result.repo).name)}-{_safe(rev_range or 'all')}"
        index = write_timeline_html(result, out)
        click.echo(f"{len(result.entries)} revision(s) change the API; timeline written to {index}")
        return
    text = terminal_safe(render_timeline(result, fmt, top), fmt)
    if out:
        write_output(out, text)
        click.echo(f"{len(result.entries)} revision(s) change the API; timeline written to {out}", err=True)
    else:
        click.echo(text, nl=False)


def run() -> None:
    """The `apicompat` command: `main`, then out without tearing the interpreter down.

    By the time a command returns, everything it wrote is closed and its cache committed;
    what is left is freeing what the extractions kept in memory (parsed pieces, blobs,
    models), object by object: a third of a second after a first `diff` of two Xen
    releases, a fifth of its run (bench/xen_diff.py).  The exit handlers still run and the
    streams are flushed; a thread still running, or a stream that cannot be flushed, takes
    the ordinary way out instead."""
    import atexit
    import threading
    try:
        main()
        code = 0
    except SystemExit as exc:
        if exc.code is not None and not isinstance(exc.code, int):
            raise
        code = exc.code or 0
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)      # CPython's: runs them once
    if run_exit_handlers is None or threading.active_count() > 1:
        sys.exit(code)
    run_exit_handlers()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    os._exit(code)
