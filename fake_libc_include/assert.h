/* assert.h - apicompat fake libc (C17 7.2).
 * No include guard on purpose: assert() follows NDEBUG at each inclusion. */
#undef assert
#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) \
    ((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef _APICOMPAT_FAKE_ASSERT_H
#define _APICOMPAT_FAKE_ASSERT_H 1
_Noreturn void __assert_fail(const char *assertion, const char *file,
                             unsigned int line, const char *function);
#define static_assert _Static_assert
#endif
