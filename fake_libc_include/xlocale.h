/* xlocale.h - apicompat fake libc (legacy home of locale_t). */
#ifndef _APICOMPAT_FAKE_XLOCALE_H
#define _APICOMPAT_FAKE_XLOCALE_H 1
#include <locale.h>
#endif
