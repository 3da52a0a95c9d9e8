/* apicompat stand-in for <yajl/yajl_gen.h>, yajl 2 API (see ../../README.md):
 * the generator handle and status every libxl_*_gen_json prototype uses. */
#ifndef APICOMPAT_STUB_YAJL_GEN_H
#define APICOMPAT_STUB_YAJL_GEN_H

#include <yajl/yajl_common.h>

typedef enum {
    yajl_gen_status_ok = 0,
    yajl_gen_keys_must_be_strings,
    yajl_max_depth_exceeded,
    yajl_gen_in_error_state,
    yajl_gen_generation_complete,
    yajl_gen_invalid_number,
    yajl_gen_no_buf,
    yajl_gen_invalid_string
} yajl_gen_status;

typedef struct yajl_gen_t *yajl_gen;

typedef enum {
    yajl_gen_beautify = 0x01,
    yajl_gen_indent_string = 0x02,
    yajl_gen_print_callback = 0x04,
    yajl_gen_validate_utf8 = 0x08,
    yajl_gen_escape_solidus = 0x10
} yajl_gen_option;

yajl_gen yajl_gen_alloc(const yajl_alloc_funcs *allocFuncs);
int yajl_gen_config(yajl_gen g, yajl_gen_option opt, ...);
void yajl_gen_free(yajl_gen handle);

#endif
