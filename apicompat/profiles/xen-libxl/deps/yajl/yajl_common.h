/* apicompat stand-in for <yajl/yajl_common.h> (see ../../README.md). */
#ifndef APICOMPAT_STUB_YAJL_COMMON_H
#define APICOMPAT_STUB_YAJL_COMMON_H

#include <stddef.h>

typedef void *(*yajl_malloc_func)(void *ctx, size_t size);
typedef void (*yajl_free_func)(void *ctx, void *ptr);
typedef void *(*yajl_realloc_func)(void *ctx, void *ptr, size_t size);

typedef struct {
    yajl_malloc_func malloc;
    yajl_realloc_func realloc;
    yajl_free_func free;
    void *ctx;
} yajl_alloc_funcs;

#endif
