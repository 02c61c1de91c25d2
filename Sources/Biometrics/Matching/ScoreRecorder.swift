import Foundation
import TensorCore

/// Receives every kept pair in row-major order: counts its rounded score on a grid (for exact metrics without
/// keeping 10⁹ scores) and streams it to the score files of the chosen format.
public final class ScoreRecorder {
    public private(set) var genuineGrid = ScoreGrid()
    public private(set) var impostorGrid = ScoreGrid()
    private let genuineScores: NPYStreamWriter?
    private let impostorScores: NPYStreamWriter?
    private let genuinePairs: NPYStreamWriter?
    private let impostorPairs: NPYStreamWriter?
    private let format: ScoreFileFormat

    /// `handles` are the open output files in `ScoreRecorder.fileNames` order.
    public init(format: ScoreFileFormat, withPairs: Bool, handles: [FileHandle]) throws {
        self.format = format
        switch format {
        case .reference:
            genuineScores = try NPYStreamWriter(handle: handles[0], dtype: .float64, columns: 3)
            impostorScores = try NPYStreamWriter(handle: handles[1], dtype: .float64, columns: 3)
            genuinePairs = nil
            impostorPairs = nil
        case .compact:
            genuineScores = try NPYStreamWriter(handle: handles[0], dtype: .float32, columns: nil)
            impostorScores = try NPYStreamWriter(handle: handles[1], dtype: .float32, columns: nil)
            genuinePairs = withPairs ? try NPYStreamWriter(handle: handles[2], dtype: .int32, columns: 2) : nil
            impostorPairs = withPairs ? try NPYStreamWriter(handle: handles[3], dtype: .int32, columns: 2) : nil
        case .none:
            genuineScores = nil
            impostorScores = nil
            genuinePairs = nil
            impostorPairs = nil
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
    public func record(genuine: Bool, _ i: Int, _ j: Int, rounded: Float) throws {
        if genuine { genuineGrid.add(rounded: rounded) } else { impostorGrid.add(rounded: rounded) }
        guard format != .none else { return }
        let score = MatchScore.value(rounded: rounded)
        let scores = genuine ? genuineScores! : impostorScores!
        if format == .reference {
            try scores.append(i, j, score)
        } else {
            try scores.append(score)
            try (genuine ? genuinePairs : impostorPairs)?.append(pair: i, j)
        }
    }

    public func finish() throws {
        for writer in [genuineScores, impostorScores, genuinePairs, impostorPairs] { try writer?.finish() }
    }
}
