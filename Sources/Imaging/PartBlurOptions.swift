/// Settings of `PartBlur`. The defaults are the reference recipe.
public struct PartBlurOptions: Sendable, Hashable {
    /// What replaces the part. Reference: 15×15 box blur.
    public var occlusion: Occlusion
    /// σ of the SciPy Gaussian that feathers the mask edge (reference 5, truncate 4). 0 = hard 0/255 edge.
    public var featherSigma: Double
    /// Replaces the per-part reference dilation when set.
    public var dilationOverride: MaskDilation?

    public init(occlusion: Occlusion = .reference, featherSigma: Double = 5, dilationOverride: MaskDilation? = nil) {
        self.occlusion = occlusion
        self.featherSigma = featherSigma
        self.dilationOverride = dilationOverride
    }

    public func dilation(for part: FacePart) -> MaskDilation {
        dilationOverride ?? MaskDilation.reference(for: part.name)
    }
}
