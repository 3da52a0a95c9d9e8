/* emmintrin.h - apicompat fake libc: x86 vector types as plain C (sizes as on x86_64);
 * enough for headers that only mention them (SDL's, for one). */
#ifndef _APICOMPAT_FAKE_EMMINTRIN_H
#define _APICOMPAT_FAKE_EMMINTRIN_H 1

#include <xmmintrin.h>
typedef struct { double __v[2]; } __m128d;
typedef struct { long long __v[2]; } __m128i;

#endif
