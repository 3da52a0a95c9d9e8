/* sys/times.h - apicompat fake libc (POSIX). */
#ifndef _APICOMPAT_FAKE_SYS_TIMES_H
#define _APICOMPAT_FAKE_SYS_TIMES_H 1

#define __need_apicompat_clock_t 1
#include "../_fake_types.h"

struct tms {
    clock_t tms_utime;
    clock_t tms_stime;
    clock_t tms_cutime;
    clock_t tms_cstime;
};

clock_t times(struct tms *buf);

#endif
