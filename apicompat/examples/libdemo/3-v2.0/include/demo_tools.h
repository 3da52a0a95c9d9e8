/* Interfaces shared with the toolstack only. */
#ifndef DEMO_TOOLS_H
#define DEMO_TOOLS_H

#if !defined(DEMO_TOOLS) && !defined(DEMO_INTERNAL)
#error "demo_tools.h is for toolstack use: define DEMO_TOOLS"
#endif

#define DEMO_TOOLS_INTERFACE_VERSION 0x0002

#endif /* DEMO_TOOLS_H */
