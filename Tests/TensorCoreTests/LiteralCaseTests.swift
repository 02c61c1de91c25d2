import Testing
import TensorCore
import TestSupport

/// Small cases whose answers can be checked by hand; each doc comment has the PyTorch one-liner that agrees
/// (`import torch, torch.nn.functional as F`).
@Suite("hand-checkable literal cases")
struct LiteralCaseTests {
    /// Corners map to corners, so a linear ramp stays a ramp: out[i][j] = 3i + j.
    /// `F.interpolate(torch.tensor([[0.,3,6],[12,15,18]]).view(1,1,2,3), size=(5,7), mode='bilinear', align_corners=True)`
    @Test func bilinearAlignCorners2x3To5x7() {
        let x = Tensor(shape: Shape(1, 1, 2, 3), values: [0, 3, 6, 12, 15, 18])
        let y = nanFilled(Shape(1, 1, 5, 7))
        Ops.upsampleBilinear(x, alignCorners: true, into: y, workers: 1)
        let expected: [Float] = (0..<5).flatMap { i in (0..<7).map { j in Float(3 * i + j) } }
        let error = ErrorMetrics(y.scalars, reference: expected)
        #expect(error.isWithin(abs: Tolerance.elementwiseAbs), "\(error)")
    }

    /// Half-pixel centres: out = [1, 1.25, 1.75, 2] for a 2-wide row upscaled to 4.
    /// `F.interpolate(torch.tensor([1.,2]).view(1,1,1,2), size=(1,4), mode='bilinear', align_corners=False)`
    @Test func bilinearHalfPixel1x2To1x4() {
        let x = Tensor(shape: Shape(1, 1, 1, 2), values: [1, 2])
        let y = nanFilled(Shape(1, 1, 1, 4))
        Ops.upsampleBilinear(x, alignCorners: false, into: y, workers: 1)
        #expect(y.scalars == [1, 1.25, 1.75, 2])
    }

    /// A 1×1 map resized to 16×16 is a broadcast of its one value, per channel.
    /// `F.interpolate(torch.tensor([2.5,-1]).view(1,2,1,1), size=(16,16), mode='nearest')`
    @Test func nearest1x1To16x16() {
        let x = Tensor(shape: Shape(1, 2, 1, 1), values: [2.5, -1])
        let y = nanFilled(Shape(1, 2, 16, 16))
        Ops.upsampleNearest(x, into: y)
        #expect(y.scalars == [Float](repeating: 2.5, count: 256) + [Float](repeating: -1, count: 256))
    }

    /// Legacy nearest picks ⌊dst·in/out⌋: 3 → 5 reads source columns [0, 0, 1, 1, 2].
    /// `F.interpolate(torch.tensor([10.,20,30]).view(1,1,1,3), size=(1,5), mode='nearest')`
    @Test func nearest1x3To1x5() {
        let x = Tensor(shape: Shape(1, 1, 1, 3), values: [10, 20, 30])
        let y = nanFilled(Shape(1, 1, 1, 5))
        Ops.upsampleNearest(x, into: y)
        #expect(y.scalars == [10, 10, 20, 20, 30])
    }

    /// Ties go to the first maximal channel: pixels (1,1,1,0), (5,2,5,5), (5,7,7,7) → [0, 0, 1].
    /// `torch.tensor([[1.,5,5],[1,2,7],[1,5,7],[0,5,7]]).argmax(0)`
    @Test func argmaxTiesFirstMaxWins() {
        let x = Tensor(shape: Shape(1, 4, 1, 3), values: [1, 5, 5, 1, 2, 7, 1, 5, 7, 0, 5, 7])
        var labels = [UInt8](repeating: 255, count: 3)
        labels.withUnsafeMutableBufferPointer { Ops.argmaxChannels(x, into: $0.baseAddress!, workers: 1) }
        #expect(labels == [0, 0, 1])
    }

