/* features.h - apicompat fake libc.  Every feature set is "on" (all fake
 * headers declare everything); this file only supplies the version tests
 * library headers put in #if.  __GLIBC__ is deliberately NOT defined. */
#ifndef _APICOMPAT_FAKE_FEATURES_H
#define _APICOMPAT_FAKE_FEATURES_H 1

#include <sys/cdefs.h>

#if defined(__GNUC__) && defined(__GNUC_MINOR__)
#define __GNUC_PREREQ(maj, min) \
    ((__GNUC__ << 16) + __GNUC_MINOR__ >= ((maj) << 16) + (min))
#else
#define __GNUC_PREREQ(maj, min) 0
#endif
#if defined(__clang_major__) && defined(__clang_minor__)
#define __glibc_clang_prereq(maj, min) \
    ((__clang_major__ << 16) + __clang_minor__ >= ((maj) << 16) + (min))
#else
#define __glibc_clang_prereq(maj, min) 0
#endif
#define __GLIBC_PREREQ(maj, min) 0
#define __glibc_has_attribute(attr) 0
#define __glibc_has_builtin(name) 0

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#define __USE_POSIX 1
#define __USE_POSIX2 1
#define __USE_POSIX199309 1
#define __USE_POSIX199506 1
#define __USE_XOPEN 1
#define __USE_XOPEN_EXTENDED 1
#define __USE_XOPEN2K 1
#define __USE_XOPEN2K8 1
#define __USE_MISC 1
#define __USE_ATFILE 1

#endif
