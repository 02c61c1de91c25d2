import Foundation
import Testing
import TensorCore
import TestSupport

/// `Fixtures/ops/manifest.json`, written by `Tools/make_op_fixtures.py` (rerun it to regenerate the fixtures).
struct OpFixtureManifest: Decodable {
    static let supportedVersion = 1

    struct Input: Decodable, Sendable {
        var name: String
        var shape: [Int]
        var scale: Float
        var offset: Float
        var floor: Bool

        /// The same values the script fed PyTorch: named-random, then floored and/or offset in float32.
        var tensor: Tensor {
            var values = NamedRandom.uniform(name, count: shape.reduce(1, *), scale: scale)
            if floor { values = values.map { $0.rounded(.down) } }
            if offset != 0 { values = values.map { $0 + offset } }
            return Tensor(shape: Shape(shape), values: values)
        }
    }

    struct Parameters: Decodable, Sendable {
        var kernel, stride, padding, dilation: Int?
        var epsilon: Double?
        var alignCorners: Bool?
        var zeroRows: [Int]?
    }

    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        var name, op, output: String
        var params: Parameters
        var inputs: [String: Input]
        var outputShape: [Int]
        var testDescription: String { name }

        func input(_ key: String) -> Tensor { inputs[key]!.tensor }
        func optionalInput(_ key: String) -> Tensor? { inputs[key]?.tensor }
    }

    var version: Int
    var cases: [Case]

    static func load() throws -> OpFixtureManifest {
        let path = Fixtures.path("ops/manifest.json")
        return try JSONDecoder().decode(OpFixtureManifest.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}


/// Each kernel against PyTorch on committed outputs. Conv and linear references are float64 results rounded
/// once, so the conv budget measures only our float32 error, at real depths (K up to 4608, fc K = 25088).
@Suite("kernels against PyTorch fixtures")
struct OpFixtureTests {
    @Test func manifestVersionIsSupported() throws {
        #expect(try OpFixtureManifest.load().version == OpFixtureManifest.supportedVersion,
                "rerun Tools/make_op_fixtures.py and update the reader")
    }

    @Test(arguments: try OpFixtureManifest.load().cases)
    func matchesPyTorch(_ c: OpFixtureManifest.Case) throws {
        let expected = try NPY.read(path: Fixtures.path("ops/" + c.output))
        #expect(expected.shape == c.outputShape)
        let outputShape = Shape(c.outputShape)

        if c.op == "argmaxChannels" {
            let x = c.input("x")
            var labels = [UInt8](repeating: 255, count: outputShape.count)
            labels.withUnsafeMutableBufferPointer { Ops.argmaxChannels(x, into: $0.baseAddress!, workers: 1) }
            #expect(labels == (try expected.bytes()))
            return
        }

        let y = nanFilled(outputShape)
        var isConvLike = false
        let p = c.params
        switch c.op {
        case "conv2d":
            isConvLike = true
            let geometry = ConvGeometry(kernel: p.kernel!, stride: p.stride!, padding: p.padding!, dilation: p.dilation!)
            Ops.conv2d(c.input("x"), weight: c.input("weight"), bias: c.optionalInput("bias"), geometry: geometry,
                       into: y, workspace: Workspace(), workers: 1)
        case "linear":
            isConvLike = true
            Ops.linear(c.input("x"), weight: c.input("weight"), bias: c.optionalInput("bias"), into: y)
        case "batchNorm":
            let bn = BatchNormParameters(
                gamma: c.input("gamma").scalars, beta: c.input("beta").scalars, mean: c.input("mean").scalars,
                variance: c.input("variance").scalars, epsilon: p.epsilon!)
            let (scale, shift) = bn.scaleAndShift
            Ops.channelAffine(c.input("x"), scale: Tensor(shape: Shape(scale.count), values: scale),
                              shift: Tensor(shape: Shape(shift.count), values: shift), into: y)
        case "relu": Ops.relu(c.input("x"), into: y)
        case "prelu": Ops.prelu(c.input("x"), slope: c.input("slope"), into: y)
        case "sigmoid": Ops.sigmoid(c.input("x"), into: y)
        case "add": Ops.add(c.input("a"), c.input("b"), into: y)
        case "addChannels": Ops.addChannels(c.input("x"), c.input("v"), into: y)
        case "mulChannels": Ops.mulChannels(c.input("x"), c.input("v"), into: y)
        case "concatChannels": Ops.concatChannels(c.input("a"), c.input("b"), into: y)
        case "maxPool2d": Ops.maxPool2d(c.input("x"), kernel: p.kernel!, stride: p.stride!, padding: p.padding!, into: y, workers: 1)
        case "globalAveragePool": Ops.globalAveragePool(c.input("x"), into: y)
        case "upsampleNearest": Ops.upsampleNearest(c.input("x"), into: y)
        case "upsampleBilinear": Ops.upsampleBilinear(c.input("x"), alignCorners: p.alignCorners!, into: y, workers: 1)
        case "l2NormalizeRows":
            let x = c.input("x")
            let d = x.shape[1]
            for row in p.zeroRows ?? [] { (x.pointer + row * d).update(repeating: 0, count: d) }
            Ops.l2NormalizeRows(x, into: y)
        default:
            Issue.record("unknown op '\(c.op)' in the manifest; rerun Tools/make_op_fixtures.py or add it here")
            return
        }

        let error = ErrorMetrics(y.scalars, reference: try expected.floats())
        if c.op == "conv2d" && p.kernel == 3 && p.stride == 1 && p.dilation == 1 {
            for tile in [WinogradTile.f2, .f4] {
                let winograd = nanFilled(outputShape)
                Ops.conv2dWinograd(
                    c.input("x"), filters: WinogradFilters(weight: c.input("weight"), tile: tile),
                    bias: c.optionalInput("bias"), padding: p.padding!, into: winograd, workspace: Workspace(),
                    workers: 1)
                let winogradError = ErrorMetrics(winograd.scalars, reference: try expected.floats())
                #expect(winogradError.isWithin(relativeToMax: Tolerance.convRelativeToMax, nmse: Tolerance.convNMSE),
                        "\(tile): \(winogradError)")
            }
        }
        if isConvLike {
            #expect(error.isWithin(relativeToMax: Tolerance.convRelativeToMax, nmse: Tolerance.convNMSE), "\(error)")
        } else {
            #expect(error.isWithin(abs: Tolerance.elementwiseAbs), "\(error)")
        }
    }
}
