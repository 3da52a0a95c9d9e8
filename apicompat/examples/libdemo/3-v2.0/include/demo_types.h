/* libdemo 2.0 types. */
#ifndef DEMO_TYPES_H
#define DEMO_TYPES_H

#include <stdint.h>

typedef char **demo_string_list;

typedef enum {
    DEMO_DISK_FORMAT_UNKNOWN = 0,
    DEMO_DISK_FORMAT_QCOW = 1,
    DEMO_DISK_FORMAT_QCOW2 = 2,
    DEMO_DISK_FORMAT_VHD = 3,
    DEMO_DISK_FORMAT_RAW = 4,
    DEMO_DISK_FORMAT_EMPTY = 5,
} demo_disk_format;

typedef enum {
    DEMO_DISK_BACKEND_UNKNOWN = 0,
    DEMO_DISK_BACKEND_PHY = 1,
    DEMO_DISK_BACKEND_TAP = 2,
} demo_disk_backend;

typedef enum {
    DEMO_NIC_TYPE_VIF_IOEMU = 1,
    DEMO_NIC_TYPE_VIF = 2,
} demo_nic_type;

typedef enum {
    DEMO_DOMAIN_TYPE_HVM = 1,
    DEMO_DOMAIN_TYPE_PV = 2,
} demo_domain_type;

typedef struct {
    demo_domain_type type;
    char *name;
    uint8_t uuid[16];
} demo_create_info;

typedef struct {
    int max_vcpus;
    uint32_t max_memkb;
    union {
        struct {
            int pae;
        } hvm;
        struct {
            char *kernel;
            char *ramdisk;
            char *cmdline;
            char *bootloader;
            demo_string_list bootloader_args;
        } pv;
    } u;
} demo_build_info;

typedef struct {
    uint32_t backend_domid;
    char *pdev_path;
    char *vdev;
    demo_disk_backend backend;
    demo_disk_format format;
    int read_write;
} demo_device_disk;

typedef struct {
    int enable;
    char *listen;
    char *passwd;
    int display;
    int findunused;
} demo_vnc_info;

typedef struct {
    uint32_t backend_domid;
    int devid;
    demo_vnc_info vnc;
    char *keymap;
} demo_device_vfb;

typedef struct {
    int devid;
    demo_nic_type nictype;
    char *bridge;
} demo_device_nic;

void demo_create_info_dispose(demo_create_info *p);
void demo_build_info_dispose(demo_build_info *p);
void demo_device_disk_dispose(demo_device_disk *p);
void demo_device_vfb_dispose(demo_device_vfb *p);
void demo_device_nic_dispose(demo_device_nic *p);

#endif /* DEMO_TYPES_H */
