/* sys/sysmacros.h - apicompat fake libc (glibc device numbers). */
#ifndef _APICOMPAT_FAKE_SYS_SYSMACROS_H
#define _APICOMPAT_FAKE_SYS_SYSMACROS_H 1

#define __need_apicompat_dev_t 1
#include "../_fake_types.h"

unsigned int gnu_dev_major(dev_t dev);
unsigned int gnu_dev_minor(dev_t dev);
dev_t gnu_dev_makedev(unsigned int major, unsigned int minor);
#define major(dev) gnu_dev_major(dev)
#define minor(dev) gnu_dev_minor(dev)
#define makedev(maj, min) gnu_dev_makedev(maj, min)

#endif
