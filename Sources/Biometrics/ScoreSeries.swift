/// One labelled pair of score distributions (either side may be absent), as plotted and reported together.
public struct ScoreSeries: Sendable {
    public let label: String
    public let authentic: [Double]?
    public let impostor: [Double]?
    /// The files held float32 scores: histogram edges are then computed in float32, as NumPy would.
    public let authenticIsFloat32: Bool
    public let impostorIsFloat32: Bool

    public init(
        label: String, authentic: [Double]?, impostor: [Double]?, authenticIsFloat32: Bool = false,
        impostorIsFloat32: Bool = false
    ) {
        self.label = label
        self.authentic = authentic
        self.impostor = impostor
        self.authenticIsFloat32 = authenticIsFloat32
        self.impostorIsFloat32 = impostorIsFloat32
    }

    /// d′ between authentic and impostor, when both are present.
    public var dPrime: Double? {
        guard let authentic, let impostor else { return nil }
        return Moments.decidability(ScoreTally(scores: authentic).moments, ScoreTally(scores: impostor).moments)
    }
}
