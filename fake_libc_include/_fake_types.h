/* _fake_types.h - apicompat fake libc: the single home of every shared type.
 *
 * Internal header.  A public fake header asks for the types it exposes with
 *     #define __need_apicompat_size_t
 *     #include "_fake_types.h"
 * Each block below is emitted at most once per translation unit (own guard),
 * so a type reached through several headers is declared exactly once, and a
 * header only exposes the names its real counterpart exposes.
 * All the "__need_apicompat_*" request macros are #undef'd at the end.
 * Widths are those of x86_64 Linux (LP64).
 *
 * Deliberately no include guard.
 */

/* A request implies the requests for the types its members use. */
#ifdef __need_apicompat_struct_timeval
#define __need_apicompat_time_t 1
#define __need_apicompat_suseconds_t 1
#endif
#ifdef __need_apicompat_struct_timespec
#define __need_apicompat_time_t 1
#endif
#ifdef __need_apicompat_struct_iovec
#define __need_apicompat_size_t 1
#endif

#if defined(__need_apicompat_size_t) && !defined(__apicompat_size_t_defined)
#define __apicompat_size_t_defined 1
typedef unsigned long size_t;
#endif

#if defined(__need_apicompat_ptrdiff_t) && !defined(__apicompat_ptrdiff_t_defined)
#define __apicompat_ptrdiff_t_defined 1
typedef long ptrdiff_t;
#endif

#if defined(__need_apicompat_wchar_t) && !defined(__apicompat_wchar_t_defined)
#define __apicompat_wchar_t_defined 1
typedef int wchar_t;
#endif

#if defined(__need_apicompat_wint_t) && !defined(__apicompat_wint_t_defined)
#define __apicompat_wint_t_defined 1
typedef unsigned int wint_t;
#endif

#if defined(__need_apicompat_max_align_t) && !defined(__apicompat_max_align_t_defined)
#define __apicompat_max_align_t_defined 1
typedef struct {
    long long __max_align_ll;
    long double __max_align_ld;
} max_align_t;
#endif

#ifdef __need_apicompat_NULL
#undef NULL
#define NULL ((void *)0)
#endif

#if defined(__need_apicompat_va_list) && !defined(__apicompat_va_list_defined)
#define __apicompat_va_list_defined 1
typedef __builtin_va_list va_list;
typedef __builtin_va_list __gnuc_va_list;
#endif

#if defined(__need_apicompat_stdint) && !defined(__apicompat_stdint_defined)
#define __apicompat_stdint_defined 1
typedef signed char int8_t;
typedef short int16_t;
typedef int int32_t;
typedef long int64_t;
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef unsigned long uint64_t;
typedef long intptr_t;
typedef unsigned long uintptr_t;
typedef long intmax_t;
typedef unsigned long uintmax_t;
#endif

#if defined(__need_apicompat_ssize_t) && !defined(__apicompat_ssize_t_defined)
#define __apicompat_ssize_t_defined 1
typedef long ssize_t;
#endif

#if defined(__need_apicompat_off_t) && !defined(__apicompat_off_t_defined)
#define __apicompat_off_t_defined 1
typedef long off_t;
#endif

#if defined(__need_apicompat_off64_t) && !defined(__apicompat_off64_t_defined)
#define __apicompat_off64_t_defined 1
typedef long off64_t;
#endif

#if defined(__need_apicompat_pid_t) && !defined(__apicompat_pid_t_defined)
#define __apicompat_pid_t_defined 1
typedef int pid_t;
#endif

#if defined(__need_apicompat_uid_t) && !defined(__apicompat_uid_t_defined)
#define __apicompat_uid_t_defined 1
typedef unsigned int uid_t;
#endif

#if defined(__need_apicompat_gid_t) && !defined(__apicompat_gid_t_defined)
#define __apicompat_gid_t_defined 1
typedef unsigned int gid_t;
#endif

#if defined(__need_apicompat_id_t) && !defined(__apicompat_id_t_defined)
#define __apicompat_id_t_defined 1
typedef unsigned int id_t;
#endif

