/* byteswap.h - apicompat fake libc (glibc). */
#ifndef _APICOMPAT_FAKE_BYTESWAP_H
#define _APICOMPAT_FAKE_BYTESWAP_H 1

#define bswap_16(x) __builtin_bswap16(x)
#define bswap_32(x) __builtin_bswap32(x)
#define bswap_64(x) __builtin_bswap64(x)

#endif
