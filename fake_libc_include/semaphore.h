/* semaphore.h - apicompat fake libc (POSIX), Linux x86_64 size. */
#ifndef _APICOMPAT_FAKE_SEMAPHORE_H
#define _APICOMPAT_FAKE_SEMAPHORE_H 1

#define __need_apicompat_struct_timespec 1
#define __need_apicompat_clockid_t 1
#include "_fake_types.h"

typedef union {
    char __size[32];
    long __align;
} sem_t;

#define SEM_FAILED ((sem_t *)0)

int sem_init(sem_t *sem, int pshared, unsigned int value);
int sem_destroy(sem_t *sem);
sem_t *sem_open(const char *name, int oflag, ...);
int sem_close(sem_t *sem);
int sem_unlink(const char *name);
int sem_wait(sem_t *sem);
int sem_trywait(sem_t *sem);
int sem_timedwait(sem_t *restrict sem, const struct timespec *restrict abs_timeout);
int sem_clockwait(sem_t *restrict sem, clockid_t clockid,
                  const struct timespec *restrict abs_timeout);
int sem_post(sem_t *sem);
int sem_getvalue(sem_t *restrict sem, int *restrict sval);

#endif
