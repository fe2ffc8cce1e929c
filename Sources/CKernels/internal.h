#ifndef PAPERBOY_CKERNELS_INTERNAL_H
#define PAPERBOY_CKERNELS_INTERNAL_H

#include <stddef.h>

#define PB_PANEL 32

#if defined(__x86_64__) || defined(__i386__)
#define PB_HAVE_X86 1
void pb_sgemm_packed_avx512(int m, int n, int k, const float *a, int lda, const float *packed, float beta, float *c, int ldc);
void pb_sgemm_packed_avx2(int m, int n, int k, const float *a, int lda, const float *packed, float beta, float *c, int ldc);
void pb_dot_rows_avx512(const float *q, const float *rows, size_t n, int d, float *out);
void pb_dot_rows_avx2(const float *q, const float *rows, size_t n, int d, float *out);
void pb_dot_rows_i8_avx512(const float *q, const signed char *codes, const float *scales, size_t n, int d, float *out);
void pb_dot_rows_i8_avx2(const float *q, const signed char *codes, const float *scales, size_t n, int d, float *out);
#endif

/// Stores one result: `beta == 0` never reads `C` (it may hold garbage or NaN).
static inline void pb_store(float *c, float beta, float sum) {
    *c = beta == 0.0f ? sum : beta * *c + sum;
}

#endif
