/* arpa/inet.h - apicompat fake libc (POSIX). */
#ifndef _APICOMPAT_FAKE_ARPA_INET_H
#define _APICOMPAT_FAKE_ARPA_INET_H 1

#include <netinet/in.h>

in_addr_t inet_addr(const char *cp);
int inet_aton(const char *cp, struct in_addr *inp);
char *inet_ntoa(struct in_addr in);
in_addr_t inet_network(const char *cp);
const char *inet_ntop(int af, const void *restrict src, char *restrict dst, socklen_t size);
int inet_pton(int af, const char *restrict src, void *restrict dst);

#endif
