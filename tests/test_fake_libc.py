"""Tests for apicompat's own fake libc headers (fake_libc_include/).

Every header must preprocess cleanly (no diagnostics) with
    cc -E -nostdinc -I fake_libc_include -include fake_libc_include/_apicompat_prelude.h
and the result must parse with pycparser, alone, twice, and all together.
"""

from __future__ import annotations

import pathlib
import shutil
import subprocess

import pytest
from pycparser import c_ast, c_parser

ROOT = pathlib.Path(__file__).resolve().parents[1]
FAKE = ROOT / "fake_libc_include"
PRELUDE = FAKE / "_apicompat_prelude.h"
CC = shutil.which("cc") or shutil.which("gcc")

pytestmark = pytest.mark.skipif(CC is None, reason="needs a C preprocessor (cc)")

# Public headers: everything except the internal "_*.h" helpers.
HEADERS = sorted(
    p.relative_to(FAKE).as_posix()
    for p in FAKE.rglob("*.h")
    if not p.name.startswith("_")
)

REQUIRED = """
assert.h ctype.h errno.h float.h inttypes.h limits.h locale.h math.h setjmp.h
signal.h stdarg.h stdbool.h stddef.h stdint.h stdio.h stdlib.h string.h
strings.h time.h wchar.h unistd.h fcntl.h poll.h pthread.h sched.h dirent.h
dlfcn.h syslog.h termios.h semaphore.h regex.h getopt.h libgen.h endian.h
byteswap.h alloca.h features.h sys/types.h sys/time.h sys/socket.h
sys/select.h sys/stat.h sys/wait.h sys/uio.h sys/un.h sys/mman.h sys/ioctl.h
sys/param.h sys/resource.h sys/utsname.h sys/statvfs.h sys/queue.h
netinet/in.h netinet/tcp.h arpa/inet.h netdb.h net/if.h linux/types.h
asm/types.h
""".split()


