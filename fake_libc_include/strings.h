/* strings.h - apicompat fake libc (POSIX). */
#ifndef _APICOMPAT_FAKE_STRINGS_H
#define _APICOMPAT_FAKE_STRINGS_H 1

#define __need_apicompat_size_t 1
#define __need_apicompat_locale_t 1
#include "_fake_types.h"

int bcmp(const void *s1, const void *s2, size_t n);
void bcopy(const void *src, void *dest, size_t n);
void bzero(void *s, size_t n);
void explicit_bzero(void *s, size_t n);
int ffs(int i);
int ffsl(long i);
int ffsll(long long i);
char *index(const char *s, int c);
char *rindex(const char *s, int c);
int strcasecmp(const char *s1, const char *s2);
int strncasecmp(const char *s1, const char *s2, size_t n);
int strcasecmp_l(const char *s1, const char *s2, locale_t l);
int strncasecmp_l(const char *s1, const char *s2, size_t n, locale_t l);

#endif
