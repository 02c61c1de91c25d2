/// Part k of n of a sorted list, for spreading one stage over n cluster jobs: the parts are contiguous, cover
/// every item exactly once and depend only on the list's length, so any one part can be rerun alone and gives the
/// same items. Written and parsed as "k/n", k counted from 1 (as Slurm array task ids usually are).
public struct Shard: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1…count.
    public let index: Int
    public let count: Int

    /// Most parts a stage may be split into: far more than any cluster array needs, small enough that a typo
    /// (a missing slash, an extra digit) is refused rather than run as a million empty jobs.
    public static let maximumCount = 100_000

    /// The whole list as one part.
    public static let whole = Shard(uncheckedIndex: 1, count: 1)

    public init(_ index: Int, of count: Int) throws {
        guard (1...Self.maximumCount).contains(count) else {
            throw FacetError(.usage, "shard \(index)/\(count): the count must be 1…\(Self.maximumCount)")
        }
        guard (1...count).contains(index) else {
            throw FacetError(.usage, "shard \(index)/\(count): the index must be 1…\(count)")
        }
        self.init(uncheckedIndex: index, count: count)
    }

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// "3/8" → part 3 of 8.
    public init(parsing text: String) throws {
        let fields = text.split(separator: "/", omittingEmptySubsequences: false)
        guard fields.count == 2, let k = Int(fields[0]), let n = Int(fields[1]) else {
            throw FacetError(.usage, "shard '\(text)': expected k/n, e.g. 3/8 (part 3 of 8)")
        }
        try self.init(k, of: n)
    }

    public var description: String { "\(index)/\(count)" }

    public var isWhole: Bool { count == 1 }

    /// The positions of this part in a list of `total` items: [⌊(k−1)·total/n⌋, ⌊k·total/n⌋).
    public func range(of total: Int) -> Range<Int> { bound(index - 1, total)..<bound(index, total) }

    /// This part's items.
    public func select<Item>(_ items: [Item]) -> ArraySlice<Item> { items[range(of: items.count)] }

    /// ⌊part·total/count⌋ without overflow for any list that fits in memory.
    private func bound(_ part: Int, _ total: Int) -> Int {
        count.dividingFullWidth(part.multipliedFullWidth(by: total)).quotient
    }
}
