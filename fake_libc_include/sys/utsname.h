/* sys/utsname.h - apicompat fake libc (POSIX), Linux field length. */
#ifndef _APICOMPAT_FAKE_SYS_UTSNAME_H
#define _APICOMPAT_FAKE_SYS_UTSNAME_H 1

#define _UTSNAME_LENGTH 65
#define SYS_NMLN _UTSNAME_LENGTH

struct utsname {
    char sysname[_UTSNAME_LENGTH];
    char nodename[_UTSNAME_LENGTH];
    char release[_UTSNAME_LENGTH];
    char version[_UTSNAME_LENGTH];
    char machine[_UTSNAME_LENGTH];
    char domainname[_UTSNAME_LENGTH];
};

int uname(struct utsname *buf);

#endif
