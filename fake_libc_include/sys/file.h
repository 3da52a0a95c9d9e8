/* sys/file.h - apicompat fake libc (BSD flock). */
#ifndef _APICOMPAT_FAKE_SYS_FILE_H
#define _APICOMPAT_FAKE_SYS_FILE_H 1

#include <fcntl.h>

#define LOCK_SH 1
#define LOCK_EX 2
#define LOCK_NB 4
#define LOCK_UN 8

int flock(int fd, int operation);

#endif
