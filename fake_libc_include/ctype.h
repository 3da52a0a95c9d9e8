/* ctype.h - apicompat fake libc (C17 7.4, POSIX). */
#ifndef _APICOMPAT_FAKE_CTYPE_H
#define _APICOMPAT_FAKE_CTYPE_H 1

#define __need_apicompat_locale_t 1
#include "_fake_types.h"

int isalnum(int c);
int isalpha(int c);
int isblank(int c);
int iscntrl(int c);
int isdigit(int c);
int isgraph(int c);
int islower(int c);
int isprint(int c);
int ispunct(int c);
int isspace(int c);
int isupper(int c);
int isxdigit(int c);
int tolower(int c);
int toupper(int c);
int isascii(int c);
int toascii(int c);

int isalnum_l(int c, locale_t l);
int isalpha_l(int c, locale_t l);
int isdigit_l(int c, locale_t l);
int islower_l(int c, locale_t l);
int isspace_l(int c, locale_t l);
int isupper_l(int c, locale_t l);
int tolower_l(int c, locale_t l);
int toupper_l(int c, locale_t l);

#endif
