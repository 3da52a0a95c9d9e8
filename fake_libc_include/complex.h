/* complex.h - apicompat fake libc (C17 7.3). */
#ifndef _APICOMPAT_FAKE_COMPLEX_H
#define _APICOMPAT_FAKE_COMPLEX_H 1

#define complex _Complex
#define _Complex_I (__builtin_complex(0.0F, 1.0F))
#define I _Complex_I

double cabs(double _Complex z);
float cabsf(float _Complex z);
double carg(double _Complex z);
double creal(double _Complex z);
double cimag(double _Complex z);
float crealf(float _Complex z);
float cimagf(float _Complex z);
double _Complex conj(double _Complex z);
double _Complex cexp(double _Complex z);
double _Complex clog(double _Complex z);
double _Complex cpow(double _Complex x, double _Complex y);
double _Complex csqrt(double _Complex z);
double _Complex csin(double _Complex z);
double _Complex ccos(double _Complex z);
double _Complex ctan(double _Complex z);

#endif
