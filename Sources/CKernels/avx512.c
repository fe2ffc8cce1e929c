#include "internal.h"

#ifdef PB_HAVE_X86
#include <immintrin.h>

#define PB_AVX512 __attribute__((target("avx512f")))
#define PB_AVX512_INLINE static inline __attribute__((target("avx512f"), always_inline))

/// `MR ≤ 12` rows of `C` against one 32-column panel: for each `p`, the panel's two vectors are multiplied by the
/// broadcast `A[i, p]` of every row. `MR` is a constant after inlining; `m0`/`m1` mask the stored lanes.
PB_AVX512_INLINE void pb_panel512(int MR, int k, const float *a, int lda, const float *panel, float beta, float *c,
                                  int ldc, __mmask16 m0, __mmask16 m1) {
    __m512 acc[12][2];
    for (int i = 0; i < 12; i++) acc[i][0] = acc[i][1] = _mm512_setzero_ps();
    for (int p = 0; p < k; p++) {
        // The panel is one sequential stream: ask for it 32 rows (4 KB) ahead of use.
        _mm_prefetch((const char *)(panel + (size_t)(p + 32) * PB_PANEL), _MM_HINT_T0);
        _mm_prefetch((const char *)(panel + (size_t)(p + 32) * PB_PANEL + 16), _MM_HINT_T0);
        __m512 w0 = _mm512_loadu_ps(panel + (size_t)p * PB_PANEL);
        __m512 w1 = _mm512_loadu_ps(panel + (size_t)p * PB_PANEL + 16);
        for (int i = 0; i < MR; i++) {
            __m512 x = _mm512_set1_ps(a[(size_t)i * lda + p]);
            acc[i][0] = _mm512_fmadd_ps(x, w0, acc[i][0]);
            acc[i][1] = _mm512_fmadd_ps(x, w1, acc[i][1]);
        }
    }
    for (int i = 0; i < MR; i++) {
        float *out = c + (size_t)i * ldc;
        __m512 s0 = acc[i][0], s1 = acc[i][1];
        if (beta != 0.0f) {
            __m512 vb = _mm512_set1_ps(beta);
            s0 = _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(m0, out), s0);
            s1 = _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(m1, out + 16), s1);
        }
        _mm512_mask_storeu_ps(out, m0, s0);
        _mm512_mask_storeu_ps(out + 16, m1, s1);
    }
}

#define PB_PANEL_CASE(R) case R: pb_panel512(R, k, ai, lda, panel, beta, cj, ldc, m0, m1); break;

PB_AVX512 void pb_sgemm_packed_avx512(int m, int n, int k, const float *a, int lda, const float *packed, float beta,
                                      float *c, int ldc) {
    for (int j = 0; j < n; j += PB_PANEL) {
        const float *panel = packed + (size_t)(j / PB_PANEL) * (size_t)k * PB_PANEL;
        int width = n - j < PB_PANEL ? n - j : PB_PANEL;
        __mmask16 m0 = width >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << width) - 1u);
        __mmask16 m1 = width >= 32 ? (__mmask16)0xFFFF : width <= 16 ? 0 : (__mmask16)((1u << (width - 16)) - 1u);
        int i = 0;
        // Up to 12 rows share each load of the panel; more rows read it again (from cache).
        for (; i + 12 <= m; i += 12) pb_panel512(12, k, a + (size_t)i * lda, lda, panel, beta, c + (size_t)i * ldc + j, ldc, m0, m1);
        const float *ai = a + (size_t)i * lda;
        float *cj = c + (size_t)i * ldc + j;
        switch (m - i) {
        PB_PANEL_CASE(11) PB_PANEL_CASE(10) PB_PANEL_CASE(9) PB_PANEL_CASE(8) PB_PANEL_CASE(7) PB_PANEL_CASE(6)
        PB_PANEL_CASE(5) PB_PANEL_CASE(4) PB_PANEL_CASE(3) PB_PANEL_CASE(2) PB_PANEL_CASE(1)
        default: break;
        }
    }
}

