/// Keeps what the subject bootstrap needs of each pair the matcher records (`BootstrapState`). A struct over
/// owned storage that the recorder mutates in place, so the per-pair path has no reference counting: genuine and
/// exact-method pairs append to arrays, first-order impostor pairs add one to a bin of each of their subjects.
///
/// First-order counts, cache-wise: the probe row's subject is the same across a row, so its histogram row stays
/// in cache; the gallery side's subject changes along the row, and counting it there would miss the cache on
/// nearly every pair (S × 8 KB of histograms). So the gallery side's bins wait in `pendingBins`, one slot per
/// cell of the matcher's row block (B × M UInt16, 16 MB at M = 31,706), and are counted a column at a time when
/// the block ends: a column is one subject, so its histogram row stays in cache.
public struct BootstrapCollector: ~Copyable {
    private let design: BootstrapDesign
    private let probeSubjects: [Int32]
    private let gallerySubjects: [Int32]
    private var genuine: [Int32] = []
    private var impostor: [Int32] = []
    /// First-order only: S × `binCount` counts.
    private let histograms: UnsafeMutablePointer<Int32>?
    /// First-order only: (row in block) × gallery column → bin of that impostor pair, or `noPair`.
    private let pendingBins: UnsafeMutablePointer<UInt16>?
    /// The row block whose gallery-side bins are pending; −1 for none.
    private var pendingBlock = -1
    private let withinProbe: Bool
    private static let noPair = UInt16.max
    private static let blockRows = CosineMatcher.blockRows

    /// `cells`: the pairs the whole run compares (it picks the method, so every block of a run picks alike).
    public init(subjects: SubjectIndex, cells: Int, exactCellLimit: Int, withinProbe: Bool) {
        design = BootstrapDesign(
            method: BootstrapMethod.forCells(cells, exactCellLimit: exactCellLimit), subjects: subjects.names.count,
            subjectsSHA256: subjects.sha256)
        probeSubjects = subjects.probe
        gallerySubjects = subjects.gallery
        self.withinProbe = withinProbe
        if design.method == .firstOrder {
            let count = design.subjects * BootstrapMethod.binCount
            histograms = .allocate(capacity: count)
            histograms!.initialize(repeating: 0, count: count)
            let slots = Self.blockRows * subjects.gallery.count
            pendingBins = .allocate(capacity: slots)
            pendingBins!.initialize(repeating: Self.noPair, count: slots)
        } else {
            histograms = nil
            pendingBins = nil
        }
    }

    deinit {
        histograms?.deallocate()
        pendingBins?.deallocate()
    }

    /// Probe row i against gallery row j (the probe's row j within the probe), in the matcher's row-major order.
    @inline(__always)
    public mutating func record(genuine isGenuine: Bool, _ i: Int, _ j: Int, rounded: Float) {
        let score = Int32(rounded)
        let a = probeSubjects[i]
        if isGenuine {
            genuine.append(a)
            genuine.append(score)
            return
        }
        if let histograms, let pendingBins {
            let k = BootstrapMethod.bin(rounded: score)
            histograms[Int(a) * BootstrapMethod.binCount + k] &+= 1
            let block = i / Self.blockRows
            if block != pendingBlock {
                countPending()
                pendingBlock = block
            }
            pendingBins[(i - block * Self.blockRows) * gallerySubjects.count + j] = UInt16(k)
        } else {
            impostor.append(a)
            impostor.append(gallerySubjects[j])
            impostor.append(score)
        }
    }

    /// Adds the pending gallery-side bins to their subjects' histograms, a column at a time, and clears them.
    private mutating func countPending() {
        guard pendingBlock >= 0, let histograms, let pendingBins else { return }
        let columns = gallerySubjects.count
        // Within the probe a block's pairs have j > its first row.
        for j in (withinProbe ? pendingBlock * Self.blockRows : 0)..<columns {
            let row = histograms + Int(gallerySubjects[j]) * BootstrapMethod.binCount
            for r in 0..<Self.blockRows {
                let slot = pendingBins + r * columns + j
                if slot.pointee != Self.noPair {
                    row[Int(slot.pointee)] &+= 1
                    slot.pointee = Self.noPair
                }
            }
        }
        pendingBlock = -1
    }

    /// The state collected so far.
    public mutating func collectedState() -> BootstrapState {
        countPending()
        let counts = histograms.map {
            Array(UnsafeBufferPointer(start: $0, count: design.subjects * BootstrapMethod.binCount))
        }
        return BootstrapState(design: design, genuine: genuine, impostor: counts ?? impostor)
    }
}
