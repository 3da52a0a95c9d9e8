/* malloc.h - apicompat fake libc (glibc extras). */
#ifndef _APICOMPAT_FAKE_MALLOC_H
#define _APICOMPAT_FAKE_MALLOC_H 1

#include <stdlib.h>

void *memalign(size_t alignment, size_t size);
void *pvalloc(size_t size);
size_t malloc_usable_size(void *ptr);
int malloc_trim(size_t pad);
int mallopt(int param, int value);

#endif
