/* stdnoreturn.h - apicompat fake libc (C17 7.23). */
#ifndef _APICOMPAT_FAKE_STDNORETURN_H
#define _APICOMPAT_FAKE_STDNORETURN_H 1

#define noreturn _Noreturn

#endif
