import Checkpoints
import FaceModels
import FacetBenchmarks
import Foundation
import TensorCore
import Testing

/// `--profile`: every layer of IResNet-18 and BiSeNet named once per pass after its weights, outputs unchanged bit
/// for bit, and layer times that add up to the pass.
@Suite struct ModelProfileTests {
    /// The modules of a weight key list, each key without its last component (`layer1.0.conv1.weight` →
    /// `layer1.0.conv1`), in first-use order.
    static func modules(_ store: WeightStore) -> [String] {
        var seen = Set<String>(), modules = [String]()
        for key in store.names {
            let module = key.split(separator: ".").dropLast().joined(separator: ".")
            if seen.insert(module).inserted { modules.append(module) }
        }
        return modules
    }

    /// A fixed, ordinary input of `shape`.
    static func input(_ shape: Shape) -> Tensor {
        let x = Tensor(zeros: shape)
        for i in 0..<x.count { x.pointer[i] = Float((i &* 2_654_435_761) % 2001) / 1000 - 1 }
        return x
    }

    static func bits(_ t: Tensor) -> [UInt32] { t.scalars.map(\.bitPattern) }

    /// Where two outputs first differ ("equal" if they do not): a Bool to expect on, as a diff of whole tensors
    /// would take the test library minutes.
    static func difference(_ output: [UInt32], _ expected: [UInt32]) -> String {
        guard output.count == expected.count else { return "\(output.count) values, expected \(expected.count)" }
        return output.indices.first { output[$0] != expected[$0] }.map { "first differs at \($0)" } ?? "equal"
    }

    /// Runs `forward` three times with a profiled workspace, timing each pass, and checks each output against one
    /// run without a profiler. Returns the profiler and the three pass times.
    static func profiledPasses(
        _ forward: (InferenceWorkspace) -> [UInt32]
    ) -> (profiler: LayerProfiler, passSeconds: [Double]) {
        let expected = forward(InferenceWorkspace(threads: 1))
        let workspace = InferenceWorkspace(threads: 1)
        let profiler = LayerProfiler()
        workspace.profiler = profiler
        #expect(Self.difference(forward(workspace), expected) == "equal", "the naming pass changed the output")
        profiler.discardTimes(reserving: 3)
        let storage = profiler.seconds.withUnsafeBufferPointer { $0.baseAddress }
        let allocations = workspace.allocations
        var passSeconds = [Double]()
        let clock = ContinuousClock()
        for pass in 0..<3 {
            var output = [UInt32]()
            let elapsed = clock.measure { output = forward(workspace) }.components
            passSeconds.append(Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
            #expect(Self.difference(output, expected) == "equal", "profiled pass \(pass) changed the output")
        }
        #expect(workspace.allocations == allocations, "profiled passes allocated workspace buffers")
        #expect(
            profiler.seconds.withUnsafeBufferPointer { $0.baseAddress } == storage,
            "profiled passes grew the time storage")
        #expect(profiler.passes == 3)
        return (profiler, passSeconds)
    }

    /// Each module of the weight list appears exactly once per pass, as a layer or as a BN folded into one; every
    /// conv layer has its weight's output channels and direct-convolution FLOPs; the layers' times of each pass add
    /// up to nearly all of it.
    static func checkLayers(
        _ profiler: LayerProfiler, passSeconds: [Double], modules: [String], store: WeightStore
    ) {
        let layers = profiler.layers
        #expect(Set(layers.map(\.name)).count == layers.count, "a layer name appears twice in one pass")
        let covered = layers.flatMap { [$0.name] + $0.folded }.filter { modules.contains($0) }
        #expect(covered.count == modules.count)
        let missing = Set(modules).subtracting(covered), repeated = covered.filter { name in covered.filter { $0 == name }.count > 1 }
        #expect(missing.isEmpty && repeated.isEmpty, "missing: \(missing.sorted()), repeated: \(Set(repeated).sorted())")
        for folded in layers.flatMap(\.folded) {
            #expect(store[folded + ".running_var"] != nil, "\(folded) is folded but is not a BatchNorm")
        }
        for layer in layers {
            guard let weight = store[layer.name + ".weight"]?.shape else { continue }
            switch weight.count {
            case 4:
                #expect(layer.kind.name.hasPrefix("winograd") || layer.kind.name.hasPrefix("im2col"), "\(layer.name): \(layer.kind)")
                #expect(layer.shape[1] == weight[0], "\(layer.name): output \(layer.shape), weight \(weight)")
                #expect(layer.flops == 2 * layer.shape.count * weight[1] * weight[2] * weight[3], "\(layer.name) FLOPs")
            case 2:
                #expect(layer.kind == .linear && layer.flops == 2 * layer.shape[0] * weight[0] * weight[1])
            default:
                let isBatchNorm = store[layer.name + ".running_var"] != nil
                #expect(layer.kind.name == (isBatchNorm ? "bn" : "prelu"), "\(layer.name): \(layer.kind)")
            }
        }
        let count = layers.count
        for (pass, total) in passSeconds.enumerated() {
            let layerSum = profiler.seconds[pass * count..<(pass + 1) * count].reduce(0, +)
            #expect(layerSum <= total && layerSum >= 0.9 * total, "pass \(pass): layers \(layerSum) s of \(total) s")
        }
    }

