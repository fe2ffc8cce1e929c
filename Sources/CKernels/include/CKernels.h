#ifndef PAPERBOY_CKERNELS_H
#define PAPERBOY_CKERNELS_H

#include <stddef.h>

/// Hand-written float32 kernels for the shapes OpenBLAS handles badly: products with few rows (one query's tokens
/// against a weight matrix, where sgemm spends most of its time packing the weights) and dot products of one vector
/// against many (the exact vector scan). Each has an AVX-512F, an AVX2+FMA and a portable version, chosen at run time
/// from the CPU's features (no compiler flags needed), so one binary runs everywhere.

/// Implementation levels: the best one this CPU supports, or a lower one for tests and measurements.
enum {
    PB_KERNEL_PORTABLE = 0,
    PB_KERNEL_AVX2 = 1,
    PB_KERNEL_AVX512 = 2,
};

/// Columns per panel of a packed matrix.
enum { PB_PANEL_WIDTH = 32 };

/// The best level this CPU supports (`PB_KERNEL_*`).
int pb_kernel_level(void);

/// Floats needed to pack a `[k, n]` matrix: `k × n` rounded up to whole panels.
size_t pb_packed_count(int k, int n);

/// Packs row-major `B` `[k, n]` (leading dimension `ldb`) into panels of ``PB_PANEL_WIDTH`` columns: panel `j` holds
/// `B[p, 32j ..< 32j+32]` for `p = 0 ..< k`, contiguous, zero-padded past column `n`. A product then reads each panel
/// as one sequential stream (the weights of a layer are packed once, at load).
void pb_pack_panels(int k, int n, const float *b, int ldb, float *packed);

/// Row-major `C = A · B + beta · C` with `A` `[m, k]` (`lda`), `B` `[k, n]` packed by ``pb_pack_panels``, `C` `[m, n]`
/// (`ldc`). With `beta == 0`, `C` is not read. Every panel is streamed from memory once for up to 8 rows of A (then
/// re-read from cache), so this beats sgemm for a few dozen rows and loses for many.
/// To compute a column block `[j0, j0 + w)` with `j0` a multiple of 32, pass `packed + (j0 / 32) · k · 32`, `n = w`
/// and `c + j0`.
void pb_sgemm_packed(int m, int n, int k, const float *a, int lda, const float *packed, float beta, float *c, int ldc);

/// ``pb_sgemm_packed`` at a given level (clamped to what the CPU supports).
void pb_sgemm_packed_level(int level, int m, int n, int k, const float *a, int lda, const float *packed, float beta,
                           float *c, int ldc);

/// `out[i] = Σₚ q[p] · rows[i·d + p]` for `0 ≤ i < n`.
void pb_dot_rows(const float *q, const float *rows, size_t n, int d, float *out);

/// ``pb_dot_rows`` at a given level (clamped to what the CPU supports).
void pb_dot_rows_level(int level, const float *q, const float *rows, size_t n, int d, float *out);

/// Quantises `n` rows of `d` floats to int8 with one scale per row: `codes[i·d + p] = round(rows[i·d + p] / scale[i])`,
/// `scale[i] = max |row i| / 127` (0 for an all-zero row).
void pb_quantize_rows(const float *rows, size_t n, int d, signed char *codes, float *scales);

/// `out[i] = scale[i] · Σₚ q[p] · codes[i·d + p]`: the float query against int8 rows (a quarter of the memory
/// traffic of ``pb_dot_rows``; callers re-score the best candidates in float32).
void pb_dot_rows_i8(const float *q, const signed char *codes, const float *scales, size_t n, int d, float *out);

/// ``pb_dot_rows_i8`` at a given level (clamped to what the CPU supports).
void pb_dot_rows_i8_level(int level, const float *q, const signed char *codes, const float *scales, size_t n, int d,
                          float *out);

#endif
