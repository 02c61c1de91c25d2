/// What a match keeps of its pairs for the subject bootstrap (`BootstrapCollector` fills it, `BootstrapReplicates`
/// reads it). Integers only, so blocks of a pair set merge into exactly the whole run's state.
public struct BootstrapState: Sendable, Equatable {
    public let design: BootstrapDesign
    /// Legend: G genuine pairs × [subject, rounded score (score·10⁶)], row-major.
    public var genuine: [Int32]
    /// Exact: P impostor pairs × [subject a, subject b, rounded score]. First-order: S subjects × `binCount` counts
    /// of the impostor pairs each subject is in (a pair counts in both its subjects' rows).
    public var impostor: [Int32]

    public init(design: BootstrapDesign, genuine: [Int32], impostor: [Int32]) {
        self.design = design
        self.genuine = genuine
        self.impostor = impostor
    }

    /// Columns of `impostor` as a matrix.
    public var impostorColumns: Int { design.method == .exact ? 3 : BootstrapMethod.binCount }

    /// An empty state: no pairs yet.
    public init(design: BootstrapDesign) {
        self.design = design
        genuine = []
        impostor =
            design.method == .exact ? [] : [Int32](repeating: 0, count: design.subjects * BootstrapMethod.binCount)
    }

    /// This state followed by `other`'s pairs (the next rows of the same pair set).
    public func merged(with other: BootstrapState) -> BootstrapState {
        precondition(design == other.design, "states of one group")
        var impostor = impostor
        if design.method == .exact {
            impostor += other.impostor
        } else {
            for k in impostor.indices { impostor[k] += other.impostor[k] }
        }
        return BootstrapState(design: design, genuine: genuine + other.genuine, impostor: impostor)
    }
}
