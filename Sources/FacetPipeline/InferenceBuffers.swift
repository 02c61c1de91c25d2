import FaceModels
import TensorCore

/// The buffers one thread uses to run a model: the network's activations and the input batch. Reused from batch
/// to batch, so a warmed-up run allocates nothing. Not `Sendable`: give each thread its own.
public final class InferenceBuffers {
    public let model = InferenceWorkspace()
    public let input = Workspace()

    public init() {}
}
