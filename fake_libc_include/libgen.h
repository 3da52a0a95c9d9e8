/* libgen.h - apicompat fake libc (POSIX). */
#ifndef _APICOMPAT_FAKE_LIBGEN_H
#define _APICOMPAT_FAKE_LIBGEN_H 1

char *basename(char *path);
char *dirname(char *path);

#endif
