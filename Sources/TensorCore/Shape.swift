/// A tensor shape of rank 0 to 4, stored inline so that making one never touches the heap.
///
/// Layout convention throughout Facet: row-major, NCHW for images and feature maps, OIHW for conv weights.
public struct Shape: Hashable, Sendable, CustomStringConvertible {
    public static let maxRank = 4
    public private(set) var rank: Int
    private var d0 = 1, d1 = 1, d2 = 1, d3 = 1

    public init(_ dims: Int...) { self.init(dims) }

    public init(_ dims: [Int]) {
        precondition(dims.count <= Shape.maxRank, "Shape supports rank <= 4, got \(dims)")
        precondition(dims.allSatisfy { $0 >= 0 }, "negative dimension in \(dims)")
        rank = dims.count
        for (i, d) in dims.enumerated() { self[i] = d }
    }

    public subscript(axis: Int) -> Int {
        get {
            precondition(axis >= 0 && axis < rank, "axis \(axis) out of range for rank \(rank)")
            switch axis {
            case 0: return d0
            case 1: return d1
            case 2: return d2
            default: return d3
            }
        }
        set {
            switch axis {
            case 0: d0 = newValue
            case 1: d1 = newValue
            case 2: d2 = newValue
            default: d3 = newValue
            }
        }
    }

    public var dims: [Int] { (0..<rank).map { self[$0] } }
    public var count: Int { (0..<rank).reduce(1) { $0 * self[$1] } }
    public var description: String { "[" + dims.map(String.init).joined(separator: ", ") + "]" }

    public static func == (a: Shape, b: Shape) -> Bool { a.dims == b.dims }
    public func hash(into h: inout Hasher) { h.combine(dims) }
}
