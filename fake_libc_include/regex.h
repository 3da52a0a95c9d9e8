/* regex.h - apicompat fake libc (POSIX).  regex_t keeps the POSIX member
 * re_nsub; the private members are a simplified stand-in. */
#ifndef _APICOMPAT_FAKE_REGEX_H
#define _APICOMPAT_FAKE_REGEX_H 1

#define __need_apicompat_size_t 1
#include "_fake_types.h"

typedef int regoff_t;

typedef struct re_pattern_buffer {
    void *__buffer;
    size_t __allocated;
    size_t __used;
    unsigned long __syntax;
    char *__fastmap;
    unsigned char *__translate;
    size_t re_nsub;
    unsigned int __flags;
} regex_t;

typedef struct {
    regoff_t rm_so;
    regoff_t rm_eo;
} regmatch_t;

#define REG_EXTENDED 1
#define REG_ICASE 2
#define REG_NEWLINE 4
#define REG_NOSUB 8
#define REG_NOTBOL 1
#define REG_NOTEOL 2
#define REG_STARTEND 4

typedef enum {
    REG_ENOSYS = -1,
    REG_NOERROR = 0,
    REG_NOMATCH,
    REG_BADPAT,
    REG_ECOLLATE,
    REG_ECTYPE,
    REG_EESCAPE,
    REG_ESUBREG,
    REG_EBRACK,
    REG_EPAREN,
    REG_EBRACE,
    REG_BADBR,
    REG_ERANGE,
    REG_ESPACE,
    REG_BADRPT,
    REG_EEND,
    REG_ESIZE,
    REG_ERPAREN
} reg_errcode_t;

int regcomp(regex_t *restrict preg, const char *restrict regex, int cflags);
int regexec(const regex_t *restrict preg, const char *restrict string, size_t nmatch,
            regmatch_t pmatch[restrict], int eflags);
size_t regerror(int errcode, const regex_t *restrict preg, char *restrict errbuf,
                size_t errbuf_size);
void regfree(regex_t *preg);

#endif
