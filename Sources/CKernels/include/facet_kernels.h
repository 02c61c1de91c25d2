#ifndef FACET_KERNELS_H
#define FACET_KERNELS_H

#include <stddef.h>

/// Rows per panel of a packed left-hand matrix.
#define FACET_PANEL_ROWS 6

/// Instruction sets a kernel can run on.
typedef enum {
    facet_isa_generic = 0,  ///< plain C with fmaf: any CPU
    facet_isa_avx2 = 1,     ///< AVX2 + FMA3
} facet_isa;

/// The best instruction set this CPU runs (AVX2 + FMA3 if present), found once.
facet_isa facet_best_isa(void);

/// Floats a packed copy of an M×K matrix takes: M rounded up to whole panels, times K.
size_t facet_packed_count(ptrdiff_t m, ptrdiff_t k);

/// Floats of the `b_block` scratch facet_sgemm_packed needs for depth K (any alignment).
size_t facet_b_block_count(ptrdiff_t k);

/// C[M×N] = A·B (+ bias[row], if bias is not NULL), B and C row-major, A packed in panels of FACET_PANEL_ROWS
/// rows, each stored k-major: a_packed[(p·K + k)·6 + r] = A[6p + r, k], rows past M zero.
///
/// Every element is one chain of fused multiply-adds over k = 0, 1, ..., K−1 starting from 0, then the bias
/// added: its value depends on its row of A and column of B only, never on M, N, the element's place in the
/// matrix or the instruction set (FMA rounds once, whether scalar or vector).
void facet_sgemm_packed(
    facet_isa isa, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a_packed, const float *b, ptrdiff_t ldb,
    const float *bias, float *c, ptrdiff_t ldc, float *b_block);

/// Winograd F(m×m, 3×3), m = 2 or 4: floats of scratch one row transform needs for `tilesX` tiles per row.
size_t facet_winograd_scratch_count(int m, ptrdiff_t tilesX);

/// V[ξ, tx] = (Bᵀ d B)[ξ] of the tiles tx = 0..<tilesX of one tile row of one channel plane [height × width]:
/// tile tx reads the α×α patch at input row `top` (= tile row · m − padding), column tx·m − padding, zero outside
/// the plane. Writes dst[ξ·pointStride + tx].
void facet_winograd_input_row(
    facet_isa isa, int m, const float *plane, ptrdiff_t height, ptrdiff_t width, ptrdiff_t padding, ptrdiff_t top,
    ptrdiff_t tilesX, float *scratch, float *dst, ptrdiff_t pointStride);

/// The m×m output tiles Aᵀ Z A + bias of one tile row of one channel from Z[ξ, tx] = z[ξ·pointStride + tx]:
/// `rows` (≤ m) output rows from `out` on, `outputWidth` columns each, columns past the edge dropped. Reads up to
/// 7 floats past the last tile of each ξ (the lanes of a short last group), which must be readable.
void facet_winograd_output_row(
    facet_isa isa, int m, const float *z, ptrdiff_t pointStride, ptrdiff_t tilesX, int rows, ptrdiff_t outputWidth,
    float bias, float *out);

/// Bᵀ applied to one column of α values of eight lanes: d[k·8 + l] → r[i·8 + l] (for tests).
void facet_winograd_input_columns(int m, const float *d, float *r);

/// Aᵀ applied to one column of α values of eight lanes: z[j·8 + l] → y[a·8 + l] (for tests).
void facet_winograd_output_columns(int m, const float *z, float *y);

#endif
