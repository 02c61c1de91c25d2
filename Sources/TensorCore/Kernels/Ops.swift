/// Fast float32 kernels on NCHW tensors. Each has a plain twin in `Reference` that serves as its specification.
///
/// Legend used in every kernel file: N batch, C input channels, M output channels, H×W input size,
/// OH×OW output size, K = C·kh·kw (the GEMM inner dimension of a convolution).
///
/// Kernels write into an output tensor the caller provides, so they never allocate; scratch comes from a
/// `Workspace`. Shapes are checked with `precondition`: by the time a kernel runs, a model has validated
/// its weights against the checkpoint, so a mismatch here is a programming error, not bad input.
///
/// Kernels that split their work over threads take the count as `workers:` (from the caller's `ThreadSplit`);
/// each share runs its own single-threaded sgemm (see `BLAS`).
public enum Ops {}
