/* immintrin.h - apicompat fake libc: x86 vector types as plain C (sizes as on x86_64);
 * enough for headers that only mention them (SDL's, for one). */
#ifndef _APICOMPAT_FAKE_IMMINTRIN_H
#define _APICOMPAT_FAKE_IMMINTRIN_H 1

#include <nmmintrin.h>
#include <wmmintrin.h>
typedef struct { float __v[8]; } __m256;
typedef struct { double __v[4]; } __m256d;
typedef struct { long long __v[4]; } __m256i;
typedef struct { float __v[16]; } __m512;
typedef struct { double __v[8]; } __m512d;
typedef struct { long long __v[8]; } __m512i;

#endif
