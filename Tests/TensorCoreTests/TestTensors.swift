import Testing
import TensorCore
import TestSupport

/// An output tensor pre-filled with NaN, so an element a kernel forgets to write shows up in the comparison.
func nanFilled(_ shape: Shape) -> Tensor {
    let t = Tensor(zeros: shape)
    t.buffer.update(repeating: .nan)
    return t
}

/// A workspace whose first scratch slot holds NaN from an earlier, larger pass, so a kernel that reads scratch
/// it has not written shows up in the comparison.
func dirtyWorkspace() -> Workspace {
    let workspace = Workspace()
    workspace.scratch(4096).update(repeating: .nan, count: 4096)
    workspace.reset()
    return workspace
}

/// Expects `a` to equal `reference` element for element (reporting the error summary, not the arrays).
func expectIdentical(_ a: Tensor, _ reference: Tensor, _ context: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    let error = ErrorMetrics(a, reference: reference)
    #expect(error.maxAbs == 0 && error.mismatchedNonFinite == 0, "\(context) \(error)", sourceLocation: sourceLocation)
}
