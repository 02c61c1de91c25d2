import Testing
import TensorCore
import TestSupport

/// Random NCHW shapes (odd sizes, batch > 1) for the elementwise sweeps.
private let sweepShapes: [Shape] = {
    var rng = SeededGenerator(seed: 0xE1E7)
    return [Shape(1, 1, 1, 1), Shape(2, 3, 1, 1), Shape(2, 4, 20, 15)] + (0..<8).map { _ in
        Shape(Int.random(in: 1...3, using: &rng), Int.random(in: 1...9, using: &rng),
              Int.random(in: 1...13, using: &rng), Int.random(in: 1...13, using: &rng))
    }
}()

/// The elementwise sweeps also run split over threads, on one shape large enough (16,800 elements) to be cut into
/// several runs.
private let splitShapes = sweepShapes + [Shape(2, 3, 40, 70)]

/// Each fast kernel writes into a NaN-filled output; where the twin does the same float32 arithmetic the
/// results must be bit-identical, elsewhere within `Tolerance.elementwiseAbs`. With 1 and 3 workers.
@Suite("elementwise kernels against their naive twins")
struct ElementwiseSweepTests {
    @Test(arguments: splitShapes, [1, 3])
    func channelAffine(_ shape: Shape, workers: Int) {
        var rng = SeededGenerator(seed: NamedRandom.seed("affine\(shape)"))
        let x = rng.tensor(shape), scale = rng.tensor(Shape(shape[1])), shift = rng.tensor(Shape(shape[1]))
        let y = nanFilled(shape)
        Ops.channelAffine(x, scale: scale, shift: shift, into: y, workers: workers)
        expectIdentical(y, Reference.channelAffine(x, scale: scale.scalars, shift: shift.scalars))
        Ops.channelAffine(x, scale: scale, shift: shift, into: x, workers: workers)  // in place
        expectIdentical(x, y)
    }

    @Test(arguments: splitShapes, [1, 3])
    func reluPreluSigmoid(_ shape: Shape, workers: Int) {
        var rng = SeededGenerator(seed: NamedRandom.seed("act\(shape)"))
        let x = rng.tensor(shape, scale: 8), slope = rng.tensor(Shape(shape[1]))
        let y = nanFilled(shape)
        Ops.relu(x, into: y, workers: workers)
        expectIdentical(y, Reference.relu(x))
        Ops.prelu(x, slope: slope, into: y, workers: workers)
        expectIdentical(y, Reference.prelu(x, slope: slope.scalars))
        Ops.sigmoid(x, into: y, workers: workers)
        let error = ErrorMetrics(y, reference: Reference.sigmoid(x))
        #expect(error.isWithin(abs: Tolerance.elementwiseAbs), "\(error)")
    }

    @Test(arguments: splitShapes, [1, 3])
    func addAndBroadcast(_ shape: Shape, workers: Int) {
        var rng = SeededGenerator(seed: NamedRandom.seed("add\(shape)"))
        let a = rng.tensor(shape), b = rng.tensor(shape), v = rng.tensor(Shape(shape[0], shape[1], 1, 1))
        let y = nanFilled(shape)
        Ops.add(a, b, into: y, workers: workers)
        expectIdentical(y, Reference.add(a, b))
        Ops.addChannels(a, v, into: y, workers: workers)
        expectIdentical(y, Reference.addChannels(a, v))
        Ops.mulChannels(a, v, into: y, workers: workers)
        expectIdentical(y, Reference.mulChannels(a, v))
    }

    @Test(arguments: sweepShapes)
    func concatChannels(_ shape: Shape) {
        var rng = SeededGenerator(seed: NamedRandom.seed("concat\(shape)"))
        let a = rng.tensor(shape), b = rng.tensor(Shape(shape[0], 2, shape[2], shape[3]))
        let y = nanFilled(Shape(shape[0], shape[1] + 2, shape[2], shape[3]))
        Ops.concatChannels(a, b, into: y)
        expectIdentical(y, Reference.concatChannels(a, b))
    }
}

@Suite("pooling, resize and reductions against their naive twins")
struct PoolResizeReduceSweepTests {
    @Test(arguments: [(3, 2, 1), (2, 2, 0), (3, 1, 1), (5, 3, 2), (1, 1, 0), (3, 3, 0)])
    func maxPool(kernel: Int, stride: Int, padding: Int) {
        var rng = SeededGenerator(seed: UInt64(kernel * 100 + stride * 10 + padding))
        for shape in sweepShapes where shape[2] + 2 * padding >= kernel && shape[3] + 2 * padding >= kernel {
            let x = rng.tensor(shape)
            let expected = Reference.maxPool2d(x, kernel: kernel, stride: stride, padding: padding)
            let y = nanFilled(expected.shape)
            Ops.maxPool2d(x, kernel: kernel, stride: stride, padding: padding, into: y, workers: 1)
            expectIdentical(y, expected, "\(shape)")
        }
    }

