/* unistd.h - apicompat fake libc (POSIX.1-2008, common GNU/BSD). */
#ifndef _APICOMPAT_FAKE_UNISTD_H
#define _APICOMPAT_FAKE_UNISTD_H 1

#include <features.h>

#define __need_apicompat_size_t 1
#define __need_apicompat_ssize_t 1
#define __need_apicompat_NULL 1
#define __need_apicompat_stdint 1
#define __need_apicompat_off_t 1
#define __need_apicompat_pid_t 1
#define __need_apicompat_uid_t 1
#define __need_apicompat_gid_t 1
#define __need_apicompat_useconds_t 1
#include "_fake_types.h"

#define _POSIX_VERSION 200809L
#define _POSIX2_VERSION 200809L
#define _XOPEN_VERSION 700
#define _POSIX_THREADS 200809L
#define _POSIX_THREAD_SAFE_FUNCTIONS 200809L
#define _POSIX_TIMERS 200809L
#define _POSIX_MONOTONIC_CLOCK 0
#define _POSIX_CLOCK_SELECTION 200809L
#define _POSIX_SEMAPHORES 200809L
#define _POSIX_MAPPED_FILES 200809L
#define _POSIX_MEMLOCK 200809L
#define _POSIX_SHARED_MEMORY_OBJECTS 200809L
#define _POSIX_READER_WRITER_LOCKS 200809L
#define _POSIX_SPIN_LOCKS 200809L
#define _POSIX_BARRIERS 200809L
#define _POSIX_FSYNC 200809L
#define _POSIX_SAVED_IDS 1
#define _POSIX_JOB_CONTROL 1
#define _POSIX_IPV6 200809L

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif
#define SEEK_DATA 3
#define SEEK_HOLE 4

#define F_ULOCK 0
#define F_LOCK 1
#define F_TLOCK 2
#define F_TEST 3

#define _PC_LINK_MAX 0
#define _PC_MAX_CANON 1
#define _PC_MAX_INPUT 2
#define _PC_NAME_MAX 3
#define _PC_PATH_MAX 4
#define _PC_PIPE_BUF 5

#define _SC_ARG_MAX 0
#define _SC_CHILD_MAX 1
#define _SC_CLK_TCK 2
#define _SC_NGROUPS_MAX 3
#define _SC_OPEN_MAX 4
#define _SC_STREAM_MAX 5
#define _SC_TZNAME_MAX 6
#define _SC_JOB_CONTROL 7
#define _SC_SAVED_IDS 8
#define _SC_VERSION 29
#define _SC_PAGESIZE 30
#define _SC_PAGE_SIZE _SC_PAGESIZE
#define _SC_LINE_MAX 43
#define _SC_IOV_MAX 60
#define _SC_GETGR_R_SIZE_MAX 69
#define _SC_GETPW_R_SIZE_MAX 70
#define _SC_LOGIN_NAME_MAX 71
#define _SC_TTY_NAME_MAX 72
#define _SC_THREAD_STACK_MIN 75
#define _SC_NPROCESSORS_CONF 83
#define _SC_NPROCESSORS_ONLN 84
#define _SC_PHYS_PAGES 85
#define _SC_AVPHYS_PAGES 86
#define _SC_HOST_NAME_MAX 180

extern char **environ;
extern char *optarg;
extern int optind, opterr, optopt;

int access(const char *pathname, int mode);
int faccessat(int dirfd, const char *pathname, int mode, int flags);
int euidaccess(const char *pathname, int mode);
unsigned int alarm(unsigned int seconds);
unsigned int sleep(unsigned int seconds);
int usleep(useconds_t usec);
int pause(void);
int chdir(const char *path);
int fchdir(int fd);
int chown(const char *pathname, uid_t owner, gid_t group);
int fchown(int fd, uid_t owner, gid_t group);
int lchown(const char *pathname, uid_t owner, gid_t group);
int fchownat(int dirfd, const char *pathname, uid_t owner, gid_t group, int flags);
int chroot(const char *path);
int close(int fd);
int dup(int oldfd);
int dup2(int oldfd, int newfd);
int dup3(int oldfd, int newfd, int flags);
int execl(const char *pathname, const char *arg, ...);
int execle(const char *pathname, const char *arg, ...);
int execlp(const char *file, const char *arg, ...);
int execv(const char *pathname, char *const argv[]);
int execve(const char *pathname, char *const argv[], char *const envp[]);
int execvp(const char *file, char *const argv[]);
int execvpe(const char *file, char *const argv[], char *const envp[]);
int fexecve(int fd, char *const argv[], char *const envp[]);
_Noreturn void _exit(int status);
pid_t fork(void);
pid_t vfork(void);
int fsync(int fd);
int fdatasync(int fd);
void sync(void);
int truncate(const char *path, off_t length);
int ftruncate(int fd, off_t length);
char *getcwd(char *buf, size_t size);
char *get_current_dir_name(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int setuid(uid_t uid);
int seteuid(uid_t euid);
int setreuid(uid_t ruid, uid_t euid);
int setgid(gid_t gid);
int setegid(gid_t egid);
int setregid(gid_t rgid, gid_t egid);
int getgroups(int size, gid_t list[]);
pid_t getpid(void);
pid_t getppid(void);
pid_t gettid(void);
pid_t getpgrp(void);
pid_t getpgid(pid_t pid);
int setpgid(pid_t pid, pid_t pgid);
pid_t getsid(pid_t pid);
pid_t setsid(void);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);
char *getlogin(void);
int getlogin_r(char *buf, size_t bufsize);
int gethostname(char *name, size_t len);
int sethostname(const char *name, size_t len);
long gethostid(void);
int getpagesize(void);
int getdtablesize(void);
int isatty(int fd);
char *ttyname(int fd);
int ttyname_r(int fd, char *buf, size_t buflen);
int link(const char *oldpath, const char *newpath);
int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags);
int symlink(const char *target, const char *linkpath);
int symlinkat(const char *target, int newdirfd, const char *linkpath);
ssize_t readlink(const char *restrict pathname, char *restrict buf, size_t bufsiz);
ssize_t readlinkat(int dirfd, const char *restrict pathname, char *restrict buf,
                   size_t bufsiz);
int unlink(const char *pathname);
int unlinkat(int dirfd, const char *pathname, int flags);
int rmdir(const char *pathname);
off_t lseek(int fd, off_t offset, int whence);
int pipe(int pipefd[2]);
int pipe2(int pipefd[2], int flags);
ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
ssize_t pread(int fd, void *buf, size_t count, off_t offset);
ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset);
long sysconf(int name);
long pathconf(const char *path, int name);
long fpathconf(int fd, int name);
size_t confstr(int name, char *buf, size_t len);
int nice(int inc);
int lockf(int fd, int cmd, off_t len);
int getopt(int argc, char *const argv[], const char *optstring);
char *crypt(const char *key, const char *salt);
int daemon(int nochdir, int noclose);
int getentropy(void *buffer, size_t length);
void swab(const void *restrict from, void *restrict to, ssize_t n);

#endif
