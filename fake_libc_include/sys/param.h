/* sys/param.h - apicompat fake libc (BSD/glibc). */
#ifndef _APICOMPAT_FAKE_SYS_PARAM_H
#define _APICOMPAT_FAKE_SYS_PARAM_H 1

#include <sys/types.h>
#include <limits.h>
#include <endian.h>

#define MAXPATHLEN PATH_MAX
#define MAXHOSTNAMELEN 64
#define MAXSYMLINKS 20
#define NOFILE 256
#define NCARGS ARG_MAX
#define NGROUPS NGROUPS_MAX
#define NBBY CHAR_BIT
#define HZ 100
#define DEV_BSIZE 512

#define setbit(a, i) ((a)[(i) / NBBY] |= 1 << ((i) % NBBY))
#define clrbit(a, i) ((a)[(i) / NBBY] &= ~(1 << ((i) % NBBY)))
#define isset(a, i) ((a)[(i) / NBBY] & (1 << ((i) % NBBY)))
#define isclr(a, i) (((a)[(i) / NBBY] & (1 << ((i) % NBBY))) == 0)
#define howmany(x, y) (((x) + ((y) - 1)) / (y))
#define roundup(x, y) ((((x) + ((y) - 1)) / (y)) * (y))
#define powerof2(x) ((((x) - 1) & (x)) == 0)
#define MIN(a, b) (((a) < (b)) ? (a) : (b))
#define MAX(a, b) (((a) > (b)) ? (a) : (b))

#endif
