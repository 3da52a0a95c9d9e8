/* apicompat stand-in for <yajl/yajl_version.h> (see ../../README.md):
 * says "yajl 2", so libxl_json.h takes its yajl 2 branch. */
#ifndef APICOMPAT_STUB_YAJL_VERSION_H
#define APICOMPAT_STUB_YAJL_VERSION_H

#define YAJL_MAJOR 2
#define YAJL_MINOR 1
#define YAJL_MICRO 0

#endif
