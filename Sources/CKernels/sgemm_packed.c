// Packed-A single-precision GEMM: the convolutions' workhorse (see facet_kernels.h for the contract).
//
// B is copied 16 columns at a time into a contiguous block, zero-padded, and each 6-row panel of A runs over it:
// the AVX2 kernel holds the 6×16 block of C in 12 registers. A narrow last block computes zeros in its padding
// and stores only its real columns, so an element's arithmetic never depends on its block.
#include "facet_kernels.h"

#include <math.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

enum { block_columns = 16, depth_block = 512, panel_columns = 192 };

size_t facet_packed_count(ptrdiff_t m, ptrdiff_t k) {
    return (size_t)((m + FACET_PANEL_ROWS - 1) / FACET_PANEL_ROWS) * FACET_PANEL_ROWS * (size_t)k;
}

// Columns [0, columns) of B[K×N] into blocks of 16 columns, each K × 16 and contiguous, zero past `columns`.
// Row by row, so B is read in long runs.
static void pack_b(ptrdiff_t k, const float *b, ptrdiff_t ldb, ptrdiff_t columns, float *blocks) {
    ptrdiff_t blockCount = (columns + block_columns - 1) / block_columns;
    for (ptrdiff_t kk = 0; kk < k; kk++) {
        const float *src = b + kk * ldb;
        for (ptrdiff_t blk = 0; blk < blockCount; blk++) {
            float *row = blocks + (blk * k + kk) * block_columns;
            ptrdiff_t here = columns - blk * block_columns < block_columns ? columns - blk * block_columns : block_columns;
            memcpy(row, src + blk * block_columns, sizeof(float) * (size_t)here);
            for (ptrdiff_t j = here; j < block_columns; j++) row[j] = 0.0f;
        }
    }
}

// One panel times a packed block of B, in plain C. The accumulators start at 0 for the first block of depth
// and from C otherwise; the bias is added after the last.
static void block_generic(
    ptrdiff_t k, const float *panel, const float *block, const float *bias, float *c, ptrdiff_t ldc, int rows,
    int columns, int first, int last) {
    float acc[FACET_PANEL_ROWS][block_columns];
    memset(acc, 0, sizeof acc);
    if (!first) {
        for (int r = 0; r < rows; r++) memcpy(acc[r], c + r * ldc, sizeof(float) * (size_t)columns);
    }
    for (ptrdiff_t kk = 0; kk < k; kk++) {
        const float *a = panel + kk * FACET_PANEL_ROWS, *brow = block + kk * block_columns;
        for (int r = 0; r < FACET_PANEL_ROWS; r++) {
            for (int j = 0; j < block_columns; j++) acc[r][j] = fmaf(a[r], brow[j], acc[r][j]);
        }
    }
    for (int r = 0; r < rows; r++) {
        for (int j = 0; j < columns; j++) c[r * ldc + j] = last && bias ? acc[r][j] + bias[r] : acc[r][j];
    }
}

#if defined(__x86_64__)
#define AVX2 __attribute__((target("avx2,fma")))

