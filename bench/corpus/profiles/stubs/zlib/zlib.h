/* Stand-in for the system's zlib.h (a dependency of libpng's png.h), written for the apicompat
   corpus: the types png.h uses, as zlib 1.2 declares them on Linux.  Not part of libpng's API. */
#ifndef ZLIB_H
#define ZLIB_H
#define ZLIB_VERSION "1.2.11"
#define Z_DEFAULT_COMPRESSION (-1)
#define Z_FILTERED 1
#define Z_DEFAULT_STRATEGY 0
#define Z_DEFLATED 8
typedef unsigned char Byte;
typedef unsigned int uInt;
typedef unsigned long uLong;
typedef Byte Bytef;
typedef char charf;
typedef int intf;
typedef uInt uIntf;
typedef uLong uLongf;
typedef void *voidpf;
typedef void *voidp;
typedef const void *voidpc;
typedef voidpf (*alloc_func)(voidpf opaque, uInt items, uInt size);
typedef void (*free_func)(voidpf opaque, voidpf address);
struct internal_state;
typedef struct z_stream_s {
    Bytef *next_in; uInt avail_in; uLong total_in;
    Bytef *next_out; uInt avail_out; uLong total_out;
    char *msg; struct internal_state *state;
    alloc_func zalloc; free_func zfree; voidpf opaque;
    int data_type; uLong adler; uLong reserved;
} z_stream;
typedef z_stream *z_streamp;
#endif
