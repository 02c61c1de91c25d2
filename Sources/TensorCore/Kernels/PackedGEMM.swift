import CKernels

/// C[M×N] = A·B (+ bias[M] per row) with A packed at load (`PackedMatrix`): the convolutions' GEMM.
///
/// Every element of C is one chain of fused multiply-adds over k = 0..<K, then the bias: it depends only on its
/// row of A and column of B, never on M, N, where the element sits, how callers cut the product into pieces, or
/// which instruction set ran it (FMA rounds once, scalar or vector). That is what makes convolution outputs
/// bit-identical across batch sizes, batch compositions and thread counts, and across machines with and
/// without AVX2.
public enum PackedGEMM {
    /// The instruction sets of the kernel.
    public enum InstructionSet: Sendable, CaseIterable {
        case generic, avx2

        /// The C kernels' name for it.
        var isa: facet_isa { self == .avx2 ? facet_isa_avx2 : facet_isa_generic }
    }

    /// AVX2 + FMA3 where the CPU has them, else plain C.
    public static let best: InstructionSet = facet_best_isa() == facet_isa_avx2 ? .avx2 : .generic

    /// The instruction sets this CPU can run (for tests that compare them).
    public static var available: [InstructionSet] { best == .avx2 ? [.generic, .avx2] : [.generic] }

    /// Floats of per-thread scratch one product of depth `depth` needs.
    public static func scratchCount(depth: Int) -> Int { facet_b_block_count(depth) }

    /// C[M×N] = A·B + bias, B[K×N] with leading dimension `ldb`, C with `ldc`. `scratch` holds
    /// `scratchCount(depth:)` floats and belongs to the calling thread.
    public static func multiply(
        _ a: PackedMatrix, _ b: UnsafePointer<Float>, ldb: Int, columns n: Int, bias: UnsafePointer<Float>? = nil,
        into c: UnsafeMutablePointer<Float>, ldc: Int, scratch: UnsafeMutablePointer<Float>,
        instructionSet: InstructionSet = best
    ) {
        multiply(a, rows: 0..<a.rows, b, ldb: ldb, columns: n, bias: bias, into: c, ldc: ldc, scratch: scratch,
                 instructionSet: instructionSet)
    }

    /// Rows `rows` of the product only (whole panels: `rows.lowerBound` a multiple of `PackedMatrix.panelRows`),
    /// written from `c` on: c points at row `rows.lowerBound`, and `bias` at its entry for that row.
    public static func multiply(
        _ a: PackedMatrix, rows: Range<Int>, _ b: UnsafePointer<Float>, ldb: Int, columns n: Int,
        bias: UnsafePointer<Float>? = nil, into c: UnsafeMutablePointer<Float>, ldc: Int,
        scratch: UnsafeMutablePointer<Float>, instructionSet: InstructionSet = best
    ) {
        precondition(rows.lowerBound % PackedMatrix.panelRows == 0 && rows.upperBound <= a.rows, "rows \(rows) of \(a.rows)")
        guard !rows.isEmpty && n > 0 else { return }
        facet_sgemm_packed(
            instructionSet.isa, rows.count, n, a.depth, a.pointer + rows.lowerBound * a.depth, b, ldb, bias, c, ldc,
            scratch)
    }
}
