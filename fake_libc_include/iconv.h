/* iconv.h - apicompat fake libc (POSIX). */
#ifndef _APICOMPAT_FAKE_ICONV_H
#define _APICOMPAT_FAKE_ICONV_H 1

#define __need_apicompat_size_t 1
#include "_fake_types.h"

typedef void *iconv_t;

iconv_t iconv_open(const char *tocode, const char *fromcode);
size_t iconv(iconv_t cd, char **restrict inbuf, size_t *restrict inbytesleft,
             char **restrict outbuf, size_t *restrict outbytesleft);
int iconv_close(iconv_t cd);

#endif
