/* sys/sendfile.h - apicompat fake libc (Linux). */
#ifndef _APICOMPAT_FAKE_SYS_SENDFILE_H
#define _APICOMPAT_FAKE_SYS_SENDFILE_H 1

#define __need_apicompat_size_t 1
#define __need_apicompat_ssize_t 1
#define __need_apicompat_off_t 1
#include "../_fake_types.h"

ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count);

#endif
