/* libdemo 2.0: contexts are opaque, events replace waiters, and the
 * generated types gained prefixes (see demo_types.h). */
#ifndef DEMO_H
#define DEMO_H

#include <stdint.h>
#include <stddef.h>
#include "demo_types.h"
#include "demo_tools.h"

#define DEMO_VERSION_MAJOR 2
#define DEMO_VERSION_MINOR 0

/* Feature macros, for consumers that build against several versions. */
#define DEMO_HAVE_EVENTS 1

/* The context is private now: allocate it with demo_ctx_alloc. */
typedef struct demo__ctx demo_ctx;

int demo_ctx_alloc(demo_ctx **pctx, int version);
void demo_ctx_free(demo_ctx *ctx);

int demo_init_create_info(demo_ctx *ctx, demo_create_info *c_info);
int demo_init_build_info(demo_build_info *b_info, demo_create_info *c_info);
int demo_domain_create(demo_ctx *ctx, demo_create_info *c_info, demo_build_info *b_info, uint32_t *domid);
int demo_domain_destroy(demo_ctx *ctx, uint32_t domid);

/* Events */
typedef struct demo_evgen_disk_eject demo_evgen_disk_eject;
int demo_evenable_disk_eject(demo_ctx *ctx, uint32_t domid, const char *vdev, demo_evgen_disk_eject **evgen_out);
void demo_evdisable_disk_eject(demo_ctx *ctx, demo_evgen_disk_eject *evgen);

/* Disks */
int demo_device_disk_add(demo_ctx *ctx, uint32_t domid, demo_device_disk *disk);
int demo_device_disk_remove(demo_ctx *ctx, uint32_t domid, demo_device_disk *disk);
/* The old one-argument destroy is demo_device_disk_dispose now; this name
 * took over removing a disk without waiting. */
int demo_device_disk_destroy(demo_ctx *ctx, uint32_t domid, demo_device_disk *disk);

#endif /* DEMO_H */
