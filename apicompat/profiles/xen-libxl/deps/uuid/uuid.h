/* apicompat stand-in for libuuid's <uuid/uuid.h> (see ../../README.md):
 * the type libxl_uuid.h wraps, and the calls its 4.1 inline helpers make. */
#ifndef APICOMPAT_STUB_UUID_UUID_H
#define APICOMPAT_STUB_UUID_UUID_H

typedef unsigned char uuid_t[16];

void uuid_clear(uuid_t uu);
int uuid_compare(const uuid_t uu1, const uuid_t uu2);
void uuid_copy(uuid_t dst, const uuid_t src);
void uuid_generate(uuid_t out);
int uuid_is_null(const uuid_t uu);
int uuid_parse(const char *in, uuid_t uu);
void uuid_unparse(const uuid_t uu, char *out);

#endif
