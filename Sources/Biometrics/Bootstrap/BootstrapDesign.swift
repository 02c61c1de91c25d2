/// What a group's bootstrap state was collected for: the method and the subjects it resamples.
public struct BootstrapDesign: Codable, Sendable, Equatable {
    public let method: BootstrapMethod
    public let subjects: Int
    /// `SubjectIndex.sha256`.
    public let subjectsSHA256: String

    public init(method: BootstrapMethod, subjects: Int, subjectsSHA256: String) {
        self.method = method
        self.subjects = subjects
        self.subjectsSHA256 = subjectsSHA256
    }
}
