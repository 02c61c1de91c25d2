import Testing
import TensorCore
import TestSupport

/// One convolution to check: input [N, C, H, W], M output channels, geometry, with or without bias.
struct ConvCase: CustomTestStringConvertible, Sendable {
    var batch, channels, height, width, outputs: Int
    var geometry: ConvGeometry
    var hasBias: Bool

    var testDescription: String {
        "x[\(batch),\(channels),\(height),\(width)] → \(outputs) \(geometry)\(hasBias ? " +bias" : "")"
    }

    /// Hand-picked paths and edge cases, then seeded random ones.
    static let sweep: [ConvCase] = {
        func g(_ k: Int, _ s: Int, _ p: Int, _ d: Int = 1) -> ConvGeometry {
            ConvGeometry(kernel: k, stride: s, padding: p, dilation: d)
        }
        var cases = [
            ConvCase(batch: 1, channels: 8, height: 9, width: 7, outputs: 5, geometry: g(1, 1, 0), hasBias: false),  // GEMM path
            ConvCase(batch: 3, channels: 6, height: 5, width: 6, outputs: 4, geometry: g(1, 1, 0), hasBias: true),
            ConvCase(batch: 2, channels: 5, height: 9, width: 11, outputs: 7, geometry: g(1, 2, 0), hasBias: false),  // subsample path
            ConvCase(batch: 1, channels: 4, height: 8, width: 8, outputs: 3, geometry: g(1, 3, 0), hasBias: true),
            ConvCase(batch: 1, channels: 2, height: 5, width: 5, outputs: 3, geometry: g(1, 1, 1), hasBias: true),  // padded 1×1
            ConvCase(batch: 1, channels: 3, height: 23, width: 19, outputs: 8, geometry: g(7, 2, 3), hasBias: false),  // BiSeNet conv1
            ConvCase(batch: 2, channels: 4, height: 7, width: 9, outputs: 6, geometry: g(3, 1, 1), hasBias: true),
            ConvCase(batch: 1, channels: 5, height: 9, width: 8, outputs: 4, geometry: g(3, 2, 1), hasBias: false),  // stride-2 3×3
            ConvCase(batch: 1, channels: 3, height: 10, width: 10, outputs: 2, geometry: g(3, 1, 2, 2), hasBias: true),  // dilated
            ConvCase(batch: 1, channels: 2, height: 6, width: 6, outputs: 2, geometry: g(3, 1, 3), hasBias: false),  // padding ≥ kernel
            ConvCase(batch: 1, channels: 2, height: 4, width: 5, outputs: 3, geometry: g(5, 1, 0), hasBias: true),  // 1 output row
            ConvCase(batch: 1, channels: 3, height: 1, width: 1, outputs: 4, geometry: g(3, 1, 1), hasBias: true),  // 1×1 map
            ConvCase(batch: 1, channels: 2, height: 7, width: 9, outputs: 3,
                     geometry: ConvGeometry(kernelH: 3, kernelW: 1, strideH: 1, strideW: 2, padH: 1, padW: 0), hasBias: true),
            ConvCase(batch: 1, channels: 2, height: 8, width: 7, outputs: 3,
                     geometry: ConvGeometry(kernelH: 2, kernelW: 4, strideH: 3, strideW: 1, padH: 0, padW: 2,
                                            dilationH: 2, dilationW: 1), hasBias: false),
            // Copies big enough (K·columns ≥ 2¹⁵) to be split over the two workers.
            ConvCase(batch: 1, channels: 16, height: 24, width: 24, outputs: 3, geometry: g(3, 1, 1), hasBias: true),
            ConvCase(batch: 2, channels: 128, height: 40, width: 40, outputs: 3, geometry: g(1, 2, 0), hasBias: false),
        ]
        var rng = SeededGenerator(seed: 0xC0_4E_2D)
        while cases.count < 48 {
            let k = [1, 1, 2, 3, 3, 5, 7].randomElement(using: &rng)!
            let geometry = ConvGeometry(
                kernel: k, stride: Int.random(in: 1...3, using: &rng), padding: Int.random(in: 0...k, using: &rng),
                dilation: k > 1 && Bool.random(using: &rng) ? 2 : 1)
            let c = ConvCase(
                batch: Int.random(in: 1...2, using: &rng), channels: Int.random(in: 1...9, using: &rng),
                height: Int.random(in: 1...17, using: &rng), width: Int.random(in: 1...17, using: &rng),
                outputs: Int.random(in: 1...9, using: &rng), geometry: geometry, hasBias: Bool.random(using: &rng))
            let (oh, ow) = geometry.outputSize(height: c.height, width: c.width)
            if oh >= 1 && ow >= 1 { cases.append(c) }
        }
        return cases
    }()
}

