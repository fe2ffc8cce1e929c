#include "CKernels.h"
#include "internal.h"

int pb_kernel_level(void) {
#ifdef PB_HAVE_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return PB_KERNEL_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return PB_KERNEL_AVX2;
#endif
    return PB_KERNEL_PORTABLE;
}

/// The CPU's level, looked up once (a benign race: every thread computes the same value).
static int pb_cached_level(void) {
    static volatile int cached = -1;
    int level = cached;
    if (level < 0) {
        level = pb_kernel_level();
        cached = level;
    }
    return level;
}

static int pb_clamp_level(int level) {
    int supported = pb_cached_level();
    return level > supported ? supported : level;
}

size_t pb_packed_count(int k, int n) {
    if (k <= 0 || n <= 0) return 0;
    size_t panels = ((size_t)n + PB_PANEL - 1) / PB_PANEL;
    return panels * (size_t)k * PB_PANEL;
}

void pb_pack_panels(int k, int n, const float *b, int ldb, float *packed) {
    size_t panels = ((size_t)n + PB_PANEL - 1) / PB_PANEL;
    for (size_t j = 0; j < panels; j++) {
        float *panel = packed + j * (size_t)k * PB_PANEL;
        for (int p = 0; p < k; p++) {
            for (int v = 0; v < PB_PANEL; v++) {
                size_t column = j * PB_PANEL + (size_t)v;
                panel[(size_t)p * PB_PANEL + v] = column < (size_t)n ? b[(size_t)p * ldb + column] : 0.0f;
            }
        }
    }
}

static void pb_sgemm_packed_portable(int m, int n, int k, const float *a, int lda, const float *packed, float beta,
                                     float *c, int ldc) {
    for (int j = 0; j < n; j += PB_PANEL) {
        const float *panel = packed + (size_t)(j / PB_PANEL) * (size_t)k * PB_PANEL;
        int width = n - j < PB_PANEL ? n - j : PB_PANEL;
        for (int i = 0; i < m; i++) {
            float acc[PB_PANEL] = {0};
            const float *x = a + (size_t)i * lda;
            for (int p = 0; p < k; p++) {
                const float *w = panel + (size_t)p * PB_PANEL;
                for (int v = 0; v < PB_PANEL; v++) acc[v] += x[p] * w[v];
            }
            for (int v = 0; v < width; v++) pb_store(c + (size_t)i * ldc + j + v, beta, acc[v]);
        }
    }
}

static void pb_dot_rows_portable(const float *q, const float *rows, size_t n, int d, float *out) {
    for (size_t i = 0; i < n; i++) {
        const float *r = rows + i * (size_t)d;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int p = 0;
        for (; p + 4 <= d; p += 4) {
            s0 += q[p] * r[p];
            s1 += q[p + 1] * r[p + 1];
            s2 += q[p + 2] * r[p + 2];
            s3 += q[p + 3] * r[p + 3];
        }
        for (; p < d; p++) s0 += q[p] * r[p];
        out[i] = (s0 + s1) + (s2 + s3);
    }
}

void pb_sgemm_packed_level(int level, int m, int n, int k, const float *a, int lda, const float *packed, float beta,
                           float *c, int ldc) {
    if (m <= 0 || n <= 0) return;
    level = pb_clamp_level(level);
#ifdef PB_HAVE_X86
    if (level >= PB_KERNEL_AVX512) {
        pb_sgemm_packed_avx512(m, n, k, a, lda, packed, beta, c, ldc);
        return;
    }
    if (level >= PB_KERNEL_AVX2) {
        pb_sgemm_packed_avx2(m, n, k, a, lda, packed, beta, c, ldc);
        return;
    }
#endif
    pb_sgemm_packed_portable(m, n, k, a, lda, packed, beta, c, ldc);
}

void pb_sgemm_packed(int m, int n, int k, const float *a, int lda, const float *packed, float beta, float *c, int ldc) {
    pb_sgemm_packed_level(PB_KERNEL_AVX512, m, n, k, a, lda, packed, beta, c, ldc);
}

void pb_dot_rows_level(int level, const float *q, const float *rows, size_t n, int d, float *out) {
    if (n == 0) return;
    level = pb_clamp_level(level);
#ifdef PB_HAVE_X86
    if (level >= PB_KERNEL_AVX512) {
        pb_dot_rows_avx512(q, rows, n, d, out);
        return;
    }
    if (level >= PB_KERNEL_AVX2) {
        pb_dot_rows_avx2(q, rows, n, d, out);
        return;
    }
#endif
    pb_dot_rows_portable(q, rows, n, d, out);
}

void pb_dot_rows(const float *q, const float *rows, size_t n, int d, float *out) {
    pb_dot_rows_level(PB_KERNEL_AVX512, q, rows, n, d, out);
}

void pb_quantize_rows(const float *rows, size_t n, int d, signed char *codes, float *scales) {
    for (size_t i = 0; i < n; i++) {
        const float *row = rows + i * (size_t)d;
        float largest = 0;
        for (int p = 0; p < d; p++) {
            float v = row[p] < 0 ? -row[p] : row[p];
            if (v > largest) largest = v;
        }
        float scale = largest / 127.0f;
        scales[i] = scale;
        for (int p = 0; p < d; p++) {
            float x = scale > 0 ? row[p] / scale : 0.0f;
            x = x > 127.0f ? 127.0f : x < -127.0f ? -127.0f : x;
            codes[i * (size_t)d + p] = (signed char)(x < 0 ? (int)(x - 0.5f) : (int)(x + 0.5f));
        }
    }
}

static void pb_dot_rows_i8_portable(const float *q, const signed char *codes, const float *scales, size_t n, int d,
                                    float *out) {
    for (size_t i = 0; i < n; i++) {
        const signed char *r = codes + i * (size_t)d;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int p = 0;
        for (; p + 4 <= d; p += 4) {
            s0 += q[p] * (float)r[p];
            s1 += q[p + 1] * (float)r[p + 1];
            s2 += q[p + 2] * (float)r[p + 2];
            s3 += q[p + 3] * (float)r[p + 3];
        }
        for (; p < d; p++) s0 += q[p] * (float)r[p];
        out[i] = scales[i] * ((s0 + s1) + (s2 + s3));
    }
}

void pb_dot_rows_i8_level(int level, const float *q, const signed char *codes, const float *scales, size_t n, int d,
                          float *out) {
    if (n == 0) return;
    level = pb_clamp_level(level);
#ifdef PB_HAVE_X86
    if (level >= PB_KERNEL_AVX512) {
        pb_dot_rows_i8_avx512(q, codes, scales, n, d, out);
        return;
    }
    if (level >= PB_KERNEL_AVX2) {
        pb_dot_rows_i8_avx2(q, codes, scales, n, d, out);
        return;
    }
#endif
    pb_dot_rows_i8_portable(q, codes, scales, n, d, out);
}

void pb_dot_rows_i8(const float *q, const signed char *codes, const float *scales, size_t n, int d, float *out) {
    pb_dot_rows_i8_level(PB_KERNEL_AVX512, q, codes, scales, n, d, out);
}
