/* sys/uio.h - apicompat fake libc (POSIX). */
#ifndef _APICOMPAT_FAKE_SYS_UIO_H
#define _APICOMPAT_FAKE_SYS_UIO_H 1

#define __need_apicompat_size_t 1
#define __need_apicompat_ssize_t 1
#define __need_apicompat_off_t 1
#define __need_apicompat_pid_t 1
#define __need_apicompat_struct_iovec 1
#include "../_fake_types.h"

#define UIO_MAXIOV 1024

ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
ssize_t preadv(int fd, const struct iovec *iov, int iovcnt, off_t offset);
ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, off_t offset);
ssize_t process_vm_readv(pid_t pid, const struct iovec *local_iov, unsigned long liovcnt,
                         const struct iovec *remote_iov, unsigned long riovcnt,
                         unsigned long flags);
ssize_t process_vm_writev(pid_t pid, const struct iovec *local_iov, unsigned long liovcnt,
                          const struct iovec *remote_iov, unsigned long riovcnt,
                          unsigned long flags);

#endif
