/// Keeps what the subject bootstrap needs of each pair the matcher records (`BootstrapState`). A struct over
/// owned storage that the recorder mutates in place, so the per-pair path has no reference counting: genuine and
/// exact-method pairs append to arrays, first-order impostor pairs add one to a bin of each of their subjects.
public struct BootstrapCollector: ~Copyable {
    private let design: BootstrapDesign
    private let probeSubjects: [Int32]
    private let gallerySubjects: [Int32]
    private var genuine: [Int32] = []
    private var impostor: [Int32] = []
    /// First-order only: S × `binCount` counts.
    private let histograms: UnsafeMutablePointer<Int32>?

    /// `cells`: the pairs the whole run compares (it picks the method, so every block of a run picks alike).
    public init(subjects: SubjectIndex, cells: Int, exactCellLimit: Int) {
        design = BootstrapDesign(
            method: BootstrapMethod.forCells(cells, exactCellLimit: exactCellLimit), subjects: subjects.names.count,
            subjectsSHA256: subjects.sha256)
        probeSubjects = subjects.probe
        gallerySubjects = subjects.gallery
        if design.method == .firstOrder {
            let count = design.subjects * BootstrapMethod.binCount
            histograms = .allocate(capacity: count)
            histograms!.initialize(repeating: 0, count: count)
        } else {
            histograms = nil
        }
    }

    deinit { histograms?.deallocate() }

    /// Probe row i against gallery row j (the probe's row j within the probe).
    @inline(__always)
    public mutating func record(genuine isGenuine: Bool, _ i: Int, _ j: Int, rounded: Float) {
        let score = Int32(rounded)
        let a = probeSubjects[i]
        if isGenuine {
            genuine.append(a)
            genuine.append(score)
            return
        }
        let b = gallerySubjects[j]
        if let histograms {
            let k = BootstrapMethod.bin(rounded: score)
            histograms[Int(a) * BootstrapMethod.binCount + k] &+= 1
            histograms[Int(b) * BootstrapMethod.binCount + k] &+= 1
        } else {
            impostor.append(a)
            impostor.append(b)
            impostor.append(score)
        }
    }

    /// The state collected so far.
    public var state: BootstrapState {
        let counts = histograms.map { Array(UnsafeBufferPointer(start: $0, count: design.subjects * BootstrapMethod.binCount)) }
        return BootstrapState(design: design, genuine: genuine, impostor: counts ?? impostor)
    }
}
