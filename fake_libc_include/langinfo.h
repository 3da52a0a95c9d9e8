/* langinfo.h - apicompat fake libc (POSIX).  The item values are
 * apicompat's own; only the names are part of the API. */
#ifndef _APICOMPAT_FAKE_LANGINFO_H
#define _APICOMPAT_FAKE_LANGINFO_H 1

#define __need_apicompat_locale_t 1
#include "_fake_types.h"

typedef int nl_item;

#define CODESET 14
#define RADIXCHAR 0x10000
#define THOUSEP 0x10001
#define D_T_FMT 0x20028
#define D_FMT 0x20029
#define T_FMT 0x2002A
#define T_FMT_AMPM 0x2002B
#define AM_STR 0x20026
#define PM_STR 0x20027
#define YESEXPR 0x50000
#define NOEXPR 0x50001
#define CRNCYSTR 0x4000F

char *nl_langinfo(nl_item item);
char *nl_langinfo_l(nl_item item, locale_t locale);

#endif
