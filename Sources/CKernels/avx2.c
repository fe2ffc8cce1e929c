#include "internal.h"

#ifdef PB_HAVE_X86
#include <immintrin.h>

#define PB_AVX2 __attribute__((target("avx2,fma")))
#define PB_AVX2_INLINE static inline __attribute__((target("avx2,fma"), always_inline))

/// Lane masks: row `r` enables the first `r` of 8 lanes.
static const int pb_lane_masks[9][8] = {
    {0, 0, 0, 0, 0, 0, 0, 0}, {-1, 0, 0, 0, 0, 0, 0, 0}, {-1, -1, 0, 0, 0, 0, 0, 0},
    {-1, -1, -1, 0, 0, 0, 0, 0}, {-1, -1, -1, -1, 0, 0, 0, 0}, {-1, -1, -1, -1, -1, 0, 0, 0},
    {-1, -1, -1, -1, -1, -1, 0, 0}, {-1, -1, -1, -1, -1, -1, -1, 0}, {-1, -1, -1, -1, -1, -1, -1, -1},
};

PB_AVX2_INLINE __m256i pb_mask8(int lanes) {
    return _mm256_loadu_si256((const __m256i *)pb_lane_masks[lanes < 0 ? 0 : lanes > 8 ? 8 : lanes]);
}

/// `MR ≤ 2` rows of `C` against one 32-column panel (four 8-lane vectors); `width` columns are stored.
PB_AVX2_INLINE void pb_panel256(int MR, int k, const float *a, int lda, const float *panel, float beta, float *c,
                                int ldc, int width) {
    __m256 acc[2][4];
    for (int i = 0; i < 2; i++)
        for (int v = 0; v < 4; v++) acc[i][v] = _mm256_setzero_ps();
    for (int p = 0; p < k; p++) {
        // The panel is one sequential stream: ask for it 32 rows (4 KB) ahead of use.
        _mm_prefetch((const char *)(panel + (size_t)(p + 32) * PB_PANEL), _MM_HINT_T0);
        _mm_prefetch((const char *)(panel + (size_t)(p + 32) * PB_PANEL + 16), _MM_HINT_T0);
        const float *w = panel + (size_t)p * PB_PANEL;
        __m256 w0 = _mm256_loadu_ps(w), w1 = _mm256_loadu_ps(w + 8), w2 = _mm256_loadu_ps(w + 16), w3 = _mm256_loadu_ps(w + 24);
        for (int i = 0; i < MR; i++) {
            __m256 x = _mm256_broadcast_ss(a + (size_t)i * lda + p);
            acc[i][0] = _mm256_fmadd_ps(x, w0, acc[i][0]);
            acc[i][1] = _mm256_fmadd_ps(x, w1, acc[i][1]);
            acc[i][2] = _mm256_fmadd_ps(x, w2, acc[i][2]);
            acc[i][3] = _mm256_fmadd_ps(x, w3, acc[i][3]);
        }
    }
    for (int i = 0; i < MR; i++) {
        float *out = c + (size_t)i * ldc;
        for (int v = 0; v < 4; v++) {
            __m256i mask = pb_mask8(width - 8 * v);
            __m256 sum = acc[i][v];
            if (beta != 0.0f) sum = _mm256_fmadd_ps(_mm256_set1_ps(beta), _mm256_maskload_ps(out + 8 * v, mask), sum);
            _mm256_maskstore_ps(out + 8 * v, mask, sum);
        }
    }
}

PB_AVX2 void pb_sgemm_packed_avx2(int m, int n, int k, const float *a, int lda, const float *packed, float beta,
                                  float *c, int ldc) {
    for (int j = 0; j < n; j += PB_PANEL) {
        const float *panel = packed + (size_t)(j / PB_PANEL) * (size_t)k * PB_PANEL;
        int width = n - j < PB_PANEL ? n - j : PB_PANEL;
        int i = 0;
        for (; i + 2 <= m; i += 2) pb_panel256(2, k, a + (size_t)i * lda, lda, panel, beta, c + (size_t)i * ldc + j, ldc, width);
        if (i < m) pb_panel256(1, k, a + (size_t)i * lda, lda, panel, beta, c + (size_t)i * ldc + j, ldc, width);
    }
}

PB_AVX2_INLINE float pb_hsum256(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

PB_AVX2 void pb_dot_rows_avx2(const float *q, const float *rows, size_t n, int d, float *out) {
    for (size_t i = 0; i < n; i++) {
        const float *w = rows + i * (size_t)d;
        __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
        int p = 0;
        for (; p + 16 <= d; p += 16) {
            s0 = _mm256_fmadd_ps(_mm256_loadu_ps(q + p), _mm256_loadu_ps(w + p), s0);
            s1 = _mm256_fmadd_ps(_mm256_loadu_ps(q + p + 8), _mm256_loadu_ps(w + p + 8), s1);
        }
        for (; p + 8 <= d; p += 8) s0 = _mm256_fmadd_ps(_mm256_loadu_ps(q + p), _mm256_loadu_ps(w + p), s0);
        if (p < d) {
            __m256i mask = pb_mask8(d - p);
            s1 = _mm256_fmadd_ps(_mm256_maskload_ps(q + p, mask), _mm256_maskload_ps(w + p, mask), s1);
        }
        out[i] = pb_hsum256(_mm256_add_ps(s0, s1));
    }
}

/// 8 int8 codes widened to floats.
PB_AVX2_INLINE __m256 pb_widen8(const signed char *p) {
    return _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)p)));
}

PB_AVX2 void pb_dot_rows_i8_avx2(const float *q, const signed char *codes, const float *scales, size_t n, int d,
                                 float *out) {
    for (size_t i = 0; i < n; i++) {
        const signed char *r = codes + i * (size_t)d;
        __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
        int p = 0;
        for (; p + 16 <= d; p += 16) {
            s0 = _mm256_fmadd_ps(_mm256_loadu_ps(q + p), pb_widen8(r + p), s0);
            s1 = _mm256_fmadd_ps(_mm256_loadu_ps(q + p + 8), pb_widen8(r + p + 8), s1);
        }
        float tail = 0;
        for (; p + 8 <= d; p += 8) s0 = _mm256_fmadd_ps(_mm256_loadu_ps(q + p), pb_widen8(r + p), s0);
        for (; p < d; p++) tail += q[p] * (float)r[p];
        out[i] = scales[i] * (pb_hsum256(_mm256_add_ps(s0, s1)) + tail);
    }
}

#endif
