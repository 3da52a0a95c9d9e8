/* sys/eventfd.h - apicompat fake libc (Linux). */
#ifndef _APICOMPAT_FAKE_SYS_EVENTFD_H
#define _APICOMPAT_FAKE_SYS_EVENTFD_H 1

#define __need_apicompat_stdint 1
#include "../_fake_types.h"

typedef uint64_t eventfd_t;

#define EFD_SEMAPHORE 00000001
#define EFD_NONBLOCK 00004000
#define EFD_CLOEXEC 02000000

int eventfd(unsigned int initval, int flags);
int eventfd_read(int fd, eventfd_t *value);
int eventfd_write(int fd, eventfd_t value);

#endif
