/* stdarg.h - apicompat fake libc (C17 7.16). */
#ifndef _APICOMPAT_FAKE_STDARG_H
#define _APICOMPAT_FAKE_STDARG_H 1

#define __need_apicompat_va_list 1
#include "_fake_types.h"

#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_end(ap) __builtin_va_end(ap)
#define va_copy(dest, src) __builtin_va_copy(dest, src)
#define __va_copy(dest, src) __builtin_va_copy(dest, src)
/* __builtin_va_arg is turned into parseable C by the prelude. */
#define va_arg(ap, type) __builtin_va_arg(ap, type)

#endif
