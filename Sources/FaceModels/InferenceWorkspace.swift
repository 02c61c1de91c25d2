import TensorCore

/// The buffers one thread uses to run a network, reused from pass to pass so that a warmed-up pass allocates nothing.
///
/// - `scratch` holds im2col columns; it is reset before every convolution, so all convolutions share one buffer.
/// - Activations come from `current`. That is the pass-long workspace, except between `beginBlock()` and
///   `endBlocks()`: consecutive residual blocks then alternate between two block workspaces (a block's input lives
///   in the other one), which keeps deep networks such as IResNet-100 from holding every activation at once.
///
/// Tensors returned by a forward pass stay valid until the next pass with the same workspace. Not `Sendable`:
/// give each worker its own. `threads` is how many threads that worker's kernels split their work over
/// (`ThreadSplit.kernelThreads`).
public final class InferenceWorkspace {
    public let threads: Int
    private let pass = Workspace()
    private let blocks = [Workspace(), Workspace()]
    private var blockIndex = 0
    public let scratch = Workspace()
    public private(set) var current: Workspace
    /// Times every layer of the passes run with this workspace while set (`facet bench … --profile`); nil costs
    /// one check per layer.
    public var profiler: LayerProfiler?

    public init(threads: Int) {
        precondition(threads >= 1, "an inference workspace needs at least 1 thread, got \(threads)")
        self.threads = threads
        current = pass
    }

    /// Buffer (re)allocations since creation, summed over all parts. Constant once warmed up.
    public var allocations: Int { ([pass, scratch] + blocks).reduce(0) { $0 + $1.allocations } }

    /// Floats held by all parts.
    public var floatsHeld: Int { ([pass, scratch] + blocks).reduce(0) { $0 + $1.floatsHeld } }

    /// Starts a forward pass.
    public func beginPass() {
        profiler?.beginPass()
        for workspace in [pass, scratch] + blocks { workspace.reset() }
        blockIndex = 0
        current = pass
    }

    /// Starts the next residual block: its activations go to the block workspace its input is not in.
    public func beginBlock() {
        current = blocks[blockIndex % 2]
        current.reset()
        blockIndex += 1
    }

    /// Back to the pass-long workspace after the last block.
    public func endBlocks() { current = pass }

    /// An activation tensor of `shape`.
    public func tensor(_ shape: Shape) -> Tensor { current.tensor(shape) }
}
