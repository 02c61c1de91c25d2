import FaceModels

/// One workspace per benchmark worker. Worker `w` only ever touches `workspaces[w]`, which is what makes sharing
/// the pool across a `concurrentPerform` body safe.
final class WorkspacePool: @unchecked Sendable {
    let workspaces: [InferenceWorkspace]

    init(count: Int, threads: Int) { workspaces = (0..<count).map { _ in InferenceWorkspace(threads: threads) } }

    /// Buffer allocations of all workspaces so far.
    var allocations: Int { workspaces.reduce(0) { $0 + $1.allocations } }

    /// Floats held by all workspaces.
    var floatsHeld: Int { workspaces.reduce(0) { $0 + $1.floatsHeld } }
}