/// One row against one vector of `d` floats.
PB_AVX512_INLINE float pb_dot512(int d, const float *x, const float *w) {
    __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
    int p = 0;
    for (; p + 32 <= d; p += 32) {
        s0 = _mm512_fmadd_ps(_mm512_loadu_ps(x + p), _mm512_loadu_ps(w + p), s0);
        s1 = _mm512_fmadd_ps(_mm512_loadu_ps(x + p + 16), _mm512_loadu_ps(w + p + 16), s1);
    }
    for (; p + 16 <= d; p += 16) s0 = _mm512_fmadd_ps(_mm512_loadu_ps(x + p), _mm512_loadu_ps(w + p), s0);
    if (p < d) {
        __mmask16 mask = (__mmask16)((1u << (d - p)) - 1u);
        s1 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(mask, x + p), _mm512_maskz_loadu_ps(mask, w + p), s1);
    }
    return _mm512_reduce_add_ps(_mm512_add_ps(s0, s1));
}

PB_AVX512 void pb_dot_rows_avx512(const float *q, const float *rows, size_t n, int d, float *out) {
    size_t i = 0;
    // Two rows at a time for independent dependency chains.
    for (; i + 2 <= n; i += 2) {
        const float *r0 = rows + i * (size_t)d, *r1 = r0 + d;
        __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps(), t0 = _mm512_setzero_ps(), t1 = _mm512_setzero_ps();
        int p = 0;
        for (; p + 32 <= d; p += 32) {
            __m512 q0 = _mm512_loadu_ps(q + p), q1 = _mm512_loadu_ps(q + p + 16);
            s0 = _mm512_fmadd_ps(q0, _mm512_loadu_ps(r0 + p), s0);
            s1 = _mm512_fmadd_ps(q1, _mm512_loadu_ps(r0 + p + 16), s1);
            t0 = _mm512_fmadd_ps(q0, _mm512_loadu_ps(r1 + p), t0);
            t1 = _mm512_fmadd_ps(q1, _mm512_loadu_ps(r1 + p + 16), t1);
        }
        for (; p + 16 <= d; p += 16) {
            __m512 q0 = _mm512_loadu_ps(q + p);
            s0 = _mm512_fmadd_ps(q0, _mm512_loadu_ps(r0 + p), s0);
            t0 = _mm512_fmadd_ps(q0, _mm512_loadu_ps(r1 + p), t0);
        }
        if (p < d) {
            __mmask16 mask = (__mmask16)((1u << (d - p)) - 1u);
            __m512 q0 = _mm512_maskz_loadu_ps(mask, q + p);
            s1 = _mm512_fmadd_ps(q0, _mm512_maskz_loadu_ps(mask, r0 + p), s1);
            t1 = _mm512_fmadd_ps(q0, _mm512_maskz_loadu_ps(mask, r1 + p), t1);
        }
        out[i] = _mm512_reduce_add_ps(_mm512_add_ps(s0, s1));
        out[i + 1] = _mm512_reduce_add_ps(_mm512_add_ps(t0, t1));
    }
    for (; i < n; i++) out[i] = pb_dot512(d, q, rows + i * (size_t)d);
}

/// 16 int8 codes widened to floats.
PB_AVX512_INLINE __m512 pb_widen16(const signed char *p) {
    return _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i *)p)));
}

PB_AVX512 void pb_dot_rows_i8_avx512(const float *q, const signed char *codes, const float *scales, size_t n, int d,
                                     float *out) {
    for (size_t i = 0; i < n; i++) {
        const signed char *r = codes + i * (size_t)d;
        _mm_prefetch((const char *)(r + 8 * (size_t)d), _MM_HINT_T0);
        __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
        int p = 0;
        for (; p + 32 <= d; p += 32) {
            s0 = _mm512_fmadd_ps(_mm512_loadu_ps(q + p), pb_widen16(r + p), s0);
            s1 = _mm512_fmadd_ps(_mm512_loadu_ps(q + p + 16), pb_widen16(r + p + 16), s1);
        }
        float tail = 0;
        for (; p + 16 <= d; p += 16) s0 = _mm512_fmadd_ps(_mm512_loadu_ps(q + p), pb_widen16(r + p), s0);
        for (; p < d; p++) tail += q[p] * (float)r[p];
        out[i] = scales[i] * (_mm512_reduce_add_ps(_mm512_add_ps(s0, s1)) + tail);
    }
}

#endif