#if defined(__need_apicompat_mode_t) && !defined(__apicompat_mode_t_defined)
#define __apicompat_mode_t_defined 1
typedef unsigned int mode_t;
#endif

#if defined(__need_apicompat_dev_t) && !defined(__apicompat_dev_t_defined)
#define __apicompat_dev_t_defined 1
typedef unsigned long dev_t;
#endif

#if defined(__need_apicompat_ino_t) && !defined(__apicompat_ino_t_defined)
#define __apicompat_ino_t_defined 1
typedef unsigned long ino_t;
#endif

#if defined(__need_apicompat_ino64_t) && !defined(__apicompat_ino64_t_defined)
#define __apicompat_ino64_t_defined 1
typedef unsigned long ino64_t;
#endif

#if defined(__need_apicompat_nlink_t) && !defined(__apicompat_nlink_t_defined)
#define __apicompat_nlink_t_defined 1
typedef unsigned long nlink_t;
#endif

#if defined(__need_apicompat_blksize_t) && !defined(__apicompat_blksize_t_defined)
#define __apicompat_blksize_t_defined 1
typedef long blksize_t;
#endif

#if defined(__need_apicompat_blkcnt_t) && !defined(__apicompat_blkcnt_t_defined)
#define __apicompat_blkcnt_t_defined 1
typedef long blkcnt_t;
#endif

#if defined(__need_apicompat_fsblkcnt_t) && !defined(__apicompat_fsblkcnt_t_defined)
#define __apicompat_fsblkcnt_t_defined 1
typedef unsigned long fsblkcnt_t;
#endif

#if defined(__need_apicompat_fsfilcnt_t) && !defined(__apicompat_fsfilcnt_t_defined)
#define __apicompat_fsfilcnt_t_defined 1
typedef unsigned long fsfilcnt_t;
#endif

#if defined(__need_apicompat_key_t) && !defined(__apicompat_key_t_defined)
#define __apicompat_key_t_defined 1
typedef int key_t;
#endif

#if defined(__need_apicompat_time_t) && !defined(__apicompat_time_t_defined)
#define __apicompat_time_t_defined 1
typedef long time_t;
#endif

#if defined(__need_apicompat_suseconds_t) && !defined(__apicompat_suseconds_t_defined)
#define __apicompat_suseconds_t_defined 1
typedef long suseconds_t;
#endif

#if defined(__need_apicompat_useconds_t) && !defined(__apicompat_useconds_t_defined)
#define __apicompat_useconds_t_defined 1
typedef unsigned int useconds_t;
#endif

#if defined(__need_apicompat_clock_t) && !defined(__apicompat_clock_t_defined)
#define __apicompat_clock_t_defined 1
typedef long clock_t;
#endif

#if defined(__need_apicompat_clockid_t) && !defined(__apicompat_clockid_t_defined)
#define __apicompat_clockid_t_defined 1
typedef int clockid_t;
#endif

#if defined(__need_apicompat_timer_t) && !defined(__apicompat_timer_t_defined)
#define __apicompat_timer_t_defined 1
typedef void *timer_t;
#endif

#if defined(__need_apicompat_socklen_t) && !defined(__apicompat_socklen_t_defined)
#define __apicompat_socklen_t_defined 1
typedef unsigned int socklen_t;
#endif

#if defined(__need_apicompat_sa_family_t) && !defined(__apicompat_sa_family_t_defined)
#define __apicompat_sa_family_t_defined 1
typedef unsigned short sa_family_t;
#endif

#if defined(__need_apicompat_locale_t) && !defined(__apicompat_locale_t_defined)
#define __apicompat_locale_t_defined 1
typedef struct __locale_struct *locale_t;
#endif

#if defined(__need_apicompat_mbstate_t) && !defined(__apicompat_mbstate_t_defined)
#define __apicompat_mbstate_t_defined 1
typedef struct {
    int __count;
    union {
        unsigned int __wch;
        char __wchb[4];
    } __value;
} mbstate_t;
#endif

