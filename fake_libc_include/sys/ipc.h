/* sys/ipc.h - apicompat fake libc (XSI IPC), Linux x86_64 layout. */
#ifndef _APICOMPAT_FAKE_SYS_IPC_H
#define _APICOMPAT_FAKE_SYS_IPC_H 1

#define __need_apicompat_uid_t 1
#define __need_apicompat_gid_t 1
#define __need_apicompat_mode_t 1
#define __need_apicompat_key_t 1
#include "../_fake_types.h"

struct ipc_perm {
    key_t __key;
    uid_t uid;
    gid_t gid;
    uid_t cuid;
    gid_t cgid;
    unsigned short mode;
    unsigned short __pad1;
    unsigned short __seq;
    unsigned short __pad2;
    unsigned long __unused1;
    unsigned long __unused2;
};

#define IPC_CREAT 01000
#define IPC_EXCL 02000
#define IPC_NOWAIT 04000
#define IPC_RMID 0
#define IPC_SET 1
#define IPC_STAT 2
#define IPC_PRIVATE ((key_t)0)

key_t ftok(const char *pathname, int proj_id);

#endif
