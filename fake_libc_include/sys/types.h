/* sys/types.h - apicompat fake libc (POSIX), x86_64 Linux (LP64). */
#ifndef _APICOMPAT_FAKE_SYS_TYPES_H
#define _APICOMPAT_FAKE_SYS_TYPES_H 1

#include <features.h>

#define __need_apicompat_size_t 1
#define __need_apicompat_ssize_t 1
#define __need_apicompat_NULL 1
#define __need_apicompat_stdint 1
#define __need_apicompat_off_t 1
#define __need_apicompat_off64_t 1
#define __need_apicompat_pid_t 1
#define __need_apicompat_uid_t 1
#define __need_apicompat_gid_t 1
#define __need_apicompat_id_t 1
#define __need_apicompat_mode_t 1
#define __need_apicompat_dev_t 1
#define __need_apicompat_ino_t 1
#define __need_apicompat_ino64_t 1
#define __need_apicompat_nlink_t 1
#define __need_apicompat_blksize_t 1
#define __need_apicompat_blkcnt_t 1
#define __need_apicompat_fsblkcnt_t 1
#define __need_apicompat_fsfilcnt_t 1
#define __need_apicompat_key_t 1
#define __need_apicompat_time_t 1
#define __need_apicompat_suseconds_t 1
#define __need_apicompat_useconds_t 1
#define __need_apicompat_clock_t 1
#define __need_apicompat_clockid_t 1
#define __need_apicompat_timer_t 1
#define __need_apicompat_pthread_types 1
#include "../_fake_types.h"

/* BSD/SysV names */
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;
typedef long long quad_t;
typedef unsigned long long u_quad_t;
typedef unsigned char u_int8_t;
typedef unsigned short u_int16_t;
typedef unsigned int u_int32_t;
typedef unsigned long u_int64_t;
typedef char *caddr_t;
typedef long daddr_t;
typedef long loff_t;
typedef int register_t;

#endif