    /// y = x for x > 0 else a·x, so zeros take the sign of a·0: with a = −1, 0 → −0 and −0 → 0.
    /// `F.prelu(torch.tensor([-2.,-0.,0.,3.]).repeat(2).view(1,2,1,4), torch.tensor([0.25,-1.]))`
    /// → [−0.5, −0, 0, 3 | 2, 0, −0, 3]
    @Test func preluSignHandling() {
        let x = Tensor(shape: Shape(1, 2, 1, 4), values: [-2, -0.0, 0, 3, -2, -0.0, 0, 3])
        let y = nanFilled(x.shape)
        Ops.prelu(x, slope: Tensor(shape: Shape(2), values: [0.25, -1]), into: y)
        let expected: [Float] = [-0.5, -0.0, 0, 3, 2, 0, -0.0, 3]
        #expect(y.scalars.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    /// A zero row stays zero (no NaN), and [3, 4] → [0.6, 0.8].
    /// `sklearn.preprocessing.normalize(np.array([[0.,0],[3,4]]))`
    @Test func l2NormalizeZeroRowStaysZero() {
        let x = Tensor(shape: Shape(2, 2), values: [0, 0, 3, 4])
        let y = nanFilled(x.shape)
        Ops.l2NormalizeRows(x, into: y)
        #expect(y.scalars == [0, 0, 0.6, 0.8])
    }

    /// Padding counts as −∞, so an all-negative map keeps its negative maxima at the borders.
    /// `F.max_pool2d(-torch.arange(1.,17).view(1,1,4,4), 3, 2, 1)` → [[−1, −2], [−5, −6]]
    @Test func maxPoolPaddingIsMinusInfinity() {
        let x = Tensor(shape: Shape(1, 1, 4, 4), values: (1...16).map { -Float($0) })
        let y = nanFilled(Shape(1, 1, 2, 2))
        Ops.maxPool2d(x, kernel: 3, stride: 2, padding: 1, into: y, workers: 1)
        #expect(y.scalars == [-1, -2, -5, -6])
    }

    /// Mean over the plane: [1, 2, 3, 4] → 2.5.   `torch.tensor([1.,2,3,4]).view(1,1,2,2).mean((2,3))`
    @Test func globalAveragePoolMean() {
        let x = Tensor(shape: Shape(1, 1, 2, 2), values: [1, 2, 3, 4])
        let y = nanFilled(Shape(1, 1, 1, 1))
        Ops.globalAveragePool(x, into: y)
        #expect(y.scalars == [2.5])
    }

    /// A 3×3 all-ones kernel with zero padding sums each neighbourhood: corners see 4 cells, edges 6, centre 9.
    /// `F.conv2d(torch.ones(1,1,3,3), torch.ones(1,1,3,3), padding=1)`
    @Test func convZeroPaddingNeighbourCounts() {
        let x = Tensor(shape: Shape(1, 1, 3, 3), values: [Float](repeating: 1, count: 9))
        let w = Tensor(shape: Shape(1, 1, 3, 3), values: [Float](repeating: 1, count: 9))
        let y = nanFilled(Shape(1, 1, 3, 3))
        Ops.conv2d(x, weight: w, bias: nil, geometry: ConvGeometry(kernel: 3, padding: 1), into: y, workspace: Workspace(),
                   workers: 1)
        #expect(y.scalars == [4, 6, 4, 6, 9, 6, 4, 6, 4])
    }
}

@Suite("Shape")
struct ShapeTests {
    @Test func equalityCountAndDroppingFirst() {
        #expect(Shape(2, 3) == Shape([2, 3]))
        #expect(Shape(2, 3) != Shape(2, 3, 1))
        #expect(Shape(6).count == 6 && Shape().count == 1 && Shape(2, 0, 4).count == 0)
        #expect(Shape(5, 2, 3, 4).droppingFirst == Shape(2, 3, 4))
    }

    @Test func itemIsAViewOfOneBatchEntry() {
        let t = Tensor(shape: Shape(2, 1, 1, 3), values: [1, 2, 3, 4, 5, 6])
        #expect(t.item(1).shape == Shape(1, 1, 3))
        #expect(t.item(1).scalars == [4, 5, 6])
    }
}
