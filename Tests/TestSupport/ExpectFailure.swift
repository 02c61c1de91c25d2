import Testing
import TensorCore

/// Expects `body` to throw a `FacetError` of `kind` whose message contains every one of `fragments`.
public func expectFailure(
    _ kind: FailureKind, _ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected a \(kind) error containing \(fragments), but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as FacetError {
        #expect(error.kind == kind, "\(error.message)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(error.message.contains(fragment), "message '\(error.message)' lacks '\(fragment)'", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("expected a FacetError, got \(error)", sourceLocation: sourceLocation)
    }
}
