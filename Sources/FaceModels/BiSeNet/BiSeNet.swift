import Checkpoints
import TensorCore

/// BiSeNet face parsing as released with face-parsing.PyTorch (`79999_iter.pth`): the context path, feature
/// fusion and the main output head, 19 CelebAMask-HQ classes. The spatial path is unused in that model.
///
/// Shapes for an N×3×512×512 input: feat8 and feat16_up 128×64×64 → ffm 256×64×64 → conv_out 19×64×64 →
/// bilinear (align_corners) to 19×512×512. Other sizes work too; every resize targets the actual map sizes.
public struct BiSeNet: Sendable {
    public static let classes = 19

    let cp: ContextPath
    let ffm: FeatureFusion
    let convOut: OutputHead

    /// Loads every tensor of a face-parsing.PyTorch checkpoint, strictly.
    public init(weights: WeightStore) throws {
        let root = WeightScope(weights)
        try self.init(loading: root)
        try root.finish()
    }

    /// The conv kernels are chosen for `inputSize` inputs (the size `facet parse` uses); other sizes work too.
    public init(loading scope: WeightScope) throws {
        let size = Self.inputSize
        cp = try ContextPath(loading: scope["cp"], inputSize: size)
        ffm = try FeatureFusion(loading: scope["ffm"], inputChannels: 256, outputChannels: 256)
        let classes = Self.classes
        convOut = try OutputHead(
            loading: scope["conv_out"], inputChannels: 256, middleChannels: 256, classes: classes, size: size / 8)
        // The training-only auxiliary heads: loaded so their keys and shapes are checked (the file holds them),
        // but never run, so not kept.
        for head in ["conv_out16", "conv_out32"] {
            _ = try OutputHead(loading: scope[head], inputChannels: 128, middleChannels: 64, classes: classes, size: nil)
        }
    }

    /// Main-head logits x[N,3,H,W] → [N,19,H,W], upsampled bilinearly (align_corners=True) to the input size.
    /// The result lives in `workspace` until its next pass.
    public func callAsFunction(_ x: Tensor, workspace: InferenceWorkspace) -> Tensor {
        workspace.beginPass()
        let (feat8, feat16Up, _) = workspace.scope("cp") { cp(x, workspace: workspace) }
        let fused = workspace.scope("ffm") { ffm(feat8, feat16Up, workspace: workspace) }
        let headLogits = workspace.scope("conv_out") { convOut(fused, workspace: workspace) }
        let logits = workspace.tensor(Shape(x.shape[0], Self.classes, x.shape[2], x.shape[3]))
        workspace.profile("upsample", kind: .resize("upsample bilinear"), shape: logits.shape) {
            Ops.upsampleBilinear(headLogits, alignCorners: true, into: logits, workers: workspace.threads)
        }
        return logits
    }

    /// The label map: per pixel, the class with the largest logit (the first one on ties), [N·H·W] row-major,
    /// split over `threads` threads.
    public static func labels(_ logits: Tensor, into labels: UnsafeMutableBufferPointer<UInt8>, threads: Int) {
        precondition(labels.count == logits.count / classes, "label buffer of \(labels.count) for logits \(logits.shape)")
        Ops.argmaxChannels(logits, into: labels.baseAddress!, workers: threads)
    }

    /// `labels(_:into:threads:)` with `workspace`'s threads, profiled as `argmax`.
    public static func labels(
        _ logits: Tensor, into labels: UnsafeMutableBufferPointer<UInt8>, workspace: InferenceWorkspace
    ) {
        workspace.profile(
            "argmax", kind: .argmax, shape: Shape(logits.shape[0], logits.shape[2], logits.shape[3])
        ) { Self.labels(logits, into: labels, threads: workspace.threads) }
    }

    public static func labels(_ logits: Tensor, threads: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: logits.count / classes) { buffer, count in
            labels(logits, into: buffer, threads: threads)
            count = buffer.count
        }
    }
}
