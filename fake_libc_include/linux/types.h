/* linux/types.h - apicompat fake libc: Linux UAPI types.  The sparse
 * "__bitwise" annotations are dropped. */
#ifndef _APICOMPAT_FAKE_LINUX_TYPES_H
#define _APICOMPAT_FAKE_LINUX_TYPES_H 1

#include <asm/types.h>
#include <linux/posix_types.h>

#define __bitwise
#define __bitwise__
#define __force

typedef __u16 __le16;
typedef __u16 __be16;
typedef __u32 __le32;
typedef __u32 __be32;
typedef __u64 __le64;
typedef __u64 __be64;
typedef __u16 __sum16;
typedef __u32 __wsum;

/* 8-byte aligned in the kernel ABI (attribute dropped here) */
typedef __u64 __aligned_u64;
typedef __be64 __aligned_be64;
typedef __le64 __aligned_le64;

typedef unsigned int __poll_t;

#endif
