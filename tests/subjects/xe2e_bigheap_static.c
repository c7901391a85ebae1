/*
 * e2e_bigheap linked statically: the translated restore of a static glibc image (IFUNC slots
 * bound through IRELATIVE relocations in the executable itself, no ld.so, no lazy binding).
 */
// hmcr-cflags: -static
#include "e2e_bigheap.c"
