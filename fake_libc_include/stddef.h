/* stddef.h - apicompat fake libc (C17 7.19). */
#ifndef _APICOMPAT_FAKE_STDDEF_H
#define _APICOMPAT_FAKE_STDDEF_H 1

#define __need_apicompat_size_t 1
#define __need_apicompat_ptrdiff_t 1
#define __need_apicompat_wchar_t 1
#define __need_apicompat_max_align_t 1
#define __need_apicompat_NULL 1
#include "_fake_types.h"

/* Expands to pycparser's offsetof keyword (see the prelude). */
#define offsetof(type, member) __builtin_offsetof(type, member)

#endif