@Suite("conv2d: im2col + sgemm against the direct seven-loop twin")
struct Conv2DSweepTests {
    @Test(arguments: ConvCase.sweep)
    func matchesNaive(_ c: ConvCase) {
        var rng = SeededGenerator(seed: NamedRandom.seed(c.testDescription))
        let g = c.geometry
        let x = rng.tensor(Shape(c.batch, c.channels, c.height, c.width))
        let w = rng.tensor(Shape(c.outputs, c.channels, g.kernelH, g.kernelW))
        let bias = c.hasBias ? rng.tensor(Shape(c.outputs)) : nil
        let (oh, ow) = g.outputSize(height: c.height, width: c.width)

        let expected = Reference.conv2d(x, weight: w, bias: bias, geometry: g)

        // The default band height, then bands of about a third of the output rows (a shorter last band).
        for bandRows in [nil, max(1, oh / 3)] {
            let workspace = dirtyWorkspace()
            let y = nanFilled(Shape(c.batch, c.outputs, oh, ow))
            Ops.conv2d(x, weight: w, bias: bias, geometry: g, into: y, workspace: workspace, workers: 2, bandRows: bandRows)
            let error = ErrorMetrics(y, reference: expected)
            #expect(error.isWithin(relativeToMax: Tolerance.convRelativeToMax, nmse: Tolerance.convNMSE),
                    "bands of \(bandRows.map(String.init) ?? "default") rows: \(error)")
        }
    }

    @Test("large im2col matrices are split into bands, small ones are not")
    func bandRule() {
        // BiSeNet conv1 at 512²: K = 147, 256×256 outputs → bands of 2¹⁸ / 147 = 1783 columns = 6 rows.
        #expect(Ops.convBandRows(channels: 3, geometry: ConvGeometry(kernel: 7, stride: 2, padding: 3),
                                 outputHeight: 256, outputWidth: 256) == 6)
        // BiSeNet layer1 at 128²: K = 576 → the 1024-column floor, 8 rows.
        #expect(Ops.convBandRows(channels: 64, geometry: ConvGeometry(kernel: 3, padding: 1),
                                 outputHeight: 128, outputWidth: 128) == 8)
        // IResNet 3×3 @56 (K = 576, 3136 outputs, 1.8 M floats) stays one band.
        #expect(Ops.convBandRows(channels: 64, geometry: ConvGeometry(kernel: 3, padding: 1),
                                 outputHeight: 56, outputWidth: 56) == 56)
    }

    @Test("an image of one band is cut in two: into bands of ≥ 1024 columns, else into output channel chunks")
    func pieceRule() {
        // IResNet conv1 at 112²: one band of 12544 columns → two of 56 rows.
        #expect(Ops.convPieces(channels: 3, outputChannels: 64, geometry: ConvGeometry(kernel: 3, padding: 1),
                               outputHeight: 112, outputWidth: 112) == (56, 64))
        // IResNet layer4 3×3 at 7²: 49 columns → two chunks of 256 output channels.
        #expect(Ops.convPieces(channels: 512, outputChannels: 512, geometry: ConvGeometry(kernel: 3, padding: 1),
                               outputHeight: 7, outputWidth: 7) == (7, 256))
        // BiSeNet conv1 keeps its bands of 6 rows; a tiny layer stays whole.
        #expect(Ops.convPieces(channels: 3, outputChannels: 64, geometry: ConvGeometry(kernel: 7, stride: 2, padding: 3),
                               outputHeight: 256, outputWidth: 256) == (6, 64))
        #expect(Ops.convPieces(channels: 4, outputChannels: 8, geometry: ConvGeometry(kernel: 3, padding: 1),
                               outputHeight: 5, outputWidth: 5) == (5, 8))
    }

    @Test("a workspace reused across different convolutions gives the same results")
    func workspaceReuse() {
        var rng = SeededGenerator(seed: 7)
        let workspace = Workspace()
        let shapes = [(ConvGeometry(kernel: 3, stride: 1, padding: 1), 4, 9), (ConvGeometry(kernel: 1, stride: 2), 6, 8),
                      (ConvGeometry(kernel: 5, stride: 2, padding: 2), 3, 12)]
        for pass in 0..<2 {
            workspace.reset()
            for (g, c, size) in shapes {
                let x = rng.tensor(Shape(1, c, size, size)), w = rng.tensor(Shape(5, c, g.kernelH, g.kernelW))
                let (oh, ow) = g.outputSize(height: size, width: size)
                let y = nanFilled(Shape(1, 5, oh, ow))
                Ops.conv2d(x, weight: w, bias: nil, geometry: g, into: y, workspace: workspace, workers: 1)
                let error = ErrorMetrics(y, reference: Reference.conv2d(x, weight: w, bias: nil, geometry: g))
                #expect(error.isWithin(relativeToMax: Tolerance.convRelativeToMax, nmse: Tolerance.convNMSE),
                        "pass \(pass) \(g): \(error)")
            }
        }
        #expect(workspace.allocations <= shapes.count, "the second pass reused the first pass's slots")
    }
}

