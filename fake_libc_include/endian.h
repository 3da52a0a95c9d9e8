/* endian.h - apicompat fake libc (POSIX 2024 / glibc-BSD names).  The byte
 * order follows GCC's predefined __BYTE_ORDER__. */
#ifndef _APICOMPAT_FAKE_ENDIAN_H
#define _APICOMPAT_FAKE_ENDIAN_H 1

#define __need_apicompat_stdint 1
#include "_fake_types.h"

#define __LITTLE_ENDIAN 1234
#define __BIG_ENDIAN 4321
#define __PDP_ENDIAN 3412
#if defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define __BYTE_ORDER __BIG_ENDIAN
#else
#define __BYTE_ORDER __LITTLE_ENDIAN
#endif
#define __FLOAT_WORD_ORDER __BYTE_ORDER
#define LITTLE_ENDIAN __LITTLE_ENDIAN
#define BIG_ENDIAN __BIG_ENDIAN
#define PDP_ENDIAN __PDP_ENDIAN
#define BYTE_ORDER __BYTE_ORDER

#if __BYTE_ORDER == __LITTLE_ENDIAN
#define htobe16(x) __builtin_bswap16(x)
#define htole16(x) ((uint16_t)(x))
#define be16toh(x) __builtin_bswap16(x)
#define le16toh(x) ((uint16_t)(x))
#define htobe32(x) __builtin_bswap32(x)
#define htole32(x) ((uint32_t)(x))
#define be32toh(x) __builtin_bswap32(x)
#define le32toh(x) ((uint32_t)(x))
#define htobe64(x) __builtin_bswap64(x)
#define htole64(x) ((uint64_t)(x))
#define be64toh(x) __builtin_bswap64(x)
#define le64toh(x) ((uint64_t)(x))
#else
#define htobe16(x) ((uint16_t)(x))
#define htole16(x) __builtin_bswap16(x)
#define be16toh(x) ((uint16_t)(x))
#define le16toh(x) __builtin_bswap16(x)
#define htobe32(x) ((uint32_t)(x))
#define htole32(x) __builtin_bswap32(x)
#define be32toh(x) ((uint32_t)(x))
#define le32toh(x) __builtin_bswap32(x)
#define htobe64(x) ((uint64_t)(x))
#define htole64(x) __builtin_bswap64(x)
#define be64toh(x) ((uint64_t)(x))
#define le64toh(x) __builtin_bswap64(x)
#endif

#endif
