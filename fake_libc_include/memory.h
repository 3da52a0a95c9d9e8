/* memory.h - apicompat fake libc (historic alias of string.h). */
#ifndef _APICOMPAT_FAKE_MEMORY_H
#define _APICOMPAT_FAKE_MEMORY_H 1
#include <string.h>
#endif
