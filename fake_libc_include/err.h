/* err.h - apicompat fake libc (BSD). */
#ifndef _APICOMPAT_FAKE_ERR_H
#define _APICOMPAT_FAKE_ERR_H 1

#define __need_apicompat_va_list 1
#include "_fake_types.h"

_Noreturn void err(int eval, const char *fmt, ...);
_Noreturn void errx(int eval, const char *fmt, ...);
_Noreturn void verr(int eval, const char *fmt, va_list args);
_Noreturn void verrx(int eval, const char *fmt, va_list args);
void warn(const char *fmt, ...);
void warnx(const char *fmt, ...);
void vwarn(const char *fmt, va_list args);
void vwarnx(const char *fmt, va_list args);

#endif
