/* pwd.h - apicompat fake libc (POSIX). */
#ifndef _APICOMPAT_FAKE_PWD_H
#define _APICOMPAT_FAKE_PWD_H 1

#define __need_apicompat_size_t 1
#define __need_apicompat_uid_t 1
#define __need_apicompat_gid_t 1
#include "_fake_types.h"

struct passwd {
    char *pw_name;
    char *pw_passwd;
    uid_t pw_uid;
    gid_t pw_gid;
    char *pw_gecos;
    char *pw_dir;
    char *pw_shell;
};

struct passwd *getpwnam(const char *name);
struct passwd *getpwuid(uid_t uid);
int getpwnam_r(const char *name, struct passwd *pwd, char *buf, size_t buflen,
               struct passwd **result);
int getpwuid_r(uid_t uid, struct passwd *pwd, char *buf, size_t buflen,
               struct passwd **result);
struct passwd *getpwent(void);
void setpwent(void);
void endpwent(void);

#endif