    @Test func iresnetLayersAppearOnceEachWithUnchangedOutputs() throws {
        let root = WeightScope(generating: SyntheticBenchmarkWeights.values)
        let model = try IResNet(loading: root, blocksPerStage: IResNet.Architecture.r18.blocksPerStage, family: .arcfaceTorch)
        let store = root.generatedStore
        let x = Self.input(Shape(1, 3, 112, 112))
        let (profiler, passSeconds) = Self.profiledPasses { Self.bits(model.embed(x, workspace: $0)) }
        Self.checkLayers(profiler, passSeconds: passSeconds, modules: Self.modules(store), store: store)

        // The ops without weights: each block's residual add once, after its convs; the final normalization last.
        let names = profiler.layers.map(\.name)
        let blocks = Self.modules(store).filter { $0.hasSuffix(".conv1") && $0.hasPrefix("layer") }.map { String($0.dropLast(6)) }
        #expect(blocks.count == 8)
        for block in blocks {
            #expect(names.filter { $0 == block + ".add" }.count == 1)
            #expect(names.firstIndex(of: block + ".add")! > names.firstIndex(of: block + ".conv2")!)
        }
        #expect(names.first == "conv1" && names.last == "normalize")
        #expect(profiler.layers.first { $0.name == "fc" }?.folded == ["bn2", "features"])
    }

    @Test func bisenetLayersAppearOnceEachWithUnchangedOutputs() throws {
        let root = WeightScope(generating: SyntheticBenchmarkWeights.values)
        let model = try BiSeNet(loading: root)
        let store = root.generatedStore
        // The auxiliary heads are loaded (the checkpoint holds them) but never run.
        let modules = Self.modules(store).filter { !$0.hasPrefix("conv_out16.") && !$0.hasPrefix("conv_out32.") }
        // A smaller input than 512×512 keeps the test quick; every layer still runs once.
        let x = Self.input(Shape(1, 3, 128, 128))
        let labels = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 128 * 128)
        defer { labels.deallocate() }
        let (profiler, passSeconds) = Self.profiledPasses { workspace in
            let logits = model(x, workspace: workspace)
            BiSeNet.labels(logits, into: labels, workspace: workspace)
            return Self.bits(logits) + labels.map(UInt32.init)
        }
        Self.checkLayers(profiler, passSeconds: passSeconds, modules: modules, store: store)
        let names = profiler.layers.map(\.name)
        #expect(names.first == "cp.resnet.conv1" && names.suffix(3) == ["conv_out.conv_out", "upsample", "argmax"])
        #expect(!names.contains { $0.hasPrefix("conv_out16") || $0.hasPrefix("conv_out32") })
        for block in ["cp.resnet.layer1.0", "cp.resnet.layer2.0", "cp.resnet.layer4.1"] {
            #expect(names.filter { $0 == block + ".add" }.count == 1)
        }
    }

    @Test func benchmarkReportsTheProfileOfItsExtraPasses() throws {
        let model = try SyntheticBenchmarkWeights.iresnet(.r18)
        let benchmark = ModelBenchmark(batch: 2, threads: 1, parallel: .layers, warmup: 1, iterations: 3, profile: true)
        let report = benchmark.run(model, weights: "synthetic")
        let profile = try #require(report.profile)
        #expect(profile.passes == 3 && profile.images == 2 && profile.allocations == 0)
        #expect(report.allocationsPerImageAfterWarmup == 0)
        #expect(profile.layerMilliseconds <= profile.passMilliseconds && profile.layerMilliseconds >= 0.9 * profile.passMilliseconds)
        #expect(abs(profile.layers.reduce(0) { $0 + $1.percent } - 100) < 1e-6)
        #expect(profile.kinds.reduce(0) { $0 + $1.layers } == profile.layers.count)
        #expect(zip(profile.kinds, profile.kinds.dropFirst()).allSatisfy { $0.milliseconds >= $1.milliseconds })
        #expect(profile.layers.filter { $0.gflop > 0 }.allSatisfy { $0.gflops != nil })
        #expect(profile.layers.first { $0.name == "layer3.1.conv1" }?.group == "winograd F(4×4) 14×14")
        let table = profile.table
        #expect(table.contains("layer4.1.conv2") && table.contains("top 15 layers by time"))
        #expect(ModelBenchmark(batch: 2, threads: 1, parallel: .layers, warmup: 1, iterations: 1).run(model, weights: "s").profile == nil)
    }
}
