/* libdemo 1.0 types.  In 2.0 these gain prefixes and new shapes. */
#ifndef DEMO_TYPES_H
#define DEMO_TYPES_H

#include <stdint.h>

typedef enum {
    DISK_FORMAT_UNKNOWN = 0,
    DISK_FORMAT_QCOW = 1,
    DISK_FORMAT_QCOW2 = 2,
    DISK_FORMAT_VHD = 3,
    DISK_FORMAT_RAW = 4,
    DISK_FORMAT_EMPTY = 5,
} demo_disk_format;

typedef enum {
    DISK_BACKEND_UNKNOWN = 0,
    DISK_BACKEND_PHY = 1,
    DISK_BACKEND_TAP = 2,
} demo_disk_backend;

typedef enum {
    NICTYPE_IOEMU = 1,
    NICTYPE_VIF = 2,
} demo_nic_type;

typedef struct {
    char *name;
    int hvm;
    uint8_t uuid[16];
} demo_create_info;

typedef struct {
    int max_vcpus;
    uint32_t max_memkb;
    char *kernel;
    char *ramdisk;
    char *cmdline;
    char *bootloader;
    char *bootloader_args;
} demo_build_info;

typedef struct {
    uint32_t backend_domid;
    char *pdev_path;
    char *vdev;
    demo_disk_backend backend;
    demo_disk_format format;
    int readwrite;
} demo_device_disk;

typedef struct {
    uint32_t backend_domid;
    int devid;
    int vnc;
    char *vnclisten;
    char *vncpasswd;
    int vncdisplay;
    int vncunused;
    char *keymap;
} demo_device_vfb;

typedef struct {
    int devid;
    demo_nic_type nictype;
    char *bridge;
} demo_device_nic;

void demo_create_info_destroy(demo_create_info *p);
void demo_build_info_destroy(demo_build_info *p);
void demo_device_disk_destroy(demo_device_disk *p);
void demo_device_vfb_destroy(demo_device_vfb *p);
void demo_device_nic_destroy(demo_device_nic *p);

#endif /* DEMO_TYPES_H */
