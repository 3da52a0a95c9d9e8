/* _apicompat_prelude.h - force-included (cc -include) before every header
 * apicompat preprocesses.  It maps GNU/Clang/MSVC extensions onto the plain
 * C that pycparser 3.x reads.  GCC's builtin macros (__GNUC__, __x86_64__,
 * __linux__, ...) stay defined, so real headers still choose their GNU and
 * arch-specific branches; this file makes those branches parseable.
 *
 * Already understood by pycparser 3.x, so deliberately NOT touched here:
 *   restrict, inline, _Bool, _Complex, _Noreturn, _Thread_local, _Atomic,
 *   _Alignas, _Alignof, _Static_assert, _Pragma, __int128, offsetof(T, m),
 *   statement expressions ({ ... }).
 * Not fixable with macros (a header that uses them will not parse):
 *   __typeof__/typeof, __auto_type, _Generic, asm goto, "asm volatile(...)"
 *   spelled with the plain "volatile" keyword, __volatile__ as a type
 *   qualifier, "_Float128 _Complex".
 *
 * Besides macros this file declares a few typedefs for compiler-builtin type
 * names (__builtin_va_list, __int128_t, _Float128, ...).  They come out under
 * this file's name in the line markers.
 */
#ifndef _APICOMPAT_PRELUDE_H
#define _APICOMPAT_PRELUDE_H 1

/* Lets a header (or a profile) tell it is being read by apicompat. */
#define __APICOMPAT_FAKE_LIBC__ 1

/* ---- attributes, asm labels, declspecs: dropped ------------------------ */
#define __attribute__(...)
#define __attribute(...)
#define __declspec(...)
#define __asm__(...)
#define __asm(...)
#define asm(...)
/* "__asm__ __volatile__ (...)": the argument list is swallowed through
 * __volatile__, leaving "__asm__ ;", an expression statement pycparser reads.
 * (The price: __volatile__ used as a plain qualifier is not supported;
 * __volatile, the spelling headers use for that, maps to volatile.) */
#define __volatile__ __apicompat_swallow
#define __apicompat_swallow(...)

/* ---- alternate keyword spellings ---------------------------------------- */
#define __extension__
#define __inline__ inline
#define __inline inline
#define __forceinline inline
#define __restrict__ restrict
#define __restrict restrict
#define __const__ const
#define __const const
#define __signed__ signed
#define __signed signed
#define __volatile volatile
#define __complex__ _Complex
#define __complex _Complex
#define __alignof__ _Alignof
#define __alignof _Alignof
#define __thread _Thread_local

/* Clang nullability qualifiers and MSVC calling conventions. */
#define _Nonnull
#define _Nullable
#define _Null_unspecified
#define _Nullable_result
#define __cdecl
#define __stdcall
#define __fastcall

/* ---- builtins that take a type argument --------------------------------- */
/* pycparser has offsetof as a keyword. */
#define __builtin_offsetof(type, member) offsetof(type, member)
#define __builtin_va_arg(ap, type) (*(type *)(ap))
#define __builtin_types_compatible_p(...) 0

/* ---- compiler-builtin type names ---------------------------------------- */
#if defined(__x86_64__)
typedef struct __va_list_tag {
    unsigned int gp_offset;
    unsigned int fp_offset;
    void *overflow_arg_area;
    void *reg_save_area;
} __builtin_va_list[1];
#else
typedef char *__builtin_va_list;
#endif

#if defined(__SIZEOF_INT128__)
typedef __int128 __int128_t;
typedef unsigned __int128 __uint128_t;
#endif

/* The real widths differ (_Float128 is binary128); only the spelling matters
 * for API extraction. */
typedef float _Float16;
typedef float _Float32;
typedef double _Float64;
typedef double _Float32x;
typedef long double _Float64x;
typedef long double _Float128;
typedef long double __float128;
typedef long double __float80;
typedef float __bf16;
typedef float _Decimal32;
typedef double _Decimal64;
typedef long double _Decimal128;

#endif /* _APICOMPAT_PRELUDE_H */