// One panel times a packed block of B (K × 16, contiguous), `vectors` (1 or 2, constant-folded) vectors of it:
// per k, that many loads of B, six broadcasts of A and 6 · vectors fused multiply-adds into 6 · vectors
// accumulators. A last block of at most 8 columns takes one vector, half the work.
AVX2 static inline __attribute__((always_inline)) void block_avx2(
    ptrdiff_t k, const float *panel, const float *block, const float *bias, float *c, ptrdiff_t ldc, int rows,
    int columns, int vectors, int first, int last) {
    __m256 acc[FACET_PANEL_ROWS][2];
    for (int r = 0; r < FACET_PANEL_ROWS; r++) acc[r][0] = acc[r][1] = _mm256_setzero_ps();
    if (!first) {
        for (int r = 0; r < rows; r++) {
            float in[block_columns] = {0};
            memcpy(in, c + r * ldc, sizeof(float) * (size_t)columns);
            acc[r][0] = _mm256_loadu_ps(in);
            acc[r][1] = _mm256_loadu_ps(in + 8);
        }
    }
    for (ptrdiff_t kk = 0; kk < k; kk++) {
        // With few columns (a batch of one at 14×14: 16) each float of A serves two multiply-adds, and A comes
        // from memory: asking for it 1 KB ahead kept the kernel near the FMA limit (measured +10 %).
        _mm_prefetch((const char *)(panel + kk * FACET_PANEL_ROWS) + 1024, _MM_HINT_T0);
        const float *brow = block + kk * block_columns;
        __m256 b0 = _mm256_loadu_ps(brow), b1 = vectors == 2 ? _mm256_loadu_ps(brow + 8) : b0;
        for (int r = 0; r < FACET_PANEL_ROWS; r++) {
            __m256 a = _mm256_broadcast_ss(panel + kk * FACET_PANEL_ROWS + r);
            acc[r][0] = _mm256_fmadd_ps(a, b0, acc[r][0]);
            if (vectors == 2) acc[r][1] = _mm256_fmadd_ps(a, b1, acc[r][1]);
        }
    }
    for (int r = 0; r < rows; r++) {
        float out[block_columns];
        __m256 add = _mm256_set1_ps(last && bias ? bias[r] : 0.0f);
        _mm256_storeu_ps(out, last && bias ? _mm256_add_ps(acc[r][0], add) : acc[r][0]);
        if (vectors == 2) _mm256_storeu_ps(out + 8, last && bias ? _mm256_add_ps(acc[r][1], add) : acc[r][1]);
        memcpy(c + r * ldc, out, sizeof(float) * (size_t)columns);
    }
}

AVX2 static void block_avx2_any(
    ptrdiff_t k, const float *panel, const float *block, const float *bias, float *c, ptrdiff_t ldc, int rows,
    int columns, int first, int last) {
    if (columns > 8) block_avx2(k, panel, block, bias, c, ldc, rows, columns, 2, first, last);
    else block_avx2(k, panel, block, bias, c, ldc, rows, columns, 1, first, last);
}
#endif

facet_isa facet_best_isa(void) {
#if defined(__x86_64__)
    static int best = -1;
    if (best < 0) {
        __builtin_cpu_init();
        best = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? facet_isa_avx2 : facet_isa_generic;
    }
    return (facet_isa)best;
#else
    return facet_isa_generic;
#endif
}

size_t facet_b_block_count(ptrdiff_t k) { return (size_t)(k < depth_block ? k : depth_block) * panel_columns; }

void facet_sgemm_packed(
    facet_isa isa, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a_packed, const float *b, ptrdiff_t ldb,
    const float *bias, float *c, ptrdiff_t ldc, float *b_block) {
    // Depth in blocks of 256 and columns in panels of 192: a panel of B is packed into blocks of 16 columns
    // (192 KB, in L2), and each block (16 KB, in L1) meets every panel of A (6 KB each). Between depth blocks
    // the running sums wait in C, exactly.
    ptrdiff_t depthBlocks = (k + depth_block - 1) / depth_block, step = (k + depthBlocks - 1) / depthBlocks;
    for (ptrdiff_t k0 = 0; k0 < k; k0 += step) {
        ptrdiff_t depth = k - k0 < step ? k - k0 : step;
        int first = k0 == 0, last = k0 + depth == k;
        for (ptrdiff_t j0 = 0; j0 < n; j0 += panel_columns) {
            ptrdiff_t width = n - j0 < panel_columns ? n - j0 : panel_columns;
            pack_b(depth, b + k0 * ldb + j0, ldb, width, b_block);
            for (ptrdiff_t j = 0; j < width; j += block_columns) {
                int columns = width - j < block_columns ? (int)(width - j) : block_columns;
                const float *block = b_block + j * depth;
                for (ptrdiff_t row = 0; row < m; row += FACET_PANEL_ROWS) {
                    int rows = m - row < FACET_PANEL_ROWS ? (int)(m - row) : FACET_PANEL_ROWS;
                    const float *panel = a_packed + row * k + k0 * FACET_PANEL_ROWS;
                    const float *rowBias = bias ? bias + row : NULL;
                    float *out = c + row * ldc + j0 + j;
#if defined(__x86_64__)
                    if (isa == facet_isa_avx2) {
                        block_avx2_any(depth, panel, block, rowBias, out, ldc, rows, columns, first, last);
                        continue;
                    }
#endif
                    block_generic(depth, panel, block, rowBias, out, ldc, rows, columns, first, last);
                }
            }
        }
    }
}
