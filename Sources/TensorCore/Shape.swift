/// A tensor shape of rank 0 to 4, stored inline so that making one never touches the heap.
///
/// Layout convention throughout Facet: row-major, NCHW for images and feature maps, OIHW for conv weights.
public struct Shape: Hashable, Sendable, CustomStringConvertible {
    public static let maxRank = 4
    public private(set) var rank: Int
    private var d0 = 1, d1 = 1, d2 = 1, d3 = 1

    public init(_ dims: Int...) { self.init(dims) }

    // Fixed-arity initializers: Swift builds an array for a variadic call, and these keep shape
    // construction in kernels and workspaces off the heap.
    public init(_ n0: Int) { self.init(rank: 1, n0, 1, 1, 1) }
    public init(_ n0: Int, _ n1: Int) { self.init(rank: 2, n0, n1, 1, 1) }
    public init(_ n0: Int, _ n1: Int, _ n2: Int) { self.init(rank: 3, n0, n1, n2, 1) }
    public init(_ n0: Int, _ n1: Int, _ n2: Int, _ n3: Int) { self.init(rank: 4, n0, n1, n2, n3) }

    private init(rank: Int, _ n0: Int, _ n1: Int, _ n2: Int, _ n3: Int) {
        precondition(n0 >= 0 && n1 >= 0 && n2 >= 0 && n3 >= 0, "negative dimension in \([n0, n1, n2, n3].prefix(rank))")
        self.rank = rank
        (d0, d1, d2, d3) = (n0, n1, n2, n3)
    }

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
            precondition(axis >= 0 && axis < rank, "axis \(axis) out of range for rank \(rank)")
            switch axis {
            case 0: d0 = newValue
            case 1: d1 = newValue
            case 2: d2 = newValue
            default: d3 = newValue
            }
        }
    }

    /// The dimensions as an array (allocates; for messages and setup code, not for kernels).
    public var dims: [Int] { (0..<rank).map { self[$0] } }

    /// The number of elements. Axes past `rank` are stored as 1, so the product of all four is exact.
    public var count: Int { d0 * d1 * d2 * d3 }

    /// The shape without its leading axis (rank − 1), e.g. one item of a batch.
    public var droppingFirst: Shape {
        precondition(rank > 0, "cannot drop an axis of a rank-0 shape")
        return Shape(rank: rank - 1, d1, d2, d3, 1)
    }

    public var description: String { "[" + dims.map(String.init).joined(separator: ", ") + "]" }

    // Equality and hashing are synthesized from `rank` and the four stored dimensions: unused axes are always 1,
    // so two shapes are equal exactly when their ranks and used dimensions are, and comparing never allocates.
}
