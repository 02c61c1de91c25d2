import Foundation
import Testing
@testable import TensorCore
import TestSupport

/// One product C[M×N] = A·B (+ bias) for the packed GEMM.
struct PackedGEMMCase: CustomTestStringConvertible, Sendable {
    var m, n, k: Int
    var hasBias: Bool

    var testDescription: String { "\(m)×\(k) · \(k)×\(n)\(hasBias ? " +bias" : "")" }

    /// Edges of the kernel's blocking (6-row panels, 16-column blocks, 192-column panels of B, depth blocks of
    /// 512), the shapes the networks run, then seeded random shapes.
    static let sweep: [PackedGEMMCase] = {
        var cases = [
            PackedGEMMCase(m: 1, n: 1, k: 1, hasBias: false),
            PackedGEMMCase(m: 6, n: 16, k: 8, hasBias: true),
            PackedGEMMCase(m: 7, n: 17, k: 9, hasBias: true),
            PackedGEMMCase(m: 5, n: 8, k: 3, hasBias: false),
            PackedGEMMCase(m: 13, n: 193, k: 513, hasBias: true),
            PackedGEMMCase(m: 12, n: 384, k: 1024, hasBias: false),
            PackedGEMMCase(m: 64, n: 49, k: 64, hasBias: false),
            PackedGEMMCase(m: 256, n: 16, k: 256, hasBias: false),
            PackedGEMMCase(m: 19, n: 100, k: 1100, hasBias: true),
        ]
        var rng = SeededGenerator(seed: 0x9A_C4ED)
        while cases.count < 30 {
            cases.append(PackedGEMMCase(
                m: Int.random(in: 1...40, using: &rng), n: Int.random(in: 1...420, using: &rng),
                k: Int.random(in: 1...1200, using: &rng), hasBias: Bool.random(using: &rng)))
        }
        return cases
    }()
}

@Suite("PackedGEMM against its twin, a plain chain of fused multiply-adds")
struct PackedGEMMSweepTests {
    /// The twin: c[i, j] = fma chain over k = 0..<K from 0, then + bias[i]. Nothing else has these bits.
    static func twin(_ a: [Float], _ b: [Float], bias: [Float]?, m: Int, n: Int, k: Int) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k { sum.addProduct(a[i * k + p], b[p * n + j]) }
                c[i * n + j] = bias.map { sum + $0[i] } ?? sum
            }
        }
        return c
    }

    @Test(arguments: PackedGEMMCase.sweep)
    func equalsTwinBitForBit(_ c: PackedGEMMCase) {
        var rng = SeededGenerator(seed: NamedRandom.seed(c.testDescription))
        let a = (0..<c.m * c.k).map { _ in Float.random(in: -1...1, using: &rng) }
        let b = (0..<c.k * c.n).map { _ in Float.random(in: -1...1, using: &rng) }
        let bias = c.hasBias ? (0..<c.m).map { _ in Float.random(in: -1...1, using: &rng) } : nil
        let expected = Self.twin(a, b, bias: bias, m: c.m, n: c.n, k: c.k)
        let packed = PackedMatrix(zeroRows: c.m, depth: c.k)
        a.withUnsafeBufferPointer { a in
            for i in 0..<c.m { packed.setRow(i, from: a.baseAddress! + i * c.k, stride: 1) }
        }
        #expect(packed[c.m - 1, c.k - 1] == a[c.m * c.k - 1])
        var scratch = [Float](repeating: .nan, count: PackedGEMM.scratchCount(depth: c.k))
        for isa in PackedGEMM.available {
            // The whole product, then the same one cut into row panels and column pieces: the same bits.
            var whole = [Float](repeating: .nan, count: c.m * c.n)
            var pieces = [Float](repeating: .nan, count: c.m * c.n)
            let rowCut = min(c.m, (c.m / 2) / PackedMatrix.panelRows * PackedMatrix.panelRows)
            let columnCut = c.n / 3
            b.withUnsafeBufferPointer { b in
                bias.withUnsafeBufferPointerOrNil { bias in
                    PackedGEMM.multiply(
                        packed, b.baseAddress!, ldb: c.n, columns: c.n, bias: bias, into: &whole, ldc: c.n,
                        scratch: &scratch, instructionSet: isa)
                    pieces.withUnsafeMutableBufferPointer { out in
                        for rows in [0..<rowCut, rowCut..<c.m] {
                            for columns in [0..<columnCut, columnCut..<c.n] {
                                PackedGEMM.multiply(
                                    packed, rows: rows, b.baseAddress! + columns.lowerBound, ldb: c.n,
                                    columns: columns.count, bias: bias.map { $0 + rows.lowerBound },
                                    into: out.baseAddress! + rows.lowerBound * c.n + columns.lowerBound, ldc: c.n,
                                    scratch: &scratch, instructionSet: isa)
                            }
                        }
                    }
                }
            }
            #expect(whole.elementsEqual(expected) { $0.bitPattern == $1.bitPattern }, "\(isa): whole product")
            #expect(pieces.elementsEqual(expected) { $0.bitPattern == $1.bitPattern }, "\(isa): in pieces")
        }
    }

    @Test("this x86-64 CPU runs the AVX2 kernel")
    func avx2IsUsedWhereAvailable() throws {
        #if arch(x86_64)
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let flags = Set(cpuinfo.split(whereSeparator: \.isWhitespace).map(String.init))
        #expect(PackedGEMM.best == (flags.contains("avx2") && flags.contains("fma") ? .avx2 : .generic))
        #endif
    }
}

extension Optional where Wrapped == [Float] {
    func withUnsafeBufferPointerOrNil<R>(_ body: (UnsafePointer<Float>?) -> R) -> R {
        switch self {
        case .some(let values): values.withUnsafeBufferPointer { body($0.baseAddress) }
        case .none: body(nil)
        }
    }
}