    @Test(arguments: sweepShapes)
    func globalAveragePool(_ shape: Shape) {
        var rng = SeededGenerator(seed: NamedRandom.seed("gap\(shape)"))
        let x = rng.tensor(shape)
        let y = nanFilled(Shape(shape[0], shape[1], 1, 1))
        Ops.globalAveragePool(x, into: y)
        expectIdentical(y, Reference.globalAveragePool(x))
    }

    /// Up, down, identity and non-integer ratios, including the BiSeNet ones (16→32, 64→512 scaled down).
    static let resizes: [(Int, Int, Int, Int)] = [
        (1, 1, 16, 16), (2, 3, 5, 7), (4, 4, 8, 8), (5, 7, 5, 7), (7, 5, 3, 2), (3, 4, 10, 9), (8, 8, 64, 64), (6, 9, 1, 1),
        (1, 5, 4, 3), (13, 11, 17, 23),
    ]

    @Test(arguments: resizes)
    func nearest(h: Int, w: Int, oh: Int, ow: Int) {
        var rng = SeededGenerator(seed: UInt64(h * 1000 + w * 100 + oh * 10 + ow))
        let x = rng.tensor(Shape(2, 3, h, w))
        let y = nanFilled(Shape(2, 3, oh, ow))
        Ops.upsampleNearest(x, into: y)
        expectIdentical(y, Reference.upsampleNearest(x, height: oh, width: ow))
    }

    @Test(arguments: resizes, [true, false])
    func bilinear(size: (Int, Int, Int, Int), alignCorners: Bool) {
        let (h, w, oh, ow) = size
        var rng = SeededGenerator(seed: UInt64(h * 1000 + w * 100 + oh * 10 + ow))
        let x = rng.tensor(Shape(2, 3, h, w))
        let y = nanFilled(Shape(2, 3, oh, ow))
        Ops.upsampleBilinear(x, alignCorners: alignCorners, into: y, workers: 1)
        let expected = Reference.upsampleBilinear(x, height: oh, width: ow, alignCorners: alignCorners)
        expectIdentical(y, expected)
    }

    @Test(arguments: sweepShapes)
    func argmax(_ shape: Shape) {
        var rng = SeededGenerator(seed: NamedRandom.seed("argmax\(shape)"))
        // Values on a coarse grid so that ties are common.
        let x = Tensor(shape: shape, values: (0..<shape.count).map { _ in Float(Int.random(in: 0...3, using: &rng)) })
        var labels = [UInt8](repeating: 255, count: shape[0] * shape[2] * shape[3])
        labels.withUnsafeMutableBufferPointer { Ops.argmaxChannels(x, into: $0.baseAddress!, workers: 1) }
        #expect(labels == Reference.argmaxChannels(x))
    }

    /// Maps big enough (≥ 2¹⁶ elements) that the kernels split their work over two threads.
    @Test func largeMapsSplitOverThreads() {
        var rng = SeededGenerator(seed: 0xB16)
        let x = rng.tensor(Shape(1, 4, 128, 129))
        let pooled = nanFilled(Shape(1, 4, 64, 65))
        Ops.maxPool2d(x, kernel: 3, stride: 2, padding: 1, into: pooled, workers: 2)
        expectIdentical(pooled, Reference.maxPool2d(x, kernel: 3, stride: 2, padding: 1))

        var labels = [UInt8](repeating: 255, count: 128 * 129)
        labels.withUnsafeMutableBufferPointer { Ops.argmaxChannels(x, into: $0.baseAddress!, workers: 2) }
        #expect(labels == Reference.argmaxChannels(x))

        let small = rng.tensor(Shape(1, 2, 17, 16))
        for alignCorners in [true, false] {
            let y = nanFilled(Shape(1, 2, 160, 200))
            Ops.upsampleBilinear(small, alignCorners: alignCorners, into: y, workers: 2)
            expectIdentical(y, Reference.upsampleBilinear(small, height: 160, width: 200, alignCorners: alignCorners))
        }
    }

    @Test(arguments: [(1, 1), (1, 512), (3, 7), (4, 512)])
    func l2Normalize(rows: Int, dimension: Int) {
        var rng = SeededGenerator(seed: UInt64(rows * 1000 + dimension))
        let x = rng.tensor(Shape(rows, dimension), scale: 30)
        let y = nanFilled(x.shape)
        Ops.l2NormalizeRows(x, into: y)
        let error = ErrorMetrics(y, reference: Reference.l2NormalizeRows(x))
        #expect(error.isWithin(abs: Tolerance.elementwiseAbs), "\(error)")
    }
}
