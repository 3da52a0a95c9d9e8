/* linux/ioctl.h - apicompat fake libc. */
#ifndef _APICOMPAT_FAKE_LINUX_IOCTL_H
#define _APICOMPAT_FAKE_LINUX_IOCTL_H 1
#include <asm/ioctl.h>
#endif
