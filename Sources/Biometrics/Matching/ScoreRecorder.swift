import Foundation
import TensorCore

/// Receives every kept pair in row-major order: counts its rounded score on a grid (for exact metrics without
/// keeping 10⁹ scores), keeps what the subject bootstrap needs of it, and streams it to the score files of the
/// chosen format. A struct the matcher mutates in
/// place, so the per-pair path has no reference counting or dynamic exclusivity checks. `~Copyable`, as its grids
/// and writers are.
public struct ScoreRecorder: ~Copyable {
    public let genuineGrid = ScoreGrid()
    public let impostorGrid = ScoreGrid()
    public var bootstrap: BootstrapCollector
    private var genuineScores: NPYStreamWriter?
    private var impostorScores: NPYStreamWriter?
    private var genuinePairs: NPYStreamWriter?
    private var impostorPairs: NPYStreamWriter?
    private let format: ScoreFileFormat

    /// `handles` are the open output files in `ScoreRecorder.fileNames` order.
    public init(format: ScoreFileFormat, withPairs: Bool, handles: [FileHandle], bootstrap: consuming BootstrapCollector)
        throws
    {
        self.format = format
        self.bootstrap = bootstrap
        switch format {
        case .reference:
            genuineScores = try NPYStreamWriter(handle: handles[0], dtype: .float64, columns: 3)
            impostorScores = try NPYStreamWriter(handle: handles[1], dtype: .float64, columns: 3)
        case .compact:
            genuineScores = try NPYStreamWriter(handle: handles[0], dtype: .float32, columns: nil)
            impostorScores = try NPYStreamWriter(handle: handles[1], dtype: .float32, columns: nil)
            if withPairs {
                genuinePairs = try NPYStreamWriter(handle: handles[2], dtype: .int32, columns: 2)
                impostorPairs = try NPYStreamWriter(handle: handles[3], dtype: .int32, columns: 2)
            }
        case .none:
            break
        }
    }

    /// The score files a group writes, in the order `init` expects their handles.
    public static func fileNames(group: String, format: ScoreFileFormat, withPairs: Bool) -> [String] {
        switch format {
        case .reference: ["\(group)_authentic.npy", "\(group)_impostor.npy"]
        case .compact:
            ["\(group)_authentic_scores.npy", "\(group)_impostor_scores.npy"]
                + (withPairs ? ["\(group)_authentic_pairs.npy", "\(group)_impostor_pairs.npy"] : [])
        case .none: []
        }
    }

    /// `rounded` = score·10⁶ after the reference's rounding.
    @inline(__always)
    public mutating func record(genuine: Bool, _ i: Int, _ j: Int, rounded: Float) throws {
        let score = MatchScore.value(rounded: rounded)
        bootstrap.record(genuine: genuine, i, j, rounded: rounded)
        if genuine {
            genuineGrid.add(rounded: rounded)
            switch format {
            case .reference: try genuineScores!.append(i, j, score)
            case .compact:
                try genuineScores!.append(score)
                try genuinePairs?.append(pair: i, j)
            case .none: break
            }
        } else {
            impostorGrid.add(rounded: rounded)
            switch format {
            case .reference: try impostorScores!.append(i, j, score)
            case .compact:
                try impostorScores!.append(score)
                try impostorPairs?.append(pair: i, j)
            case .none: break
            }
        }
    }

    public mutating func finish() throws {
        try genuineScores?.finish()
        try impostorScores?.finish()
        try genuinePairs?.finish()
        try impostorPairs?.finish()
    }
}
