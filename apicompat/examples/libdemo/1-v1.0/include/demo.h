/* libdemo 1.0: a small library written for apicompat's worked example.
 * Its history (1.0 -> 1.1 -> 2.0) is shaped like a real port's pains. */
#ifndef DEMO_H
#define DEMO_H

#include <stdint.h>
#include <stddef.h>
#include "demo_types.h"

#define DEMO_VERSION_MAJOR 1
#define DEMO_VERSION_MINOR 0

/* A context the caller allocates itself (becomes opaque in 2.0). */
typedef struct {
    int version;
    void *priv;
} demo_ctx;

int demo_ctx_init(demo_ctx *ctx, int version);
void demo_ctx_free(demo_ctx *ctx);

int demo_init_create_info(demo_create_info *c_info);
int demo_init_build_info(demo_build_info *b_info, demo_create_info *c_info);
int demo_domain_create(demo_ctx *ctx, demo_create_info *c_info, demo_build_info *b_info, uint32_t *domid);
int demo_domain_destroy(demo_ctx *ctx, uint32_t domid, int force);

/* Waiters: a whole mechanism that 2.0 removes. */
typedef struct demo_waiter {
    uint32_t domid;
    int fd;
    struct demo_waiter *next;
} demo_waiter;

int demo_wait_for_disk(demo_ctx *ctx, uint32_t domid, demo_device_disk *disk, demo_waiter *waiter);
int demo_free_waiter(demo_waiter *waiter);

/* Disks */
int demo_device_disk_add(demo_ctx *ctx, uint32_t domid, demo_device_disk *disk);

#endif /* DEMO_H */