#if defined(__need_apicompat_FILE) && !defined(__apicompat_FILE_defined)
#define __apicompat_FILE_defined 1
typedef struct _IO_FILE FILE;
#endif

#if defined(__need_apicompat_struct_timeval) && !defined(__apicompat_struct_timeval_defined)
#define __apicompat_struct_timeval_defined 1
struct timeval {
    time_t tv_sec;
    suseconds_t tv_usec;
};
#endif

#if defined(__need_apicompat_struct_timespec) && !defined(__apicompat_struct_timespec_defined)
#define __apicompat_struct_timespec_defined 1
struct timespec {
    time_t tv_sec;
    long tv_nsec;
};
#endif

#if defined(__need_apicompat_struct_iovec) && !defined(__apicompat_struct_iovec_defined)
#define __apicompat_struct_iovec_defined 1
struct iovec {
    void *iov_base;
    size_t iov_len;
};
#endif

#if defined(__need_apicompat_sigset_t) && !defined(__apicompat_sigset_t_defined)
#define __apicompat_sigset_t_defined 1
typedef struct {
    unsigned long __val[1024 / (8 * sizeof(unsigned long))];
} sigset_t;
#endif

#if defined(__need_apicompat_pthread_types) && !defined(__apicompat_pthread_types_defined)
#define __apicompat_pthread_types_defined 1
typedef unsigned long pthread_t;
typedef unsigned int pthread_key_t;
typedef int pthread_once_t;
typedef volatile int pthread_spinlock_t;
typedef union { char __size[56]; long __align; } pthread_attr_t;
typedef union { char __size[40]; long __align; } pthread_mutex_t;
typedef union { char __size[4]; int __align; } pthread_mutexattr_t;
typedef union { char __size[48]; long long __align; } pthread_cond_t;
typedef union { char __size[4]; int __align; } pthread_condattr_t;
typedef union { char __size[56]; long __align; } pthread_rwlock_t;
typedef union { char __size[8]; long __align; } pthread_rwlockattr_t;
typedef union { char __size[32]; long __align; } pthread_barrier_t;
typedef union { char __size[4]; int __align; } pthread_barrierattr_t;
#endif


#undef __need_apicompat_size_t
#undef __need_apicompat_ptrdiff_t
#undef __need_apicompat_wchar_t
#undef __need_apicompat_wint_t
#undef __need_apicompat_max_align_t
#undef __need_apicompat_NULL
#undef __need_apicompat_va_list
#undef __need_apicompat_stdint
#undef __need_apicompat_ssize_t
#undef __need_apicompat_off_t
#undef __need_apicompat_off64_t
#undef __need_apicompat_pid_t
#undef __need_apicompat_uid_t
#undef __need_apicompat_gid_t
#undef __need_apicompat_id_t
#undef __need_apicompat_mode_t
#undef __need_apicompat_dev_t
#undef __need_apicompat_ino_t
#undef __need_apicompat_ino64_t
#undef __need_apicompat_nlink_t
#undef __need_apicompat_blksize_t
#undef __need_apicompat_blkcnt_t
#undef __need_apicompat_fsblkcnt_t
#undef __need_apicompat_fsfilcnt_t
#undef __need_apicompat_key_t
#undef __need_apicompat_time_t
#undef __need_apicompat_suseconds_t
#undef __need_apicompat_useconds_t
#undef __need_apicompat_clock_t
#undef __need_apicompat_clockid_t
#undef __need_apicompat_timer_t
#undef __need_apicompat_socklen_t
#undef __need_apicompat_sa_family_t
#undef __need_apicompat_locale_t
#undef __need_apicompat_mbstate_t
#undef __need_apicompat_FILE
#undef __need_apicompat_struct_timeval
#undef __need_apicompat_struct_timespec
#undef __need_apicompat_struct_iovec
#undef __need_apicompat_sigset_t
#undef __need_apicompat_pthread_types
