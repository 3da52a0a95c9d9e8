/* wmmintrin.h - apicompat fake libc: x86 vector types as plain C (sizes as on x86_64);
 * enough for headers that only mention them (SDL's, for one). */
#ifndef _APICOMPAT_FAKE_WMMINTRIN_H
#define _APICOMPAT_FAKE_WMMINTRIN_H 1

#include <emmintrin.h>

#endif
