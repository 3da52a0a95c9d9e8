/* apicompat stand-in for <yajl/yajl_parse.h>, yajl 2 API (see ../../README.md). */
#ifndef APICOMPAT_STUB_YAJL_PARSE_H
#define APICOMPAT_STUB_YAJL_PARSE_H

#include <yajl/yajl_common.h>

typedef enum {
    yajl_status_ok,
    yajl_status_client_canceled,
    yajl_status_error
} yajl_status;

typedef struct yajl_handle_t *yajl_handle;

typedef struct {
    int (*yajl_null)(void *ctx);
    int (*yajl_boolean)(void *ctx, int value);
    int (*yajl_integer)(void *ctx, long long value);
    int (*yajl_double)(void *ctx, double value);
    int (*yajl_number)(void *ctx, const char *text, size_t length);
    int (*yajl_string)(void *ctx, const unsigned char *text, size_t length);
    int (*yajl_start_map)(void *ctx);
    int (*yajl_map_key)(void *ctx, const unsigned char *key, size_t length);
    int (*yajl_end_map)(void *ctx);
    int (*yajl_start_array)(void *ctx);
    int (*yajl_end_array)(void *ctx);
} yajl_callbacks;

typedef enum {
    yajl_allow_comments = 0x01,
    yajl_dont_validate_strings = 0x02,
    yajl_allow_trailing_garbage = 0x04,
    yajl_allow_multiple_values = 0x08,
    yajl_allow_partial_values = 0x10
} yajl_option;

yajl_handle yajl_alloc(const yajl_callbacks *callbacks, yajl_alloc_funcs *allocFuncs, void *ctx);
int yajl_config(yajl_handle handle, yajl_option option, ...);
void yajl_free(yajl_handle handle);

#endif
