/* utime.h - apicompat fake libc (POSIX). */
#ifndef _APICOMPAT_FAKE_UTIME_H
#define _APICOMPAT_FAKE_UTIME_H 1

#define __need_apicompat_time_t 1
#include "_fake_types.h"

struct utimbuf {
    time_t actime;
    time_t modtime;
};

int utime(const char *filename, const struct utimbuf *times);

#endif
