/* alloca.h - apicompat fake libc. */
#ifndef _APICOMPAT_FAKE_ALLOCA_H
#define _APICOMPAT_FAKE_ALLOCA_H 1

#define __need_apicompat_size_t 1
#include "_fake_types.h"

void *alloca(size_t size);
#define alloca(size) __builtin_alloca(size)

#endif
