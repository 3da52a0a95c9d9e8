/* apicompat stand-in for xenstore's <xs.h> as libxl.h used it in Xen 4.0
 * and 4.1 (see ../README.md): the handle, the transaction id type, and the
 * standard headers it included through xs_lib.h (libxl's generated
 * _libxl_types.h relied on its <stdbool.h>). */
#ifndef APICOMPAT_STUB_XS_H
#define APICOMPAT_STUB_XS_H

#include <stdbool.h>
#include <limits.h>
#include <errno.h>
#include <stdint.h>

struct xs_handle;
typedef uint32_t xs_transaction_t;

#endif
