/* dlfcn.h - apicompat fake libc (POSIX, GNU dladdr). */
#ifndef _APICOMPAT_FAKE_DLFCN_H
#define _APICOMPAT_FAKE_DLFCN_H 1

#define RTLD_LAZY 0x00001
#define RTLD_NOW 0x00002
#define RTLD_NOLOAD 0x00004
#define RTLD_DEEPBIND 0x00008
#define RTLD_GLOBAL 0x00100
#define RTLD_LOCAL 0
#define RTLD_NODELETE 0x01000
#define RTLD_DEFAULT ((void *)0)
#define RTLD_NEXT ((void *)-1L)

typedef struct {
    const char *dli_fname;
    void *dli_fbase;
    const char *dli_sname;
    void *dli_saddr;
} Dl_info;

void *dlopen(const char *filename, int flags);
int dlclose(void *handle);
void *dlsym(void *restrict handle, const char *restrict symbol);
void *dlvsym(void *restrict handle, const char *restrict symbol,
             const char *restrict version);
char *dlerror(void);
int dladdr(const void *addr, Dl_info *info);

#endif