def preprocess(source: str, *, dD: bool = False, prelude: bool = True) -> str:
    """Run cc -E on `source`; fail on any diagnostic.

    With dD=True the -dD output is used and its #define/#undef lines are
    dropped before parsing (pycparser reads no directives but line markers
    and #pragma)."""
    cmd = [CC, "-E", "-nostdinc", "-I", str(FAKE)]
    if prelude:
        cmd += ["-include", str(PRELUDE)]
    if dD:
        cmd.append("-dD")
    cmd += ["-x", "c", "-"]
    proc = subprocess.run(cmd, input=source, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == "", proc.stderr
    out = proc.stdout
    if dD:
        out = "\n".join(
            line for line in out.splitlines()
            if not line.startswith(("#define ", "#undef "))
        )
    return out


def parse(text: str, name: str = "<test>") -> c_ast.FileAST:
    return c_parser.CParser().parse(text, filename=name)


def includes(headers) -> str:
    return "".join(f"#include <{h}>\n" for h in headers)


def type_spelling(node) -> str:
    """'size_t', 'struct timeval *', 'unsigned long', ... for a declarator type."""
    stars = ""
    while isinstance(node, c_ast.PtrDecl):
        stars += " *"
        node = node.type
    if isinstance(node, c_ast.TypeDecl):
        node = node.type
    if isinstance(node, c_ast.IdentifierType):
        return " ".join(node.names) + stars
    if isinstance(node, (c_ast.Struct, c_ast.Union)):
        kind = "struct" if isinstance(node, c_ast.Struct) else "union"
        return f"{kind} {node.name}{stars}"
    raise AssertionError(f"unexpected type node {node!r}")


def typedefs(ast: c_ast.FileAST) -> dict:
    return {n.name: n for n in ast.ext if isinstance(n, c_ast.Typedef)}


# --------------------------------------------------------------------------
# Coverage and per-header checks


def test_required_headers_present():
    missing = [h for h in REQUIRED if not (FAKE / h).is_file()]
    assert not missing
    assert PRELUDE.is_file()
    assert (FAKE / "README.md").is_file()


@pytest.mark.parametrize("header", HEADERS)
def test_header_parses_alone(header):
    parse(preprocess(includes([header])), header)


@pytest.mark.parametrize("header", HEADERS)
def test_header_parses_when_included_twice(header):
    parse(preprocess(includes([header, header])), header)


@pytest.mark.parametrize("header", HEADERS)
def test_header_parses_from_dD_output(header):
    parse(preprocess(includes([header]), dD=True), header)


@pytest.mark.parametrize("order", ["alphabetical", "reversed"])
@pytest.mark.parametrize("dD", [False, True], ids=["E", "E-dD"])
def test_all_headers_together(order, dD):
    hdrs = HEADERS if order == "alphabetical" else list(reversed(HEADERS))
    parse(preprocess(includes(hdrs), dD=dD), "all-headers")


def test_each_type_declared_once():
    """A type reachable from several headers is declared exactly once."""
    ast = parse(preprocess(includes(HEADERS)))
    seen_td, seen_tag = set(), set()
    for node in ast.ext:
        if isinstance(node, c_ast.Typedef):
            assert node.name not in seen_td, f"typedef {node.name} twice"
            seen_td.add(node.name)
        elif isinstance(node, c_ast.Decl) and isinstance(
            node.type, (c_ast.Struct, c_ast.Union, c_ast.Enum)
        ):
            tag = node.type
            body = tag.values if isinstance(tag, c_ast.Enum) else tag.decls
            if body is not None and tag.name:
                key = (type(tag).__name__, tag.name)
                assert key not in seen_tag, f"{key} defined twice"
                seen_tag.add(key)


def test_library_typedefs_named_like_our_parameters():
    """A library may typedef a name we use as a parameter name before it
    includes a system header (Python.h: `typedef ... destructor;` then
    <pthread.h>).  pycparser rejects such a name in a `(*name)(...)`
    parameter declarator, so those parameters are spelled `__name`.  Declare
    every ordinary parameter name as a typedef first: all must still parse."""
    src = includes(HEADERS)
    ast = parse(preprocess(src))
    proc = subprocess.run(
        [CC, "-E", "-dM", "-nostdinc", "-I", str(FAKE), "-include", str(PRELUDE),
         "-x", "c", "-"],
        input=src, capture_output=True, text=True, check=True,
    )
    macros = {l.split()[1].split("(")[0] for l in proc.stdout.splitlines()
              if l.startswith("#define ")}
    file_scope, params = set(), set()

    class Collect(c_ast.NodeVisitor):
        def visit_Enumerator(self, node):
            file_scope.add(node.name)

        def visit_FuncDecl(self, node):
            for p in (node.args.params if node.args else []):
                if isinstance(p, c_ast.Decl) and p.name:
                    params.add(p.name)
            self.generic_visit(node)

    Collect().visit(ast)
    file_scope |= {n.name for n in ast.ext if isinstance(n, (c_ast.Typedef, c_ast.Decl))}
    names = sorted(n for n in params - file_scope - macros if not n.startswith("__"))
    assert len(names) > 100
    prefix = "".join(f"typedef int {n};\n" for n in names)
    parse(preprocess(prefix + src))
    # and the concrete case that found it
    parse(preprocess("typedef void (*destructor)(void *);\n#include <pthread.h>\n"))


def test_no_request_macros_leak():
    """_fake_types.h #undefs every __need_apicompat_* request it handles."""
    proc = subprocess.run(
        [CC, "-E", "-dM", "-nostdinc", "-I", str(FAKE), "-include", str(PRELUDE),
         "-x", "c", "-"],
        input=includes(HEADERS), capture_output=True, text=True, check=True,
    )
    leaked = [l for l in proc.stdout.splitlines() if "__need_apicompat_" in l]
    assert not leaked


def test_headers_are_valid_c_for_gcc():
    """Without the prelude the headers are ordinary C that GCC type-checks
    (catches use-before-declaration and clashes with builtin prototypes)."""
    src = includes(HEADERS) + "int main(void) { return 0; }\n"
    proc = subprocess.run(
        [CC, "-fsyntax-only", "-std=gnu17", "-Wall", "-Wextra", "-nostdinc",
         "-I", str(FAKE), "-x", "c", "-"],
        input=src, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "warning" not in proc.stderr, proc.stderr


# --------------------------------------------------------------------------
# Types: real typedefs, LP64 widths, spelling kept in API declarations


LP64 = {
    "size_t": "unsigned long",
    "ssize_t": "long",
    "ptrdiff_t": "long",
    "off_t": "long",
    "time_t": "long",
    "suseconds_t": "long",
    "clock_t": "long",
    "pid_t": "int",
    "uid_t": "unsigned int",
    "gid_t": "unsigned int",
    "mode_t": "unsigned int",
    "dev_t": "unsigned long",
    "ino_t": "unsigned long",
    "socklen_t": "unsigned int",
    "sa_family_t": "unsigned short",
    "nfds_t": "unsigned long",
    "wchar_t": "int",
    "int8_t": "signed char",
    "int16_t": "short",
    "int32_t": "int",
    "int64_t": "long",
    "uint8_t": "unsigned char",
    "uint16_t": "unsigned short",
    "uint32_t": "unsigned int",
    "uint64_t": "unsigned long",
    "intptr_t": "long",
    "uintptr_t": "unsigned long",
    "intmax_t": "long",
    "uintmax_t": "unsigned long",
    "in_port_t": "uint16_t",
    "in_addr_t": "uint32_t",
    "pthread_t": "unsigned long",
    "FILE": "struct _IO_FILE",
}


def test_lp64_typedef_widths():
    tds = typedefs(parse(preprocess(includes(HEADERS))))
    for name, spelled in LP64.items():
        assert name in tds, f"{name} is not a typedef"
        assert type_spelling(tds[name].type) == spelled, name


def test_opaque_and_struct_types_are_typedefs():
    tds = typedefs(parse(preprocess(includes(HEADERS))))
    for name in ["va_list", "__gnuc_va_list", "fd_set", "sigset_t",
                 "pthread_mutex_t", "pthread_cond_t", "pthread_attr_t",
                 "pthread_key_t", "pthread_once_t", "sem_t", "jmp_buf",
                 "regex_t", "regmatch_t", "DIR", "locale_t", "mbstate_t",
                 "max_align_t", "fpos_t", "cpu_set_t", "siginfo_t",
                 "__u8", "__u16", "__u32", "__u64", "__s32", "__be32",
                 "__le64", "__kernel_pid_t", "cc_t", "speed_t", "tcflag_t",
                 "rlim_t", "fsblkcnt_t"]:
        assert name in tds, name


REPRESENTATIVE = """
#include <stddef.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <pthread.h>
#include <poll.h>
#include <sys/time.h>
#include <sys/socket.h>
int f(size_t n, struct timeval *tv, va_list ap, pthread_mutex_t *m,
      struct pollfd *p, socklen_t l, FILE *f, uint64_t x, bool b);
"""


def test_representative_declaration_keeps_spelling():
    ast = parse(preprocess(REPRESENTATIVE))
    decl = next(n for n in ast.ext
                if isinstance(n, c_ast.Decl) and n.name == "f")
    params = [type_spelling(p.type) for p in decl.type.args.params]
    assert params == [
        "size_t", "struct timeval *", "va_list", "pthread_mutex_t *",
        "struct pollfd *", "socklen_t", "FILE *", "uint64_t", "_Bool",
    ]


def test_struct_members():
    ast = parse(preprocess(includes(HEADERS)))
    structs = {}
    for node in ast.ext:
        if isinstance(node, c_ast.Decl) and isinstance(node.type, c_ast.Struct) \
                and node.type.decls is not None:
            structs[node.type.name] = [d.name for d in node.type.decls]
    assert structs["timeval"] == ["tv_sec", "tv_usec"]
    assert structs["timespec"] == ["tv_sec", "tv_nsec"]
    assert structs["pollfd"] == ["fd", "events", "revents"]
    assert structs["in_addr"] == ["s_addr"]
    assert structs["sockaddr"] == ["sa_family", "sa_data"]
    assert structs["sockaddr_in"] == ["sin_family", "sin_port", "sin_addr", "sin_zero"]
    assert structs["sockaddr_un"] == ["sun_family", "sun_path"]
    assert structs["iovec"] == ["iov_base", "iov_len"]
    assert {"st_mode", "st_size", "st_mtim"} <= set(structs["stat"])
    assert {"tm_sec", "tm_year", "tm_isdst"} <= set(structs["tm"])
    assert {"ai_family", "ai_addr", "ai_next"} <= set(structs["addrinfo"])


def test_macros_and_constants_in_declarations():
    src = """
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <netinet/in.h>
enum { E = EINVAL, M = INT_MAX, S = SIZE_MAX > 0, B = BUFSIZ };
static const char *fmt = "%" PRIu64 " %" PRId32 " %" PRIxPTR;
static const unsigned long long u32max = UINT32_MAX;
static const long long i64min = INT64_MIN;
static const size_t off = offsetof(struct sockaddr_in, sin_port);
static void *nothing = NULL;
static const uint64_t c = UINT64_C(1) << 40;
int check_eof(int c) { return c == EOF; }
"""
    parse(preprocess(src))


def _macro_value(header: str, macro: str) -> str:
    out = preprocess(f"#include <{header}>\n__apicompat_value__ {macro}\n")
    line = [l for l in out.splitlines() if l.startswith("__apicompat_value__")][0]
    return line.split(None, 1)[1].strip()


@pytest.mark.parametrize("header,macro,value", [
    ("errno.h", "EINVAL", "22"),
    ("errno.h", "EAGAIN", "11"),
    ("errno.h", "ETIMEDOUT", "110"),
    ("limits.h", "INT_MAX", "2147483647"),
    ("limits.h", "CHAR_BIT", "8"),
    ("limits.h", "PATH_MAX", "4096"),
    ("stdint.h", "UINT32_MAX", "4294967295U"),
    ("stdint.h", "INT64_MAX", "9223372036854775807L"),
    ("stdint.h", "UINT64_MAX", "18446744073709551615UL"),
    ("inttypes.h", "PRIu64", '"lu"'),
    ("inttypes.h", "PRId32", '"d"'),
    ("inttypes.h", "SCNu8", '"hhu"'),
    ("stdbool.h", "bool", "_Bool"),
    ("stdbool.h", "true", "1"),
    ("fcntl.h", "O_NONBLOCK", "04000"),
    ("fcntl.h", "O_CLOEXEC", "02000000"),
    ("poll.h", "POLLIN", "0x001"),
    ("signal.h", "SIGTERM", "15"),
    ("sys/socket.h", "AF_INET6", "10"),
    ("sys/socket.h", "SOL_SOCKET", "1"),
    ("netinet/in.h", "IPPROTO_TCP", "6"),
    ("stdio.h", "EOF", "(-1)"),
    ("stdio.h", "SEEK_END", "2"),
])
def test_macro_values(header, macro, value):
    assert _macro_value(header, macro) == value


# --------------------------------------------------------------------------
# The prelude: GNU extensions a real library header uses


GNU_HEADER = """
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
typedef struct ctx ctx_t;
int ctx_log(ctx_t *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
__attribute__((deprecated)) int old_api(void);
int older_api(void) __attribute__((deprecated("use new_api")));
__attribute__((visibility("default"), nonnull(1, 2))) int vis(const char *a, const char *b);
__extension__ typedef long long ctx_ll;
static __inline__ int f(void) { return 0; }
static __inline int g(int x) { return __builtin_expect(x, 0); }
extern int h(const char *__restrict s) __asm__("h64");
extern int h2(const char *__restrict__ s) __asm("" "h2_v2");
struct __attribute__((packed)) pk { char a; int b; } __attribute__((aligned(8)));
__declspec(dllexport) int exported(void);
__thread int tls;
static inline unsigned long long rdtsc(void) {
    unsigned lo, hi;
    __asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi) : : "memory", "cc");
    return ((unsigned long long)hi << 32) | lo;
}
static inline void barrier(void) { __asm__("" ::: "memory"); }
enum packed_enum { PE_A = 1 } __attribute__((packed));
int k(int) __attribute__((nonnull(1))) __attribute__((warn_unused_result));
__signed__ char sc;
__const int ci;
size_t off1 = __builtin_offsetof(struct pk, b);
size_t off2 = offsetof(struct pk, b);
_Static_assert(sizeof(int) == 4, "int is 32 bits");
static __inline__ __attribute__((always_inline)) int first_vararg(int n, ...) {
    va_list ap;
    va_start(ap, n);
    int x = va_arg(ap, int);
    va_end(ap);
    return x;
}
__uint128_t u128;
unsigned __int128 u128b;
_Float128 q;
_Noreturn void die(void);
void die2(void) __attribute__((__noreturn__));
int al = __alignof__(long);
_Atomic int atomic_counter;
_Alignas(16) int aligned16;
typedef __builtin_va_list my_va_list;
int vlog(const char *fmt, __gnuc_va_list ap);
int nullability(void *_Nonnull p, void *_Nullable q);
#pragma GCC visibility push(default)
int pushed(void);
#pragma GCC visibility pop
static inline int stmt_expr(int x) { return ({ int y = x; y + 1; }); }
"""


@pytest.mark.parametrize("dD", [False, True], ids=["E", "E-dD"])
def test_gnu_extensions_parse(dD):
    ast = parse(preprocess(GNU_HEADER, dD=dD), "gnu.h")
    names = {n.decl.name if isinstance(n, c_ast.FuncDef) else getattr(n, "name", None)
             for n in ast.ext}
    for expected in ["ctx_log", "old_api", "older_api", "f", "g", "h", "h2",
                     "exported", "tls", "rdtsc", "k", "first_vararg", "die",
                     "vlog", "nullability", "pushed", "stmt_expr"]:
        assert expected in names, expected


def test_gnu_extension_spellings_are_normalised():
    ast = parse(preprocess(GNU_HEADER), "gnu.h")
    decls = {n.name: n for n in ast.ext if isinstance(n, c_ast.Decl)}
    # __restrict -> restrict, __inline__ -> inline, __thread -> _Thread_local
    h_param = decls["h"].type.args.params[0]
    assert "restrict" in h_param.type.quals
    funcs = {n.decl.name: n.decl for n in ast.ext if isinstance(n, c_ast.FuncDef)}
    assert "inline" in funcs["f"].funcspec
    assert "inline" in funcs["g"].funcspec
    assert "_Thread_local" in decls["tls"].storage
    # the va_list spellings survive
    vlog = decls["vlog"].type.args.params[1]
    assert type_spelling(vlog.type) == "__gnuc_va_list"


def test_prelude_alone_parses():
    parse(preprocess(""), "prelude")
