#ifndef CIMAGECODECS_H
#define CIMAGECODECS_H
#include <stddef.h>
/* Placeholder header; the JPEG codec functions are declared here. */
#endif
