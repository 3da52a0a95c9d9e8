/* sys/select.h - apicompat fake libc (POSIX). */
#ifndef _APICOMPAT_FAKE_SYS_SELECT_H
#define _APICOMPAT_FAKE_SYS_SELECT_H 1

#define __need_apicompat_time_t 1
#define __need_apicompat_suseconds_t 1
#define __need_apicompat_sigset_t 1
#define __need_apicompat_struct_timeval 1
#define __need_apicompat_struct_timespec 1
#include "../_fake_types.h"

#define FD_SETSIZE 1024
typedef long fd_mask;
#define NFDBITS (8 * (int)sizeof(fd_mask))

typedef struct {
    fd_mask fds_bits[FD_SETSIZE / (8 * (int)sizeof(fd_mask))];
} fd_set;

#define __FD_ELT(d) ((d) / NFDBITS)
#define __FD_MASK(d) ((fd_mask)(1UL << ((d) % NFDBITS)))
#define FD_SET(d, set) ((void)((set)->fds_bits[__FD_ELT(d)] |= __FD_MASK(d)))
#define FD_CLR(d, set) ((void)((set)->fds_bits[__FD_ELT(d)] &= ~__FD_MASK(d)))
#define FD_ISSET(d, set) (((set)->fds_bits[__FD_ELT(d)] & __FD_MASK(d)) != 0)
#define FD_ZERO(set) __builtin_memset((set), 0, sizeof(fd_set))

int select(int nfds, fd_set *restrict readfds, fd_set *restrict writefds,
           fd_set *restrict exceptfds, struct timeval *restrict timeout);
int pselect(int nfds, fd_set *restrict readfds, fd_set *restrict writefds,
            fd_set *restrict exceptfds, const struct timespec *restrict timeout,
            const sigset_t *restrict sigmask);

#endif
