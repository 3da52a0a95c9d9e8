/* setjmp.h - apicompat fake libc (C17 7.13, POSIX), x86_64 layout. */
#ifndef _APICOMPAT_FAKE_SETJMP_H
#define _APICOMPAT_FAKE_SETJMP_H 1

#define __need_apicompat_sigset_t 1
#include "_fake_types.h"

struct __jmp_buf_tag {
    long __jmpbuf[8];
    int __mask_was_saved;
    sigset_t __saved_mask;
};
typedef struct __jmp_buf_tag jmp_buf[1];
typedef struct __jmp_buf_tag sigjmp_buf[1];

int setjmp(jmp_buf env);
int _setjmp(jmp_buf env);
int sigsetjmp(sigjmp_buf env, int savesigs);
_Noreturn void longjmp(jmp_buf env, int val);
_Noreturn void _longjmp(jmp_buf env, int val);
_Noreturn void siglongjmp(sigjmp_buf env, int val);

#endif
