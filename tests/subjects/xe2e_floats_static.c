/*
 * xe2e_floats linked statically: long double formatting by a static glibc after a translated
 * restore.
 */
// hmcr-cflags: -static
#include "xe2e_floats.c"
