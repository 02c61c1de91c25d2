extension SourceRevision {
    /// The commit, or "unknown" for a build outside a git checkout.
    public static var text: String { commit ?? "unknown" }
}
