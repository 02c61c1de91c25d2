/// Plain, obviously-correct twins of the `Ops` kernels: the executable specification the tests hold them to.
///
/// Each function is a direct transcription of the formulas in `FacetPipeline.docc/ExactOps.md`, written for clarity
/// and not for speed: one loop per index, sums accumulated in Float64, a freshly allocated result. Where the
/// specified arithmetic is float32 (resize coordinates), the twin uses float32 too, so that it matches PyTorch.
///
/// Legend: N batch, C input channels, M output channels, H×W input size, OH×OW output size.
public enum Reference {}
