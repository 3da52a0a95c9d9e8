/* poll.h - apicompat fake libc (POSIX), Linux values. */
#ifndef _APICOMPAT_FAKE_POLL_H
#define _APICOMPAT_FAKE_POLL_H 1

#define __need_apicompat_sigset_t 1
#define __need_apicompat_struct_timespec 1
#include "_fake_types.h"

typedef unsigned long nfds_t;

struct pollfd {
    int fd;
    short events;
    short revents;
};

#define POLLIN 0x001
#define POLLPRI 0x002
#define POLLOUT 0x004
#define POLLERR 0x008
#define POLLHUP 0x010
#define POLLNVAL 0x020
#define POLLRDNORM 0x040
#define POLLRDBAND 0x080
#define POLLWRNORM 0x100
#define POLLWRBAND 0x200
#define POLLMSG 0x400
#define POLLRDHUP 0x2000

int poll(struct pollfd *fds, nfds_t nfds, int timeout);
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *tmo_p,
          const sigset_t *sigmask);

#endif
