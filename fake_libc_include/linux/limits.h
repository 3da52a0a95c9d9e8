/* linux/limits.h - apicompat fake libc: Linux UAPI limits.  Guarded one by
 * one because <limits.h> defines several of the same names. */
#ifndef _APICOMPAT_FAKE_LINUX_LIMITS_H
#define _APICOMPAT_FAKE_LINUX_LIMITS_H 1

#define NR_OPEN 1024
#ifndef NGROUPS_MAX
#define NGROUPS_MAX 65536
#endif
#ifndef ARG_MAX
#define ARG_MAX 131072
#endif
#define LINK_MAX 127
#define MAX_CANON 255
#define MAX_INPUT 255
#ifndef NAME_MAX
#define NAME_MAX 255
#endif
#ifndef PATH_MAX
#define PATH_MAX 4096
#endif
#ifndef PIPE_BUF
#define PIPE_BUF 4096
#endif
#ifndef XATTR_NAME_MAX
#define XATTR_NAME_MAX 255
#endif
#ifndef XATTR_SIZE_MAX
#define XATTR_SIZE_MAX 65536
#endif
#define XATTR_LIST_MAX 65536
#ifndef RTSIG_MAX
#define RTSIG_MAX 32
#endif

#endif
