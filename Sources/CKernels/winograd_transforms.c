// Winograd F(2×2,3×3) and F(4×4,3×3) input and output transforms for one tile row of one channel, eight tiles
// at a time, one per vector lane (see facet_kernels.h). The sums are spelled out term by term in a fixed order
// and never contracted into fused multiply-adds, so the AVX2 and the plain build give the same bits.
#include "facet_kernels.h"

#include <string.h>

#pragma STDC FP_CONTRACT OFF

typedef float lanes __attribute__((vector_size(32)));  // eight tiles side by side

// Vectors pass by pointer: by value, their ABI would differ between the AVX2 and the plain build.
static inline __attribute__((always_inline)) void load_lanes(lanes *v, const float *p) { memcpy(v, p, sizeof *v); }

static inline __attribute__((always_inline)) void store_lanes(float *p, const lanes *v, int count) {
    if (count == 8) memcpy(p, v, sizeof *v);
    else for (int l = 0; l < count; l++) p[l] = (*v)[l];
}

// r = Bᵀ d for one column of α values (d[k·ds] → r[i·rs]).
static inline __attribute__((always_inline)) void input_column(int m, const lanes *d, int ds, lanes *r, int rs) {
    if (m == 2) {
        lanes d0 = d[0], d1 = d[ds], d2 = d[2 * ds], d3 = d[3 * ds];
        r[0] = d0 - d2;
        r[rs] = d1 + d2;
        r[2 * rs] = d2 - d1;
        r[3 * rs] = d1 - d3;
    } else {
        lanes d0 = d[0], d1 = d[ds], d2 = d[2 * ds], d3 = d[3 * ds], d4 = d[4 * ds], d5 = d[5 * ds];
        lanes sum12 = d1 + d2, diff12 = d1 - d2, diff42 = d4 - d2, diff31 = d3 - d1;
        r[0] = 4 * d0 - 5 * d2 + d4;
        r[rs] = (d3 + d4) - 4 * sum12;
        r[2 * rs] = (d4 - d3) + 4 * diff12;
        r[3 * rs] = diff42 + 2 * diff31;
        r[4 * rs] = diff42 - 2 * diff31;
        r[5 * rs] = 4 * d1 - 5 * d3 + d5;
    }
}

// y = Aᵀ z for one column of α values (z[j·zs] → y[a·ys]).
static inline __attribute__((always_inline)) void output_column(int m, const lanes *z, int zs, lanes *y, int ys) {
    if (m == 2) {
        lanes z0 = z[0], z1 = z[zs], z2 = z[2 * zs], z3 = z[3 * zs];
        y[0] = z0 + z1 + z2;
        y[ys] = z1 - z2 - z3;
    } else {
        lanes z0 = z[0], z1 = z[zs], z2 = z[2 * zs], z3 = z[3 * zs], z4 = z[4 * zs], z5 = z[5 * zs];
        lanes sum12 = z1 + z2, diff12 = z1 - z2, sum34 = z3 + z4, diff34 = z3 - z4;
        y[0] = z0 + sum12 + sum34;
        y[ys] = diff12 + 2 * diff34;
        y[2 * ys] = sum12 + 4 * sum34;
        y[3 * ys] = diff12 + 8 * diff34 + z5;
    }
}

size_t facet_winograd_scratch_count(int m, ptrdiff_t tilesX) {
    ptrdiff_t phaseLength = (tilesX + 7) / 8 * 8 + 1;
    return (size_t)(m * phaseLength + (m + 2) * m * phaseLength);
}

// To load "column m·tx + k of eight tiles" as one vector, each input row is split into its m column phases
// (phase q, entry t = column m·t + q − p); the vector is then phase[k mod m] from tx + k / m.
static inline __attribute__((always_inline)) void input_row(
    int m, const float *plane, ptrdiff_t height, ptrdiff_t width, ptrdiff_t padding, ptrdiff_t top, ptrdiff_t tilesX,
    float *scratch, float *dst, ptrdiff_t pointStride) {
    const int alpha = m + 2;
    const ptrdiff_t groups = (tilesX + 7) / 8, phaseLength = groups * 8 + 1, lineLength = m * phaseLength;
    float *line = scratch, *phases = scratch + lineLength;  // phases: [α rows, m phases, phaseLength]
    ptrdiff_t insideEnd = padding + width < lineLength ? padding + width : lineLength;
    memset(line, 0, sizeof(float) * (size_t)padding);
    if (insideEnd < lineLength) memset(line + insideEnd, 0, sizeof(float) * (size_t)(lineLength - insideEnd));
    for (int r = 0; r < alpha; r++) {
        float *rowPhases = phases + r * m * phaseLength;
        ptrdiff_t iy = top + r;
        if (iy < 0 || iy >= height) {
            memset(rowPhases, 0, sizeof(float) * (size_t)(m * phaseLength));
            continue;
        }
        memcpy(line + padding, plane + iy * width, sizeof(float) * (size_t)(insideEnd - padding));
        for (int q = 0; q < m; q++) {
            float *phase = rowPhases + q * phaseLength;
            for (ptrdiff_t t = 0; t < phaseLength; t++) phase[t] = line[m * t + q];
        }
    }
    lanes d[6], across[36], column[6];
    for (ptrdiff_t g = 0; g < groups; g++) {
        // Across each tile: across[r·α + j] = Σk Bᵀ[j, k] · input (r, tx·m + k).
        for (int r = 0; r < alpha; r++) {
            const float *rowPhases = phases + r * m * phaseLength + 8 * g;
            for (int k = 0; k < alpha; k++) load_lanes(&d[k], rowPhases + (k % m) * phaseLength + k / m);
            input_column(m, d, 1, across + r * alpha, 1);
        }
        // Down the columns: V[i·α + j] = Σr Bᵀ[i, r] · across[r·α + j].
        int here = tilesX - 8 * g < 8 ? (int)(tilesX - 8 * g) : 8;
        for (int j = 0; j < alpha; j++) {
            input_column(m, across + j, alpha, column, 1);
            for (int i = 0; i < alpha; i++) store_lanes(dst + (i * alpha + j) * pointStride + 8 * g, &column[i], here);
        }
    }
}

