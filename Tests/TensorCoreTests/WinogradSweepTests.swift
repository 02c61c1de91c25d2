import Testing
@testable import TensorCore
import CKernels
import TestSupport

/// One 3×3 stride-1 convolution through one Winograd tile: input [N, C, H, W], M outputs, zero padding p.
struct WinogradCase: CustomTestStringConvertible, Sendable {
    var tile: WinogradTile
    var batch, channels, height, width, outputs, padding: Int
    var hasBias: Bool

    var testDescription: String {
        "\(tile) x[\(batch),\(channels),\(height),\(width)] → \(outputs) p\(padding)\(hasBias ? " +bias" : "")"
    }

    /// Edge cases for both tiles (maps smaller than a tile, partial last tiles, unpadded and over-padded), then
    /// seeded random shapes.
    static let sweep: [WinogradCase] = {
        var cases = [WinogradCase]()
        for tile in [WinogradTile.f2, .f4] {
            cases += [
                WinogradCase(tile: tile, batch: 1, channels: 3, height: 1, width: 1, outputs: 2, padding: 1, hasBias: true),
                WinogradCase(tile: tile, batch: 2, channels: 4, height: 7, width: 9, outputs: 5, padding: 1, hasBias: true),
                WinogradCase(tile: tile, batch: 1, channels: 5, height: 8, width: 8, outputs: 3, padding: 1, hasBias: false),
                WinogradCase(tile: tile, batch: 1, channels: 2, height: 6, width: 11, outputs: 4, padding: 0, hasBias: true),
                WinogradCase(tile: tile, batch: 1, channels: 2, height: 5, width: 4, outputs: 3, padding: 2, hasBias: false),
                WinogradCase(tile: tile, batch: 3, channels: 16, height: 14, width: 14, outputs: 8, padding: 1, hasBias: true),
                WinogradCase(tile: tile, batch: 1, channels: 12, height: 33, width: 29, outputs: 7, padding: 1, hasBias: true),
            ]
        }
        var rng = SeededGenerator(seed: 0x3_3A_F4)
        while cases.count < 40 {
            let c = WinogradCase(
                tile: Bool.random(using: &rng) ? .f2 : .f4, batch: Int.random(in: 1...3, using: &rng),
                channels: Int.random(in: 1...24, using: &rng), height: Int.random(in: 1...21, using: &rng),
                width: Int.random(in: 1...21, using: &rng), outputs: Int.random(in: 1...12, using: &rng),
                padding: Int.random(in: 0...2, using: &rng), hasBias: Bool.random(using: &rng))
            if c.height + 2 * c.padding >= 3 && c.width + 2 * c.padding >= 3 { cases.append(c) }
        }
        return cases
    }()
}

