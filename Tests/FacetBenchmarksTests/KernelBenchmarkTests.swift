import FacetBenchmarks
import Foundation
import TensorCore
import Testing

/// The kernel shape table and one run of the kernel benchmark on a tiny layer.
@Suite struct KernelBenchmarkTests {
    static func find(_ network: String, channels: Int, size: Int, outputs: Int, kernel: Int, stride: Int)
        -> KernelBenchmarkLayer?
    {
        KernelBenchmarkLayer.all.first {
            $0.network == network && !$0.isLinear && $0.channels == channels && $0.height == size && $0.width == size
                && $0.outputs == outputs && $0.geometry == ConvGeometry(kernel: kernel, stride: stride, padding: kernel / 2)
        }
    }

    @Test func tableCoversBothNetworksWithDistinctNames() {
        let layers = KernelBenchmarkLayer.all
        #expect(Set(layers.map(\.network)) == ["BiSeNet", "IResNet"])
        #expect(Set(layers.map { "\($0.network) \($0.name)" }).count == layers.count)
        #expect(Self.find("BiSeNet", channels: 3, size: 512, outputs: 64, kernel: 7, stride: 2) != nil)
        // BiSeNet's ResNet-18 context path: a 3×3 stride-1 conv at every stage's resolution and width.
        for (width, size) in [(64, 128), (128, 64), (256, 32), (512, 16)] {
            #expect(Self.find("BiSeNet", channels: width, size: size, outputs: width, kernel: 3, stride: 1) != nil,
                    "BiSeNet 3×3 \(width)@\(size)")
        }
    }

    @Test func tableCoversEveryIResNetStage() {
        #expect(Self.find("IResNet", channels: 3, size: 112, outputs: 64, kernel: 3, stride: 1) != nil)
        // Stage s: input channels and size, output width. Its first block's conv2 and downsample have stride 2,
        // the rest of the stage runs 3×3 stride-1 convs at half the size.
        for (input, size, width) in [(64, 112, 64), (64, 56, 128), (128, 28, 256), (256, 14, 512)] {
            #expect(Self.find("IResNet", channels: width, size: size, outputs: width, kernel: 3, stride: 2) != nil,
                    "IResNet conv2 s2 \(width)@\(size)")
            #expect(Self.find("IResNet", channels: input, size: size, outputs: width, kernel: 1, stride: 2) != nil,
                    "IResNet downsample \(input)→\(width)@\(size)")
            #expect(Self.find("IResNet", channels: width, size: size / 2, outputs: width, kernel: 3, stride: 1) != nil,
                    "IResNet 3×3 \(width)@\(size / 2)")
        }
        let linear = KernelBenchmarkLayer.all.filter(\.isLinear)
        #expect(linear.count == 1)
        #expect(linear.first.map { [$0.channels * $0.height * $0.width, $0.outputs] } == [512 * 7 * 7, 512])
    }

    @Test func runOnATinyLayerReportsEveryColumn() throws {
        let tiny = KernelBenchmarkLayer(
            network: "test", name: "tiny 3×3", channels: 8, height: 12, width: 12, outputs: 16,
            geometry: ConvGeometry(kernel: 3, padding: 1))
        let strided = KernelBenchmarkLayer(
            network: "test", name: "tiny s2", channels: 8, height: 12, width: 12, outputs: 16,
            geometry: ConvGeometry(kernel: 3, stride: 2, padding: 1))
        var progress: [Int] = []
        let report = KernelBenchmark(threads: 2, repeats: 1, batch: 2).run(layers: [tiny, strided]) { done, total in
            #expect(total == 2)
            progress.append(done)
        }
        #expect(progress == [1, 2])
        #expect(report.threads == 2 && report.repeats == 1 && report.batch == 2)
        #expect(report.sgemm1024.size == 1024 && report.sgemm1024.gflops > 0)
        #expect(report.layers.map(\.layer) == ["tiny 3×3", "tiny s2"])
        let row = report.layers[0]
        #expect(row.gemmMNK == [16, 12 * 12 * 2, 8 * 9])
        #expect(row.shape == "8→16 12×12 k3 s1 p1")
        #expect(row.milliseconds > 0 && row.gflops > 0 && row.gemmGFLOPS > 0 && row.percentOfPeak > 0)
        #expect(row.winogradF2Milliseconds != nil && row.winogradF4Milliseconds != nil)
        #expect(report.layers[1].winogradF2Milliseconds == nil && report.layers[1].gemmMNK == [16, 6 * 6 * 2, 8 * 9])
        #expect(!report.otherKernels.isEmpty && report.otherKernels.allSatisfy { $0.milliseconds > 0 })
        #expect(report.table.contains("tiny 3×3") && report.table.contains("2 thread(s), batch 2, median of 1"))

        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
        #expect(Set(json?.keys.map { $0 } ?? []) == [
            "openBLAS", "core", "threads", "repeats", "batch", "sgemm1024", "layers", "otherKernels",
        ])
    }
}
