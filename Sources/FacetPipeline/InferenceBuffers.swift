import FaceModels
import TensorCore

/// The buffers one worker uses to run a model: the network's activations and the input batch. Reused from batch
/// to batch, so a warmed-up run allocates nothing. Not `Sendable`: give each worker its own.
public final class InferenceBuffers {
    public let model: InferenceWorkspace
    public let input = Workspace()

    /// - Parameter threads: how many threads each layer's kernels split over.
    public init(threads: Int = 1) { model = InferenceWorkspace(threads: threads) }
}