@Suite("linear: sgemm against the naive twin")
struct LinearSweepTests {
    @Test(arguments: [(1, 1, 1, true), (1, 7, 3, false), (3, 16, 5, true), (2, 250, 17, true), (4, 3 * 4 * 5, 9, false)])
    func matchesNaive(batch: Int, inputs: Int, outputs: Int, hasBias: Bool) {
        var rng = SeededGenerator(seed: UInt64(batch * 1_000_003 + inputs * 101 + outputs))
        let x = rng.tensor(Shape(batch, inputs))
        let w = rng.tensor(Shape(outputs, inputs))
        let bias = hasBias ? rng.tensor(Shape(outputs)) : nil
        let y = nanFilled(Shape(batch, outputs))
        Ops.linear(x, weight: w, bias: bias, into: y)
        let error = ErrorMetrics(y, reference: Reference.linear(x, weight: w, bias: bias))
        #expect(error.isWithin(relativeToMax: Tolerance.convRelativeToMax, nmse: Tolerance.convNMSE), "\(error)")
    }

    @Test("a flattened NCHW map is read C-major, like torch.flatten")
    func flattensChannelMajor() {
        var rng = SeededGenerator(seed: 11)
        let map = rng.tensor(Shape(2, 3, 2, 2))
        let w = rng.tensor(Shape(4, 12))
        let y = nanFilled(Shape(2, 4))
        Ops.linear(map, weight: w, bias: nil, into: y)
        let error = ErrorMetrics(y, reference: Reference.linear(map.reshaped(Shape(2, 12)), weight: w, bias: nil))
        #expect(error.isWithin(relativeToMax: Tolerance.convRelativeToMax, nmse: Tolerance.convNMSE), "\(error)")
    }
}

@Suite("batch norm folding")
struct BatchNormFoldingTests {
    static func parameters(channels: Int, rng: inout SeededGenerator) -> BatchNormParameters {
        BatchNormParameters(
            gamma: (0..<channels).map { _ in Float.random(in: 0.5..<1.5, using: &rng) },
            beta: (0..<channels).map { _ in Float.random(in: -1..<1, using: &rng) },
            mean: (0..<channels).map { _ in Float.random(in: -1..<1, using: &rng) },
            variance: (0..<channels).map { _ in Float.random(in: 0.5..<2, using: &rng) },
            epsilon: 1e-5)
    }

    @Test("conv with the BN folded in equals conv then BN", arguments: [false, true])
    func foldedConvMatchesConvThenBatchNorm(convHasBias: Bool) {
        var rng = SeededGenerator(seed: convHasBias ? 21 : 22)
        let g = ConvGeometry(kernel: 3, stride: 1, padding: 1)
        let x = rng.tensor(Shape(2, 6, 7, 7)), w = rng.tensor(Shape(5, 6, 3, 3), scale: 0.3)
        let bias = convHasBias ? rng.tensor(Shape(5)) : nil
        let bn = Self.parameters(channels: 5, rng: &rng)

        let expected = Reference.batchNorm(Reference.conv2d(x, weight: w, bias: bias, geometry: g), bn)
        let folded = bn.fold(convWeight: w.scalars, convBias: bias?.scalars)
        let y = nanFilled(expected.shape)
        Ops.conv2d(x, weight: Tensor(shape: w.shape, values: folded.weight), bias: Tensor(shape: Shape(5), values: folded.bias),
                   geometry: g, into: y, workspace: Workspace(), workers: 1)
        let error = ErrorMetrics(y, reference: expected)
        #expect(error.isWithin(relativeToMax: Tolerance.convRelativeToMax, nmse: Tolerance.convNMSE), "\(error)")
    }

    @Test("scale and shift as a channel affine equal the unfolded BN formula")
    func scaleAndShiftMatchFormula() {
        var rng = SeededGenerator(seed: 23)
        let x = rng.tensor(Shape(2, 4, 3, 5))
        let bn = Self.parameters(channels: 4, rng: &rng)
        let (scale, shift) = bn.scaleAndShift
        let y = nanFilled(x.shape)
        Ops.channelAffine(x, scale: Tensor(shape: Shape(4), values: scale), shift: Tensor(shape: Shape(4), values: shift), into: y)
        let error = ErrorMetrics(y, reference: Reference.batchNorm(x, bn))
        #expect(error.isWithin(abs: Tolerance.elementwiseAbs), "\(error)")
    }
}
