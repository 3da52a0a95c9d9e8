/* mmintrin.h - apicompat fake libc: x86 vector types as plain C (sizes as on x86_64);
 * enough for headers that only mention them (SDL's, for one). */
#ifndef _APICOMPAT_FAKE_MMINTRIN_H
#define _APICOMPAT_FAKE_MMINTRIN_H 1

typedef struct { long long __v[1]; } __m64;

#endif
