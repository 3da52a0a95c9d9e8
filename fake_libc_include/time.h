/* time.h - apicompat fake libc (C17 7.27, POSIX). */
#ifndef _APICOMPAT_FAKE_TIME_H
#define _APICOMPAT_FAKE_TIME_H 1

#define __need_apicompat_size_t 1
#define __need_apicompat_NULL 1
#define __need_apicompat_time_t 1
#define __need_apicompat_clock_t 1
#define __need_apicompat_clockid_t 1
#define __need_apicompat_timer_t 1
#define __need_apicompat_pid_t 1
#define __need_apicompat_locale_t 1
#define __need_apicompat_struct_timespec 1
#include "_fake_types.h"

struct tm {
    int tm_sec;
    int tm_min;
    int tm_hour;
    int tm_mday;
    int tm_mon;
    int tm_year;
    int tm_wday;
    int tm_yday;
    int tm_isdst;
    long tm_gmtoff;
    const char *tm_zone;
};

struct itimerspec {
    struct timespec it_interval;
    struct timespec it_value;
};

struct sigevent;

#define CLOCKS_PER_SEC ((clock_t)1000000)
#define TIME_UTC 1

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define TIMER_ABSTIME 1

extern char *tzname[2];
extern long timezone;
extern int daylight;

clock_t clock(void);
time_t time(time_t *tloc);
double difftime(time_t time1, time_t time0);
time_t mktime(struct tm *tm);
time_t timegm(struct tm *tm);
int timespec_get(struct timespec *ts, int base);
char *asctime(const struct tm *tm);
char *asctime_r(const struct tm *restrict tm, char *restrict buf);
char *ctime(const time_t *timep);
char *ctime_r(const time_t *restrict timep, char *restrict buf);
struct tm *gmtime(const time_t *timep);
struct tm *gmtime_r(const time_t *restrict timep, struct tm *restrict result);
struct tm *localtime(const time_t *timep);
struct tm *localtime_r(const time_t *restrict timep, struct tm *restrict result);
size_t strftime(char *restrict s, size_t max, const char *restrict format,
                const struct tm *restrict tm);
size_t strftime_l(char *restrict s, size_t max, const char *restrict format,
                  const struct tm *restrict tm, locale_t l);
char *strptime(const char *restrict s, const char *restrict format,
               struct tm *restrict tm);
void tzset(void);

int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_getres(clockid_t clockid, struct timespec *res);
int clock_gettime(clockid_t clockid, struct timespec *tp);
int clock_settime(clockid_t clockid, const struct timespec *tp);
int clock_nanosleep(clockid_t clockid, int flags, const struct timespec *request,
                    struct timespec *remain);
int clock_getcpuclockid(pid_t pid, clockid_t *clockid);
int timer_create(clockid_t clockid, struct sigevent *restrict sevp,
                 timer_t *restrict timerid);
int timer_delete(timer_t timerid);
int timer_settime(timer_t timerid, int flags, const struct itimerspec *restrict new_value,
                  struct itimerspec *restrict old_value);
int timer_gettime(timer_t timerid, struct itimerspec *curr_value);
int timer_getoverrun(timer_t timerid);

#endif
