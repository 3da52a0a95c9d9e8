/* sys/cdefs.h - apicompat fake libc: the glibc/BSD declaration helper macros
 * that library headers sometimes use directly, all reduced to plain C. */
#ifndef _APICOMPAT_FAKE_SYS_CDEFS_H
#define _APICOMPAT_FAKE_SYS_CDEFS_H 1

#define __BEGIN_DECLS
#define __END_DECLS
#define __THROW
#define __THROWNL
#define __NTH(fct) fct
#define __LEAF
#define __LEAF_ATTR
#define __P(args) args
#define __PMT(args) args
#define __CONCAT(x, y) x##y
#define __STRING(x) #x
#define __ptr_t void *
#define __long_double_t long double
#define __nonnull(params)
#define __wur
#define __attribute_malloc__
#define __attribute_alloc_size__(params)
#define __attribute_pure__
#define __attribute_const__
#define __attribute_used__
#define __attribute_noinline__
#define __attribute_deprecated__
#define __attribute_deprecated_msg__(msg)
#define __attribute_format_arg__(x)
#define __attribute_format_strfmon__(a, b)
#define __attribute_warn_unused_result__
#define __attribute_artificial__
#define __always_inline inline
#define __extern_inline extern inline
#define __extern_always_inline extern inline
#define __returns_nonnull
#define __glibc_unlikely(cond) (cond)
#define __glibc_likely(cond) (cond)
#define __restrict_arr
#define __flexarr []
#define __REDIRECT(name, proto, alias) name proto
#define __REDIRECT_NTH(name, proto, alias) name proto
#define __errordecl(name, msg) extern void name(void)
#define __warndecl(name, msg) extern void name(void)
#define __unused
#define __dead2
#define __pure2
#define __packed
#define __aligned(x)
#define __printflike(fmtarg, firstvararg)
#define __scanflike(fmtarg, firstvararg)
#define __predict_true(exp) (exp)
#define __predict_false(exp) (exp)

#endif
