/* Stand-in for json-c's generated json_config.h (configure/CMake output from json_config.h.in),
   written for the apicompat corpus: what a Linux/glibc build writes. */
#define JSON_C_HAVE_INTTYPES_H 1
