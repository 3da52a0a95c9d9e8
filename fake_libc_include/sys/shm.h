/* sys/shm.h - apicompat fake libc (XSI shared memory), Linux x86_64. */
#ifndef _APICOMPAT_FAKE_SYS_SHM_H
#define _APICOMPAT_FAKE_SYS_SHM_H 1

#include <sys/ipc.h>

#define __need_apicompat_size_t 1
#define __need_apicompat_pid_t 1
#define __need_apicompat_time_t 1
#include "../_fake_types.h"

typedef unsigned long shmatt_t;

struct shmid_ds {
    struct ipc_perm shm_perm;
    size_t shm_segsz;
    time_t shm_atime;
    time_t shm_dtime;
    time_t shm_ctime;
    pid_t shm_cpid;
    pid_t shm_lpid;
    shmatt_t shm_nattch;
    unsigned long __unused4;
    unsigned long __unused5;
};

#define SHM_RDONLY 010000
#define SHM_RND 020000
#define SHMLBA 4096

void *shmat(int shmid, const void *shmaddr, int shmflg);
int shmdt(const void *shmaddr);
int shmget(key_t key, size_t size, int shmflg);
int shmctl(int shmid, int cmd, struct shmid_ds *buf);

#endif
