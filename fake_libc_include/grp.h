/* grp.h - apicompat fake libc (POSIX). */
#ifndef _APICOMPAT_FAKE_GRP_H
#define _APICOMPAT_FAKE_GRP_H 1

#define __need_apicompat_size_t 1
#define __need_apicompat_gid_t 1
#include "_fake_types.h"

struct group {
    char *gr_name;
    char *gr_passwd;
    gid_t gr_gid;
    char **gr_mem;
};

struct group *getgrnam(const char *name);
struct group *getgrgid(gid_t gid);
int getgrnam_r(const char *name, struct group *grp, char *buf, size_t buflen,
               struct group **result);
int getgrgid_r(gid_t gid, struct group *grp, char *buf, size_t buflen,
               struct group **result);
struct group *getgrent(void);
void setgrent(void);
void endgrent(void);
int initgroups(const char *user, gid_t group);
int setgroups(size_t size, const gid_t *list);

#endif
