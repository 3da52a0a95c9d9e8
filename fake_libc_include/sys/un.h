/* sys/un.h - apicompat fake libc (POSIX). */
#ifndef _APICOMPAT_FAKE_SYS_UN_H
#define _APICOMPAT_FAKE_SYS_UN_H 1

#define __need_apicompat_sa_family_t 1
#include "../_fake_types.h"

struct sockaddr_un {
    sa_family_t sun_family;
    char sun_path[108];
};

#define SUN_LEN(ptr) \
    ((unsigned long)__builtin_offsetof(struct sockaddr_un, sun_path) + __builtin_strlen((ptr)->sun_path))

#endif