static inline __attribute__((always_inline)) void output_row(
    int m, const float *z, ptrdiff_t pointStride, ptrdiff_t tilesX, int rows, ptrdiff_t outputWidth, float bias,
    float *out) {
    const int alpha = m + 2;
    const ptrdiff_t groups = (tilesX + 7) / 8;
    lanes row[6], down[24], result[16];
    for (ptrdiff_t g = 0; g < groups; g++) {
        // down[b·α + i] = Σj Aᵀ[b, j] · Z[i·α + j]
        for (int i = 0; i < alpha; i++) {
            for (int j = 0; j < alpha; j++) load_lanes(&row[j], z + (i * alpha + j) * pointStride + 8 * g);
            output_column(m, row, 1, down + i, alpha);
        }
        // result[a·m + b] = Σi Aᵀ[a, i] · down[b·α + i]: output (ty·m + a, tx·m + b) of every tile tx.
        for (int b = 0; b < m; b++) output_column(m, down + b * alpha, 1, result + b, m);
        int here = tilesX - 8 * g < 8 ? (int)(tilesX - 8 * g) : 8;
        for (int a = 0; a < rows; a++) {
            float *outRow = out + a * outputWidth;
            for (int l = 0; l < here; l++) {
                ptrdiff_t firstColumn = m * (8 * g + l);
                int columns = outputWidth - firstColumn < m ? (int)(outputWidth - firstColumn) : m;
                for (int b = 0; b < columns; b++) outRow[firstColumn + b] = result[a * m + b][l] + bias;
            }
        }
    }
}

#if defined(__x86_64__)
#define AVX2 __attribute__((target("avx2,fma")))
AVX2 static void input_row_avx2(
    int m, const float *plane, ptrdiff_t height, ptrdiff_t width, ptrdiff_t padding, ptrdiff_t top, ptrdiff_t tilesX,
    float *scratch, float *dst, ptrdiff_t pointStride) {
    if (m == 2) input_row(2, plane, height, width, padding, top, tilesX, scratch, dst, pointStride);
    else input_row(4, plane, height, width, padding, top, tilesX, scratch, dst, pointStride);
}

AVX2 static void output_row_avx2(
    int m, const float *z, ptrdiff_t pointStride, ptrdiff_t tilesX, int rows, ptrdiff_t outputWidth, float bias,
    float *out) {
    if (m == 2) output_row(2, z, pointStride, tilesX, rows, outputWidth, bias, out);
    else output_row(4, z, pointStride, tilesX, rows, outputWidth, bias, out);
}
#endif

void facet_winograd_input_row(
    facet_isa isa, int m, const float *plane, ptrdiff_t height, ptrdiff_t width, ptrdiff_t padding, ptrdiff_t top,
    ptrdiff_t tilesX, float *scratch, float *dst, ptrdiff_t pointStride) {
#if defined(__x86_64__)
    if (isa == facet_isa_avx2) {
        input_row_avx2(m, plane, height, width, padding, top, tilesX, scratch, dst, pointStride);
        return;
    }
#endif
    if (m == 2) input_row(2, plane, height, width, padding, top, tilesX, scratch, dst, pointStride);
    else input_row(4, plane, height, width, padding, top, tilesX, scratch, dst, pointStride);
}

void facet_winograd_output_row(
    facet_isa isa, int m, const float *z, ptrdiff_t pointStride, ptrdiff_t tilesX, int rows, ptrdiff_t outputWidth,
    float bias, float *out) {
#if defined(__x86_64__)
    if (isa == facet_isa_avx2) {
        output_row_avx2(m, z, pointStride, tilesX, rows, outputWidth, bias, out);
        return;
    }
#endif
    if (m == 2) output_row(2, z, pointStride, tilesX, rows, outputWidth, bias, out);
    else output_row(4, z, pointStride, tilesX, rows, outputWidth, bias, out);
}

void facet_winograd_input_columns(int m, const float *d, float *r) {
    lanes in[6], out[6];
    for (int k = 0; k < m + 2; k++) load_lanes(&in[k], d + 8 * k);
    input_column(m, in, 1, out, 1);
    for (int i = 0; i < m + 2; i++) memcpy(r + 8 * i, &out[i], sizeof out[i]);
}

void facet_winograd_output_columns(int m, const float *z, float *y) {
    lanes in[6], out[4];
    for (int j = 0; j < m + 2; j++) load_lanes(&in[j], z + 8 * j);
    output_column(m, in, 1, out, 1);
    for (int a = 0; a < m; a++) memcpy(y + 8 * a, &out[a], sizeof out[a]);
}
