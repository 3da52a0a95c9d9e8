/* stdbool.h - apicompat fake libc (C17 7.18). */
#ifndef _APICOMPAT_FAKE_STDBOOL_H
#define _APICOMPAT_FAKE_STDBOOL_H 1

#define bool _Bool
#define true 1
#define false 0
#define __bool_true_false_are_defined 1

#endif
