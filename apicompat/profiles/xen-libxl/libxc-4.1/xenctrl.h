/* apicompat stand-in for libxc's <xenctrl.h> as libxl.h used it in Xen 4.0
 * and 4.1 (see ../README.md): the libxc type names libxl.h mentions, as
 * incomplete types, the standard headers it included (libxl.h relied on
 * them), and the real xentoollog.h (4.1) when the revision has it. */
#ifndef APICOMPAT_STUB_XENCTRL_H
#define APICOMPAT_STUB_XENCTRL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#if defined(__has_include)
#if __has_include(<xentoollog.h>)
#include <xentoollog.h>
#endif
#endif

typedef struct xc_interface_core xc_interface;
typedef struct xen_domctl_getdomaininfo xc_domaininfo_t;
typedef struct xc_dominfo xc_dominfo_t;          /* libxl.h, Nov 2009 - early 2010 */

#endif
