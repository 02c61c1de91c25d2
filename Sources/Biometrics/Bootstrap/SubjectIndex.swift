import TensorCore

/// The subjects of a group, numbered for the bootstrap: every subject of the probe and gallery entries, sorted by
/// code point (as Python sorts strings), so that conditions of one group with the same subjects number them alike.
public struct SubjectIndex: Sendable {
    public let names: [String]
    /// The subject number of each probe and gallery row.
    public let probe: [Int32]
    public let gallery: [Int32]

    /// `gallery` nil: the probe is matched against itself.
    public init(probe: [FeatureEntry], gallery: [FeatureEntry]?) {
        let all = Set(probe.map(\.subject)).union(gallery?.map(\.subject) ?? [])
        names = all.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        let number = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, Int32($0.offset)) })
        self.probe = probe.map { number[$0.subject]! }
        self.gallery = gallery.map { $0.map { number[$0.subject]! } } ?? self.probe
    }

    /// SHA-256 of the names, one per line: two conditions resample alike only when these agree.
    public var sha256: String { SHA256.hex(Array(names.map { $0 + "\n" }.joined().utf8)) }
}
