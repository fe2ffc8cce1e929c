#ifndef PAPERBOY_COPENBLAS_SHIM_H
#define PAPERBOY_COPENBLAS_SHIM_H
// OpenBLAS's CBLAS interface (Debian: libopenblas-dev, pkg-config name "openblas").
// cblas.h also declares openblas_set_num_threads, openblas_get_num_threads and openblas_get_corename.
#include <cblas.h>

// Kernel selection of OpenBLAS's DYNAMIC_ARCH builds (exported by Debian's libopenblas0-pthread 0.3.21).
// Used once, before any BLAS call, to re-run CPU detection with OPENBLAS_CORETYPE set when the library did
// not recognise the CPU (0.3.21 falls back to the slow SSE3 "Prescott" kernels on unknown Intel models).
void gotoblas_dynamic_init(void);
void gotoblas_dynamic_quit(void);
#endif
