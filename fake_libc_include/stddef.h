/* stddef.h - apicompat fake libc (C17 7.19). */
#ifndef _APICOMPAT_FAKE_STDDEF_H
#define _APICOMPAT_FAKE_STDDEF_H 1

#define __need_apicompat_size_t 1
#define __need_apicompat_ptrdiff_t 1
#define __need_apicompat_wchar_t 1
#define __need_apicompat_max_align_t 1
#define __need_apicompat_NULL 1
#include "_fake_types.h"

#ifdef __APICOMPAT_FAKE_LIBC__
/* pycparser has offsetof as a keyword: leave the call as it is (a macro
 * naming itself is not re-expanded).  The prelude maps __builtin_offsetof
 * onto it too. */
#define offsetof(type, member) offsetof(type, member)
#else
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif

#endif
