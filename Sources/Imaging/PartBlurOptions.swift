import TensorCore

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

    /// Refuses settings no run could use, or that would take hours (see `Occlusion.maximumSigma`), before any work.
    public func validate() throws {
        try occlusion.validate()
        try SettingCheck.number(featherSigma, in: 0...Occlusion.maximumSigma, "--feather-sigma", unit: "pixels")
        try dilationOverride?.validate()
    }

    public func dilation(for part: FacePart) -> MaskDilation {
        dilationOverride ?? MaskDilation.reference(for: part.name)
    }
}