@Suite("conv2dWinograd: F(2×2) and F(4×4) against the direct seven-loop twin")
struct WinogradSweepTests {
    @Test(arguments: WinogradCase.sweep)
    func matchesNaive(_ c: WinogradCase) {
        var rng = SeededGenerator(seed: NamedRandom.seed(c.testDescription))
        let g = ConvGeometry(kernel: 3, padding: c.padding)
        let x = rng.tensor(Shape(c.batch, c.channels, c.height, c.width))
        let w = rng.tensor(Shape(c.outputs, c.channels, 3, 3))
        let bias = c.hasBias ? rng.tensor(Shape(c.outputs)) : nil
        let (oh, ow) = g.outputSize(height: c.height, width: c.width)
        let expected = Reference.conv2d(x, weight: w, bias: bias, geometry: g)
        let filters = WinogradFilters(weight: w, tile: c.tile)
        let tileRows = (oh + c.tile.outputSize - 1) / c.tile.outputSize  // per image

        // The default bands, one tile row per band, and bands that straddle images with leftover bands whose
        // phases are split over the workers: all within tolerance of the twin, and all the same bits.
        var first: [Float]?
        for (bandTileRows, workers) in [(nil, 2), (1, 1), (max(1, tileRows * 2 / 3), 3)] {
            let workspace = dirtyWorkspace()
            let y = nanFilled(Shape(c.batch, c.outputs, oh, ow))
            Ops.conv2dWinograd(x, filters: filters, bias: bias, padding: c.padding, into: y, workspace: workspace,
                               workers: workers, bandTileRows: bandTileRows)
            let error = ErrorMetrics(y, reference: expected)
            let label = "bands of \(bandTileRows.map(String.init) ?? "default") tile rows, \(workers) workers"
            #expect(error.isWithin(relativeToMax: Tolerance.convRelativeToMax, nmse: Tolerance.convNMSE), "\(label): \(error)")
            let values = Array(UnsafeBufferPointer(start: y.pointer, count: y.shape.count))
            if let first { #expect(values.elementsEqual(first) { $0.bitPattern == $1.bitPattern }, "\(label): other bits") }
            first = first ?? values
        }
    }

    @Test("a filter's transform holds G g Gᵀ at ξ = i·α + j", arguments: [WinogradTile.f2, .f4])
    func filterLayout(tile: WinogradTile) {
        // A filter that is 1 at its centre only: G g Gᵀ = G[:,1] G[:,1]ᵀ. Column 1 of G is (0, ½, −½, 0) for
        // F(2×2) and (0, −⅙, ⅙, 1/12, −1/12, 0) for F(4×4) (Lavin & Gray, 2016).
        let centre: [Double] = tile == .f2 ? [0, 0.5, -0.5, 0] : [0, -1.0 / 6, 1.0 / 6, 1.0 / 12, -1.0 / 12, 0]
        var weight = [Float](repeating: 0, count: 2 * 9)
        weight[9 + 4] = 1  // output channel 0, input channel 1, centre tap
        let filters = WinogradFilters(weight: Tensor(shape: Shape(1, 2, 3, 3), values: weight), tile: tile)
        let alpha = tile.inputSize
        #expect(filters.points.count == alpha * alpha)
        for i in 0..<alpha {
            for j in 0..<alpha {
                let xi = i * alpha + j
                #expect(filters.points[xi].rows == 1 && filters.points[xi].depth == 2)
                #expect(filters.points[xi][0, 0] == 0, "ξ = \(xi), input channel 0")
                #expect(filters.points[xi][0, 1] == Float(centre[i] * centre[j]), "ξ = \(xi)")
            }
        }
    }

    @Test("the spelled-out lane transforms equal Bᵀ and Aᵀ", arguments: [WinogradTile.f2, .f4])
    func laneTransformsMatchMatrices(tile: WinogradTile) {
        let (alpha, m) = (tile.inputSize, tile.outputSize)
        // Column k of a transform is its image of the unit vector e_k; lane l holds l + 1 times e_k, so a mix-up
        // between lanes shows too.
        for k in 0..<alpha {
            var d = [Float](repeating: 0, count: 8 * alpha)
            for l in 0..<8 { d[8 * k + l] = Float(l + 1) }
            var r = [Float](repeating: .nan, count: 8 * alpha), y = [Float](repeating: .nan, count: 8 * m)
            facet_winograd_input_columns(Int32(m), d, &r)
            facet_winograd_output_columns(Int32(m), d, &y)
            for l in 0..<8 {
                for i in 0..<alpha {
                    #expect(r[8 * i + l] == Float(l + 1) * tile.inputTransform[i * alpha + k], "Bᵀ[\(i), \(k)] lane \(l)")
                }
                for a in 0..<m {
                    #expect(y[8 * a + l] == Float(l + 1) * tile.outputTransform[a * alpha + k], "Aᵀ[\(a), \(k)] lane \(l)")
                }
            }
        }
    }

    @Test("the AVX2 and the plain transforms give the same bits", arguments: [WinogradTile.f2, .f4])
    func transformsAgreeAcrossInstructionSets(tile: WinogradTile) {
        var rng = SeededGenerator(seed: NamedRandom.seed("transforms \(tile)"))
        let (h, w, p, m) = (13, 21, 1, tile.outputSize)
        let tilesX = (w + 2 * p - 2 + m - 1) / m, points = tile.inputSize * tile.inputSize
        let plane = (0..<h * w).map { _ in Float.random(in: -1...1, using: &rng) }
        let z = (0..<points * tilesX + 8).map { _ in Float.random(in: -1...1, using: &rng) }
        var scratch = [Float](repeating: 0, count: facet_winograd_scratch_count(Int32(m), tilesX))
        var results = [[Float]]()
        for isa in PackedGEMM.available {
            var v = [Float](repeating: .nan, count: points * tilesX), y = [Float](repeating: 0, count: m * w)
            facet_winograd_input_row(isa.isa, Int32(m), plane, h, w, p, m - p, tilesX, &scratch, &v, tilesX)
            facet_winograd_output_row(isa.isa, Int32(m), z, tilesX, tilesX, Int32(m), w, 0.25, &y)
            results.append(v + y)
        }
        #expect(results.allSatisfy { $0.elementsEqual(results[0]) { $0.bitPattern == $1.bitPattern } })
    }

    @Test("the tile rule: F(4×4) from 14×14 outputs, F(2×2) from 7×7, else im2col")
    func preferredTile() {
        let same = ConvGeometry(kernel: 3, padding: 1)
        func tile(_ g: ConvGeometry, _ c: Int, _ h: Int, _ w: Int) -> WinogradTile? {
            WinogradTile.preferred(for: g, inputChannels: c, outputHeight: h, outputWidth: w)
        }
        #expect(tile(same, 64, 112, 112) == .f4)
        #expect(tile(same, 128, 28, 28) == .f4)
        #expect(tile(same, 256, 14, 14) == .f4)
        #expect(tile(same, 512, 16, 16) == .f4)
        #expect(tile(same, 256, 28, 7) == .f2)  // the shorter side decides
        #expect(tile(same, 512, 7, 7) == .f2)
        #expect(tile(same, 512, 6, 6) == nil)
        #expect(tile(same, 3, 112, 112) == nil)  // too few input channels (IResNet conv1)
        #expect(tile(ConvGeometry(kernel: 3, stride: 2, padding: 1), 64, 56, 56) == nil)
        #expect(tile(ConvGeometry(kernel: 3, padding: 2, dilation: 2), 64, 56, 56) == nil)
        #expect(tile(ConvGeometry(kernel: 1), 64, 56, 56) == nil)
        #expect(tile(ConvGeometry(kernelH: 3, kernelW: 3, strideH: 1, strideW: 1, padH: 1, padW: 0), 64, 56, 54) == nil)
    }
}
