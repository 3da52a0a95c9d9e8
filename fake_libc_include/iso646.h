/* iso646.h - apicompat fake libc (C17 7.9). */
#ifndef _APICOMPAT_FAKE_ISO646_H
#define _APICOMPAT_FAKE_ISO646_H 1

#define and &&
#define and_eq &=
#define bitand &
#define bitor |
#define compl ~
#define not !
#define not_eq !=
#define or ||
#define or_eq |=
#define xor ^
#define xor_eq ^=

#endif
