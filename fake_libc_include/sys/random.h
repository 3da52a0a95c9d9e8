/* sys/random.h - apicompat fake libc (Linux getrandom). */
#ifndef _APICOMPAT_FAKE_SYS_RANDOM_H
#define _APICOMPAT_FAKE_SYS_RANDOM_H 1

#define __need_apicompat_size_t 1
#define __need_apicompat_ssize_t 1
#include "../_fake_types.h"

#define GRND_NONBLOCK 0x01
#define GRND_RANDOM 0x02
#define GRND_INSECURE 0x04

ssize_t getrandom(void *buf, size_t buflen, unsigned int flags);
int getentropy(void *buffer, size_t length);

#endif
